"""Format GFM tables: keep each table's own style, or one house style.

The default style, ``preserve``, keeps every table as its author laid it
out and only re-aligns the drifted lines of a table that is aligned; see
:mod:`vrlint.fixing.layout` (what counts as aligned, with its threshold).
It never respells check marks (VR702's fix does that, under ``--fix``).
The canonical styles below rewrite every table.

Canonical form (``aligned``, ``compact``, ``auto``)
---------------------------------------------------
* outer pipes always, one space of padding inside each pipe;
* ``aligned`` style: every column padded to the display width of its widest
  cell (CJK and emoji count two columns), text placed by the column's
  alignment (left/none: padded after, right: before, center: split, extra
  space after) and delimiter dashes filling the column (min 3);
* ``compact`` style: no alignment padding (``| a | b |``) and delimiters of
  exactly three characters (``---``, ``:--``, ``:-:``, ``--:``);
* each cell written exactly as its source, trimmed (``\\|``, code spans,
  HTML and entities byte for byte); short rows get empty cells; the cells
  of a row that has *more* cells than the header are kept exactly as they
  are after the last column (cmark-gfm drops them; a rule reports them);
* a cell whose whole content is one check or cross mark glyph, entity or
  shortcode is respelled to the file's pair (config ``checkmarks``, else the
  spelling the file uses most for each meaning). Words (``Yes``/``No``/``x``)
  and wrapped marks (``**✓**``) are never touched.

Container prefixes (``> ``, list indentation), line endings (per line), the
BOM and the final newline are kept; lines outside tables are byte-identical.
The result is re-parsed and checked with
:func:`vrlint.fixing.verify.verify_format`; :class:`FormatError` is raised
instead of returning text that renders differently.

Why ``auto`` and a default ``max-width`` of 160
-----------------------------------------------
Formatters disagree on wide tables, and their users complain either way:

* mdformat-gfm always aligns; users with text-heavy tables asked for a way
  out because the inserted whitespace makes the source unreadable
  (hukkin/mdformat-gfm#33), which led to ``--compact-tables`` in
  mdformat-tables.
* prettier aligns, and only falls back to the compact form when the
  aligned table exceeds ``printWidth`` (default 80) and ``proseWrap`` is
  ``never`` (prettier/prettier#5701, after #5651 and #4195); its issues
  about partially extremely wide cells (#14935) and whole-table diffs
  (#4314: one longer cell re-pads every row, merge conflicts) are among the
  most discussed. markdownlint's MD060 and rumdl settled on the same
  "aligned up to a max width, else compact" shape.

Awesome-list tables are exactly the bad case: a row is a title plus badge
cells of 100-250 characters, and rows are added every week by different
people. Aligning such a table pads every row to its longest badge, and each
new paper with a longer title rewrites the whole table. Measured on the 28
READMEs of the shared corpus (454 tables, 7,485 table lines; the aligned
width of a table is a median of about 300 columns, and only 23 tables, in
two repositories, are aligned in the source today):

=================  ==============  ===============  ==================
style, max-width   tables aligned  lines rewritten  size change
=================  ==============  ===============  ==================
always aligned     454             7,268            +1.4 MB of padding
auto, 256          155             4,051            -72 kB
auto, 160          44              3,626            -159 kB
auto, 80           3               3,338            -175 kB
always compact     0               3,338            -175 kB
=================  ==============  ===============  ==================

80 columns (prettier's default) keeps almost nothing aligned, not even the
short summary tables ("Model | Size | Link") people like to read aligned;
160 keeps those (two side-by-side 80-column panes, or one wide editor
window, show them without wrapping) at a tenth more rewritten lines than
compact, while tables with badge or abstract cells fall back to compact,
where adding a row is a one-line diff. Raise ``max-width`` or set
``style = "aligned"`` to always align.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wcwidth import wcswidth

from vrlint.config import Config
from vrlint.document import Alignment, Document, Row, Table
from vrlint.lazyre import lazy_pattern
from vrlint.parsing.tables import trim_bounds
from vrlint.records.marks import mark_spelling, read_mark

__all__ = [
    "DEFAULT_MAX_WIDTH",
    "FormatError",
    "MarkPlan",
    "display_width",
    "format_document",
    "format_parsed",
    "format_text",
    "is_bare_mark",
    "plan_marks",
]

#: ``Config.max_width``'s default (160), justified in the module docstring.
DEFAULT_MAX_WIDTH: int = Config().max_width
#: narrowest delimiter cell (``---``, ``:-:``)
_MIN_WIDTH = 3

_VARIATION_SELECTORS = str.maketrans("", "", "\ufe0e\ufe0f")
#: longer than any mark entity or shortcode (``:negative_squared_cross_mark:``)
_LONGEST_MARK = 32
# Characters wcwidth gives -1 (C0 and C1 controls, DEL). One character class,
# no nesting: linear time.
_CONTROL = lazy_pattern(r"[\x00-\x1f\x7f-\x9f]")


class FormatError(Exception):
    """Formatting would change what a table renders; nothing is written."""


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes (CJK, emoji and emoji sequences 2).

    ``wcswidth`` answers -1 when the text holds a control character (a tab,
    an escape); each of those then counts as one column, the least any
    editor draws for it (a tab's space, a ``␛`` or ``^[`` placeholder), so a
    stray control character neither breaks alignment nor gets negative
    width. The width of the rest is unaffected.
    """
    if text.isascii() and text.isprintable():
        return len(text)
    width = wcswidth(text)
    if width < 0:
        width = wcswidth(_CONTROL.sub("?", text))
    return width if width >= 0 else len(text)


def _trimmed(raw: str) -> str:
    start, end = trim_bounds(raw)
    return raw[start:end]


# -- check marks -------------------------------------------------------------
def is_bare_mark(text: str) -> bool | None:
    """The meaning of ``text`` when it is exactly one mark glyph (optionally
    with a variation selector), one mark entity or one mark shortcode; None
    for anything else, including the words ``yes``/``no``/``x`` and marks
    wrapped in emphasis or code."""
    if not text or len(text) > _LONGEST_MARK:
        return None
    if text[0] == "&":
        shaped = text.endswith(";")
    elif text[0] == ":":
        shaped = len(text) > 2 and text.endswith(":")
    else:
        glyph = text.translate(_VARIATION_SELECTORS)
        shaped = len(glyph) == 1 and not glyph.isascii()
    return read_mark(text) if shaped else None


@dataclass
class MarkPlan:
    """The spelling each meaning is normalised to (absent: left alone)."""

    targets: dict[bool, str] = field(default_factory=dict)

    def apply(self, text: str) -> str:
        meaning = is_bare_mark(text)
        if meaning is None:
            return text
        target = self.targets.get(meaning)
        if target is None or target == text:
            return text
        wanted = mark_spelling(target)
        if wanted is not None and mark_spelling(text) == wanted:
            return text  # same spelling up to case (``&#X2713;``)
        return target


def plan_marks(document: Document, pair: tuple[str, str] | None = None) -> MarkPlan:
    """The configured pair, or per meaning the spelling the file's table
    body cells use most (ties: the one seen first)."""
    if pair is not None:
        true, false = pair
        if read_mark(true) is not True or read_mark(false) is not False:
            raise FormatError(
                f'checkmarks {list(pair)!r} is not a check mark and a cross mark; use a pair like ["✓", "✗"]'
            )
        return MarkPlan({True: true, False: false})
    counts: dict[bool, dict[str, int]] = {True: {}, False: {}}
    literal: dict[str, str] = {}
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells[: table.columns]:
                text = _trimmed(cell.raw)
                meaning = is_bare_mark(text)
                if meaning is None:
                    continue
                spelling = mark_spelling(text) or text
                literal.setdefault(spelling, text)
                seen = counts[meaning]
                seen[spelling] = seen.get(spelling, 0) + 1
    targets: dict[bool, str] = {}
    for meaning, seen in counts.items():
        if len(seen) > 1:
            best = max(seen, key=lambda s: seen[s])  # max keeps the first of ties
            targets[meaning] = literal[best]
    return MarkPlan(targets)


# -- tables --------------------------------------------------------------------
def _delimiter(alignment: Alignment, width: int) -> str:
    if alignment == "left":
        return ":" + "-" * (width - 1)
    if alignment == "right":
        return "-" * (width - 1) + ":"
    if alignment == "center":
        return ":" + "-" * (width - 2) + ":"
    return "-" * width


def _pad(text: str, width: int, alignment: Alignment) -> str:
    spaces = width - display_width(text)
    if spaces <= 0:
        return text
    if alignment == "right":
        return " " * spaces + text
    if alignment == "center":
        before = spaces // 2
        return " " * before + text + " " * (spaces - before)
    return text + " " * spaces


def _remainder(document: Document, row: Row, columns: int) -> str:
    """The source of the cells past the header's count, kept as written."""
    if len(row.cells) <= columns:
        return ""
    # the last shown cell is followed by its pipe: skip it
    rest = document.text[row.cells[columns - 1].raw_span.end + 1 : row.span.end]
    return rest if rest[:1] in (" ", "\t") else " " + rest


def format_table(
    document: Document,
    table: Table,
    style: str = "auto",
    max_width: int = DEFAULT_MAX_WIDTH,
    marks: MarkPlan | None = None,
) -> list[tuple[int, str]]:
    """(line number, new line text without ending) for every line of ``table``."""
    columns = table.columns
    alignments = list(table.alignments) + [None] * (columns - len(table.alignments))
    grid: list[list[str]] = []
    for index, row in enumerate(table.all_rows):
        texts = [_trimmed(cell.raw) for cell in row.cells[:columns]]
        if marks is not None and index > 0:
            texts = [marks.apply(text) for text in texts]
        texts.extend([""] * (columns - len(texts)))
        grid.append(texts)
    widths = [_MIN_WIDTH] * columns
    for texts in grid:
        for column, text in enumerate(texts):
            widths[column] = max(widths[column], display_width(text))
    compact = style == "compact"
    if style == "auto":
        prefix = table.prefixes[0] if table.prefixes else ""
        aligned = display_width(prefix) + sum(widths) + 3 * columns + 1
        compact = aligned > max_width

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    if compact:
        rendered = [line(texts) for texts in grid]
        delimiter = line([_delimiter(a, _MIN_WIDTH) for a in alignments])
    else:
        rendered = [line([_pad(text, widths[c], alignments[c]) for c, text in enumerate(texts)]) for texts in grid]
        delimiter = line([_delimiter(a, widths[c]) for c, a in enumerate(alignments)])
    rows = table.all_rows
    rendered = [text + _remainder(document, row, columns) for text, row in zip(rendered, rows, strict=True)]
    assert table.delimiter is not None
    out = [(rows[0].line, rendered[0]), (table.delimiter.line, delimiter)]
    out.extend((row.line, text) for row, text in zip(rows[1:], rendered[1:], strict=True))
    prefixes = table.prefixes
    return [(number, prefixes[i] + text) for i, (number, text) in enumerate(out)]


def format_document(document: Document, config: Config | None = None, *, marks: bool = True) -> str:
    """The formatted text of ``document`` (not verified; see :func:`format_text`)."""
    config = config or Config()
    tables = document.tables
    if not tables:
        return document.render()
    style = config.format_style
    replaced: dict[int, str] = {}
    if style == "preserve":
        from vrlint.fixing.layout import preserve_table

        for table in tables:
            replaced.update(preserve_table(document, table))
    else:
        plan = plan_marks(document, config.checkmarks) if marks else None
        for table in tables:
            for number, text in format_table(document, table, style, config.max_width, plan):
                replaced[number] = text
    if not replaced:
        return document.text
    parts = [document.bom]
    for line in document.lines:
        parts.append(replaced.get(line.number, line.text))
        parts.append(line.ending)
    return "".join(parts)


def format_parsed(document: Document, config: Config | None = None, *, marks: bool = True) -> tuple[str, Document]:
    """Format an already parsed document: the new text and its parsed
    :class:`Document` (``document`` itself when nothing changed), verified
    like :func:`format_text`."""
    from vrlint.fixing.verify import verify_format
    from vrlint.parsing.build import parse

    text = document.text
    if not document.tables:
        return text, document
    result = format_document(document, config, marks=marks)
    if result == text:
        return text, document
    after = parse(result)
    problem = verify_format(document, after)
    if problem is not None:
        raise FormatError(f"formatting refused: {problem}")
    return result, after


def format_text(text: str, config: Config | None = None, *, marks: bool = True) -> str:
    """Rewrite every table of ``text`` canonically (see the module docstring).

    ``marks=False`` leaves check marks as written. Raises :class:`FormatError`
    when the result would not render the same tables (a bug, never expected).
    """
    from vrlint.parsing.build import parse

    if "-" not in text:
        return text  # every delimiter row has a dash (pipes are optional): skip the parse
    result, _ = format_parsed(parse(text), config, marks=marks)
    return result if result != text else text
