"""VR2xx: arXiv identifiers in badges, links and text.

A paper row repeats its arXiv ID in several places (the badge text, the link
behind it, sometimes the title cell), and rows are copied from their
neighbours, so the copies drift: the badge of one row keeps the ID of the row
it was copied from, an ID loses a digit, a title gets its neighbour's ID.

Where IDs are read
------------------
Inside tables the typed records (:mod:`vrlint.records.extract`) say which
badges are arXiv badges, which links go to arXiv and which IDs stand in the
text of title and paper cells; outside tables (list items, paragraphs, raw
HTML ``href``) every link to arxiv.org and every linked arXiv badge is read
from :attr:`Document.links`.  Each ID becomes a :class:`_Ref` with the exact
span where it is written, the row or paragraph it belongs to and, when one
can be told, the title of the paper it is given to.

One defect, one report
----------------------
* A badge whose ID differs from the arXiv link behind it is VR201's alone:
  that badge ID takes no part in the title checks (VR203/VR204) and an
  invalid ID on either side is explained in VR201's message, not by VR202.
* A title given two IDs while one of those IDs also belongs to another title
  is reported once, by VR204, with both facts.
* Two rows of one table that cite one ID under two titles are VR701's
  (duplicate-paper); VR203 reports the pairs across tables and paragraphs.
* ``http://`` arXiv links are VR408's (links family), which already proposes
  the safe ``https`` fix for every host that serves https.

Conventions
-----------
VR205 (host) and VR206 (abs/pdf/html) hold a link to the file's own
convention: more than ``min-share`` (default one half) of its arXiv links.
A file that links PDFs throughout is left alone.  ``abs/ID.pdf`` mixes two
forms and is reported whatever the convention.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple
from urllib.parse import urlsplit

from vrlint.diagnostics import Diagnostic, Fix
from vrlint.document import Cell, Document, Inline, Link, Paragraph, Span, Table, text_outside_links
from vrlint.lazyre import lazy_pattern
from vrlint.records.arxiv import (
    ArxivId,
    ArxivUrl,
    id_problem,
    parse_arxiv_id,
    parse_arxiv_url,
)
from vrlint.records.shields import parse_badge_url
from vrlint.rules.base import Context, rule
from vrlint.text.keys import compatible_key

if TYPE_CHECKING:
    from vrlint.records.models import Entry, PaperRecord, Position, TableRecord

__all__ = ["MIN_TITLE_WORDS", "arxiv_badge_id", "same_title", "written_url"]

RefSource = Literal["badge", "link", "text"]

# -- small text helpers -----------------------------------------------------------

#: link texts and cell texts that name a kind of link, not a paper
_GENERIC_KEYS = frozenset(
    """
    paper papers arxiv arxivpaper paperarxiv pdf abs abstract link links here this url
    preprint arxivpreprint project projectpage page code github website homepage demo
    view read more source paperlink arxivlink full fulltext
    """.split()
)
_SHORTCODE = lazy_pattern(r":[a-z0-9_+\-]{1,40}:")
#: titles shorter than this many words are names (OMCAT, VAST-27M), not paper titles
MIN_TITLE_WORDS = 4
#: difflib ratio above which two title keys are the same title with a typo
_SAME_TITLE_RATIO = 0.9
#: longer titles are not compared character by character (difflib is quadratic)
_MAX_COMPARED = 300


def _shown(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clean_title(text: str | None) -> str | None:
    """``text`` as a paper title, or None when it only names a kind of link."""
    if not text:
        return None
    text = " ".join(_SHORTCODE.sub(" ", text).split()).strip(" -–—:|,;")
    if not text or text.lower().startswith(("http://", "https://", "www.")):
        return None
    key = compatible_key(text)
    if not key or key in _GENERIC_KEYS or parse_arxiv_id(text) is not None:
        return None
    return text


def _words(title: str) -> int:
    return sum(1 for word in title.split() if any(char.isalnum() for char in word))


def _name_part(title: str) -> str:
    """The key of a title's short name before its colon (``VALOR: ...`` -> ``valor``)."""
    head, colon, _ = title.partition(":")
    return compatible_key(head) if colon and _words(head) <= 3 else ""


#: words that say nothing about which paper a title names
_STOP_WORDS = frozenset(
    "a an and are as at by for from in into is of on or the to via with without using towards toward".split()
)
#: share of the shorter title's content words the longer one must contain
#: for the two to count as one paper renamed (a preprint and its venue title)
_SHARED_WORDS = 0.7
#: a title contained in another one counts as the same from this many characters
_MIN_CONTAINED = 20


def _content_words(title: str) -> set[str]:
    """Casefolded words of ``title`` without stop words, plural ``s`` dropped."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", title).casefold())
    return {
        word[:-1] if len(word) > 3 and word.endswith("s") else word
        for word in words
        if word not in _STOP_WORDS and len(word) > 1
    }


def same_title(a: str, b: str) -> bool:
    """Whether two titles plausibly name one paper: the same words, a subtitle
    added or dropped, a typo, or a paper renamed between its preprint and its
    venue version (most of the shorter title's words reappear)."""
    ka, kb = compatible_key(a), compatible_key(b)
    if not ka or not kb:
        return True
    short, long = sorted((ka, kb), key=len)
    if long.startswith(short) or (len(short) >= _MIN_CONTAINED and short in long):
        return True
    name_a, name_b = _name_part(a), _name_part(b)
    if name_a and name_a == name_b:
        return True
    words_a, words_b = _content_words(a), _content_words(b)
    if words_a and words_b:
        shared = len(words_a & words_b) / min(len(words_a), len(words_b))
        if shared >= _SHARED_WORDS:
            return True
    if len(long) > _MAX_COMPARED:
        return False
    import difflib  # only for long titles that differ: not at start-up

    return difflib.SequenceMatcher(None, ka, kb, autojunk=False).ratio() >= _SAME_TITLE_RATIO


def _strong_texts(inlines: Sequence[Inline]) -> Iterator[str]:
    for node in inlines:
        if node.kind == "strong":
            yield node.plain_text()
        elif node.kind not in ("link", "image") and node.children:
            yield from _strong_texts(node.children)


def _inline_title(inlines: list[Inline], *, outside: bool) -> str | None:
    """The title a cell or paragraph gives: its first bold text that is not a
    link label, else (``outside``) its text outside links."""
    for text in _strong_texts(inlines):
        title = _clean_title(text)
        if title is not None:
            return title
    return _clean_title(text_outside_links(inlines)) if outside else None


# -- where a URL is written ---------------------------------------------------------


def written_url(document: Document, link: Link) -> int | None:
    """Offset in ``document.text`` where ``link.url`` is written verbatim, else None.

    None for reference links, for destinations with escapes or entities, and
    for bare ``www.`` autolinks, whose URL GitHub completes: an edit at a
    computed offset would then land in the wrong place.
    """
    span = link.dest_span
    if span is None:
        if link.kind != "autolink":
            return None
        span = link.span
    source = document.text[span.start : span.end]
    if source == link.url:
        return span.start
    if source.startswith("<") and source.endswith(">") and source[1:-1] == link.url:
        return span.start + 1
    return None


def _find_in_url(document: Document, link: Link, needle: str, after: str) -> Span | None:
    """Span of ``needle`` in the written URL of ``link``, searched after ``after``."""
    offset = written_url(document, link)
    if offset is None:
        return None
    url = link.url
    scheme_end = url.find("://")
    start = url.find(after, scheme_end + 3 if scheme_end >= 0 else 0)
    if start < 0:
        return None
    at = url.find(needle, start + len(after))
    if at < 0:
        return None
    return document.span(offset + at, offset + at + len(needle))


def arxiv_badge_id(image: Link) -> ArxivId | None:
    """The arXiv ID a badge image states, read as the records read it: a
    static badge labelled ``arXiv`` (or with the alt text ``arXiv`` and no
    label) whose message is an arXiv ID."""
    badge = parse_badge_url(image.url)
    if badge is None or badge.kind != "static":
        return None
    label = (badge.label or "").strip().lower()
    if label != "arxiv" and (label or image.text.strip().lower() != "arxiv"):
        return None
    return parse_arxiv_id((badge.message or "").strip())


# -- the references -------------------------------------------------------------------


class _Ref:
    """One arXiv ID written somewhere in the document (a plain class: ``title`` and
    ``mismatch`` are filled in later, and a dataclass costs start-up time)."""

    __slots__ = ("aid", "behind", "group", "link", "mismatch", "source", "span", "title", "url")

    def __init__(
        self,
        aid: ArxivId,
        source: RefSource,
        span: Span,
        group: tuple[int, int],
        link: Link | None = None,
        url: ArxivUrl | None = None,
        behind: ArxivId | None = None,
    ) -> None:
        self.aid = aid
        self.source = source
        #: where the ID itself is written (falls back to the link or cell)
        self.span = span
        #: the entry (table block, row line) or paragraph (block, 0) it belongs to
        self.group = group
        #: the link whose target (source "link") or badge (source "badge") holds it
        self.link = link
        self.url = url
        self.title: str | None = None
        #: for a badge: the ID of the arXiv link behind it, when there is one
        self.behind = behind
        #: a badge and its link that name different IDs (both sides are VR201's)
        self.mismatch = False


class _Analysis(NamedTuple):
    document: Document
    refs: list[_Ref]
    #: every link (of any block) whose target is an arXiv abs/pdf/html URL
    urls: list[tuple[Link, ArxivUrl]]


_CACHE_KEY = "_vrlint_arxiv_analysis"


def _analysis(ctx: Context) -> _Analysis:
    """The arXiv references of ``ctx.document``, built once for all VR2xx rules."""
    cached = ctx.__dict__.get(_CACHE_KEY)
    if isinstance(cached, _Analysis) and cached.document is ctx.document:
        return cached
    made = _build(ctx)
    ctx.__dict__[_CACHE_KEY] = made
    return made


def _offset(document: Document, where: Position) -> int:
    return document.lines[where.line - 1].start + where.column - 1


def _link_ref(document: Document, link: Link, url: ArxivUrl, group: tuple[int, int]) -> _Ref:
    span = _find_in_url(document, link, url.id.id, "/") or link.dest_span or link.span
    return _Ref(url.id, "link", span, group, link=link, url=url)


def _badge_ref(document: Document, link: Link, aid: ArxivId, group: tuple[int, int]) -> _Ref:
    assert link.image is not None
    image = link.image
    span = _find_in_url(document, image, str(aid), "/badge/") or image.dest_span or image.span
    behind = parse_arxiv_url(link.url)
    return _Ref(aid, "badge", span, group, link=link, behind=behind.id if behind else None)


def _is_image_source(link: Link) -> bool:
    """``<img src>``/``<source srcset>``: a figure served from arxiv.org/html is an image,
    not a paper link; its URL is never to be rewritten to an abstract page."""
    return link.kind == "html" and (link.attribute or "").lower() in ("src", "srcset")


def _build(ctx: Context) -> _Analysis:
    document = ctx.document
    out = _Analysis(document, [], [])
    outer: dict[int, Link] = {}
    for link in document.links:
        if link.kind == "image":
            continue
        url = parse_arxiv_url(link.url)
        if url is not None and not _is_image_source(link):
            out.urls.append((link, url))
        outer[link.span.start] = link
        if link.image is not None:
            # a badge record is positioned at its image: find the link carrying it
            outer[link.image.span.start] = link
    records = {record.line: record for record in ctx.tables}
    for index, block in enumerate(document.blocks):
        record = records.get(block.start_line) if isinstance(block, Table) else None
        if isinstance(block, Table) and record is not None and len(record.entries) == len(block.rows):
            _table_refs(document, index, block, record, outer, out.refs)
    for link, url in out.urls:
        if not isinstance(document.blocks[link.block], Table):
            out.refs.append(_link_ref(document, link, url, (link.block, 0)))
    for link in document.links:
        if link.kind == "link" and link.image is not None and not isinstance(document.blocks[link.block], Table):
            aid = arxiv_badge_id(link.image)
            if aid is not None:
                out.refs.append(_badge_ref(document, link, aid, (link.block, 0)))
    out.refs.sort(key=lambda ref: (ref.span.start, ref.source != "link"))
    _paragraph_titles(document, out.refs)
    carried = {id(ref.link): ref for ref in out.refs if ref.source == "link"}
    for ref in out.refs:
        if not _counts(ref):
            ref.mismatch = True
            partner = carried.get(id(ref.link))
            if partner is not None:
                partner.mismatch = True
    return out


def _table_refs(
    document: Document,
    index: int,
    table: Table,
    record: TableRecord,
    outer: dict[int, Link],
    refs: list[_Ref],
) -> None:
    columns = table.columns
    for row, entry in zip(table.rows, record.entries, strict=True):
        group = (index, row.line)
        found: list[tuple[_Ref, Cell | None]] = []
        for paper in entry.papers:
            item = _paper_ref(document, paper, group, row.cells[:columns], outer)
            if item is not None:
                found.append(item)
        _table_titles(found, record, entry)
        refs.extend(ref for ref, _ in found)


def _cell_at(cells: list[Cell], offset: int) -> Cell | None:
    for cell in cells:
        if cell.raw_span.start <= offset <= cell.raw_span.end:
            return cell
    return None


def _paper_ref(
    document: Document,
    paper: PaperRecord,
    group: tuple[int, int],
    cells: list[Cell],
    outer: dict[int, Link],
) -> tuple[_Ref, Cell | None] | None:
    if paper.arxiv_id is None:
        return None
    offset = _offset(document, paper.position)
    cell = _cell_at(cells, offset)
    if paper.source == "link":
        link = outer.get(offset)
        url = parse_arxiv_url(link.url) if link is not None else None
        if link is None or url is None:
            return None
        return _link_ref(document, link, url, group), cell
    if paper.source == "badge":
        link = outer.get(offset)
        aid = arxiv_badge_id(link.image) if link is not None and link.image is not None else None
        if link is None or aid is None:
            return None
        return _badge_ref(document, link, aid, group), cell
    aid = parse_arxiv_id(paper.arxiv_id if paper.arxiv_version is None else f"{paper.arxiv_id}v{paper.arxiv_version}")
    if aid is None or cell is None:
        return None
    return _Ref(aid, "text", _text_span(document, cell, str(aid)), group), cell


def _text_span(document: Document, cell: Cell, needle: str) -> Span:
    """Where ``needle`` is written in ``cell`` outside its links (else the whole cell)."""
    source = document.text[cell.span.start : cell.span.end]
    links = [
        (node.span.start - cell.span.start, node.span.end - cell.span.start)
        for node in _walk(cell.inlines)
        if node.kind in ("link", "image") and node.span is not None
    ]
    at = source.find(needle)
    while at >= 0:
        if not any(start <= at < end for start, end in links):
            return document.span(cell.span.start + at, cell.span.start + at + len(needle))
        at = source.find(needle, at + 1)
    return cell.span


def _walk(inlines: list[Inline]) -> Iterator[Inline]:
    for node in inlines:
        yield from node.walk()


def _own_title(ref: _Ref) -> str | None:
    """A link's own label as a title (``[Attention Is All You Need](arxiv...)``)."""
    if ref.source == "link" and ref.link is not None and ref.link.kind == "link" and ref.link.image is None:
        return _clean_title(ref.link.text)
    return None


def _table_titles(found: list[tuple[_Ref, Cell | None]], record: TableRecord, entry: Entry) -> None:
    """Give each reference of a row the title of its paper.

    A reference takes its link's own label when that is a title, else the
    title written in its cell (title and paper columns: the bold text or the
    text beside the links), else the row's title: the longest of those found
    in the row, else the record's title.  When a row names several papers
    only the links' own labels are trusted.
    """
    single = len({ref.aid.id for ref, _ in found if _counts(ref)}) == 1
    own: list[str | None] = []
    written: list[str | None] = []
    # one title per cell, not per reference: a cell of N badges would
    # otherwise be read N times (quadratic; 3,000 badges took 12.7 s)
    cell_titles: dict[int, str | None] = {}
    for ref, cell in found:
        own.append(_own_title(ref))
        in_title_cell = cell is not None and record.roles[cell.index] in ("title", "paper")
        if cell is not None and in_title_cell:
            if id(cell) not in cell_titles:
                cell_titles[id(cell)] = _inline_title(cell.inlines, outside=True)
            written.append(cell_titles[id(cell)])
        else:
            written.append(None)
    candidates = [title for title in own + written if title is not None]
    row_title = max(candidates, key=_words) if candidates else _clean_title(entry.title)
    for (ref, _), own_title, cell_title in zip(found, own, written, strict=True):
        ref.title = own_title or ((cell_title or row_title) if single else None)


def _paragraph_titles(document: Document, refs: list[_Ref]) -> None:
    """Titles of references outside tables: the link's own label, else, when
    the paragraph names one paper, its bold text."""
    by_block: dict[int, list[_Ref]] = {}
    for ref in refs:
        if ref.group[1] == 0:
            by_block.setdefault(ref.group[0], []).append(ref)
    for block_index, block_refs in by_block.items():
        block = document.blocks[block_index]
        single = len({ref.aid.id for ref in block_refs if _counts(ref)}) == 1
        for ref in block_refs:
            title = _own_title(ref)
            if title is None and single and isinstance(block, Paragraph):
                title = _inline_title(block.inlines, outside=False)
            ref.title = title


def _counts(ref: _Ref) -> bool:
    """Whether ``ref`` names the paper of its row: a badge that contradicts
    the link behind it does not (VR201 reports it)."""
    return not (ref.source == "badge" and ref.behind is not None and ref.behind.id != ref.aid.id)


# -- VR201 ----------------------------------------------------------------------------


@rule(
    code="VR201",
    name="arxiv-badge-link-mismatch",
    severity="error",
    summary="An arXiv badge shows one ID but links to another.",
    why=(
        "Rows are copied from their neighbours and only half updated: the badge then names one "
        "paper while the link opens another, and readers cannot tell which one the row is about."
    ),
    bad=("[![arXiv](https://img.shields.io/badge/arXiv-2410.12109-b31b1b.svg)](https://arxiv.org/abs/2304.08345)\n"),
    good=("[![arXiv](https://img.shields.io/badge/arXiv-2304.08345-b31b1b.svg)](https://arxiv.org/abs/2304.08345)\n"),
    fix="unsafe",
)
def arxiv_badge_link_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    analysis = _analysis(ctx)
    carried = {id(ref.link): ref for ref in analysis.refs if ref.source == "link"}
    titled: dict[str, list[_Ref]] = {}
    for ref in _titled(analysis.refs):
        titled.setdefault(ref.aid.id, []).append(ref)
    # IDs per row and per link, counted once: a cell with thousands of
    # mismatched badges made a per-badge scan of the row quadratic
    in_row: dict[tuple[int, int], Counter[str]] = {}
    on_link: dict[int, Counter[str]] = {}
    for ref in analysis.refs:
        in_row.setdefault(ref.group, Counter())[ref.aid.id] += 1
        on_link.setdefault(id(ref.link), Counter())[ref.aid.id] += 1
    for badge in analysis.refs:
        if badge.source != "badge" or not badge.mismatch or badge.behind is None:
            continue
        target = carried.get(id(badge.link))
        shown, opened = badge.aid, badge.behind
        shown_problem, opened_problem = id_problem(shown), id_problem(opened)
        title = target.title if target is not None else badge.title
        shown_owner = _owner(titled.get(shown.id, []), shown, title, badge.group)
        opened_owner = _owner(titled.get(opened.id, []), opened, title, badge.group)
        # the row's other links and badges (a title link, a second badge) take a side
        row, own = in_row[badge.group], on_link[id(badge.link)]
        shown_in_row = row[shown.id] > own[shown.id]
        opened_in_row = row[opened.id] > own[opened.id]
        backs_badge = shown_in_row and not opened_in_row
        backs_link = opened_in_row and not shown_in_row
        message = f"badge says arXiv {shown.id} but links to arXiv {opened.id}; make them agree"
        notes: list[str] = []
        if backs_badge or backs_link:
            notes.append(f"the row's other links name {shown.id if backs_badge else opened.id}")
        if shown_problem is not None:
            notes.append(shown_problem)
        if opened_problem is not None:
            notes.append(f"the link's ID is not valid: {opened_problem}")
        for aid, owner in ((shown, shown_owner), (opened, opened_owner)):
            if owner is not None and owner.title is not None:
                notes.append(f'{aid.id} is the ID of "{_shown(owner.title, 50)}" on line {owner.span.line}')
        if notes:
            message += " (" + "; ".join(notes) + ")"
        link_wrong = shown_problem is None and (
            opened_problem is not None
            or (opened_owner is not None and shown_owner is None and not backs_link)
            or backs_badge
        )
        fix: Fix | None = None
        if link_wrong:
            if target is not None and _is_id(ctx, target.span, opened):
                reason = (
                    "cannot exist"
                    if opened_problem is not None
                    else "is not the paper the rest of the row names"
                    if backs_badge
                    else "belongs to another row's paper"
                )
                fix = ctx.fix(
                    "unsafe",
                    f"point the link at arXiv {shown.id}, the ID the badge shows (the link's {opened.id} {reason})",
                    [ctx.edit(_id_span(ctx, target.span, opened), str(shown))],
                )
        elif opened_problem is None and _is_id(ctx, badge.span, shown):
            fix = ctx.fix(
                "unsafe",
                f"set the badge to arXiv {opened.id}: the link is what readers click, so it is taken "
                "as the row's paper; check that the row is about that paper",
                [ctx.edit(badge.span, _keep_version(shown, opened))],
            )
        yield ctx.report(badge.span, message, fix=fix)


def _owner(titled: list[_Ref], aid: ArxivId, title: str | None, group: tuple[int, int]) -> _Ref | None:
    """Another row that gives ``aid`` to a paper with a title other than ``title``."""
    if title is None or _words(title) < MIN_TITLE_WORDS:
        return None
    for ref in titled:
        if ref.aid.id == aid.id and ref.group != group and ref.title and not _same(ref.title, title):
            return ref
    return None


def _is_id(ctx: Context, span: Span, aid: ArxivId) -> bool:
    return ctx.document.text[span.start : span.end].startswith(aid.id)


def _id_span(ctx: Context, span: Span, aid: ArxivId) -> Span:
    """``span`` narrowed to the ID with its version as written."""
    written = ctx.document.text[span.start : span.start + len(str(aid))]
    end = span.start + (len(str(aid)) if written == str(aid) else len(aid.id))
    return ctx.span(span.start, end)


def _keep_version(shown: ArxivId, opened: ArxivId) -> str:
    """The link's ID in the badge, with a version only where the badge had one."""
    if shown.version is not None and opened.version is not None:
        return str(opened)
    return opened.id


# -- VR202 ----------------------------------------------------------------------------


@rule(
    code="VR202",
    name="arxiv-invalid-id",
    severity="error",
    summary="An arXiv ID cannot exist: wrong digit count for its month, impossible month or a future date.",
    why=(
        "arXiv IDs are YYMM.NNNNN (four digits after the dot up to December 2014, five from "
        "January 2015). An ID that breaks this was mistyped or truncated, so its link opens an "
        "error page or, worse, an unrelated paper."
    ),
    bad="[paper](https://arxiv.org/abs/2410.1210)\n",
    good="[paper](https://arxiv.org/abs/2410.12109)\n",
)
def arxiv_invalid_id(ctx: Context) -> Iterator[Diagnostic]:
    analysis = _analysis(ctx)
    seen: set[tuple[tuple[int, int], str]] = set()
    order = {"link": 0, "badge": 1, "text": 2}
    for ref in sorted(analysis.refs, key=lambda r: (r.group, order[r.source], r.span.start)):
        if ref.mismatch:
            continue  # VR201 reports the pair and explains a bad ID
        problem = id_problem(ref.aid)
        if problem is None:
            continue
        key = (ref.group, ref.aid.id)
        if key in seen:
            continue
        seen.add(key)
        where = {"link": "this link", "badge": "this badge", "text": "this cell"}[ref.source]
        yield ctx.report(
            ref.span,
            f"arXiv ID {ref.aid} in {where} cannot exist: {problem}; copy the ID from the paper's arXiv page",
        )


# -- VR203 / VR204 ---------------------------------------------------------------------


class _Conflicts(NamedTuple):
    #: VR203: (reference, the earlier or majority reference it disagrees with)
    id_titles: list[tuple[_Ref, _Ref]]
    #: VR204: (reference, the reference holding the title's usual ID, another
    #: title given the reference's ID, whether the usual ID is clearly the right one)
    title_ids: list[tuple[_Ref, _Ref, _Ref | None, bool]]


def _titled(refs: list[_Ref]) -> list[_Ref]:
    """References that name a paper by a real title, one per (row, ID)."""
    seen: set[tuple[tuple[int, int], str]] = set()
    out: list[_Ref] = []
    for ref in refs:
        if ref.mismatch or ref.title is None or _words(ref.title) < MIN_TITLE_WORDS:
            continue
        key = (ref.group, ref.aid.id)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


#: an ID given to more distinct titles than this is a template placeholder,
#: not a copy error; it is left alone (and keeps the checks linear)
MAX_TITLES_PER_ID = 12


@lru_cache(maxsize=4096)
def _same(a: str, b: str) -> bool:
    return same_title(a, b)


def _conflicts(ctx: Context) -> _Conflicts:
    cached = ctx.__dict__.get(_CACHE_KEY + "_conflicts")
    analysis = _analysis(ctx)
    if isinstance(cached, tuple) and cached[0] is analysis:
        result: _Conflicts = cached[1]
        return result
    refs = _titled(analysis.refs)
    # per ID: its distinct titles (by key), each with the references giving it
    by_id: dict[str, dict[str, list[_Ref]]] = {}
    ids_of_title: dict[str, set[str]] = {}
    for ref in refs:
        assert ref.title is not None
        key = compatible_key(ref.title)
        by_id.setdefault(ref.aid.id, {}).setdefault(key, []).append(ref)
        ids_of_title.setdefault(key, set()).add(ref.aid.id)
    crowded = {aid for aid, titles in by_id.items() if len(titles) > MAX_TITLES_PER_ID}

    def other_title(ref: _Ref) -> _Ref | None:
        """A reference in another row giving ``ref``'s ID to a different title."""
        assert ref.title is not None
        if ref.aid.id in crowded:
            return None
        for same_key in by_id[ref.aid.id].values():
            first = same_key[0]
            assert first.title is not None
            if not _same(first.title, ref.title):
                return next((other for other in same_key if other.group != ref.group), None)
        return None

    def other_id(ref: _Ref) -> bool:
        """Whether ``ref``'s exact title is elsewhere given another ID."""
        assert ref.title is not None
        return len(ids_of_title[compatible_key(ref.title)] - crowded) > 1

    found = _Conflicts([], [])
    by_title: dict[str, dict[str, list[_Ref]]] = {}
    for ref in refs:
        if ref.aid.id not in crowded:
            assert ref.title is not None
            by_title.setdefault(compatible_key(ref.title), {}).setdefault(ref.aid.id, []).append(ref)
    for ids in by_title.values():
        if len(ids) < 2:
            continue

        def rank(group: list[_Ref]) -> tuple[bool, int]:
            return (not any(other_title(r) for r in group), len(group))

        usual = max(ids.values(), key=lambda group: (*rank(group), -group[0].span.start))
        for group in ids.values():
            if group is usual:
                continue
            clear = rank(usual) > rank(group)
            for ref in group:
                found.title_ids.append((ref, usual[0], other_title(ref), clear))
    for aid, titles in by_id.items():
        if aid in crowded or len(titles) < 2:
            continue
        clusters: list[list[_Ref]] = []
        for same_key in titles.values():
            title = same_key[0].title
            assert title is not None
            for cluster in clusters:
                assert cluster[0].title is not None
                if _same(cluster[0].title, title):
                    cluster.extend(same_key)
                    break
            else:
                clusters.append(list(same_key))
        if len(clusters) < 2:
            continue
        usual = max(
            clusters,
            key=lambda cluster: (not any(other_id(r) for r in cluster), len(cluster), -cluster[0].span.start),
        )
        for cluster in clusters:
            if cluster is usual:
                continue
            for ref in cluster:
                if not other_id(ref) and any(ref.group != other.group for other in usual):
                    found.id_titles.append((ref, usual[0]))  # else VR204 reports it, with both facts
    found.id_titles.sort(key=lambda pair: pair[0].span.start)
    found.title_ids.sort(key=lambda triple: triple[0].span.start)
    ctx.__dict__[_CACHE_KEY + "_conflicts"] = (analysis, found)
    return found


def _same_table(a: _Ref, b: _Ref) -> bool:
    """Both references are rows of one table (a paragraph's group is ``(block, 0)``)."""
    return a.group[0] == b.group[0] and a.group[1] != 0 and b.group[1] != 0


@rule(
    code="VR203",
    name="arxiv-id-multiple-titles",
    severity="warning",
    summary="One arXiv ID is given to two papers with different titles.",
    why=(
        "An arXiv ID names exactly one paper. When two rows with different titles carry the same "
        "ID, one of them was copied from the other and kept its ID, so its links open the wrong "
        "paper. (The same paper listed in several tables under the same title is fine.)"
    ),
    bad=(
        "| Title | Paper |\n|---|---|\n"
        "| OMCAT: Omni Context Aware Transformer | [arXiv](https://arxiv.org/abs/2410.12109) |\n\n"
        "| Title | Paper |\n|---|---|\n"
        "| VALOR: Vision-Audio-Language Omni-Perception Pretraining | [arXiv](https://arxiv.org/abs/2410.12109) |\n"
    ),
    good=(
        "| Title | Paper |\n|---|---|\n"
        "| OMCAT: Omni Context Aware Transformer | [arXiv](https://arxiv.org/abs/2410.12109) |\n\n"
        "| Title | Paper |\n|---|---|\n"
        "| VALOR: Vision-Audio-Language Omni-Perception Pretraining | [arXiv](https://arxiv.org/abs/2304.08345) |\n"
    ),
)
def arxiv_id_multiple_titles(ctx: Context) -> Iterator[Diagnostic]:
    for ref, usual in _conflicts(ctx).id_titles:
        assert ref.title is not None and usual.title is not None
        if _same_table(ref, usual):
            continue  # two rows of one table citing one ID: VR701's (duplicate-paper), reported once
        yield ctx.report(
            ref.span,
            f'arXiv {ref.aid.id} is given here to "{_shown(ref.title)}" but on line {usual.span.line} '
            f'to "{_shown(usual.title)}"; one ID names one paper: look up which paper '
            f"{ref.aid.id} is and correct the other row's ID",
        )


@rule(
    code="VR204",
    name="arxiv-title-multiple-ids",
    severity="warning",
    summary="One paper title is given two different arXiv IDs.",
    why=(
        "A paper has one arXiv ID (versions v1, v2 share it). The same title with two IDs means "
        "one copy has a mistyped ID or the ID of a neighbouring row, and its link opens another "
        "paper."
    ),
    bad=(
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03726)\n"
    ),
    good=(
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
    ),
)
def arxiv_title_multiple_ids(ctx: Context) -> Iterator[Diagnostic]:
    for ref, usual, other, clear in _conflicts(ctx).title_ids:
        assert ref.title is not None
        message = f'"{_shown(ref.title)}" has arXiv {usual.aid.id} on line {usual.span.line} but {ref.aid.id} here'
        if other is not None:
            assert other.title is not None
            message += f', and {ref.aid.id} is the ID of "{_shown(other.title)}" (line {other.span.line})'
        if clear:
            message += f"; give the paper one ID (most likely {usual.aid.id})"
        else:
            message += "; give the paper one ID: check which one is its arXiv page"
        yield ctx.report(ref.span, message)


# -- VR205 / VR206: canonical links ------------------------------------------------------

_OTHER_HOSTS = {"www.arxiv.org", "export.arxiv.org", "browse.arxiv.org"}


@rule(
    code="VR205",
    default=False,
    name="arxiv-link-host",
    severity="warning",
    summary="An arXiv link uses www., export. or browse.arxiv.org instead of arxiv.org.",
    why=(
        "www.arxiv.org and browse.arxiv.org only redirect to arxiv.org, and export.arxiv.org is "
        "the mirror for programs (it lags behind and is rate-limited); the same paper is at "
        "arxiv.org, which the other links of the file use."
    ),
    bad=(
        "- [VAST](https://arxiv.org/abs/2305.18500)\n- [VALOR](https://arxiv.org/abs/2304.08345)\n"
        "- [OMCAT](https://www.arxiv.org/abs/2410.12109)\n"
    ),
    good=(
        "- [VAST](https://arxiv.org/abs/2305.18500)\n- [VALOR](https://arxiv.org/abs/2304.08345)\n"
        "- [OMCAT](https://arxiv.org/abs/2410.12109)\n"
    ),
    fix="safe",
    options={"min-share": 0.5},
)
def arxiv_link_host(ctx: Context) -> Iterator[Diagnostic]:
    urls = _analysis(ctx).urls
    plain = sum(1 for _, url in urls if url.host == "arxiv.org")
    if not _convention(ctx, plain, len(urls)):
        return  # the file has no arxiv.org convention to hold the others to
    document = ctx.document
    for link, url in urls:
        if url.host not in _OTHER_HOSTS:
            continue
        span = _host_span(document, link)
        fix = None
        if span is not None:
            fix = ctx.fix("safe", f"write arxiv.org instead of {url.host}", [ctx.edit(span, "arxiv.org")])
        yield ctx.report(
            span or link.dest_span or link.span,
            f"{url.host} serves the same paper as arxiv.org, which {plain} of the file's "
            f"{len(urls)} arXiv links use; write https://arxiv.org/{_path_of(url)}",
            fix=fix,
            cause=url.host,
        )


def _convention(ctx: Context, count: int, total: int) -> bool:
    """Whether ``count`` of the file's ``total`` arXiv links make a convention:
    more than the rule's ``min-share`` of them (a strict majority by default)."""
    share = float(ctx.option("min-share", 0.5))
    return total > 0 and count > share * total


def _host_span(document: Document, link: Link) -> Span | None:
    offset = written_url(document, link)
    if offset is None:
        return None
    try:
        netloc = urlsplit(link.url).netloc
    except ValueError:
        return None
    host = netloc.rsplit("@", 1)[-1].split(":", 1)[0]
    at = link.url.find(host)
    if not host or at < 0:
        return None
    return document.span(offset + at, offset + at + len(host))


def _path_of(url: ArxivUrl) -> str:
    return f"{url.form if url.form != 'other' else 'abs'}/{url.id}"


@rule(
    code="VR206",
    default=False,
    name="arxiv-link-form",
    severity="warning",
    summary="An arXiv link opens the PDF or HTML view where the file links abstract pages (or ends abs/ in .pdf).",
    why=(
        "Most links of the file open the abstract page (`arxiv.org/abs/ID`), which shows the "
        "title, authors, versions and every format; a few PDF or HTML links break that "
        "convention. `abs/ID.pdf` is malformed: the abstract page does not take a .pdf suffix."
    ),
    bad="[paper](https://arxiv.org/abs/2305.18500)\n[paper](https://arxiv.org/pdf/2304.08345)\n"
    "[paper](https://arxiv.org/abs/2410.12109)\n",
    good="[paper](https://arxiv.org/abs/2305.18500)\n[paper](https://arxiv.org/abs/2304.08345)\n"
    "[paper](https://arxiv.org/abs/2410.12109)\n",
    fix="unsafe",
    options={"min-share": 0.5},
)
def arxiv_link_form(ctx: Context) -> Iterator[Diagnostic]:
    urls = _analysis(ctx).urls
    forms = Counter(url.form for _, url in urls)
    abs_majority = _convention(ctx, forms["abs"], len(urls))
    document = ctx.document
    for link, url in urls:
        suffixed = url.form == "abs" and url.problem is not None
        if not suffixed and not (abs_majority and url.form in ("pdf", "html")):
            continue
        span = _path_span(document, link, url)
        canonical = f"abs/{url.id}"
        fix = None
        if span is not None:
            fix = ctx.fix(
                "unsafe",
                f"link the abstract page abs/{url.id} (keep the {url.form} link if it was meant)"
                if not suffixed
                else f"drop the .pdf suffix: abs/{url.id}",
                [ctx.edit(span, canonical)],
            )
        if suffixed:
            message = (
                f"abs/{url.id}.pdf puts a PDF suffix on the abstract-page path; "
                f"write abs/{url.id} (or pdf/{url.id} for the PDF)"
            )
        else:
            view = "PDF" if url.form == "pdf" else "HTML view"
            message = (
                f"this link opens the {view} while {forms['abs']} of the file's {len(urls)} arXiv "
                f"links open the abstract page; write https://arxiv.org/abs/{url.id}"
            )
        cause = "abs/ID.pdf" if suffixed else url.form
        yield ctx.report(span or link.dest_span or link.span, message, fix=fix, cause=cause)


_FORM_PATH = lazy_pattern(r"/(?:abs|pdf|html)/")


def _path_span(document: Document, link: Link, url: ArxivUrl) -> Span | None:
    """The ``pdf/ID[.pdf]`` part of the written URL (before any query or fragment)."""
    offset = written_url(document, link)
    if offset is None:
        return None
    text = link.url
    scheme_end = text.find("://")
    m = _FORM_PATH.search(text, scheme_end + 3 if scheme_end >= 0 else 0)
    if m is None:
        return None
    start = m.start() + 1
    end = len(text)
    for stop in ("?", "#"):
        at = text.find(stop, start)
        if at >= 0:
            end = min(end, at)
    path = text[start:end].rstrip("/")
    if not path.endswith((str(url.id), str(url.id) + ".pdf")):
        return None
    return document.span(offset + start, offset + start + len(path))
