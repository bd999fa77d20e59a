"""Turn text into a :class:`~vrlint.document.Document`.

Lines are split on exactly the endings cmark recognises (``\\n``, ``\\r\\n``,
``\\r``) and kept with their endings, so ``render()`` can give the input back.
The block tree from :mod:`vrlint.parsing.blocks` is then flattened into leaf
blocks, and the inline content of paragraphs, headings and cells is parsed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from vrlint.document import (
    Block,
    Cell,
    CodeBlock,
    ContainerKind,
    Document,
    Heading,
    HtmlBlock,
    Inline,
    Line,
    LinkDefinition,
    Paragraph,
    Row,
    Table,
    plain_text,
)
from vrlint.lazyre import lazy_pattern
from vrlint.parsing.blocks import Node, release, scan_blocks
from vrlint.parsing.inline import SourceMap, parse_inlines
from vrlint.parsing.linkdefs import leading_definitions, normalize_label
from vrlint.parsing.slugs import AnchorRegistry, github_slug
from vrlint.parsing.tables import alignment_of, split_row, trim_bounds, unescape_pipes

_LINE = lazy_pattern(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_CLOSING_HASHES = lazy_pattern(r"(?:^|[ \t]+)#+[ \t]*\Z")


def split_lines(text: str, base: int = 0) -> list[Line]:
    lines: list[Line] = []
    for number, m in enumerate(_LINE.finditer(text), start=1):
        chunk = m.group(0)
        if chunk.endswith("\r\n"):
            body, ending = chunk[:-2], "\r\n"
        elif chunk.endswith(("\n", "\r")):
            body, ending = chunk[:-1], chunk[-1]
        else:
            body, ending = chunk, ""
        lines.append(Line(number, base + m.start(), body, ending))
    return lines


def lines_only(text: str) -> Document:
    """``text`` split into lines, without blocks: what placing and showing findings
    needs (the process pool sends findings back with this, not a parsed tree)."""
    return _split(text, [])


def _split(text: str, blocks: list[Block] | None = None) -> Document:
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    return Document(text, split_lines(text[len(bom) :], len(bom)), blocks, bom)


def parse(text: str, *, lazy: bool = False) -> Document:
    """Parse a README. ``parse(text).render() == text`` for every string.

    ``lazy``: parse the blocks when they are first read (see :class:`Document`);
    the command line does, so a ``--select`` of rules that read only the text
    costs little."""
    document = _split(text)
    if not lazy:
        document.blocks = build_blocks(document)
    return document


def build_blocks(document: Document) -> list[Block]:
    """The blocks of ``document``, from its lines."""
    with gc_paused():
        tree = scan_blocks([line.text for line in document.lines])
        builder = _Builder(document)
        builder.build(tree)
        release(tree)
    return builder.blocks


@contextmanager
def gc_paused() -> Iterator[None]:
    """Parsing allocates many small acyclic objects; Python's cyclic
    collector would rescan all of them again and again (half the time of a
    1.5 MB file). Reference counting frees them all the same."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Builder:
    def __init__(self, document: Document) -> None:
        self.doc = document
        self.blocks: list[Block] = []
        self.references: dict[str, tuple[str, str | None]] = {}
        self.pending: list[tuple[Block, Node]] = []
        self.cells: list[tuple[Cell, SourceMap]] = []

    # -- tree walk ---------------------------------------------------------
    def build(self, root: Node) -> None:
        blocks = self.blocks
        for node, containers in self._leaves(root, ()):
            made = self._block(node, containers)
            if made is not None:
                blocks.extend(made)
        # inlines last: reference definitions may follow their first use
        for block, node in self.pending:
            self._fill_inlines(block, node)
        span = self.doc.span
        cache: dict[str, list[dict[str, Any]]] = {}
        for cell, smap in self.cells:
            cell.inlines = parse_inlines(cell.content, smap, span, self.references, cache)
            cell.text = plain_text(cell.inlines)
        self._assign_anchors()

    def _leaves(
        self, node: Node, containers: tuple[ContainerKind, ...]
    ) -> Iterator[tuple[Node, tuple[ContainerKind, ...]]]:
        # An explicit stack, not recursion: 50,000 nested block quotes
        # (``> > > ... a``) must neither overflow Python's stack nor copy a
        # growing tuple at every level (quadratic). ``path`` is the container
        # chain of the current node; a tuple is built only for each leaf.
        path: list[ContainerKind] = list(containers)
        stack: list[tuple[Iterator[Node], bool]] = [(iter(node.children), False)]
        while stack:
            children, pushed = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if pushed:
                    path.pop()
                continue
            if child.kind == "block_quote":
                path.append("block_quote")
                stack.append((iter(child.children), True))
            elif child.kind == "item":
                path.append("list_item")
                stack.append((iter(child.children), True))
            elif child.kind == "list":
                stack.append((iter(child.children), False))
            else:
                yield child, tuple(path)

    def _block(self, node: Node, containers: tuple[ContainerKind, ...]) -> list[Block] | None:
        start = node.start_line + 1
        end = max(node.end_line, node.start_line) + 1
        kind = node.kind
        if kind == "paragraph":
            return self._paragraph(node, containers)
        if kind == "heading":
            heading = Heading("heading", start, end, containers, level=node.level)
            self.pending.append((heading, node))
            return [heading]
        if kind == "table":
            return [self._table(node, containers)]
        if kind == "fenced_code":
            return [CodeBlock("fenced_code", start, end, containers, info=node.info)]
        if kind == "indented_code":
            return [CodeBlock("indented_code", start, end, containers)]
        if kind == "html":
            return [HtmlBlock("html", start, end, containers, comment=node.html_type == 2)]
        if kind == "thematic_break":
            return [Block("thematic_break", start, start, containers)]
        return None

    def _paragraph(self, node: Node, containers: tuple[ContainerKind, ...]) -> list[Block]:
        lines = self.doc.lines
        texts = [lines[i].text[s:] for i, s in node.lines]
        count, definitions = leading_definitions(texts) if node.keeps_definitions else (0, [])
        out: list[Block] = []
        line = 0
        for definition in definitions:
            first, last = node.lines[line][0], node.lines[line + definition.lines - 1][0]
            line += definition.lines
            key = normalize_label(definition.label)
            self.references.setdefault(key, (definition.url, definition.title))
            out.append(
                LinkDefinition(
                    "link_definition",
                    first + 1,
                    last + 1,
                    containers,
                    label=definition.label,
                    url=definition.url,
                    title=definition.title,
                )
            )
        if count < len(node.lines):
            rest = node.lines[count:]
            paragraph = Paragraph("paragraph", rest[0][0] + 1, rest[-1][0] + 1, containers)
            self.pending.append((paragraph, Node("paragraph", None, rest[0][0], lines=rest)))
            out.append(paragraph)
        return out

    # -- tables ------------------------------------------------------------
    def _table(self, node: Node, containers: tuple[ContainerKind, ...]) -> Table:
        lines = self.doc.lines
        assert node.delimiter is not None
        header_at = node.lines[0]
        body_at = node.lines[1:]
        table = Table("table", header_at[0] + 1, 0, containers)
        table.header = self._row(*header_at)
        table.delimiter = self._row(*node.delimiter, inlines=False)
        table.rows = [self._row(index, start) for index, start in body_at]
        table.alignments = [alignment_of(cell.raw) for cell in table.delimiter.cells]  # type: ignore[misc]
        last = body_at[-1][0] if body_at else node.delimiter[0]
        table.end_line = last + 1
        table.prefixes = [
            lines[index].text[:start] for index, start in (header_at, node.delimiter, *body_at)
        ]
        return table

    def _row(self, index: int, start: int, inlines: bool = True) -> Row:
        doc = self.doc
        line = doc.lines[index]
        text = line.text[start:]
        split = split_row(text)
        assert split is not None
        base = line.start + start
        cells: list[Cell] = []
        for number, (a, b) in enumerate(split.cells):
            raw = text[a:b]
            unescaped, removed = unescape_pipes(raw)
            lo, hi = trim_bounds(unescaped, after_pipe=number > 0 or split.leading_pipe)
            content = unescaped[lo:hi]
            starts = [0]
            bases = [base + a]
            for shift, at in enumerate(removed, start=1):
                starts.append(at + 1 - shift)
                bases.append(base + a + at + 1)
            smap = SourceMap([s - lo for s in starts], bases)
            if content:
                span = doc.span(smap.offset(0), smap.end_offset(len(content)))
            else:
                here = base + a + min(1, len(raw))
                span = doc.span(here, here)
            cell = Cell(number, raw, content, span, doc.span(base + a, base + b))
            if inlines and content:
                self.cells.append((cell, smap))
            cells.append(cell)
        return Row(
            index + 1,
            cells,
            doc.span(base, line.start + len(line.text)),
            split.leading_pipe,
            split.trailing_pipe,
        )

    # -- inline content ----------------------------------------------------
    def _fill_inlines(self, block: Block, node: Node) -> None:
        doc = self.doc
        lines = doc.lines
        if isinstance(block, Heading) and not node.setext:
            if not node.lines:
                return
            index, start = node.lines[0]
            text = lines[index].text
            end = len(text.rstrip(" \t"))
            m = _CLOSING_HASHES.search(text, start, end)
            if m is not None and (m.start() > start or text[start:end].strip("#") == ""):
                end = m.start() if m.start() > start else start
            end = max(start + len(text[start:end].rstrip(" \t")), start)
            content = text[start:end]
            smap = SourceMap.contiguous(lines[index].start + start)
            block.span = doc.span(smap.offset(0), smap.end_offset(len(content))) if content else None
            block.inlines = parse_inlines(content, smap, doc.span, self.references)
            block.text = plain_text(block.inlines)
            return
        pieces: list[str] = []
        starts: list[int] = []
        bases: list[int] = []
        position = 0
        for index, start in node.lines:
            text = lines[index].text
            lead = len(text) - len(text[start:].lstrip(" \t")) if isinstance(block, Heading) else start
            piece = text[lead:]
            starts.append(position)
            bases.append(lines[index].start + lead)
            pieces.append(piece)
            position += len(piece) + 1
        content = "\n".join(pieces).rstrip(" \t")
        smap = SourceMap(starts, bases)
        inlines: list[Inline] = parse_inlines(content, smap, doc.span, self.references)
        if isinstance(block, Heading):
            stripped = content.strip(" \t\n")
            block.span = doc.span(smap.offset(0), smap.end_offset(len(content))) if stripped else None
            block.inlines = inlines
            block.text = plain_text(inlines).strip()
        elif isinstance(block, Paragraph):
            block.inlines = inlines

    def _assign_anchors(self) -> None:
        registry = AnchorRegistry()
        for heading in (block for block in self.blocks if isinstance(block, Heading)):
            heading.anchor = registry.add(github_slug(heading.text))
