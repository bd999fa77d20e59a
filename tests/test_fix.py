"""apply_edits, select_fixes and the fix loop, with test-only rules.

The rules registered here (VR990-VR993) exist only during the test that
uses them, and the loop is run with ``select`` limited to them, so these
tests do not depend on the project's real rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import corpus_files, read
from hypothesis import given
from hypothesis import strategies as st
from strategies import markdown_documents

import vrlint
from vrlint.config import Config
from vrlint.diagnostics import Diagnostic, Edit, Fix
from vrlint.engine import lint
from vrlint.fixing import EditConflict, FixResult, apply_edits, fix_text, select_fixes
from vrlint.fixing.apply import MAX_ROUNDS
from vrlint.rules import base
from vrlint.rules.base import Context, rule

# -- test-only rules -----------------------------------------------------------
_TEH = re.compile(r"\bteh\b")
_COLOUR = re.compile(r"\bcolour\b")
_SHOUT = re.compile(r"\bshout\b!?", re.IGNORECASE)


def typo_rule(ctx: Context) -> Iterator[Diagnostic]:
    """``teh`` -> ``the`` (safe), ``colour`` -> ``color`` (unsafe)."""
    text = ctx.document.text
    for m in _TEH.finditer(text):
        span = ctx.span(m.start(), m.end())
        yield ctx.report(span, "typo 'teh'; write 'the'", fix=ctx.fix("safe", "fix typo", [ctx.edit(span, "the")]))
    for m in _COLOUR.finditer(text):
        span = ctx.span(m.start(), m.end())
        yield ctx.report(
            span, "British 'colour'; write 'color'", fix=ctx.fix("unsafe", "respell", [ctx.edit(span, "color")])
        )


def shout_rule(ctx: Context) -> Iterator[Diagnostic]:
    """Two overlapping fixes for one word: uppercase it, and end it with ``!``.

    Both replace the word's last letter, so they conflict; the second must
    wait for the next round, where it is proposed again on the new text.
    """
    text = ctx.document.text
    for m in _SHOUT.finditer(text):
        word_end = m.start() + 5
        word = text[m.start() : word_end]
        if word != "SHOUT":
            span = ctx.span(m.start(), word_end)
            yield ctx.report(span, "shout in capitals", fix=ctx.fix("safe", "upper", [ctx.edit(span, "SHOUT")]))
        if not m.group(0).endswith("!"):
            last = ctx.span(word_end - 1, word_end)
            fix = ctx.fix("safe", "exclaim", [ctx.edit(last, text[word_end - 1] + "!")])
            yield ctx.report(last, "shout needs '!'", fix=fix)


def forever_rule(ctx: Context) -> Iterator[Diagnostic]:
    """A broken rule: always proposes to append one more ``+``."""
    end = len(ctx.document.text)
    span = ctx.span(end, end)
    yield ctx.report(span, "more", fix=ctx.fix("safe", "append", [ctx.edit(span, "+")]))


def toggle_rule(ctx: Context) -> Iterator[Diagnostic]:
    """A broken rule: flips ``ping``/``pong`` forever."""
    text = ctx.document.text
    for word, other in (("ping", "pong"), ("pong", "ping")):
        at = text.find(word)
        if at >= 0:
            span = ctx.span(at, at + 4)
            yield ctx.report(span, "flip", fix=ctx.fix("safe", "flip", [ctx.edit(span, other)]))


RULES: dict[str, Callable[[Context], Iterator[Diagnostic]]] = {
    "VR990": typo_rule,
    "VR991": shout_rule,
    "VR992": forever_rule,
    "VR993": toggle_rule,
}


def _only(*codes: str) -> Config:
    """A configuration running only the given rules."""
    return Config(select=list(codes))


def _register(codes: list[str]) -> None:
    for code in codes:
        rule(
            code=code,
            name=f"test-only-{code.lower()}",
            severity="warning",
            summary="A test-only rule.",
            why="Tests the fix loop.",
            bad="teh",
            good="the",
            fix="safe",
        )(RULES[code])


def _unregister(codes: list[str]) -> None:
    for code in codes:
        base._REGISTRY.pop(code, None)


@pytest.fixture
def test_rules() -> Iterator[Callable[..., Config]]:
    """Register the test-only rules for one test; yields :func:`_only`."""
    _register(list(RULES))
    try:
        yield _only
    finally:
        _unregister(list(RULES))
    assert not set(RULES) & set(base._REGISTRY)


def _lint(text: str, config: Config) -> list[Diagnostic]:
    return lint(vrlint.parse(text), "", config)


# -- apply_edits ---------------------------------------------------------------
def test_apply_edits_in_any_order() -> None:
    text = "abcdef"
    edits = [Edit(4, 6, "XY"), Edit(0, 1, ""), Edit(2, 2, "+")]
    assert apply_edits(text, edits) == "b+cdXY"
    assert apply_edits(text, []) == text


def test_adjacent_edits_and_an_insert_before_a_replacement_apply() -> None:
    assert apply_edits("abcd", [Edit(0, 2, "X"), Edit(2, 4, "Y")]) == "XY"
    assert apply_edits("abcd", [Edit(1, 3, "X"), Edit(1, 1, ">")]) == "a>Xd"


@pytest.mark.parametrize(
    "edits",
    [
        [Edit(0, 3, "x"), Edit(2, 4, "y")],
        [Edit(1, 1, "x"), Edit(1, 1, "y")],
        [Edit(0, 4, "x"), Edit(2, 2, "y")],
    ],
)
def test_apply_edits_refuses_overlaps(edits: list[Edit]) -> None:
    with pytest.raises(EditConflict, match="overlap"):
        apply_edits("abcd", edits)


def test_apply_edits_refuses_edits_outside_the_text() -> None:
    with pytest.raises(EditConflict, match="outside"):
        apply_edits("ab", [Edit(1, 3, "x")])
    with pytest.raises(EditConflict, match="outside"):
        apply_edits("ab", [Edit(2, 1, "x")])


# -- select_fixes --------------------------------------------------------------
def _diag(start: int, end: int, content: str, applicability: str = "safe", code: str = "VR999") -> Diagnostic:
    doc = vrlint.parse("0123456789")
    fix = Fix(applicability, "m", (Edit(start, end, content),))  # type: ignore[arg-type]
    return Diagnostic(code, "n", "warning", "msg", doc.span(start, end), "", fix)


def test_select_fixes_takes_safe_fixes_and_unsafe_only_when_asked() -> None:
    safe, unsafe = _diag(0, 1, "a"), _diag(5, 6, "b", "unsafe")
    assert select_fixes([unsafe, safe], unsafe=False) == [safe.fix]
    assert select_fixes([unsafe, safe], unsafe=True) == [safe.fix, unsafe.fix]


def test_select_fixes_first_come_first_served_by_position() -> None:
    late, early, clash = _diag(6, 8, "z"), _diag(1, 4, "x"), _diag(3, 7, "y")
    assert select_fixes([late, clash, early], unsafe=False) == [early.fix, late.fix]


def test_select_fixes_skips_empty_self_overlapping_and_duplicate_fixes() -> None:
    doc = vrlint.parse("0123456789")
    empty = Diagnostic("VR999", "n", "warning", "m", doc.span(0, 1), "", Fix("safe", "m", ()))
    broken_fix = Fix("safe", "m", (Edit(0, 3, "a"), Edit(2, 4, "b")))
    broken = Diagnostic("VR999", "n", "warning", "m", doc.span(0, 1), "", broken_fix)
    one, same = _diag(5, 6, "x"), _diag(5, 6, "x", code="VR998")
    no_fix = Diagnostic("VR999", "n", "warning", "m", doc.span(0, 1))
    assert select_fixes([empty, broken, one, same, no_fix], unsafe=True) == [one.fix]


# -- the fix loop --------------------------------------------------------------
def test_fix_applies_safe_fixes_and_keeps_the_layout(test_rules: Callable[..., Config]) -> None:
    text = "teh table:\n\n|a|b|\n|-|-|\n|teh|x|\n"
    result = fix_text(text, "README.md", test_rules("VR990"))
    assert isinstance(result, FixResult)
    assert result.text == "the table:\n\n|a|b|\n|-|-|\n|the|x|\n"
    assert result.changed_lines == {1, 5}
    assert [(d.code, d.line, d.column) for d in result.applied] == [("VR990", 1, 1), ("VR990", 5, 2)]
    assert all(d.path == "README.md" for d in result.applied)
    assert result.remaining == []


def test_fix_leaves_unsafe_fixes_without_unsafe(test_rules: Callable[..., Config]) -> None:
    text = "teh colour\n"
    config = test_rules("VR990")
    result = fix_text(text, config=config)
    assert result.text == "the colour\n"
    assert [d.message for d in result.remaining] == ["British 'colour'; write 'color'"]
    assert result.remaining[0].column == 5
    unsafe = fix_text(text, config=config, unsafe=True)
    assert unsafe.text == "the color\n"
    assert unsafe.remaining == []
    assert sorted(d.message for d in unsafe.applied) == ["British 'colour'; write 'color'", "typo 'teh'; write 'the'"]


def test_conflicting_fixes_are_resolved_over_rounds(test_rules: Callable[..., Config]) -> None:
    text = "a shout and shout\n"
    config = test_rules("VR991")
    first_round = select_fixes(_lint(text, config), unsafe=False)
    # per word: "upper" and "exclaim" both touch the word's last letter
    assert [f.message for f in first_round] == ["upper", "upper"]
    result = fix_text(text, config=config)
    assert result.text == "a SHOUT! and SHOUT!\n"
    assert [d.message for d in result.applied] == ["shout in capitals"] * 2 + ["shout needs '!'"] * 2
    assert result.remaining == []


def test_fix_stops_after_the_round_limit(test_rules: Callable[..., Config]) -> None:
    result = fix_text("x\n", config=test_rules("VR992"))
    assert result.text == "x\n" + "+" * MAX_ROUNDS
    assert len(result.applied) == MAX_ROUNDS
    assert len(result.remaining) == 1


def test_fix_stops_when_fixes_undo_each_other(test_rules: Callable[..., Config]) -> None:
    result = fix_text("ping\n", config=test_rules("VR993"))
    assert result.text in ("ping\n", "pong\n")
    assert len(result.applied) == 2  # ping -> pong -> ping: a text seen before


def test_fix_without_diagnostics_changes_nothing(test_rules: Callable[..., Config]) -> None:
    text = "|a|\n|-|\n|b|\n| c |\n"
    result = fix_text(text, config=test_rules("VR990"))
    assert result.text == text
    assert result.applied == [] and result.remaining == []
    assert not result.changed


def test_suppressed_diagnostics_are_not_fixed(test_rules: Callable[..., Config]) -> None:
    text = "<!-- vrlint-disable-next-line VR990 -->\nteh\n\nteh\n"
    result = fix_text(text, config=test_rules("VR990"))
    assert result.text == "<!-- vrlint-disable-next-line VR990 -->\nteh\n\nthe\n"


_WORDS = st.sampled_from(["teh", "colour", "shout", "SHOUT!", "the", " ", "\n", "|", "-", "a", "中"])


@given(st.one_of(markdown_documents(), st.lists(_WORDS, max_size=12).map("".join)), st.booleans())
def test_fix_is_idempotent(text: str, unsafe: bool) -> None:
    codes = ["VR990", "VR991"]
    _register(codes)  # not a fixture: hypothesis runs the body many times
    try:
        config = _only(*codes)
        once = fix_text(text, config=config, unsafe=unsafe)
        twice = fix_text(once.text, config=config, unsafe=unsafe)
        assert twice.text == once.text
        assert twice.applied == []
        assert _TEH.search(once.text) is None
        # nothing fixable is left: only unsafe fixes, and only without ``unsafe``
        left = {d.fix.applicability if d.fix else None for d in once.remaining}
        assert left <= ({"unsafe"} if not unsafe else set())
    finally:
        _unregister(codes)


def _sample() -> list[Path]:
    """Every top-level corpus file and the seed; every tenth version of the
    history (near-duplicates of each other, and linting is the slow part)."""
    files = corpus_files()
    history = [p for p in files if p.parent.parent.name == "history"]
    return [p for p in files if p not in history] + history[::10]


@pytest.mark.parametrize("path", _sample(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fix_with_the_project_rules_never_raises_and_is_idempotent(path: Path) -> None:
    once = fix_text(read(path), str(path))
    assert fix_text(once.text, str(path)).text == once.text
