"""Results of online checks, kept on disk between runs.

One JSON Lines file per kind (``links.jsonl``, ``arxiv.jsonl``) in the
cache directory (``.vrlint-cache/`` beside the configuration file, or
beside the linted file when there is none; ``--cache-dir`` overrides).
The first line names the format; every other line is one JSON object
``{"key", "time", "value"[, "max_age"]}``, and a later line for a key wins.
Entries older than the kind's maximum age (or their own, shorter one) are
ignored.

Saving appends only the new entries (one ``write`` call, in append mode),
so runs that share a cache, in one process or several, never lose each
other's results and a big cache costs nothing to extend; the file is
rewritten without stale lines when they outnumber the live ones.  Within a
process the parsed file is kept and re-read only when it changed on disk:
linting many files against one cache reads it once.  A cache that cannot
be read is treated as empty; one that cannot be written is reported in
the summary line.

The cache may sit in a checkout that a pull request controls, so nothing in
it is trusted:

* every entry is validated: a string key, a finite time that is not in the
  future (beyond a few minutes of clock skew), an optional non-negative
  ``max_age`` that can only shorten vrlint's own limit, and a value the
  kind's validator accepts (types, no control characters). A file with one
  invalid entry is ignored as a whole, with a warning, and rewritten on the
  next save;
* the directory and the files in it are never followed through a symbolic
  link: a linked ``.vrlint-cache`` or ``links.jsonl`` is ignored with a
  warning and never written (files are opened with ``O_NOFOLLOW``, new
  ones with ``O_EXCL``);
* callers never give a fix derived from a cached value the ``safe``
  applicability, and the GitHub Action keeps its cache outside the checkout.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["CACHE_DIR_NAME", "Cache"]

CACHE_DIR_NAME = ".vrlint-cache"
_HEADER = {"format": 1, "tool": "vrlint"}

Entry = dict[str, Any]
Validator = Callable[[Any], bool]

#: seconds an entry's time may be ahead of this clock (a shared cache, clock skew)
CLOCK_SKEW = 300.0
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class InvalidCache(Exception):
    """A cache file with an entry vrlint does not accept; the message says which."""


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_entry(entry: Any, now: float, validate: Validator | None) -> str | None:
    """What is wrong with ``entry``, or None."""
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str) or "value" not in entry:
        return "not an object with a key and a value"
    if not _number(entry.get("time")):
        return "its time is not a number"
    if entry["time"] > now + CLOCK_SKEW:
        return "its time is in the future"
    if "max_age" in entry and not (_number(entry["max_age"]) and entry["max_age"] >= 0):
        return "its max_age is not a non-negative number"
    if validate is not None and not validate(entry["value"]):
        return "its value is not a result vrlint writes"
    return None


def plain_text(value: Any) -> bool:
    """A string without control characters (it may reach a terminal)."""
    return isinstance(value, str) and not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in value)

#: path -> ((mtime_ns, size), entries): files already parsed in this process
_MEMO: dict[Path, tuple[tuple[int, int], dict[str, Entry]]] = {}
_MEMO_LOCK = threading.Lock()


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _parse(text: str, validate: Validator | None = None) -> tuple[dict[str, Entry], int] | None:
    """Entries by key (later lines win) and the number of entry lines; None when the
    file is not a cache of this format. Raises :class:`InvalidCache` for an entry
    that is well-formed JSON but not a valid entry."""
    lines = text.splitlines()
    try:
        header = json.loads(lines[0]) if lines else None
    except ValueError:
        return None
    if not isinstance(header, dict) or header.get("format") != _HEADER["format"]:
        return None
    entries: dict[str, Entry] = {}
    now = time.time()
    for number, line in enumerate(lines[1:], start=2):
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):
            continue  # a line cut short by a crash: skip it
        problem = _check_entry(entry, now, validate)
        if problem is not None:
            raise InvalidCache(f"line {number}: {problem}")
        entries[entry["key"]] = entry
    return entries, len(lines) - 1


def _dump(entries: list[Entry]) -> str:
    return "".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n" for e in entries)


class Cache:
    """A thread-safe ``key -> JSON value`` store for one kind of result."""

    def __init__(
        self,
        directory: Path | None,
        kind: str,
        max_age: float,
        namespace: str = "",
        validate: Validator | None = None,
    ) -> None:
        self.directory = directory
        self.path = directory / f"{kind}.jsonl" if directory is not None else None
        self.max_age = max_age
        self.namespace = namespace
        self.validate = validate
        self.error: str | None = None
        #: why the file on disk was not used (shown as a warning)
        self.warning: str | None = None
        self._entries: dict[str, Entry] = {}
        self._new: dict[str, Entry] = {}
        #: the file exists but is not a cache vrlint can extend: rewrite it on save
        self._broken = False
        self._lock = threading.Lock()
        if self.path is not None:
            self._entries = self._load()

    def _key(self, key: str) -> str:
        return f"{self.namespace} {key}" if self.namespace else key

    def _linked(self) -> bool:
        """The directory or the file is a symbolic link: never read or write it."""
        assert self.directory is not None and self.path is not None
        for place in (self.directory, self.path):
            if place.is_symlink():
                self.warning = f"cache ignored: {place} is a symbolic link, which vrlint never follows"
                self.path = None
                return True
        return False

    def _load(self) -> dict[str, Entry]:
        assert self.path is not None
        if self._linked():
            return {}
        signature = _signature(self.path)
        if signature is None:
            return {}
        with _MEMO_LOCK:
            memo = _MEMO.get(self.path)
            if memo is not None and memo[0] == signature:
                return memo[1]
        try:
            handle = os.open(self.path, os.O_RDONLY | _NOFOLLOW)
            with os.fdopen(handle, "rb") as stream:
                text = stream.read().decode("utf-8")
        except (OSError, UnicodeError):
            text = ""
        try:
            parsed = _parse(text, self.validate)
        except InvalidCache as error:
            self.warning = f"cache ignored: {self.path}: {error}"
            parsed = None
        if parsed is None:
            self._broken = True
            return {}
        entries, lines = parsed
        now = time.time()
        live = {k: e for k, e in entries.items() if self._fresh(e, now)}
        if lines > 2 * len(live) + 100:
            self._rewrite(list(live.values()))
            signature = _signature(self.path)
        if signature is not None:
            with _MEMO_LOCK:
                _MEMO[self.path] = (signature, live)
        return live

    def _fresh(self, entry: Entry, now: float) -> bool:
        limit = entry.get("max_age")
        age = min(float(limit), self.max_age) if isinstance(limit, (int, float)) and _number(limit) else self.max_age
        elapsed = now - float(entry["time"])
        return -CLOCK_SKEW <= elapsed <= age

    def get(self, key: str) -> Any:
        """The stored value, or None when absent or older than allowed."""
        full = self._key(key)
        with self._lock:
            entry = self._new.get(full) or self._entries.get(full)
        if entry is None or not self._fresh(entry, time.time()):
            return None
        return entry["value"]

    def put(self, key: str, value: Any, max_age: float | None = None) -> None:
        """Store ``value``; ``max_age`` shortens the kind's maximum age for this entry.

        A value the validator refuses is not stored (it would make the whole
        file invalid on the next read)."""
        if self.validate is not None and not self.validate(value):
            return
        entry: Entry = {"key": self._key(key), "time": time.time(), "value": value}
        if max_age is not None:
            entry["max_age"] = max_age
        with self._lock:
            self._new[entry["key"]] = entry

    def _prepare(self) -> None:
        assert self.directory is not None and self.path is not None
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.directory.is_symlink():
            raise OSError(f"{self.directory} is a symbolic link")
        ignore = self.directory / ".gitignore"
        try:
            handle = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
        except FileExistsError:
            return
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write("# created by vrlint: never commit the online cache\n*\n")

    def _rewrite(self, entries: list[Entry]) -> None:
        assert self.path is not None
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()  # left by a crash; a link is removed, never followed
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(json.dumps(_HEADER) + "\n" + _dump(entries))
            os.replace(temp, self.path)
        except OSError as error:
            self.error = f"cannot write {self.path}: {error.strerror or error}"

    def save(self) -> None:
        """Append the new entries to the file."""
        if self.path is None or not self._new:
            return
        with self._lock:
            new = self._new
            self._new = {}
            try:
                self._prepare()
                if self._broken:
                    self._rewrite([])
                    self._broken = self.error is not None
                before = _signature(self.path)
                text = (json.dumps(_HEADER) + "\n" if before is None else "") + _dump(list(new.values()))
                descriptor = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o666)
                with os.fdopen(descriptor, "a+b") as handle:
                    if before is not None and before[1] > 0:
                        handle.seek(-1, os.SEEK_END)
                        if handle.read(1) != b"\n":
                            text = "\n" + text  # a line cut short by a crash stays on its own
                    handle.write(text.encode("utf-8"))
            except OSError as error:
                self.error = f"cannot write {self.path}: {error.strerror or error}"
                return
            self._entries = {**self._entries, **new}
            after = _signature(self.path)
            with _MEMO_LOCK:
                memo = _MEMO.pop(self.path, None)
                # keep the parsed file only when nobody else wrote to it since it was parsed
                if after is not None and before is None:
                    _MEMO[self.path] = (after, dict(new))
                elif after is not None and memo is not None and memo[0] == before:
                    _MEMO[self.path] = (after, {**memo[1], **new})
