"""VR7xx: consistency inside a table or a file, and duplicated entries.

These rules compare cells with their siblings: the same paper listed in two
rows, a check mark spelled two ways, one cell of a column written in another
form than the rest.  They read the typed records (:mod:`vrlint.records`) for
what a row cites and the document's cells for where it is written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from vrlint.conventions import convention
from vrlint.diagnostics import Diagnostic
from vrlint.document import Cell, Document, Inline, Span, Table
from vrlint.lazyre import lazy_pattern
from vrlint.records.marks import mark_spelling, read_mark, read_status
from vrlint.records.shields import is_badge_service
from vrlint.rules.base import Context, rule
from vrlint.text.keys import folded_key
from vrlint.text.mojibake import repair

if TYPE_CHECKING:
    from vrlint.records.models import ColumnRole, Entry, PaperRecord, Position, TableRecord

# -- shared helpers -------------------------------------------------------------


def _offset(document: Document, position: Position) -> int:
    return document.lines[position.line - 1].start + position.column - 1


def _record_span(document: Document, position: Position) -> Span:
    start = _offset(document, position)
    end = document.lines[position.end_line - 1].start + position.end_column - 1
    return document.span(start, end)


def _tables(ctx: Context) -> Iterator[tuple[Table, TableRecord]]:
    """Each table of the document with its record (same order, same rows)."""
    yield from zip(ctx.document.tables, ctx.tables, strict=True)


def _shown(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell_at(row_cells: Sequence[Cell], offset: int) -> Cell | None:
    for cell in row_cells:
        if cell.raw_span.start <= offset < cell.raw_span.end:
            return cell
    return None


# -- VR701 -------------------------------------------------------------------------

#: link texts that say "here is the paper" without naming it
_GENERIC_LABELS = frozenset({"", "pdf", "paper", "arxiv", "abs", "link", "html", "url", "here", "abstract", "preprint"})
_PAPER_ROLES: frozenset[ColumnRole] = frozenset({"title", "paper", "link", "model"})
#: a title must have this many words to identify a paper on its own
_TITLE_WORDS = 4
_WORDS = lazy_pattern(r"[^\W_]+")


class _Row(NamedTuple):
    """What one body row says it is: the one paper it cites, and its names."""

    entry: Entry
    cells: list[Cell]
    roles: list[ColumnRole]
    arxiv: str | None = None
    paper: PaperRecord | None = None
    paper_cell: Cell | None = None
    label: str = ""
    #: whether ``label`` is the citing link's own text (it names the paper)
    named: bool = False

    def names(self) -> list[str]:
        """The row's title cells other than the one citing the paper."""
        return [
            cell.text.strip()
            for cell, role in zip(self.cells, self.roles, strict=False)
            if role == "title" and cell is not self.paper_cell
        ]

    @property
    def title(self) -> str:
        for cell, role in zip(self.cells, self.roles, strict=False):
            if role == "title" and cell.text.strip():
                return cell.text.strip()
        return ""


def _read_rows(ctx: Context, table: Table, record: TableRecord) -> list[_Row]:
    document = ctx.document
    rows: list[_Row] = []
    for row, entry in zip(table.rows, record.entries, strict=True):
        cells = row.cells[: table.columns]
        ids: dict[str, tuple[PaperRecord, Cell]] = {}
        for paper in entry.papers:
            if paper.arxiv_id is None:
                continue
            cell = _cell_at(cells, _offset(document, paper.position))
            if cell is None or record.roles[cell.index] not in _PAPER_ROLES:
                continue
            ids.setdefault(paper.arxiv_id, (paper, cell))
        if len(ids) == 1:  # a row that cites several papers is a list, not an entry
            ((arxiv, (paper, cell)),) = ids.items()
            rows.append(_Row(entry, cells, list(record.roles), arxiv, paper, cell, *_label(entry, paper, cell)))
        else:
            rows.append(_Row(entry, cells, list(record.roles)))
    return rows


def _label(entry: Entry, paper: PaperRecord, cell: Cell) -> tuple[str, bool]:
    """The name a row gives the paper it cites, and whether that is the citing
    link's own text: the link's text when it names something, else the row's
    title, else the citing cell's text."""
    for link in entry.links:
        if link.position == paper.position and folded_key(link.text) not in _GENERIC_LABELS:
            return link.text.strip(), True
    for record in entry.cells:
        if record.role == "title" and record.text:
            return record.text, False
    return cell.text.strip(), False


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def _is_name(text: str) -> bool:
    """A short name (a model, a benchmark split), not a paper title: fewer
    than four space-separated words ("MMBench-V1.1-EN" is one)."""
    return sum(1 for token in text.split() if folded_key(token)) < _TITLE_WORDS


#: how much of the shorter name two names of one family share, from the start
_FAMILY_PREFIX = 0.75


def _related(a: str, b: str) -> bool:
    """Names of one family: they share most of the shorter one from the start
    ("MM-EUREKA"/"MM-EUREKA-Qwen", "CharXiv(RQ)"/"CharXiv(DQ)"), unlike
    "ScanQA"/"ScanRefer" or "LXMERT"/"X-LXMERT"."""
    first, second = folded_key(a), folded_key(b)
    shorter = min(len(first), len(second))
    if shorter < 3:
        return False
    common = 0
    for x, y in zip(first, second, strict=False):
        if x != y:
            break
        common += 1
    return common >= _FAMILY_PREFIX * shorter


def _id_message(first: _Row, later: _Row) -> str | None:
    """What to say about two rows citing one arXiv ID; None when the rows are
    deliberately about one paper: one citation shared by two short names
    that are of one family or that the citation names the paper of (two
    splits of one benchmark, two datasets of one paper), or two model names
    of one family each citing their common report."""
    assert first.paper_cell is not None and later.paper_cell is not None
    arxiv = later.arxiv
    same_cell = " ".join(first.paper_cell.content.split()) == " ".join(later.paper_cell.content.split())
    same = same_cell or folded_key(first.label) == folded_key(later.label)
    if same:
        pairs = zip(first.names(), later.names(), strict=False)
        differing = [(a, b) for a, b in pairs if folded_key(a) != folded_key(b)]
        if not same_cell and first.paper_cell.index == later.paper_cell.index and first.roles[
            first.paper_cell.index
        ] == "title":
            # one link text in title cells that say more around it: "Survey (part 1)" / "(part 2)"
            around_first, around_later = first.paper_cell.text.strip(), later.paper_cell.text.strip()
            if folded_key(around_first) != folded_key(around_later):
                differing.append((around_first, around_later))
        if not differing:
            return (
                f"arXiv {arxiv} is already listed on line {first.entry.line} of this table; "
                "remove the duplicate row or merge the two"
            )
        if all(_is_name(a) and _is_name(b) for a, b in differing) and (
            later.named or all(_related(a, b) for a, b in differing)
        ):
            return None
        shown_first, shown_later = differing[0]
    else:
        shown_first, shown_later = first.label, later.label
        if _is_name(shown_first) and _is_name(shown_later) and _related(shown_first, shown_later):
            return None
    return (
        f"arXiv {arxiv} is cited here for '{_shown(shown_later)}' and on line {first.entry.line} "
        f"for '{_shown(shown_first)}'; one of the rows has the wrong arXiv ID, or the paper is "
        "listed twice: correct the ID or remove the duplicate"
    )


@rule(
    code="VR701",
    name="duplicate-paper",
    severity="error",
    summary="The same paper is listed twice in one table.",
    why=(
        "A table is read as one entry per paper; a second row for the same arXiv ID or title "
        "is either a leftover duplicate that will drift out of sync, or a copy-pasted row whose "
        "link still points at the paper it was copied from."
    ),
    bad=(
        "| Title | Paper |\n|---|---|\n| ScanQA | [arXiv](https://arxiv.org/abs/2112.10482) |\n"
        "| ScanRefer | [arXiv](https://arxiv.org/abs/2112.10482) |\n"
    ),
    good=(
        "| Title | Paper |\n|---|---|\n| ScanQA | [arXiv](https://arxiv.org/abs/2112.10482) |\n"
        "| ScanRefer | [arXiv](https://arxiv.org/abs/1912.08830) |\n"
    ),
)
def duplicate_paper(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for table, record in _tables(ctx):
        rows = _read_rows(ctx, table, record)
        by_id: dict[str, _Row] = {}
        by_title: dict[str, _Row] = {}
        for row in rows:
            if row.arxiv is not None and row.paper is not None:
                first = by_id.setdefault(row.arxiv, row)
                if first is not row:
                    message = _id_message(first, row)
                    if message is not None:
                        yield ctx.report(_record_span(document, row.paper.position), message)
                    continue
            title = row.title
            title_key = folded_key(title)
            if _is_name(title) or read_status(title) is not None:
                continue
            earlier = by_title.setdefault(title_key, row)
            if earlier is row:
                continue
            if earlier.arxiv and row.arxiv and earlier.arxiv != row.arxiv:
                continue  # same title, different papers (a v2, a journal version): VR2xx's concern
            cell = next(c for c, r in zip(row.cells, row.roles, strict=False) if r == "title" and c.text.strip())
            yield ctx.report(
                cell.span,
                f"'{_shown(title)}' is already listed on line {earlier.entry.line} of this table; "
                "remove the duplicate row or merge the two",
            )


# -- VR702 -------------------------------------------------------------------------

_WRAPPERS = ("**", "__", "*", "_", "`")


def _mark_bounds(content: str) -> tuple[int, int]:
    """Offsets of the mark inside ``content``, inside emphasis/code wrappers
    (the same unwrapping :func:`vrlint.records.marks.read_mark` does)."""
    lo, hi = 0, len(content)
    changed = True
    while changed:
        changed = False
        while lo < hi and content[lo].isspace():
            lo += 1
        while hi > lo and content[hi - 1].isspace():
            hi -= 1
        for wrapper in _WRAPPERS:
            size = len(wrapper)
            if hi - lo > 2 * size and content.startswith(wrapper, lo) and content.endswith(wrapper, 0, hi):
                lo, hi = lo + size, hi - size
                changed = True
                break
    return lo, hi


class _Mark(NamedTuple):
    cell: Cell
    meaning: bool
    spelling: str
    written: str
    span: Span | None
    #: the mark exactly as in the file (``written`` has its mojibake undone)
    source: str

    def shown(self) -> str:
        if self.source == self.written:
            return self.written
        return f"{self.source} (mojibake for {self.written})"


def _marks(document: Document) -> list[_Mark]:
    """Every check/cross mark cell of a column that holds marks (half of its
    filled cells or more), in document order."""
    found: list[_Mark] = []
    for table in document.tables:
        for column in range(table.columns):
            cells = [row.cells[column] for row in table.rows if column < len(row.cells)]
            cells = [cell for cell in cells if cell.content.strip()]
            marks: list[_Mark] = []
            for cell in cells:
                content = repair(cell.content)
                spelling = mark_spelling(content)
                meaning = read_mark(content)
                if spelling is None or meaning is None:
                    continue
                marks.append(_Mark(cell, meaning, spelling, *_mark_source(document, cell)))
            if marks and 2 * len(marks) >= len(cells):
                found.extend(marks)
    found.sort(key=lambda mark: mark.cell.span.start)
    return found


def _mark_source(document: Document, cell: Cell) -> tuple[str, Span | None, str]:
    """The mark with its mojibake undone, where it is (None when the cell's
    source is not its content verbatim, e.g. it has an escaped pipe), and
    the mark exactly as written."""
    lo, hi = _mark_bounds(cell.content)
    source = cell.content[lo:hi]
    if document.text[cell.span.start : cell.span.end] != cell.content:
        return repair(source), None, source
    return repair(source), document.span(cell.span.start + lo, cell.span.start + hi), source


def _describe(meaning: bool) -> str:
    return "check mark" if meaning else "cross mark"


@rule(
    code="VR702",
    name="mixed-checkmark-spelling",
    severity="warning",
    summary="Check or cross marks are written in more than one way in one file.",
    why=(
        "`&#10003;`, `✓`, `✔️` and `✅` render differently or not at all in some viewers, "
        "and mixing them makes columns look ragged and breaks search/replace and scripts "
        "that read the table. One spelling per meaning keeps the file consistent."
    ),
    bad="| Model | Audio |\n|---|---|\n| A | ✓ |\n| B | ✓ |\n| C | &#10003; |\n",
    good="| Model | Audio |\n|---|---|\n| A | ✓ |\n| B | ✓ |\n| C | ✓ |\n",
    fix="safe",
    options={"checkmarks": None},
)
def mixed_checkmark_spelling(ctx: Context) -> Iterator[Diagnostic]:
    marks = _marks(ctx.document)
    if not marks:
        return
    wanted = _configured(ctx.option("checkmarks", None))
    for meaning in (True, False):
        group = [mark for mark in marks if mark.meaning is meaning]
        if not group:
            continue
        counts = Counter(mark.spelling for mark in group)
        configured = wanted.get(meaning)
        if configured is not None:
            target_spelling, target_written = configured
            why = "the configured spelling is"
        else:
            if len(counts) < 2:
                continue
            # the most used spelling; ties go to the one used first
            best = max(counts.values())
            target_spelling = next(mark.spelling for mark in group if counts[mark.spelling] == best)
            target_written = next(mark.written for mark in group if mark.spelling == target_spelling)
            why = f"{counts[target_spelling]} of the file's {len(group)} {_describe(meaning)}s are"
        for mark in group:
            if mark.spelling == target_spelling:
                continue
            fix = None
            if mark.span is not None:
                fix = ctx.fix(
                    "safe",
                    f"write {target_written}",
                    [ctx.edit(mark.span, target_written)],
                )
            yield ctx.report(
                mark.span or mark.cell.span,
                f"{_describe(meaning)} written {mark.shown()} but {why} {target_written}; "
                "write every mark the same way",
                fix=fix,
                cause=f"{meaning} {mark.spelling}",
            )


def _configured(value: object) -> dict[bool, tuple[str, str]]:
    """The configured [check, cross] pair as meaning -> (spelling, text)."""
    out: dict[bool, tuple[str, str]] = {}
    if not isinstance(value, (list, tuple)):
        return out
    for written in value:
        if not isinstance(written, str):
            continue
        spelling, meaning = mark_spelling(written), read_mark(written)
        if spelling is not None and meaning is not None:
            out.setdefault(meaning, (spelling, written.strip()))
    return out


# -- VR703 -------------------------------------------------------------------------

#: (one cell, many cells) for each form
_FORM_NAMES = {
    "badge": ("a badge", "badges"),
    "link": ("a link", "links"),
    "url": ("a bare URL", "bare URLs"),
    "code": ("a code span", "code spans"),
    "text": ("plain text", "plain text"),
}
#: the forms a deviating cell may have, for each form the column agrees on
_OUTLIERS = {
    "badge": frozenset({"url", "code", "text", "link"}),
    "link": frozenset({"url", "code", "text"}),
}
#: columns whose cells exist to hold links: there plain text means a lost link
_LINK_ROLES: frozenset[ColumnRole] = frozenset({"paper", "code", "checkpoint", "dataset", "link"})
_MIN_SIBLINGS = 4
_AGREEMENT = 0.8
_LINE_BREAK = lazy_pattern(r"<br\s*/?>", re.IGNORECASE)


def _form(cell: Cell, document: Document) -> str | None:
    """How a cell is written: badge, link, url, code, text; None for an empty
    cell, a placeholder ("-", "N/A", "TBD") and anything mixing forms."""
    text = cell.text.strip()
    if not text and not cell.content.strip():
        return None
    if read_status(text) is not None or read_mark(text) is not None:
        return None
    kinds: set[str] = set()
    for node in cell.inlines:
        kind = _node_form(node, document)
        if kind is not None:
            kinds.add(kind)
    return kinds.pop() if len(kinds) == 1 else None


def _node_form(node: Inline, document: Document) -> str | None:
    if node.kind in ("softbreak", "linebreak"):
        return None
    if node.kind == "text":
        return "text" if node.text.strip() else None
    if node.kind == "html":
        return None if _LINE_BREAK.fullmatch(node.text.strip()) or node.text.startswith("</") else "html"
    if node.kind == "code":
        return "code"
    if node.kind == "image":
        return "badge" if is_badge_service(node.url) else "image"
    if node.kind == "link":
        images = [child for child in node.children if child.kind == "image"]
        others = [c for c in node.children if c.kind != "image" and folded_key(c.plain_text())]
        if images and not others:
            return "badge"
        if node.span is not None and not document.text.startswith("[", node.span.start):
            return "url"
        return "link"
    if node.kind in ("emphasis", "strong", "strikethrough"):
        kinds = {k for k in (_node_form(child, document) for child in node.children) if k is not None}
        return kinds.pop() if len(kinds) == 1 else ("mixed" if kinds else None)
    return "mixed"


@rule(
    code="VR703",
    name="inconsistent-cell-form",
    severity="warning",
    summary="One cell of a column is written in another form than the column's clear convention.",
    why=(
        "When a column clearly shows a badge or a link in every row (at least 90% of its filled "
        "cells and at least 5 of them), a lone code span, bare URL or plain text is usually a paste "
        "that lost its markup: it renders differently, is not clickable, and is skipped by tools "
        "that read the column. A looser split is a matter of taste and is not reported."
    ),
    bad=(
        "| Model | Code |\n|---|---|\n"
        + "".join(f"| {m} | [Code](https://github.com/{m}/{m}) |\n" for m in "ABCDEFGHI")
        + "| J | `https://github.com/j/j` |\n"
    ),
    good=(
        "| Model | Code |\n|---|---|\n"
        + "".join(f"| {m} | [Code](https://github.com/{m}/{m}) |\n" for m in "ABCDEFGHIJ")
    ),
)
def inconsistent_cell_form(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for table, record in _tables(ctx):
        for column in range(table.columns):
            header = record.headers[column] if column < len(record.headers) else ""
            # a row with more cells than the header is shifted: VR101's, not a form to compare
            cells = [row.cells[column] for row in table.rows if column < len(row.cells) <= table.columns]
            forms = [(cell, _form(cell, document)) for cell in cells]
            known = [(cell, form) for cell, form in forms if form is not None]
            if len(known) < _MIN_SIBLINGS + 1:
                continue
            found = convention(form for _, form in known)  # >= 90% and >= 5: a convention, not a split
            if found is None or found.form not in _OUTLIERS:
                continue
            usual, count = found.form, found.count
            link_column = record.roles[column] in _LINK_ROLES
            for cell, form in known:
                if form == usual or form not in _OUTLIERS[usual]:
                    continue
                if form == "text" and not link_column:
                    continue  # a name without a link (a closed model, a project with no paper)
                yield ctx.report(
                    cell.span,
                    f"this cell is {_FORM_NAMES[form][0]} but {count} of the {len(known)} filled cells of "
                    f"column '{_shown(header, 30)}' are {_FORM_NAMES[usual][1]}; write it as "
                    f"{_FORM_NAMES[usual][0]} like its siblings",
                )
