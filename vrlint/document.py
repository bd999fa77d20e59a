"""The lossless document model that every other part of vrlint reads.

Positions
---------
Lines and columns are **1-based** and columns count **Unicode code points**
(not bytes, not UTF-16 units, not display cells; a tab is one column).
``end_column`` is exclusive: it is the column just after the last character,
so a one-character span at column 5 has ``column=5, end_column=6``.
``start`` and ``end`` are the same span as 0-based offsets into
``Document.text`` (``end`` exclusive), which is what fixes edit.

A byte-order mark is not part of line 1: columns on line 1 start after it.

The model is plain slotted dataclasses rather than pydantic models on
purpose: it is built for every file on every commit, so it must be cheap.
The typed, validated records users export live in :mod:`vrlint.records`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Alignment = Literal["left", "center", "right"] | None
InlineKind = Literal[
    "text",
    "code",
    "emphasis",
    "strong",
    "strikethrough",
    "link",
    "image",
    "html",
    "linebreak",
    "softbreak",
]
LinkKind = Literal["link", "image", "autolink", "html"]
BlockKind = Literal[
    "paragraph",
    "heading",
    "table",
    "fenced_code",
    "indented_code",
    "html",
    "thematic_break",
    "link_definition",
]
ContainerKind = Literal["block_quote", "list_item"]


_set = object.__setattr__
#: one int object per line or column number below 16,384: records keep four per cell and
#: link, and a number computed afresh is a new 32-byte object each time (7 MiB on a 5 MB
#: file). Fixed in size: never grown (a one-line megabyte file would keep millions), so
#: threads never see it change.
_NUMBERS: tuple[int, ...] = tuple(range(16384))


def locate(starts: list[int], offset: int) -> tuple[int, int]:
    """(line, column), both 1-based, of ``offset`` given where each line starts (never empty)."""
    index = max(bisect.bisect_right(starts, offset) - 1, 0)
    line = index + 1
    column = offset - starts[index] + 1
    shared = len(_NUMBERS)
    return (_NUMBERS[line] if line < shared else line), (_NUMBERS[column] if column < shared else column)


class Span:
    """A region of the source; see the module docstring for the conventions.

    A span keeps its offsets and the document's line starts; ``line``,
    ``column``, ``end_line`` and ``end_column`` are worked out when read. A big
    table has ~30 spans per row: storing four more integers in each made spans
    the largest part of a parsed document (44 MiB of 84 for a 5 MB file), and
    most are never shown. A span made from known positions (a report read back
    from JSON) keeps those instead.
    """

    __slots__ = ("_where", "end", "start")
    start: int
    end: int
    #: the document's line starts (never empty), or (line, column, end_line, end_column)
    _where: list[int] | tuple[int, int, int, int]

    def __init__(self, start: int, end: int, where: list[int] | tuple[int, int, int, int]) -> None:
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "_where", where)

    @classmethod
    def at(cls, line: int, column: int, end_line: int, end_column: int, start: int, end: int) -> Span:
        """A span at known positions, for a finding that outlived its document."""
        return cls(start, end, (line, column, end_line, end_column))

    def _read(self, index: int) -> int:
        """Position ``index`` of (line, column, end_line, end_column)."""
        where = self._where
        if isinstance(where, tuple):
            return where[index]
        return locate(where, self.start if index < 2 else self.end)[index % 2]

    @property
    def line(self) -> int:
        return self._read(0)

    @property
    def column(self) -> int:
        return self._read(1)

    @property
    def end_line(self) -> int:
        return self._read(2)

    @property
    def end_column(self) -> int:
        return self._read(3)

    def positions(self) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column)."""
        where = self._where
        if isinstance(where, tuple):
            return where
        return (*locate(where, self.start), *locate(where, self.end))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self.start == other.start and self.end == other.end and self.positions() == other.positions()

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __repr__(self) -> str:
        line, column, end_line, end_column = self.positions()
        return (
            f"Span(line={line}, column={column}, end_line={end_line}, end_column={end_column}, "
            f"start={self.start}, end={self.end})"
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Span is immutable: cannot set {name}")

    def __reduce__(self) -> tuple[object, tuple[int, ...]]:
        # a pickled span (a worker's finding) carries its positions, not the document's line starts
        return (Span.at, (*self.positions(), self.start, self.end))


class Line(NamedTuple):
    """One physical line: its text without the line ending, and the ending.

    ``ending`` is ``"\\n"``, ``"\\r\\n"``, ``"\\r"`` or ``""`` (last line
    without a final newline). ``start`` is the offset of the first character
    in ``Document.text``.
    """

    number: int
    start: int
    text: str
    ending: str


@dataclass(slots=True)
class Inline:
    """One inline node of a paragraph, heading or table cell.

    ``span`` is ``None`` only for emphasis, strong, strikethrough and plain
    text nodes, whose exact extent vrlint does not track.
    For links and images ``url`` is the destination with backslash escapes
    and entities resolved but otherwise as written (not percent-encoded);
    ``dest_span`` locates that destination in the source when it was written
    inline (``[x](dest)``), and is ``None`` for reference links and autolinks.
    """

    kind: InlineKind
    span: Span | None = None
    text: str = ""
    url: str = ""
    title: str | None = None
    dest_span: Span | None = None
    #: never changed once parsed; a leaf shares the empty tuple (a list each was 5 MiB on a 5 MB file)
    children: Sequence[Inline] = ()

    def plain_text(self) -> str:
        """The text a reader sees (images and HTML tags contribute nothing)."""
        if self.kind in ("text", "code"):
            return self.text
        if self.kind in ("softbreak", "linebreak"):
            return " "
        if self.kind in ("image", "html"):
            return ""
        return "".join(child.plain_text() for child in self.children)

    def walk(self) -> Iterator[Inline]:
        yield self
        for child in self.children:
            yield from child.walk()


def plain_text(inlines: Sequence[Inline]) -> str:
    return "".join(node.plain_text() for node in inlines)


def text_outside_links(inlines: Sequence[Inline]) -> str:
    """The plain text of ``inlines`` minus link labels and images: what a
    cell says in its own words, next to its badges and links."""
    parts: list[str] = []
    for node in inlines:
        if node.kind in ("link", "image", "html"):
            continue
        if node.kind in ("text", "code"):
            parts.append(node.text)
        elif node.kind in ("softbreak", "linebreak"):
            parts.append(" ")
        else:
            parts.append(text_outside_links(node.children))
    return "".join(parts)


def walk(inlines: Sequence[Inline]) -> Iterator[Inline]:
    for node in inlines:
        yield from node.walk()


@dataclass(slots=True)
class Link:
    """A link target found in the document, wherever it was written.

    ``kind`` is ``link`` for ``[text](url)``, ``image`` for ``![alt](url)``,
    ``autolink`` for ``<url>`` and bare GFM autolinks, and ``html`` for an
    ``href``/``src`` attribute of raw HTML. ``image`` is set on a link whose
    whole label is one image (a badge: ``[![alt](img)](url)``).
    ``text`` is the label's plain text (the alt text for images).
    ``block`` is the index of the enclosing block in ``Document.blocks``.
    """

    kind: LinkKind
    url: str
    text: str
    span: Span
    dest_span: Span | None
    block: int
    image: Link | None = None
    attribute: str | None = None


@dataclass(slots=True)
class Block:
    """A leaf block. ``containers`` lists the enclosing block quotes and
    list items, outermost first. ``end_line`` is inclusive."""

    kind: BlockKind
    start_line: int
    end_line: int
    containers: tuple[ContainerKind, ...] = ()


@dataclass(slots=True)
class Paragraph(Block):
    inlines: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Heading(Block):
    """An ATX or setext heading. ``anchor`` is the id GitHub gives it
    (``#`` not included), already made unique within the document."""

    level: int = 1
    text: str = ""
    anchor: str = ""
    span: Span | None = None
    inlines: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class CodeBlock(Block):
    info: str = ""


@dataclass(slots=True)
class HtmlBlock(Block):
    """Raw HTML. ``comment`` is true for a block that starts with ``<!--``."""

    comment: bool = False


@dataclass(slots=True)
class LinkDefinition(Block):
    label: str = ""
    url: str = ""
    title: str | None = None


@dataclass(slots=True)
class Cell:
    """One cell as cmark-gfm splits it.

    ``raw`` is the source between the pipes, untouched; ``content`` is what
    cmark-gfm parses as inlines: trimmed, with ``\\|`` turned into ``|``.
    ``span`` covers the trimmed content (zero-width for an empty cell);
    ``raw_span`` covers ``raw``.
    """

    index: int
    raw: str
    content: str
    span: Span
    raw_span: Span
    inlines: list[Inline] = field(default_factory=list)
    #: the plain text a reader sees (``plain_text(inlines)``, computed once)
    text: str = ""


@dataclass(slots=True)
class Row:
    """A table row as written. ``cells`` holds every cell in the source, even
    beyond the header's count (cmark-gfm drops those); ``rendered`` gives the
    cells GitHub shows, padded with ``None`` where the row is short."""

    line: int
    cells: list[Cell]
    span: Span
    leading_pipe: bool
    trailing_pipe: bool

    def rendered(self, columns: int) -> list[Cell | None]:
        shown: list[Cell | None] = list(self.cells[:columns])
        shown.extend([None] * (columns - len(shown)))
        return shown


@dataclass(slots=True)
class Table(Block):
    """A GFM table exactly where cmark-gfm renders one. ``prefix`` is, per
    line, the container prefix (block quote markers, list indentation) that
    precedes the row text; it is empty for top-level tables."""

    header: Row | None = None
    delimiter: Row | None = None
    rows: list[Row] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return len(self.header.cells) if self.header else 0

    @property
    def all_rows(self) -> list[Row]:
        head = [self.header] if self.header else []
        return head + self.rows


@dataclass(slots=True, init=False)
class Document:
    """A parsed README. ``render()`` gives back the input exactly.

    Without ``blocks`` (``parse(text, lazy=True)``) the blocks are parsed from
    the lines when first read: a run whose rules only read the text (and that
    finds nothing, so no suppression comment needs looking up) never parses them."""

    text: str
    lines: list[Line]
    _blocks: list[Block] | None = field(repr=False, compare=False)
    bom: str
    _line_starts: list[int] = field(repr=False, compare=False)
    _links: list[Link] | None = field(repr=False, compare=False)

    def __init__(self, text: str, lines: list[Line], blocks: list[Block] | None = None, bom: str = "") -> None:
        self.text = text
        self.lines = lines
        self._blocks = blocks
        self.bom = bom
        self._line_starts = []
        self._links = None

    @property
    def blocks(self) -> list[Block]:
        if self._blocks is None:
            from vrlint.parsing.build import build_blocks

            self._blocks = build_blocks(self)
        return self._blocks

    @blocks.setter
    def blocks(self, blocks: list[Block]) -> None:
        self._blocks = blocks

    def render(self) -> str:
        return self.bom + "".join(line.text + line.ending for line in self.lines)

    # -- positions ---------------------------------------------------------
    def _starts(self) -> list[int]:
        """Where each line starts; an empty file (or a BOM alone) is one empty line after the BOM."""
        if not self._line_starts:
            self._line_starts = [line.start for line in self.lines] or [len(self.bom)]
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of a 0-based offset into ``text``; both 1-based."""
        return locate(self._starts(), offset)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self._starts())

    def line(self, number: int) -> Line:
        return self.lines[number - 1]

    # -- views -------------------------------------------------------------
    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def html_blocks(self) -> list[HtmlBlock]:
        return [b for b in self.blocks if isinstance(b, HtmlBlock)]

    @property
    def anchors(self) -> set[str]:
        return {h.anchor for h in self.headings}

    @property
    def links(self) -> list[Link]:
        """Every link, image, autolink and raw-HTML href/src, in source order.
        Nothing inside code blocks or HTML comments is included."""
        if self._links is None:
            from vrlint.parsing.links import collect_links

            self._links = collect_links(self)
        return self._links

    def containing_block(self, line: int) -> Block | None:
        for block in self.blocks:
            if block.start_line <= line <= block.end_line:
                return block
        return None
