"""One HTTP request, done carefully (standard library only).

:func:`request` resolves the host itself, refuses private addresses (see
:mod:`vrlint.online.safety`) and connects to a vetted address, so the
check and the connection cannot disagree.  It never follows redirects
(callers do, re-checking every hop), never sends cookies or any
``Authorization`` header, asks for an uncompressed answer, reads at most
``max_body`` bytes of a body (none unless asked), and gives up after
``timeout`` seconds for the whole request: a :class:`Watchdog` shuts the
socket down, so a server that trickles one byte at a time cannot hold a
worker for longer.
"""

from __future__ import annotations

import heapq
import http.client
import itertools
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote, urlsplit

from vrlint.online.safety import Resolver, forbidden_reason, resolve

__all__ = ["FailureKind", "FetchError", "Response", "Watchdog", "encode_url", "request"]

FailureKind = Literal["invalid", "refused", "dns", "connect", "timeout", "tls", "protocol"]

#: characters left alone when a URL's path and query are percent-encoded
#: (RFC 3986 reserved and unreserved characters, and ``%`` of existing escapes)
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_QUERY_SAFE = _PATH_SAFE + "?"


class FetchError(Exception):
    """A request that got no HTTP answer: ``kind`` says why, ``detail`` says it in words."""

    def __init__(self, kind: FailureKind, detail: str) -> None:
        super().__init__(detail)
        self.kind: FailureKind = kind
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    reason: str
    #: header names lower-cased; repeated headers keep the first value
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    #: the body was longer than ``max_body`` and was cut
    truncated: bool = False


class Watchdog:
    """Shuts sockets down when their deadline passes (one thread for all)."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int]] = []
        self._sockets: dict[int, socket.socket] = {}
        self._expired: set[int] = set()
        self._counter = itertools.count()
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None

    def watch(self, sock: socket.socket, deadline: float) -> int:
        with self._condition:
            token = next(self._counter)
            self._sockets[token] = sock
            heapq.heappush(self._heap, (deadline, token))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="vrlint-watchdog", daemon=True)
                self._thread.start()
            self._condition.notify()
            return token

    def release(self, token: int) -> bool:
        """Stop watching; True when the deadline had already passed."""
        with self._condition:
            self._sockets.pop(token, None)
            expired = token in self._expired
            self._expired.discard(token)
            return expired

    def _run(self) -> None:
        with self._condition:
            while True:
                while self._heap and self._heap[0][1] not in self._sockets:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._condition.wait()
                    continue
                deadline, token = self._heap[0]
                delay = deadline - time.monotonic()
                if delay > 0:
                    self._condition.wait(delay)
                    continue
                heapq.heappop(self._heap)
                sock = self._sockets.pop(token)
                self._expired.add(token)
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


_WATCHDOG = Watchdog()
_CONTEXT: ssl.SSLContext | None = None
_CONTEXT_LOCK = threading.Lock()


def _tls_context() -> ssl.SSLContext:
    """One verifying context for every request (loading the CA store is slow)."""
    global _CONTEXT
    with _CONTEXT_LOCK:
        if _CONTEXT is None:
            _CONTEXT = ssl.create_default_context()
        return _CONTEXT


def encode_url(url: str) -> str:
    """``url`` as a browser sends it: IDNA host, percent-encoded path and
    query, no fragment.  Raises :class:`FetchError` (``invalid``)."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        port = parts.port
    except ValueError as error:
        raise FetchError("invalid", f"the URL is malformed ({error})") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise FetchError("invalid", "only http and https URLs with a host are checked")
    try:
        ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError("invalid", f"the host name {host!r} is not a valid international name") from None
    if ":" in ascii_host:
        ascii_host = f"[{ascii_host}]"
    netloc = ascii_host if port is None else f"{ascii_host}:{port}"
    path = quote(parts.path, safe=_PATH_SAFE) or "/"
    query = quote(parts.query, safe=_QUERY_SAFE)
    return f"{parts.scheme.lower()}://{netloc}{path}" + (f"?{query}" if parts.query else "")


def _connect(addresses: list[str], port: int, timeout: float) -> socket.socket:
    last: OSError | None = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout=timeout)
        except TimeoutError as error:
            last = error
        except OSError as error:
            last = error
    if isinstance(last, TimeoutError):
        raise FetchError("timeout", f"the server did not accept a connection within {timeout:g} s")
    reason = last.strerror if last is not None and last.strerror else str(last)
    raise FetchError("connect", f"the server refused the connection ({reason})")


def request(
    method: str,
    url: str,
    *,
    timeout: float,
    allow_private: bool = False,
    resolver: Resolver | None = None,
    max_body: int = 0,
    user_agent: str = "vrlint",
    accept: str = "*/*",
) -> Response:
    """Send one ``method`` request for ``url`` and return the answer (no redirects followed).

    Raises :class:`FetchError` when there is no HTTP answer, with kind
    ``refused`` (and nothing sent) when a resolved address is not public
    and ``allow_private`` is false.
    """
    encoded = encode_url(url)
    parts = urlsplit(encoded)
    host = parts.hostname or ""
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    try:
        addresses = resolve(host, port, resolver)
    except (OSError, UnicodeError):
        raise FetchError("dns", f"the host name {host} does not resolve") from None
    if not allow_private:
        for address in addresses:
            reason = forbidden_reason(address)
            if reason is not None:
                literal = str(address) == host.strip("[]")
                said = f"{host} is {reason}" if literal else f"{host} resolves to {address}, {reason}"
                raise FetchError("refused", said)
    deadline = time.monotonic() + timeout
    sock = _connect([str(a) for a in addresses], port, timeout)
    token = _WATCHDOG.watch(sock, deadline)
    connection: http.client.HTTPConnection | None = None
    try:
        if https:
            try:
                sock = _tls_context().wrap_socket(sock, server_hostname=host)
            except ssl.SSLCertVerificationError as error:
                raise FetchError("tls", f"the server's TLS certificate is invalid ({error.verify_message})") from None
            except ssl.SSLError as error:
                raise FetchError("tls", f"the TLS handshake failed ({error.reason or error})") from None
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        connection.sock = sock
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        bracketed = f"[{host}]" if ":" in host else host
        default_port = 443 if https else 80
        connection.putheader("Host", bracketed if port == default_port else f"{bracketed}:{port}")
        connection.putheader("User-Agent", user_agent)
        connection.putheader("Accept", accept)
        connection.putheader("Accept-Encoding", "identity")
        connection.putheader("Connection", "close")
        connection.endheaders()
        answer = connection.getresponse()
        headers: dict[str, str] = {}
        for name, value in answer.getheaders():
            headers.setdefault(name.lower(), value)
        body = b""
        truncated = False
        if max_body > 0 and method != "HEAD":
            body = answer.read(max_body + 1)
            truncated = len(body) > max_body
            body = body[:max_body]
        if _WATCHDOG.release(token):
            raise FetchError("timeout", f"the server did not answer within {timeout:g} s")
        return Response(answer.status, answer.reason, headers, body, truncated)
    except FetchError:
        raise
    except (TimeoutError, OSError, http.client.HTTPException) as error:
        if _WATCHDOG.release(token) or isinstance(error, TimeoutError):
            raise FetchError("timeout", f"the server did not answer within {timeout:g} s") from None
        if isinstance(error, http.client.HTTPException):
            raise FetchError("protocol", f"the server sent an invalid HTTP answer ({type(error).__name__})") from None
        raise FetchError("connect", f"the server dropped the connection ({error.strerror or error})") from None
    finally:
        _WATCHDOG.release(token)
        if connection is not None:
            connection.close()
        else:
            sock.close()
