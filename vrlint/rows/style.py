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
from vrlint.lazyre import lazy_pattern
from vrlint.records.dates import split_venue
from vrlint.records.extract import _cell_title as cell_title
from vrlint.records.models import ColumnRole, Entry, TableRecord
from vrlint.records.urls import classify_url
from vrlint.rows.dateformat import Date, find_dates, table_format, write_date

#: a template: literal text and slot names, alternating as written (a slot is ``(name,)``)
Template = tuple[str | tuple[str], ...]

#: facts a row may lack; a template showing one the paper has is preferred
OPTIONAL_SLOTS = frozenset({"code", "repo", "repo_path", "venue", "venue_year", "venue_yy"})
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
                values["venue_yy"] = f"{self.venue_year % 100:02d}"
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
    #: the spaces of the column's empty cells, as written
    blanks: Counter[str] = field(default_factory=Counter)
    #: most rows pad this column to the same width (a hand-aligned table)
    width: int | None = None
    #: cells whose content sits in the middle of its padding (both sides within a space)
    centered: int = 0
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
def paper_title(document: Document, table: Table, row: Row, entry: Entry) -> str | None:
    """The paper's full title in a row: the longest name in its title and paper
    columns (a ``Model | Paper`` table's record is titled by the model's name)."""
    block = document.blocks.index(table)
    names = [
        name
        for cell in row.cells[: len(entry.cells)]
        if entry.cells[cell.index].role in ("title", "paper")
        and (name := cell_title(document, cell, block)) is not None
    ]
    return max(names, key=len) if names else entry.title


def _row_slots(entry: Entry, title: str | None) -> dict[str, str]:
    """A sibling row's facts, to cut out of its cells."""
    values: dict[str, str] = {}
    if entry.id and entry.id.startswith("arXiv:"):
        values["arxiv"] = entry.id.removeprefix("arXiv:")
    if title:
        values["title"] = title
        short = short_name(title)
        if short:
            values["short"] = short
    if entry.code:
        values["code"] = entry.code[0].url
        values["repo_path"] = f"{entry.code[0].owner}/{entry.code[0].name}"
        values["repo"] = entry.code[0].name
    return values


#: the order slots are cut out in: longer, more specific facts first
_CUT_ORDER = ("code", "title", "repo_path", "arxiv", "venue", "venue_year", "year", "venue_yy", "repo", "short")
#: slots that must stand alone (not inside a longer word or number)
_BOUNDED = frozenset({"arxiv", "year", "venue_year", "venue_yy", "venue", "repo", "short"})


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
    widths: list[Counter[int]] = [Counter() for _ in columns]
    seen: set[tuple[str | None, str | None]] = set()
    for row, entry in zip(table.rows, record.entries, strict=True):
        lead_pipes += row.leading_pipe
        trail_pipes += row.trailing_pipe
        indent, tail = _row_ends(document, table, row)
        indents[indent] += 1
        tails[tail] += 1
        values = _row_slots(entry, paper_title(document, table, row, entry))
        signature = (values.get("arxiv"), values.get("title"))
        if signature in seen:
            continue  # a row listed twice votes once
        seen.add(signature)
        for cell in row.cells[: len(columns)]:
            column = columns[cell.index]
            column.cells += 1
            raw = _between_pipes(document, cell.raw_span.start, cell.raw_span.end)
            content = raw.strip(_SPACE)
            lead = raw[: len(raw) - len(raw.lstrip(_SPACE))]
            trail = raw[len(raw.rstrip(_SPACE)) :] if content else ""
            column.padding[(lead, trail)] += 1
            column.centered += len(lead) >= 2 and abs(len(lead) - len(trail)) <= 1
            widths[cell.index][len(raw)] += 1
            if not content:
                column.blanks[raw] += 1
            if _is_empty(cell.text) and not any(link for link in ("](http", "<img") if link in content):
                column.empties[content] += 1
                continue
            column.templates[_cell_template(content, cell.text, column.role, values, entry)] += 1
    for column, lengths in zip(columns, widths, strict=True):
        width, count = lengths.most_common(1)[0] if lengths else (0, 0)
        padded = any(len(lead) >= 2 or len(trail) >= 2 for lead, trail in column.padding)
        if column.cells >= 3 and count * 2 > column.cells and padded:
            column.width = width  # most rows pad this column to one width
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
            if not is_preprint(name):
                values["venue_yy"] = f"{year % 100:02d}"
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


_CLOSING = lazy_pattern(r"^[*_`\])]*")


def truncated(template: Template) -> Template:
    """``template`` cut after its last slot and the markup closing it, where
    a space or line break follows: the row-specific text after a title
    (authors, an affiliation) left out."""
    last = max((i for i, part in enumerate(template) if isinstance(part, tuple)), default=-1)
    if last < 0 or last + 1 >= len(template):
        return template
    tail = template[last + 1]
    assert isinstance(tail, str)
    closing = _CLOSING.match(tail)
    kept = closing.group(0) if closing else ""
    rest = tail[len(kept) :]
    if rest[:1].isspace() or rest.startswith("<br"):
        return (*template[: last + 1], kept) if kept else template[: last + 1]
    return template


def _choose(column: ColumnStyle, values: dict[str, str], rows: int) -> str | None:
    """The column's cell for a row with ``values``: see the module docstring.
    A title column none of whose templates fits falls back to their common head;
    a venue column none of whose templates shows the paper's venue writes it plainly."""
    chosen = _best(column, column.templates, values, rows)
    if chosen is None and column.role in ("title", "paper"):
        heads: Counter[Template] = Counter()
        for template, count in column.templates.items():
            heads[truncated(template)] += count
        chosen = _best(column, heads, values, rows)
    if column.role == "venue" and "venue" in values and (chosen is None or values["venue"] not in chosen):
        chosen = " ".join(v for v in (values["venue"], values.get("venue_year")) if v)
    return chosen


#: a link or image (a badge: an image inside a link) whose text or target holds a missing slot
_MISSING_LINK = lazy_pattern(
    r"!?\[(?:[^\[\]\x00]|\[[^\[\]]*\]|\x00)*\]\([^()\s]*\)|!?\[[^\[\]]*\]\([^()\s]*\x00[^()\s]*\)"
)
#: separators left dangling at either end once a link is gone (a leading line break too)
_LEFTOVER = lazy_pattern(r"(?:\s*(?:·|,|;|/|\|)\s*)+$|^(?:\s*(?:·|,|;|/|<br\s*/?>)\s*)+")


def _without_missing(template: Template, values: dict[str, str], missing: frozenset[str]) -> str | None:
    """``template`` filled, with each link or badge that shows a missing fact left
    out (``[Paper](..) [Code]({code})`` without code is ``[Paper](..)``)."""
    text = "".join(
        (f"\x00{part[0]}\x00" if part[0] in missing else values[part[0]]) if isinstance(part, tuple) else part
        for part in template
    )
    previous = None
    while previous != text:
        previous = text
        text = _MISSING_LINK.sub(lambda m: "" if "\x00" in m.group(0) else m.group(0), text)
    if "\x00" in text:
        return None
    text = re.sub(r"[ \t]{2,}", " ", _LEFTOVER.sub("", text)).strip()
    return text if text and any(c.isalnum() for c in text) else None


def _best(column: ColumnStyle, templates: Counter[Template], values: dict[str, str], rows: int) -> str | None:
    have = frozenset(values)
    least = 2 if rows >= 3 else 1
    votes: Counter[str] = Counter()
    shows: dict[str, int] = {}
    for template, count in templates.items():
        slots = slots_of(template)
        missing = slots - have
        if not slots:
            word = fill(template, values)
            preprint = column.role == "venue" and word.strip().lower() in PREPRINT_VENUES and "venue" not in have
            if column.role == "modality" or (count * 2 < column.cells and not preprint):
                continue  # a repeated word is the column's style only where most rows say it
            cell: str | None = word
            count = max(count, least) if preprint else count  # how this table spells "preprint"
        elif not missing:
            cell = fill(template, values)
        elif missing <= OPTIONAL_SLOTS:
            cell = _without_missing(template, values, missing)
        else:
            continue
        if cell is None:
            continue
        votes[cell] += count
        shows[cell] = max(shows.get(cell, 0), len((slots - missing) & OPTIONAL_SLOTS))
    eligible = [(shows[cell], count, cell) for cell, count in votes.items() if count >= least]
    if not eligible:
        return None
    return max(eligible, key=lambda item: (item[0], item[1]))[2]


#: hosts whose links are written with https:// even where a table's rows say http:// (VR408)
_HTTPS_HOSTS = lazy_pattern(r"\bhttp://((?:www\.)?(?:arxiv\.org|github\.com|huggingface\.co)/)")


def render_cells(paper: Paper, style: TableStyle) -> list[str]:
    """The cells' contents (no padding) of ``paper``'s row in ``style``; links to
    arXiv, GitHub and Hugging Face use https:// whatever the siblings do."""
    values = paper.slots()
    if paper.date is not None and style.date_format is not None:
        written = write_date(paper.date, style.date_format)
        if written is not None:
            values["date"] = written
    cells: list[str] = []
    for column in style.columns:
        chosen = _choose(column, values, style.rows)
        cells.append(_HTTPS_HOSTS.sub(r"https://\1", chosen) if chosen is not None else column.empty)
    return cells


def _pad(column: ColumnStyle, content: str) -> str:
    if not content and column.blanks:
        return column.blanks.most_common(1)[0][0]
    lead, trail = column.padding.most_common(1)[0][0] if column.padding else (" ", " ")
    if not content:
        trail = ""
    if column.width is not None and column.centered * 2 > column.cells:
        room = column.width - len(content)
        if room >= 2:
            return " " * (room // 2) + content + " " * (room - room // 2)
        return f" {content} " if content else " "
    cell = lead + content + trail
    if column.width is not None and len(cell) < column.width:
        cell = cell + " " * (column.width - len(cell))
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


