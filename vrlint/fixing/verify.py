"""The refuse-to-write check run on every formatted document.

Formatting may only move whitespace, add outer pipes and empty cells, and
respell check marks. :func:`verify_format` compares the tables of the
document before and after and names the first one that would render
differently, so the CLI can refuse to write (exit 2) instead of damaging a
README.
"""

from __future__ import annotations

from vrlint.document import Document, Row, Table

__all__ = ["verify_format"]


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
