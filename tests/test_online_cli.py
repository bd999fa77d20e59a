"""``vrlint check --online`` end to end, through ``vrlint.cli.main`` (local servers only)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakeweb import FakeWeb, route_links_to

from vrlint.cli import main
from vrlint.online.arxiv_api import CANARY_ID


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeWeb]:
    with FakeWeb() as server:
        route_links_to(monkeypatch, server.base)  # the README's links are answered by this server
        server.papers[CANARY_ID] = {"id": f"{CANARY_ID}v7", "title": "Attention Is All You Need"}
        server.papers["2304.08345"] = {
            "id": "2304.08345v2",
            "title": "VALOR: Vision-Audio-Language Omni-Perception Pretraining Model and Dataset",
        }
        server.routes["/old-owner/valor"] = (301, {"Location": "https://github.com/new-owner/valor"})
        server.routes["/new-owner/valor"] = (200, {})
        server.routes["/project"] = (200, {})
        yield server


README = (
    "# Papers\n\n| Title | Paper | Code | Page |\n|---|---|---|---|\n"
    "| VALOR | [arXiv](https://arxiv.org/abs/2304.08345) | [code](https://github.com/old-owner/valor) "
    "| [page](https://valor.example/project) |\n"
    "| Ghost | [arXiv](https://arxiv.org/abs/2310.99999) | [code](https://github.com/someone/deleted) | |\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def online_args(web: FakeWeb, tmp_path: Path) -> list[str]:
    return [
        "--arxiv-api-url",
        web.url("/api/query"),
        "--allow-private-hosts",
        "--cache-dir",
        str(tmp_path / "cache"),
        "--timeout",
        "2",
    ]


def test_check_online_end_to_end(web: FakeWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README, encoding="utf-8")
    args = ["--online", "--output-format", "json", *online_args(web, tmp_path)]
    code, out, err = run(capsys, "check", str(readme), *args)
    assert code == 1
    found = [(d["code"], d["line"]) for d in json.loads(out) if d["code"][:4] in ("VR25", "VR45")]
    assert found == [("VR454", 5), ("VR251", 6), ("VR451", 6)]
    (renamed,) = [d for d in json.loads(out) if d["code"] == "VR454"]
    assert renamed["fix"]["applicability"] == "safe"
    assert renamed["fix"]["edits"][0]["content"] == "https://github.com/new-owner/valor"
    assert err.count("\n") == 1 and err.startswith(f"vrlint: online: {readme}: ")
    requests = web.requests
    assert requests > 0 and (tmp_path / "cache" / "links.jsonl").is_file()

    # a second run answers everything from the cache; a fix from a cached
    # answer is never safe (the cache may have been planted: issue 17)
    code, out_again, _ = run(capsys, "check", str(readme), *args)
    expected = json.loads(out)
    for item in expected:
        if item["code"] == "VR454":
            item["fix"]["applicability"] = "unsafe"
    assert code == 1 and json.loads(out_again) == expected
    assert web.requests == requests


def test_links_only_and_arxiv_only(web: FakeWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README, encoding="utf-8")
    args = ["--output-format", "json", *online_args(web, tmp_path)]
    _, out, _ = run(capsys, "check", str(readme), "--check-links", *args)
    codes = {d["code"] for d in json.loads(out)}
    assert {"VR451", "VR454"} <= codes and not codes & {"VR251", "VR252", "VR253"}
    assert web.hits["/api/query"] == 0
    link_requests = web.requests
    _, out, _ = run(capsys, "check", str(readme), "--check-arxiv", *args)
    codes = {d["code"] for d in json.loads(out)}
    assert "VR251" in codes and not codes & {"VR451", "VR452", "VR453", "VR454"}
    assert web.requests == link_requests + 1 == web.hits["/api/query"] + link_requests


def test_private_hosts_are_refused_without_the_flag(
    web: FakeWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"[demo]({web.url('/ok')})\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "check", str(readme), "--check-links", "--output-format", "json", "--cache-dir", str(tmp_path)
    )
    assert code == 1
    (found,) = json.loads(out)
    assert found["code"] == "VR453" and found["name"] == "private-host-refused"
    assert web.requests == 0


def test_offline_check_makes_no_requests(web: FakeWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README.replace("https://valor.example", web.base), encoding="utf-8")
    _, out, err = run(capsys, "check", str(readme), "--output-format", "json")
    assert not [d for d in json.loads(out) if d["code"][:4] in ("VR25", "VR45")]
    assert web.requests == 0 and "online" not in err


def test_bad_online_settings_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("text\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(readme), "--online", "--timeout", "0")
    assert code == 2 and "timeout must be positive" in err and "Traceback" not in err
