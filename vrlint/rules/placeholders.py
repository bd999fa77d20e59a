"""VR5xx: template text, empty cells, empty sections and status spellings.

Awesome lists grow from a template: a row such as
``|**[数据集名字]**|**[paper名称]**|链接|✗|✗|✓|描述|`` ("dataset name", "paper
name", "link", "description") is copied and filled in, and sometimes the
filling is forgotten.  These rules find what was left unfinished.

What counts as a placeholder
----------------------------
A cell is a placeholder when its whole visible text, once mojibake is
repaired (a Mac Roman round trip turns ``链接`` into ``ÈìæÊé•``, and the
vocabulary must still match), case-folded and with whitespace collapsed, is
an entry of the vocabulary, and the cell links nowhere (``[链接](url)`` is a
real link whose label happens to be the word "link").  The vocabulary is the
``placeholders`` option (default :data:`DEFAULT_PLACEHOLDERS`) plus
``extend-placeholders``.

Words that are also release statuses (``TBD``, ``N/A``, ``-``, ``Coming
soon``...) are legitimate in the columns that record a release, a venue or a
date ("Code: TBD" says the code is not out yet), so they are placeholders
only in the columns that describe the entry itself (title, paper, model,
details...).  ``-`` is not in the default vocabulary at all: dozens of
lists use it for "none" in every kind of column.  A row made *only* of
placeholders, dashes and empty cells is reported once, as a row, by VR104,
and none of its cells is reported again here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote

from vrlint.conventions import DEFAULT_MIN_COUNT, DEFAULT_MIN_SHARE
from vrlint.diagnostics import Diagnostic
from vrlint.document import Block, Cell, Document, Heading, HtmlBlock, LinkDefinition, Row, Span, Table, walk
from vrlint.lazyre import lazy_pattern
from vrlint.records.marks import read_status
from vrlint.rules.base import Context, rule
from vrlint.text.mojibake import repair

if TYPE_CHECKING:
    from vrlint.records.models import ColumnRole, Position

__all__ = [
    "DEFAULT_PLACEHOLDERS",
    "PLACEHOLDER_OPTIONS",
    "is_blank",
    "is_placeholder_row",
    "links_somewhere",
    "normalize",
    "placeholder_vocabulary",
]

#: Template text that is never real content.  Configurable with the
#: ``placeholders`` / ``extend-placeholders`` options.
DEFAULT_PLACEHOLDERS: tuple[str, ...] = (
    "TODO",
    "TBD",
    "TBA",
    "xxx",
    "...",
    "…",
    "链接",
    "描述",
    "[数据集名字]",
    "[paper名称]",
)
PLACEHOLDER_OPTIONS: dict[str, object] = {
    "placeholders": list(DEFAULT_PLACEHOLDERS),
    "extend-placeholders": [],
}

#: Columns that record a release, a venue or a date: a status word there
#: ("TBD", "N/A", "Coming soon", "-") is information, not template text.
_STATUS_ROLES: frozenset[ColumnRole] = frozenset(
    {"code", "checkpoint", "dataset", "link", "status", "venue", "time", "modality"}
)
#: read_status keys that describe a release rather than unfinished writing.
_RELEASE_STATUSES = frozenset({"tbd", "n/a", "unreleased", "coming_soon", "placeholder_dash", "unknown"})

_WHITESPACE = lazy_pattern(r"\s+")
_MOJIBAKE_GROWTH = 4
#: an empty-looking cell: spaces, ``&nbsp;`` and ``<br>`` only (one star over
#: alternatives that start with different characters: linear)
_BLANK = lazy_pattern(r"(?:\s|&nbsp;|&#160;|<br\s*/?>)*", re.IGNORECASE)


def normalize(text: str) -> str:
    """Mojibake repaired, whitespace collapsed, case folded."""
    if not text.isascii():
        text = repair(text)
    return _WHITESPACE.sub(" ", text).strip().casefold()


def placeholder_vocabulary(ctx: Context) -> frozenset[str]:
    """The normalized vocabulary from the rule's options."""
    words: list[str] = list(ctx.option("placeholders", list(DEFAULT_PLACEHOLDERS)) or [])
    words += list(ctx.option("extend-placeholders", []) or [])
    return frozenset(normalize(str(word)) for word in words if str(word).strip())


def is_blank(cell: Cell | None) -> bool:
    """Whether a cell shows nothing (a missing cell of a short row is blank)."""
    return cell is None or _BLANK.fullmatch(cell.content) is not None


def links_somewhere(cell: Cell) -> bool:
    """Whether the cell holds a link or image with a destination."""
    return any(node.kind in ("link", "image") and node.url.strip() for node in walk(cell.inlines))


def _is_dash(text: str) -> bool:
    return read_status(text) == "placeholder_dash"


def placeholder_word(cell: Cell, vocabulary: frozenset[str], role: ColumnRole | None = None) -> str | None:
    """The vocabulary entry the cell consists of, or None.

    With a ``role``, release-status words in status-bearing columns are not
    placeholders (see the module docstring).
    """
    text = cell.text.strip()
    # Undoing mojibake shortens text at most fourfold (four characters for a
    # four-byte character), so a longer cell cannot match: skip the repair.
    if not text or len(text) > _MOJIBAKE_GROWTH * max(map(len, vocabulary), default=0):
        return None
    if links_somewhere(cell):
        return None
    key = normalize(text)
    if key not in vocabulary:
        return None
    if role in _STATUS_ROLES and read_status(key) in _RELEASE_STATUSES:
        return None
    return key


def is_placeholder_row(row: Row, columns: int, vocabulary: frozenset[str]) -> bool:
    """Whether every cell GitHub shows for ``row`` is empty, a dash or template text."""
    shown = row.rendered(columns)
    if not shown:
        return False
    for cell in shown:
        if is_blank(cell):
            continue
        assert cell is not None
        if links_somewhere(cell):
            return False
        if _is_dash(cell.text) or placeholder_word(cell, vocabulary) is not None:
            continue
        return False
    return True


def _quote(text: str, limit: int = 40) -> str:
    text = _WHITESPACE.sub(" ", text).strip()
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _roles(ctx: Context) -> dict[int, list[ColumnRole]]:
    """Column roles of every table, keyed by the table's first line."""
    return {record.line: list(record.roles) for record in ctx.tables}


# -- VR501 ----------------------------------------------------------------------


@rule(
    code="VR501",
    name="placeholder-text",
    severity="error",
    summary="A table cell still holds template text such as `链接`, `TODO` or `xxx`.",
    why=(
        'Readers take every cell as data: a cell that says `链接` ("link") or `TODO` instead '
        "of the link or the description looks like an entry but tells them nothing. It is "
        "usually a row copied from the list's template and never filled in."
    ),
    bad=("| Dataset | Paper | Link |\n| --- | --- | --- |\n| VALOR-1M | VALOR | 链接 |\n"),
    good=(
        "| Dataset | Paper | Link |\n"
        "| --- | --- | --- |\n"
        "| VALOR-1M | VALOR | [GitHub](https://github.com/TXH-mercury/VALOR) |\n"
    ),
    fix=None,
    options=PLACEHOLDER_OPTIONS,
)
def placeholder_text(ctx: Context) -> Iterator[Diagnostic]:
    vocabulary = placeholder_vocabulary(ctx)
    roles = _roles(ctx)
    for table in ctx.document.tables:
        columns = table.columns
        table_roles = roles.get(table.start_line, [])
        for row in table.rows:
            if is_placeholder_row(row, columns, vocabulary):
                continue  # VR104 reports the whole row once
            for cell in row.cells[:columns]:
                role = table_roles[cell.index] if cell.index < len(table_roles) else None
                word = placeholder_word(cell, vocabulary, role)
                if word is None:
                    continue
                shown = cell.text.strip()
                repaired = repair(shown) if not shown.isascii() else shown
                what = _quote(shown)
                if repaired != shown:
                    what += f" (mojibake of {_quote(repaired)})"
                header = _header_text(table, cell.index)
                yield ctx.report(
                    cell.span,
                    f"cell {what} in column {_quote(header)} is template text, not data; "
                    "replace it with the real value or leave the cell empty",
                )


def _header_text(table: Table, index: int) -> str:
    assert table.header is not None
    if index < len(table.header.cells):
        return table.header.cells[index].text.strip() or f"#{index + 1}"
    return f"#{index + 1}"


# -- VR502 ----------------------------------------------------------------------

#: Columns whose value every entry has: the column naming the entry (the
#: first title column), its paper, its model, its venue and its date.  Other
#: columns are optional by nature: a modality column leaves unsupported
#: modalities blank, a detail or keyword column is commentary, an empty
#: code/checkpoint/dataset/link/status cell says "nothing released", and a
#: column vrlint cannot classify ("other") may mean anything.
_REQUIRED_ROLES: frozenset[ColumnRole] = frozenset({"title", "paper", "model", "venue", "time"})
#: a column is "filled" when at least this share of its rows has content ...
_FILLED_SHARE = DEFAULT_MIN_SHARE
#: ... and at least this many rows do (the shared convention test, conventions.py)
_FILLED_MINIMUM = DEFAULT_MIN_COUNT


@rule(
    code="VR502",
    name="empty-cell",
    severity="warning",
    summary="A cell is empty in a column that every other row fills in.",
    why=(
        "When a column clearly has a value in every row (at least 90% of its rows and at least "
        "5 of them), a blank cell is almost always a value that was forgotten; a looser split is "
        "not reported. When nearly every row of a column has a value (a title, a venue, a date), a blank "
        "cell is almost always a value that was forgotten, and readers cannot tell it from "
        '"unknown". Only the columns every entry has are checked (title, paper, model, venue, '
        'date): in modality, detail, code or link columns a blank means "no" or "nothing released".'
    ),
    bad=(
        "| Title | Venue |\n"
        "| --- | --- |\n"
        "| A | CVPR 2024 |\n"
        "| B | ICCV 2023 |\n"
        "| C | NeurIPS 2023 |\n"
        "| D | ICLR 2024 |\n"
        "| E | ECCV 2024 |\n"
        "| G | CVPR 2023 |\n"
        "| H | ICCV 2025 |\n"
        "| I | ACL 2024 |\n"
        "| J | EMNLP 2024 |\n"
        "| F |  |\n"
    ),
    good=(
        "| Title | Venue |\n"
        "| --- | --- |\n"
        "| A | CVPR 2024 |\n"
        "| B | ICCV 2023 |\n"
        "| C | NeurIPS 2023 |\n"
        "| D | ICLR 2024 |\n"
        "| E | ECCV 2024 |\n"
        "| G | CVPR 2023 |\n"
        "| H | ICCV 2025 |\n"
        "| I | ACL 2024 |\n"
        "| J | EMNLP 2024 |\n"
        "| F | arXiv 2024 |\n"
    ),
    fix=None,
    options=PLACEHOLDER_OPTIONS,
)
def empty_cell(ctx: Context) -> Iterator[Diagnostic]:
    vocabulary = placeholder_vocabulary(ctx)
    roles = _roles(ctx)
    for table in ctx.document.tables:
        columns = table.columns
        table_roles = roles.get(table.start_line, [])
        rows = [row for row in table.rows if not is_placeholder_row(row, columns, vocabulary)]
        for index in range(columns):
            role = table_roles[index] if index < len(table_roles) else "other"
            if role not in _REQUIRED_ROLES or (role == "title" and table_roles.index("title") != index):
                continue  # a second "title" column (a "Dataset" next to "Benchmark") is optional
            # a short row's missing cells are VR102's business, not this rule's
            cells = [(row, row.cells[index]) for row in rows if index < len(row.cells)]
            empty = [(row, cell) for row, cell in cells if is_blank(cell)]
            filled = len(cells) - len(empty)
            if not empty or filled < _FILLED_MINIMUM or filled < _FILLED_SHARE * len(cells):
                continue
            header = _header_text(table, index)
            for row, cell in empty:
                yield ctx.report(
                    _between_pipes(ctx.document, row, cell),
                    f"empty cell in column {_quote(header)}, which {filled} of {len(cells)} rows "
                    "fill in; add the missing value (or write what is unknown, e.g. `-`)",
                )


def _between_pipes(document: Document, row: Row, cell: Cell) -> Span:
    """The whole gap between a cell's pipes (cmark-gfm's ``raw`` starts after
    the spaces that follow the opening pipe)."""
    if cell.index > 0:
        start = row.cells[cell.index - 1].raw_span.end + 1
    elif row.leading_pipe:
        start = row.span.start + 1
    else:
        start = cell.raw_span.start
    return document.span(start, max(cell.raw_span.end, start))


# -- VR503 ----------------------------------------------------------------------


def _invisible(block: Block) -> bool:
    """Blocks that show nothing on the page."""
    return (isinstance(block, HtmlBlock) and block.comment) or isinstance(block, LinkDefinition)


def _heading_span(document: Document, heading: Heading) -> Span:
    if heading.span is not None:
        return heading.span
    line = document.line(heading.start_line)
    return document.span(line.start, line.start + len(line.text))


@rule(
    code="VR503",
    default=False,
    name="empty-section",
    severity="warning",
    summary="A heading has nothing under it before the next heading of the same or a higher level.",
    why=(
        "An empty section is a promise the list does not keep: the table of contents and the "
        "heading send readers to a place with no entries. Fill it, or remove the heading (and "
        "its table-of-contents line) until there is something to show."
    ),
    bad="## Datasets\n\n### Pretraining Dataset\n\n### Training Dataset\n\n- VALOR-1M\n",
    good="## Datasets\n\n### Training Dataset\n\n- VALOR-1M\n",
    fix=None,
)
def empty_section(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    blocks = [block for block in document.blocks if not _invisible(block)]
    linked = _linked_fragments(document)
    for position, block in enumerate(blocks):
        if not isinstance(block, Heading) or block.containers:
            continue
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if following is None:
            closed_by = "the end of the document"
        elif isinstance(following, Heading) and not following.containers and following.level <= block.level:
            closed_by = f"the next heading (line {following.start_line})"
        else:
            continue
        link_line = linked.get(block.anchor.casefold())
        if link_line is None and _is_subtitle(blocks, position):
            continue
        sent = f" although line {link_line} links to it" if link_line is not None else ""
        yield ctx.report(
            _heading_span(document, block),
            f"section {_quote(block.text)} is empty{sent}: nothing comes before {closed_by}; "
            "add its entries or remove the heading",
        )


def _linked_fragments(document: Document) -> dict[str, int]:
    """``#fragment`` link targets (decoded, case-folded) and the first line linking each."""
    found: dict[str, int] = {}
    for link in document.links:
        url = link.url.strip()
        if url.startswith("#") and len(url) > 1:
            found.setdefault(unquote(url[1:]).casefold(), link.span.line)
    return found


def _is_subtitle(blocks: Sequence[Block], position: int) -> bool:
    """A heading right under the document's title is a subtitle, not a section.

    ``# Awesome X`` followed at once by ``## A Survey of X`` and then the first
    real section: the second heading is a tagline, and nothing is missing.
    Only when nothing links to it: a heading the table of contents sends
    readers to is a section, however high up it is.
    """
    if position != 1:
        return False  # right under the first block, which must be the "# title"
    title = blocks[0]
    heading = blocks[1]
    following = blocks[position + 1] if position + 1 < len(blocks) else None
    return (
        isinstance(title, Heading)
        and title.level == 1
        and isinstance(heading, Heading)
        and heading.level > 1
        and isinstance(following, Heading)
        and following.level == heading.level
    )


# -- VR504 ----------------------------------------------------------------------

_STATUS_SPACES = lazy_pattern(r"[\s\-_]+")


def _status_word(text: str) -> str | None:
    """The status word a spelling belongs to ("Coming Soon!" -> "coming soon")."""
    key = read_status(text)
    if key is None or key == "placeholder_dash":
        return None
    body = text.strip().rstrip("!.…").strip()
    return _STATUS_SPACES.sub(" ", body.casefold()).strip()


class _Occurrence(NamedTuple):
    spelling: str
    span: Span
    where: str  # "cell" or "badge"
    edit: Span | None  # where the spelling can be replaced, for plain-text cells


def _position_span(document: Document, position: Position) -> Span:
    start = document.line(position.line).start + position.column - 1
    end = document.line(position.end_line).start + position.end_column - 1
    return document.span(start, end)


def _cell_occurrence(document: Document, cell: Cell) -> _Occurrence | None:
    spelling = cell.text.strip()
    if not spelling or len(spelling) > 40 or _status_word(spelling) is None:
        return None
    edit: Span | None = None
    has_markup = any(node.kind in ("link", "image") for node in walk(cell.inlines))
    if not has_markup and "\\|" not in cell.raw and cell.content.count(spelling) == 1:
        start = cell.span.start + cell.content.index(spelling)
        edit = document.span(start, start + len(spelling))
    return _Occurrence(spelling, cell.span, "cell", edit)


def _occurrences(ctx: Context) -> Iterator[_Occurrence]:
    document = ctx.document
    roles = _roles(ctx)
    for table in document.tables:
        table_roles = roles.get(table.start_line, [])
        for row in table.rows:
            for cell in row.cells[: table.columns]:
                if cell.index < len(table_roles) and table_roles[cell.index] == "detail":
                    continue  # prose, not a status field
                found = _cell_occurrence(document, cell)
                if found is not None:
                    yield found
    for record in ctx.tables:
        for entry in record.entries:
            for badge in entry.badges:
                message = (badge.message or "").strip()
                if message and _status_word(message) is not None:
                    yield _Occurrence(message, _position_span(document, badge.position), "badge", None)


def _majority(spellings: Iterable[str]) -> str:
    """The most used spelling; the first one written wins a tie."""
    counts = Counter(spellings)
    return max(counts, key=lambda spelling: counts[spelling])  # max keeps the first of equals


@rule(
    code="VR504",
    name="inconsistent-status",
    severity="warning",
    summary="One status is spelled several ways in the same file (`unreleased`, `Unreleased`).",
    why=(
        "A list that says `Unreleased` in one row and `unreleased` or `Coming Soon!` in the "
        "next looks unmaintained, and tools that read the list cannot count statuses reliably. "
        "The majority spelling in the file is taken as the house style."
    ),
    bad=("| Model | Checkpoint |\n| --- | --- |\n| A | Unreleased |\n| B | Unreleased |\n| C | unreleased |\n"),
    good=("| Model | Checkpoint |\n| --- | --- |\n| A | Unreleased |\n| B | Unreleased |\n| C | Unreleased |\n"),
    fix="safe",
)
def inconsistent_status(ctx: Context) -> Iterator[Diagnostic]:
    groups: dict[str, list[_Occurrence]] = {}
    for occurrence in _occurrences(ctx):
        word = _status_word(occurrence.spelling)
        assert word is not None
        groups.setdefault(word, []).append(occurrence)
    for occurrences in groups.values():
        spellings = Counter(item.spelling for item in occurrences)
        if len(spellings) < 2:
            continue
        # Order: source position, so "first written" is well defined.
        occurrences.sort(key=lambda item: item.span.start)
        chosen = _majority(item.spelling for item in occurrences)
        tie = list(spellings.values()).count(spellings[chosen]) > 1
        summary = ", ".join(f"{_quote(s)} ×{n}" for s, n in spellings.most_common())
        for item in occurrences:
            if item.spelling == chosen:
                continue
            fix = None
            if item.edit is not None:
                fix = ctx.fix("safe", f"write {_quote(chosen)}", [ctx.edit(item.edit, chosen)])
            where = "badge says" if item.where == "badge" else "cell says"
            house = (
                f"this file writes {_quote(chosen)} first and as often"
                if tie
                else f"this file mostly writes {_quote(chosen)}"
            )
            yield ctx.report(
                item.span,
                f"{where} {_quote(item.spelling)} but {house} ({summary}); spell the status the same way everywhere",
                fix=fix,
                cause=item.spelling,
            )
