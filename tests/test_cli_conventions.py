"""The command-line conventions users bring from ruff and markdownlint-cli2:
directories and globs, ``-`` for standard input, ``--statistics``,
``--quiet``, ``FORCE_COLOR``, help for the default command, "did you mean",
and a UTF-16 file named as such."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vrlint.cli import main

BAD = "# List\n\n| Title | Code |\n| --- | --- |\n| A | [code](http://github.comowner/repo) |\n"
CLEAN = "# List\n\n| Title | Code |\n| --- | --- |\n| A | B |\n"


def _concise(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["check", "--quiet", "--output-format", "concise", *args])
    out = capsys.readouterr().out
    return code, sorted({line.split(":", 1)[0] for line in out.splitlines() if ":" in line and "VR" in line})


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with Markdown files, an ignored one, node_modules."""
    for name in ("README.md", "docs/guide.md", "docs/old/archived.md", "node_modules/pkg/README.md", "build/out.md"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BAD, encoding="utf-8")
    (tmp_path / "docs" / "notes.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_directory_is_searched_for_markdown_honouring_gitignore(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, files = _concise(capsys, ".")
    assert code == 1
    assert files == ["README.md", "docs/guide.md", "docs/old/archived.md"]


def test_globs_and_config_exclude(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _concise(capsys, "docs/**/*.md")[1] == ["docs/guide.md", "docs/old/archived.md"]
    (tree / ".vrlint.toml").write_text('exclude = ["docs/old/*"]\n', encoding="utf-8")
    assert _concise(capsys, ".")[1] == ["README.md", "docs/guide.md"]
    # a file named on the command line is always checked
    assert _concise(capsys, "docs/old/archived.md")[1] == ["docs/old/archived.md"]
    (tree / ".vrlint.toml").write_text('include = ["guide.md"]\n', encoding="utf-8")
    assert _concise(capsys, ".")[1] == ["docs/guide.md"]


def test_a_glob_that_matches_nothing_is_an_error(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In a hook or CI a mistyped pattern must not pass as "nothing to report"."""
    assert main(["check", "nothing/**/*.md", "README.md"]) == 2
    captured = capsys.readouterr()
    assert "nothing/**/*.md: no file matches" in captured.err
    assert "README.md:5:" in captured.out  # the other files are still checked


def test_standard_input_with_a_file_name(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode("utf-8"))))
    code = main(["check", "-", "--stdin-filename", "docs/guide.md", "--output-format", "concise"])
    out = capsys.readouterr().out
    assert code == 1 and out.startswith("docs/guide.md:5:")
    # --fix on standard input prints the fixed text and leaves every file alone
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode("utf-8"))))
    main(["check", "--fix", "-", "--stdin-filename", "README.md", "--output-format", "concise"])
    captured = capsys.readouterr()
    assert "github.com/owner/repo" in captured.out and "README.md:" not in captured.out
    assert (tree / "README.md").read_text(encoding="utf-8") == BAD


def test_statistics_and_quiet(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--statistics", "README.md", "docs/guide.md"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[0] == "2" and "VR4" in out[0]
    assert out[-1].startswith("Found")
    assert main(["check", "--quiet", "--output-format", "concise", "README.md"]) == 1
    quiet = capsys.readouterr().out
    assert quiet.strip() and "Found" not in quiet and "fixable" not in quiet


def test_force_color(tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    main(["check", "README.md"])
    assert "\x1b[" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    main(["check", "README.md"])
    assert "\x1b[" not in capsys.readouterr().out


def test_top_level_help_shows_the_check_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--fix", "--diff", "--select", "--baseline", "--new-since"):
        assert option in out


def test_did_you_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["chek", "README.md"]) == 2
    assert "did you mean 'check'?" in capsys.readouterr().err
    assert main(["check", "--slect", "VR2", "README.md"]) == 2
    assert "did you mean --select?" in capsys.readouterr().err
    (tmp_path / "fromat").write_text(CLEAN, encoding="utf-8")  # an existing file is a file
    assert main(["fromat"]) == 0


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_says_it_is_utf16(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(CLEAN.encode(encoding))
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "UTF-16" in err and "save it as UTF-8" in err and err.count("\n") == 1


def test_python_m_vrlint_reads_standard_input(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "vrlint", "-", "--output-format", "concise"],
        input=BAD.encode("utf-8"), capture_output=True, cwd=tmp_path, env=env, check=False,
    )  # fmt: skip
    assert proc.returncode == 1 and proc.stdout.decode().startswith("-:5:")


def test_named_files_do_not_read_the_current_directorys_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """exclude/include matter only for directories and globs: a broken
    configuration here must not stop a named file elsewhere from being checked."""
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    (here / ".vrlint.toml").write_text("no-such-key = 1\n", encoding="utf-8")
    (there / ".vrlint.toml").write_text('ignore = ["VR6"]\n', encoding="utf-8")
    (there / "README.md").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(here)
    assert main(["check", str(there / "README.md")]) == 0
    assert main(["check", str(there)]) == 2  # a directory: the configuration here is read, and it is broken
    assert "no-such-key" in capsys.readouterr().err


def test_format_reads_standard_input_and_prints_the_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    misformatted = "# List\n\n| Title|Code |\n|---|:-|\n| One |  Two|\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(misformatted.encode("utf-8"))))
    # the default style keeps a table's own layout: ask for a canonical one
    assert main(["format", "--style", "aligned", "-"]) == 0
    out = capsys.readouterr().out
    assert out != misformatted and "| One   | Two  |" in out
    assert list(tmp_path.iterdir()) == []  # nothing written
