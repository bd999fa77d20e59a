"""A table's own style, learned from its rows, and a paper row written in it.

Every body cell is turned into a *template*: its raw source with the row's
own facts cut out and replaced by slots (the arXiv ID, the title, the date,
the code repository, the venue...). ``[**Prismer**](http://arxiv.org/abs/2303.02506)``
becomes ``[**{title}**](http://arxiv.org/abs/{arxiv})``; a shields.io badge
``badge/arXiv-2604.05546-b31b1b`` keeps its label, colour, style and logo and
gets an ``{arxiv}`` slot. The templates the rows of a column share are the
column's style; a new row fills the most used template whose slots it can
fill, preferring those that show a fact the paper has and some rows lack (a
code link). A column whose cells are free text (a description, an
affiliation) gets the column's own empty-cell placeholder (``-``, ``—``, ``N/A``).

The cell padding, the pipes at the ends, and the width of a hand-aligned
column are learned the same way, so the new row looks typed by the author.
:func:`render_row` is the Python API: a :class:`Paper` in a :class:`TableStyle`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from vrlint.document import Document, Row, Table
from vrlint.records.dates import split_venue
from vrlint.records.models import ColumnRole, Entry, TableRecord
from vrlint.records.urls import classify_url
from vrlint.rows.dateformat import Date, find_dates, table_format, write_date

#: a template: literal text and slot names, alternating as written (a slot is ``(name,)``)
Template = tuple[str | tuple[str], ...]

#: facts a row may lack; a template showing one the paper has is preferred
OPTIONAL_SLOTS = frozenset({"code", "repo", "repo_path", "venue", "venue_year"})
#: venue names that mean "not published yet": kept literally, with the row's year
PREPRINT_VENUES = frozenset({"arxiv", "preprint", "corr", "arxiv preprint", "pre-print"})
#: a cell with this visible text says "nothing here"
EMPTY_TEXTS = frozenset({"", "-", "--", "—", "–", "n/a", "na", "/", "none", "null", "x"})

_SPACE = " \t"


@dataclass(frozen=True, slots=True)
class Paper:
    """The facts a row shows. ``code`` is a repository URL; ``venue`` the
    venue's name without its year (``CVPR``), ``venue_year`` its year."""

    title: str
    arxiv_id: str | None = None
    date: Date | None = None
    code: str | None = None
    venue: str | None = None
    venue_year: int | None = None

    def slots(self) -> dict[str, str]:
        """The text each slot is filled with (``date`` is written by the table's format)."""
        values: dict[str, str] = {"title": escape_cell(self.title)}
        short = short_name(self.title)
        if short:
            values["short"] = escape_cell(short)
        if self.arxiv_id:
            values["arxiv"] = self.arxiv_id
        if self.date is not None:
            values["year"] = str(self.date.year)
        if self.code:
            values["code"] = self.code
            owner_repo = github_repo(self.code)
            if owner_repo:
                values["repo_path"] = "/".join(owner_repo)
                values["repo"] = owner_repo[1]
        if self.venue:
            values["venue"] = escape_cell(self.venue)
            if self.venue_year is not None:
                values["venue_year"] = str(self.venue_year)
        return values


def escape_cell(text: str) -> str:
    """Text safe inside a table cell: a pipe would split it."""
    return text.replace("|", "\\|")


def short_name(title: str) -> str | None:
    """The name before a title's colon (``GLM-5`` of ``GLM-5: from Vibe Coding...``)."""
    head, colon, _rest = title.partition(":")
    head = head.strip()
    return head if colon and 0 < len(head) <= 40 else None


def github_repo(url: str) -> tuple[str, str] | None:
    info = classify_url(url)
    if info.kind == "github_repo" and info.owner and info.name:
        return info.owner, info.name
    return None


def is_preprint(venue: str | None) -> bool:
    return venue is None or venue.strip().lower() in PREPRINT_VENUES


def slots_of(template: Template) -> frozenset[str]:
    return frozenset(part[0] for part in template if isinstance(part, tuple))


@dataclass
class ColumnStyle:
    index: int
    role: ColumnRole
    templates: Counter[Template] = field(default_factory=Counter)
    #: the raw text of the column's empty cells, most used first
    empties: Counter[str] = field(default_factory=Counter)
    padding: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: every row pads this column to the same width (a hand-aligned table)
    width: int | None = None
    cells: int = 0

    @property
    def empty(self) -> str:
        return self.empties.most_common(1)[0][0] if self.empties else ""


@dataclass
class TableStyle:
    columns: list[ColumnStyle]
    date_format: str | None
    leading_pipe: bool = True
    trailing_pipe: bool = True
    #: text before the first pipe and after the last (``""`` mostly)
    indent: str = ""
    tail: str = ""
    rows: int = 0


# -- learning -----------------------------------------------------------------------------------
def _row_slots(entry: Entry) -> dict[str, str]:
    """A sibling row's facts, to cut out of its cells."""
    values: dict[str, str] = {}
    if entry.id and entry.id.startswith("arXiv:"):
        values["arxiv"] = entry.id.removeprefix("arXiv:")
    if entry.title:
        values["title"] = entry.title
        short = short_name(entry.title)
        if short:
            values["short"] = short
    if entry.code:
        values["code"] = entry.code[0].url
        values["repo_path"] = f"{entry.code[0].owner}/{entry.code[0].name}"
        values["repo"] = entry.code[0].name
    return values


#: the order slots are cut out in: longer, more specific facts first
_CUT_ORDER = ("code", "title", "repo_path", "arxiv", "venue", "venue_year", "year", "repo", "short")
#: slots that must stand alone (not inside a longer word or number)
_BOUNDED = frozenset({"arxiv", "year", "venue_year", "venue", "repo", "short"})


def templatize(raw: str, values: dict[str, str], cut: list[tuple[int, int, str]] | None = None) -> Template:
    """``raw`` with each fact replaced by its slot; ``cut`` are spans already known (the date)."""
    spans: list[tuple[int, int, str]] = list(cut or [])
    for name in _CUT_ORDER:
        value = values.get(name)
        if not value:
            continue
        start = 0
        while True:
            found = raw.find(value, start)
            if found < 0:
                break
            end = found + len(value)
            start = end
            if name in _BOUNDED and (
                (found > 0 and raw[found - 1].isalnum()) or (end < len(raw) and raw[end].isalnum())
            ):
                continue
            if any(found < e and s < end for s, e, _ in spans):
                continue
            spans.append((found, end, name))
    spans.sort()
    parts: list[str | tuple[str]] = []
    position = 0
    for start, end, name in spans:
        if start > position:
            parts.append(raw[position:start])
        parts.append((name,))
        position = end
    if position < len(raw):
        parts.append(raw[position:])
    return tuple(parts)


def _is_empty(text: str) -> bool:
    return text.strip().strip("`").strip().lower() in EMPTY_TEXTS


def learn_style(document: Document, table: Table, record: TableRecord) -> TableStyle:
    """The style of ``table``'s body rows (``record`` is its extracted records)."""
    columns = [ColumnStyle(index, role) for index, role in enumerate(record.roles)]
    time_columns = [i for i, role in enumerate(record.roles) if role == "time"]
    date_format = table_format(
        row.cells[i].text for row in table.rows for i in time_columns if i < len(row.cells)
    )
    style = TableStyle(columns, date_format, rows=len(table.rows))
    lead_pipes = trail_pipes = 0
    indents: Counter[str] = Counter()
    tails: Counter[str] = Counter()
    widths: list[set[int]] = [set() for _ in columns]
    for row, entry in zip(table.rows, record.entries, strict=True):
        lead_pipes += row.leading_pipe
        trail_pipes += row.trailing_pipe
        indent, tail = _row_ends(document, table, row)
        indents[indent] += 1
        tails[tail] += 1
        values = _row_slots(entry)
        for cell in row.cells[: len(columns)]:
            column = columns[cell.index]
            column.cells += 1
            raw = _between_pipes(document, cell.raw_span.start, cell.raw_span.end)
            content = raw.strip(_SPACE)
            lead = raw[: len(raw) - len(raw.lstrip(_SPACE))]
            trail = raw[len(raw.rstrip(_SPACE)) :] if content else ""
            column.padding[(lead, trail)] += 1
            widths[cell.index].add(len(raw))
            if _is_empty(cell.text) and not any(link for link in ("](http", "<img") if link in content):
                column.empties[content] += 1
                continue
            column.templates[_cell_template(content, cell.text, column.role, values, entry)] += 1
    for column, seen in zip(columns, widths, strict=True):
        if column.cells >= 3 and len(seen) == 1:
            column.width = seen.pop()
    style.leading_pipe = lead_pipes * 2 >= len(table.rows)
    style.trailing_pipe = trail_pipes * 2 >= len(table.rows)
    style.indent = indents.most_common(1)[0][0] if indents else ""
    style.tail = tails.most_common(1)[0][0] if tails else ""
    return style


def _cell_template(content: str, text: str, role: ColumnRole, values: dict[str, str], entry: Entry) -> Template:
    cut: list[tuple[int, int, str]] = []
    values = dict(values)
    if role == "time":
        found = find_dates(content)
        if found:
            cut.append((found[0].start, found[0].end, "date"))
    elif role == "venue":
        name, year = split_venue(text)
        if year is not None:
            values["venue_year" if not is_preprint(name) else "year"] = str(year)
        if name and not is_preprint(name):
            values["venue"] = name
    return templatize(content, values, cut)


def _between_pipes(document: Document, start: int, end: int) -> str:
    """A cell's source with the spaces before it that cmark-gfm leaves out of ``raw``."""
    text = document.text
    while start > 0 and text[start - 1] in _SPACE:
        start -= 1
    return text[start:end]


def _row_ends(document: Document, table: Table, row: Row) -> tuple[str, str]:
    """The text of a row's line before its first cell's pipe and after its last."""
    line = document.line(row.line).text
    prefix = table.prefixes[row.line - table.start_line] if table.prefixes else ""
    body = line[len(prefix) :]
    stripped = body.lstrip(_SPACE)
    indent = body[: len(body) - len(stripped)]
    tail = body[len(body.rstrip(_SPACE)) :]
    return indent, tail


# -- writing ------------------------------------------------------------------------------------
def fill(template: Template, values: dict[str, str]) -> str:
    return "".join(values[part[0]] if isinstance(part, tuple) else part for part in template)


def _choose(column: ColumnStyle, values: dict[str, str], rows: int) -> Template | None:
    """The column's template for a row with ``values``: see the module docstring."""
    have = frozenset(values)
    least = 2 if rows >= 3 else 1
    best: tuple[int, int] | None = None
    chosen: Template | None = None
    for template, count in column.templates.most_common():
        slots = slots_of(template)
        if not slots <= have or count < least:
            continue
        if not slots and (column.role == "modality" or count * 2 < column.cells):
            continue  # a repeated word is the column's style only where most rows say it
        score = (len(slots & OPTIONAL_SLOTS), count)
        if best is None or score > best:
            best, chosen = score, template
    return chosen


def render_cells(paper: Paper, style: TableStyle) -> list[str]:
    """The cells' contents (no padding) of ``paper``'s row in ``style``."""
    values = paper.slots()
    if paper.date is not None and style.date_format is not None:
        written = write_date(paper.date, style.date_format)
        if written is not None:
            values["date"] = written
    cells: list[str] = []
    for column in style.columns:
        template = _choose(column, values, style.rows)
        cells.append(fill(template, values) if template is not None else column.empty)
    return cells


def _pad(column: ColumnStyle, content: str) -> str:
    lead, trail = column.padding.most_common(1)[0][0] if column.padding else (" ", " ")
    if not content:
        trail = ""
    cell = lead + content + trail
    if column.width is not None and len(cell) < column.width:
        cell = cell + " " * (column.width - len(cell))
    elif column.width is not None and not trail and content:
        cell += " "
    return cell


def render_row(paper: Paper, style: TableStyle) -> str:
    """``paper``'s row as its table's authors write one (without line prefix or ending)."""
    cells = [_pad(column, content) for column, content in zip(style.columns, render_cells(paper, style), strict=True)]
    row = "|".join(cells)
    if style.leading_pipe:
        row = "|" + row
    if style.trailing_pipe:
        row = row + "|"
    return style.indent + row + style.tail


def rows_style(document: Document, tables: Iterable[tuple[Table, TableRecord]]) -> list[TableStyle]:
    """Styles of several tables (for regenerating rows from exported records)."""
    return [learn_style(document, table, record) for table, record in tables]


_NON_WORD = re.compile(r"[\W_]+")


def title_key(title: str) -> str:
    """A title compared loosely: case, punctuation and spacing ignored."""
    return _NON_WORD.sub(" ", title.casefold()).strip()
