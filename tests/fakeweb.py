"""A scripted local web server for the online checks' tests and benchmark.

Nothing here touches the network beyond 127.0.0.1.  :class:`FakeWeb`
answers by path and counts every request::

    /ok...                      200
    /status/<code>...           that status (e.g. /status/404)
    /redirect/<code>/<rest>     <code> with Location: /<rest>
    /nohead/...                 405 to HEAD, 200 to GET
    /flaky/<n>/<retry-after>... 429 with that Retry-After for the first n requests, then 200
    /slow/<seconds>...          waits, then 200
    /big...                     405 to HEAD; to GET, 200 with an endless body
    /api/query?id_list=...      a fake arXiv API answering from ``papers`` (and ``arxiv_errors``)
    anything else               ``default_status`` (404)

``routes`` overrides any path with a fixed ``(status, headers)``;
``delay`` makes every answer wait (the benchmark's 50 ms); ``max_active``
is the most requests the server was answering at once.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

__all__ = ["FakeWeb", "atom_feed", "route_links_to"]


def route_links_to(monkeypatch: Any, base: str) -> None:
    """Make the command line's online checks request every link from ``base``
    (``OnlineOptions.link_base_url``, which has no command-line flag)."""
    import dataclasses

    from vrlint.online.options import OnlineOptions

    original = OnlineOptions.from_args.__func__  # type: ignore[attr-defined]

    def from_args(cls: type[OnlineOptions], args: Any, config: Any) -> OnlineOptions:
        return dataclasses.replace(original(cls, args, config), link_base_url=base)

    monkeypatch.setattr(OnlineOptions, "from_args", classmethod(from_args))


def atom_feed(entries: list[dict[str, str]]) -> bytes:
    """An arXiv-API-shaped Atom feed; each entry has ``id`` (with version), ``title``,
    and optionally ``summary``, ``comment`` and ``published`` (``2025-03-07``)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" '
        'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">\n'
        "  <title>arXiv Query</title>\n  <id>http://arxiv.org/api/fake</id>\n"
        f"  <opensearch:totalResults>{len(entries)}</opensearch:totalResults>\n"
    ]
    for entry in entries:
        parts.append(
            "  <entry>\n"
            f"    <id>http://arxiv.org/abs/{escape(entry['id'])}</id>\n"
            f"    <title>{escape(entry['title'])}</title>\n"
            f"    <summary>{escape(entry.get('summary', 'An abstract.'))}</summary>\n"
        )
        if "published" in entry:
            parts.append(f"    <published>{escape(entry['published'])}T00:00:00Z</published>\n")
        if "comment" in entry:
            parts.append(f"    <arxiv:comment>{escape(entry['comment'])}</arxiv:comment>\n")
        parts.append("  </entry>\n")
    parts.append("</feed>\n")
    return "".join(parts).encode("utf-8")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    web: FakeWeb


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")

    def _send(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self._answered()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _answer(self, method: str) -> None:
        web = self.server.web
        path = urlsplit(self.path).path
        with web.lock:
            web.hits[path] += 1
            web.log.append((method, self.path, dict(self.headers.items())))
            web.times.append((time.monotonic(), path))
            count = web.hits[path]
            web.active += 1
            web.max_active = max(web.max_active, web.active)
        self._counted = True
        try:
            self._dispatch(method, path, count)
        finally:
            self._answered()

    def _answered(self) -> None:
        """The request stops counting as in flight once its answer starts."""
        if getattr(self, "_counted", False):
            self._counted = False
            web = self.server.web
            with web.lock:
                web.active -= 1

    def _dispatch(self, method: str, path: str, count: int) -> None:
        web = self.server.web
        if web.delay:
            time.sleep(web.delay)
        if path in web.routes:
            status, headers = web.routes[path]
            self._send(status, headers)
            return
        parts = [p for p in path.split("/") if p]
        head = parts[0] if parts else ""
        try:
            if head == "ok":
                self._send(200, {"Content-Type": "text/html"}, b"<p>ok</p>")
            elif head == "status":
                self._send(int(parts[1]))
            elif head == "redirect":
                self._send(int(parts[1]), {"Location": "/" + "/".join(parts[2:])})
            elif head == "nohead":
                self._send(405 if method == "HEAD" else 200)
            elif head == "flaky":
                if count <= int(parts[1]):
                    self._send(429, {"Retry-After": parts[2].replace("_", " ")})
                else:
                    self._send(200)
            elif head == "slow":
                time.sleep(float(parts[1]))
                self._send(200)
            elif head == "big":
                self._endless(method)
            elif path == "/api/query":
                self._arxiv()
            else:
                self._send(web.default_status)
        except (BrokenPipeError, ConnectionResetError):
            return

    def _endless(self, method: str) -> None:
        if method == "HEAD":
            self._send(405)
            return
        self._answered()
        self.send_response(200)
        self.send_header("Content-Length", str(10**10))
        self.end_headers()
        chunk = b"x" * 65536
        for _ in range(10**5):
            self.wfile.write(chunk)

    def _arxiv(self) -> None:
        web = self.server.web
        query = parse_qs(urlsplit(self.path).query)
        ids = [i for i in ",".join(query.get("id_list", [""])).split(",") if i]
        if web.arxiv_status != 200:
            self._send(web.arxiv_status, {}, b"Rate exceeded.")
            return
        web.arxiv_batches.append(ids)
        bad = [i for i in ids if i in web.arxiv_errors]
        if bad:  # what arXiv does for a malformed ID: HTTP 200, one entry titled "Error"
            error = {"id": "", "title": "Error", "summary": f"incorrect id format for {bad[0]}"}
            body = atom_feed([error]).replace(
                b"<id>http://arxiv.org/abs/</id>", f"<id>http://arxiv.org/api/errors#{bad[0]}</id>".encode()
            )
            self._send(200, {"Content-Type": "application/atom+xml"}, body)
            return
        entries = []
        for aid in ids:
            entry = web.papers.get(aid) or (web.arxiv_lookup(aid) if web.arxiv_lookup else None)
            if entry is not None:
                entries.append(entry)
        self._send(200, {"Content-Type": "application/atom+xml"}, atom_feed(entries))


class FakeWeb:
    """Start with ``with FakeWeb() as web:``; ``web.url("/ok")`` is a URL it serves."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.routes: dict[str, tuple[int, dict[str, str]]] = {}
        #: arXiv ID (no version) -> feed entry (see :func:`atom_feed`)
        self.papers: dict[str, dict[str, str]] = {}
        self.arxiv_status = 200
        #: the ``id_list`` of every arXiv API request, in order
        self.arxiv_batches: list[list[str]] = []
        #: IDs the fake arXiv API answers with an error feed, like malformed IDs
        self.arxiv_errors: set[str] = set()
        #: answers for IDs not in ``papers`` (None: the ID does not exist)
        self.arxiv_lookup: Callable[[str], dict[str, str] | None] | None = None
        self.default_status = 404
        self.active = 0
        self.max_active = 0
        self.hits: Counter[str] = Counter()
        self.log: list[tuple[str, str, dict[str, str]]] = []
        #: (time.monotonic(), path) of every request
        self.times: list[tuple[float, str]] = []
        self.lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.web = self
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def requests(self) -> int:
        with self.lock:
            return sum(self.hits.values())

    def __enter__(self) -> FakeWeb:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
