"""Block structure, decided line by line the way cmark-gfm decides it.

GitHub renders READMEs with cmark-gfm, so whether a line is a table row, a
heading or part of an HTML comment must be decided by the same algorithm:
open containers are matched first (block quotes, list items), then new
blocks are opened, then the rest of the line goes to the innermost leaf.
This module ports that algorithm (cmark ``blocks.c`` plus the table
extension) while keeping, for every leaf line, the offset where its content
starts, which mistune's block parser cannot give.

The result is a tree of ``Node``; :mod:`vrlint.parsing.build` turns it into
the public :class:`vrlint.document.Document`.
"""

from __future__ import annotations

import re

from vrlint.lazyre import lazy_pattern
from vrlint.parsing.tables import is_delimiter_row, split_row

TAB_STOP = 4
CODE_INDENT = 4
MAX_AUTOCOMPLETED_CELLS = 0x80000

_ATX = lazy_pattern(r"#{1,6}(?:[ \t]+|\Z)")
_FENCE_OPEN = lazy_pattern(r"(`{3,}|~{3,})")
_FENCE_CLOSE = lazy_pattern(r"(`{3,}|~{3,})[ \t]*\Z")
_SETEXT = lazy_pattern(r"(?:=+|-+)[ \t]*\Z")
_THEMATIC = lazy_pattern(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})\Z")
#: the first character that cannot continue a thematic break of ``*``, ``-``, ``_``
_THEMATIC_STOP = {char: lazy_pattern(rf"[^{re.escape(char)} \t]") for char in "*-_"}
_BULLET = lazy_pattern(r"[*+-](?=[ \t]|\Z)")
_ORDERED = lazy_pattern(r"([0-9]{1,9})([.)])(?=[ \t]|\Z)")

_HTML_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|"
    "head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|"
    "p|param|section|source|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_ATTRIBUTE = r"""(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)"""
_HTML_START = [
    (1, lazy_pattern(r"<(?:script|pre|style|textarea)(?:[ \t>]|\Z)", re.IGNORECASE)),
    (2, lazy_pattern(r"<!--")),
    (3, lazy_pattern(r"<\?")),
    (4, lazy_pattern(r"<![A-Z]")),
    (5, lazy_pattern(r"<!\[CDATA\[")),
    (6, lazy_pattern(r"</?(?:" + _HTML_BLOCK_TAGS + r")(?:[ \t]|/?>|\Z)", re.IGNORECASE)),
]
_HTML_START_7 = lazy_pattern(
    r"(?:<(?!(?:script|style|pre|textarea)(?:[ \t>/]|\Z))[A-Za-z][A-Za-z0-9-]*"
    + _ATTRIBUTE
    + r"*[ \t]*/?>|</[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*\Z",
    re.IGNORECASE,
)
_HTML_END = {
    1: lazy_pattern(r"</(?:script|pre|style|textarea)>", re.IGNORECASE),
    2: lazy_pattern(r"-->"),
    3: lazy_pattern(r"\?>"),
    4: lazy_pattern(r">"),
    5: lazy_pattern(r"\]\]>"),
}

_CONTAINERS = ("document", "block_quote", "list", "item")


class Node:
    """One block of the tree; leaves record ``(line index, content start)``.

    A plain slotted class (a dataclass would compile its ``__init__`` at every
    start-up); identity, not value, tells two nodes apart."""

    __slots__ = (
        "children", "content_indent", "delimiter", "end_line", "fence_char", "fence_length", "fence_offset",
        "html_type", "info", "keeps_definitions", "kind", "level", "lines", "list_marker", "open", "parent",
        "setext", "start_line", "table_cells", "table_columns", "table_rows", "table_visited",
    )  # fmt: skip

    def __init__(
        self,
        kind: str,
        parent: Node | None,
        start_line: int,
        *,
        open: bool = True,
        lines: list[tuple[int, int]] | None = None,
    ) -> None:
        self.kind = kind
        self.parent = parent
        self.start_line = start_line
        self.children: list[Node] = []
        self.open = open
        self.lines: list[tuple[int, int]] = [] if lines is None else lines
        self.end_line = -1
        # list items
        self.content_indent = 0
        self.list_marker = ""
        # headings
        self.level = 0
        self.setext = False
        # code
        self.fence_char = ""
        self.fence_length = 0
        self.fence_offset = 0
        self.info = ""
        # html
        self.html_type = 0
        # paragraphs and tables
        self.table_visited = False
        self.delimiter: tuple[int, int] | None = None
        self.table_columns = 0
        #: a paragraph split off above a table header: cmark-gfm inserts it
        #: without resolving link definitions, so ``[r]: url`` there is text
        self.keeps_definitions = True
        self.table_rows = 0
        self.table_cells = 0

    @property
    def last_child(self) -> Node | None:
        return self.children[-1] if self.children else None


def release(root: Node) -> None:
    """Unlink a finished tree (each node points to its parent): reference counting then
    frees it at once, instead of the cyclic collector, which is paused while a file is
    parsed and linted (see ``vrlint.parsing.build.gc_paused``)."""
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        node.children = []
        node.parent = None


def _can_contain(parent: str, child: str) -> bool:
    if parent == "list":
        return child == "item"
    if parent in ("document", "block_quote", "item"):
        return child != "item"
    return False


class BlockScanner:
    """Feeds lines through the cmark-gfm block algorithm."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.root = Node("document", None, 0)
        self.tip: Node = self.root
        # per-line cursor state (cmark's parser->offset, column, ...)
        self.text = ""
        self.line_index = 0
        self.pos = 0
        self.col = 0
        self.partial_tab = False
        self.first_nonspace = 0
        self.first_nonspace_col = 0
        self.indent = 0
        self.blank = False
        #: no thematic break starts before this offset of the line
        self.thematic_kill = 0

    # -- cursor ------------------------------------------------------------
    def _find_first_nonspace(self) -> None:
        # As cmark's S_find_first_nonspace: the scan is reused while the
        # cursor has not reached it. Rescanning the indentation at every
        # open container made a list nested d deep cost d^3 (300 levels:
        # 4 s); the cursor only moves forward within a line.
        if self.first_nonspace > self.pos:
            self.indent = self.first_nonspace_col - self.col
            self.blank = self.first_nonspace >= len(self.text)
            return
        text = self.text
        chars_to_tab = TAB_STOP - (self.col % TAB_STOP)
        pos = self.pos
        col = self.col
        length = len(text)
        while pos < length:
            char = text[pos]
            if char == " ":
                pos += 1
                col += 1
                chars_to_tab -= 1
                if chars_to_tab == 0:
                    chars_to_tab = TAB_STOP
            elif char == "\t":
                pos += 1
                col += chars_to_tab
                chars_to_tab = TAB_STOP
            else:
                break
        self.first_nonspace = pos
        self.first_nonspace_col = col
        self.indent = col - self.col
        self.blank = pos >= length

    def _advance(self, count: int, columns: bool) -> None:
        text = self.text
        length = len(text)
        if count > 0 and "\t" not in text[self.pos : self.pos + count]:
            step = min(count, length - self.pos)
            if step > 0:
                self.pos += step
                self.col += step
                self.partial_tab = False
            return
        while count > 0 and self.pos < length:
            if text[self.pos] == "\t":
                chars_to_tab = TAB_STOP - (self.col % TAB_STOP)
                if columns:
                    self.partial_tab = chars_to_tab > count
                    step = min(count, chars_to_tab)
                    self.col += step
                    if not self.partial_tab:
                        self.pos += 1
                    count -= step
                else:
                    self.partial_tab = False
                    self.col += chars_to_tab
                    self.pos += 1
                    count -= 1
            else:
                self.partial_tab = False
                self.pos += 1
                self.col += 1
                count -= 1

    def _peek(self, pos: int) -> str:
        return self.text[pos] if pos < len(self.text) else "\n"

    # -- tree --------------------------------------------------------------
    def _finalize(self, node: Node) -> Node:
        node.open = False
        if node.end_line < 0:
            node.end_line = node.lines[-1][0] if node.lines else max(self.line_index - 1, node.start_line)
        if node.kind == "indented_code":
            while node.lines and self._is_blank_from(*node.lines[-1]):
                node.lines.pop()
            node.end_line = node.lines[-1][0] if node.lines else node.start_line
        assert node.parent is not None
        return node.parent

    def _is_blank_from(self, index: int, start: int) -> bool:
        return not self.lines[index][start:].strip(" \t")

    def _add_child(self, parent: Node, kind: str) -> Node:
        while not _can_contain(parent.kind, kind):
            parent = self._finalize(parent)
        node = Node(kind, parent, self.line_index)
        parent.children.append(node)
        return node

    # -- the algorithm -----------------------------------------------------
    def run(self) -> Node:
        for index, text in enumerate(self.lines):
            self._process_line(index, text)
        self.line_index = len(self.lines)
        node: Node | None = self.tip
        while node is not None and node is not self.root:
            node = self._finalize(node)
        return self.root

    def _process_line(self, index: int, text: str) -> None:
        self.text = text
        self.line_index = index
        self.pos = 0
        self.col = 0
        self.partial_tab = False
        self.first_nonspace = 0
        self.first_nonspace_col = 0
        self.thematic_kill = 0

        last_matched, all_matched, done = self._check_open_blocks()
        if done:
            return
        container = self._open_new_blocks(last_matched, all_matched)
        self._add_text(container, last_matched)

    def _check_open_blocks(self) -> tuple[Node, bool, bool]:
        container = self.root
        while container.children and container.children[-1].open:
            child = container.children[-1]
            self._find_first_nonspace()
            kind = child.kind
            if kind == "block_quote":
                if not (self.indent <= 3 and self._peek(self.first_nonspace) == ">"):
                    return container, False, False
                self._advance(self.indent + 1, True)
                if self._peek(self.pos) in " \t":
                    self._advance(1, True)
            elif kind == "item":
                if self.indent >= child.content_indent:
                    self._advance(child.content_indent, True)
                elif self.blank and child.children:
                    self._advance(self.first_nonspace - self.pos, False)
                else:
                    # a blank line after an item that opened blank ends it
                    return container, False, False
            elif kind == "fenced_code":
                closing = None
                if self.indent <= 3 and self._peek(self.first_nonspace) == child.fence_char:
                    closing = _FENCE_CLOSE.match(self.text, self.first_nonspace)
                if (
                    closing is not None
                    and closing.group(1)[0] == child.fence_char
                    and len(closing.group(1)) >= child.fence_length
                ):
                    child.lines.append((self.line_index, self.first_nonspace))
                    child.end_line = self.line_index
                    self.tip = self._finalize(child)
                    return child, True, True
                skip = child.fence_offset
                while skip > 0 and self._peek(self.pos) in " \t":
                    self._advance(1, True)
                    skip -= 1
            elif kind == "indented_code":
                if self.indent >= CODE_INDENT:
                    self._advance(CODE_INDENT, True)
                elif self.blank:
                    self._advance(self.first_nonspace - self.pos, False)
                else:
                    return container, False, False
            elif kind == "html":
                if self.blank and child.html_type in (6, 7):
                    return container, False, False
            elif kind == "paragraph":
                if self.blank:
                    return container, False, False
            elif kind == "heading":
                return container, False, False
            elif kind == "table":
                if self.blank or split_row(self.text[self.first_nonspace :]) is None:
                    return container, False, False
            container = child
        return container, True, False

    def _open_new_blocks(self, container: Node, all_matched: bool) -> Node:
        maybe_lazy = self.tip.kind == "paragraph"
        while container.kind not in ("fenced_code", "indented_code", "html"):
            self._find_first_nonspace()
            indented = self.indent >= CODE_INDENT
            fns = self.first_nonspace
            char = self._peek(fns)
            text = self.text
            if not indented and char == ">":
                self._advance(fns + 1 - self.pos, False)
                if self._peek(self.pos) in " \t":
                    self._advance(1, True)
                container = self._add_child(container, "block_quote")
            elif not indented and char == "#" and (m := _ATX.match(text, fns)):
                self._advance(m.end() - self.pos, False)
                container = self._add_child(container, "heading")
                container.level = len(m.group(0).rstrip(" \t"))
            elif not indented and char in "`~" and (m := self._fence_open(fns)):
                fence = m.group(1)
                container = self._add_child(container, "fenced_code")
                container.fence_char = fence[0]
                container.fence_length = len(fence)
                container.fence_offset = self.indent
                container.info = text[m.end() :].strip(" \t")
                container.lines.append((self.line_index, fns))
                self._advance(len(text) - self.pos, False)
            elif (
                not indented
                and char == "<"
                and (html_type := self._html_start(fns, container.kind == "paragraph"))
            ):
                container = self._add_child(container, "html")
                container.html_type = html_type
            elif not indented and container.kind == "paragraph" and char in "=-" and _SETEXT.match(text, fns):
                # cmark enters this branch even when the paragraph turns out
                # to hold only link definitions; then the line stays text.
                if self._paragraph_has_content(container):
                    container.kind = "heading"
                    container.setext = True
                    container.level = 1 if char == "=" else 2
                    container.end_line = self.line_index
                    self._advance(len(text) - self.pos, False)
            elif (
                not indented
                and not (container.kind == "paragraph" and not all_matched)
                and char in "*-_"
                and self._thematic_break(fns)
            ):
                container = self._add_child(container, "thematic_break")
                container.lines.append((self.line_index, fns))
                self._advance(len(text) - self.pos, False)
            elif (not indented or container.kind == "list") and self.indent < 4 and (
                marker := self._list_marker(fns, container.kind == "paragraph")
            ):
                matched = len(marker)
                self._advance(fns + matched - self.pos, False)
                save = (self.pos, self.col, self.partial_tab)
                while self.col - save[1] <= 5 and self._peek(self.pos) in " \t":
                    self._advance(1, True)
                spaces = self.col - save[1]
                if spaces >= 5 or spaces < 1 or self.pos >= len(text):
                    padding = matched + 1
                    self.pos, self.col, self.partial_tab = save
                    if spaces > 0:
                        self._advance(1, True)
                else:
                    padding = matched + spaces
                marker_key = marker[-1] if marker[-1] in ".)" else marker
                marker_key = ("o" if marker[-1] in ".)" else "b") + marker_key
                if container.kind != "list" or container.list_marker != marker_key:
                    container = self._add_child(container, "list")
                    container.list_marker = marker_key
                container = self._add_child(container, "item")
                container.content_indent = self.indent + padding
            elif indented and not maybe_lazy and not self.blank:
                self._advance(CODE_INDENT, True)
                container = self._add_child(container, "indented_code")
            else:
                if not self._try_extensions(container, indented):
                    break
                container = self._ext_container
            if container.kind in ("paragraph", "heading", "fenced_code", "indented_code", "table_row"):
                break
            maybe_lazy = False
        return container

    _ext_container: Node

    def _try_extensions(self, container: Node, indented: bool) -> bool:
        """The table extension's ``try_opening_block``. Returns True when it
        produced a new container (stored in ``_ext_container``)."""
        if indented:
            return False
        if container.kind == "paragraph":
            self._ext_container = container
            if container.table_visited:
                return True
            if not is_delimiter_row(self.text[self.first_nonspace :]):
                return True
            delimiter = split_row(self.text[self.first_nonspace :])
            header_index, header_start = container.lines[-1]
            header = split_row(self.lines[header_index][header_start:])
            if delimiter is None or header is None or len(header.cells) != len(delimiter.cells):
                container.table_visited = True
                return True
            # the paragraph's last line becomes the header row
            if len(container.lines) > 1:
                parent = container.parent
                assert parent is not None
                before = Node("paragraph", parent, container.start_line, open=False)
                before.keeps_definitions = False
                before.lines = container.lines[:-1]
                before.end_line = before.lines[-1][0]
                parent.children.insert(parent.children.index(container), before)
            container.kind = "table"
            container.table_columns = container.table_cells = len(header.cells)
            container.table_rows = 1
            container.lines = [(header_index, header_start)]
            container.start_line = header_index
            container.delimiter = (self.line_index, self.first_nonspace)
            self._advance(len(self.text) - self.pos, False)
            return True
        if container.kind == "table":
            if self.blank:
                return False
            row = split_row(self.text[self.first_nonspace :])
            if row is None:
                return False
            # cmark-gfm's guard against padding-cell blow-up ends the table here
            padded = container.table_columns * container.table_rows - container.table_cells
            if padded > MAX_AUTOCOMPLETED_CELLS:
                return False
            container.table_rows += 1
            container.table_cells += min(len(row.cells), container.table_columns)
            container.lines.append((self.line_index, self.first_nonspace))
            self._advance(len(self.text) - self.pos, False)
            self._ext_container = self._row_marker(container)
            return True
        return False

    def _row_marker(self, table: Node) -> Node:
        """A stand-in for cmark's TABLE_ROW node: a leaf that accepts no
        text, so the rest of the line is consumed and the loop stops."""
        return Node("table_row", table, self.line_index, open=False)

    def _paragraph_has_content(self, paragraph: Node) -> bool:
        from vrlint.parsing.linkdefs import leading_definitions

        texts = [self.lines[i][s:] for i, s in paragraph.lines]
        return leading_definitions(texts)[0] < len(texts)

    def _thematic_break(self, pos: int) -> bool:
        """Whether a thematic break (``_THEMATIC``) starts at ``pos``.

        As cmark's ``thematic_break_kill_pos``: a failed scan from ``pos``
        stopped at a character that also stops every scan starting between
        ``pos`` and it, so those are answered at once. Without it
        ``- - - ... - a`` (list items nested on one line) rescanned the rest
        of the line at every item: 50,000 items took 54 s.
        """
        if pos < self.thematic_kill:
            return False
        text = self.text
        stop = _THEMATIC_STOP[text[pos]].search(text, pos)
        if stop is None and _THEMATIC.match(text, pos):
            return True
        self.thematic_kill = stop.start() if stop is not None else len(text)
        return False

    def _fence_open(self, pos: int) -> re.Match[str] | None:
        m = _FENCE_OPEN.match(self.text, pos)
        if m is not None and m.group(1)[0] == "`" and "`" in self.text[m.end() :]:
            return None
        return m

    def _html_start(self, pos: int, in_paragraph: bool) -> int:
        text = self.text
        for html_type, pattern in _HTML_START:
            if pattern.match(text, pos):
                return html_type
        if not in_paragraph and _HTML_START_7.match(text, pos):
            return 7
        return 0

    def _list_marker(self, pos: int, interrupts_paragraph: bool) -> str:
        text = self.text
        bullet = _BULLET.match(text, pos)
        m = bullet or _ORDERED.match(text, pos)
        if m is None:
            return ""
        if interrupts_paragraph:
            if not text[m.end() :].strip(" \t"):
                return ""
            if bullet is None and int(m.group(1)) != 1:  # only a list starting at 1 interrupts a paragraph
                return ""
        return m.group(0)

    def _add_text(self, container: Node, last_matched: Node) -> None:
        self._find_first_nonspace()
        if container.kind == "table_row":
            assert container.parent is not None
            container = container.parent
        if (
            self.tip is not last_matched
            and container is last_matched
            and not self.blank
            and self.tip.kind == "paragraph"
        ):
            # lazy continuation: cmark adds the line from the current offset
            self.tip.lines.append((self.line_index, self.pos))
            return
        node: Node | None = self.tip
        while node is not None and node is not last_matched:
            if node.open:
                self._finalize(node)
            node = node.parent

        kind = container.kind
        if kind in ("fenced_code", "indented_code"):
            if kind == "indented_code" or container.lines[-1][0] != self.line_index:
                container.lines.append((self.line_index, self.pos))
        elif kind == "html":
            container.lines.append((self.line_index, self.pos))
            end = _HTML_END.get(container.html_type)
            if end is not None and end.search(self.text, self.first_nonspace):
                container.end_line = self.line_index
                container = self._finalize(container)
        elif self.blank:
            pass
        elif kind == "paragraph" or (kind == "heading" and not container.setext):
            container.lines.append((self.line_index, self.first_nonspace))
        else:
            container = self._add_child(container, "paragraph")
            container.lines.append((self.line_index, self.first_nonspace))
        self.tip = container


def scan_blocks(lines: list[str]) -> Node:
    return BlockScanner(lines).run()
