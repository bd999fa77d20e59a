"""Add a paper row to a README table, in the table's style and order.

:func:`add_row` works on text: it picks the table (``section`` or
``table_line``, or the only paper table), refuses a paper the file already
lists, writes the row with :func:`vrlint.rows.style.render_row`, inserts it
where the table's order puts it (the end when it has none) and checks the
result: every other line is unchanged and the table has exactly one more
row, of the header's width. Writing the file is the caller's business.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from vrlint.document import Document, Table
from vrlint.lazyre import lazy_pattern
from vrlint.parsing import parse
from vrlint.records.arxiv import parse_arxiv_url
from vrlint.records.extract import extract_tables
from vrlint.records.models import TableRecord
from vrlint.rows.dateformat import Date, read_date
from vrlint.rows.order import Order, detect_order, insertion_index, title_key
from vrlint.rows.style import Paper, TableStyle, escape_cell, learn_style, render_cells, render_row
from vrlint.text.keys import folded_key


class AddError(Exception):
    """The row cannot be added; ``exit_code`` 1 for a duplicate, 2 for a usage problem."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True, slots=True)
class Added:
    text: str
    #: the new row's line number in ``text``
    line: int
    row: str
    table: TableRecord
    order: Order | None


def _where(record: TableRecord) -> str:
    path = " > ".join(record.heading_path) or "(no heading)"
    return f"line {record.line} ({path})"


def paper_tables(document: Document, overrides: Mapping[str, str] | None = None) -> list[tuple[Table, TableRecord]]:
    """The tables that list papers: a title column and at least one row."""
    pairs = list(zip(document.tables, extract_tables(document, overrides), strict=True))
    return [(t, r) for t, r in pairs if r.entries and "title" in r.roles]


def find_duplicate(document: Document, records: list[TableRecord], paper: Paper) -> str | None:
    """Where the file already lists ``paper`` (same arXiv ID or same title), if it does."""
    if paper.arxiv_id:
        for link in document.links:
            parsed = parse_arxiv_url(link.url)
            if parsed is not None and parsed.id.id == paper.arxiv_id:
                return f"arXiv {paper.arxiv_id} is already listed at line {link.span.line}"
        for record in records:
            for entry in record.entries:
                if paper.arxiv_id in entry.arxiv_ids:
                    return f"arXiv {paper.arxiv_id} is already listed at line {entry.line}"
    wanted = folded_key(paper.title)  # VR701's key: what add lets in, VR701 does not then flag
    for record in records:
        for entry in record.entries:
            if wanted and entry.title and folded_key(entry.title) == wanted:
                return f"{paper.title!r} is already listed at line {entry.line}"
    return None


def choose_table(
    tables: list[tuple[Table, TableRecord]], section: str | None, table_line: int | None
) -> tuple[Table, TableRecord]:
    if not tables:
        raise AddError("the file has no table of papers to add to")
    if table_line is not None:
        for table, record in tables:
            if table.start_line <= table_line <= table.end_line:
                return table, record
        raise AddError(f"no table of papers at line {table_line}; tables: " + _listing(tables))
    candidates = tables
    if section is not None:
        wanted = section.casefold().strip()
        exact = [(t, r) for t, r in tables if any(h.casefold() == wanted for h in r.heading_path)]
        candidates = exact or [(t, r) for t, r in tables if any(wanted in h.casefold() for h in r.heading_path)]
        if not candidates:
            raise AddError(f"no table of papers under a heading {section!r}; tables: " + _listing(tables))
    if len(candidates) > 1:
        raise AddError("which table? give --section or --table; candidates: " + _listing(candidates))
    return candidates[0]


def _listing(tables: list[tuple[Table, TableRecord]], limit: int = 12) -> str:
    shown = "; ".join(_where(record) for _, record in tables[:limit])
    return shown + (f"; and {len(tables) - limit} more" if len(tables) > limit else "")


def add_row(
    text: str,
    paper: Paper,
    *,
    section: str | None = None,
    table_line: int | None = None,
    allow_duplicate: bool = False,
    overrides: Mapping[str, str] | None = None,
) -> Added:
    """``text`` with ``paper``'s row added; raises :class:`AddError`."""
    if paper.date is None and paper.arxiv_id:
        paper = replace(paper, date=id_month(paper.arxiv_id))
    document = parse(text)
    tables = paper_tables(document, overrides)
    if not allow_duplicate:
        duplicate = find_duplicate(document, [r for _, r in tables], paper)
        if duplicate is not None:
            raise AddError(f"{duplicate} (--allow-duplicate adds it anyway)", exit_code=1)
    table, record = choose_table(tables, section, table_line)
    style = learn_style(document, table, record)
    row = render_row(paper, style)
    if escape_cell(paper.title) not in row:
        raise AddError(
            f"not added: the rows of the table at line {table.start_line} do not show their papers' titles "
            "in a way vrlint can copy (give another --table, or add the row by hand)"
        )
    order = detect_order(record)
    index = insertion_index(record, order, _row_key(style, order, paper))
    new_text, line = _insert(document, table, index, row)
    _verify(text, new_text, table, line)
    return Added(new_text, line, row, record, order)


_NEW_STYLE_ID = lazy_pattern(r"^(\d\d)(0[1-9]|1[0-2])\.\d{4,5}$")


def id_month(arxiv_id: str) -> Date | None:
    """The month a new-style arXiv ID was submitted in (``2503.05379``: March 2025)."""
    found = _NEW_STYLE_ID.match(arxiv_id)
    return Date(2000 + int(found.group(1)), int(found.group(2))) if found else None


def _row_key(style: TableStyle, order: Order | None, paper: Paper) -> tuple[int, int, int] | str | None:
    if order is None:
        return None
    if order.by == "title":
        return title_key(paper.title)
    if style.date_format is None or paper.date is None:
        return None
    # the date as the row writes it, so it compares at the table's precision
    for column, cell in zip(style.columns, render_cells(paper, style), strict=True):
        if column.role == "time":
            found = read_date(cell)
            if found is not None:
                return found.key()
    return None


def _insert(document: Document, table: Table, index: int, row: str) -> tuple[str, int]:
    """The document's text with ``row`` as body row ``index`` of ``table``."""
    rows = table.rows
    neighbour = rows[index] if index < len(rows) else rows[-1]
    prefix = table.prefixes[neighbour.line - table.start_line] if table.prefixes else ""
    lines = document.lines
    if index < len(rows):
        at = rows[index].line - 1  # 0-based list position of the line the row goes before
        ending = lines[at].ending
    else:
        at = rows[-1].line
        ending = lines[at - 1].ending
    new_line = prefix + row
    parts = [line.text + line.ending for line in lines]
    if ending:
        parts.insert(at, new_line + ending)
    else:  # the table ends the file without a final newline: keep it that way
        fallback = next((line.ending for line in lines if line.ending), "\n")
        parts[at - 1] = lines[at - 1].text + fallback
        parts.insert(at, new_line)
    return document.bom + "".join(parts), at + 1


def _verify(before: str, after: str, table: Table, line: int) -> None:
    """The new row is one more row of the same table, and nothing else changed."""
    document = parse(after)
    grown = next((t for t in document.tables if t.start_line == table.start_line), None)
    problem = None
    if grown is None or len(grown.rows) != len(table.rows) + 1:
        problem = "the table would not get exactly one more row"
    else:
        new = next((r for r in grown.rows if r.line == line), None)
        if new is None or len(new.cells) != table.columns:
            problem = f"the new row would not have the table's {table.columns} cells"
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    if new_lines[: line - 1] + new_lines[line:] != old_lines and (
        [s.rstrip("\r\n") for s in new_lines[: line - 1] + new_lines[line:]] != [s.rstrip("\r\n") for s in old_lines]
    ):
        problem = problem or "other lines would change"
    if problem is not None:
        raise AddError(f"not added: {problem}")


def paper_from(
    title: str | None,
    arxiv_id: str | None = None,
    date: str | None = None,
    code: str | None = None,
    venue: str | None = None,
) -> Paper:
    """A :class:`Paper` from the words a user typed (``--date 2025-03-07``, ``--venue "CVPR 2025"``)."""
    from vrlint.records.dates import split_venue

    if not title or not title.strip():
        raise AddError("a title is needed (--title, or an arXiv ID the API knows)")
    parsed_date = None
    if date:
        parsed_date = read_date(date)
        if parsed_date is None:
            raise AddError(f"--date {date!r} is not a date (write 2025-03-07 or 2025-03)")
    venue_name = venue_year = None
    if venue:
        venue_name, venue_year = split_venue(venue)
    return Paper(
        title=" ".join(title.split()),
        arxiv_id=arxiv_id,
        date=parsed_date,
        code=code or None,
        venue=venue_name,
        venue_year=venue_year,
    )
