"""Facts about one table row as a whole, computed once for every row rule.

A :class:`RowView` ties a document row to its typed :class:`Entry` and to
the links written in it, and says, for every arXiv ID the row names, in
which cell and in what form it is written. Rules that compare the parts of
a row (the title link against the badge, the date against the ID) read these
facts instead of walking the row again.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from vrlint.document import Cell, Document, Link, Row, Table
from vrlint.lazyre import lazy_pattern
from vrlint.records.arxiv import ArxivId, parse_arxiv_url
from vrlint.records.dates import YearMonth, parse_date
from vrlint.records.shields import parse_badge_url

if TYPE_CHECKING:
    from vrlint.records.models import Entry, TableRecord


class IdMention(NamedTuple):
    """One arXiv ID written in a row: behind a link, on a badge, or as text."""

    aid: ArxivId
    source: str  # "link" | "badge"
    cell: int
    link: Link
    #: the link text, for links ("" for a badge or an image-only link)
    text: str


class RowView(NamedTuple):
    """One body row with its table, record, entry, links and the arXiv IDs it mentions."""

    table: Table
    record: TableRecord
    row: Row
    entry: Entry
    block: int
    links: list[Link]
    ids: list[IdMention]

    def cell_of(self, offset: int) -> Cell | None:
        for cell in self.row.cells:
            if cell.span.start <= offset <= cell.span.end:
                return cell
        return None

    @property
    def distinct_ids(self) -> list[str]:
        return list(dict.fromkeys(m.aid.id for m in self.ids))


_NOT_LETTERS = lazy_pattern(r"[^a-z0-9]+")


def letters_key(text: str | None) -> str:
    """The ASCII letters and digits of ``text``, lower-cased: how rules compare the
    titles and names of different rows (VR412, VR941)."""
    return _NOT_LETTERS.sub("", (text or "").lower())


def badge_arxiv_id(image: Link) -> ArxivId | None:
    """The ID an arXiv badge shows (``arXiv-2410.12109-b31b1b``), else ``None``."""
    from vrlint.records.arxiv import parse_arxiv_id

    parsed = parse_badge_url(image.url)
    if parsed is None:
        return None
    label = (parsed.label or "").strip().lower()
    if label != "arxiv" and not (not label and image.text.strip().lower() == "arxiv"):
        return None
    return parse_arxiv_id((parsed.message or "").strip().lstrip("-/ "))


#: :func:`parse_arxiv_url` is memoised where it is defined; the row rules use this name
arxiv_url = parse_arxiv_url


@lru_cache(maxsize=4096)
def cell_date(text: str) -> YearMonth | None:
    """The date a cell's text gives (memoised: date columns repeat values)."""
    return parse_date(text)


def build_rows(document: Document, tables: list[TableRecord]) -> list[RowView]:
    """Every body row of every table, with its links and arXiv mentions."""
    links_by_block: dict[int, list[Link]] = {}
    for link in document.links:
        links_by_block.setdefault(link.block, []).append(link)
    views: list[RowView] = []
    table_blocks = [(i, b) for i, b in enumerate(document.blocks) if isinstance(b, Table)]
    for (index, table), record in zip(table_blocks, tables, strict=False):
        block_links = links_by_block.get(index, [])
        starts = [link.span.start for link in block_links]
        for row, entry in zip(table.rows, record.entries, strict=False):
            first = bisect_left(starts, row.span.start)
            last = bisect_left(starts, row.span.end + 1)
            view = RowView(table, record, row, entry, index, block_links[first:last], [])
            _read_ids(view)
            views.append(view)
    return views


def _read_ids(view: RowView) -> None:
    inner = {link.image.span.start for link in view.links if link.image is not None}
    for link in view.links:
        cell = view.cell_of(link.span.start)
        if cell is None or cell.index >= len(view.record.headers):
            continue
        if link.kind == "image":
            if link.span.start in inner:
                continue  # read with the link that carries it
            shown = badge_arxiv_id(link)
            if shown is not None:
                view.ids.append(IdMention(shown, "badge", cell.index, link, ""))
            continue
        target = arxiv_url(link.url.strip())
        if link.image is not None:
            shown = badge_arxiv_id(link.image)
            if shown is not None:
                if target is not None and target.id.id != shown.id:
                    continue  # a badge against its own link is VR201's finding
                view.ids.append(IdMention(shown, "badge", cell.index, link, ""))
                if target is not None:
                    continue
        if target is not None:
            text = "" if link.image is not None else link.text.strip()
            view.ids.append(IdMention(target.id, "link", cell.index, link, text))
