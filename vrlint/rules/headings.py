"""VR6xx: heading anchors, ``#fragment`` links and tables of contents.

GitHub gives every heading an ``id`` (see :mod:`vrlint.parsing.slugs`);
a ``[text](#fragment)`` link works when the fragment names one of them, an
explicit HTML anchor (``<a name="x">``, ``<div id="x">``) or a raw-HTML
``<h1>`` heading, which GitHub slugs like a Markdown one.  GitHub prefixes
every such id with ``user-content-`` and its page script maps ``#x`` to
``user-content-x``, so both spellings of a fragment work.

Case: GitHub's page script also finds a heading whatever the case of the
fragment (``#DiAgNoStIc`` reaches ``## Diagnostic``, rsc/markdown#19,
serokell/xrefcheck#211), while GitLab, VS Code's preview, PyPI and plain
browsers compare ids exactly.  So a fragment that differs from an anchor
only in case is not broken on GitHub: it is a portability warning (VR604),
not a broken link (VR601).

A fragment is percent-decoded before it is compared (browsers do the same
for ``#%EF%B8%8F-benchmarks``).  An empty fragment (``#``) and ``#top`` go to
the top of the page (HTML's "indicated part of the document"), and
``#readme`` is the README box of a GitHub repository page; none is reported.

Mojibake: when a heading's text was damaged by a wrong decoding (``üòé``
for ``😎``), its anchor is damaged too, and links written against the
intended heading do not resolve.  These rules compare against the anchors
the headings *would* have once their encoding is repaired as well, and then
say that the encoding (VR8xx) is the thing to fix, instead of proposing to
re-point a correct link at a garbled anchor.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import NamedTuple

from vrlint.diagnostics import Applicability, Diagnostic, Fix
from vrlint.document import Block, Document, Heading, HtmlBlock, Inline, Link, Paragraph, Table, walk
from vrlint.lazyre import lazy_pattern
from vrlint.parsing.slugs import github_slug, unique_anchors
from vrlint.rules.base import Context, rule
from vrlint.text.keys import folded_key
from vrlint.text.mojibake import repair

# -- HTML anchors ---------------------------------------------------------------
# One tag at a time: ``[^<>]*`` is a single quantifier, so the scan is linear.
_TAG = lazy_pattern(r"<[A-Za-z][^<>]*>")
_ANCHOR_ATTRIBUTE = lazy_pattern(
    r"""(?<![\w-])(?:id|name)[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""",
    re.IGNORECASE,
)
_HEADING_OPEN = lazy_pattern(r"<h([1-6])(?:[ \t\r\n/][^<>]*)?>", re.IGNORECASE)
_HEADING_CLOSE = lazy_pattern(r"</h([1-6])[ \t\r\n]*>", re.IGNORECASE)
_ANY_TAG = lazy_pattern(r"<[^<>]*>")

#: fragments every page has: the top of the document, GitHub's README box
_BUILTIN_FRAGMENTS = frozenset({"", "top", "readme"})
_USER_CONTENT = "user-content-"

#: how alike a fragment and an anchor must be (difflib ratio of their
#: alphanumeric keys) for the anchor to be proposed as the one meant
_SIMILARITY = 0.85


def _blank_comments(text: str) -> str:
    """HTML comments replaced by spaces, offsets unchanged (a plain scan, so
    linear even for a run of unclosed ``<!--``)."""
    start = text.find("<!--")
    if start < 0:
        return text
    parts: list[str] = []
    done = 0
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        end += 3
        parts.append(text[done:start])
        parts.append(" " * (end - start))
        done = end
        start = text.find("<!--", end)
    parts.append(text[done:])
    return "".join(parts)


def _attribute_anchors(text: str) -> Iterator[str]:
    """``id``/``name`` values of every tag in ``text``."""
    for tag in _TAG.finditer(text):
        for m in _ANCHOR_ATTRIBUTE.finditer(tag.group(0)):
            value = next(group for group in m.groups() if group is not None)
            yield html.unescape(value)


def _html_heading_texts(text: str) -> Iterator[str]:
    """Plain text of every raw ``<h1>``..``<h6>`` element in ``text``.

    Each opening tag pairs with the next closing tag of its level, and an
    opening tag inside an element already read is skipped, so the elements
    read never overlap and the scan stays linear.
    """
    closes: dict[str, list[int]] = {}
    for m in _HEADING_CLOSE.finditer(text):
        closes.setdefault(m.group(1), []).append(m.start())
    done = 0
    for m in _HEADING_OPEN.finditer(text):
        if m.start() < done:
            continue
        candidates = closes.get(m.group(1), [])
        at = bisect.bisect_left(candidates, m.end())
        if at == len(candidates):
            continue
        done = candidates[at]
        yield html.unescape(_ANY_TAG.sub("", text[m.end() : done]))


# -- text keys ----------------------------------------------------------------------


def _text_key(text: str) -> str:
    """:func:`folded_key` of ``text`` after undoing mojibake and compatibility forms."""
    return folded_key(unicodedata.normalize("NFKC", repair(text)))


def _decode_fragment(fragment: str) -> str:
    decoded = urllib.parse.unquote(fragment)
    if decoded.lower().startswith(_USER_CONTENT):
        decoded = decoded[len(_USER_CONTENT) :]
    return decoded


def _shown(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- the anchor index -------------------------------------------------------------


class _Target(NamedTuple):
    """Somewhere a fragment can land: a heading, or an explicit HTML anchor."""

    anchor: str
    line: int
    heading: Heading | None = None


class _Entry(NamedTuple):
    """A table-of-contents entry: a list item whose content is one ``#`` link."""

    link: Link
    depth: int
    block: int
    fragment: str


class _Anchors:
    """Every anchor of a document, with the headings behind them."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.targets: dict[str, _Target] = {}
        self.folded: dict[str, list[str]] = {}

    @classmethod
    def build(cls, document: Document) -> _Anchors:
        index = cls(document)
        headings = document.headings
        for heading in headings:
            index._add(heading.anchor, heading.start_line, heading)
        blocks = document.blocks
        for number, block in enumerate(blocks):
            owner = _owner(blocks, number)
            if isinstance(block, HtmlBlock) and not block.comment:
                first = document.line(block.start_line)
                last = document.line(block.end_line)
                text = _blank_comments(document.text[first.start : last.start + len(last.text)])
                for value in _attribute_anchors(text):
                    index._add(value, block.start_line, owner)
                for title in _html_heading_texts(text):
                    slug = github_slug(title)
                    index._add(slug, block.start_line, None)
                    index._add(slug.strip("-"), block.start_line, None)
            for node in _inline_html(block):
                if node.span is None or node.text.startswith("<!--"):
                    continue
                for value in _attribute_anchors(node.text):
                    index._add(value, node.span.line, owner)
        return index

    def _add(self, anchor: str, line: int, heading: Heading | None) -> None:
        if not anchor or anchor in self.targets:
            return
        self.targets[anchor] = _Target(anchor, line, heading)
        self.folded.setdefault(anchor.casefold(), []).append(anchor)

    def resolve(self, fragment: str) -> _Target | None:
        return self.targets.get(fragment)

    def resolve_folded(self, fragment: str) -> list[_Target]:
        """The targets whose anchor equals ``fragment`` ignoring case."""
        return [self.targets[anchor] for anchor in self.folded.get(fragment.casefold(), [])]

    # -- mojibake --------------------------------------------------------------
    @cached_property
    def repaired(self) -> dict[str, Heading]:
        """Anchor -> heading, for the anchors that exist only once the
        headings' mojibake is repaired."""
        headings = self.document.headings
        texts = [repair(heading.text) for heading in headings]
        if all(text == heading.text for text, heading in zip(texts, headings, strict=True)):
            return {}
        anchors = unique_anchors(github_slug(text) for text in texts)
        return {
            anchor: heading
            for anchor, heading, text in zip(anchors, headings, texts, strict=True)
            if text != heading.text and anchor not in self.targets
        }

    @cached_property
    def garbled(self) -> dict[int, str]:
        """id(heading) -> the anchor it gets once repaired, for damaged headings."""
        return {id(heading): anchor for anchor, heading in self.repaired.items()}


def _owner(blocks: list[Block], number: int) -> Heading | None:
    """The heading an anchor in block ``number`` labels: the heading itself,
    or the heading right after an anchor-only block (``<a id="x"></a>`` on
    the line above ``## X``)."""
    block = blocks[number]
    if isinstance(block, Heading):
        return block
    following = blocks[number + 1] if number + 1 < len(blocks) else None
    if isinstance(following, Heading) and following.start_line <= block.end_line + 2:
        if isinstance(block, HtmlBlock):
            return following
        if isinstance(block, Paragraph) and not folded_key(_plain(block.inlines)):
            return following
    return None


def _plain(inlines: list[Inline]) -> str:
    return "".join(node.plain_text() for node in inlines)


def _inline_html(block: Block) -> Iterator[Inline]:
    groups: list[list[Inline]] = []
    if isinstance(block, (Paragraph, Heading)):
        groups.append(block.inlines)
    elif isinstance(block, Table):
        groups.extend(cell.inlines for row in block.all_rows for cell in row.cells)
    for inlines in groups:
        for node in walk(inlines):
            if node.kind == "html":
                yield node


# -- the per-document analysis -------------------------------------------------------


def _fragment_links(document: Document) -> Iterator[tuple[Link, str]]:
    """(link, decoded fragment) for every same-page ``#`` link a reader can click."""
    for link in document.links:
        if link.kind == "html" and link.attribute != "href":
            continue
        if link.kind not in ("link", "html"):
            continue
        url = link.url.strip()
        if url.startswith("#"):
            yield link, _decode_fragment(url[1:])


class _Analysis:
    """The anchors and the ``#`` links of one document, shared by the VR6xx rules."""

    def __init__(self, document: Document, anchors: _Anchors) -> None:
        self.document = document
        self.anchors = anchors

    @cached_property
    def links(self) -> list[tuple[Link, str]]:
        return list(_fragment_links(self.document))

    @cached_property
    def entries(self) -> list[_Entry]:
        """Table-of-contents entries in document order."""
        blocks = self.document.blocks
        by_block: dict[int, list[tuple[Link, str]]] = {}
        for link, fragment in self.links:
            if link.kind == "link":
                by_block.setdefault(link.block, []).append((link, fragment))
        out: list[_Entry] = []
        for number, found in sorted(by_block.items()):
            block = blocks[number]
            if not isinstance(block, Paragraph) or "list_item" not in block.containers:
                continue
            links = [node for node in block.inlines if node.kind == "link"]
            rest = [node for node in block.inlines if node.kind != "link"]
            if len(links) != 1 or len(found) != 1 or folded_key(_plain(rest)):
                continue
            link, fragment = found[0]
            depth = block.containers.count("list_item")
            out.append(_Entry(link, depth, number, fragment))
        return out

    @cached_property
    def heading_keys(self) -> list[tuple[str, str, str]]:
        """Per heading: its anchor (as repaired, for a garbled heading), the
        anchor's :func:`folded_key` and the text's :func:`_text_key`."""
        garbled = self.anchors.garbled
        out: list[tuple[str, str, str]] = []
        for heading in self.document.headings:
            anchor = garbled.get(id(heading), heading.anchor)
            out.append((anchor, folded_key(anchor), _text_key(heading.text)))
        return out

    def heading_of(self, fragment: str) -> Heading | None:
        target = self.anchors.resolve(fragment)
        return target.heading if target is not None else None


_CACHE_KEY = "_vrlint_anchor_analysis"


def _analysis(ctx: Context) -> _Analysis:
    """The anchor analysis of ``ctx.document``, built once for all VR6xx rules."""
    cached = ctx.__dict__.get(_CACHE_KEY)
    if isinstance(cached, _Analysis) and cached.document is ctx.document:
        return cached
    made = _Analysis(ctx.document, _Anchors.build(ctx.document))
    ctx.__dict__[_CACHE_KEY] = made
    return made


def _fix(ctx: Context, applicability: Applicability, link: Link, anchor: str) -> Fix | None:
    """Point ``link`` at ``#anchor``; None for reference links (no destination span)."""
    if link.dest_span is None:
        return None
    return ctx.fix(applicability, f"link to #{anchor}", [ctx.edit(link.dest_span, "#" + anchor)])


# -- VR601 -----------------------------------------------------------------------------


class _Guess(NamedTuple):
    heading: Heading
    anchor: str
    how: str


#: anchors longer than this are not compared by similarity (difflib is quadratic)
_SIMILARITY_LIMIT = 200


def _guess(analysis: _Analysis, fragment: str, text: str) -> tuple[_Guess | None, bool]:
    """The heading a broken fragment most likely meant, and whether the guess
    is ambiguous (several headings fit equally well).

    Tried in order: an anchor equal to the fragment up to dashes, emoji and
    case; a heading whose text is the link's text; the anchor most like the
    fragment (a typo, a changed number).
    """
    headings = analysis.document.headings
    keys = analysis.heading_keys
    wanted = folded_key(repair(fragment))
    text_key = _text_key(text)
    classes: list[list[int]] = [
        [i for i, (_, anchor_key, _) in enumerate(keys) if wanted and anchor_key == wanted],
        [i for i, (_, _, heading_key) in enumerate(keys) if text_key and heading_key == text_key],
    ]
    similar: list[tuple[float, int]] = []
    if 4 <= len(wanted) <= _SIMILARITY_LIMIT:
        import difflib  # only for a broken fragment: not at start-up

        for i, (_, anchor_key, _) in enumerate(keys):
            if len(anchor_key) > _SIMILARITY_LIMIT:
                continue
            # difflib's real_quick_ratio, before building a matcher: most anchors differ in length
            if 2.0 * min(len(wanted), len(anchor_key)) / (len(wanted) + len(anchor_key)) < _SIMILARITY:
                continue
            matcher = difflib.SequenceMatcher(None, wanted, anchor_key, autojunk=False)
            if matcher.quick_ratio() < _SIMILARITY:
                continue
            ratio = matcher.ratio()
            if ratio >= _SIMILARITY:
                similar.append((ratio, i))
    if similar:
        best = max(ratio for ratio, _ in similar)
        classes.append([i for ratio, i in similar if ratio == best])
    for how, found in zip(("anchor", "text", "similar"), classes, strict=False):
        if len(found) == 1:
            i = found[0]
            return _Guess(headings[i], keys[i][0], how), False
        if len(found) > 1:
            return None, True
    return None, False


@rule(
    code="VR601",
    name="broken-fragment-link",
    severity="error",
    summary="A `#fragment` link names no heading or HTML anchor of the file.",
    why=(
        "A table-of-contents or cross-reference link whose fragment matches no anchor does "
        "nothing when clicked: GitHub derives anchors from heading text, so renaming a heading "
        "or changing its emoji silently breaks every link to it."
    ),
    bad="- [Datasets](#dataset)\n\n## Datasets\n",
    good="- [Datasets](#datasets)\n\n## Datasets\n",
    fix="unsafe",
)
def broken_fragment_link(ctx: Context) -> Iterator[Diagnostic]:
    analysis = _analysis(ctx)
    anchors = analysis.anchors
    for link, fragment in analysis.links:
        if fragment.casefold() in _BUILTIN_FRAGMENTS or anchors.resolve(fragment) is not None:
            continue
        if anchors.resolve_folded(fragment):
            continue  # resolves on GitHub; VR604 asks for the exact case
        span = link.dest_span or link.span
        shown = link.url.strip()
        repaired = repair(fragment)
        if repaired != fragment:
            folded = anchors.resolve_folded(repaired)
            target = anchors.resolve(repaired) or (folded[0] if len(folded) == 1 else None)
            if target is not None:
                yield ctx.report(
                    span,
                    f"fragment {shown} is mojibake for #{repaired} (line {target.line}); "
                    f"repair its encoding to #{target.anchor}",
                    fix=_fix(ctx, "safe", link, target.anchor),
                )
                continue
        garbled_heading = anchors.repaired.get(fragment) or anchors.repaired.get(repaired)
        if garbled_heading is not None:
            yield ctx.report(
                span,
                f"{shown} is meant for the heading on line {garbled_heading.start_line}, but that "
                f"heading's text is mojibake, so GitHub gives it the anchor #{garbled_heading.anchor}; "
                "repair the heading's encoding (VR8xx) and this link will work",
                cause="mojibake heading",
            )
            continue
        guess, ambiguous = _guess(analysis, fragment, link.text)
        if guess is None:
            hint = "several headings fit; " if ambiguous else ""
            yield ctx.report(
                span,
                f"no heading or HTML anchor has the id {shown}; {hint}"
                "link to an existing heading's anchor or remove the link",
            )
            continue
        heading = guess.heading
        title = _shown(heading.text)
        if id(heading) in anchors.garbled:
            yield ctx.report(
                span,
                f"no heading has the anchor {shown}; it probably means '{_shown(repair(heading.text))}' "
                f"(line {heading.start_line}), whose text is mojibake: repair the heading's encoding "
                f"(VR8xx), then link to #{guess.anchor}",
                cause="mojibake heading",
            )
            continue
        heading_key = _text_key(heading.text)
        same_text = sum(key == heading_key for _, _, key in analysis.heading_keys)
        link_key = _text_key(link.text)
        safe = bool(link_key) and link_key == heading_key and same_text == 1
        yield ctx.report(
            span,
            f"no heading has the anchor {shown}; the heading '{title}' on line {heading.start_line} "
            f"has #{guess.anchor}: link to that",
            fix=_fix(ctx, "safe" if safe else "unsafe", link, guess.anchor),
        )


# -- VR602 -----------------------------------------------------------------------------


def _label_span(ctx: Context, link: Link) -> tuple[int, int] | None:
    """Offsets of the label of an inline ``[label](dest)`` link."""
    if link.dest_span is None:
        return None
    source = ctx.document.text[link.span.start : link.dest_span.start]
    if not source.startswith("["):
        return None
    close = source.rfind("](")
    if close <= 0:
        return None
    return link.span.start + 1, link.span.start + close


_WORD = lazy_pattern(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", repair(text)).casefold())


def _same_word(a: str, b: str) -> bool:
    """Equal, or equal up to an English plural ending ("Survey"/"Surveys")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and long in (short + "s", short + "es")


def _covered(word: str, words: list[str]) -> bool:
    """Whether ``word`` is one of ``words`` or the initials of a run of them
    ("rl" for "reinforcement learning")."""
    if any(_same_word(word, other) for other in words):
        return True
    if len(word) < 2 or not word.isalpha():
        return False
    initials = "".join(other[0] for other in words)
    return word in initials


def _abbreviates(entry: str, heading: str) -> bool:
    """Whether one text is the other with words left out or shortened:
    "Surveys" for "6 Survey", "3D Understanding (LLM)" for "3D Understanding
    via LLM", "Alignment & RL" for "Alignment & Reinforcement Learning"."""
    short, full = _words(entry), _words(heading)
    return all(_covered(w, full) for w in short) or all(_covered(w, short) for w in full)


def _agrees(text: str, heading: Heading) -> bool:
    """Whether a contents entry's text names ``heading``."""
    text_key, heading_key = _text_key(text), _text_key(heading.text)
    return not text_key or not heading_key or text_key == heading_key or _abbreviates(text, heading.text)


def _plain_source(document: Document, heading: Heading) -> str | None:
    """The heading's source when it is one line of plain text that can be
    pasted into a link label as it is (escapes kept, no brackets)."""
    if heading.span is None or not all(node.kind == "text" for node in heading.inlines):
        return None
    source = document.text[heading.span.start : heading.span.end].strip()
    if not source or "\n" in source or "\r" in source or "[" in source or "]" in source:
        return None
    return source


#: an entry this similar to its heading names the same section (a typo, a shortened name)
_REWORDED_RATIO = 0.6


def _reworded(entry: str, heading: str) -> bool:
    """Whether a contents entry is its heading reworded rather than another section's name."""
    a, b = _text_key(entry), _text_key(heading)
    if not (a and b):
        return False
    import difflib  # only for contents entries that differ from their heading: not at start-up

    return difflib.SequenceMatcher(None, a, b).ratio() >= _REWORDED_RATIO


@rule(
    code="VR602",
    name="toc-text-mismatch",
    severity="warning",
    summary="A table-of-contents entry's text differs from the heading it links to.",
    why=(
        "A contents entry that names something else than the section it opens misleads readers; "
        "usually the heading was renamed and the contents list was not updated, or the entry was "
        "copied from its neighbour and still carries the neighbour's anchor. An entry that only "
        "rewords its heading (a typo, 'Robustness evalutaion and attack' for 'Evaluation and "
        "attack') opens the right section and is not reported."
    ),
    bad="- [Benchmarks](#datasets)\n\n## Datasets\n",
    good="- [Datasets](#datasets)\n\n## Datasets\n",
    fix="unsafe",
)
def toc_text_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    analysis = _analysis(ctx)
    headings = ctx.document.headings
    for entry in analysis.entries:
        heading = analysis.heading_of(entry.fragment)
        if heading is None or _agrees(entry.link.text, heading):
            continue
        link = entry.link
        title = _shown(heading.text.strip())
        shown = _shown(link.text.strip())
        where = f"contents entry '{shown}' links to the heading '{title}' (line {heading.start_line})"
        text_key = _text_key(link.text)
        named = [h for h in headings if _text_key(h.text) == text_key]
        if len(named) == 1 and id(named[0]) not in analysis.anchors.garbled:
            other = named[0]
            yield ctx.report(
                link.dest_span or link.span,
                f"{where}, but the heading '{_shown(other.text.strip())}' on line {other.start_line} "
                f"has that text: link to #{other.anchor}",
                fix=_fix(ctx, "unsafe", link, other.anchor),
            )
            continue
        if _reworded(link.text, heading.text):
            continue  # the same section in other words (a typo, a renamed heading): the link works
        fix = None
        label = _label_span(ctx, link)
        source = _plain_source(ctx.document, heading)
        if label is not None and source is not None:
            fix = ctx.fix("unsafe", f"use the heading's text '{title}'", [ctx.edit(ctx.span(*label), source)])
        yield ctx.report(link.span, f"{where}; make the entry's text match the heading", fix=fix)


# -- VR603 -----------------------------------------------------------------------------


@rule(
    code="VR603",
    default=False,
    name="duplicate-heading",
    severity="warning",
    summary="Two headings have the same anchor, so GitHub renames the second one.",
    why=(
        "GitHub makes repeated anchors unique by appending -1, -2 in order, so `#datasets` "
        "always opens the first such section and links written for the second one silently "
        "land in the wrong place; the suffix also changes whenever a heading above is added."
    ),
    bad="## Video\n### Datasets\n## Audio\n### Datasets\n",
    good="## Video\n### Video Datasets\n## Audio\n### Audio Datasets\n",
)
def duplicate_heading(ctx: Context) -> Iterator[Diagnostic]:
    # A duplicate the file already links to by its suffixed anchor is one the
    # author knows about and handles (a contents list with #datasets-1).
    linked = {fragment for _, fragment in _analysis(ctx).links}
    first: dict[str, Heading] = {}
    for heading in ctx.document.headings:
        slug = github_slug(heading.text)
        if not slug:
            continue
        earlier = first.setdefault(slug, heading)
        if earlier is heading or heading.span is None or heading.anchor in linked:
            continue
        yield ctx.report(
            heading.span,
            f"heading '{_shown(heading.text.strip())}' has the same anchor #{slug} as the heading on "
            f"line {earlier.start_line}, so GitHub gives it #{heading.anchor} and links to #{slug} "
            "open the first one; give it a distinct name",
        )


# -- VR604 -----------------------------------------------------------------------------


@rule(
    code="VR604",
    default=False,
    name="fragment-case-mismatch",
    severity="warning",
    summary="A `#fragment` matches an anchor only when case is ignored.",
    why=(
        "GitHub's page script finds `#Datasets` for the anchor `datasets`, but GitLab, editors' "
        "previews, package indexes and plain browsers compare ids exactly, so the link breaks as "
        "soon as the README is shown anywhere else."
    ),
    bad="- [Datasets](#Datasets)\n\n## Datasets\n",
    good="- [Datasets](#datasets)\n\n## Datasets\n",
    fix="safe",
)
def fragment_case_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    analysis = _analysis(ctx)
    anchors = analysis.anchors
    for link, fragment in analysis.links:
        if fragment.casefold() in _BUILTIN_FRAGMENTS or anchors.resolve(fragment) is not None:
            continue
        found = anchors.resolve_folded(fragment)
        if not found:
            continue
        if len(found) > 1:
            choices = ", ".join(f"#{target.anchor} (line {target.line})" for target in found)
            yield ctx.report(
                link.dest_span or link.span,
                f"{link.url.strip()} matches the anchors {choices} only ignoring case; write the one "
                "you mean exactly, since only GitHub forgives the difference",
            )
            continue
        target = found[0]
        yield ctx.report(
            link.dest_span or link.span,
            f"{link.url.strip()} matches the anchor #{target.anchor} (line {target.line}) only "
            f"ignoring case; write #{target.anchor}, since only GitHub forgives the difference",
            fix=_fix(ctx, "safe", link, target.anchor),
            cause="case",
        )


# -- VR605 -----------------------------------------------------------------------------


def _section_end(headings: list[Heading], index: int) -> int:
    """Index of the first heading after ``headings[index]``'s section."""
    level = headings[index].level
    for later in range(index + 1, len(headings)):
        if headings[later].level <= level:
            return later
    return len(headings)


def _parents(entries: list[_Entry], blocks: list[Block]) -> Iterable[tuple[_Entry, _Entry]]:
    """(entry, its parent entry) for nested table-of-contents entries."""
    stack: list[_Entry] = []
    previous: _Entry | None = None
    for entry in entries:
        contiguous = previous is not None and all(
            "list_item" in blocks[n].containers for n in range(previous.block + 1, entry.block)
        )
        if not contiguous:
            stack = []
        while stack and stack[-1].depth >= entry.depth:
            stack.pop()
        if stack and stack[-1].depth == entry.depth - 1:
            yield entry, stack[-1]
        stack.append(entry)
        previous = entry


@rule(
    code="VR605",
    name="toc-entry-wrong-duplicate",
    severity="warning",
    summary="A nested contents entry opens a same-named heading in another section.",
    why=(
        "When two sections both have a `Datasets` heading, `#datasets` opens the first one; a "
        "contents entry listed under the second section but linking to `#datasets` takes readers "
        "to the wrong section. It needs the suffixed anchor GitHub gave the second heading."
    ),
    bad="- [Video](#video)\n  - [Datasets](#datasets)\n- [Audio](#audio)\n  - [Datasets](#datasets)\n\n"
    "## Video\n### Datasets\n## Audio\n### Datasets\n",
    good="- [Video](#video)\n  - [Datasets](#datasets)\n- [Audio](#audio)\n  - [Datasets](#datasets-1)\n\n"
    "## Video\n### Datasets\n## Audio\n### Datasets\n",
    fix="unsafe",
)
def toc_entry_wrong_duplicate(ctx: Context) -> Iterator[Diagnostic]:
    analysis = _analysis(ctx)
    headings = ctx.document.headings
    position = {id(heading): index for index, heading in enumerate(headings)}
    for entry, parent in _parents(analysis.entries, ctx.document.blocks):
        target = analysis.heading_of(entry.fragment)
        section = analysis.heading_of(parent.fragment)
        if target is None or section is None or not _agrees(parent.link.text, section):
            continue  # a parent that links elsewhere than it says is VR602's to report
        start = position[id(section)]
        end = _section_end(headings, start)
        if start < position[id(target)] < end:
            continue
        slug = github_slug(target.text)
        inside = [h for h in headings[start + 1 : end] if github_slug(h.text) == slug]
        if len(inside) != 1:
            continue
        meant = inside[0]
        yield ctx.report(
            entry.link.dest_span or entry.link.span,
            f"'{_shown(entry.link.text.strip())}' is listed under '{_shown(section.text.strip())}' but "
            f"#{entry.fragment} opens the same-named heading on line {target.start_line}; the one in "
            f"that section (line {meant.start_line}) is #{meant.anchor}",
            fix=_fix(ctx, "unsafe", entry.link, meant.anchor),
        )
