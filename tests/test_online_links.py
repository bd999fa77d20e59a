"""Online link checks (VR451-VR454) against a local server; never the real network."""

from __future__ import annotations

import email.utils
import io
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakeweb import FakeWeb

import vrlint
from vrlint.config import Config
from vrlint.diagnostics import Diagnostic
from vrlint.fixing.apply import apply_edits
from vrlint.online import OnlineOptions, check_online, safety
from vrlint.online import check as online_check
from vrlint.online import http as online_http
from vrlint.online.progress import Progress


@pytest.fixture
def web() -> Iterator[FakeWeb]:
    with FakeWeb() as server:
        yield server


def options(**overrides: Any) -> OnlineOptions:
    settings: dict[str, Any] = {
        "arxiv": False,
        "allow_private_hosts": True,
        "use_cache": False,
        "timeout": 2.0,
        "backoff": 0.05,
    }
    settings.update(overrides)
    return OnlineOptions(**settings)


#: every online rule, VR452 (opt-in) included
EVERY_RULE = Config(select=["ALL"])


def check(text: str, config: Config | None = None, **overrides: Any) -> list[Diagnostic]:
    return check_online(vrlint.parse(text), "README.md", config or EVERY_RULE, options(**overrides))


def column_of(text: str, needle: str) -> int:
    line = next(line for line in text.splitlines() if needle in line)
    return line.index(needle) + 1


# -- verdicts ----------------------------------------------------------------------------------
def test_live_link_is_silent_and_costs_one_head(web: FakeWeb) -> None:
    assert check(f"[ok]({web.url('/ok')})\n") == []
    assert [m for m, _, _ in web.log] == ["HEAD"]


@pytest.mark.parametrize("status", [404, 410])
def test_404_and_410_are_dead_links(web: FakeWeb, status: int) -> None:
    url = web.url(f"/status/{status}")
    text = f"# Title\n\n| Paper | Code |\n|---|---|\n| X | [code]({url}) |\n"
    (found,) = check(text)
    assert (found.code, found.name, found.severity) == ("VR451", "dead-link", "error")
    assert (found.line, found.column) == (5, column_of(text, url))
    assert found.span.end_column - found.span.column == len(url)
    assert "dead link" in found.message and str(status) in found.message and "remove it" in found.message
    # a dead verdict is confirmed with GET: HEAD, then GET
    assert [m for m, _, _ in web.log] == ["HEAD", "GET"]


def test_head_refused_then_get_ok(web: FakeWeb) -> None:
    assert check(f"[a]({web.url('/nohead/page')})\n") == []
    assert [m for m, _, _ in web.log] == ["HEAD", "GET"]


def test_unreachable_port_is_dead() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (found,) = check(f"[a](http://127.0.0.1:{port}/x)\n")
    assert found.code == "VR451" and "refused the connection" in found.message


def test_unknown_host_is_dead() -> None:
    def resolver(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "no such host")

    (found,) = check("[a](https://no-such-host.example/x)\n", resolver=resolver)
    assert found.code == "VR451" and "no-such-host.example does not resolve" in found.message


def test_slow_answer_past_the_timeout_is_dead(web: FakeWeb) -> None:
    start = time.monotonic()
    (found,) = check(f"[a]({web.url('/slow/3')})\n", timeout=0.3)
    assert time.monotonic() - start < 1.5
    assert found.code == "VR451" and "did not answer within 0.3 s" in found.message


def test_endless_body_is_not_read(web: FakeWeb) -> None:
    start = time.monotonic()
    assert check(f"[a]({web.url('/big')})\n") == []
    assert time.monotonic() - start < 1.5
    assert [m for m, _, _ in web.log] == ["HEAD", "GET"]


@pytest.mark.parametrize("status", [401, 403, 400, 418])
def test_statuses_that_say_nothing_are_not_reported(web: FakeWeb, status: int) -> None:
    stream = io.StringIO()
    assert check(f"[a]({web.url(f'/status/{status}')})\n", progress=stream) == []
    assert "1 link (0 cached, 1 not verified)" in stream.getvalue()


def test_accepted_statuses_are_configurable(web: FakeWeb) -> None:
    stream = io.StringIO()
    assert check(f"[a]({web.url('/status/403')})\n", accept_status=[403], progress=stream) == []
    assert "0 not verified" in stream.getvalue()


# -- retries -------------------------------------------------------------------------------------
def test_429_waits_for_retry_after_seconds(web: FakeWeb) -> None:
    start = time.monotonic()
    assert check(f"[a]({web.url('/flaky/1/1')})\n") == []
    elapsed = time.monotonic() - start
    assert 0.9 <= elapsed < 3.0
    assert web.hits["/flaky/1/1"] == 2


def test_429_waits_for_retry_after_http_date(web: FakeWeb) -> None:
    when = email.utils.formatdate(time.time() + 2, usegmt=True).replace(" ", "_")
    start = time.monotonic()
    assert check(f"[a]({web.url(f'/flaky/1/{when}')})\n") == []
    elapsed = time.monotonic() - start
    assert 0.9 <= elapsed < 3.5  # HTTP dates have one-second resolution
    assert web.hits[f"/flaky/1/{when}"] == 2


def test_retry_after_is_capped(web: FakeWeb) -> None:
    start = time.monotonic()
    assert check(f"[a]({web.url('/flaky/1/3600')})\n", max_retry_after=0.2) == []
    assert time.monotonic() - start < 1.5


def test_5xx_is_retried_with_backoff_then_unverified(web: FakeWeb) -> None:
    stream = io.StringIO()
    start = time.monotonic()
    assert check(f"[a]({web.url('/status/503')})\n", retries=2, backoff=0.1, progress=stream) == []
    elapsed = time.monotonic() - start
    assert 0.3 <= elapsed < 2.0  # 0.1 + 0.2 of backoff
    assert [m for m, _, _ in web.log] == ["HEAD", "HEAD", "HEAD"]
    assert "1 not verified" in stream.getvalue()


def test_a_429_holds_back_the_whole_host_and_only_that_host(web: FakeWeb) -> None:
    # a.example: the 429 arrives at once; the slow link holds the second slot until 0.3 s, then the
    # third link's turn comes, while the host is held back until the Retry-After (1 s) ends
    text = (
        "[a](https://a.example/flaky/1/1) [b](https://a.example/slow/0.3) [c](https://a.example/ok/a3)\n"
        "[d](https://b.example/slow/0.4/b) [e](https://b.example/slow/0.4/b1) [f](https://b.example/ok/b2)\n"
    )
    start = time.monotonic()
    assert check(text, host_concurrency=2, link_base_url=web.base) == []
    sent = {path: when - start for when, path in web.times}
    assert sent["/ok/a3"] >= 0.9  # waited for the Retry-After of the 429
    assert 0.35 <= sent["/ok/b2"] < 0.9  # sent after the 429, but another host is not held back
    assert web.hits["/flaky/1/1"] == 2


# -- redirects -------------------------------------------------------------------------------------
def test_permanent_redirect_chain_reports_the_final_url(web: FakeWeb) -> None:
    web.routes["/old"] = (301, {"Location": "/redirect/308/ok/new"})
    old, new = web.url("/old"), web.url("/ok/new")
    text = f"See [the page]({old}#intro).\n"
    (found,) = check(text)
    assert (found.code, found.name, found.severity) == ("VR452", "permanent-redirect", "warning")
    assert found.column == column_of(text, old)
    assert "301" in found.message and f"{new}#intro" in found.message and "link the new address" in found.message
    assert found.fix is not None and found.fix.applicability == "unsafe"
    fixed = apply_edits(text, found.fix.edits)
    assert fixed == f"See [the page]({new}#intro).\n"
    assert check(fixed) == []


def test_temporary_redirects_are_fine(web: FakeWeb) -> None:
    assert check(f"[a]({web.url('/redirect/302/ok/x')}) [b]({web.url('/redirect/307/ok/y')})\n") == []


def test_only_the_leading_permanent_hops_count(web: FakeWeb) -> None:
    web.routes["/a"] = (301, {"Location": "/b"})
    web.routes["/b"] = (302, {"Location": "/c"})
    web.routes["/c"] = (301, {"Location": "/ok/d"})
    (found,) = check(f"[a]({web.url('/a')})\n")
    assert found.code == "VR452" and f"to {web.url('/b')};" in found.message


def test_redirect_to_the_front_page_says_the_page_is_gone(web: FakeWeb) -> None:
    web.routes["/paper/some-method"] = (301, {"Location": "https://papers.example/"})
    web.routes["/"] = (200, {})
    (found,) = check("[p](https://papers.example/paper/some-method)\n", link_base_url=web.base)
    assert found.code == "VR452" and "front page" in found.message and "probably gone" in found.message
    assert found.fix is None  # linking the front page would not help


def test_control_characters_in_a_location_are_not_followed(web: FakeWeb) -> None:
    web.routes["/evil"] = (301, {"Location": "/ok/\x1b[2Jx"})
    assert check(f"[a]({web.url('/evil')})\n") == []
    assert web.hits["/evil"] == 1 and len(web.log) == 1


def test_trailing_slash_redirect_is_not_reported(web: FakeWeb) -> None:
    web.routes["/project"] = (301, {"Location": "/project/"})
    web.routes["/project/"] = (200, {})
    assert check(f"[a]({web.url('/project')})\n") == []


def test_redirect_loop_is_dead(web: FakeWeb) -> None:
    web.routes["/x"] = (302, {"Location": "/y"})
    web.routes["/y"] = (302, {"Location": "/x"})
    (found,) = check(f"[a]({web.url('/x')})\n")
    assert found.code == "VR451" and "loop" in found.message


def test_dead_after_redirect_says_where(web: FakeWeb) -> None:
    (found,) = check(f"[a]({web.url('/redirect/302/status/404')})\n")
    assert found.code == "VR451" and "after a redirect to" in found.message


# -- GitHub renames (--link-base-url maps the README's URLs onto the local server) ----------------
def test_renamed_github_repo_gets_a_safe_fix(web: FakeWeb) -> None:
    web.routes["/old-owner/old-name"] = (301, {"Location": "https://github.com/new-owner/new-name"})
    web.routes["/new-owner/new-name"] = (200, {})
    text = "| Code |\n|---|\n| [code](https://github.com/old-owner/old-name) |\n"
    (found,) = check(text, link_base_url=web.base)
    assert (found.code, found.name, found.severity) == ("VR454", "renamed-github-repo", "warning")
    assert (found.line, found.column) == (3, column_of(text, "https://github.com/old-owner"))
    assert "old-owner/old-name" in found.message and "new-owner/new-name" in found.message
    assert found.fix is not None and found.fix.applicability == "safe"
    fixed = apply_edits(text, found.fix.edits)
    assert fixed == "| Code |\n|---|\n| [code](https://github.com/new-owner/new-name) |\n"
    assert check(fixed, link_base_url=web.base) == []


def test_renamed_repo_fix_keeps_subpath_fragment_and_updates_a_url_label(web: FakeWeb) -> None:
    web.routes["/a/b/tree/main/src"] = (301, {"Location": "/c/d/tree/main/src"})
    web.routes["/c/d/tree/main/src"] = (200, {})
    web.routes["/a/b"] = (301, {"Location": "https://github.com/c/d"})
    web.routes["/c/d"] = (200, {})
    text = (
        "[src](https://github.com/a/b/tree/main/src#readme)\n\n"
        "[https://github.com/a/b](https://github.com/a/b) and <https://github.com/a/b>\n"
    )
    found = check(text, link_base_url=web.base)
    assert [d.code for d in found] == ["VR454", "VR454", "VR454"]
    edits = [edit for d in found for edit in (d.fix.edits if d.fix else ())]
    fixed = apply_edits(text, edits)
    assert fixed == (
        "[src](https://github.com/c/d/tree/main/src#readme)\n\n"
        "[https://github.com/c/d](https://github.com/c/d) and <https://github.com/c/d>\n"
    )
    assert check(fixed, link_base_url=web.base) == []


def test_repo_redirecting_elsewhere_is_a_plain_redirect(web: FakeWeb) -> None:
    web.routes["/a/b"] = (301, {"Location": "https://github.com/login?return_to=%2Fa%2Fb"})
    web.routes["/login"] = (200, {})
    (found,) = check("[c](https://github.com/a/b)\n", link_base_url=web.base)
    assert found.code == "VR452"


def test_no_fix_for_a_location_that_is_not_a_plain_url(web: FakeWeb) -> None:
    web.routes["/a/b"] = (301, {"Location": "https://github.com/c/d)x"})
    web.routes["/c/d)x"] = (200, {})
    (found,) = check("[c](https://github.com/a/b)\n", link_base_url=web.base)
    assert found.fix is None


# -- safety -------------------------------------------------------------------------------------------
def test_private_address_is_refused_and_not_requested(web: FakeWeb) -> None:
    text = f"Demo: [local]({web.url('/ok')}) and <http://localhost:{web.base.rsplit(':', 1)[1]}/ok>\n"
    found = check(text, allow_private_hosts=False)
    assert [d.code for d in found] == ["VR453", "VR453"]
    assert all(d.name == "private-host-refused" and d.severity == "warning" for d in found)
    assert "127.0.0.1 is a loopback address" in found[0].message
    assert "localhost resolves to 127.0.0.1" in found[1].message
    assert all("reader's own computer" in d.message and "write it as code" in d.message for d in found)
    assert web.requests == 0


@pytest.mark.parametrize(
    "addresses",
    [["10.1.2.3"], ["93.184.215.14", "192.168.0.1"], ["169.254.169.254"], ["2001:db8::1"], ["fd12::1"]],
)
def test_every_resolved_address_is_checked(addresses: list[str]) -> None:
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return addresses

    (found,) = check("[a](https://innocent.example/x)\n", allow_private_hosts=False, resolver=resolver)
    assert found.code == "VR453" and "innocent.example resolves to" in found.message
    assert "use a public URL" in found.message and "--allow-private-hosts" in found.message
    assert calls == ["innocent.example"]


def test_every_redirect_hop_is_checked_again(web: FakeWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    real = safety.forbidden_reason

    def only_second_loopback(address: Any) -> str | None:
        return real(address) if str(address) == "127.0.0.2" else None

    monkeypatch.setattr(online_http, "forbidden_reason", only_second_loopback)
    port = web.base.rsplit(":", 1)[1]
    web.routes["/hop"] = (302, {"Location": f"http://127.0.0.2:{port}/ok"})
    (found,) = check(f"[a]({web.url('/hop')})\n", allow_private_hosts=False)
    assert found.code == "VR453" and "after a redirect to" in found.message
    assert web.hits["/hop"] == 1 and web.hits["/ok"] == 0


def test_no_credentials_cookies_or_authorization_are_sent(web: FakeWeb) -> None:
    web.routes["/login"] = (302, {"Location": "/ok/after", "Set-Cookie": "session=secret"})
    port = web.base.rsplit(":", 1)[1]
    assert check(f"[a](http://user:password@127.0.0.1:{port}/login)\n") == []
    assert len(web.log) == 2
    for _method, _path, headers in web.log:
        names = {name.lower() for name in headers}
        assert "authorization" not in names and "cookie" not in names
        assert headers["User-Agent"].startswith("vrlint/")


# -- scheduling -----------------------------------------------------------------------------------
def test_per_host_concurrency_limit() -> None:
    with FakeWeb(delay=0.1) as web:
        text = "".join(f"[a](https://one.example/ok/{i}) [b](https://two.example/ok/{i})\n" for i in range(8))
        assert check(text, link_base_url=web.base, host_concurrency=2, concurrency=50) == []
        assert web.max_active <= 4
        assert web.requests == 16


def test_global_concurrency_limit() -> None:
    with FakeWeb(delay=0.1) as web:
        text = "".join(f"[a](https://h{i}.example/ok)\n" for i in range(12))
        start = time.monotonic()
        assert check(text, link_base_url=web.base, concurrency=3) == []
        assert web.max_active <= 3
        assert time.monotonic() - start >= 0.35  # 12 requests, 3 at a time, 0.1 s each


def test_total_time_limit_leaves_links_unverified(web: FakeWeb) -> None:
    stream = io.StringIO()
    start = time.monotonic()
    text = "".join(f"[a]({web.url(f'/slow/3/{i}')})\n" for i in range(4))
    assert check(text, total_timeout=0.5, timeout=5, progress=stream) == []
    assert time.monotonic() - start < 2.0
    assert "4 not verified" in stream.getvalue()


# -- cache ------------------------------------------------------------------------------------------------
def test_warm_cache_makes_no_requests(web: FakeWeb, tmp_path: Path) -> None:
    text = f"[a]({web.url('/ok')}) [b]({web.url('/status/404')}) [c]({web.url('/redirect/301/ok/z')})\n"
    first = check(text, cache_dir=tmp_path, use_cache=True)
    requests = web.requests
    assert requests > 0 and [d.code for d in first] == ["VR451", "VR452"]
    stream = io.StringIO()
    second = check(text, cache_dir=tmp_path, use_cache=True, progress=stream)
    assert web.requests == requests
    assert second == first
    assert "3 links (3 cached, 0 not verified)" in stream.getvalue()


def test_expired_and_unverified_results_are_requested_again(web: FakeWeb, tmp_path: Path) -> None:
    text = f"[a]({web.url('/ok')}) [b]({web.url('/status/503')})\n"
    check(text, cache_dir=tmp_path, use_cache=True, retries=0)
    assert web.hits["/ok"] == 1 and web.hits["/status/503"] == 1
    check(text, cache_dir=tmp_path, use_cache=True, retries=0)
    assert web.hits["/ok"] == 1 and web.hits["/status/503"] == 2  # 503 was not cached
    check(text, cache_dir=tmp_path, use_cache=True, retries=0, link_cache_days=1e-9)
    assert web.hits["/ok"] == 2


def test_network_failures_are_cached_briefly(web: FakeWeb, tmp_path: Path) -> None:
    import json

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    check(f"[a](http://127.0.0.1:{port}/x) [b]({web.url('/status/404')})\n", cache_dir=tmp_path, use_cache=True)
    lines = (tmp_path / "links.jsonl").read_text(encoding="utf-8").splitlines()[1:]
    ages = {json.loads(line)["value"]["status"]: json.loads(line).get("max_age") for line in lines}
    assert ages == {None: 3600.0, 404: None}  # a refused connection for an hour, a 404 for a day


def test_default_cache_dir_is_beside_the_file_or_the_config(web: FakeWeb, tmp_path: Path) -> None:
    text = f"[a]({web.url('/ok')})\n"
    document = vrlint.parse(text)
    check_online(document, str(tmp_path / "docs" / "README.md"), None, options(use_cache=True))
    assert (tmp_path / "docs" / ".vrlint-cache" / "links.jsonl").is_file()
    assert (tmp_path / "docs" / ".vrlint-cache" / ".gitignore").read_text().endswith("*\n")
    config = Config(source=tmp_path / "project" / ".vrlint.toml")
    check_online(document, str(tmp_path / "docs" / "README.md"), config, options(use_cache=True))
    assert (tmp_path / "project" / ".vrlint-cache" / "links.jsonl").is_file()


def test_corrupt_cache_is_ignored(web: FakeWeb, tmp_path: Path) -> None:
    (tmp_path / "links.jsonl").write_text("{not json", encoding="utf-8")
    text = f"[a]({web.url('/status/404')})\n"
    assert check(text, cache_dir=tmp_path, use_cache=True)[0].code == "VR451"
    assert (tmp_path / "links.jsonl").read_text(encoding="utf-8").startswith('{"format": 1')
    requests = web.requests
    assert check(text, cache_dir=tmp_path, use_cache=True)[0].code == "VR451"
    assert web.requests == requests


def test_cache_lines_cut_short_cost_one_entry(web: FakeWeb, tmp_path: Path) -> None:
    first, second = web.url("/status/404"), web.url("/status/410")
    check(f"[a]({first})\n", cache_dir=tmp_path, use_cache=True)
    cache = tmp_path / "links.jsonl"
    cache.write_text(cache.read_text(encoding="utf-8") + '{"key": "cut sh', encoding="utf-8")
    check(f"[b]({second})\n", cache_dir=tmp_path, use_cache=True)
    requests = web.requests
    assert len(check(f"[a]({first}) [b]({second})\n", cache_dir=tmp_path, use_cache=True)) == 2
    assert web.requests == requests


def test_runs_sharing_a_cache_keep_each_others_results(web: FakeWeb, tmp_path: Path) -> None:
    from vrlint.online import cache as online_cache

    first, second = web.url("/ok/1"), web.url("/ok/2")
    check(f"[a]({first})\n", cache_dir=tmp_path, use_cache=True)
    online_cache._MEMO.clear()  # as if the next run were another process
    check(f"[b]({second})\n", cache_dir=tmp_path, use_cache=True)
    check(f"[a]({first}) [b]({second})\n", cache_dir=tmp_path, use_cache=True)
    assert web.hits["/ok/1"] == web.hits["/ok/2"] == 1


# -- what is checked -------------------------------------------------------------------------------------
def test_code_blocks_comments_relative_and_excluded_links_are_not_requested(web: FakeWeb) -> None:
    text = (
        f"```\n[a]({web.url('/status/404')})\n```\n\n"
        f"<!-- [b]({web.url('/status/404')}) -->\n\n"
        "[c](docs/x.md) [d](#top) [e](mailto:a@b.c)\n\n"
        f"[f]({web.url('/status/410')})\n"
    )
    assert check(text, exclude=[f"{web.base}/status/*"]) == []
    assert web.requests == 0


def test_badge_images_and_html_links_are_checked(web: FakeWeb) -> None:
    image = web.url("/status/404")
    target = web.url("/ok/paper")
    html_url = web.url("/status/410") + "?a=1&amp;b=2"
    text = f'[![arXiv]({image})]({target}) <a href="{html_url}">x</a>\n'
    found = check(text)
    assert [(d.code, d.column) for d in found] == [
        ("VR451", column_of(text, image)),
        ("VR451", column_of(text, html_url)),
    ]
    assert ("GET", "/status/410?a=1&b=2") in [(m, p) for m, p, _ in web.log]


def test_each_url_is_requested_once_whatever_its_fragment(web: FakeWeb) -> None:
    url = web.url("/status/404")
    found = check(f"[a]({url}#x) [b]({url}#y)\n\n[c]({url})\n")
    assert [d.line for d in found] == [1, 1, 3]
    assert web.hits["/status/404"] == 2  # one HEAD, one GET


def test_suppressions_and_ignore_apply(web: FakeWeb) -> None:
    url = web.url("/status/404")
    text = f"<!-- vrlint-disable-next-line VR451 -->\n[a]({url})\n\n[b]({url})\n"
    assert [d.line for d in check(text)] == [4]
    assert check(text, config=Config(ignore=["VR45"])) == []


def test_progress_bar_only_on_a_terminal(web: FakeWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(Progress, "delay", 0.0)
    monkeypatch.setattr(Progress, "interval", 0.0)
    terminal, pipe = Terminal(), io.StringIO()
    text = "".join(f"[a]({web.url(f'/ok/{i}')})\n" for i in range(5))
    check(text, progress=terminal)
    check(text, progress=pipe)
    assert "links [" in terminal.getvalue() and "\r" in terminal.getvalue()
    assert pipe.getvalue().count("\n") == 1 and "[" not in pipe.getvalue()
    assert pipe.getvalue().startswith("vrlint: online: README.md: 5 links")


def test_online_module_exposes_last_run_counts(web: FakeWeb) -> None:
    check(f"[a]({web.url('/ok')}) [b]({web.url('/ok')})\n")
    assert online_check.LAST_RUN.links == 1 and online_check.LAST_RUN.link_requests == 1


def test_permanent_redirect_is_opt_in(web: FakeWeb) -> None:
    web.routes["/old"] = (301, {"Location": "/ok/new"})
    text = f"[x]({web.url('/old')})\n"
    assert [d.code for d in check(text)] == ["VR452"]
    assert check_online(vrlint.parse(text), "README.md", Config(), options()) == []


def test_one_dead_address_linked_from_many_rows_is_one_finding(web: FakeWeb) -> None:
    dead = web.url("/status/404")
    text = "".join(f"| P{i} | [code]({dead}) |\n" for i in range(3))
    text = "| Paper | Code |\n|---|---|\n" + text
    (found,) = check(text)
    assert found.code == "VR451" and found.count == 3 and [r.line for r in found.related] == [4, 5]
