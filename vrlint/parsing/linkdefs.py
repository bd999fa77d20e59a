"""Link reference definitions (``[label]: url "title"``).

They matter twice: a paragraph made only of definitions is not a paragraph
(so it cannot become a setext heading), and reference links in cells resolve
through them. A definition may span lines as CommonMark allows: the label,
the destination on the line after ``[label]:``, a title on the next line or
over several lines; a title that does not end its line leaves the
definition without it, and the line to the paragraph.
"""

from __future__ import annotations

from typing import NamedTuple

from vrlint.lazyre import lazy_pattern

_DEFINITION = lazy_pattern(
    r"[ ]{0,3}\[((?:[^\[\]\\]|\\.){1,999})\]:[ \t]*"
    r"(<[^<>\n]*>|[^ \t<][^ \t]*)"
    r"(?:[ \t]+(\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*\Z"
)


class Definition(NamedTuple):
    label: str
    url: str
    title: str | None
    url_offset: int
    #: how many lines of the paragraph it takes
    lines: int = 1


def parse_definition(text: str) -> Definition | None:
    m = _DEFINITION.match(text)
    if m is None or not m.group(1).strip():
        return None
    url = m.group(2)
    url_offset = m.start(2)
    if url.startswith("<"):
        url = url[1:-1]
        url_offset += 1
    title = m.group(3)[1:-1] if m.group(3) else None
    return Definition(m.group(1), url, title, url_offset)


def leading_definitions(texts: list[str]) -> tuple[int, list[Definition]]:
    """How many leading lines of a paragraph are definitions, and them."""
    found: list[Definition] = []
    text = "\n".join(texts)
    position = 0
    used = 0
    while used < len(texts):
        parsed = _definition_at(text, position)
        if parsed is None:
            break
        definition, end = parsed
        found.append(definition)
        used += definition.lines
        position = end
    return used, found


_SPACE = " \t"
_TITLE_CLOSE = {'"': '"', "'": "'", "(": ")"}


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACE:
        position += 1
    return position


def _line_end(text: str, position: int) -> int | None:
    """Just after the line ending at ``position`` (spaces allowed), or None."""
    position = _skip_spaces(text, position)
    if position == len(text):
        return position
    return position + 1 if text[position] == "\n" else None


def _definition_at(text: str, start: int) -> tuple[Definition, int] | None:
    """The definition starting at ``text[start]`` and where it ends (after its
    last line's newline), or None. Each character is looked at a bounded
    number of times: linear."""
    position = start
    while position < len(text) and position - start < 3 and text[position] == " ":
        position += 1
    if not text.startswith("[", position):
        return None
    label_start = position + 1
    position = label_start
    while position < len(text) and text[position] != "]":
        if text[position] == "[" or position - label_start >= 999:
            return None
        position += 2 if text[position] == "\\" else 1
    if position >= len(text) or not text.startswith("]:", position):
        return None
    label = text[label_start:position]
    if not label.strip():
        return None
    position = _skip_spaces(text, position + 2)
    if text.startswith("\n", position):
        position = _skip_spaces(text, position + 1)
    destination = _destination(text, position)
    if destination is None:
        return None
    url_start, url_end, position = destination
    url = text[url_start:url_end]
    bare_end = _line_end(text, position)
    title_at = _skip_spaces(text, position)
    if bare_end is not None and bare_end > title_at:  # the destination ends its line
        title_at = _skip_spaces(text, bare_end)
    title: str | None = None
    end = bare_end
    if title_at > position and title_at < len(text) and text[title_at] in _TITLE_CLOSE:
        closing = _title_end(text, title_at)
        if closing is not None and (after := _line_end(text, closing + 1)) is not None:
            title, end = text[title_at + 1 : closing], after
    if end is None:
        return None
    line_start = text.rfind("\n", 0, url_start) + 1
    lines = text.count("\n", start, end) + (0 if end > 0 and text[end - 1] == "\n" else 1)
    definition = Definition(label, url, title, url_start - line_start, lines)
    return definition, end


def _destination(text: str, position: int) -> tuple[int, int, int] | None:
    """(url start, url end, position after) of a link destination."""
    if text.startswith("<", position):
        index = position + 1
        while index < len(text) and text[index] not in "<>\n":
            index += 2 if text[index] == "\\" else 1
        if index >= len(text) or text[index] != ">":
            return None
        return position + 1, index, index + 1
    index = position
    depth = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and not text[index + 1].isspace():
            index += 2
            continue
        if char.isspace() or ord(char) < 0x20:
            break
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        index += 1
    if index == position or depth != 0:
        return None
    return position, index, index


def _title_end(text: str, opening: int) -> int | None:
    """Index of the character closing the title opened at ``opening``."""
    close = _TITLE_CLOSE[text[opening]]
    index = opening + 1
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == close:
            return index
        if close == ")" and char == "(":
            return None
        index += 1
    return None


def normalize_label(label: str) -> str:
    """CommonMark label matching: case-folded, whitespace collapsed."""
    return " ".join(label.split()).casefold()
