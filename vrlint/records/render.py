"""Records back to Markdown: a canonical table row for an entry.

Used by the export round-trip property (record → row → record) and by
tools that generate rows; the cells are written from their raw source, so
escapes, code spans and HTML survive exactly.
"""

from __future__ import annotations

from vrlint.records.models import Entry, TableRecord

_DELIMITERS = {None: "---", "left": ":--", "center": ":-:", "right": "--:"}


def _cell(text: str) -> str:
    return text.strip(" \t")


def canonical_row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def entry_row(entry: Entry, columns: int) -> str:
    cells = [cell.raw for cell in entry.cells]
    cells += [""] * (columns - len(cells))
    return canonical_row(cells + entry.extra_cells)


def table_markdown(table: TableRecord, header_raw: list[str] | None = None) -> str:
    header = header_raw if header_raw is not None else table.headers
    lines = [
        canonical_row(header),
        "| " + " | ".join(_DELIMITERS[a] for a in table.alignments) + " |",
    ]
    lines.extend(entry_row(entry, len(table.headers)) for entry in table.entries)
    return "\n".join(lines) + "\n"
