"""Fingerprints: which finding is "the same finding" after the file moved.

A baseline (``--write-baseline``) and ``--new-since REF`` compare the
findings of two versions of a file. Line numbers cannot be the key: a pull
request that inserts 20 rows above an old finding moves it without
changing it. A fingerprint is built from what the finding is *about*:

- the rule code;
- in a table row: the row's identity (its first arXiv ID, else its title,
  else the text of its first non-empty cell) and the header of the column
  the finding is in;
- outside tables: the text of the line it starts on;
- the text of the span itself (the cell, link or word it points at);
- for findings that name other places (``related`` locations, e.g. the
  other copy of a duplicated row), :func:`members` keys each place by
  content, so a finding a pull request created by adding a row is new even
  when it is anchored on an old row, and fixing one row of a group is not.

Whitespace is ignored and delimiter dashes shortened, so re-aligning a
table does not change a fingerprint. Two findings can share a fingerprint (the same placeholder in
two cells of one row); callers compare them as multisets.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from vrlint.diagnostics import Diagnostic
from vrlint.document import Document, Row, Table
from vrlint.lazyre import lazy_pattern

_SPACE = lazy_pattern(r"\s+")
_DASHES = lazy_pattern(r"-{3,}")
#: a line's list marker (``-``, ``*``, ``+``, ``12.``, ``3)``), block quote markers and indentation
_LIST_MARKER = lazy_pattern(r"^(?:[>\s]*(?:[-*+]|\d{1,9}[.)])\s+)+")
#: an arXiv identifier in a row (new style, optional version dropped)
_ARXIV_ID = lazy_pattern(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")
_OLD_ARXIV_ID = lazy_pattern(r"\b([a-z-]+(?:\.[A-Z]{2})?/\d{7})\b")


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Place:
    """What a location in a file is, independent of its line number."""

    #: the row's identity ("2301.00001", "title:Some paper") or the line's text
    context: str
    #: the header of the column, for a place inside a table row
    column: str = ""


class Locator:
    """Answers "what is at line N" for one document, reading it once."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._rows: dict[int, tuple[Table, Row]] = {}
        for table in document.tables:
            for row in table.rows:
                self._rows[row.line] = (table, row)

    def place(self, line: int, column: int) -> Place:
        found = self._rows.get(line)
        if found is None:
            if 1 <= line <= len(self.document.lines):
                # without its list marker or number: renumbering a list keeps the place
                return Place("line:" + _LIST_MARKER.sub("", _squash(self.document.line(line).text)))
            return Place("file")
        table, row = found
        header = ""
        if table.header is not None:
            for index, cell in enumerate(row.cells):
                if cell.raw_span.column <= column <= cell.raw_span.end_column and index < len(table.header.cells):
                    header = _squash(table.header.cells[index].text or table.header.cells[index].content)
                    break
        return Place(row_identity(self.document, row), header)

    def excerpt(self, start: int, end: int) -> str:
        """The span's text without whitespace and with delimiter runs
        shortened, so re-aligning a table (``vrlint format``) keeps it."""
        return _DASHES.sub("---", _SPACE.sub("", self.document.text[start:end]))


def row_identity(document: Document, row: Row) -> str:
    """A row's paper ID, else its title (first cell with words), else its text."""
    source = document.text[row.span.start : row.span.end]
    match = _ARXIV_ID.search(source) or _OLD_ARXIV_ID.search(source)
    if match:
        return "arxiv:" + match.group(1)
    for cell in row.cells:
        text = _squash(cell.text or cell.content)
        if any(ch.isalnum() for ch in text):
            return "title:" + text.casefold()
    return "row:" + _squash(source)


def related_places(diagnostic: Diagnostic, locator: Locator) -> list[Place]:
    """The other places a finding names (``related`` locations, when the
    Diagnostic has them: a duplicate's other copy, a grouped finding's members)."""
    related: Any = getattr(diagnostic, "related", None) or ()
    places = []
    for item in related if isinstance(related, Iterable) else ():
        span = getattr(item, "span", item)
        line, column = getattr(span, "line", None), getattr(span, "column", None)
        if isinstance(line, int) and isinstance(column, int):
            places.append(locator.place(line, column))
    return places


def fingerprint_parts(diagnostic: Diagnostic, locator: Locator) -> tuple[str, str, str, str]:
    """(code, context, column, excerpt): what the fingerprint hashes."""
    span = diagnostic.span
    place = locator.place(span.line, span.column)
    return diagnostic.code, place.context, place.column, locator.excerpt(span.start, span.end)


def fingerprint(diagnostic: Diagnostic, locator: Locator) -> str:
    """A short stable hash of :func:`fingerprint_parts`."""
    return _hash("\x1f".join(fingerprint_parts(diagnostic, locator)), 16)


def members(diagnostic: Diagnostic, locator: Locator) -> list[str]:
    """For a finding about several places: one key per place (its anchor and
    each related location), by content. Empty for a finding about one place.

    A grouped finding is known when each of its places was a place of a
    known finding of the same rule (compared as multisets): fixing one of
    a group's rows does not make the group new; a row a pull request adds
    to it (another copy of a duplicated paper) does.
    """
    others = related_places(diagnostic, locator)
    if not others:
        return []
    anchor = locator.place(diagnostic.span.line, diagnostic.span.column)
    return sorted(_hash(f"{diagnostic.code}\x1f{p.context}\x1f{p.column}", 12) for p in (anchor, *others))


def _hash(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


@dataclass
class Known:
    """What an earlier version had: fingerprints and grouped findings' places."""

    fingerprints: Counter[str] = field(default_factory=Counter)
    members: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic], document: Document) -> Known:
        locator = Locator(document)
        known = cls()
        for diagnostic in diagnostics:
            known.fingerprints[fingerprint(diagnostic, locator)] += 1
            known.members.update(members(diagnostic, locator))
        return known
