"""Link liveness: request every URL once, follow redirects by hand, retry politely.

For each distinct URL (fragment dropped) :class:`LinkChecker` sends
``HEAD`` and, when a server refuses or mishandles ``HEAD`` (405, 501,
403, and 400/404/406/410, which some servers answer to ``HEAD`` while
``GET`` works: a link is only called dead after a ``GET`` said so),
``GET``, reading no body.  Redirects are followed one hop at a time, each
hop's host checked again (see :mod:`vrlint.online.safety`); the leading
permanent hops (301, 308) give the URL the link should now use.  429 and
5xx answers are retried with exponential backoff, or after the
``Retry-After`` the server asked for (seconds or an HTTP date, capped);
a 429 holds back every request to that host, not just the one retried.

Requests run on a thread pool under two limits: requests in flight in
total, and to any one host; a dispatcher hands out work host by host so a
long run of links to one host never starves the others.  A whole run has a
time limit, after which unfinished links are "not verified".

Verdicts: ``ok``; ``dead`` (404, 410, no such host, connection refused or
dropped, timeout, TLS failure, redirect loop); ``refused`` (a private
address: nothing was sent); ``unknown`` (401, 403, 429 or 5xx after the
retries, other statuses, time limit): unknown is never reported as a
problem, only counted.
"""

from __future__ import annotations

import fnmatch
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

from vrlint.online.cache import Cache, plain_text
from vrlint.online.http import FetchError, Response, request
from vrlint.online.options import OnlineOptions
from vrlint.online.progress import Progress

__all__ = ["LinkChecker", "LinkResult", "Verdict", "parse_retry_after", "strip_fragment"]

Verdict = Literal["ok", "dead", "refused", "unknown"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_HEAD_FALLBACK = frozenset({400, 403, 404, 405, 406, 410, 501})
_DEAD = frozenset({404, 410})
#: seconds a network failure (no HTTP answer) stays cached
_TRANSIENT_MAX_AGE = 3600.0


@dataclass
class LinkResult:
    url: str
    verdict: Verdict
    status: int | None = None
    #: what happened, in words that fit after "the link ..." ("returns 404 Not Found")
    detail: str = ""
    #: where the leading permanent redirects lead (a URL to use instead)
    moved_to: str | None = None
    moved_status: int | None = None
    cached: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["cached"]
        return data

    @classmethod
    def from_json(cls, data: Any) -> LinkResult | None:
        try:
            result = cls(**data)
        except TypeError:
            return None
        if result.verdict not in ("ok", "dead") or not result.well_typed():
            return None
        result.cached = True
        return result

    def well_typed(self) -> bool:
        """Every field of the type vrlint writes, strings without control characters."""
        return (
            plain_text(self.url)
            and plain_text(self.detail)
            and (self.moved_to is None or plain_text(self.moved_to))
            and all(_optional_int(v) for v in (self.status, self.moved_status))
        )

    @classmethod
    def valid_json(cls, data: Any) -> bool:
        """Whether ``data`` is a result this class writes (the cache's validator)."""
        return isinstance(data, dict) and cls.from_json(data) is not None


def _optional_int(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


@dataclass(frozen=True, slots=True)
class _Retry:
    status: int
    retry_after: float | None


def strip_fragment(url: str) -> str:
    return url.strip().split("#", 1)[0]


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delay-seconds or an HTTP date)."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²".isdigit() is True too
        return float(int(value[:9]))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _printable(text: str, limit: int = 60) -> str:
    """Server-chosen text made safe to print (no control characters, bounded)."""
    return "".join(c if c.isprintable() else "?" for c in text[:limit])


def _status_words(response: Response) -> str:
    try:
        phrase = HTTPStatus(response.status).phrase
    except ValueError:
        phrase = _printable(response.reason.strip())
    return f"{response.status} {phrase}".strip()


class _HostGate:
    """Per-host "not before" times, set by a 429."""

    def __init__(self, stop: threading.Event) -> None:
        self._stop = stop
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def hold(self, host: str, seconds: float) -> None:
        with self._lock:
            self._until[host] = max(self._until.get(host, 0.0), time.monotonic() + seconds)

    def wait(self, host: str) -> None:
        while not self._stop.is_set():
            with self._lock:
                delay = self._until.get(host, 0.0) - time.monotonic()
            if delay <= 0:
                return
            self._stop.wait(delay)


class LinkChecker:
    """Checks URLs under ``options``; results are cached in ``cache``."""

    def __init__(self, options: OnlineOptions, cache: Cache) -> None:
        self.options = options
        self.cache = cache
        self.requests = 0
        self._count_lock = threading.Lock()
        self._stop = threading.Event()
        self._gate = _HostGate(self._stop)
        self._deadline = time.monotonic() + options.total_timeout
        self._base = urlsplit(options.link_base_url) if options.link_base_url else None
        #: URL -> how its first request failed to reach any server (dns, connect, timeout)
        self._unreached: dict[str, str] = {}
        #: set by check_all when every host failed the same way: the network is down
        self.network_unreachable = False

    # -- public --------------------------------------------------------------
    def excluded(self, url: str) -> bool:
        return any(fnmatch.fnmatchcase(url, pattern) for pattern in self.options.exclude)

    def check_all(self, urls: Iterable[str], progress: Progress | None = None) -> dict[str, LinkResult]:
        """A result for every URL (fragments are ignored; pass them stripped)."""
        results: dict[str, LinkResult] = {}
        queues: dict[str, deque[str]] = {}
        for url in dict.fromkeys(urls):
            cached = LinkResult.from_json(self.cache.get(url))
            if cached is not None and cached.url == url:
                results[url] = cached
                continue
            queues.setdefault(_host_key(url), deque()).append(url)
        if progress is not None:
            progress.advance(len(results))
        if queues:
            self._run(queues, results, progress)
        requested = [url for url, result in results.items() if not result.cached]
        if _network_down(requested, self._unreached):
            # no host resolved or connected: say so once, report nothing dead, cache nothing
            self.network_unreachable = True
            for url in requested:
                results[url] = LinkResult(url, "unknown", detail="not checked: the network is unreachable")
            return results
        for url, result in results.items():
            if not result.cached and result.verdict in ("ok", "dead"):
                # a 404 is a fact; a timeout or a refused connection may be a bad minute
                transient = result.verdict == "dead" and result.status is None
                self.cache.put(url, result.to_json(), _TRANSIENT_MAX_AGE if transient else None)
        return results

    # -- scheduling -----------------------------------------------------------
    def _run(
        self, queues: dict[str, deque[str]], results: dict[str, LinkResult], progress: Progress | None
    ) -> None:
        options = self.options
        total = sum(len(q) for q in queues.values())
        pool = ThreadPoolExecutor(max_workers=min(options.concurrency, total), thread_name_prefix="vrlint-link")
        active: Counter[str] = Counter()
        running: dict[Future[LinkResult], tuple[str, str]] = {}
        timed_out = False
        try:
            while queues or running:
                handed = True
                while handed and queues and len(running) < options.concurrency:
                    handed = False
                    for host in list(queues):
                        if len(running) >= options.concurrency:
                            break
                        if active[host] >= options.host_concurrency:
                            continue
                        url = queues[host].popleft()
                        if not queues[host]:
                            del queues[host]
                        running[pool.submit(self.check, url)] = (host, url)
                        active[host] += 1
                        handed = True
                if not running:
                    break
                remaining = self._deadline - time.monotonic()
                done, _ = wait(running, timeout=max(remaining, 0.0) + 0.05, return_when=FIRST_COMPLETED)
                if not done:
                    timed_out = True
                    break
                for future in done:
                    host, url = running.pop(future)
                    active[host] -= 1
                    try:
                        results[url] = future.result()
                    except Exception as error:  # a bug must not end the whole run
                        results[url] = LinkResult(url, "unknown", detail=f"could not be checked ({error!r})")
                    if progress is not None:
                        progress.advance()
        finally:
            self._stop.set()
            pool.shutdown(wait=not timed_out, cancel_futures=True)
        limit = f"not checked: the time limit of {options.total_timeout:g} s ran out"
        for queue in queues.values():
            for url in queue:
                results.setdefault(url, LinkResult(url, "unknown", detail=limit))
        for _host, url in running.values():
            results.setdefault(url, LinkResult(url, "unknown", detail=limit))

    # -- one URL ------------------------------------------------------------
    def check(self, url: str) -> LinkResult:
        """Check one URL, retrying 429 and 5xx answers."""
        options = self.options
        host = _host_key(url)
        attempt = 0
        while True:
            self._gate.wait(host)
            outcome = self._follow(url)
            if isinstance(outcome, LinkResult):
                return outcome
            words = f"the server answered {outcome.status} {attempt + 1} time{'s' if attempt else ''}"
            if attempt >= options.retries:
                return LinkResult(url, "unknown", outcome.status, words)
            if outcome.retry_after is not None:
                delay = min(outcome.retry_after, options.max_retry_after)
            else:
                delay = min(options.backoff * (2**attempt), options.max_retry_after)
            if time.monotonic() + delay > self._deadline:
                return LinkResult(url, "unknown", outcome.status, words)
            if outcome.status == 429:
                self._gate.hold(host, delay)
            else:
                self._stop.wait(delay)
            if self._stop.is_set():
                return LinkResult(url, "unknown", outcome.status, words)
            attempt += 1

    def _request(self, method: str, url: str) -> Response:
        with self._count_lock:
            self.requests += 1
        options = self.options
        timeout = min(options.timeout, max(self._deadline - time.monotonic(), 0.001))
        return request(
            method,
            url,
            timeout=timeout,
            allow_private=options.allow_private_hosts,
            resolver=options.resolver,
            user_agent=options.user_agent,
        )

    def _follow(self, url: str) -> LinkResult | _Retry:
        options = self.options
        current = url
        seen = {url}
        moved_to: str | None = None
        moved_status: int | None = None
        permanent = True
        for _ in range(options.max_redirects + 1):
            if self._stop.is_set():
                return LinkResult(url, "unknown", detail="not checked: the run was stopped")
            target = self._to_request(current)
            via = "" if current == url else f" (after a redirect to {current})"
            try:
                response = self._request("HEAD", target)
                if response.status in _HEAD_FALLBACK:
                    response = self._request("GET", target)
            except FetchError as error:
                if current == url and error.kind in _UNREACHED:
                    self._unreached[url] = error.kind
                if error.kind == "refused":
                    return LinkResult(url, "refused", detail=error.detail + via)
                if error.kind == "timeout" and time.monotonic() >= self._deadline - 0.05:
                    limit = self.options.total_timeout
                    return LinkResult(url, "unknown", detail=f"not checked: the time limit of {limit:g} s ran out")
                if error.kind == "invalid":
                    return LinkResult(url, "unknown", detail=error.detail + via)
                return LinkResult(url, "dead", detail=error.detail + via)
            status = response.status
            location = response.headers.get("location", "").strip().replace(" ", "%20")
            if status in _REDIRECTS and location:
                if not location.isprintable():
                    return LinkResult(url, "unknown", status, "it redirects to an address with control characters")
                following = self._to_logical(urljoin(target, location), current)
                if urlsplit(following).scheme.lower() not in ("http", "https"):
                    return LinkResult(url, "unknown", status, f"it redirects to {following}")
                if status in _PERMANENT and permanent:
                    moved_to, moved_status = following, moved_status or status
                else:
                    permanent = False
                if following in seen:
                    return LinkResult(url, "dead", status, f"it redirects in a loop{via}")
                seen.add(following)
                current = following
                continue
            if status == 429 or (500 <= status <= 599 and status != 501):
                return _Retry(status, parse_retry_after(response.headers.get("retry-after")))
            if 200 <= status < 300 or status in options.accept_status:
                return LinkResult(url, "ok", status, moved_to=moved_to, moved_status=moved_status)
            words = f"the server answers {_status_words(response)}{via}"
            return LinkResult(url, "dead" if status in _DEAD else "unknown", status, words)
        return LinkResult(url, "dead", detail=f"it redirects more than {options.max_redirects} times")

    # -- --link-base-url ---------------------------------------------------------
    def _to_request(self, url: str) -> str:
        """The URL actually requested: ``url`` itself, or its path on the base URL."""
        if self._base is None:
            return url
        parts = urlsplit(url)
        path = self._base.path.rstrip("/") + (parts.path or "/")
        return urlunsplit((self._base.scheme, self._base.netloc, path, parts.query, ""))

    def _to_logical(self, requested: str, previous: str) -> str:
        """A redirect target back in the README's terms (undoes :meth:`_to_request`)."""
        if self._base is None:
            return requested
        parts = urlsplit(requested)
        prefix = self._base.path.rstrip("/")
        same = (parts.scheme, parts.netloc.lower()) == (self._base.scheme, self._base.netloc.lower())
        if not same or not parts.path.startswith(prefix):
            return requested
        before = urlsplit(previous)
        return urlunsplit((before.scheme, before.netloc, parts.path[len(prefix) :] or "/", parts.query, ""))


#: failures that say nothing about the link when every host fails the same way
_UNREACHED = ("dns", "connect", "timeout")
#: how many different hosts must all fail before the network, not the links, is blamed
NETWORK_DOWN_HOSTS = 3


def _network_down(requested: list[str], unreached: dict[str, str]) -> bool:
    """Every requested URL, on at least :data:`NETWORK_DOWN_HOSTS` hosts,
    failed to reach a server in the same way (no DNS, no route, no answer)."""
    if not requested or any(url not in unreached for url in requested):
        return False
    hosts = {_host_key(url) for url in requested}
    return len(hosts) >= NETWORK_DOWN_HOSTS and len({unreached[url] for url in requested}) == 1


def _host_key(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
