"""Online checks without a network: when no host resolves (or connects),
vrlint says so once, reports no link as dead and caches nothing. Name
resolution is replaced in-process; nothing is sent anywhere."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

import vrlint
from vrlint.cli import main
from vrlint.online import OnlineOptions, check_online

LINKS = (
    "# Papers\n\n| Title | Code | Page |\n|---|---|---|\n"
    "| A | [code](https://github.com/a/b) | [page](https://a.example/p) |\n"
    "| B | [code](https://gitlab.com/c/d) | [page](https://b.example/q) |\n"
)


def _no_dns(*args: Any, **kwargs: Any) -> Any:
    raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")


def test_no_network_is_said_once_and_nothing_is_dead_or_cached(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("README.md", "OTHER.md"):
        (tmp_path / name).write_text(LINKS, encoding="utf-8")
    monkeypatch.setattr(socket, "getaddrinfo", _no_dns)
    cache = tmp_path / "cache"
    code = main([
        "check", "--check-links", "--cache-dir", str(cache), "--output-format", "concise",
        "--timeout", "2", str(tmp_path / "README.md"), str(tmp_path / "OTHER.md"),
    ])  # fmt: skip
    out, err = capsys.readouterr()
    assert "VR451" not in out
    assert err.count("network unreachable: online checks skipped") == 1
    offline = main(["check", "--output-format", "concise", str(tmp_path / "README.md"), str(tmp_path / "OTHER.md")])
    assert (code, out) == (offline, capsys.readouterr().out)  # what the offline checks say, nothing more
    cached = [p for p in cache.rglob("*") if p.is_file()] if cache.exists() else []
    assert all("github.com" not in p.read_text(encoding="utf-8") for p in cached)


def _check(text: str, resolver: Any) -> list[str]:
    options = OnlineOptions(arxiv=False, use_cache=False, timeout=2.0, resolver=resolver)
    return [d.code for d in check_online(vrlint.parse(text), "README.md", None, options)]


def test_dead_hosts_among_live_ones_are_still_dead() -> None:
    """Two hosts that do not resolve are two dead links, not a network outage."""
    text = "[a](https://gone-one.example/x) [b](https://gone-two.example/y)\n"

    def resolver(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "no such host")

    assert _check(text, resolver) == ["VR451", "VR451"]
