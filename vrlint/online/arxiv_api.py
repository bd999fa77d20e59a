"""arXiv metadata through the arXiv API (https://info.arxiv.org/help/api/).

IDs are looked up in batches (``id_list=a,b,c&max_results=N``), at most
one request every ``arxiv_interval`` seconds (arXiv asks for three) across
the whole process.  The answer is an Atom feed with one ``<entry>`` per
paper that exists; an ID that does not exist simply has no entry.  That
makes "no entry" ambiguous when the API has a bad day and answers with an
empty feed, so every batch also asks for :data:`CANARY_ID`, a paper that
certainly exists: a feed without it says nothing about the other IDs
(they stay unknown), a feed with it is trusted.  Other traps handled:

* a malformed ID makes the API answer HTTP 200 with a single entry titled
  ``Error``: the batch is split in halves until the culprit is alone, and
  it stays unknown (the offline rules explain malformed IDs);
* when throttled, arXiv answers with a plain-text ``Rate exceeded.``: that
  and 429/5xx answers are retried after a pause, then left unknown;
* an answer bigger than ``arxiv_max_body`` (papers with thousands of
  authors) is split into smaller batches;
* titles arrive hard-wrapped; whitespace is collapsed.

The API endpoint is the operator's choice (``--arxiv-api-url``), not the
README's, so it is not subject to the private-address refusal.
"""

from __future__ import annotations

import re
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from vrlint.lazyre import lazy_pattern
from vrlint.online.cache import Cache, plain_text
from vrlint.online.http import FetchError, Response, request
from vrlint.online.links import parse_retry_after
from vrlint.online.options import OnlineOptions
from vrlint.online.progress import Progress
from vrlint.records.arxiv import parse_arxiv_url

__all__ = ["CANARY_ID", "ArxivClient", "ArxivRecord", "is_withdrawal", "parse_feed"]

#: "Attention Is All You Need": asked for in every batch to tell an empty answer from a real one
CANARY_ID = "1706.03762"

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
_SPACE = lazy_pattern(r"\s+")
# single quantifiers over disjoint classes: linear on any input
_WITHDRAWN_COMMENT = lazy_pattern(r"\bwithdrawn?\b", re.IGNORECASE)
_WITHDRAWN_SUMMARY = lazy_pattern(
    r"\b(?:paper|article|manuscript|submission|work|version|preprint)\s+(?:has\s+been|was|is)\s+withdrawn\b"
    r"|\bwithdrawn\s+by\s+(?:the\s+)?(?:authors?|arxiv|admin)"
    r"|^\s*withdrawn\b",
    re.IGNORECASE,
)

#: a repository link in an abstract (``https://github.com/owner/name``); bounded classes, linear
_GITHUB_REPO = lazy_pattern(r"https?://github\.com/[A-Za-z0-9][\w.-]{0,38}/[\w.-]{1,100}")

_LAST_REQUEST: dict[str, float] = {}
_INTERVAL_LOCK = threading.Lock()


@dataclass
class ArxivRecord:
    """What the API says about one ID (without version)."""

    id: str
    found: bool
    title: str | None = None
    #: the latest version number
    version: int | None = None
    withdrawn: bool = False
    comment: str | None = None
    #: when the first version was submitted (``2025-03-07``), for ``vrlint add``
    published: str | None = None
    #: the first github.com repository the abstract or comment links, for ``vrlint add``
    code: str | None = None
    cached: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["cached"]
        return data

    @classmethod
    def from_json(cls, data: Any) -> ArxivRecord | None:
        try:
            record = cls(**data)
        except TypeError:
            return None
        if not record.well_typed():
            return None
        record.cached = True
        return record

    def well_typed(self) -> bool:
        """Every field of the type vrlint writes, strings without control characters."""
        return (
            plain_text(self.id)
            and isinstance(self.found, bool)
            and isinstance(self.withdrawn, bool)
            and all(v is None or plain_text(v) for v in (self.title, self.comment))
            and (self.version is None or (isinstance(self.version, int) and not isinstance(self.version, bool)))
        )

    @classmethod
    def valid_json(cls, data: Any) -> bool:
        """Whether ``data`` is a record this class writes (the cache's validator)."""
        return isinstance(data, dict) and cls.from_json(data) is not None


class _BadAnswer(Exception):
    """An answer that says nothing about the IDs (error entry, not a feed, too big)."""

    def __init__(self, reason: str, *, split: bool = False) -> None:
        super().__init__(reason)
        self.split = split


class _OutOfTime(Exception):
    """The next request would start after the time limit."""


def is_withdrawal(comment: str | None, summary: str | None) -> bool:
    """The arXiv comment or abstract says the paper was withdrawn."""
    if comment and _WITHDRAWN_COMMENT.search(comment):
        return True
    return bool(summary and _WITHDRAWN_SUMMARY.search(summary[:2000]))


def _text(element: ET.Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    text = _SPACE.sub(" ", element.text).strip()
    return text or None


def parse_feed(body: bytes) -> dict[str, ArxivRecord]:
    """The papers an API answer lists, by ID without version.

    Raises :class:`_BadAnswer` when the answer is not a usable feed.
    """
    stripped = body.lstrip()
    if not stripped.startswith(b"<"):
        first = stripped[:60].decode("utf-8", "replace").strip()
        raise _BadAnswer(f"the API answered {first!r} instead of a feed")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise _BadAnswer(f"the API answer is not valid XML ({error})") from None
    if root.tag != f"{_ATOM}feed":
        raise _BadAnswer("the API answer is not an Atom feed")
    found: dict[str, ArxivRecord] = {}
    for entry in root.iter(f"{_ATOM}entry"):
        entry_id = _text(entry.find(f"{_ATOM}id")) or ""
        title = _text(entry.find(f"{_ATOM}title"))
        if "/api/errors" in entry_id or (title == "Error" and "arxiv.org/abs/" not in entry_id):
            said = _text(entry.find(f"{_ATOM}summary")) or "an error"
            raise _BadAnswer(f"the API reported {said!r}", split=True)
        parsed = parse_arxiv_url(entry_id.replace("http://", "https://", 1))
        if parsed is None or not title:
            continue  # an entry without the fields of a paper says nothing
        comment = _text(entry.find(f"{_ARXIV}comment"))
        summary = _text(entry.find(f"{_ATOM}summary"))
        published = _text(entry.find(f"{_ATOM}published"))
        code = _GITHUB_REPO.search(f"{summary or ''} {comment or ''}")
        found[parsed.id.id] = ArxivRecord(
            id=parsed.id.id,
            found=True,
            title=title,
            version=parsed.id.version,
            withdrawn=is_withdrawal(comment, summary),
            comment=comment,
            published=published[:10] if published else None,
            code=code.group(0).rstrip(".") if code else None,
        )
    return found


class ArxivClient:
    """Looks IDs up, with the cache, the request interval and batch splitting."""

    def __init__(
        self,
        options: OnlineOptions,
        cache: Cache,
        fetch: Callable[[str], Response] | None = None,
    ) -> None:
        self.options = options
        self.cache = cache
        self.requests = 0
        self.problem: str | None = None
        self._fetch = fetch or self._default_fetch
        self._deadline = time.monotonic() + options.total_timeout

    def _default_fetch(self, url: str) -> Response:
        return request(
            "GET",
            url,
            timeout=self.options.timeout,
            allow_private=True,  # the operator chose this endpoint, not the README
            max_body=self.options.arxiv_max_body,
            user_agent=self.options.user_agent,
            accept="application/atom+xml",
        )

    def lookup(self, ids: Iterable[str], progress: Progress | None = None) -> dict[str, ArxivRecord]:
        """Records for the IDs the API answered about; IDs left out are unknown."""
        wanted = list(dict.fromkeys(ids))
        results: dict[str, ArxivRecord] = {}
        todo: list[str] = []
        for aid in wanted:
            cached = ArxivRecord.from_json(self.cache.get(aid))
            if cached is not None and cached.id == aid:
                results[aid] = cached
            else:
                todo.append(aid)
        if progress is not None:
            progress.advance(len(results))
        size = max(1, self.options.arxiv_batch - 1)
        batches = [todo[i : i + size] for i in range(0, len(todo), size)]
        while batches:
            batch = batches.pop(0)
            try:
                answered = self._query(batch)
            except _OutOfTime:
                self.problem = f"the time limit of {self.options.total_timeout:g} s ran out"
                break
            except _BadAnswer as bad:
                if bad.split and len(batch) > 1:
                    half = len(batch) // 2
                    batches[:0] = [batch[:half], batch[half:]]
                else:
                    self.problem = str(bad)
                    if progress is not None:
                        progress.advance(len(batch))
                continue
            for aid in batch:
                record = answered.get(aid) or ArxivRecord(aid, found=False)
                results[aid] = record
                # a new paper may not be announced yet: do not remember "not found" for long
                self.cache.put(aid, record.to_json(), None if record.found else 86400.0)
            if progress is not None:
                progress.advance(len(batch))
        return {aid: results[aid] for aid in wanted if aid in results}

    def _query(self, batch: list[str]) -> dict[str, ArxivRecord]:
        asked = batch if CANARY_ID in batch else [*batch, CANARY_ID]
        query = urlencode({"id_list": ",".join(asked), "max_results": str(len(asked))}, safe=",/")
        base = self.options.arxiv_api_url
        url = f"{base}{'&' if urlsplit(base).query else '?'}{query}"
        response = self._get(url)
        if response.truncated:
            raise _BadAnswer(
                f"the API answer is larger than {self.options.arxiv_max_body} bytes", split=len(batch) > 1
            )
        answered = parse_feed(response.body)
        if CANARY_ID not in answered:
            raise _BadAnswer("the API answered without the papers asked for")
        return answered

    def _get(self, url: str) -> Response:
        options = self.options
        attempt = 0
        while True:
            self._wait_turn()
            self.requests += 1
            retry_after: float | None = None
            try:
                response = self._fetch(url)
                if response.status == 200 and not response.body.lstrip().startswith(b"Rate exceeded"):
                    return response
                reason = f"the API answered {response.status} {response.reason}".strip()
                if response.status not in (200, 429) and not 500 <= response.status <= 599:
                    raise _BadAnswer(reason)
                retry_after = parse_retry_after(response.headers.get("retry-after"))
            except FetchError as error:
                reason = f"the arXiv API request failed: {error.detail}"
            if attempt >= options.retries:
                raise _BadAnswer(reason)
            delay = min(retry_after if retry_after is not None else options.backoff * 2**attempt,
                        options.max_retry_after)
            if time.monotonic() + delay > self._deadline:
                raise _OutOfTime
            time.sleep(delay)
            attempt += 1

    def _wait_turn(self) -> None:
        """Sleep until ``arxiv_interval`` has passed since the last request to this API;
        raise :class:`_OutOfTime` when that is past the time limit."""
        key = self.options.arxiv_api_url
        with _INTERVAL_LOCK:
            now = time.monotonic()
            last = _LAST_REQUEST.get(key)
            wait = 0.0 if last is None else last + self.options.arxiv_interval - now
            if now + max(wait, 0.0) > self._deadline:
                raise _OutOfTime
            _LAST_REQUEST[key] = now + max(wait, 0.0)
        if wait > 0:
            time.sleep(wait)
