"""Regression tests for what fuzzing and the pathological inputs found.

Every file of ``fuzz/regressions/`` (inputs that once crashed or broke a
promise; see ``fuzz/README.md`` for how a finding gets there) is replayed
through the fuzzer's own invariants (``fuzz/invariants.py``: lossless
parse, no exception in lint, idempotent format that keeps cmark-gfm's
HTML, ``--fix`` and ``--fix --unsafe-fixes`` that keep cmark-gfm's tables),
and the CLI must handle it with exit 0 or 1, never an internal
error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT
from hang import assert_finishes

import vrlint
from vrlint.cli import main

sys.path.insert(0, str(ROOT / "fuzz"))

from invariants import FuzzFailure, check  # type: ignore[import-not-found,unused-ignore]

REGRESSIONS = sorted((ROOT / "fuzz" / "regressions").glob("*.md"))
SEEDS = sorted((ROOT / "fuzz" / "seeds").glob("*.md"))


def test_there_are_regression_inputs() -> None:
    assert len(REGRESSIONS) >= 3


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_regression_input_keeps_every_promise(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert_finishes(lambda: check(text))


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_regression_input_through_the_cli(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    for command in (["check"], ["check", "--fix"], ["check", "--fix", "--unsafe-fixes"], ["format"]):
        code = main([*command, str(copy)])
        err = capsys.readouterr().err
        assert code in (0, 1), (command, err)
        assert "internal error" not in err


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_fuzz_seeds_keep_every_promise(path: Path) -> None:
    """The seed corpus the fuzzer starts from (the seed fixture, corpus
    READMEs, hand-written snippets) must itself pass."""
    assert check(path.read_bytes().decode("utf-8")) in ("unchanged", "formatted")


def test_the_invariants_catch_a_broken_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness is only as good as its checks: a parse that loses a
    character must be reported."""
    real = vrlint.parse

    class Lossy:
        def __init__(self, text: str) -> None:
            self.document = real(text)

        def render(self) -> str:
            return self.document.render()[:-1]

        def __getattr__(self, name: str) -> object:
            return getattr(self.document, name)

    monkeypatch.setattr(vrlint, "parse", Lossy)
    with pytest.raises(FuzzFailure, match="round trip"):
        check("| a |\n|---|\n")


def test_the_invariants_catch_a_format_that_changes_the_html(monkeypatch: pytest.MonkeyPatch) -> None:
    import invariants

    def damaging(text: str, *args: object, **kwargs: object) -> str:
        return text.replace("| b |", "| c |")

    monkeypatch.setattr(invariants, "format_text", damaging)
    with pytest.raises(FuzzFailure, match="HTML"):
        check("| a |\n|---|\n| b |\n")


# -- fuzz finding 1: a row holding only a vertical tab -----------------------------------
@pytest.mark.parametrize(
    ("row", "contents"),
    [
        ("\x0b", ["\x0b"]),
        ("\x0b x", ["\x0b x"]),
        ("x \x0b", ["x \x0b"]),
        ("|\x0b|", [""]),
        ("| \x0b x |", ["x"]),
        ("|x\x0b|", ["x\x0b"]),
        ("\x0b|x", ["\x0b", "x"]),
        ("\x0c", ["\x0c"]),
        ("  \x0b", ["\x0b"]),
    ],
)
def test_vertical_tab_and_form_feed_in_cells_as_cmark_gfm(row: str, contents: list[str]) -> None:
    """cmark-gfm trims cells with ``cmark_isspace`` (no ``\\v``/``\\f``); only
    right after a pipe are they skipped. vrlint trimmed them everywhere, so
    the formatter rewrote a ``\\v`` row (a cell holding ``\\v`` on GitHub)
    as an empty row and its check could not see the difference (the fuzzer's
    first finding, fixed in ``vrlint/parsing/tables.py``)."""
    document = vrlint.parse("| a | b |\n|---|---|\n" + row + "\n")
    assert [cell.content for cell in document.tables[0].rows[0].cells] == contents


def test_leading_vertical_tab_in_a_first_cell_is_kept_or_refused() -> None:
    """Formatting must keep ``\\v x`` or refuse (FormatError). It wrote ``x``:
    the formatter's outer pipe makes cmark skip the ``\\v``, and the check
    took ``\\v x`` -> ``x`` for a check-mark respelling (``x`` reads as "no")."""
    check("| a |\n|---|\n| b |\n\x0b x\n")


# -- the crashes found while building the pathological benchmark ---------------------------
@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("> " * 1_500 + "a\n", 1_500),
        ("- " * 1_100 + "a\n", 1_100),
        ("> - " * 800 + "a\n", 1_600),
    ],
    ids=["block quotes", "list items", "quotes and items"],
)
def test_deep_nesting_does_not_overflow_the_stack(text: str, depth: int) -> None:
    """``vrlint/parsing/build.py`` walked the block tree recursively: about
    1,000 nested containers raised RecursionError (an internal error in the
    CLI, nothing checked)."""
    document = vrlint.parse(text)
    assert document.render() == text
    (block,) = document.blocks
    assert len(block.containers) == depth
    assert check(text) == "unchanged"
