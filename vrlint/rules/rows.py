"""VR9xx: a row read as a whole, and links that cannot work.

Numbering (one family, ``rows``, so the codes never collide with the token
rules of VR1xx-VR8xx):

* VR90x: one row, several papers (IDs that disagree inside a row, a date
  before the paper existed or long after it, malformed arXiv addresses);
* VR91x: links that cannot work as written (a host written twice, an escaped
  character in a bare URL, link text naming another site, a badge missing
  its ``[``, a destination repeated after a link, markup inside a code span,
  a redirect wrapper);
* VR92x/VR93x: column conventions and shifted cells (:mod:`vrlint.rules.columns`);
* VR94x: a row's link that belongs to another row;
* VR95x: placeholder section bodies.

Where one cause repeats in a file (VR916 and the convention rules), :func:`grouped`
reports it once with the other places and one fix for all of them.

Every rule reads the row facts of :mod:`vrlint.records.rows`, built once per
document, and stays quiet where the row or file gives no clear sign: a cell
that lists several papers on purpose is not a row with two papers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import parse_qs

from vrlint.diagnostics import Diagnostic, Fix
from vrlint.document import Heading, HtmlBlock, Link, Paragraph, Span, walk
from vrlint.lazyre import lazy_pattern
from vrlint.records.dates import is_date_cell, split_venue
from vrlint.records.rows import IdMention, RowView, arxiv_url, build_rows, cell_date, letters_key
from vrlint.records.urls import split_url
from vrlint.rules.base import Context, rule

_CACHE_KEY = "_vrlint_row_views"


def row_views(ctx: Context) -> list[RowView]:
    """The row facts of ``ctx.document``, built once for all VR9xx rules."""
    cached = ctx.__dict__.get(_CACHE_KEY)
    if isinstance(cached, tuple) and cached[0] is ctx.document:
        views: list[RowView] = cached[1]
        return views
    made = build_rows(ctx.document, ctx.tables)
    ctx.__dict__[_CACHE_KEY] = (ctx.document, made)
    return made


def _clip(text: str | None, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: more places than this with one cause in one file are reported once, with one fix for all
GROUP_ABOVE = 3


def grouped(ctx: Context, found: list[tuple[Span, str, Fix | None]], what: str) -> Iterator[Diagnostic]:
    """One finding per place, or, past :data:`GROUP_ABOVE` places with one
    cause, one finding at the first place that counts the others (their lines
    in the message) and carries one fix for all of them."""
    if len(found) <= GROUP_ABOVE:
        for span, message, fix in found:
            yield ctx.report(span, message, fix=fix)
        return
    span, message, _ = found[0]
    lines = sorted({other.line for other, _, _ in found[1:]})
    shown = ", ".join(str(line) for line in lines[:10]) + (", ..." if len(lines) > 10 else "")
    message += f" (the same {what} in {len(found) - 1} more places of this file, lines {shown})"
    fixes = [fix for _, _, fix in found]
    fix = None
    if all(f is not None for f in fixes):
        unsafe = any(f is not None and f.applicability == "unsafe" for f in fixes)
        edits = tuple(edit for f in fixes if f is not None for edit in f.edits)
        first = fixes[0].message if fixes[0] is not None else "fix"
        fix = Fix("unsafe" if unsafe else "safe", f"{first} ({len(found)} places)", edits)
    yield ctx.report(span, message, fix=fix)


def _where(view: RowView, mention: IdMention) -> str:
    header = view.record.headers[mention.cell] if mention.cell < len(view.record.headers) else ""
    if mention.source == "badge":
        what = "the arXiv badge"
    else:
        what = f"the link {_clip(mention.text, 50)!r}" if mention.text else "a link"
    return f"{what} in column {header!r}" if header else what


def _is_list_row(view: RowView) -> bool:
    """A cell that links two or more papers under their own names lists
    papers on purpose (``Representative papers``, ``[1.0 Report] / [1.5 Report]``)."""
    per_cell: dict[int, set[str]] = defaultdict(set)
    for mention in view.ids:
        if mention.source == "link":
            per_cell[mention.cell].add(mention.aid.id)
    return any(len(ids) > 1 for ids in per_cell.values()) or len(view.distinct_ids) > 2


_GENERIC = lazy_pattern(
    r"^\W*(?:paper|papers|pdf|arxiv|abs|abstract|link|here|preprint|page|project|website|\d+)\W*$", re.IGNORECASE
)


def _named(mention: IdMention) -> bool:
    """A link whose text names a paper (not ``[Paper]``, ``[PDF]``, an emoji or a badge)."""
    return (
        mention.source == "link"
        and bool(mention.text)
        and not _GENERIC.match(mention.text)
        and any(ch.isalpha() for ch in mention.text)
    )


def _owners(views: list[RowView]) -> dict[str, RowView]:
    """Each arXiv ID that is the only ID of exactly one row: that row."""
    owners: dict[str, RowView] = {}
    shared: set[str] = set()
    for view in views:
        ids = view.distinct_ids
        if len(ids) == 1:
            if ids[0] in owners and owners[ids[0]].entry.title != view.entry.title:
                shared.add(ids[0])
            owners.setdefault(ids[0], view)
    return {aid: view for aid, view in owners.items() if aid not in shared}


# -- VR901: one row, two papers ------------------------------------------------------


@rule(
    code="VR901",
    name="row-names-two-papers",
    severity="error",
    summary="One row names two different arXiv IDs (its title link, its badge, its paper link).",
    why=(
        "A row describes one paper, so its title link, its arXiv badge and its paper link all name "
        "the same ID. Two IDs in one row mean a part was copied from another row and not updated: "
        "one of the links opens the wrong paper. (A cell that lists several papers under their own "
        "names is left alone.)"
    ),
    bad=(
        "| Title | Paper |\n|---|---|\n"
        "| [OMCAT: Omni Context Aware Transformer](https://arxiv.org/abs/2410.12109) "
        "| [![arXiv](https://img.shields.io/badge/arXiv-2304.08345-b31b1b.svg)](https://arxiv.org/abs/2304.08345) |\n"
    ),
    good=(
        "| Title | Paper |\n|---|---|\n"
        "| [OMCAT: Omni Context Aware Transformer](https://arxiv.org/abs/2410.12109) "
        "| [![arXiv](https://img.shields.io/badge/arXiv-2410.12109-b31b1b.svg)](https://arxiv.org/abs/2410.12109) |\n"
    ),
)
def row_names_two_papers(ctx: Context) -> Iterator[Diagnostic]:
    views = row_views(ctx)
    owners = _owners(views)
    for view in views:
        ids = view.distinct_ids
        if len(ids) != 2 or _is_list_row(view):
            continue
        first = next(m for m in view.ids if m.aid.id == ids[0])
        second = next(m for m in view.ids if m.aid.id == ids[1])
        if _named(first) and _named(second) and first.text != second.text:
            continue  # two papers, each linked under its own name (GeoQA | Sekai)
        message = (
            f"this row names two papers: {first.aid.id} ({_where(view, first)}) and "
            f"{second.aid.id} ({_where(view, second)})"
        )
        notes = [
            f'{m.aid.id} is the paper of "{_clip(owner.entry.title, 50)}" on line {owner.row.line}'
            for m in (first, second)
            if (owner := owners.get(m.aid.id)) is not None and owner is not view
        ]
        if notes:
            message += "; " + "; ".join(notes)
        message += "; give every link of the row the ID of its paper"
        yield ctx.report(second.link.span, message)


# -- VR902: a date before the paper existed ------------------------------------------------


def _month_gap(view: RowView) -> int | None:
    """Months from the row's arXiv ID to its date (negative: dated before the ID), for a row with
    one new-style ID and a dated time cell with a month; else None."""
    if len(view.distinct_ids) != 1 or view.ids[0].aid.scheme != "new":
        return None
    aid = view.ids[0].aid
    for cell in view.row.cells[: len(view.record.roles)]:
        if view.record.roles[cell.index] == "time" and is_date_cell(cell.text.strip()):
            dated = cell_date(cell.text.strip())
            if dated is not None and dated.month is not None:
                return (dated.year * 12 + dated.month) - (aid.year * 12 + aid.month)
    return None


#: a table dates rows by publication when this share of its dated rows (and at least two) run
#: two months or more after their arXiv ID: such a table may date a paper before its posting
_PUBLICATION_DATED_SHARE = 0.2


def _publication_dated_tables(views: list[RowView]) -> set[int]:
    """Tables (by ``id`` of their record) whose date column dates papers by their publication,
    not their arXiv month: a journal issue can come before a late arXiv posting there."""
    gaps: dict[int, list[int]] = defaultdict(list)
    for view in views:
        gap = _month_gap(view)
        if gap is not None:
            gaps[id(view.record)].append(gap)
    found = set()
    for table, months in gaps.items():
        late = sum(1 for gap in months if gap >= 2)
        if late >= 2 and late >= _PUBLICATION_DATED_SHARE * len(months):
            found.add(table)
    return found


#: months an ID may be later than the row's date (announced the next month; lists that date a
#: paper by its first release, a blog or an OpenReview submission, run a month or two ahead)
_DATE_SLACK_MONTHS = 3
#: months an ID may be later than the end of its venue's year (camera-ready posted late)
_VENUE_SLACK_MONTHS = 6


@rule(
    code="VR902",
    name="date-before-arxiv-id",
    severity="warning",
    summary="A row's date (or its venue's year) is months earlier than its arXiv ID was issued.",
    why=(
        "An arXiv ID encodes the year and month the paper was first submitted (2503.01785 is March "
        "2025). A row dated before that month, or at a venue of an earlier year, has the date or the "
        "ID of another paper: usually the row was copied from its neighbour."
    ),
    bad="| Date | Paper |\n|---|---|\n| 2024-11 | [Visual-RFT](https://arxiv.org/abs/2503.01785) |\n",
    good="| Date | Paper |\n|---|---|\n| 2025-03 | [Visual-RFT](https://arxiv.org/abs/2503.01785) |\n",
)
def date_before_arxiv_id(ctx: Context) -> Iterator[Diagnostic]:
    views = row_views(ctx)
    publication_dated = _publication_dated_tables(views)
    for view in views:
        ids = view.distinct_ids
        if len(ids) != 1:
            continue
        aid = view.ids[0].aid
        if aid.scheme != "new":
            continue
        for cell in view.row.cells[: len(view.record.roles)]:
            role = view.record.roles[cell.index]
            text = cell.text.strip()
            if role == "time" and is_date_cell(text) and id(view.record) not in publication_dated:
                dated = cell_date(text)
                if dated is None:
                    continue
                # arXiv numbers a paper by the month it is announced, so a paper submitted on the
                # last days of a month carries the next month's ID: one month early is normal
                issued = aid.year * 12 + aid.month - 1
                if dated.month is not None:
                    early = issued - (dated.year * 12 + dated.month - 1) >= _DATE_SLACK_MONTHS
                else:
                    early = issued - (dated.year * 12 + 11) >= _DATE_SLACK_MONTHS
                shown = f"{dated.year}-{dated.month:02d}" if dated.month else str(dated.year)
                what = "dated"
            elif role == "venue":
                name, year = split_venue(text)
                if year is None or name is None:
                    continue
                # a venue's paper may reach arXiv after the conference: only half a year past its
                # year's end is a contradiction
                early = aid.year * 12 + aid.month - 1 - (year * 12 + 11) >= _VENUE_SLACK_MONTHS
                shown = f"{name} {year}"
                what = "at"
            else:
                continue
            if early:
                yield ctx.report(
                    cell.span,
                    f"this row is {what} {shown}, before its arXiv ID {aid.id} was issued "
                    f"({aid.year}-{aid.month:02d}); the date or the ID belongs to another paper: "
                    "correct the one that is wrong",
                )
                break  # one finding per row, at its first contradicting cell


#: months a row's date may run after its arXiv ID before VR904 asks (journal versions take long)
_LATE_MONTHS = 12


@rule(
    code="VR904",
    name="date-long-after-arxiv-id",
    severity="warning",
    summary="A row's date is more than a year after its arXiv ID, and no venue explains it (opt-in).",
    why=(
        "Most lists date a paper by its first arXiv version. A date more than a year later is often "
        "the date of another row or a typo (2025 for 2023); when the file dates papers by their "
        "publication instead, this rule says so on every row, which is why it is off by default."
    ),
    bad="| Date | Paper |\n|---|---|\n| 2025-06 | [Visual CoT](https://arxiv.org/abs/2403.16999) |\n",
    good="| Date | Paper |\n|---|---|\n| 2024-03 | [Visual CoT](https://arxiv.org/abs/2403.16999) |\n",
    default=False,
)
def date_long_after_arxiv_id(ctx: Context) -> Iterator[Diagnostic]:
    for view in row_views(ctx):
        if len(view.distinct_ids) != 1 or view.ids[0].aid.scheme != "new":
            continue
        aid = view.ids[0].aid
        roles = view.record.roles
        cells = view.row.cells[: len(roles)]
        if any(roles[c.index] == "venue" and split_venue(c.text.strip())[1] is not None for c in cells):
            continue  # a venue with a year explains a later date
        for cell in cells:
            text = cell.text.strip()
            if roles[cell.index] != "time" or not is_date_cell(text):
                continue
            dated = cell_date(text)
            if dated is None:
                continue
            late = dated.year * 12 + (dated.month or 1) - 1 - (aid.year * 12 + aid.month - 1)
            if late > _LATE_MONTHS:
                yield ctx.report(
                    cell.span,
                    f"this row is dated {text}, {late} months after its arXiv ID {aid.id} was issued "
                    f"({aid.year}-{aid.month:02d}) and no venue explains it; check the date",
                )
            break


# -- VR903: malformed arXiv address ------------------------------------------------------

_ARXIV_PATH = lazy_pattern(r"^/(abs|pdf|html)/+(.*)$")
_EMBEDDED_ID = lazy_pattern(r"(?<![\d.])(\d{4}\.\d{4,5})(v\d+)?(?![\d])")
_ID_LIKE = lazy_pattern(r"\d{4}\.\d+")


@rule(
    code="VR903",
    name="malformed-arxiv-link",
    severity="error",
    summary=(
        "An arxiv.org link or arXiv badge whose ID is damaged (`abs//2511.14446`, `abs/2401.123456`, "
        "`arXiv-/2511.14446`)."
    ),
    why=(
        "arxiv.org answers 404 for `abs//ID`, `abs/arXiv-/ID` or an ID with the wrong number of "
        "digits: the link looks right in the table but does not open the paper."
    ),
    bad="[Paper](https://arxiv.org/abs//2511.14446)\n",
    good="[Paper](https://arxiv.org/abs/2511.14446)\n",
    fix="safe",
)
def malformed_arxiv_link(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for link in document.links:
        url = link.url.strip()
        if "arxiv.org" not in url.lower() or arxiv_url(url) is not None:
            continue
        split = split_url(url)
        if split is None:
            continue
        parts, host = split
        if host not in ("arxiv.org", "www.arxiv.org") or parts.scheme.lower() not in ("http", "https"):
            continue
        m = _ARXIV_PATH.match(parts.path)
        if m is None or not _ID_LIKE.search(m.group(2)):
            continue
        form, rest = m.group(1), m.group(2)
        found = _EMBEDDED_ID.findall(rest)
        fix = None
        if len(found) == 1 and link.dest_span is not None:
            ident = "".join(found[0])
            fixed = f"{parts.scheme}://{parts.netloc}/{form}/{ident}"
            written = document.text[link.dest_span.start : link.dest_span.end]
            if written.strip() == url and arxiv_url(fixed) is not None:
                fix = ctx.fix("safe", f"link {fixed}", [ctx.edit(link.dest_span, fixed)])
            message = f"the arXiv link {url!r} has a damaged path; arxiv.org opens nothing there: link {fixed}"
        else:
            message = f"the arXiv link {url!r} holds no well-formed arXiv ID (YYMM.NNNNN); correct the ID"
        yield ctx.report(link.dest_span or link.span, message, fix=fix)
    yield from _damaged_arxiv_badges(ctx)


_BADGE_SLASH = lazy_pattern(r"(/badge/arxiv-)/+(?=\d{4}\.\d{4,5})", re.IGNORECASE)


def _damaged_arxiv_badges(ctx: Context) -> Iterator[Diagnostic]:
    """arXiv badges whose ID starts with a stray ``/`` (``arXiv-/2511.14446``):
    the badge shows ``/2511.14446``, the same slip as ``abs//ID`` beside it."""
    document = ctx.document
    for link in document.links:
        if link.kind != "image" or link.dest_span is None:
            continue
        written = document.text[link.dest_span.start : link.dest_span.end]
        m = _BADGE_SLASH.search(written)
        if m is None or "img.shields.io" not in written.lower():
            continue
        fixed = written[: m.end(1)] + written[m.end() :]
        yield ctx.report(
            link.dest_span,
            "this arXiv badge shows its ID with a stray '/' ('/" + written[m.end() :].split("-", 1)[0] + "'); "
            "remove the slash",
            fix=ctx.fix("safe", "remove the slash", [ctx.edit(link.dest_span, fixed)]),
        )


# -- VR911: a host written twice ------------------------------------------------------------

_DOUBLED = lazy_pattern(r"^(https?://[^/\s]+/+)(https?:/+[^/\s]+/.*)$", re.IGNORECASE)


@rule(
    code="VR911",
    name="url-host-written-twice",
    severity="error",
    summary="A URL holds a second full URL after its host: `https://github.com/https://github.com/OWNER/REPO`.",
    why=(
        "A full address pasted after a prefix that already names the host gives a path no server "
        "knows, so the link answers 404. The inner address is the one meant."
    ),
    bad="[Code](https://github.com/https://github.com/openai/CLIP)\n",
    good="[Code](https://github.com/openai/CLIP)\n",
    fix="safe",
)
def url_host_written_twice(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for link in document.links:
        m = _DOUBLED.match(link.url.strip())
        if m is None:
            continue
        inner = re.sub(r"^(https?:)/+", r"\1//", m.group(2))
        fix = None
        if link.dest_span is not None and document.text[link.dest_span.start : link.dest_span.end] == link.url:
            fix = ctx.fix("safe", f"keep {inner}", [ctx.edit(link.dest_span, inner)])
        yield ctx.report(
            link.dest_span or link.span,
            f"this URL holds a second address after its host; the link answers 404: link {inner}",
            fix=fix,
        )


# -- VR912: escaped character in a bare URL ------------------------------------------------

_ESCAPE_IN_URL = lazy_pattern(r"\\([!-/:-@\[-`{-~])")


@rule(
    code="VR912",
    name="escaped-character-in-bare-url",
    severity="error",
    summary="A bare URL contains a backslash escape (`\\_`, `\\#`); GitHub keeps the backslash in the link.",
    why=(
        "Backslash escapes work inside `[text](url)`, but a bare URL is linked as written: "
        "`https://doi.org/10.1007/978-3-031-72661-3\\_8` opens `...3%5C_8`, which does not exist."
    ),
    bad="See https://doi.org/10.1007/978-3-031-72661-3\\_8 for details.\n",
    good="See https://doi.org/10.1007/978-3-031-72661-3_8 for details.\n",
    fix="safe",
)
def escaped_character_in_bare_url(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for link in document.links:
        if link.kind != "autolink":
            continue
        written = document.text[link.span.start : link.span.end]
        if not _ESCAPE_IN_URL.search(written):
            continue
        fixed = _ESCAPE_IN_URL.sub(r"\1", written)
        yield ctx.report(
            link.span,
            f"GitHub links this bare URL with its backslash ({_clip(written, 70)!r}); remove the backslash",
            fix=ctx.fix("safe", "remove the backslash escapes", [ctx.edit(link.span, fixed)]),
        )


# -- VR913: link text names another site -----------------------------------------------------

#: words in a link's text that name a site, and the hosts that site serves
_SITE_WORDS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (lazy_pattern(r"\bgit ?hub\b", re.IGNORECASE), "GitHub", ("github.com", "github.io", "githubusercontent.com")),
    (
        lazy_pattern(r"hugging ?face|🤗|\bhf\b", re.IGNORECASE),
        "Hugging Face",
        ("huggingface.co", "hf.co", "hf.space"),
    ),
    (lazy_pattern(r"\barxiv\b", re.IGNORECASE), "arXiv", ("arxiv.org",)),
    (lazy_pattern(r"\bmodel ?scope\b", re.IGNORECASE), "ModelScope", ("modelscope.cn", "modelscope.ai")),
)
#: the hosts compared (a link to another host may be a mirror or a project page)
_SITE_HOSTS = ("github.com", "huggingface.co", "hf.co", "arxiv.org", "modelscope.cn")
#: what may stand next to a site's name in a link text: kinds of links, separators, emoji
_KIND_WORDS = lazy_pattern(
    r"(?:[\W_]|code|model|models|weights|checkpoints?|datasets?|data|page|repo|repository|demo|space|spaces|hub)*",
    re.IGNORECASE,
)
_CODE_TEXT = lazy_pattern(r"^\W*(?:code|source code|official code|repo|repository)\W*$", re.IGNORECASE)


def _host(url: str) -> str:
    split = split_url(url)
    host = split.host if split is not None else ""
    return host[4:] if host.startswith("www.") else host


def _on(host: str, hosts: tuple[str, ...]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts)


@rule(
    code="VR913",
    name="link-text-names-other-site",
    severity="warning",
    summary="A link's text names one site (GitHub, Hugging Face, arXiv) or the code, but it opens another site.",
    why=(
        "Readers click `[Hugging Face]` to reach the weights and `[Code]` to reach the repository. "
        "A text that names another site than the target was copied from a neighbouring link and "
        "not updated: either the text or the address is wrong. (VR303 checks badges.)"
    ),
    bad="[Hugging Face](https://github.com/deepseek-ai/Janus)\n",
    good="[Hugging Face](https://huggingface.co/deepseek-ai/Janus-1.3B)\n",
)
def link_text_names_other_site(ctx: Context) -> Iterator[Diagnostic]:
    for link in ctx.document.links:
        if link.kind != "link" or link.image is not None:
            continue
        text = link.text.strip()
        if not text or len(text) > 40 or "://" in text or "." in text.replace("...", ""):
            continue
        named = [(name, hosts) for pattern, name, hosts in _SITE_WORDS if pattern.search(text)]
        if not named and not _CODE_TEXT.match(text):
            continue
        host = _host(link.url)
        if not _on(host, _SITE_HOSTS):
            continue
        rest = text
        for pattern, _name, _hosts in _SITE_WORDS:
            rest = pattern.sub(" ", rest)
        if named and not _KIND_WORDS.fullmatch(rest):
            continue  # a title or a sentence that mentions a site, not a link named after one
        if len(named) == 1 and not _on(host, named[0][1]):
            yield ctx.report(
                link.span,
                f"the link text {_clip(text, 40)!r} names {named[0][0]} but the link opens {host}; "
                "correct the text or the address",
            )
        elif not named and _CODE_TEXT.match(text) and _on(host, ("arxiv.org",)):
            yield ctx.report(
                link.span,
                f"the link text {_clip(text, 40)!r} promises code but the link opens the paper on {host}; "
                "link the repository (or call the link Paper)",
            )
        elif not named and _CODE_TEXT.match(text) and "/datasets/" in link.url:
            yield ctx.report(
                link.span,
                f"the link text {_clip(text, 40)!r} promises code but the link opens a dataset on {host}; "
                "link the repository (or call the link Dataset)",
            )


# -- VR914: badge missing its opening bracket ------------------------------------------------


@rule(
    code="VR914",
    name="badge-missing-open-bracket",
    severity="error",
    summary="A linked badge lacks its opening `[`: `![arXiv](badge)](url)` shows `](url)` as text.",
    why=(
        "A badge link is `[![alt](image)](url)`. Without the first `[` the image is not linked and "
        "the rest, `](url)`, is printed next to it as literal text."
    ),
    bad="![arXiv](https://img.shields.io/badge/arXiv-2410.12109-b31b1b.svg)](https://arxiv.org/abs/2410.12109)\n",
    good="[![arXiv](https://img.shields.io/badge/arXiv-2410.12109-b31b1b.svg)](https://arxiv.org/abs/2410.12109)\n",
    fix="safe",
)
def badge_missing_open_bracket(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    text = document.text
    linked_images = {link.image.span.start for link in document.links if link.image is not None}
    for link in document.links:
        if link.kind != "image" or link.span.start in linked_images:
            continue
        after = text[link.span.end : link.span.end + 2]
        if after != "](":
            continue
        close = text.find(")", link.span.end + 2)
        if close < 0 or "\n" in text[link.span.end : close]:
            continue
        start = link.span.start
        yield ctx.report(
            link.span,
            "this badge is followed by `](...)` but has no opening `[`, so GitHub shows `](...)` as text; "
            "add `[` before the badge",
            fix=ctx.fix("safe", "add the opening [", [ctx.edit(ctx.span(start, start), "[")]),
        )


# -- VR915: destination repeated after a link --------------------------------------------


@rule(
    code="VR915",
    name="destination-repeated-after-link",
    severity="error",
    summary="A link is followed by its destination again, `[Code](url)(url))`, shown as literal text.",
    why=(
        "A second `(url)` after a finished link is not part of it: GitHub prints the parentheses and "
        "the address next to the link text, usually with a stray `)`."
    ),
    bad="[Code](https://github.com/openai/CLIP)(https://github.com/openai/CLIP))\n",
    good="[Code](https://github.com/openai/CLIP)\n",
    fix="safe",
)
def destination_repeated_after_link(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    text = document.text
    for link in document.links:
        if link.kind != "link" or link.dest_span is None:
            continue
        end = link.span.end
        url = link.url.strip()
        if not url or not text.startswith("(", end):
            continue
        candidate = text[end + 1 : end + 1 + len(url)]
        if candidate != url or not text.startswith(")", end + 1 + len(url)):
            continue
        stop = end + 2 + len(url)
        if text.startswith(")", stop):
            stop += 1
        yield ctx.report(
            ctx.span(end, stop),
            "the link's address is repeated after it in parentheses and GitHub shows it as text; remove the copy",
            fix=ctx.fix("safe", "remove the repeated address", [ctx.edit(ctx.span(end, stop), "")]),
        )


# -- VR916: markup inside a code span ---------------------------------------------------

_MARKUP = lazy_pattern(r"<br\s*/?>|<a\s+href|\]\(https?://", re.IGNORECASE)


@rule(
    code="VR916",
    name="markup-in-code-span",
    severity="warning",
    summary="A table cell's code span holds HTML (`<br>`, `<a href>`) or a Markdown link, shown as literal text.",
    why=(
        "Inside backticks nothing is interpreted: `` `<br>` `` prints `<br>` and "
        "`` `[Code](https://...)` `` prints the brackets instead of a link. In a table of papers that "
        "is a slip, not an example."
    ),
    bad="| Title | Code |\n|---|---|\n| VAST | `[Code](https://github.com/TXH-mercury/VAST)` |\n",
    good="| Title | Code |\n|---|---|\n| VAST | [Code](https://github.com/TXH-mercury/VAST) |\n",
    fix="unsafe",
)
def markup_in_code_span(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    found: list[tuple[Span, str, Fix | None]] = []
    for view in row_views(ctx):
        for cell in view.row.cells:
            for node in walk(cell.inlines):
                if node.kind != "code" or node.span is None or not _MARKUP.search(node.text):
                    continue
                written = document.text[node.span.start : node.span.end]
                fix = None
                if written == f"`{node.text}`" and "`" not in node.text:
                    fix = ctx.fix("unsafe", "remove the backticks", [ctx.edit(node.span, node.text)])
                found.append(
                    (
                        node.span,
                        f"this code span shows {_clip(node.text, 40)!r} literally; remove the backticks "
                        "so GitHub renders the markup",
                        fix,
                    )
                )
    yield from grouped(ctx, found, "code span")


# -- VR917: a link through a redirect wrapper ------------------------------------------------

#: (host, path, query key) of sites that wrap outgoing links in a redirect page
_REDIRECTORS = (
    ("link.zhihu.com", "/", "target"),
    ("www.google.com", "/url", "q"),
    ("www.google.com", "/url", "url"),
    ("l.facebook.com", "/l.php", "u"),
    ("out.reddit.com", "/", "url"),
)


def _unwrapped(url: str) -> str | None:
    if not any(wrapper in url for wrapper, _path, _key in _REDIRECTORS):
        return None
    split = split_url(url)
    if split is None:
        return None
    parts, host = split
    query = parse_qs(parts.query)
    for wrapper, path, key in _REDIRECTORS:
        if host == wrapper and (parts.path or "/") == path and key in query:
            target = query[key][0]
            if re.match(r"^https?:/{1,2}[^/\s]", target):
                return re.sub(r"^(https?:)/+", r"\1//", target)
    return None


@rule(
    code="VR917",
    name="redirect-wrapped-link",
    severity="warning",
    summary="A link goes through another site's redirect page (`link.zhihu.com/?target=...`).",
    why=(
        "A link copied from Zhihu, Google results or Facebook keeps their redirect wrapper: it "
        "works only while that site keeps redirecting, may show an interstitial warning, and hides "
        "the real address from readers and link checkers. Link the target itself."
    ),
    bad="[Paper](https://link.zhihu.com/?target=https%3A//arxiv.org/pdf/2503.07536)\n",
    good="[Paper](https://arxiv.org/pdf/2503.07536)\n",
    fix="safe",
)
def redirect_wrapped_link(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for link in document.links:
        if link.kind == "image":
            continue
        target = _unwrapped(link.url)
        if target is None:
            continue
        fix = None
        if link.dest_span is not None and document.text[link.dest_span.start : link.dest_span.end] == link.url:
            fix = ctx.fix("safe", f"link {target}", [ctx.edit(link.dest_span, target)])
        yield ctx.report(
            link.dest_span or link.span,
            f"this link goes through a redirect page; link its target {target} directly",
            fix=fix,
        )


# -- VR941: another row's repository ---------------------------------------------------------

#: a repository linked by more rows than this is a shared one (a collection, a toolkit)
_SHARED_REPO_ROWS = 2


@rule(
    code="VR941",
    name="code-of-other-row",
    severity="warning",
    summary="A row's code repository is also the code of another paper in the same file.",
    default=False,
    why=(
        "Two different papers rarely share one repository; when exactly two rows with different "
        "arXiv IDs and titles link the same repository, one was copied from the other. A repository "
        "that many rows link (an organisation's collection, a toolkit, the list's own repository) "
        "is shared on purpose and left alone, as are links into subfolders of a monorepo, versions "
        "of one project (Janus, Janus-Pro) and repositories neither title names. Off by default: "
        "on the corpus most remaining pairs are a follow-up paper kept in its predecessor's repository."
    ),
    bad=(
        "| Title | Paper | Code |\n|---|---|---|\n"
        "| OMCAT: Omni Context Aware Transformer | [arXiv](https://arxiv.org/abs/2410.12109) "
        "| [Code](https://github.com/om-cat/omcat) |\n"
        "| VALOR: Vision-Audio-Language Omni-Perception | [arXiv](https://arxiv.org/abs/2304.08345) "
        "| [Code](https://github.com/om-cat/omcat) |\n"
    ),
    good=(
        "| Title | Paper | Code |\n|---|---|---|\n"
        "| OMCAT: Omni Context Aware Transformer | [arXiv](https://arxiv.org/abs/2410.12109) "
        "| [Code](https://github.com/om-cat/omcat) |\n"
        "| VALOR: Vision-Audio-Language Omni-Perception | [arXiv](https://arxiv.org/abs/2304.08345) "
        "| [Code](https://github.com/TXH-mercury/VALOR) |\n"
    ),
)
def code_of_other_row(ctx: Context) -> Iterator[Diagnostic]:
    by_repo: dict[tuple[str, str], list[tuple[RowView, Span]]] = defaultdict(list)
    views = row_views(ctx)
    for view in views:
        for repo in view.entry.code:
            if _subpath(repo.url):
                continue
            key = (repo.owner.lower(), repo.name.lower())
            link = _link_at(view, repo.position.line, repo.position.column)
            if link is not None:
                by_repo[key].append((view, link.span))
    for (owner, name), uses in by_repo.items():
        papers = {_paper_key(view) for view, _ in uses}
        if len(papers) != 2 or None in papers:
            continue
        if len({view.row.line for view, _ in uses}) > _SHARED_REPO_ROWS:
            continue
        first, second = uses[0], uses[-1]
        named = [letters_key(name) in letters_key(view.entry.title) for view, _ in (first, second)]
        if named.count(True) != 1 or _family(first[0].entry.title) == _family(second[0].entry.title):
            continue  # versions of one project (Janus, Janus-Pro) or a repository neither title names
        if not named[0]:
            first, second = second, first  # report the row whose title does not name the repository
        yield ctx.report(
            second[1],
            f"{owner}/{name} is also the code of "
            f'"{_clip(first[0].entry.title, 50)}" on line {first[0].row.line}; '
            f'check which paper it belongs to and link the right repository for "{_clip(second[0].entry.title, 50)}"',
        )


def _family(title: str | None) -> str:
    """The project name a title starts with, without version digits (``MobileVLM V2`` -> ``mobilevlm``)."""
    head = re.split(r"[:\s]", (title or "").strip(), maxsplit=1)[0]
    return re.sub(r"[^a-z]", "", head.lower())


def _subpath(url: str) -> bool:
    split = split_url(url)
    if split is None:
        return True
    path = split.parts.path
    return len([p for p in path.split("/") if p]) > 2


def _paper_key(view: RowView) -> str | None:
    ids = view.distinct_ids
    return ids[0] if len(ids) == 1 else None


def _link_at(view: RowView, line: int, column: int) -> Link | None:
    for link in view.links:
        if link.span.line == line and link.span.column == column:
            return link
    return None


# -- VR951: a section whose body is a placeholder ----------------------------------------

_PLACEHOLDER_BODY = lazy_pattern(
    r"^[\s>*_\-(\[]*(?:tbd|tba|todo|to ?do|coming soon|stay tuned|to be (?:updated|added|continued|released|announced)"
    r"|under construction|work in progress|wip|updating|待更新|待补充|敬请期待|施工中)[\s.!…)\]*_~]*$",
    re.IGNORECASE,
)


@rule(
    code="VR951",
    name="placeholder-section",
    severity="warning",
    summary="A section's whole body is a placeholder (`TBD`, `Coming soon`, `TODO`).",
    why=(
        "A heading followed only by `TBD` promises content the list does not have; readers following "
        "the table of contents land on nothing. Fill the section or remove it until it has entries."
    ),
    bad="## Datasets\n\nComing soon...\n\n## Benchmarks\n\n- OmniBench\n",
    good="## Datasets\n\n- VALOR-1M\n\n## Benchmarks\n\n- OmniBench\n",
)
def placeholder_section(ctx: Context) -> Iterator[Diagnostic]:
    blocks = ctx.document.blocks
    for index, block in enumerate(blocks):
        if not isinstance(block, Heading):
            continue
        body = []
        for following in blocks[index + 1 :]:
            if isinstance(following, Heading):
                break
            if isinstance(following, HtmlBlock) and following.comment:
                continue
            body.append(following)
        if len(body) != 1 or not isinstance(body[0], Paragraph):
            continue
        text = "".join(node.plain_text() for node in body[0].inlines).strip()
        if text and _PLACEHOLDER_BODY.match(text):
            yield ctx.report(
                block.span or ctx.span(0, 0),
                f"section {block.text.strip()!r} holds only {_clip(text, 30)!r}; add its entries or remove the heading",
            )
