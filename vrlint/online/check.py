"""The online rules' facts (VR25x arXiv metadata, VR45x links) and ``check_online``.

:func:`gather` asks the network what the enabled online rules need (arXiv
records, link verdicts) and returns it as :class:`Facts`; the rules, documented
in :mod:`vrlint.online.meta` and registered by :mod:`vrlint.rules.online`, read
their findings from those facts in the ordinary engine, so ``--select``,
``--ignore``, ``vrlint-disable`` comments, grouping and baselines treat them as
every rule. Without facts (no ``--online``) they find nothing.
"""

from __future__ import annotations

import html
import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from vrlint.config import Config
from vrlint.diagnostics import Diagnostic, Edit, Fix
from vrlint.document import Document, Link, Span
from vrlint.engine import lint
from vrlint.lazyre import lazy_pattern
from vrlint.online.arxiv_api import ArxivClient, ArxivRecord
from vrlint.online.cache import CACHE_DIR_NAME, Cache
from vrlint.online.links import LinkChecker, LinkResult, strip_fragment
from vrlint.online.meta import online_rule
from vrlint.online.options import OnlineOptions
from vrlint.online.progress import Progress
from vrlint.online.titles import common_words, looks_like_title, title_similarity
from vrlint.records.arxiv import ArxivId, id_problem, parse_arxiv_id, parse_arxiv_url
from vrlint.records.models import Position, TableRecord
from vrlint.records.shields import parse_badge_url
from vrlint.records.urls import classify_url
from vrlint.text.mojibake import repair

__all__ = ["ARXIV_CODES", "LINK_CODES", "Facts", "OnlineRun", "check_online", "gather"]

ARXIV_CODES = ("VR251", "VR252", "VR253")
LINK_CODES = ("VR451", "VR452", "VR453", "VR454")
_DAY = 86400.0

#: characters a replacement URL may contain for vrlint to write it into
#: Markdown (RFC 3986; no spaces, quotes, angle brackets or backslashes)
_URL_CHARS = lazy_pattern(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


@dataclass
class _Occurrence:
    """One place an arXiv ID is written: a link, a badge or plain text in a table."""

    aid: ArxivId
    span: Span


@dataclass
class OnlineRun:
    """Counts of one :func:`check_online` call (for the summary and the tests)."""

    links: int = 0
    links_cached: int = 0
    links_unverified: int = 0
    link_requests: int = 0
    arxiv_ids: int = 0
    arxiv_cached: int = 0
    arxiv_unknown: int = 0
    arxiv_requests: int = 0
    #: no host resolved or connected: the link checks were skipped
    network_unreachable: bool = False

    def summary(self, path: str, problems: list[str]) -> str:
        parts = []
        if self.links:
            parts.append(
                f"{self.links} link{'s' if self.links != 1 else ''} "
                f"({self.links_cached} cached, {self.links_unverified} not verified)"
            )
        if self.arxiv_ids:
            parts.append(
                f"{self.arxiv_ids} arXiv ID{'s' if self.arxiv_ids != 1 else ''} "
                f"({self.arxiv_cached} cached, {self.arxiv_unknown} unknown)"
            )
        from vrlint.text.chars import escape_controls

        text = f"vrlint: online: {escape_controls(path)}: " + ("; ".join(parts) or "nothing to check")
        return text + "".join(f"; {p}" for p in problems)


#: counts of the last :func:`check_online` call in this process
LAST_RUN = OnlineRun()


def _diagnostic(code: str, message: str, span: Span, path: str, fix: Fix | None = None) -> Diagnostic:
    rule = online_rule(code)
    return Diagnostic(rule.code, rule.name, rule.severity, message, span, path, fix)


def _option(config: Config | None, code: str, key: str) -> Any:
    rule = online_rule(code)
    if config is not None:
        value = config.rule_option(rule, key)
        if value is not None:
            return value
    return rule.options.get(key)


def _span_at(document: Document, position: Position) -> Span:
    start = document.line(position.line).start + position.column - 1
    end = document.line(position.end_line).start + position.end_column - 1
    return document.span(start, end)


def _cache_dir(options: OnlineOptions, config: Config | None, path: str) -> Path | None:
    if not options.use_cache:
        return None
    if options.cache_dir is not None:
        return options.cache_dir
    if config is not None and config.source is not None:
        return config.source.parent / CACHE_DIR_NAME
    return (Path(path).parent if path else Path.cwd()) / CACHE_DIR_NAME


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _link_url(link: Link) -> str:
    url = html.unescape(link.url) if link.kind == "html" else link.url
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1].strip()
    return url


def _checkable(url: str) -> bool:
    try:
        parts = urlsplit(url)
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def _where(link: Link) -> Span:
    return link.dest_span or link.span


# -- arXiv ---------------------------------------------------------------------------------------
def _arxiv_occurrences(document: Document, tables: list[TableRecord]) -> list[_Occurrence]:
    found: dict[tuple[str, int, int], _Occurrence] = {}
    for link in document.links:
        url = _link_url(link)
        aid: ArxivId | None = None
        if link.kind == "image":
            badge = parse_badge_url(url)
            if badge is not None and badge.label and "arxiv" in badge.label.casefold() and badge.message:
                aid = parse_arxiv_id(badge.message)
        else:
            parsed = parse_arxiv_url(url)
            aid = parsed.id if parsed is not None else None
        if aid is not None:
            span = _where(link)
            found.setdefault((str(aid), span.start, span.end), _Occurrence(aid, span))
    for table in tables:
        for entry in table.entries:
            for paper in entry.papers:
                if paper.source != "text" or paper.arxiv_id is None:
                    continue  # links and badges were read above, with precise spans
                written = paper.arxiv_id + (f"v{paper.arxiv_version}" if paper.arxiv_version else "")
                aid = parse_arxiv_id(written)
                if aid is None:
                    continue
                span = _span_at(document, paper.position)
                found.setdefault((str(aid), span.start, span.end), _Occurrence(aid, span))
    occurrences = [o for o in found.values() if id_problem(o.aid) is None]
    occurrences.sort(key=lambda o: (o.span.start, o.span.end))
    return occurrences


def _recent(aid: ArxivId) -> bool:
    today = date.today()
    months = (today.year - aid.year) * 12 + today.month - aid.month
    return aid.scheme == "new" and months <= 1


def _arxiv_diagnostics(
    path: str,
    config: Config | None,
    tables: list[TableRecord],
    occurrences: list[_Occurrence],
    records: dict[str, ArxivRecord],
) -> Iterator[Diagnostic]:
    reported: set[tuple[str, str, int]] = set()
    for occurrence in occurrences:
        aid = occurrence.aid
        record = records.get(aid.id)
        if record is None:
            continue
        line = occurrence.span.line
        if not record.found:
            if ("VR251", aid.id, line) in reported:
                continue
            reported.add(("VR251", aid.id, line))
            hint = (
                " (a paper submitted in the last few days may not be announced yet)" if _recent(aid) else ""
            )
            yield _diagnostic(
                "VR251",
                f"arXiv {aid.id} does not exist: the arXiv API knows no paper with this ID{hint}; "
                "correct the ID",
                occurrence.span,
                path,
            )
            continue
        if aid.version is not None and record.version is not None and aid.version > record.version:
            if ("VR251", str(aid), line) not in reported:
                reported.add(("VR251", str(aid), line))
                yield _diagnostic(
                    "VR251",
                    f"arXiv {aid} does not exist: the latest version of {aid.id} is v{record.version}; "
                    f"use v{record.version} or no version",
                    occurrence.span,
                    path,
                )
        if record.withdrawn and ("VR252", aid.id, line) not in reported:
            reported.add(("VR252", aid.id, line))
            comment = f" (arXiv comment: {_short(record.comment, 100)!r})" if record.comment else ""
            yield _diagnostic(
                "VR252",
                f"arXiv {aid.id} has been withdrawn by its authors{comment}; "
                "remove the entry or point it at a replacement",
                occurrence.span,
                path,
            )
    yield from _title_diagnostics(path, config, tables, occurrences, records)


def _title_diagnostics(
    path: str,
    config: Config | None,
    tables: list[TableRecord],
    occurrences: list[_Occurrence],
    records: dict[str, ArxivRecord],
) -> Iterator[Diagnostic]:
    threshold = float(_option(config, "VR253", "min-similarity") or 0.5)
    min_words = int(_option(config, "VR253", "min-words") or 4)
    by_line: dict[int, list[_Occurrence]] = {}
    for occurrence in occurrences:
        by_line.setdefault(occurrence.span.line, []).append(occurrence)
    common = common_words(repair(e.title) for t in tables for e in t.entries if e.title)
    for table in tables:
        for entry in table.entries:
            title = entry.title
            if not title:
                continue
            candidates = [o for o in by_line.get(entry.line, []) if o.aid.id in set(entry.arxiv_ids)]
            ids = {o.aid.id for o in candidates}
            if len(ids) != 1:
                continue  # none, or several papers (their disagreement is an offline rule's business)
            aid = ids.pop()
            record = records.get(aid)
            if record is None or not record.found or not record.title:
                continue
            readable = repair(title)
            if not looks_like_title(readable, min_words):
                continue
            if title_similarity(readable, record.title, common, enough=threshold) >= threshold:
                continue
            yield _diagnostic(
                "VR253",
                f"the row's title {_short(title)!r} does not match the title of arXiv {aid}, "
                f"{_short(record.title)!r}; check the ID (or the title)",
                candidates[0].span,
                path,
            )


# -- links ------------------------------------------------------------------------------------------
def _with_fragment(new: str, old: str) -> str:
    if "#" in old and "#" not in new:
        return new + "#" + old.split("#", 1)[1]
    return new


def _writable(url: str) -> bool:
    """``url`` can be written into a Markdown destination as it is."""
    if not _URL_CHARS.fullmatch(url) or url.count("(") != url.count(")"):
        return False
    depth = 0
    for char in url:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return True


def _url_fix(document: Document, link: Link, new: str, applicability: str, message: str) -> Fix | None:
    """Edits that make ``link`` point at ``new`` (and its label too when the label is the old URL)."""
    if not _writable(new):
        return None
    text = document.text
    edits: list[Edit] = []
    if link.dest_span is not None:
        dest = link.dest_span
        edits.append(Edit(dest.start, dest.end, html.escape(new) if link.kind == "html" else new))
        if link.kind == "link":
            label_end = text.rfind("](", link.span.start, dest.start)
            if label_end > link.span.start and text[link.span.start + 1 : label_end].strip() == link.url:
                edits.append(Edit(link.span.start + 1, label_end, new))
    elif link.kind == "autolink":
        raw = text[link.span.start : link.span.end]
        if raw.startswith("<") and raw.endswith(">"):
            edits.append(Edit(link.span.start + 1, link.span.end - 1, new))
        elif raw == link.url and (new[-1].isalnum() or new.endswith("/")):
            edits.append(Edit(link.span.start, link.span.end, new))
    if not edits:
        return None
    assert applicability in ("safe", "unsafe")
    return Fix("safe" if applicability == "safe" else "unsafe", message, tuple(sorted(edits, key=lambda e: e.start)))


def _trivial_move(old: str, new: str) -> bool:
    """Only a trailing slash (or the case of the host) differs: not worth a finding."""
    try:
        a, b = urlsplit(old), urlsplit(new)
    except ValueError:
        return False
    return (
        a.scheme.lower() == b.scheme.lower()
        and a.netloc.lower() == b.netloc.lower()
        and a.path.rstrip("/") == b.path.rstrip("/")
        and a.query == b.query
    )


def _front_page(old: str, new: str) -> bool:
    """A deep link redirected to a site's root: a page that no longer exists (a "soft 404")."""
    try:
        before, after = urlsplit(old), urlsplit(new)
    except ValueError:
        return False
    return before.path.strip("/") != "" and after.path.strip("/") == "" and not after.query


def _local(url: str) -> bool:
    """``url`` names the reader's own machine: ``localhost``, a loopback or unspecified IP."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _renamed_repo(old: str, new: str) -> tuple[str, str] | None:
    before, after = classify_url(old), classify_url(new)
    if before.kind != "github_repo" or after.kind != "github_repo":
        return None
    old_repo = f"{before.owner}/{before.name}"
    new_repo = f"{after.owner}/{after.name}"
    return (old_repo, new_repo) if old_repo.lower() != new_repo.lower() else None


def _link_diagnostics(
    document: Document, path: str, links: list[tuple[Link, str]], results: dict[str, LinkResult]
) -> Iterator[Diagnostic]:
    for link, url in links:
        result = results.get(strip_fragment(url))
        if result is None:
            continue
        span = _where(link)
        shown = _short(url)
        if result.verdict == "dead":
            yield _diagnostic(
                "VR451",
                f"dead link {shown}: {result.detail}; point it at the current address or remove it",
                span,
                path,
            )
        elif result.verdict == "refused" and _local(url):
            yield _diagnostic(
                "VR453",
                f"link to {shown} points at the reader's own computer ({result.detail}); vrlint does not "
                f"request local addresses. If it tells readers to open a server they run, write it as code "
                f"(`{_short(url, 60)}`) instead of a link; otherwise use a public URL",
                span,
                path,
            )
        elif result.verdict == "refused":
            yield _diagnostic(
                "VR453",
                f"link to a private host: {result.detail}, which readers cannot reach and vrlint does not "
                f"request; use a public URL (or run with --allow-private-hosts to check it)",
                span,
                path,
            )
        elif result.verdict == "ok" and result.moved_to is not None:
            new = _with_fragment(result.moved_to, url)
            renamed = _renamed_repo(url, result.moved_to)
            if renamed is not None:
                # a cached answer may have been planted in the checkout: never a safe fix
                fix = _url_fix(document, link, new, "unsafe" if result.cached else "safe", f"link {new}")
                yield _diagnostic(
                    "VR454",
                    f"GitHub repository {renamed[0]} was renamed or moved to {renamed[1]}; link {_short(new)} "
                    "(the redirect breaks if the old name is reused)",
                    span,
                    path,
                    fix,
                )
            elif _front_page(url, result.moved_to):
                yield _diagnostic(
                    "VR452",
                    f"{shown} permanently redirects ({result.moved_status}) to the front page "
                    f"{_short(result.moved_to)}: the page it linked is probably gone; find where it moved "
                    "or remove the link",
                    span,
                    path,
                )
            elif not _trivial_move(url, result.moved_to):
                fix = _url_fix(document, link, new, "unsafe", f"link {new}")
                yield _diagnostic(
                    "VR452",
                    f"{shown} permanently redirects ({result.moved_status}) to {_short(new)}; "
                    "link the new address",
                    span,
                    path,
                    fix,
                )


def _arxiv_verified(url: str, records: dict[str, ArxivRecord], reported: bool) -> bool:
    """An arxiv.org abs/pdf/html link the arXiv API already answered for: found, or not found
    while VR251 (``reported``) says so (a VR451 would repeat it)."""
    parsed = parse_arxiv_url(url)
    if parsed is None or parsed.form == "other" or parsed.problem is not None:
        return False
    record = records.get(parsed.id.id)
    if record is None:
        return False
    exists = record.found and (
        parsed.id.version is None or (record.version is not None and parsed.id.version <= record.version)
    )
    return exists or reported


# -- facts and entry point ----------------------------------------------------------------------
@dataclass
class Facts:
    """What the network said about one document: arXiv records and link
    verdicts, gathered once by :func:`gather` before the rules run. The online
    rules (:mod:`vrlint.rules.online`) read their findings from here, so the
    engine selects, suppresses, groups and baselines them like every rule."""

    document: Document
    path: str
    config: Config
    tables: list[TableRecord] = field(default_factory=list)
    occurrences: list[_Occurrence] = field(default_factory=list)
    records: dict[str, ArxivRecord] = field(default_factory=dict)
    links: list[tuple[Link, str]] = field(default_factory=list)
    results: dict[str, LinkResult] = field(default_factory=dict)
    _found: dict[str, list[Diagnostic]] | None = field(default=None, repr=False)

    def findings(self, code: str) -> list[Diagnostic]:
        """The findings of online rule ``code`` (all codes are worked out together, once)."""
        if self._found is None:
            self._found = {}
            arxiv = _arxiv_diagnostics(self.path, self.config, self.tables, self.occurrences, self.records)
            for diagnostic in arxiv:
                self._found.setdefault(diagnostic.code, []).append(diagnostic)
            text = self.document.text
            for diagnostic in _link_diagnostics(self.document, self.path, self.links, self.results):
                # one dead or moved address linked from many rows is one cause: one finding with its places
                cause = text[diagnostic.span.start : diagnostic.span.end]
                caused = replace(diagnostic, extra={**diagnostic.extra, "cause": cause})
                self._found.setdefault(diagnostic.code, []).append(caused)
        return self._found.get(code, [])


def enabled_codes(config: Config) -> list[str]:
    """The online rules ``config`` selects."""
    return [code for code in (*ARXIV_CODES, *LINK_CODES) if config.is_enabled(code, online_rule(code).default)]


def gather(document: Document, path: str, config: Config | None, options: OnlineOptions) -> Facts:
    """Ask the arXiv API and the linked servers what the enabled online rules need to know
    about ``document`` (through the cache), and say what was checked on ``options.progress``."""
    global LAST_RUN
    run = OnlineRun()
    LAST_RUN = run
    config = config or Config()
    facts = Facts(document, path, config)
    enabled = set(enabled_codes(config))
    directory = _cache_dir(options, config, path)
    problems: list[str] = []

    if options.arxiv and enabled & set(ARXIV_CODES):
        from vrlint.records.extract import extract_tables

        facts.tables = extract_tables(document)
        facts.occurrences = _arxiv_occurrences(document, facts.tables)
        ids = list(dict.fromkeys(o.aid.id for o in facts.occurrences))
        cache = Cache(
            directory, "arxiv", options.arxiv_cache_days * _DAY, options.arxiv_api_url, ArxivRecord.valid_json
        )
        if cache.warning:
            problems.append(cache.warning)
        client = ArxivClient(options, cache)
        progress = Progress(options.progress, "arXiv", len(ids))
        try:
            facts.records = client.lookup(ids, progress)
        finally:
            progress.close()
            cache.save()
        run.arxiv_ids = len(ids)
        run.arxiv_cached = sum(r.cached for r in facts.records.values())
        run.arxiv_unknown = len(ids) - len(facts.records)
        run.arxiv_requests = client.requests
        if client.problem and run.arxiv_unknown:
            problems.append(f"arXiv: {client.problem}")
        if cache.error:
            problems.append(cache.error)

    if options.links and enabled & set(LINK_CODES):
        checker_cache = Cache(
            directory, "links", options.link_cache_days * _DAY, options.link_base_url or "", LinkResult.valid_json
        )
        if checker_cache.warning and checker_cache.warning not in problems:
            problems.append(checker_cache.warning)
        checker = LinkChecker(options, checker_cache)
        vr251 = "VR251" in enabled
        for link in document.links:
            url = _link_url(link)
            if not _checkable(url) or checker.excluded(url) or _arxiv_verified(url, facts.records, vr251):
                continue
            facts.links.append((link, url))
        urls = list(dict.fromkeys(strip_fragment(url) for _, url in facts.links))
        progress = Progress(options.progress, "links", len(urls))
        try:
            facts.results = checker.check_all(urls, progress)
        finally:
            progress.close()
            checker_cache.save()
        run.links = len(urls)
        run.links_cached = sum(r.cached for r in facts.results.values())
        run.links_unverified = sum(r.verdict == "unknown" for r in facts.results.values())
        run.link_requests = checker.requests
        run.network_unreachable = checker.network_unreachable
        if checker_cache.error and checker_cache.error not in problems:
            problems.append(checker_cache.error)

    if options.progress is not None:
        options.progress.write(run.summary(path, problems) + "\n")
        options.progress.flush()
    return facts


def check_online(
    document: Document, path: str, config: Config | None, options: OnlineOptions
) -> list[Diagnostic]:
    """The online rules' findings on ``document``: :func:`gather`, then the engine runs
    the enabled online rules on those facts (sorted, suppressions applied, grouped)."""
    config = config or Config()
    facts = gather(document, path, config, options)
    codes = enabled_codes(config)
    if not codes:
        return []
    return lint(document, path, config.with_selection(codes, None), online=facts)
