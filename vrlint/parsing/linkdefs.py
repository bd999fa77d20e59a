"""Link reference definitions (``[label]: url "title"``).

They matter twice: a paragraph made only of definitions is not a paragraph
(so it cannot become a setext heading), and reference links in cells resolve
through them. Only the common single-line form is recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DEFINITION = re.compile(
    r"[ ]{0,3}\[((?:[^\[\]\\]|\\.){1,999})\]:[ \t]*"
    r"(<[^<>\n]*>|[^ \t<][^ \t]*)"
    r"(?:[ \t]+(\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*\Z"
)


@dataclass(frozen=True, slots=True)
class Definition:
    label: str
    url: str
    title: str | None
    url_offset: int


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
    for text in texts:
        definition = parse_definition(text)
        if definition is None:
            break
        found.append(definition)
    return len(found), found


def normalize_label(label: str) -> str:
    """CommonMark label matching: case-folded, whitespace collapsed."""
    return " ".join(label.split()).casefold()
