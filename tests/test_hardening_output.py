"""Issue 17 item 6: what ``text`` and ``concise`` print cannot drive a
terminal or forge workflow commands in a CI log."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vrlint.cli import main

README = "| Model | Notes |\n|---|---|\n| \x1b[31mred\x1b[0m | x |\n"


@pytest.mark.parametrize("output_format", ["text", "concise"])
def test_escape_sequences_and_newlines_are_spelled_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    name = "evil\n::error file=x::forged.md"
    (tmp_path / name).write_text(README, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--output-format", output_format, "--color", "never", name]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert not any(line.startswith("::") for line in out.splitlines())
    assert "evil\\x0a::error file=x::forged.md:3:3" in out
    assert re.search(r"\\x1b\[31mred", out)


def test_the_caret_stays_under_the_escaped_span(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--output-format", "text", "--color", "never", "--select", "VR802", "README.md"])
    lines = capsys.readouterr().out.splitlines()
    source = next(i for i, line in enumerate(lines) if line.startswith("3 |"))
    shown, caret = lines[source], lines[source + 1]
    start = caret.index("^")
    assert shown[start : start + len(caret) - start] == "\\x1b[31m"


def test_error_lines_spell_out_a_newline_in_a_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "gone\n::error file=x::forged.md"
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".vrlint.toml").write_text("bogus = 1\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text("# T\n", encoding="utf-8")
    assert main(["check", name]) == 2  # no such file, and a bad config
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and not any(line.startswith("::") for line in err.splitlines())
    (tmp_path / ".vrlint.toml").unlink()
    assert main(["check", name]) == 2
    err = capsys.readouterr().err
    assert err == "vrlint: gone\\x0a::error file=x::forged.md: no such file\n"


def test_progress_lines_spell_out_a_newline_in_a_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "list\n::error file=x::forged.md"
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text("| a | b |\n|---|---|\n| 1 | 2\x00 |\n", encoding="utf-8")
    main(["format", "--check", name])
    main(["check", "--fix", "--output-format", "concise", name])
    err = capsys.readouterr().err
    assert "fixed 1 problem" in err and "in list\\x0a::error file=x::forged.md" in err
    assert not any(line.startswith("::") for line in err.splitlines()), err
