"""VR3xx: badge images and the links they sit on.

A static shields.io badge is a tiny program in its URL path:
``/badge/<label>-<message>-<colour>`` where a single ``-`` separates the
parts, ``--`` is a literal dash, ``__`` an underscore and ``_`` a space.
Get it wrong (``/badge/NeurIPS-2025.svg``: two parts, so ``2025`` is read as
the colour) and the server still answers, with a grey badge that silently
drops part of the text.  These rules check the path (VR301), the colours
(VR302), whether a badge says where it goes (VR303, VR304), that it goes
somewhere (VR305) and that badge positions hold badges (VR306).

What a badge "says": its visible text (label and message, or the message
alone), its logo and, for dynamic badges, the service path
(``/github/stars/...``); the alt text is a second, invisible statement that
screen readers announce.  Both are read after undoing mojibake, so a
damaged ``ü§ó`` still counts as 🤗.  A badge is only held against a link
whose destination is well formed: damaged URLs are the links family's.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple
from urllib.parse import unquote

from vrlint.conventions import DEFAULT_MIN_COUNT
from vrlint.diagnostics import Diagnostic, Fix
from vrlint.document import Document, Link, Span
from vrlint.lazyre import lazy_pattern
from vrlint.records.arxiv import find_arxiv_ids
from vrlint.records.shields import (
    CSS_NAMED_COLORS,
    SHIELDS_NAMED_COLORS,
    Badge,
    decode_part,
    is_badge_service,
    is_valid_color,
    parse_badge_url,
)
from vrlint.records.urls import classify_url, split_host
from vrlint.rules.arxiv import written_url
from vrlint.rules.base import Context, rule
from vrlint.text.mojibake import repair

__all__ = ["BadgeImage", "badge_images", "claims", "link_platform"]

# -- reading badges ---------------------------------------------------------------------


class BadgeImage(NamedTuple):
    """One image of the document: Markdown ``![alt](src)`` or HTML ``src``,
    with the link it is the whole label of, if any."""

    image: Link
    parent: Link | None
    badge: Badge | None

    @property
    def alt(self) -> str:
        return repair(self.image.text) if self.image.kind == "image" else ""


def badge_images(document: Document) -> list[BadgeImage]:
    """Every image of ``document`` (code and comments excluded), in order."""
    parents: dict[int, Link] = {}
    for link in document.links:
        if link.image is not None:
            parents[id(link.image)] = link
    out: list[BadgeImage] = []
    for link in document.links:
        if link.kind == "image" or (link.kind == "html" and link.attribute == "src"):
            out.append(BadgeImage(link, parents.get(id(link)), parse_badge_url(link.url)))
    return out


_CACHE_KEY = "_vrlint_badge_images"


def _images(ctx: Context) -> list[BadgeImage]:
    cached = ctx.__dict__.get(_CACHE_KEY)
    if isinstance(cached, tuple) and cached[0] is ctx.document:
        images: list[BadgeImage] = cached[1]
        return images
    made = badge_images(ctx.document)
    ctx.__dict__[_CACHE_KEY] = (ctx.document, made)
    return made


# -- the static path ------------------------------------------------------------------

_EXTENSIONS = (".svg", ".png", ".json", ".gif", ".jpg")
_YEAR = lazy_pattern(r"(?:19|20)[0-9]{2}(?![0-9])")
_HEX_DIGITS = lazy_pattern(r"#?[0-9a-fA-F]{1,12}")
_COLOR_NAMES = sorted(SHIELDS_NAMED_COLORS | CSS_NAMED_COLORS)


class _Part(NamedTuple):
    """One ``-``-separated part of a static badge path: its raw (still
    encoded) text, its decoded text and its offsets in the image URL."""

    raw: str
    text: str
    start: int
    end: int


def _static_parts(url: str) -> list[_Part] | None:
    """The parts of a shields ``/badge/<content>`` path; None for other URLs."""
    badge = parse_badge_url(url)
    if badge is None or badge.service != "shields.io" or badge.kind != "static":
        return None
    if not badge.path.startswith("/badge/"):
        return None
    path_at = url.find(badge.path)
    if path_at < 0:
        return None
    start = path_at + len("/badge/")
    content = url[start : path_at + len(badge.path)]
    low = content.lower()
    for extension in _EXTENSIONS:
        if low.endswith(extension):
            content = content[: -len(extension)]
            break
    parts: list[_Part] = []
    begin = i = 0
    while i < len(content):
        if content[i] == "-":
            if i + 1 < len(content) and content[i + 1] == "-":
                i += 2
                continue
            parts.append(_part(content, begin, i, start))
            begin = i + 1
        i += 1
    parts.append(_part(content, begin, len(content), start))
    return parts


def _part(content: str, begin: int, end: int, offset: int) -> _Part:
    raw = content[begin:end]
    return _Part(raw, decode_part(raw), offset + begin, offset + end)


def _looks_like_colour(text: str) -> bool:
    """A colour with a typo (``bleu``, ``9C276``), as opposed to a word or year
    that landed in the colour slot."""
    return bool(_HEX_DIGITS.fullmatch(text)) or _close_colour(text) is not None


def _close_colour(text: str) -> str | None:
    low = text.lower()
    if not low.isalpha() or not 3 <= len(low) <= 30:
        return None
    import difflib  # only for a colour name vrlint does not know: not at start-up

    close = difflib.get_close_matches(low, _COLOR_NAMES, n=3, cutoff=0.8)
    # typos keep the first letter: "bleu" is blue, "Oral" is a word, not coral
    return next((name for name in close if name[0] == low[0]), None)


def _url_span(document: Document, image: Link, start: int, end: int) -> Span | None:
    """Span of ``image.url[start:end]`` in the source, when the URL is written verbatim."""
    offset = written_url(document, image)
    if offset is None:
        return None
    return document.span(offset + start, offset + end)


def _where(image: BadgeImage) -> Span:
    return image.image.dest_span or image.image.span


def _file_colour(images: list[BadgeImage], label: str) -> str:
    """The colour the file's other static badges labelled ``label`` use, else blue."""
    colours: Counter[str] = Counter()
    for other in images:
        badge = other.badge
        if badge is None or badge.kind != "static" or not badge.valid or badge.color is None:
            continue
        if (badge.label or "").casefold() == label.casefold():
            colours[badge.color] += 1
    return colours.most_common(1)[0][0] if colours else "blue"


# -- VR301 -------------------------------------------------------------------------------


@rule(
    code="VR301",
    name="badge-path-invalid",
    severity="error",
    summary="A shields.io static badge path does not parse as label-message-colour.",
    why=(
        "shields.io reads `/badge/A-B` as message A with colour B, and `/badge/A-B-C` as label "
        "A, message B, colour C; a single `-` always separates. A venue year in the colour slot "
        "(`NeurIPS-2025`), an unescaped dash or a missing part makes the server render something "
        "else, usually a grey badge that drops part of the text, and nothing warns the author."
    ),
    bad="[![NeurIPS](https://img.shields.io/badge/NeurIPS-2025.svg)](https://openreview.net/forum?id=x)\n",
    good="[![NeurIPS](https://img.shields.io/badge/NeurIPS-2025-blue.svg)](https://openreview.net/forum?id=x)\n",
    fix="unsafe",
)
def badge_path_invalid(ctx: Context) -> Iterator[Diagnostic]:
    images = _images(ctx)
    document = ctx.document
    for item in images:
        url = item.image.url
        badge = item.badge
        if badge is not None and badge.service == "badgen.net" and badge.kind == "static" and not badge.valid:
            yield ctx.report(
                _where(item),
                f"badgen badge does not parse ({badge.problem}); write it as /badge/<label>/<message>/<colour>",
            )
            continue
        parts = _static_parts(url)
        if parts is None:
            continue
        shown = unquote(url[parts[0].start : parts[-1].end])
        if len(parts) == 1:
            yield ctx.report(
                _url_span(document, item.image, parts[0].start, parts[0].end) or _where(item),
                f'badge path "{shown}" has no "-" separator, so shields cannot render it; '
                f'write message-colour, e.g. "{shown}-blue"',
            )
        elif len(parts) > 3:
            yield ctx.report(
                _url_span(document, item.image, parts[0].start, parts[-1].end) or _where(item),
                f'badge path "{shown}" has {len(parts)} parts separated by "-" (at most 3: '
                'label-message-colour); write each "-" that belongs to the text as "--"',
            )
        elif not parts[-2].text:
            yield ctx.report(
                _url_span(document, item.image, parts[-2].start, parts[-2].end) or _where(item),
                f'badge path "{shown}" has an empty message, so shields cannot render it; '
                "put the text between the dashes",
            )
        else:
            yield from _colour_slot(ctx, images, item, parts, shown)


def _colour_slot(
    ctx: Context, images: list[BadgeImage], item: BadgeImage, parts: list[_Part], shown: str
) -> Iterator[Diagnostic]:
    """A word or year where the colour belongs: part of the text is lost."""
    colour = parts[-1]
    if is_valid_color(colour.text) or not colour.text:
        return
    year = _YEAR.match(colour.text) is not None
    if len(parts) == 3 and not year:
        return  # a colour with a typo: VR302
    if len(parts) == 2 and not year and _looks_like_colour(colour.text):
        return  # message-colour with a colour typo: VR302
    span = _url_span(ctx.document, item.image, colour.start, colour.end)
    if len(parts) == 2:
        label, message = parts[0].text, colour.text
        fill = _file_colour(images, label)
        suggestion = f"{parts[0].raw}-{colour.raw}-{fill}"
        message_text = (
            f'badge path "{shown}" has two parts, so shields reads "{label}" as the message and '
            f'"{message}" as its colour, which is not one: the badge shows only "{label}" in grey; '
            f'add the colour as a third part: "{suggestion}"'
        )
        fix: Fix | None = None
        if span is not None:
            fix = ctx.fix(
                "unsafe",
                f'add the colour "{fill}" as a third part (the colour {_colour_source(fill)})',
                [ctx.edit(ctx.span(span.end, span.end), f"-{fill}")],
            )
        yield ctx.report(span or _where(item), message_text, fix=fix)
        return
    yield ctx.report(
        span or _where(item),
        f'badge path "{shown}" ends in "{colour.text}", a year where the colour belongs, so the '
        f'badge drops it and turns grey; join the year to the message with "_" (a space) and end '
        f'with a colour: "{parts[0].raw}-{parts[1].raw}_{colour.raw}-blue"',
    )


def _colour_source(colour: str) -> str:
    return "the file's other badges with this label use" if colour != "blue" else "is a guess"


# -- VR302 -------------------------------------------------------------------------------

_COLOUR_PARAMETERS = ("color", "colorB", "labelColor", "colorA", "logoColor")


@rule(
    code="VR302",
    name="badge-invalid-color",
    severity="warning",
    summary="A badge colour is not one shields.io knows, so the badge falls back to grey.",
    why=(
        "shields.io accepts its named colours, CSS colour names and 3- or 6-digit hex; anything "
        "else (a typo, a 5-digit hex) is silently replaced by the default grey, so the badge "
        "no longer matches its neighbours."
    ),
    bad="![arXiv](https://img.shields.io/badge/arXiv-2410.12109-b31b1)\n",
    good="![arXiv](https://img.shields.io/badge/arXiv-2410.12109-b31b1b)\n",
    fix="unsafe",
)
def badge_invalid_color(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for item in _images(ctx):
        badge = item.badge
        if badge is None or badge.service != "shields.io":
            continue
        url = item.image.url
        query = _query_values(url)
        parts = _static_parts(url)
        if parts is not None and len(parts) in (2, 3) and "color" not in query and "colorB" not in query:
            colour = parts[-1]
            year = _YEAR.match(colour.text) is not None
            typo = len(parts) == 3 or _looks_like_colour(colour.text)
            if colour.text and not year and typo and not is_valid_color(colour.text):
                span = _url_span(document, item.image, colour.start, colour.end)
                yield _colour_report(ctx, item, colour.text, "colour", span)
        for name in _COLOUR_PARAMETERS:
            found = query.get(name)
            if found is None:
                continue
            value, start, end = found
            if value and not is_valid_color(value):
                span = _url_span(document, item.image, start, end)
                yield _colour_report(ctx, item, value, f"{name}=", span)


def _query_values(url: str) -> dict[str, tuple[str, int, int]]:
    """First value of each query parameter with its raw offsets in ``url``."""
    out: dict[str, tuple[str, int, int]] = {}
    mark = url.find("?")
    if mark < 0:
        return out
    end = url.find("#", mark)
    end = len(url) if end < 0 else end
    at = mark + 1
    while at <= end:
        stop = url.find("&", at, end)
        stop = end if stop < 0 else stop
        pair = url[at:stop]
        name, equals, value = pair.partition("=")
        if equals and name not in out:
            start = at + len(name) + 1
            out[name] = (unquote(value.replace("+", " ")), start, stop)
        at = stop + 1
    return out


def _colour_report(ctx: Context, item: BadgeImage, value: str, where: str, span: Span | None) -> Diagnostic:
    hint = ""
    close = _close_colour(value)
    digits = value.lstrip("#")
    if close is not None:
        hint = f'; did you mean "{close}"?'
    elif _HEX_DIGITS.fullmatch(value):
        hint = f" (hex colours have 3 or 6 digits, this has {len(digits)})"
    fix = None
    if close is not None and span is not None:
        fix = ctx.fix("unsafe", f'write "{close}", the nearest colour name', [ctx.edit(span, close)])
    return ctx.report(
        span or _where(item),
        f'"{value}" is not a colour shields.io knows ({where}), so the badge turns grey{hint}; '
        "use a named colour or 3/6-digit hex",
        fix=fix,
    )


# -- what a badge says, where a link goes ----------------------------------------------------

PLATFORM_NAMES: dict[str, str] = {
    "arxiv": "arXiv",
    "huggingface": "Hugging Face",
    "modelscope": "ModelScope",
    "github": "GitHub",
}
_WORDS = lazy_pattern(r"[^\W_]+")
_VENUES = lazy_pattern(
    r"\b(?:NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|EACL|COLING|AAAI|IJCAI|ACM[ -]?MM|TPAMI|"
    r"IJCV|TIP|TMM|TCSVT|WACV|BMVC|KDD|WWW|SIGIR|SIGGRAPH|Interspeech|ICASSP|3DV|RSS|CoRL|IROS|ICRA|"
    r"TMLR|JMLR|ICME|MICCAI|ACCV|TOG|COLM)\b",
    re.IGNORECASE,
)


def claims(text: str) -> set[str]:
    """Platforms a badge text names: 🤗/HF/Hugging Face, arXiv, ModelScope, GitHub.
    ``ms_xxx`` (an alt-text convention, ``ms_checkpoint``) names ModelScope."""
    text = repair(text)
    low = text.casefold()
    words = set(_WORDS.findall(low))
    found: set[str] = set()
    if "🤗" in text or "hf" in words or "huggingface" in words or "hugging face" in low:
        found.add("huggingface")
    if "arxiv" in words:
        found.add("arxiv")
    if "modelscope" in words or low.startswith("ms_"):
        found.add("modelscope")
    if "github" in words:
        found.add("github")
    return found


def _visible(badge: Badge) -> str:
    """The text a static badge shows; for a dynamic one, its service path."""
    if badge.kind == "static":
        return " ".join(part for part in (badge.label, badge.message) if part)
    if badge.kind == "dynamic":
        return " ".join(badge.path.split("/")[1:2])
    return ""


def _visible_claims(badge: Badge) -> tuple[set[str], bool]:
    """(platforms the badge shows, whether it shows a venue)."""
    text = _visible(badge)
    found = claims(text) | claims(badge.logo or "")
    return found, _VENUES.search(repair(text)) is not None


def link_platform(url: str) -> str | None:
    """``arxiv``, ``huggingface``, ``modelscope``, ``github``, ``other`` (any
    other web host) or None when the destination is not a well-formed web URL."""
    kind = classify_url(url).kind
    if kind in ("relative", "fragment", "mailto", "invalid"):
        return None
    for platform in ("arxiv", "huggingface", "modelscope", "github"):
        if kind.startswith(platform):
            return platform
    return "other" if split_host(url) is not None else None


def _names(found: set[str]) -> str:
    return " / ".join(PLATFORM_NAMES[p] for p in sorted(found))


# -- VR303 -------------------------------------------------------------------------------


@rule(
    code="VR303",
    name="badge-link-contradiction",
    severity="warning",
    summary="A badge names one site (arXiv, Hugging Face, ModelScope, GitHub) but links to another.",
    why=(
        "Readers click a 🤗 badge to get the weights and an arXiv badge to read the paper; when "
        "the badge was copied from a neighbour and only its link was changed, it promises one "
        "site and opens another (a ModelScope badge on a Hugging Face link, a 🤗 'Unreleased' "
        "badge on the GitHub repository)."
    ),
    bad="[![ms_checkpoint](https://img.shields.io/badge/ModelScope-Emu3-8A2BE2)](https://huggingface.co/BAAI/Emu3-Chat)\n",
    good="[![hf_checkpoint](https://img.shields.io/badge/🤗-Emu3-9C276A)](https://huggingface.co/BAAI/Emu3-Chat)\n",
)
def badge_link_contradiction(ctx: Context) -> Iterator[Diagnostic]:
    for item, said in contradicting_badges(ctx):
        assert item.parent is not None and item.badge is not None
        host = split_host(item.parent.url) or item.parent.url
        shown, _ = _visible_claims(item.badge)
        source = "badge" if shown else f'badge (alt text "{item.image.text}")'
        yield ctx.report(
            _where(item),
            f"{source} says {_names(said)} but links to {host}; link the {_names(said)} page, or "
            "change the badge to say where the link goes",
            cause=f"{source} {_names(said)} {host}",
        )


def contradicting_badges(ctx: Context) -> list[tuple[BadgeImage, set[str]]]:
    """Linked badges that name another site than their link opens (VR303's findings),
    with the sites they name; VR412 leaves these links to VR303. Computed once per document."""
    cached = ctx.__dict__.get(_CACHE_KEY + "_contradicting")
    if isinstance(cached, tuple) and cached[0] is ctx.document:
        known: list[tuple[BadgeImage, set[str]]] = cached[1]
        return known
    found: list[tuple[BadgeImage, set[str]]] = []
    ctx.__dict__[_CACHE_KEY + "_contradicting"] = (ctx.document, found)
    for item in _images(ctx):
        badge, parent = item.badge, item.parent
        if badge is None or parent is None or not parent.url.strip():
            continue
        platform = link_platform(parent.url)
        if platform is None:
            continue
        shown, venue = _visible_claims(badge)
        said = shown if (shown or venue) else claims(item.alt)
        if not said or platform in said:
            continue
        if "arxiv" in said and find_arxiv_ids(parent.url):
            continue  # a page about the arXiv paper (hf.co/papers/ID, alphaxiv.org/abs/ID)
        if platform == "other" and "arxiv" not in said:
            continue  # a project page or mirror: nothing to hold against the badge
        found.append((item, set(said)))
    return found


# -- VR304 -------------------------------------------------------------------------------


@rule(
    code="VR304",
    name="badge-alt-contradiction",
    severity="warning",
    summary="A badge's alt text names another site than the badge shows (`arXiv` alt on an `ACL 2024` badge).",
    why=(
        "The alt text is what screen readers announce and what shows when the image fails to "
        "load; a badge copied from a neighbour keeps the neighbour's alt text, so it announces an "
        "arXiv link where the badge shows the venue."
    ),
    bad="[![arXiv](https://img.shields.io/badge/ACL-2024-blue.svg)](https://arxiv.org/abs/2401.06071)\n",
    good="[![ACL 2024](https://img.shields.io/badge/ACL-2024-blue.svg)](https://arxiv.org/abs/2401.06071)\n",
    fix="unsafe",
)
def badge_alt_contradiction(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for item in _images(ctx):
        badge = item.badge
        if badge is None or item.image.kind != "image":
            continue
        said = claims(item.alt)
        shown, venue = _visible_claims(badge)
        if not said or not (shown or venue) or said & shown:
            continue
        visible = repair(_visible(badge)) if badge.kind == "static" else ""
        what = f'"{visible}"' if visible else _names(shown)
        span = _alt_span(document, item.image)
        fix = None
        if span is not None and visible and not any(char in visible for char in "[]\\`*_<>"):
            fix = ctx.fix("unsafe", f'set the alt text to "{visible}", what the badge shows', [ctx.edit(span, visible)])
        yield ctx.report(
            span or item.image.span,
            f'alt text "{item.image.text}" says {_names(said)} but the badge shows {what}; '
            "make the alt text describe the badge (or fix the badge if the alt text is right)",
            fix=fix,
        )


def _alt_span(document: Document, image: Link) -> Span | None:
    """The alt text of ``![alt](...)`` in the source, when written plainly."""
    source = document.text[image.span.start : image.span.end]
    if not source.startswith("![" + image.text + "]"):
        return None
    start = image.span.start + 2
    return document.span(start, start + len(image.text))


# -- VR305 -------------------------------------------------------------------------------


@rule(
    code="VR305",
    name="badge-empty-link",
    severity="error",
    summary="A badge is wrapped in a link with an empty destination: `[![...](...)]()`.",
    why=(
        "A badge looks clickable; with an empty destination clicking it just reloads the page, "
        "so the paper, venue page or checkpoint it advertises is not reachable. Templates leave "
        "`]()` behind when the URL was never filled in. A file that wraps its tag badges (venue, "
        "type, cost) in `]()` again and again (5 times or more) does it on purpose, to make them "
        "non-clickable: there only badges that promise a page (Project, Code, 🤗, arXiv) are reported."
    ),
    bad="[![CVPR](https://img.shields.io/badge/CVPR-2025-blue.svg)]()\n",
    good="[![CVPR](https://img.shields.io/badge/CVPR-2025-blue.svg)](https://openaccess.thecvf.com/CVPR2025)\n",
)
def badge_empty_link(ctx: Context) -> Iterator[Diagnostic]:
    empty = [
        link for link in ctx.document.links if link.kind == "link" and link.image is not None and not link.url.strip()
    ]
    # `]()` around tag badges (venue, type, cost) written again and again is the author's way
    # of making them non-clickable: an idiom, not a forgotten URL
    idiom = len(empty) >= DEFAULT_MIN_COUNT
    for link in empty:
        assert link.image is not None
        badge = parse_badge_url(link.image.url)
        shown = repair(_visible(badge)) if badge is not None and badge.kind == "static" else ""
        if idiom and not _names_a_destination(f"{shown} {link.image.text}"):
            continue
        name = f'"{shown}" badge' if shown else f'badge "{link.image.text}"' if link.image.text else "badge"
        yield ctx.report(
            link.span,
            f"the {name} links nowhere: its destination is empty; add the URL it stands for, or "
            "drop the link and keep the bare image",
            cause="empty badge link",
        )


#: words of a badge that promises a page to open (unlike a venue, type or cost tag)
_DESTINATION_WORDS = frozenset(
    "project page code paper papers demo dataset datasets data model models checkpoint checkpoints "
    "website homepage video slides poster blog repo repository weights leaderboard".split()
)


def _names_a_destination(text: str) -> bool:
    """Whether a badge's text or alt promises somewhere to go (Project Page, Code, 🤗, arXiv)."""
    if claims(text):
        return True
    return any(word in _DESTINATION_WORDS for word in _WORDS.findall(repair(text).casefold()))


# -- VR306 -------------------------------------------------------------------------------

#: alt-text words that only badges carry (teaser images say "paper", "demo", "project")
_BADGE_WORDS = frozenset("arxiv github hf huggingface modelscope checkpoint checkpoints ckpt".split())


def _snake_case(text: str) -> bool:
    """``hf_checkpoint``, ``project_repo``, ``github_model_zoos``: template badge names."""
    parts = text.split("_")
    return len(parts) > 1 and all(part.isascii() and part.isalnum() for part in parts)


def _badge_like_alt(alt: str) -> bool:
    low = alt.strip().casefold()
    if not low:
        return False
    if _snake_case(low) or "🤗" in alt:
        return True
    words = _WORDS.findall(low)
    return 0 < len(words) <= 3 and any(word in _BADGE_WORDS for word in words)


def _cell_badges(ctx: Context) -> list[tuple[int, int, int]]:
    """(start, end, number of badge-service images) of every table cell."""
    starts = sorted(item.image.span.start for item in _images(ctx) if item.badge is not None)
    cells: list[tuple[int, int, int]] = []
    for block in ctx.document.tables:
        for row in block.all_rows:
            for cell in row.cells:
                start, end = cell.raw_span.start, cell.raw_span.end
                count = bisect.bisect_left(starts, end) - bisect.bisect_left(starts, start)
                cells.append((start, end, count))
    return cells


@rule(
    code="VR306",
    name="badge-image-not-badge-service",
    severity="warning",
    summary="A linked image in a badge position is not served by a badge service.",
    why=(
        "Badge rows are read at a glance because every badge has the same height and style. An "
        "image from an ordinary host in their place (alt text `arXiv` or `hf_checkpoint`, or "
        "next to badges in a cell) renders at its own size, breaks the row and disappears when "
        "the host removes it; it is usually a badge URL replaced by a page or logo URL."
    ),
    bad="[![arXiv](https://example.com/arxiv-logo.png)](https://arxiv.org/abs/2410.12109)\n",
    good="[![arXiv](https://img.shields.io/badge/arXiv-2410.12109-b31b1b)](https://arxiv.org/abs/2410.12109)\n",
)
def badge_image_not_badge_service(ctx: Context) -> Iterator[Diagnostic]:
    images = _images(ctx)
    cells: list[tuple[int, int, int]] | None = None
    for item in images:
        if item.parent is None or item.image.kind != "image" or item.badge is not None:
            continue
        url = item.image.url.strip()
        host = split_host(url)
        if host is None or not url.lower().startswith(("http://", "https://")) or is_badge_service(url):
            continue
        reason = ""
        if _badge_like_alt(item.alt):
            reason = f'its alt text "{item.image.text}" marks it as a badge'
        else:
            if cells is None:
                cells = _cell_badges(ctx)
            at = item.image.span.start
            index = bisect.bisect_right(cells, (at, len(ctx.document.text) + 1, 0)) - 1
            if index >= 0 and cells[index][0] <= at < cells[index][1] and cells[index][2]:
                reason = "it stands among badges in its cell"
        if not reason:
            continue
        yield ctx.report(
            _where(item),
            f"this linked image comes from {host}, not a badge service, though {reason}; use a "
            "shields.io badge (https://img.shields.io/badge/<label>-<message>-<colour>) like the "
            "other badges",
        )
