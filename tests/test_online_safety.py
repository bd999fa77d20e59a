"""The address policy, the HTTP client's limits and the online rules' registration."""

from __future__ import annotations

import contextlib
import email.utils
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator

import pytest

import vrlint
from vrlint.online.http import FetchError, encode_url, request
from vrlint.online.links import parse_retry_after
from vrlint.online.meta import online_rule
from vrlint.online.safety import forbidden_reason, resolve
from vrlint.rules.base import get_rule, run_rules

ONLINE_CODES = ("VR251", "VR252", "VR253", "VR451", "VR452", "VR453", "VR454")


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.5", "private"),
        ("172.16.3.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("fdff:ffff::1", "private"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "address"),
        ("100.64.0.1", "non-public"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.1.1.1", "private"),
        ("64:ff9b::a9fe:a9fe", "metadata"),
        ("2002:7f00:1::1", "loopback"),
    ],
)
def test_non_public_addresses_are_forbidden(address: str, words: str) -> None:
    reason = forbidden_reason(ipaddress.ip_address(address))
    assert reason is not None and words in reason


@pytest.mark.parametrize("address", ["93.184.215.14", "140.82.112.3", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


def test_ip_literals_do_not_touch_the_resolver() -> None:
    def resolver(host: str, port: int) -> list[str]:
        raise AssertionError("resolver called")

    assert [str(a) for a in resolve("[::1]", 80, resolver)] == ["::1"]
    assert [str(a) for a in resolve("10.0.0.1", 80, resolver)] == ["10.0.0.1"]


def test_odd_spellings_of_loopback_are_refused() -> None:
    # inet_aton accepts "2130706433" and "0x7f.1" for 127.0.0.1: whatever the resolver makes of a
    # name, its answer is what is checked
    for url in ("http://2130706433/", "http://0x7f.1/", "http://127.1/"):
        with pytest.raises(FetchError) as caught:
            request("HEAD", url, timeout=1)
        assert caught.value.kind == "refused", url


def test_encode_url() -> None:
    assert encode_url("https://例え.テスト/パス?q=a b#frag") == (
        "https://xn--r8jz45g.xn--zckzah/%E3%83%91%E3%82%B9?q=a%20b"
    )
    assert encode_url("https://user:secret@example.org:8443/a%20b/(x)") == "https://example.org:8443/a%20b/(x)"
    with pytest.raises(FetchError):
        encode_url("ftp://example.org/")
    with pytest.raises(FetchError):
        encode_url("https://[::1/")


def test_retry_after() -> None:
    now = time.time()
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(email.utils.formatdate(now + 30, usegmt=True), now) == pytest.approx(30, abs=1.5)
    assert parse_retry_after(email.utils.formatdate(now - 30, usegmt=True), now) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
    assert parse_retry_after("9" * 40) is not None  # huge but finite; the caller caps it


@pytest.fixture
def trickler() -> Iterator[int]:
    """A server that sends its status line one byte every 50 ms, forever."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                client, _ = server.accept()
            except TimeoutError:
                continue
            # the client hanging up mid-trickle ends this connection only
            with contextlib.suppress(OSError), client:
                client.recv(4096)
                while not stop.is_set():
                    client.sendall(b"H")
                    time.sleep(0.05)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(2)
    server.close()


def test_a_trickling_server_cannot_hold_a_request_past_its_timeout(trickler: int) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError) as caught:
        request("GET", f"http://127.0.0.1:{trickler}/", timeout=0.4, allow_private=True)
    assert caught.value.kind == "timeout"
    assert 0.35 <= time.monotonic() - start < 1.5


def test_body_reads_are_capped() -> None:
    from fakeweb import FakeWeb

    with FakeWeb() as web:
        start = time.monotonic()
        response = request("GET", web.url("/big"), timeout=2, allow_private=True, max_body=300_000)
        assert response.status == 200 and len(response.body) == 300_000 and response.truncated
        assert time.monotonic() - start < 1.5


# -- registration -----------------------------------------------------------------------------------
@pytest.fixture
def registered() -> Iterator[None]:
    """The online rules registered for one test, the global registry restored afterwards
    (other test modules count the rules of their families)."""
    import importlib

    from vrlint.rules.base import _REGISTRY, all_rules

    all_rules()  # every family imported (and registered) before the registry is saved
    saved = dict(_REGISTRY)
    import vrlint.rules.online as module

    for code in ONLINE_CODES:
        _REGISTRY.pop(code, None)
    importlib.reload(module)
    yield
    _REGISTRY.clear()
    _REGISTRY.update(saved)


@pytest.mark.parametrize("code", ONLINE_CODES)
def test_online_rules_are_registered_and_silent_offline(code: str, registered: None) -> None:
    found = get_rule(code)
    assert found is not None and found.code == code
    assert found.name.replace("-", "").isalpha() and found.name == found.name.lower()
    assert found.severity in ("error", "warning") and found.summary.endswith("(online).")
    assert found.why and found.bad.strip() and found.good.strip() and found.bad != found.good
    assert found.fix == {"VR452": "unsafe", "VR454": "safe"}.get(code)
    assert (found.name, found.severity) == (online_rule(code).name, online_rule(code).severity)
    for example in (found.bad, found.good):
        document = vrlint.parse(example)
        assert document.links, example  # the examples show links
        assert list(run_rules(document, [found])) == []


def test_checking_online_registers_only_the_documented_online_rules() -> None:
    """check_online runs the online rules in the engine: at most it imports their family."""
    from vrlint.online import OnlineOptions, check_online
    from vrlint.rules.base import _REGISTRY

    before = set(_REGISTRY)
    check_online(vrlint.parse("text\n"), "README.md", None, OnlineOptions(use_cache=False))
    assert set(_REGISTRY) - before <= set(ONLINE_CODES)
    for code in ONLINE_CODES:
        assert (_REGISTRY[code].name, _REGISTRY[code].severity) == (online_rule(code).name, online_rule(code).severity)
