"""Table rows split exactly as cmark-gfm's table extension splits them.

mistune's table plugin cannot serve here: it drops a whole table when one row
has a different cell count, ignores ``\\|``, and keeps no positions. These
functions follow ``row_from_string`` and the ``ext_scanners`` rules of
cmark-gfm instead, and return offsets so every cell can be located.
"""

from __future__ import annotations

from typing import NamedTuple

from vrlint.lazyre import lazy_pattern

#: cmark-gfm's ``spacechar`` inside tables.
_TABLE_SPACE = " \t\v\f"
#: what ``cmark_strbuf_trim`` removes around cell content.
_TRIM = " \t\n\v\f\r"
#: ``cmark_isspace``, what ``cmark_strbuf_trim`` really removes around cell
#: content: not ``\v`` or ``\f``. Only right after a pipe are those skipped
#: too (``scan_table_cell_end`` is ``'|' spacechar*``), so a leading ``\v``
#: stays in the first cell of a row without a leading pipe, and a trailing
#: one stays in every cell (found by fuzzing: the formatter dropped a ``\v``
#: row that cmark-gfm renders as a cell holding ``\v``).
_CELL_TRIM = " \t\n\r"

#: ``scan_table_start``: the delimiter row. Each repetition starts with a
#: pipe, so the pattern is unambiguous and runs in linear time.
DELIMITER_ROW = lazy_pattern(
    r"\|?[ \t\v\f]*:?-+:?[ \t\v\f]*(?:\|[ \t\v\f]*:?-+:?[ \t\v\f]*)*\|?[ \t\v\f]*\Z"
)


class RowSplit(NamedTuple):
    """Cells of one row as (start, end) offsets of the text between pipes."""

    cells: list[tuple[int, int]]
    leading_pipe: bool
    trailing_pipe: bool


def _pipe_run(text: str, pos: int) -> int:
    """``scan_table_cell_end``: a pipe and the table spaces after it."""
    if pos < len(text) and text[pos] == "|":
        end = pos + 1
        while end < len(text) and text[end] in _TABLE_SPACE:
            end += 1
        return end - pos
    return 0


def _cell_run(text: str, pos: int) -> int:
    """``scan_table_cell``: everything up to an unescaped pipe.

    Scanning left to right, ``\\|`` is always taken as a pair, so a pipe is
    escaped exactly when the character before it is a backslash.
    """
    end = text.find("|", pos)
    while end > pos and text[end - 1] == "\\":
        end = text.find("|", end + 1)
    if end < 0:
        end = len(text)
    return end - pos


def split_row(text: str) -> RowSplit | None:
    """Split one line (already past its container prefix and indentation,
    without line ending) into cells, or return None where cmark-gfm sees no
    row (an empty line, or a lone ``|``)."""
    cells: list[tuple[int, int]] = []
    length = len(text)
    offset = _pipe_run(text, 0)
    leading = offset > 0
    trailing = False
    while offset < length:
        cell = _cell_run(text, offset)
        pipe = _pipe_run(text, offset + cell)
        if cell or pipe:
            cells.append((offset, offset + cell))
        offset += cell + pipe
        if not pipe:
            break
        trailing = offset >= length
    if not cells:
        return None
    return RowSplit(cells, leading, trailing)


def is_delimiter_row(text: str) -> bool:
    return DELIMITER_ROW.match(text) is not None


def unescape_pipes(raw: str) -> tuple[str, list[int]]:
    """``\\|`` becomes ``|`` (as in cmark-gfm, also inside code spans).

    Returns the new text and the offsets in ``raw`` where a backslash was
    removed, so positions can be mapped back to the source.
    """
    if "\\|" not in raw:
        return raw, []
    out: list[str] = []
    removed: list[int] = []
    index = 0
    length = len(raw)
    while index < length:
        char = raw[index]
        if char == "\\" and index + 1 < length and raw[index + 1] == "|":
            removed.append(index)
            index += 1
            continue
        out.append(char)
        index += 1
    return "".join(out), removed


def trim_bounds(raw: str, after_pipe: bool = True) -> tuple[int, int]:
    """Start and end offsets of ``raw`` once cmark's whitespace is trimmed
    (``after_pipe``: the cell follows a pipe, false only for the first cell
    of a row without a leading pipe)."""
    start = len(raw) - len(raw.lstrip(_TABLE_SPACE if after_pipe else _CELL_TRIM))
    end = len(raw.rstrip(_CELL_TRIM))
    if end < start:
        end = start
    return start, end


def alignment_of(cell: str) -> str | None:
    cell = cell.strip(_TRIM)
    left = cell.startswith(":")
    right = cell.endswith(":")
    if left and right:
        return "center"
    if left:
        return "left"
    if right:
        return "right"
    return None
