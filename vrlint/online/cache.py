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
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

__all__ = ["CACHE_DIR_NAME", "Cache"]

CACHE_DIR_NAME = ".vrlint-cache"
_HEADER = {"format": 1, "tool": "vrlint"}

Entry = dict[str, Any]

#: path -> ((mtime_ns, size), entries): files already parsed in this process
_MEMO: dict[Path, tuple[tuple[int, int], dict[str, Entry]]] = {}
_MEMO_LOCK = threading.Lock()


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _parse(text: str) -> tuple[dict[str, Entry], int] | None:
    """Entries by key (later lines win) and the number of entry lines; None when the
    file is not a cache of this format."""
    lines = text.splitlines()
    try:
        header = json.loads(lines[0]) if lines else None
    except ValueError:
        return None
    if not isinstance(header, dict) or header.get("format") != _HEADER["format"]:
        return None
    entries: dict[str, Entry] = {}
    for line in lines[1:]:
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a line cut short by a crash: skip it
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("key"), str)
            and isinstance(entry.get("time"), (int, float))
            and "value" in entry
        ):
            entries[entry["key"]] = entry
    return entries, len(lines) - 1


def _dump(entries: list[Entry]) -> str:
    return "".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n" for e in entries)


class Cache:
    """A thread-safe ``key -> JSON value`` store for one kind of result."""

    def __init__(self, directory: Path | None, kind: str, max_age: float, namespace: str = "") -> None:
        self.directory = directory
        self.path = directory / f"{kind}.jsonl" if directory is not None else None
        self.max_age = max_age
        self.namespace = namespace
        self.error: str | None = None
        self._entries: dict[str, Entry] = {}
        self._new: dict[str, Entry] = {}
        #: the file exists but is not a cache vrlint can extend: rewrite it on save
        self._broken = False
        self._lock = threading.Lock()
        if self.path is not None:
            self._entries = self._load()

    def _key(self, key: str) -> str:
        return f"{self.namespace} {key}" if self.namespace else key

    def _load(self) -> dict[str, Entry]:
        assert self.path is not None
        signature = _signature(self.path)
        if signature is None:
            return {}
        with _MEMO_LOCK:
            memo = _MEMO.get(self.path)
            if memo is not None and memo[0] == signature:
                return memo[1]
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            text = ""
        parsed = _parse(text)
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
        age = min(float(limit), self.max_age) if isinstance(limit, (int, float)) else self.max_age
        return now - float(entry["time"]) <= age

    def get(self, key: str) -> Any:
        """The stored value, or None when absent or older than allowed."""
        full = self._key(key)
        with self._lock:
            entry = self._new.get(full) or self._entries.get(full)
        if entry is None or not self._fresh(entry, time.time()):
            return None
        return entry["value"]

    def put(self, key: str, value: Any, max_age: float | None = None) -> None:
        """Store ``value``; ``max_age`` shortens the kind's maximum age for this entry."""
        entry: Entry = {"key": self._key(key), "time": time.time(), "value": value}
        if max_age is not None:
            entry["max_age"] = max_age
        with self._lock:
            self._new[entry["key"]] = entry

    def _prepare(self) -> None:
        assert self.directory is not None and self.path is not None
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by vrlint: never commit the online cache\n*\n", encoding="utf-8")

    def _rewrite(self, entries: list[Entry]) -> None:
        assert self.path is not None
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            temp.write_text(json.dumps(_HEADER) + "\n" + _dump(entries), encoding="utf-8")
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
                with self.path.open("a+b") as handle:
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
