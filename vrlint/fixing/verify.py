"""The refuse-to-write checks run on every formatted or fixed document.

Formatting may only move whitespace, add outer pipes and empty cells, and
respell check marks. :func:`verify_format` compares the tables of the
document before and after and names the first one that would render
differently, so the CLI can refuse to write (exit 2) instead of damaging a
README.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from vrlint.diagnostics import Edit
from vrlint.document import Document, Row, Table

__all__ = ["STRUCTURAL_FIXES", "OffsetMap", "verify_fixes", "verify_format"]


def _short(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)


def _only_mark_changed(before: str, after: str) -> bool:
    """Both cells are exactly one mark with the same meaning (``&#10003;`` ->
    ``✓``). ``read_mark`` alone is too lenient here: it reads words and
    padded text (``\v x``, ``no``) as marks too, and those are never respelled."""
    from vrlint.fixing.format import is_bare_mark

    meaning = is_bare_mark(before.strip())
    return meaning is not None and is_bare_mark(after.strip()) == meaning


def _compare_rows(table: Table, index: int, old: Row, new: Row, columns: int) -> str | None:
    where = f"table at line {table.start_line}"
    name = "header row" if index == 0 else f"row {index} (line {old.line})"
    for column, (a, b) in enumerate(zip(old.rendered(columns), new.rendered(columns), strict=True), 1):
        before = a.content if a is not None else ""
        after = b.content if b is not None else ""
        if before != after and not _only_mark_changed(before, after):
            return f"{where}: {name}, column {column}: {_short(before)} would become {_short(after)}"
    extra_old = [cell.content for cell in old.cells[columns:]]
    extra_new = [cell.content for cell in new.cells[columns:]]
    if extra_old != extra_new:
        return f"{where}: {name}: the cells past column {columns} {extra_old!r} would become {extra_new!r}"
    return None


def verify_format(before: Document, after: Document) -> str | None:
    """None when ``after`` has the same tables as ``before`` (same order,
    columns, alignments, rows and cell contents, padding ignored, check-mark
    respelling allowed); else a one-line message naming the table by its
    line in ``before`` and the first differing cell."""
    old_tables, new_tables = before.tables, after.tables
    if len(old_tables) != len(new_tables):
        count = f"{len(old_tables)} tables would become {len(new_tables)}"
        new_starts = {table.start_line for table in new_tables}
        lost = next((t for t in old_tables if t.start_line not in new_starts), None)
        if lost is not None:
            return f"{count}: the table at line {lost.start_line} would no longer start there"
        old_starts = {table.start_line for table in old_tables}
        gained = next((t for t in new_tables if t.start_line not in old_starts), new_tables[-1])
        return f"{count}: a new table would start at line {gained.start_line}"
    for old, new in zip(old_tables, new_tables, strict=True):
        where = f"table at line {old.start_line}"
        if old.columns != new.columns:
            return f"{where}: {old.columns} columns would become {new.columns}"
        if old.alignments != new.alignments:
            return f"{where}: column alignments {old.alignments} would become {new.alignments}"
        old_rows, new_rows = old.all_rows, new.all_rows
        if len(old_rows) != len(new_rows):
            return (
                f"{where}: {len(old_rows) - 1} body rows would become {len(new_rows) - 1} "
                f"(the table would end at line {new.end_line} instead of {old.end_line})"
            )
        for index, (a, b) in enumerate(zip(old_rows, new_rows, strict=True)):
            problem = _compare_rows(old, index, a, b, old.columns)
            if problem is not None:
                return problem
    return None


# -- fixes -------------------------------------------------------------------------------
#: Fixes meant to change a table's rows, not only cell text: VR103 makes a
#: paragraph into a table, VR105 ends a table before a swallowed line,
#: VR108 joins a row split over two lines, VR109 brings rows cut off below
#: a table back into it. Every other fix may change the text of the cells
#: it edits and nothing else of any table. A structural edit reshapes the
#: table whose lines, or the line just above or below, it touches.
STRUCTURAL_FIXES = frozenset({"VR103", "VR105", "VR108", "VR109"})


class OffsetMap:
    """Where an offset of the text before a round of edits lands after it."""

    def __init__(self, edits: Sequence[Edit]) -> None:
        self.edits = sorted(edits, key=lambda e: (e.start, e.end))
        self._ends = [e.end for e in self.edits]
        self._shift = list(itertools.accumulate((len(e.content) - (e.end - e.start) for e in self.edits), initial=0))

    def __call__(self, offset: int) -> int:
        """The new offset of ``offset`` (an offset inside an edit maps to
        the start of its replacement)."""
        index = bisect.bisect_right(self._ends, offset)
        if index < len(self.edits) and self.edits[index].start < offset:
            return self.edits[index].start + self._shift[index]
        return offset + self._shift[index]

    def replaced(self) -> list[tuple[int, int]]:
        """The (start, end) of every edit's replacement in the new text."""
        return [(e.start + self._shift[i], e.start + self._shift[i] + len(e.content)) for i, e in enumerate(self.edits)]


def _table_bounds(document: Document, table: Table) -> tuple[int, int]:
    last = document.line(table.end_line)
    return document.line(table.start_line).start, last.start + len(last.text)


def _edited_lines(document: Document, edits: Sequence[Edit]) -> set[int]:
    """The lines of ``document`` that ``edits`` replace text on or insert into."""
    lines: set[int] = set()
    if not document.lines:
        return lines
    for edit in edits:
        first, _ = document.position(edit.start)
        last, _ = document.position(max(edit.end - 1, edit.start))
        lines.update(range(first, last + 1))
    return lines


def verify_fixes(before: Document, after: Document, edits: Sequence[Edit], structural: Sequence[Edit]) -> str | None:
    """None when the fixes whose ``edits`` (all of them; ``structural``:
    those of :data:`STRUCTURAL_FIXES`) turned ``before`` into ``after``
    left every table as cmark-gfm sees it, except what they were meant to
    change: the text of the cells they edit, and, for structural fixes, the
    rows of the table they edit (or a new table where they edit). Else a
    one-line reason."""
    moved = OffsetMap(edits)
    by_start = {table.start_line: table for table in after.tables}
    edited = _edited_lines(before, edits)
    reshaping_lines = _edited_lines(before, structural)
    matched: set[int] = set()
    for old in before.tables:
        start, _ = _table_bounds(before, old)
        reshaped = any(n in reshaping_lines for n in range(old.start_line - 1, old.end_line + 2))
        new_line = after.position(moved(start))[0] if after.lines else 0
        new = by_start.get(new_line)
        where = f"table at line {old.start_line}"
        if new is None:
            return f"{where} would no longer be a table"
        matched.add(new.start_line)
        if old.columns != new.columns:
            return f"{where}: {old.columns} columns would become {new.columns}"
        if reshaped:
            continue
        if old.alignments != new.alignments:
            return f"{where}: column alignments {old.alignments} would become {new.alignments}"
        old_rows, new_rows = old.all_rows, new.all_rows
        if len(old_rows) != len(new_rows):
            return f"{where}: {len(old_rows) - 1} body rows would become {len(new_rows) - 1}"
        for index, (a, b) in enumerate(zip(old_rows, new_rows, strict=True)):
            if a.line in edited:
                continue
            if [c.content for c in a.cells] != [c.content for c in b.cells]:
                name = "header row" if index == 0 else f"row {index} (line {a.line})"
                return f"{where}: {name} would change, but no fix edits it"
    reshaping = set(structural)
    structural_spans = [span for span, edit in zip(moved.replaced(), moved.edits, strict=True) if edit in reshaping]
    for table in after.tables:
        if table.start_line in matched:
            continue
        start, end = _table_bounds(after, table)
        if not any(s <= end and e >= start for s, e in structural_spans):
            return f"a new table would start at line {table.start_line}"
    return None
