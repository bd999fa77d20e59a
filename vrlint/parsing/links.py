"""Collect every link target of a document, with its position.

Markdown links come from the inline trees of paragraphs, headings and cells.
Raw HTML (``<a href>``, ``<img src>``) is a link too: GitHub renders it,
and damaged hosts hide there as often as in Markdown. Code blocks and HTML
comments are skipped: what they contain is not rendered as a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from vrlint.document import Cell, Document, Heading, HtmlBlock, Inline, Link, Paragraph, Table
from vrlint.lazyre import lazy_pattern

_ATTRIBUTE = lazy_pattern(
    r"""\b(href|src)[ \t\n]*=[ \t\n]*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE
)
_COMMENT = lazy_pattern(r"<!--.*?-->", re.DOTALL)


def _blank_comments(text: str) -> str:
    """Replace HTML comments by spaces, keeping every offset in place."""
    if "<!--" not in text:
        return text
    return _COMMENT.sub(lambda m: " " * len(m.group(0)), text)


def html_links(doc: Document, text: str, base: int, block: int) -> list[Link]:
    """href/src attributes in raw HTML starting at document offset ``base``."""
    found: list[Link] = []
    for m in _ATTRIBUTE.finditer(_blank_comments(text)):
        group = 2 if m.group(2) is not None else 3 if m.group(3) is not None else 4
        found.append(
            Link(
                kind="html",
                url=m.group(group),
                text="",
                span=doc.span(base + m.start(), base + m.end()),
                dest_span=doc.span(base + m.start(group), base + m.end(group)),
                block=block,
                attribute=m.group(1).lower(),
            )
        )
    return found


def _is_badge_label(children: Sequence[Inline]) -> Inline | None:
    images = [c for c in children if c.kind == "image"]
    others = [c for c in children if c.kind != "image" and (c.kind != "text" or c.text.strip())]
    if len(images) == 1 and not others:
        return images[0]
    return None


def _from_inlines(doc: Document, inlines: Iterable[Inline], block: int, out: list[Link]) -> None:
    for node in inlines:
        if node.kind == "link" and node.span is not None:
            image = _is_badge_label(node.children)
            inner: Link | None = None
            if image is not None and image.span is not None:
                inner = Link("image", image.url, image.text, image.span, image.dest_span, block)
            kind = "link" if node.dest_span is not None or node.title is not None else "autolink"
            if node.dest_span is None and node.children and node.span is not None:
                # reference links have no destination span but are links
                source = doc.text[node.span.start : node.span.end]
                kind = "link" if source.startswith("[") else "autolink"
            out.append(
                Link(kind, node.url, node.plain_text(), node.span, node.dest_span, block, inner)  # type: ignore[arg-type]
            )
            if inner is not None:
                out.append(inner)
                _from_inlines(doc, [c for c in node.children if c is not image], block, out)
            else:
                _from_inlines(doc, node.children, block, out)
        elif node.kind == "image" and node.span is not None:
            out.append(Link("image", node.url, node.text, node.span, node.dest_span, block))
            _from_inlines(doc, node.children, block, out)
        elif node.kind == "html" and node.span is not None and not node.text.startswith("<!--"):
            out.extend(html_links(doc, node.text, node.span.start, block))
        elif node.children:
            _from_inlines(doc, node.children, block, out)


def cell_links(doc: Document, cell: Cell, block: int) -> list[Link]:
    out: list[Link] = []
    _from_inlines(doc, cell.inlines, block, out)
    return out


def collect_links(doc: Document) -> list[Link]:
    out: list[Link] = []
    for number, block in enumerate(doc.blocks):
        if isinstance(block, (Paragraph, Heading)):
            _from_inlines(doc, block.inlines, number, out)
        elif isinstance(block, Table):
            for row in block.all_rows:
                for cell in row.cells:
                    _from_inlines(doc, cell.inlines, number, out)
        elif isinstance(block, HtmlBlock) and not block.comment:
            first = doc.line(block.start_line)
            last = doc.line(block.end_line)
            text = doc.text[first.start : last.start + len(last.text)]
            out.extend(html_links(doc, text, first.start, number))
    out.sort(key=lambda link: (link.span.start, link.kind != "link"))
    return out
