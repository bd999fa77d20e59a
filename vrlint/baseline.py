"""The baseline file: findings a list already had when it adopted vrlint.

``vrlint check --write-baseline`` records today's findings; later runs
report only findings that are not in it. The file is JSON, sorted and one
finding per object, so its diff in a pull request reads as "these findings
were fixed" or "these were accepted"::

    {
      "vrlint-baseline": 1,
      "findings": [
        {"path": "README.md", "code": "VR408", "fingerprint": "3f1c...", "count": 1,
         "about": "arxiv:2301.00001 | Code | http://github.com/a/b"}
      ]
    }

``path`` is relative to the baseline file's directory (``/`` separators);
``fingerprint`` is :func:`vrlint.fingerprint.fingerprint` (no line numbers);
``count`` is how many findings share it; ``about`` is for people reading
the file and is not compared; ``members``, only on findings about several
places, keys each place (:func:`vrlint.fingerprint.members`). Entries for files not checked in a run are
kept when the baseline is rewritten.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vrlint.diagnostics import Diagnostic
from vrlint.document import Document
from vrlint.fingerprint import Known, Locator, fingerprint, fingerprint_parts, members

FORMAT_KEY = "vrlint-baseline"
FORMAT_VERSION = 1
#: ``about`` is cut to this many characters
_ABOUT_LIMIT = 120


class BaselineError(Exception):
    """A baseline file that cannot be read or written (one line)."""


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    code: str
    fingerprint: str
    count: int
    about: str = ""
    #: for findings about several places: a key per place (``members``)
    members: tuple[str, ...] = ()


def subtract(diagnostics: Sequence[Diagnostic], document: Document, known: Known) -> tuple[list[Diagnostic], int]:
    """The diagnostics that are not ``known``, and how many were.

    A finding about one place is matched by fingerprint (a multiset,
    consumed); a finding about several places by its places (see
    :func:`vrlint.fingerprint.members`).
    """
    locator = Locator(document)
    remaining = Counter(known.fingerprints)
    kept: list[Diagnostic] = []
    matched = 0
    for diagnostic in diagnostics:
        key = fingerprint(diagnostic, locator)
        places = Counter(members(diagnostic, locator))
        if places and all(known.members[k] >= n for k, n in places.items()):
            matched += 1
            remaining[key] -= min(remaining[key], 1)
        elif not places and remaining[key] > 0:
            remaining[key] -= 1
            matched += 1
        else:
            kept.append(diagnostic)
    return kept, matched


def entries_for(path_key: str, diagnostics: Iterable[Diagnostic], document: Document) -> list[Entry]:
    locator = Locator(document)
    counts: Counter[tuple[str, str]] = Counter()
    about: dict[tuple[str, str], str] = {}
    places: dict[tuple[str, str], list[str]] = {}
    for diagnostic in diagnostics:
        key = (diagnostic.code, fingerprint(diagnostic, locator))
        counts[key] += 1
        places.setdefault(key, []).extend(members(diagnostic, locator))
        if key not in about:
            _, context, column, excerpt = fingerprint_parts(diagnostic, locator)
            text = " | ".join(part for part in (context, column, excerpt) if part)
            about[key] = text if len(text) <= _ABOUT_LIMIT else text[: _ABOUT_LIMIT - 1] + "…"
    return [
        Entry(path_key, code, fp, n, about[(code, fp)], tuple(sorted(places[(code, fp)])))
        for (code, fp), n in counts.items()
    ]


@dataclass
class Baseline:
    """A loaded baseline file (empty when it does not exist yet)."""

    location: Path
    entries: list[Entry] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return Path(os.path.abspath(self.location)).parent  # not resolve(): keys use the same, unresolved form

    def key(self, path: str | Path) -> str:
        """How ``path`` is named in the file: relative to its directory."""
        resolved = Path(os.path.abspath(path))
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return resolved.as_posix()

    def known(self, path: str | Path, selected: Callable[[str], bool] = lambda code: True) -> Known:
        """What is recorded for ``path`` (of the rules ``selected``)."""
        key = self.key(path)
        found = Known()
        for e in self.entries:
            if e.path == key and selected(e.code):
                found.fingerprints[e.fingerprint] += e.count
                found.members.update(e.members)
        return found

    def replace(
        self, path: str | Path, entries: Iterable[Entry], selected: Callable[[str], bool] = lambda code: True
    ) -> None:
        """Record ``entries`` for ``path``, in place of its entries of the
        rules ``selected`` (a run with ``--select VR2`` keeps the others)."""
        key = self.key(path)
        self.entries = [e for e in self.entries if e.path != key or not selected(e.code)] + list(entries)

    def dump(self) -> str:
        ordered = sorted(self.entries, key=lambda e: (e.path, e.code, e.about, e.fingerprint))
        lines = [
            "    "
            + json.dumps(
                {"path": e.path, "code": e.code, "fingerprint": e.fingerprint, "count": e.count, "about": e.about}
                | ({"members": list(e.members)} if e.members else {}),
                ensure_ascii=False,
            )
            for e in ordered
        ]
        body = ",\n".join(lines)
        return (
            "{\n"
            f'  "{FORMAT_KEY}": {FORMAT_VERSION},\n'
            '  "findings": [' + ("\n" + body + "\n  " if lines else "") + "]\n}\n"
        )


def load_baseline(location: Path, *, missing_ok: bool) -> Baseline:
    try:
        raw = location.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return Baseline(location)
        raise BaselineError(f"{location}: baseline file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{location}: cannot read the baseline: {error}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise BaselineError(f"{location}: not a vrlint baseline: {error}") from None
    if not isinstance(data, dict) or data.get(FORMAT_KEY) != FORMAT_VERSION or not isinstance(
        data.get("findings"), list
    ):
        raise BaselineError(
            f"{location}: not a vrlint baseline (expected {{\"{FORMAT_KEY}\": {FORMAT_VERSION}, \"findings\": [...]}})"
        )
    entries = []
    for number, item in enumerate(data["findings"], 1):
        try:
            entry = Entry(
                str(item["path"]), str(item["code"]), str(item["fingerprint"]), int(item["count"]),
                str(item.get("about", "")), tuple(str(m) for m in item.get("members", [])),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BaselineError(f"{location}: finding {number} needs path, code, fingerprint and count") from None
        if entry.count < 1:
            raise BaselineError(f"{location}: finding {number} has a count below 1")
        entries.append(entry)
    return Baseline(location, entries)


def save_baseline(baseline: Baseline) -> None:
    """Write the file atomically (a temporary file renamed over it), with
    the permissions a new file normally gets; a failure leaves the old one."""
    import contextlib
    import tempfile

    target = baseline.location
    temp: str | None = None
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".vrlint-tmp", dir=target.parent or ".")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(baseline.dump())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except OSError as error:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise BaselineError(f"{target}: cannot write the baseline: {error.strerror or error}") from None
