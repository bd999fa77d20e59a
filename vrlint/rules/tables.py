"""VR1xx: table structure as GitHub (cmark-gfm) renders it.

GitHub is forgiving in ways that hide mistakes: a row with too many cells
loses the extra ones without a word, a short row is padded with blanks, a
line of prose written right under a table becomes one more row, and a
header whose delimiter row has a different number of cells is not a table
at all, just a paragraph of pipes.  These rules make each of those visible.

Structure comes from the document model (:class:`vrlint.document.Table`,
whose rows keep every source cell, even those GitHub drops); the one case
the model cannot show as a table, a header/delimiter mismatch, is found in
the paragraph GitHub makes of it, with the same row splitter cmark-gfm uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from vrlint.diagnostics import Diagnostic, Edit
from vrlint.document import Block, Cell, Document, Paragraph, Row, Span, Table
from vrlint.lazyre import lazy_pattern
from vrlint.parsing.tables import is_delimiter_row, split_row
from vrlint.records.marks import read_mark, read_status
from vrlint.rules.base import Context, rule
from vrlint.rules.placeholders import (
    PLACEHOLDER_OPTIONS,
    is_blank,
    is_placeholder_row,
    links_somewhere,
    placeholder_vocabulary,
    placeholder_word,
)

_WHITESPACE = lazy_pattern(r"\s+")
#: what cmark-gfm skips around pipes
_TABLE_SPACE = " \t\v\f"
#: a block quote marker with its optional indentation and following space
_QUOTE_MARKER = lazy_pattern(r"[ ]{0,3}>[ \t]?")
#: a list item marker at the start of a list item's first line
_LIST_MARKER = lazy_pattern(r"[ \t]*(?:[*+-]|[0-9]{1,9}[.)])(?:[ \t]+|\Z)")


def _quote(text: str, limit: int = 30) -> str:
    text = _WHITESPACE.sub(" ", text).strip()
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _row_text(document: Document, row: Row) -> str:
    return document.text[row.span.start : row.span.end]


def _pipeless(row: Row) -> bool:
    """A "row" with no unescaped pipe at all: a line of text the table swallowed."""
    return len(row.cells) == 1 and not row.leading_pipe and not row.trailing_pipe


# -- VR101 ----------------------------------------------------------------------

#: a cell past the header that only holds a comment (``[//]: # (note)``, ``<!-- note -->``):
#: authors put notes there precisely because GitHub drops them
_HIDDEN_NOTE = lazy_pattern(
    r"[ \t]*(?:\[//\]:[ \t]*#(?:[ \t]+(?:\(.*\)|\".*\"|'.*'))?|<!--.*?-->)[ \t]*", re.DOTALL
)


@rule(
    code="VR101",
    name="table-extra-cells",
    severity="error",
    summary="A table row has more cells than the header; GitHub drops the extra ones.",
    why=(
        "GitHub renders only as many cells per row as the header has and silently discards the "
        "rest, so a link or a venue written past the last column never reaches readers. Either "
        "the header lacks a column or a pipe split a cell in two; only the maintainer can tell. "
        "An extra cell holding only a comment (`[//]: # (note)`, `<!-- note -->`) is a hidden note "
        "GitHub is meant to drop, and is not reported."
    ),
    bad="| Title | Code |\n| --- | --- |\n| VAST | [code](https://github.com/a/b) | NeurIPS |\n",
    good=("| Title | Code | Venue |\n| --- | --- | --- |\n| VAST | [code](https://github.com/a/b) | NeurIPS |\n"),
    fix=None,
)
def table_extra_cells(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for table in document.tables:
        columns = table.columns
        for row in table.rows:
            extra = row.cells[columns:]
            kept = {" ".join(cell.content.split()) for cell in row.cells[:columns]}
            lost = [
                cell
                for cell in extra
                if not is_blank(cell)
                and not _HIDDEN_NOTE.fullmatch(cell.content)
                and " ".join(cell.content.split()) not in kept  # a repeat of a shown cell loses nothing
            ]
            if not lost:
                continue  # nothing but empty cells, hidden notes or repeats past the end: nothing is lost
            span = document.span(lost[0].span.start, lost[-1].span.end)
            shown = ", ".join(_quote(cell.content) for cell in lost[:3])
            if len(lost) > 3:
                shown += f" and {len(lost) - 3} more"
            yield ctx.report(
                span,
                f"row has {len(row.cells)} cells but the header has {columns}: GitHub drops {shown}; "
                "add a header column for it or move it into one of the first "
                f"{columns} cells",
            )


# -- VR102 ----------------------------------------------------------------------


def _widths(row: Row) -> list[int]:
    """How many characters lie between each cell's pipes.

    ``Cell.raw`` starts after the spaces that follow a pipe (cmark-gfm eats
    them with the pipe), so the width is measured from the pipe itself.
    """
    widths: list[int] = []
    pipe = row.span.start if row.leading_pipe else None
    for cell in row.cells:
        start = pipe + 1 if pipe is not None else cell.raw_span.start
        widths.append(cell.raw_span.end - start)
        pipe = cell.raw_span.end
    return widths


def _padding(table: Table, row: Row) -> list[str]:
    """The raw text of each missing cell, in the row's own style.

    An aligned table (every cell of the row as wide as its header cell) gets
    cells padded to the header's widths; a row written ``| a | b |`` gets
    ``" "``; a compact ``|a|b|`` row gets nothing between the pipes.
    """
    assert table.header is not None
    header = _widths(table.header)
    mine = _widths(row)
    missing = range(len(row.cells), table.columns)
    aligned = bool(mine) and row.leading_pipe == table.header.leading_pipe and mine == header[: len(mine)]
    if aligned and row.trailing_pipe:
        return [" " * header[index] for index in missing]
    spaced = any(cell.raw[-1:] in (" ", "\t") for cell in row.cells)
    return [" " if spaced else "" for _ in missing]


def _append_cells(document: Document, table: Table, row: Row) -> Edit:
    text = _row_text(document, row)
    end = len(text.rstrip(_TABLE_SPACE))
    cells = _padding(table, row)
    if row.trailing_pipe:
        content = "".join(cell + "|" for cell in cells)
    else:
        # Without a trailing pipe the last cell cannot be empty: close the
        # row first, then add the cells. " |" never turns a backslash at the
        # end of the last cell into an escaped pipe.
        content = " |" + "".join((cell or " ") + "|" for cell in cells)
    at = row.span.start + end
    return Edit(at, at, content)


@rule(
    code="VR102",
    name="table-missing-cells",
    severity="warning",
    summary="A table row has fewer cells than the header, leaving a hole where every other row has a value.",
    why=(
        "GitHub pads a short row with empty cells, so a row that only leaves out trailing empty "
        "cells renders as intended: many lists do that on purpose, and by default it is not "
        "reported. It is reported when the padding leaves a hole in a column that every other "
        "row of the table fills: then a cell is missing in the middle (every later value sits "
        "under the wrong header, as a cell of another kind than all its siblings shows) or the "
        "row was copied from a table with other columns. The "
        "option `every-short-row = true` reports every short row (a style choice)."
    ),
    bad=(
        "| Title | Code | Venue |\n| --- | --- | --- |\n| VAST | CVPR |\n"
        "| VALOR | [code](https://github.com/c/d) | NeurIPS |\n| OMCAT | [code](https://github.com/e/f) | ICLR |\n"
    ),
    good=(
        "| Title | Code | Venue |\n| --- | --- | --- |\n| VAST | | CVPR |\n"
        "| VALOR | [code](https://github.com/c/d) | NeurIPS |\n| OMCAT | [code](https://github.com/e/f) | ICLR |\n"
    ),
    fix="safe",
    options={"every-short-row": False, **PLACEHOLDER_OPTIONS},
)
def table_missing_cells(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    every = bool(ctx.option("every-short-row", False))
    vocabulary = placeholder_vocabulary(ctx)
    for table in document.tables:
        columns = table.columns
        split = {id(row) for pair in _split_rows(table) for row in pair}
        for row in table.rows:
            count = len(row.cells)
            if count >= columns or _pipeless(row) or id(row) in split:
                continue  # a swallowed line is VR105's, a row broken in two VR108's
            holes = _holes(table, row, vocabulary) if _shifted(table, row) else []
            if not holes and not every:
                continue  # trailing cells left out, GitHub renders it right: a style choice
            missing = columns - count
            cells = _plural(missing, "empty cell")
            fix = ctx.fix("safe", f"append {cells}", [_append_cells(document, table, row)])
            assert table.header is not None
            under = ", ".join(_quote(cell.text) for cell in table.header.cells[count:][:3])
            under += ", …" if missing > 3 else ""
            if holes:
                others = len(table.rows) - 1
                filled = ", ".join(_quote(table.header.cells[index].text) for index in holes[:3])
                reason = (
                    f"; all {others} other rows have a value under {filled}, so a cell is probably "
                    "missing in the middle or the row belongs to another table: check every cell"
                )
            else:
                reason = "; write them out, and check that no cell is missing in the middle"
            yield ctx.report(
                row.span,
                f"row has {_plural(count, 'cell')} but the header has {columns}: GitHub pads it with "
                f"{cells} (under {under}){reason}",
                fix=fix,
            )


#: a short row's hole is only telling when at least this many other rows fill that column
_MIN_OTHER_ROWS = 2


def _form(cell: Cell) -> str:
    """A coarse kind of cell content: blank, mark (✓/✗), link or text."""
    if is_blank(cell):
        return "blank"
    if read_mark(cell.text) is not None:
        return "mark"
    return "link" if links_somewhere(cell) else "text"


def _shifted(table: Table, row: Row) -> bool:
    """Whether a cell of the short ``row`` is of another kind than the same cell of every
    other row (text under a ✓/✗ column...): its values sit under the wrong headers."""
    others = [other for other in table.rows if other is not row]
    for index, cell in enumerate(row.cells):
        mine = _form(cell)
        if mine == "blank":
            continue
        forms = {_form(other.cells[index]) for other in others if index < len(other.cells)} - {"blank"}
        if len(forms) == 1 and mine not in forms and len(others) >= _MIN_OTHER_ROWS:
            return True
    return False


def _holes(table: Table, row: Row, vocabulary: frozenset[str]) -> list[int]:
    """The padded columns of ``row`` that every other row of the table fills with a value
    (not blank, not a placeholder such as ``-``)."""
    others = [other for other in table.rows if other is not row]
    if len(others) < _MIN_OTHER_ROWS:
        return []
    holes = []
    for index in range(len(row.cells), table.columns):
        values = [other.cells[index] if index < len(other.cells) else None for other in others]
        if all(
            cell is not None
            and not is_blank(cell)
            and (links_somewhere(cell) or placeholder_word(cell, vocabulary) is None)
            and read_status(cell.text) != "placeholder_dash"
            for cell in values
        ):
            holes.append(index)
    return holes


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# -- VR103 ----------------------------------------------------------------------


def _content_start(document: Document, paragraph: Paragraph, number: int) -> int:
    """Offset in the line where the paragraph's text starts (past container markers).

    The model does not keep container prefixes for paragraphs, so they are
    skipped here: one block quote marker per enclosing quote (lazy lines
    have none), a list marker on the first line of a list item, indentation.
    """
    text = document.line(number).text
    position = 0
    for _ in range(paragraph.containers.count("block_quote")):
        m = _QUOTE_MARKER.match(text, position)
        if m is None:
            break
        position = m.end()
    if number == paragraph.start_line and "list_item" in paragraph.containers:
        m = _LIST_MARKER.match(text, position)
        if m is not None:
            position = m.end()
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def _delimiter_fix(document: Document, line: int, start: int, header_cells: int) -> Edit:
    """Give the delimiter row ``header_cells`` cells: drop the surplus cells
    at its end, or append cells written like its last one."""
    row = document.line(line)
    text = row.text[start:].rstrip(_TABLE_SPACE)
    split = split_row(text)
    assert split is not None
    base = row.start + start
    cells = split.cells
    if len(cells) > header_cells:
        cut = cells[header_cells - 1][1]
        if split.trailing_pipe:
            return Edit(base + cut, base + len(text), "|")
        return Edit(base + len(text[:cut].rstrip(_TABLE_SPACE)), base + len(text), "")
    last = text[cells[-1][0] : cells[-1][1]]
    dashes = last.strip(_TABLE_SPACE).strip(":") or "---"
    spaced = any(text[a:b][-1:] in (" ", "\t") for a, b in cells)
    missing = header_cells - len(cells)
    if split.trailing_pipe:
        addition = ((f" {dashes} " if spaced else dashes) + "|") * missing
    else:
        addition = ((" | " if spaced else "|") + dashes) * missing
    return Edit(base + len(text), base + len(text), addition)


@rule(
    code="VR103",
    name="table-header-delimiter-mismatch",
    severity="error",
    summary="A table's header and delimiter row have different cell counts, so GitHub shows no table.",
    why=(
        "cmark-gfm only starts a table when the delimiter row (`| --- | --- |`) has exactly as "
        "many cells as the header. Otherwise the whole table, header, dashes and rows, is shown "
        "as one paragraph of text full of pipes."
    ),
    bad="| Title | Code | Venue |\n| --- | --- |\n| VAST | [code](https://github.com/a/b) | NeurIPS |\n",
    good=("| Title | Code | Venue |\n| --- | --- | --- |\n| VAST | [code](https://github.com/a/b) | NeurIPS |\n"),
    fix="unsafe",
)
def table_header_delimiter_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for block in document.blocks:
        if not isinstance(block, Paragraph):
            continue
        for number in range(block.start_line + 1, block.end_line + 1):
            start = _content_start(document, block, number)
            delimiter = document.line(number).text[start:]
            if not is_delimiter_row(delimiter):
                continue
            header_start = _content_start(document, block, number - 1)
            header = document.line(number - 1).text[header_start:]
            if "|" not in header and "|" not in delimiter:
                continue  # "text" over ":---": nothing here was meant as a table
            header_split = split_row(header)
            delimiter_split = split_row(delimiter.rstrip(_TABLE_SPACE))
            if header_split is None or delimiter_split is None:
                continue
            n, m = len(header_split.cells), len(delimiter_split.cells)
            if n == m:
                continue
            first = document.line(number - 1).start + header_start
            last = document.line(number)
            span = document.span(first, last.start + len(last.text.rstrip(_TABLE_SPACE)))
            fix = ctx.fix(
                "unsafe",
                f"give the delimiter row {n} cells",
                [_delimiter_fix(document, number, start, n)],
            )
            yield ctx.report(
                span,
                f"GitHub renders no table here because the header has {n} cells and the delimiter "
                f"row {m}; make them agree (every row should have {n} cells too)",
                fix=fix,
            )


# -- VR104 ----------------------------------------------------------------------


@rule(
    code="VR104",
    name="table-placeholder-row",
    severity="warning",
    summary="A table row holds nothing but placeholders (`-`, `TBD`, empty cells).",
    why=(
        "A row of dashes is the template's example row, not an entry: readers see a table "
        "that looks populated but lists nothing. Add real entries or remove the row (and the "
        "table, until there is something to list)."
    ),
    bad="| Title | Model | Checkpoint |\n| --- | --- | --- |\n| - | - | - |\n",
    good=("| Title | Model | Checkpoint |\n| --- | --- | --- |\n| VAST | [VAST](https://github.com/a/b) | - |\n"),
    fix=None,
    options=PLACEHOLDER_OPTIONS,
)
def table_placeholder_row(ctx: Context) -> Iterator[Diagnostic]:
    vocabulary = placeholder_vocabulary(ctx)
    for table in ctx.document.tables:
        for row in table.rows:
            if _pipeless(row) or not is_placeholder_row(row, table.columns, vocabulary):
                continue
            values = sorted({cell.text.strip() for cell in row.cells[: table.columns] if not is_blank(cell)})
            what = f"empty or a placeholder ({', '.join(_quote(v) for v in values[:4])})" if values else "empty"
            yield ctx.report(
                row.span,
                f"every cell of this row is {what}: it is a placeholder, not an entry; fill it in or delete the row",
            )


# -- VR105 / VR106 ----------------------------------------------------------------


def _blank_line(document: Document, table: Table, before: int) -> Edit | None:
    """An empty line inserted before line ``before``, in the file's line-ending
    style; None inside a list item, where a blank line would make a tight
    list loose and so change how every item renders."""
    if "list_item" in table.containers:
        return None
    previous = document.line(before - 1)
    ending = previous.ending or "\n"
    # inside block quotes the blank line keeps the quote markers ("> > " -> "> >")
    prefix = table.prefixes[0].rstrip() if table.containers else ""
    line = document.line(before)
    return Edit(line.start, line.start, prefix + ending)


@rule(
    code="VR105",
    name="table-swallows-line",
    severity="error",
    summary="A line of text under a table has no blank line before it, so GitHub shows it as a table row.",
    why=(
        "A GFM table goes on until a blank line: a sentence written right under the last row "
        "(a note, a source, the next paragraph) becomes one more row, squeezed into the first "
        "column. A blank line ends the table."
    ),
    bad="| Title | Venue |\n| --- | --- |\n| VAST | NeurIPS |\n*Sorted by date.*\n",
    good="| Title | Venue |\n| --- | --- |\n| VAST | NeurIPS |\n\n*Sorted by date.*\n",
    fix="safe",
)
def table_swallows_line(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for table in document.tables:
        header = table.header
        if header is None or _pipeless(header):
            continue  # a table written without any pipes: every row looks like this
        rows = table.rows
        trailing = len(rows)
        while trailing > 0 and _pipeless(rows[trailing - 1]):
            trailing -= 1
        for index, row in enumerate(rows):
            if not _pipeless(row):
                continue
            text = _quote(row.cells[0].content, 40)
            if index == trailing:
                edit = _blank_line(document, table, row.line)
                fix = ctx.fix("safe", "insert a blank line", [edit]) if edit else None
                yield ctx.report(
                    row.span,
                    f"line {text} has no blank line above it, so GitHub shows it as a row of the "
                    "table; insert a blank line before it",
                    fix=fix,
                )
            elif index < trailing:
                yield ctx.report(
                    row.span,
                    f"line {text} has no pipes but GitHub shows it as a row of the table; write it "
                    "as a row (`| ... |`) or move it out of the table",
                )


@rule(
    code="VR106",
    default=False,
    name="table-no-blank-line-after",
    severity="warning",
    summary="A table is followed directly by a heading, list or HTML block, with no blank line.",
    why=(
        "GitHub ends the table where another block starts, but other renderers (and editors) "
        "do not all agree, and a later edit that turns that line into text makes it a table "
        "row. A blank line after every table keeps it unambiguous."
    ),
    bad="| Title | Venue |\n| --- | --- |\n| VAST | NeurIPS |\n## Datasets\n",
    good="| Title | Venue |\n| --- | --- |\n| VAST | NeurIPS |\n\n## Datasets\n",
    fix="safe",
)
def table_no_blank_line_after(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    #: comments that split a table are VR109's: a blank line there would not help
    splitting = {found.comment.start_line for found in rows_outside_tables(document) if found.comment is not None}
    for table in document.tables:
        after = table.end_line + 1
        if after > len(document.lines):
            continue
        line = document.line(after)
        if not line.text.strip():
            continue
        following = document.containing_block(after)
        if after in splitting:
            continue
        depth = len(table.containers)
        if following is None or following.containers[:depth] != table.containers:
            continue  # the next line belongs to another container
        if "list_item" in table.containers:
            indent = table.prefixes[-1]
            if indent.strip() or not line.text.startswith(indent):
                continue  # the next item of the list, not more of this one
        elif table.containers and not line.text.lstrip().startswith(">"):
            continue
        edit = _blank_line(document, table, after)
        fix = ctx.fix("safe", "insert a blank line", [edit]) if edit else None
        prefix = table.prefixes[0] if table.containers else ""
        skip = len(prefix) if prefix and line.text.startswith(prefix) else 0
        start = line.start + skip + len(line.text[skip:]) - len(line.text[skip:].lstrip())
        yield ctx.report(
            document.span(start, line.start + len(line.text.rstrip())),
            f"no blank line between the table (ending on line {table.end_line}) and this "
            f"{_describe(following, depth)}; insert one",
            fix=fix,
        )


_BLOCK_NAMES = {
    "paragraph": "paragraph",
    "heading": "heading",
    "table": "table",
    "fenced_code": "code block",
    "indented_code": "code block",
    "html": "HTML block",
    "thematic_break": "horizontal rule",
    "link_definition": "link definition",
}


def _describe(block: Block, depth: int) -> str:
    """What starts on the line after a table, as a reader would call it."""
    opened = block.containers[depth:]
    if opened:
        return "list" if opened[0] == "list_item" else "block quote"
    return _BLOCK_NAMES.get(block.kind, block.kind)


# -- VR107 ----------------------------------------------------------------------


def _header_span(document: Document, table: Table) -> Span:
    assert table.header is not None and table.delimiter is not None
    return document.span(table.header.span.start, table.delimiter.span.end)


@rule(
    code="VR107",
    default=False,
    name="table-without-rows",
    severity="warning",
    summary="A table has a header and a delimiter row but no body rows.",
    why=(
        "An empty table renders as a lone header bar: it tells readers a list is here when "
        "there is nothing in it. Add the entries, or leave the table out until there are some."
    ),
    bad="### Video\n\n| Title | Venue |\n| --- | --- |\n",
    good="### Video\n\n| Title | Venue |\n| --- | --- |\n| VAST | NeurIPS 2023 |\n",
    fix=None,
)
def table_without_rows(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    #: a table whose rows a comment or blank line cut off is VR109's
    cut_off = {id(found.table) for found in rows_outside_tables(document)}
    for table in document.tables:
        if table.rows or table.header is None or table.delimiter is None or id(table) in cut_off:
            continue
        yield ctx.report(
            _header_span(document, table),
            f"table with columns {', '.join(_quote(c.text) for c in table.header.cells[:4])}"
            f"{'…' if table.columns > 4 else ''} has no rows; add entries or remove the table",
        )


# -- VR108 ----------------------------------------------------------------------


def _split_rows(table: Table) -> list[tuple[Row, Row]]:
    """Pairs of consecutive lines that are one row broken by a line break.

    In a table written with outer pipes, a line that lacks its closing pipe
    followed by one that lacks its opening pipe, whose cells add up to the
    header's count once the broken cell is counted once, is a row whose cell
    text went on to the next line (a pasted title, "Training-time⏎data").
    """
    header = table.header
    if header is None or not (header.leading_pipe and header.trailing_pipe):
        return []
    pairs: list[tuple[Row, Row]] = []
    rows = table.rows
    index = 0
    while index + 1 < len(rows):
        first, second = rows[index], rows[index + 1]
        if (
            first.leading_pipe
            and not first.trailing_pipe
            and not second.leading_pipe
            and second.trailing_pipe
            and second.line == first.line + 1
            and len(first.cells) + len(second.cells) - 1 == table.columns
        ):
            pairs.append((first, second))
            index += 2
        else:
            index += 1
    return pairs


@rule(
    code="VR108",
    name="table-row-split",
    severity="error",
    summary="A table row is broken over two lines, so GitHub shows two half rows.",
    why=(
        "A table row must fit on one line: a line break inside a cell (often from pasting a "
        "title) ends the row there, and the rest of the cell and the cells after it become a "
        "second, shifted row. Join the two lines, or use `<br>` for a visible line break."
    ),
    bad="| Title | Topic | Code |\n| --- | --- | --- |\n| GUARD | backdoor\ndefense | [code](https://x.io) |\n",
    good="| Title | Topic | Code |\n| --- | --- | --- |\n| GUARD | backdoor defense | [code](https://x.io) |\n",
    fix="unsafe",
)
def table_row_split(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for table in document.tables:
        for first, second in _split_rows(table):
            line = document.line(first.line)
            end = line.start + len(line.text.rstrip())
            fix = ctx.fix("unsafe", "join the two lines", [Edit(end, second.span.start, " ")])
            broken = _quote(first.cells[-1].content + " " + second.cells[0].content, 40)
            yield ctx.report(
                document.span(first.span.start, second.span.end),
                f"this row is broken over lines {first.line} and {second.line} inside the cell "
                f"{broken}, so GitHub shows two half rows; join the lines (use `<br>` for a line break)",
                fix=fix,
            )


# -- VR109 ----------------------------------------------------------------------

_DIRECTIVE_NEXT_LINE = lazy_pattern(r"<!--[ \t]*vrlint-disable-next-line\b([^>]*?)-->", re.IGNORECASE)


class _RowsOutside(NamedTuple):
    """Lines under a table that look like its rows but are a paragraph.

    ``rows`` are the paragraph's first lines with outer pipes and the
    table's cell count; what ended the table is the HTML comment block
    between them (``comment``) and/or blank lines (``blank``).
    """

    table: Table
    paragraph: Paragraph
    rows: list[int]
    comment: Block | None
    blank: bool


@lru_cache(maxsize=1024)  # VR106, VR107 and VR109 all ask about the same lines
def _looks_like_row(text: str, columns: int) -> bool:
    stripped = text.strip(_TABLE_SPACE)
    if len(stripped) < 2 or not (stripped.startswith("|") and stripped.endswith("|")):
        return False
    split = split_row(stripped)
    return split is not None and split.leading_pipe and split.trailing_pipe and len(split.cells) == columns


def rows_outside_tables(document: Document) -> list[_RowsOutside]:
    """Top-level paragraphs right under a table (past blank lines or one HTML
    comment) whose first line looks like a row of that table."""
    found: list[_RowsOutside] = []
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or block.containers:
            continue
        comment: Block | None = None
        previous = index - 1
        if previous >= 0 and blocks[previous].kind == "html" and not blocks[previous].containers:
            comment = blocks[previous]
            previous -= 1
        if previous < 0 or not isinstance(blocks[previous], Table) or blocks[previous].containers:
            continue
        table = blocks[previous]
        assert isinstance(table, Table)
        if comment is not None:
            text = "\n".join(document.line(n).text for n in range(comment.start_line, comment.end_line + 1))
            if not text.lstrip().startswith("<!--"):
                continue  # an HTML table or <details>: not a row gone astray
        rows = []
        for number in range(block.start_line, block.end_line + 1):
            if not _looks_like_row(document.line(number).text, table.columns):
                break
            rows.append(number)
        if not rows:
            continue
        first_after = (comment or block).start_line
        blank = first_after > table.end_line + 1
        found.append(_RowsOutside(table, block, rows, comment, blank))
    return found


def _move_into_row(document: Document, found: _RowsOutside) -> list[Edit] | None:
    """Edits that put a one-line comment inside the first row, before its
    closing pipe (a ``disable-next-line`` directive becomes ``disable-line``)."""
    comment = found.comment
    if comment is None or found.blank or comment.start_line != comment.end_line:
        return None
    whole = len(found.rows) == found.paragraph.end_line - found.paragraph.start_line + 1
    if comment.start_line != found.table.end_line + 1 or not whole:
        return None
    line = document.line(comment.start_line)
    text = line.text.strip()
    if "|" in text or not (text.startswith("<!--") and text.endswith("-->")):
        return None
    directive = _DIRECTIVE_NEXT_LINE.fullmatch(text)
    if directive is not None:
        codes = " ".join(directive.group(1).split())
        text = f"<!-- vrlint-disable-line {codes} -->" if codes else "<!-- vrlint-disable-line -->"
    row = document.line(found.rows[0])
    closing = row.start + len(row.text.rstrip(_TABLE_SPACE)) - 1  # the trailing pipe
    before = row.text[: closing - row.start]
    space = "" if before.endswith((" ", "\t")) else " "
    return [
        Edit(line.start, line.start + len(line.text) + len(line.ending), ""),
        Edit(closing, closing, f"{space}{text} "),
    ]


@rule(
    code="VR109",
    name="table-row-outside-table",
    severity="error",
    summary="A line that looks like a row of the table above is outside it, so GitHub shows it as text.",
    why=(
        "A table ends at the first blank line or block that interrupts it: an HTML comment "
        "between two rows (such as a `vrlint-disable-next-line` directive) or a blank line "
        "ends it, and the rows below render as a paragraph of literal `| a | b |` text. "
        "Keep rows together; put a comment inside a row (`| a | b <!-- note --> |`), where "
        "GitHub hides it and the row stays in the table."
    ),
    bad=(
        "| Title | Code |\n| --- | --- |\n| VAST | [code](https://github.com/a/b) |\n"
        "<!-- vrlint-disable-next-line VR408 -->\n| Old | [code](http://github.com/c/d) |\n"
    ),
    good=(
        "| Title | Code |\n| --- | --- |\n| VAST | [code](https://github.com/a/b) |\n"
        "| Old | [code](http://github.com/c/d) <!-- vrlint-disable-line VR408 --> |\n"
    ),
    fix="safe",
)
def table_row_outside_table(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for found in rows_outside_tables(document):
        first = document.line(found.rows[0])
        last = document.line(found.rows[-1])
        span = document.span(first.start, last.start + len(last.text.rstrip()))
        count = len(found.rows)
        what = f"{count} lines look" if count > 1 else "this line looks"
        fix = None
        if found.comment is not None:
            directive = "vrlint-disable-next-line" in document.line(found.comment.start_line).text
            cause = (
                f"the {'vrlint-disable-next-line directive' if directive else 'HTML comment'} on line "
                f"{found.comment.start_line} ends the table"
            )
            todo = "move the comment inside the row, before its closing pipe"
            edits = _move_into_row(document, found)
            if edits is not None:
                fix = ctx.fix("safe", "move the comment inside the row", edits)
        else:
            cause = f"the blank line on line {found.table.end_line + 1} ends the table"
            todo = "remove the blank line"
            blank = document.line(found.table.end_line + 1)
            if found.paragraph.start_line == found.table.end_line + 2 and count == (
                found.paragraph.end_line - found.paragraph.start_line + 1
            ):
                fix = ctx.fix("unsafe", "remove the blank line", [Edit(blank.start, first.start, "")])
        yield ctx.report(
            span,
            f"{what} like {'rows' if count > 1 else 'a row'} of the table above ({found.table.columns} cells), "
            f"but {cause}, so GitHub renders {'them' if count > 1 else 'it'} as text; {todo}",
            fix=fix,
        )
