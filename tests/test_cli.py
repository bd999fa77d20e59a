"""The command line: exit codes, one-line errors, export and schema."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vrlint.cli import COMMANDS, UsageError, _command_of, _normalise_argv, build_parser, main

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed-README.md"


def run(*args: str | Path) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "vrlint", *map(str, args)], capture_output=True, text=True, timeout=120
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("vrlint ")


def test_invalid_utf8_is_one_line_naming_file_and_offset(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# ok\n| a |\n\xe2\x28\xa1\n")
    code, out, err = run(bad)
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(bad) in err and "offset 11" in err and "UTF-8" in err
    assert out == ""


@pytest.mark.parametrize("what", ["missing", "directory"])
def test_missing_file_or_directory_exit_2(tmp_path: Path, what: str) -> None:
    target = tmp_path / "nope.md" if what == "missing" else tmp_path
    for command in (["check"], ["format"], ["export"]):
        code, _, err = run(*command, target)
        assert code == 2, command
        assert err.count("\n") == 1 and str(target) in err and "Traceback" not in err


def test_other_files_are_still_processed_after_an_error(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("# Title\n\nText.\n", encoding="utf-8")
    code, out, err = run(tmp_path / "missing.md", good, "--output-format", "json")
    assert code == 2
    assert json.loads(out) == []
    assert "missing.md" in err


def test_usage_error_exit_2() -> None:
    code, _, err = run("check", "--no-such-flag", SEED)
    assert code == 2 and "no-such-flag" in err and "Traceback" not in err


def test_unknown_select_code_is_a_usage_error() -> None:
    assert main(["check", "--select", "XX9", str(SEED)]) == 2


def test_bad_config_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / ".vrlint.toml").write_text('selekt = ["VR1"]\n', encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text("# T\n", encoding="utf-8")
    code, _, err = run(readme)
    assert code == 2 and "selekt" in err and err.count("\n") == 1


def test_export_json_to_file_and_schema(tmp_path: Path) -> None:
    out = tmp_path / "records.json"
    code, stdout, _ = run("export", SEED, "--format", "json", "-o", out)
    assert code == 0 and stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["tables"]) == 5
    assert sum(len(t["entries"]) for t in data["tables"]) == 19
    code, schema, _ = run("schema")
    assert code == 0 and json.loads(schema)["title"] == "Export"


def test_export_jsonl_and_csv_have_nineteen_rows() -> None:
    code, out, _ = run("export", SEED, "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 19
    code, out, _ = run("export", SEED, "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 20


def test_clean_file_exits_0(tmp_path: Path) -> None:
    clean = tmp_path / "README.md"
    clean.write_text("# Title\n\nSome text.\n", encoding="utf-8")
    code, out, _ = run(clean)
    assert code == 0 and "All checks passed" in out


# -- regressions from review ---------------------------------------------------
def test_a_config_error_does_not_stop_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / ".vrlint.toml").write_text("bogus = 1\n", encoding="utf-8")
    (bad / "README.md").write_text("# T\n", encoding="utf-8")
    code, out, err = run(SEED, bad / "README.md", "--output-format", "concise")
    assert code == 2
    assert "bogus" in err and "VR201" in out


@pytest.mark.parametrize(
    "toml",
    [
        'select = ["VRX"]\n',
        'ignore = ["VR0"]\n',  # no family VR0 (VR9 is the rows family)
        "[rules.VR999]\nx = 1\n",
        '[format]\ncheckmarks = ["x"]\n',
        "placeholders = [1, 2]\n",
        "[rules.VR501]\nplaceholders = 3\n",
    ],
)
def test_config_typos_are_errors_not_silence(tmp_path: Path, toml: str) -> None:
    (tmp_path / ".vrlint.toml").write_text(toml, encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text("# T\n", encoding="utf-8")
    code, out, err = run(readme)
    assert code == 2, (toml, out)
    assert err.count("\n") == 1 and "internal error" not in err and "Traceback" not in err


def test_export_to_a_directory_leaves_no_temporary_file(tmp_path: Path) -> None:
    code, _, err = run("export", SEED, "-o", tmp_path)
    assert code == 2 and "directory" in err
    assert list(tmp_path.iterdir()) == []


def test_invalid_output_format_from_the_environment_is_a_usage_error() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "vrlint", str(SEED)],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "VRLINT_OUTPUT_FORMAT": "bogus"},
        timeout=120,
    )
    assert proc.returncode == 2 and "bogus" in proc.stderr and "internal error" not in proc.stderr


def test_a_suppression_with_only_a_reason_covers_every_rule() -> None:
    from vrlint.engine import find_suppressions

    doc = __import__("vrlint").parse("<!-- vrlint-disable-next-line: legacy row -->\n[x](https://github.comfoo/x)\n")
    assert find_suppressions(doc).ranges == [(2, 2, ["*"])]


def test_caret_is_under_the_span_with_wide_characters(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("🤗 模版 [code](https://github.comfoo/bar)\n", encoding="utf-8")
    code, out, _ = run(readme, "--select", "VR401", "--color", "never")
    assert code == 1
    source, caret = [line for line in out.splitlines() if line.startswith(("1 |", "  |"))][1:3]
    # the span is the destination; 🤗, 模 and 版 take two terminal cells each,
    # so the caret sits 3 cells right of the destination's code-point index
    assert caret.index("^") == source.index("https") + 3


# -- the parser is built for the one subcommand a run uses --------------------------------------

_TOKENS = ["check", "add", "sort", "rule", "format", "README.md", "VR101", "--fix", "--select", "-q", "lint", "-", "--"]


@given(st.lists(st.sampled_from(_TOKENS), max_size=5))
def test_the_parser_is_built_for_the_command_the_arguments_run(argv: list[str]) -> None:
    """``_command_of`` must name the subcommand the full parser runs for ``argv``,
    or that subcommand would be parsed without its options."""
    try:
        parsed = build_parser().parse_args(_normalise_argv(argv))
    except (UsageError, SystemExit):
        return  # a mistyped command or bad options: an error either way
    assert parsed.command is None or parsed.command == _command_of(argv)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_subcommand_built_alone_has_all_its_options(command: str) -> None:
    def options(parser: argparse.ArgumentParser) -> list[tuple[str, ...]]:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
        return [(a.dest, *a.option_strings) for a in sub._actions]

    assert options(build_parser(command)) == options(build_parser())
    assert len(options(build_parser(command))) > 1 or command == "schema"


def test_options_of_other_subcommands_are_still_told_apart(tmp_path: Path) -> None:
    """``vrlint sort --directon``: the did-you-mean hint comes from ``sort``'s own options."""
    code, _, err = run("sort", tmp_path / "x.md", "--directon", "ascending")
    assert code == 2 and "did you mean --direction?" in err
