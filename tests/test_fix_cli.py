"""What ``vrlint --fix`` tells the user: --show-fixes, the summary, --diff
(coloured on request, notes for invisible characters), fixes not applied,
and ``--online --fix``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakeweb import FakeWeb, route_links_to

from vrlint.cli import main
from vrlint.fixing.show import visible

README = "# T\n\n| a | b |\n|---|---|\n| x | [code](https://github.coma/b) |\n| y | z |\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "README.md"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_show_fixes_and_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, README)
    code, _, err = run(capsys, "check", "--fix", "--show-fixes", str(path))
    assert code == 0, err
    assert f"{path}:5:14: VR401 '' -> '/'" in err
    assert f"vrlint: fixed 1 problem (1 line changed) in {path}" in err
    assert path.read_text(encoding="utf-8") == README.replace("github.coma/", "github.com/a/")


def test_a_file_without_findings_gets_no_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = "# T\n\n|a|b|\n|-|-|\n| c |d|\n|e|  f  |\n"
    path = write(tmp_path, clean)
    code, out, err = run(capsys, "check", "--fix", "--diff", str(path))
    assert (code, out) == (0, ""), err
    assert path.read_text(encoding="utf-8") == clean


@pytest.mark.parametrize(("color", "painted"), [("always", True), ("never", False)])
def test_diff_is_coloured_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], color: str, painted: bool
) -> None:
    path = write(tmp_path, README)
    code, out, _ = run(capsys, "check", "--diff", "--color", color, str(path))
    assert code == 1
    assert ("\x1b[31m-| x |" in out and "\x1b[32m+| x |" in out) is painted
    assert ("\x1b[" in out) is painted
    assert "+| x | [code](https://github.com/a/b) |" in out.replace("\x1b[32m", "").replace("\x1b[0m", "")


def test_a_fix_removing_an_invisible_character_says_so_in_the_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "# Models\n\n## Video\u200b Models\n\nSee [video](#video-models).\n"
    path = write(tmp_path, text)
    code, out, err = run(capsys, "check", "--diff", "--color", "never", str(path))
    assert code == 1, err
    assert "<U+200B>" in out and out.splitlines()[-1].startswith("# vrlint: ")
    assert visible("a\ufe0fb") == "'a<U+FE0F>b'"


def test_a_fix_that_would_remove_a_table_is_reported_not_applied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "| Model | Paper |\x7f\n| --- | --- | --- |\n| A | B | C |\n"
    path = write(tmp_path, text)
    code, _, err = run(capsys, "check", "--fix", str(path))
    assert code == 1
    assert f"vrlint: {path}:1:" in err and "VR802 fix not applied: table at line 1 would no longer be a table" in err
    assert path.read_bytes() == text.encode("utf-8")


def test_fix_with_select_changes_only_that_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = README + "\n[paper](https:/arxiv.org/abs/2401.00001)\n"
    path = write(tmp_path, text)
    run(capsys, "check", "--fix", "--select", "VR406", str(path))
    assert path.read_text(encoding="utf-8") == README + "\n[paper](https://arxiv.org/abs/2401.00001)\n"


# -- --online --fix ------------------------------------------------------------------------
@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeWeb]:
    with FakeWeb() as server:
        route_links_to(monkeypatch, server.base)  # the README's links are answered by this server
        server.routes["/old-owner/valor"] = (301, {"Location": "https://github.com/new-owner/valor"})
        server.routes["/new-owner/valor"] = (200, {})
        yield server


def test_online_fix_applies_the_safe_online_fixes(
    web: FakeWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "# P\n\n| Title | Code |\n|---|---|\n| VALOR | [code](https://github.com/old-owner/valor) |\n"
    path = write(tmp_path, text)
    online = ["--check-links", "--allow-private-hosts"]
    online += ["--cache-dir", str(tmp_path / "cache"), "--timeout", "2"]
    code, out, err = run(capsys, "check", "--fix", "--output-format", "json", *online, str(path))
    assert path.read_text(encoding="utf-8") == text.replace("old-owner", "new-owner"), err
    assert "VR454" not in {d["code"] for d in json.loads(out)}
    assert "fixed 1 problem (1 line changed)" in err
    assert code == 0


def test_format_check_passes_on_a_file_consistent_with_its_own_style(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """lchen1019's 21 hand-aligned tables and a compact table: nothing to do."""
    from conftest import corpus_readme, read

    text = read(corpus_readme("lchen1019__awesome-mllm-benchmarks.md")) + "\n| a | b |\n|---|---|\n| c | d |\n"
    path = write(tmp_path, text)
    assert run(capsys, "format", "--check", str(path))[0] == 0
    assert run(capsys, "format", "--check", "--style", "compact", str(path))[0] == 1


def test_one_fix_round_parses_the_file_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: once to lint, once to verify the round; the report reuses the verified parse."""
    from vrlint.parsing import build
    from vrlint.parsing.blocks import Node

    builds: list[int] = []
    real = build._Builder.build

    def counting(self: build._Builder, root: Node) -> None:
        builds.append(1)
        real(self, root)

    monkeypatch.setattr(build._Builder, "build", counting)
    path = write(tmp_path, README)
    code, _, err = run(capsys, "check", "--fix", str(path))
    assert code == 0, err
    assert "fixed 1 problem" in err
    assert len(builds) == 2
