"""Each table's own layout, read from the table: the ``preserve`` style.

A maintainer merges a fix that keeps the table as they wrote it. So, by
default, vrlint decides from the table itself whether its author aligned
it, and only then keeps it aligned.

When is a table aligned
-----------------------
The *pipe layout* of a line is the list of columns its unescaped pipes sit
at (after the container prefix). A table is **aligned** when at least
:data:`MIN_ALIGNED_LINES` (3) of its lines (header, delimiter, rows) share
one pipe layout and they are at least three quarters (:data:`ALIGNED_SHARE`)
of its lines. Below that share a table holds two or more differently
padded groups of rows (a table padded by one hand, then extended by
another), and which group is "the" layout is a guess: it is left alone.
A short row lines up when its pipes are the first pipes of that layout.
At least one header or body line on that layout must pad a cell with two
or more spaces: a compact table whose cells happen to be as wide as
``---`` (``| a | b |`` over ``|---|---|``) lines up without anyone
aligning it, and stays compact.
Columns are counted two ways, display width (CJK and emoji count two) and
code points, and the way that lines up more lines wins: editors
disagree on the width of wide characters, and a table an editor aligned
by its own count must not look drifted to vrlint.

On the 28 corpus READMEs and the seed this marks 29 tables aligned: the 21
tables of lchen1019/awesome-mllm-benchmarks (every line aligned) and 8 of
he-y/Awesome-Pruning (93-100% of lines aligned, a few rows appended later
without padding); no compact table qualifies (two lines of equal width,
a header over ``| ----- |``, are not enough), and neither do the tables
padded in two groups (he-y's 2023 table, 52%; mli/paper-reading's CJK
table, 67%).

What ``preserve`` does
----------------------
* A table that is not aligned (compact, or padded by hand here and there)
  is left exactly as written.
* In an aligned table, the lines that line up stay byte for byte, and so
  do the header and the delimiter row (they are the author's design); a
  body row that *drifted* (appended without padding, a cell a fix changed)
  is rewritten to the table's layout: same pipe columns, the table's own
  padding (spaces after a pipe) and, per column, the justification the
  aligned rows use (text after the pipe, before the next one, or centred).
  Short rows stay short; cells past the header's count are kept as written.
* A drifted row with a cell wider than its column is left as written:
  aligning it would rewrite the whole table. Only when a fix changed that
  row (``vrlint --fix``) does the column widen, and the table's aligned
  lines are re-aligned with it. A long last cell alone does not count as
  drift: it only moves its row's final pipe, unless a fix lengthened it.
* The delimiter row keeps its dashes and colons unless it was aligned with
  the table and a column widened; then its dashes fill the new width.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from vrlint.document import Alignment, Document, Row, Table

__all__ = [
    "ALIGNED_SHARE",
    "MIN_ALIGNED_LINES",
    "TableLayout",
    "preserve_table",
    "table_layout",
]

#: an aligned table has at least this many lines on one pipe layout...
MIN_ALIGNED_LINES = 3
#: ...and they are at least this share of its lines
ALIGNED_SHARE = 0.75

Measure = Callable[[str], int]


def _pipes(text: str) -> list[int]:
    """Offsets of the pipes that split cells (``\\|`` does not)."""
    found: list[int] = []
    at = text.find("|")
    while at >= 0:
        if at == 0 or text[at - 1] != "\\":
            found.append(at)
        at = text.find("|", at + 1)
    return found


def _columns(text: str, pipes: Sequence[int], measure: Measure) -> tuple[int, ...]:
    out: list[int] = []
    column = 0
    last = 0
    for at in pipes:
        column += measure(text[last:at])
        out.append(column)
        column += 1
        last = at + 1
    return tuple(out)


def _is_prefix(short: tuple[int, ...], full: tuple[int, ...]) -> bool:
    return len(short) >= 2 and full[: len(short)] == short


@dataclass(frozen=True)
class TableLayout:
    """How one table is laid out. ``lines`` holds the source of its lines
    (header, delimiter, rows) without container prefix; ``aligned_lines``
    the indexes (into ``lines``) that follow ``layout``."""

    lines: tuple[str, ...]
    aligned: bool
    layout: tuple[int, ...] = ()
    aligned_lines: frozenset[int] = frozenset()
    measure: Measure = len


def _table_lines(document: Document, table: Table) -> list[tuple[Row, str]]:
    assert table.header is not None and table.delimiter is not None
    rows = [table.header, table.delimiter, *table.rows]
    prefixes = table.prefixes
    out = []
    for index, row in enumerate(rows):
        text = document.line(row.line).text
        prefix = prefixes[index] if index < len(prefixes) else ""
        out.append((row, text[len(prefix) :]))
    return out


def table_layout(document: Document, table: Table, ignore: frozenset[int] = frozenset()) -> TableLayout:
    """Whether ``table`` is aligned (see the module docstring). Lines whose
    index is in ``ignore`` (lines a fix changed) do not vote."""
    from vrlint.fixing.format import display_width

    texts = tuple(text for _, text in _table_lines(document, table))
    best = TableLayout(texts, False)
    best_count = 0
    voters = [i for i in range(len(texts)) if i not in ignore]
    for measure in (display_width, len):
        layouts = [_columns(text, _pipes(text), measure) for text in texts]
        counts = Counter(layouts[i] for i in voters if len(layouts[i]) >= 2)
        if not counts:
            continue
        mode, _ = counts.most_common(1)[0]
        matching = frozenset(i for i in range(len(texts)) if layouts[i] == mode or _is_prefix(layouts[i], mode))
        count = sum(1 for i in voters if i in matching)
        if count > best_count:
            best_count = count
            aligned = count >= MIN_ALIGNED_LINES and count >= ALIGNED_SHARE * len(voters)
            aligned = aligned and any(_padded(texts[i]) for i in matching if i != 1)
            best = TableLayout(texts, aligned, mode, matching, measure)
    return best


def _padded(text: str) -> bool:
    """A cell padded beyond one space: the evidence that someone aligned
    the table (cells that happen to be as wide as ``---`` line up alone)."""
    return "  |" in text or "|  " in text


# -- re-aligning drifted lines -----------------------------------------------------------
def _cell_texts(text: str, pipes: Sequence[int]) -> list[str]:
    bounds = [-1, *pipes] if pipes and text[: pipes[0]].strip() else list(pipes)
    cells = []
    for left, right in itertools.pairwise(bounds):
        cells.append(text[left + 1 : right])
    return cells


@dataclass(frozen=True)
class _ColumnStyle:
    """How the aligned body rows write one column: where the text sits
    (``left``, ``right``, ``center``) and the fewest spaces they keep
    between the text and the pipe before (``lead``) and after (``trail``)."""

    justify: str
    lead: int
    trail: int


def _column_style(layout: TableLayout, column: int, alignment: Alignment) -> _ColumnStyle:
    votes: Counter[str] = Counter()
    leads: list[int] = []
    trails: list[int] = []
    for index in layout.aligned_lines:
        if index <= 1:
            continue  # the header and the delimiter do not show it
        text = layout.lines[index]
        cells = _cell_texts(text, _pipes(text))
        if column >= len(cells) or not cells[column].strip():
            continue
        cell = cells[column]
        before = len(cell) - len(cell.lstrip(" "))
        after = len(cell) - len(cell.rstrip(" "))
        leads.append(before)
        trails.append(after)
        if before <= 1 < after:
            votes["left"] += 1
        elif after <= 1 < before:
            votes["right"] += 1
        elif before > 1 and after > 1:
            votes["center"] += 1
    if votes:
        justify = votes.most_common(1)[0][0]
    else:
        justify = {"right": "right", "center": "center"}.get(alignment or "", "left")
    lead = min(min(leads, default=1), 1)
    trail = min(min(trails, default=1), 1)
    return _ColumnStyle(justify, lead, trail)


def _delimiter_cell(source: str, width: int, padding: int) -> str:
    """``source`` (``:---:``) stretched to fill ``width`` columns."""
    core = source.strip()
    left, right = core.startswith(":"), core.endswith(":") and len(core) > 1
    dashes = max(width - 2 * padding - left - right, 1)
    text = (":" if left else "") + "-" * dashes + (":" if right else "")
    return " " * padding + text + " " * max(width - padding - len(text), 0)


def preserve_table(document: Document, table: Table, changed: frozenset[int] = frozenset()) -> dict[int, str]:
    """{line number: new text} for the lines of ``table`` the ``preserve``
    style rewrites (none for a table that is not aligned). ``changed``:
    indexes of lines a fix changed (rewritten when drifted, never voting)."""
    from vrlint.fixing.format import _trimmed  # the formatter's cell trim

    layout = table_layout(document, table, changed)
    columns = table.columns
    if not layout.aligned or len(layout.layout) != columns + 1:
        return {}  # not aligned, or aligned without outer pipes: left as written
    if any(layout.lines[i][: layout.layout[0]].strip() for i in layout.aligned_lines):
        return {}
    measure = layout.measure
    pairs = _table_lines(document, table)
    # the header and the delimiter are the author's design: only body rows drift
    drifted = [i for i in range(2, len(pairs)) if i not in layout.aligned_lines]
    if not drifted:
        return {}
    widths = [b - a for a, b in itertools.pairwise(layout.layout)]
    lead = layout.layout[0]
    alignments = list(table.alignments) + [None] * columns
    styles = [_column_style(layout, c, alignments[c]) for c in range(columns)]

    def cells_of(row: Row) -> list[str]:
        return [_trimmed(cell.raw) for cell in row.cells[:columns]]

    # A drifted row whose cells do not fit its columns is left as written
    # (aligning it would rewrite the table), unless a fix changed it: then
    # its columns widen and the table's aligned lines follow.
    widened = False
    rewrite: set[int] = set()
    for index in drifted:
        needs = [
            measure(text) + styles[column].lead + styles[column].trail + 1
            for column, text in enumerate(cells_of(pairs[index][0]))
        ]
        judged = needs if index in changed else needs[: columns - 1]
        if all(need <= widths[column] for column, need in enumerate(judged)):
            rewrite.add(index)
        elif index in changed:
            for column, need in enumerate(needs):
                if need > widths[column]:
                    widths[column] = need
                    widened = True
            rewrite.add(index)
    if widened:
        rewrite |= {i for i in layout.aligned_lines if i != 1}
        if 1 in layout.aligned_lines:
            rewrite.add(1)

    def render(index: int) -> str:
        row, text = pairs[index]
        pipes = _pipes(text)
        indent = " " * lead
        if index == 1:
            sources = _cell_texts(text, pipes) if pipes else [text]
            own = 1 if sources and sources[0].startswith(" ") else 0
            parts = [_delimiter_cell(src, widths[c] - 1, own) for c, src in enumerate(sources[:columns])]
            return indent + "|" + "|".join(parts) + "|"
        parts = []
        for column, cell in enumerate(cells_of(row)):
            style = styles[column]
            spaces = widths[column] - 1 - style.lead - style.trail - measure(cell)
            spaces = max(spaces, 0)
            if style.justify == "right":
                placed = " " * spaces + cell
            elif style.justify == "center":
                placed = " " * (spaces // 2) + cell + " " * (spaces - spaces // 2)
            else:
                placed = cell + " " * spaces
            parts.append(" " * style.lead + placed + " " * style.trail)
        rest = ""
        if len(row.cells) > columns:
            rest = document.text[row.cells[columns - 1].raw_span.end + 1 : row.span.end]
        return indent + "|" + "|".join(parts) + "|" + rest

    prefixes = table.prefixes
    out: dict[int, str] = {}
    for index in sorted(rewrite):
        row = pairs[index][0]
        if index != 1 and not row.cells:
            continue
        prefix = prefixes[index] if index < len(prefixes) else ""
        new = prefix + render(index)
        if new != document.line(row.line).text:
            out[row.line] = new
    return out
