"""VR92x-VR93x: a column read as a convention, and cells in the wrong column.

Part of the ``rows`` family (VR9xx, see :mod:`vrlint.rules.rows`):

* VR92x: a cell that breaks its column's convention (how "nothing" is
  spelled, the case of a link text, the form of a date, a stars badge's query,
  ``[Paper]`` among titles, an ALL-CAPS title; VR927, a title cut at an unfinished
  formula, needs no convention). A convention is what
  :func:`vrlint.conventions.convention` says it is (at least 90% of the
  comparable cells and at least 5 of them); without one these rules say nothing.
* VR93x: a cell whose content is the kind its column never holds but another
  column of the same table always does (a date in the Code column, an arXiv
  link in the Venue column): a cell pasted one column off.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from vrlint.conventions import convention
from vrlint.diagnostics import Diagnostic, Fix
from vrlint.document import Cell, Document, Link, Span, Table
from vrlint.lazyre import lazy_pattern
from vrlint.records.dates import is_date_cell
from vrlint.records.rows import RowView, arxiv_url
from vrlint.records.urls import classify_url
from vrlint.rules.base import Context, rule
from vrlint.rules.rows import grouped, row_views


class _Column:
    """One column of a table: its header, and the cell of every row that has one."""

    __slots__ = ("_cells", "header", "index", "table", "views")

    def __init__(self, table: Table, index: int, header: str, views: list[RowView]) -> None:
        self.table = table
        self.index = index
        self.header = header
        self.views = views
        self._cells = [(view, view.row.cells[index]) for view in views if index < len(view.row.cells)]

    def cells(self) -> list[tuple[RowView, Cell]]:
        return self._cells


def _columns(ctx: Context) -> list[_Column]:
    """Every column of every table, built once per document for the VR92x/VR93x rules."""
    cached = ctx.__dict__.get("_vrlint_columns")
    if isinstance(cached, tuple) and cached[0] is ctx.document:
        columns: list[_Column] = cached[1]
        return columns
    made = _build_columns(ctx)
    ctx.__dict__["_vrlint_columns"] = (ctx.document, made)
    return made


def _build_columns(ctx: Context) -> list[_Column]:
    by_table: dict[int, list[RowView]] = defaultdict(list)
    for view in row_views(ctx):
        by_table[view.block].append(view)
    out = []
    for views in by_table.values():
        record = views[0].record
        for index, header in enumerate(record.headers):
            out.append(_Column(views[0].table, index, header, views))
    return out


def _quote(header: str) -> str:
    header = " ".join(header.split())
    return repr(header if len(header) <= 30 else header[:29] + "…")


# -- VR921: how a column spells "nothing" ----------------------------------------------------

_NOTHING = lazy_pattern(r"^(?:-|–|—|--|/|n/?a|none|null|nil|×)$", re.IGNORECASE)


@rule(
    code="VR921",
    name="placeholder-spelling",
    severity="warning",
    summary='A column writes "nothing" one way (`-`) and a cell another (`N/A`, `/`, `—`).',
    why=(
        "When a column marks a missing value the same way in nearly every row, a different "
        "spelling looks like it means something else (is `N/A` not the same as `-`?) and breaks "
        "filters that read the column. The file's own majority decides, never taste."
    ),
    bad=(
        "| Title | Code |\n|---|---|\n"
        + "".join(f"| {t} | - |\n" for t in "ABCDEFGHI")
        + "| J | [Code](https://github.com/o/j) |\n| K | N/A |\n"
    ),
    good=(
        "| Title | Code |\n|---|---|\n"
        + "".join(f"| {t} | - |\n" for t in "ABCDEFGHI")
        + "| J | [Code](https://github.com/o/j) |\n| K | - |\n"
    ),
    fix="safe",
)
def placeholder_spelling(ctx: Context) -> Iterator[Diagnostic]:
    for column in _columns(ctx):
        marks = [(cell, cell.text.strip()) for _, cell in column.cells() if _NOTHING.match(cell.text.strip())]
        usual = convention(text for _, text in marks)
        if usual is None:
            continue
        found: list[tuple[Span, str, Fix | None]] = []
        for cell, text in marks:
            if text == usual.form or cell.content.strip() != text:
                continue
            found.append(
                (
                    cell.span,
                    f"{text!r} where {usual.describe('cells')} of column {_quote(column.header)} that have no "
                    f"value write {usual.form!r}; write {usual.form!r}",
                    ctx.fix("safe", f"write {usual.form!r}", [ctx.edit(cell.span, usual.form)]),
                )
            )
        yield from grouped(ctx, found, "spelling")


# -- VR922: the case of a link text ------------------------------------------------------------


#: names with one right spelling: a column's majority may be a misspelling of them
_BRAND_SPELLINGS = frozenset({"GitHub", "Hugging Face", "HuggingFace", "arXiv", "ModelScope", "OpenReview", "YouTube"})
_BRAND_BY_FOLD = {name.casefold(): name for name in _BRAND_SPELLINGS}


@rule(
    code="VR922",
    name="link-text-case",
    severity="warning",
    summary="A column spells a link text one way (`GitHub`) and a cell another (`Github`, `github`).",
    why=(
        "The same link written `GitHub` in nearly every row and `Github` in one is a copy from "
        "another list; the column reads better and greps better with one spelling. The file's own "
        "majority decides."
    ),
    bad=(
        "| Title | Code |\n|---|---|\n"
        + "".join(f"| {t} | [GitHub](https://github.com/o/{t}) |\n" for t in "ABCDEFGHI")
        + "| J | [Github](https://github.com/o/J) |\n"
    ),
    good=(
        "| Title | Code |\n|---|---|\n"
        + "".join(f"| {t} | [GitHub](https://github.com/o/{t}) |\n" for t in "ABCDEFGHIJ")
    ),
    fix="safe",
    default=False,  # judged style in the corpus sample: opt in with --extend-select
)
def link_text_case(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for column in _columns(ctx):
        texts: dict[str, list[tuple[Link, str]]] = defaultdict(list)
        for view, cell in column.cells():
            for link in view.links:
                if link.kind != "link" or link.image is not None:
                    continue
                if not (cell.span.start <= link.span.start < cell.span.end):
                    continue
                text = link.text.strip()
                if text and len(text) <= 20 and any(ch.isalpha() for ch in text):
                    texts[text.casefold()].append((link, text))
        for spellings in texts.values():
            usual = convention(text for _, text in spellings)
            if usual is None:
                continue
            found: list[tuple[Span, str, Fix | None]] = []
            if usual.form not in _BRAND_SPELLINGS and usual.form.casefold() in _BRAND_BY_FOLD:
                continue  # never push a column's misspelling ("Github") over the name's own ("GitHub")
            for link, text in spellings:
                if text == usual.form:
                    continue
                fix = None
                written = document.text[link.span.start : link.span.end]
                if written.startswith(f"[{text}]"):
                    start = link.span.start + 1
                    fix = ctx.fix(
                        "safe",
                        f"write {usual.form!r}",
                        [ctx.edit(ctx.span(start, start + len(text)), usual.form)],
                    )
                found.append(
                    (
                        link.span,
                        f"link text {text!r} where {usual.describe('links')} of this text in column "
                        f"{_quote(column.header)} write {usual.form!r}; write {usual.form!r}",
                        fix,
                    )
                )
            yield from grouped(ctx, found, "spelling")


# -- VR923: the form of a date -------------------------------------------------------------


def _date_form(text: str) -> str:
    return re.sub(r"\d", "9", text.strip())


@rule(
    code="VR923",
    name="date-form",
    severity="warning",
    summary="A date column writes dates one way (`25.03`) and a cell another (`25.04.10`, `25.03 (CVPR2025)`).",
    why=(
        "Lists sort and filter by their date column. A cell written in another form than nearly "
        "all its siblings (a day added, a venue pasted in, the year and month swapped) breaks that "
        "and is often a cell of another column. The file's own majority decides."
    ),
    bad=(
        "| Date | Project |\n|---|---|\n"
        + "".join(f"| 25.0{m} | P{m} |\n" for m in range(1, 10))
        + "| 25.03 (CVPR2025) | GFlowVLM |\n"
    ),
    good=("| Date | Project |\n|---|---|\n" + "".join(f"| 25.0{m} | P{m} |\n" for m in range(1, 10))),
)
def date_form(ctx: Context) -> Iterator[Diagnostic]:
    for column in _columns(ctx):
        if column.views[0].record.roles[column.index] != "time":
            continue
        filled = [(cell, cell.text.strip()) for _, cell in column.cells() if cell.text.strip()]
        filled = [(cell, text) for cell, text in filled if not _NOTHING.match(text)]
        usual = convention(_date_form(text) for _, text in filled)
        if usual is None:
            continue
        example = next(text for _, text in filled if _date_form(text) == usual.form)
        for cell, text in filled:
            form = _date_form(text)
            if form == usual.form or usual.form.startswith(form):
                continue  # the same form, or the same form without its day (a less precise date)
            yield ctx.report(
                cell.span,
                f"date {text!r} is written unlike {usual.describe('dates')} of column "
                f"{_quote(column.header)} (like {example!r}); write it in the column's form",
            )


# -- VR931: a cell in the wrong column ------------------------------------------------------


@lru_cache(maxsize=8192)
def _url_kind(url: str) -> str:
    """What a link destination is, for VR931 (memoised: rows repeat hosts and shapes)."""
    if arxiv_url(url.strip()) is not None:
        return "arXiv paper"
    kind = classify_url(url).kind
    if kind == "github_repo":
        return "GitHub repository"
    if kind in ("huggingface_dataset", "modelscope_dataset"):
        return "dataset"
    if kind in ("huggingface_model", "modelscope_model"):
        return "model checkpoint"
    return "other"


def _kind(cell: Cell, views_links: list[Link], document: Document) -> str | None:
    """What a cell holds, when it is one clear thing: a date, a venue-less arXiv
    paper link, a GitHub repository, a Hugging Face dataset or model."""
    text = cell.text.strip()
    if not text:
        return None
    if is_date_cell(text):
        return "date"
    links = [link for link in views_links if cell.span.start <= link.span.start < cell.span.end]
    kinds = {_url_kind(link.url) for link in links if link.kind != "image"}
    if len(kinds) == 1 and "other" not in kinds:
        return kinds.pop()
    return None


@rule(
    code="VR931",
    name="cell-in-wrong-column",
    severity="warning",
    summary="A row's cell holds what another column always holds and its own column never does (a shifted row).",
    why=(
        "A date in the Code column, a repository in the Venue column: when a column never holds that "
        "kind of value but a neighbouring column always does, the cell was pasted one column off "
        "and the row reads wrong (and a cell of the neighbour is probably missing)."
    ),
    bad=(
        "| Title | Date | Code |\n|---|---|---|\n"
        + "".join(f"| P{i} | 2025-{i:02d} | [Code](https://github.com/o/p{i}) |\n" for i in range(1, 10))
        + "| P10 | [Code](https://github.com/o/p10) | 2025-10 |\n"
    ),
    good=(
        "| Title | Date | Code |\n|---|---|---|\n"
        + "".join(f"| P{i} | 2025-{i:02d} | [Code](https://github.com/o/p{i}) |\n" for i in range(1, 11))
    ),
)
def cell_in_wrong_column(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    by_table: dict[int, list[_Column]] = defaultdict(list)
    for column in _columns(ctx):
        by_table[id(column.table)].append(column)
    for columns in by_table.values():
        kinds: dict[int, list[tuple[RowView, Cell, str | None]]] = {}
        usual: dict[int, str] = {}
        for column in columns:
            kinds[column.index] = [(view, cell, _kind(cell, view.links, document)) for view, cell in column.cells()]
            found = convention(kind for _, _, kind in kinds[column.index] if kind is not None)
            # the column's kind must hold for nearly all of its filled cells, not only the typed ones
            filled = sum(1 for _, cell, _ in kinds[column.index] if cell.text.strip())
            if found is not None and found.count >= 0.9 * filled:
                usual[column.index] = found.form
        misplaced: dict[int, list[tuple[RowView, Cell, str, _Column, _Column]]] = defaultdict(list)
        for column in columns:
            own = usual.get(column.index)
            if own is None or column.views[0].record.roles[column.index] == "title":
                continue  # a title that links its repository instead of its paper is an idiom, not a move
            for view, cell, kind in kinds[column.index]:
                if kind is None or kind == own:
                    continue
                homes = [c for c in columns if usual.get(c.index) == kind and c.index != column.index]
                if homes:
                    misplaced[view.row.line].append((view, cell, kind, column, homes[0]))
        for found_cells in misplaced.values():  # one finding per row, naming every cell that looks moved
            view, cell, _kind_found, _column, _home = min(found_cells, key=lambda f: f[1].span.start)
            parts = [
                f"column {_quote(c.header)} holds a {k} (it belongs in {_quote(h.header)})"
                for _, _, k, c, h in found_cells
            ]
            yield ctx.report(
                cell.span,
                "this row's cells look shifted: " + "; ".join(parts) + "; move each cell to its column",
            )


# -- VR924: a stars badge without its siblings' query ------------------------------------------

_STARS = lazy_pattern(r"^https?://img\.shields\.io/github/stars/[^?#\s]+", re.IGNORECASE)


@rule(
    code="VR924",
    name="stars-badge-query",
    severity="warning",
    summary="A GitHub stars badge lacks the query (`?style=social`) that its column's other stars badges use.",
    why=(
        "A column of star counts is read at a glance when every badge looks the same; one badge "
        "without `?style=social&label=Star` renders in another style and size and looks broken. The "
        "column's own majority decides."
    ),
    bad=(
        "| Title | Stars |\n|---|---|\n"
        + "".join(
            f"| {t} | ![Star](https://img.shields.io/github/stars/o/{t}.svg?style=social&label=Star) |\n"
            for t in "ABCDEFGHI"
        )
        + "| J | ![Star](https://img.shields.io/github/stars/o/J.svg) |\n"
    ),
    good=(
        "| Title | Stars |\n|---|---|\n"
        + "".join(
            f"| {t} | ![Star](https://img.shields.io/github/stars/o/{t}.svg?style=social&label=Star) |\n"
            for t in "ABCDEFGHIJ"
        )
    ),
    fix="safe",
)
def stars_badge_query(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for column in _columns(ctx):
        badges: list[tuple[Link, str, str]] = []
        for view, cell in column.cells():
            for link in view.links:
                image = link if link.kind == "image" else link.image
                if image is None or not (cell.span.start <= image.span.start < cell.span.end):
                    continue
                if link.kind == "image" and any(other.image is link for other in view.links):
                    continue
                m = _STARS.match(image.url.strip())
                if m is not None:
                    badges.append((image, m.group(0), image.url.strip()[m.end() :]))
        seen: set[int] = set()
        unique = []
        for image, base, query in badges:
            if image.span.start not in seen:
                seen.add(image.span.start)
                unique.append((image, base, query))
        usual = convention(query for _, _, query in unique)
        if usual is None or not usual.form:
            continue
        found: list[tuple[Span, str, Fix | None]] = []
        for image, base, query in unique:
            if query == usual.form:
                continue
            fix = None
            if image.dest_span is not None and document.text[image.dest_span.start : image.dest_span.end] == (
                base + query
            ):
                fix = ctx.fix("safe", f"use {usual.form}", [ctx.edit(image.dest_span, base + usual.form)])
            found.append(
                (
                    image.span,
                    f"this stars badge has {repr(query) if query else 'no query'} where "
                    f"{usual.describe('stars badges')} of column {_quote(column.header)} use {usual.form!r}; "
                    "use the same query",
                    fix,
                )
            )
        yield from grouped(ctx, found, "badge query")


# -- VR925: a generic link text where the column names its papers ------------------------------

_GENERIC_TEXT = lazy_pattern(r"^\W*(?:paper|pdf|arxiv|link|here|abs|abstract|preprint|url)\W*$", re.IGNORECASE)


def _first_text_link(view: RowView, cell: Cell) -> Link | None:
    for link in view.links:
        if link.kind == "link" and link.image is None and cell.span.start <= link.span.start < cell.span.end:
            return link
    return None


def _names_a_paper(text: str) -> bool:
    return len(text.split()) >= 3 and not _GENERIC_TEXT.match(text)


@rule(
    code="VR925",
    name="generic-title-link-text",
    severity="warning",
    summary="A title cell links `[Paper]` where its column's other cells link the paper's title.",
    why=(
        "When nearly every row of a column shows the paper's title as its link, a row that shows "
        "`[Paper]` or `[arXiv]` instead has lost its title: readers scanning the column see no name. "
        "The column's own majority decides."
    ),
    bad=(
        "| Title | Venue |\n|---|---|\n"
        + "".join(
            f"| [A Study of Thing {t}](https://arxiv.org/abs/2401.0000{i}) | CVPR |\n"
            for i, t in enumerate("ABCDEFGHI")
        )
        + "| [Paper](https://arxiv.org/abs/2402.00001) | ICCV |\n"
    ),
    good=(
        "| Title | Venue |\n|---|---|\n"
        + "".join(
            f"| [A Study of Thing {t}](https://arxiv.org/abs/2401.0000{i}) | CVPR |\n"
            for i, t in enumerate("ABCDEFGHI")
        )
        + "| [A Study of Thing J](https://arxiv.org/abs/2402.00001) | ICCV |\n"
    ),
)
def generic_title_link_text(ctx: Context) -> Iterator[Diagnostic]:
    for column in _columns(ctx):
        if column.views[0].record.roles[column.index] not in ("title", "paper"):
            continue
        found = []
        for view, cell in column.cells():
            link = _first_text_link(view, cell)
            if link is None:
                continue
            text = link.text.strip()
            only = cell.text.strip() == text  # the link is all the cell shows
            found.append(
                (
                    link,
                    text,
                    "title" if _names_a_paper(text) else "generic" if only and _GENERIC_TEXT.match(text) else None,
                )
            )
        usual = convention(kind for _, _, kind in found if kind is not None)
        if usual is None or usual.form != "title":
            continue
        for link, text, kind in found:
            if kind == "generic":
                yield ctx.report(
                    link.span,
                    f"this cell links {text!r} where {usual.describe('cells')} of column {_quote(column.header)} "
                    "link the paper's title; write the title as the link text",
                )


# -- VR926: an ALL-CAPS title among titles in Title Case ---------------------------------------


_SMALL_WORDS = frozenset("a an and for from in of on the to via with".split())


def _caps(title: str) -> bool | None:
    """Whether a title is in capitals; ``None`` for names and lists of acronyms
    (``OMCAT``, ``AVQA-GPT, VGGS-GPT``), which have no small words to compare."""
    words = re.findall(r"[^\W\d_]+", title)
    if len(words) < 4 or not any(w.lower() in _SMALL_WORDS for w in words):
        return None
    return all(w.isupper() for w in words if len(w) > 1)


@rule(
    code="VR926",
    name="all-caps-title",
    severity="warning",
    summary="A title is written in ALL CAPS where its column's other titles are not.",
    why=(
        "A title in capitals among titles in normal case reads as shouting and is usually a copy "
        "from a PDF header; it also defeats case-sensitive search. The column's own majority decides."
    ),
    bad=(
        "| Title | Venue |\n|---|---|\n"
        + "".join(f"| A Study of Thing {t} | CVPR |\n" for t in "ABCDEFGHI")
        + "| A STUDY OF THE OTHER THING | ICCV |\n"
    ),
    good=(
        "| Title | Venue |\n|---|---|\n"
        + "".join(f"| A Study of Thing {t} | CVPR |\n" for t in "ABCDEFGHI")
        + "| A Study of the Other Thing | ICCV |\n"
    ),
    default=False,  # judged style in the corpus sample: opt in with --extend-select
)
def all_caps_title(ctx: Context) -> Iterator[Diagnostic]:
    for column in _columns(ctx):
        roles = column.views[0].record.roles
        if roles[column.index] != "title" or roles.index("title") != column.index:
            continue  # the first title column only (a second one lists datasets or methods)
        found = [(cell, _caps(cell.text)) for _, cell in column.cells()]
        usual = convention(caps for _, caps in found if caps is not None)
        if usual is None or usual.form:
            continue
        for cell, caps in found:
            if caps:
                yield ctx.report(
                    cell.span,
                    f"this title is in capitals where {usual.describe('titles')} of column {_quote(column.header)} "
                    "are not; write it in the column's case",
                )


# -- VR927: a title cut at a LaTeX fragment -----------------------------------------------------

_CUT_MATH = lazy_pattern(r"\$\s*\\?[\^_]\S{0,3}\s*$")


@rule(
    code="VR927",
    name="title-cut-at-math",
    severity="warning",
    summary="A title ends in an unfinished LaTeX fragment (`Gui-g$^2`): it was cut when it was copied.",
    why=(
        "Titles with math (`GUI-G$^2$: Gaussian Reward Modeling ...`) are often cut at the first "
        "`$` by the script or the person that copied them: the row then shows `Gui-g$^2` and a "
        "reader cannot tell which paper it is. A title whose last `$` opens a formula that never "
        "closes lost its end."
    ),
    bad="| Paper | Venue / Year |\n| --- | --- |\n| [Gui-g$^2](https://arxiv.org/abs/2507.15846) | 2025 |\n",
    good=(
        "| Paper | Venue / Year |\n| --- | --- |\n"
        "| [GUI-G$^2$: Gaussian Reward Modeling for GUI Grounding](https://arxiv.org/abs/2507.15846) | 2025 |\n"
    ),
)
def title_cut_at_math(ctx: Context) -> Iterator[Diagnostic]:
    for column in _columns(ctx):
        if column.views[0].record.roles[column.index] != "title":
            continue
        for _, cell in column.cells():
            text = cell.text.strip()
            if text.count("$") % 2 == 1 and _CUT_MATH.search(text):
                fragment = text[text.rfind("$") :]
                yield ctx.report(
                    cell.span,
                    f"the title {text!r} ends in the unfinished formula {fragment!r}: it was cut when copied; "
                    "write the full title",
                )
