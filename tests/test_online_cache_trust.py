"""Issue 17 item 5: the online cache may be planted by a pull request.

Entries are validated (types, a time not in the future, an age capped by
vrlint), the cache is never followed through a symbolic link, a cache that
fails validation is ignored with a warning, fixes from cached answers are
never safe, and the Action keeps its cache out of the checkout. A local
server (127.0.0.1) answers every request.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakeweb import FakeWeb

import vrlint
from vrlint.action import ActionError, read_inputs
from vrlint.diagnostics import Diagnostic
from vrlint.online import OnlineOptions, check_online
from vrlint.online import cache as online_cache

YEAR = 365 * 86400.0


@pytest.fixture
def web() -> Iterator[FakeWeb]:
    online_cache._MEMO.clear()
    with FakeWeb() as server:
        yield server


def check(text: str, cache_dir: Path, stream: io.StringIO | None = None, **extra: Any) -> list[Diagnostic]:
    options = OnlineOptions(
        arxiv=False, allow_private_hosts=True, use_cache=True, cache_dir=cache_dir, timeout=2.0,
        backoff=0.05, progress=stream, **extra,
    )  # fmt: skip
    return check_online(vrlint.parse(text), "README.md", None, options)


def plant(directory: Path, *entries: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "links.jsonl"
    lines = [json.dumps({"format": 1, "tool": "vrlint"})] + [json.dumps(e) for e in entries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ok(url: str, **fields: Any) -> dict[str, Any]:
    return {"url": url, "verdict": "ok", "status": 200, "detail": "", "moved_to": None, "moved_status": None, **fields}


def test_a_far_future_entry_does_not_hide_a_dead_link(web: FakeWeb, tmp_path: Path) -> None:
    url = web.url("/status/404")
    plant(tmp_path / "cache", {"key": url, "time": time.time() + 50 * YEAR, "value": ok(url)})
    stream = io.StringIO()
    found = check(f"[a]({url})\n", tmp_path / "cache", stream)
    assert [d.code for d in found] == ["VR451"]
    assert "cache ignored" in stream.getvalue() and "in the future" in stream.getvalue()


def test_an_entry_cannot_extend_its_own_age(web: FakeWeb, tmp_path: Path) -> None:
    url = web.url("/status/404")
    plant(tmp_path / "cache", {"key": url, "time": time.time() - 30 * 86400, "max_age": 100 * YEAR, "value": ok(url)})
    assert [d.code for d in check(f"[a]({url})\n", tmp_path / "cache")] == ["VR451"]


@pytest.mark.parametrize(
    "entry",
    [
        {"key": "K", "time": "yesterday", "value": {}},
        {"key": "K", "time": 1, "max_age": "forever", "value": {}},
        {"key": "K", "time": 1, "value": "ok"},
        {"key": "K", "time": 1, "value": [1, 2]},
        {"key": "K", "time": "NOW", "value": {"url": 1, "verdict": "ok"}},
        {"key": "K", "time": "NOW", "value": {"url": "K", "verdict": "ok", "moved_to": 5}},
        {"key": "K", "time": "NOW", "value": {"url": "K", "verdict": "dead", "detail": "\x1b[2J\x1b[31mgone"}},
        ["not", "an", "object"],
    ],
)
def test_wrongly_typed_entries_are_ignored_with_a_warning(web: FakeWeb, tmp_path: Path, entry: Any) -> None:
    url = web.url("/ok")
    raw = json.dumps(entry).replace('"K"', json.dumps(url)).replace('"NOW"', str(time.time()))
    cache = tmp_path / "cache"
    plant(cache)
    (cache / "links.jsonl").write_text((cache / "links.jsonl").read_text() + raw + "\n", encoding="utf-8")
    stream = io.StringIO()
    assert check(f"[a]({url})\n", cache, stream) == []
    assert web.hits["/ok"] == 1  # asked, not taken from the planted entry
    assert "cache ignored" in stream.getvalue() and "\x1b" not in stream.getvalue()
    # the next run rewrote the file with the real answer only
    stream = io.StringIO()
    assert check(f"[a]({url})\n", cache, stream) == [] and web.hits["/ok"] == 1
    assert "cache ignored" not in stream.getvalue()


def test_a_planted_rename_gives_no_safe_fix(web: FakeWeb, tmp_path: Path) -> None:
    web.routes["/old/name"] = (200, {})
    url = "https://github.com/old/name"
    moved = "https://github.com/attacker/name"
    cache = tmp_path / "cache"
    base = web.base
    plant(cache, {"key": f"{base} {url}", "time": time.time(), "value": ok(url, moved_to=moved, moved_status=301)})
    (found,) = check(f"[code]({url})\n", cache, link_base_url=base)
    assert found.code == "VR454" and found.fix is not None
    assert found.fix.applicability == "unsafe"


def test_a_live_rename_still_gets_a_safe_fix(web: FakeWeb, tmp_path: Path) -> None:
    web.routes["/old-owner/old-name"] = (301, {"Location": "https://github.com/new-owner/new-name"})
    web.routes["/new-owner/new-name"] = (200, {})
    (found,) = check("[code](https://github.com/old-owner/old-name)\n", tmp_path / "cache", link_base_url=web.base)
    assert found.fix is not None and found.fix.applicability == "safe"


def test_a_linked_cache_directory_is_never_followed(web: FakeWeb, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    (checkout / ".vrlint-cache").symlink_to(outside, target_is_directory=True)
    stream = io.StringIO()
    assert check(f"[a]({web.url('/ok')})\n", checkout / ".vrlint-cache", stream) == []
    assert list(outside.iterdir()) == []
    assert "symbolic link" in stream.getvalue()


def test_a_linked_cache_file_is_never_read_or_written(web: FakeWeb, tmp_path: Path) -> None:
    url = web.url("/status/404")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "links.jsonl").symlink_to(victim)
    assert [d.code for d in check(f"[a]({url})\n", cache)] == ["VR451"]
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert (cache / "links.jsonl").is_symlink()


def test_a_linked_gitignore_is_not_written_through(web: FakeWeb, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / ".gitignore").symlink_to(tmp_path / "victim.txt")
    check(f"[a]({web.url('/ok')})\n", cache)
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_the_action_keeps_its_cache_outside_the_checkout(tmp_path: Path) -> None:
    workspace = tmp_path / "work"
    workspace.mkdir()
    environ = {"GITHUB_WORKSPACE": str(workspace), "RUNNER_TEMP": str(tmp_path / "tmp"), "VRLINT_PATHS": "README.md"}
    inputs = read_inputs({**environ, "VRLINT_ARGS": "--online"})
    assert inputs.cache_args == ["--cache-dir", str(tmp_path / "tmp" / "vrlint-cache")]
    with pytest.raises(ActionError, match="outside the checkout"):
        read_inputs({**environ, "VRLINT_ARGS": f"--online --cache-dir {workspace / '.vrlint-cache'}"})
    kept = read_inputs({**environ, "VRLINT_ARGS": f"--cache-dir {tmp_path / 'mine'}"})
    assert kept.args == ["--cache-dir", str(tmp_path / "mine")] and kept.cache_args == []


# -- issue 17 item 8: a hostile Retry-After -------------------------------------------------------
def test_non_ascii_digits_in_retry_after_are_not_a_delay() -> None:
    from vrlint.online.links import parse_retry_after

    assert parse_retry_after("²") is None
    assert parse_retry_after("٣") is None  # ARABIC-INDIC DIGIT THREE
    assert parse_retry_after("12") == 12.0


def test_a_server_sending_retry_after_superscript_two_does_not_crash(web: FakeWeb, tmp_path: Path) -> None:
    web.routes["/busy"] = (429, {"Retry-After": "²"})
    stream = io.StringIO()
    assert check(f"[a]({web.url('/busy')})\n", tmp_path / "cache", stream, retries=1) == []
    assert "1 not verified" in stream.getvalue()
    assert web.hits["/busy"] == 2
