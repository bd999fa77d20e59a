"""cmark-gfm as the oracle: what GitHub renders, read back from its HTML.

Tables are compared by the lines their rows start on (``data-sourcepos``)
and by the HTML of each cell. vrlint's cell contents are rendered by cmark
too, as rows of one synthetic one-column table, so the comparison checks
vrlint's *splitting* of cells, not a re-implementation of inline rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cmarkgfm
from cmarkgfm.cmark import Options

from vrlint.document import Document

_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SOURCEPOS
_TABLE = re.compile(r"<table data-sourcepos=\"\d+:\d+-(\d+):\d+\">(.*?)</table>", re.DOTALL)
_ROW = re.compile(r'<tr data-sourcepos="(\d+):\d+-\d+:\d+">(.*?)</tr>', re.DOTALL)
_CELL = re.compile(r"<t([hd])(?: align=\"\w+\")?(?: data-sourcepos=\"[^\"]*\")?>(.*?)</t[hd]>", re.DOTALL)
_SOURCEPOS = re.compile(r' data-sourcepos="[^"]*"')


@dataclass
class TableShape:
    row_lines: list[int]
    cells: list[list[str]]


def render(text: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)


def cmark_tables(text: str) -> list[TableShape]:
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=_OPTIONS)
    shapes = []
    for table in _TABLE.finditer(html):
        lines: list[int] = []
        cells: list[list[str]] = []
        for row in _ROW.finditer(table.group(2)):
            lines.append(int(row.group(1)))
            cells.append([_SOURCEPOS.sub("", cell.group(2)) for cell in _CELL.finditer(row.group(2))])
        # cmark-gfm gives the header row the start line of the paragraph it
        # grew out of; the header is really the line above the delimiter.
        lines[0] = lines[1] - 2 if len(lines) > 1 else int(table.group(1)) - 1
        shapes.append(TableShape(lines, cells))
    return shapes


def render_cells(contents: list[str], definitions: str = "") -> list[str]:
    """cmark's HTML for each cell content, rendered as one-column rows
    (``definitions``: the document's link reference definitions)."""
    if not contents:
        return []
    rows = ["| x |", "| - |"]
    for content in contents:
        rows.append("| " + content.replace("|", "\\|") + " |" if content else "| |")
    shapes = cmark_tables("\n".join(rows) + "\n\n" + definitions)
    assert len(shapes) == 1, "synthetic table did not render as one table"
    rendered = [row[0] if row else "" for row in shapes[0].cells[1:]]
    assert len(rendered) == len(contents)
    return rendered


def vrlint_tables(doc: Document) -> list[TableShape]:
    shapes = []
    contents: list[str] = []
    for table in doc.tables:
        lines = [row.line for row in table.all_rows]
        columns = table.columns
        grid = []
        for row in table.all_rows:
            shown = row.rendered(columns)
            grid.append([len(contents) + i for i in range(columns)])
            contents.extend(cell.content if cell else "" for cell in shown)
        shapes.append((lines, grid))
    definitions = "".join(
        doc.line(block.start_line).text.lstrip(" \t>") + "\n"  # a tab-indented one is no code block here
        for block in doc.blocks
        if block.kind == "link_definition"
    )
    rendered = render_cells(contents, definitions)
    return [TableShape(lines, [[rendered[i] for i in row] for row in grid]) for lines, grid in shapes]
