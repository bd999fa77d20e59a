"""Every round of ``--fix`` is verified against the tables cmark-gfm sees.

The repros of issue 17 item 2 (a "safe" fix that removed a table) and item
7 (an unsafe fix that made the file worse by vrlint's own rules) live in
``fuzz/regressions/`` too, where the fuzz harness replays them.
"""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT
from oracle import cmark_tables

import vrlint
from vrlint.diagnostics import Edit
from vrlint.fixing import apply as apply_module
from vrlint.fixing import fix_text
from vrlint.fixing.verify import OffsetMap, verify_fixes

sys.path.insert(0, str(ROOT / "fuzz"))

from invariants import FuzzFailure, check_fix  # type: ignore[import-not-found,unused-ignore]

REPROS = {
    "VR105 blank line inside a block quote": (
        "> | Model | Paper |\n> | --- | --- |\n> | A | [arXiv](https://arxiv.org/abs/2401.00001) |\n"
        "> Note: more models soon.\n| Dataset | Link |\n| --- | --- |\n| D1 | x |\n",
        "VR105",
    ),
    "VR802 control character that is a header cell": (
        "| Model | Paper |\x7f\n| --- | --- | --- |\n| A | B | C |\n",
        "VR802",
    ),
    "VR410 empty link that is the whole header": ("[]()\n-:\n", "VR410"),
}


def _shape(text: str) -> list[tuple[list[int], list[int]]]:
    return [(t.row_lines, [len(row) for row in t.cells]) for t in cmark_tables(text)]


@pytest.mark.parametrize("unsafe", [False, True], ids=["fix", "unsafe"])
@pytest.mark.parametrize("name", sorted(REPROS))
def test_a_fix_that_would_remove_a_table_is_not_applied(name: str, unsafe: bool) -> None:
    text, code = REPROS[name]
    result = fix_text(text, unsafe=unsafe)
    assert _shape(result.text) == _shape(text)
    assert [item.diagnostic.code for item in result.not_applied] == [code]
    assert "table" in result.not_applied[0].reason
    assert result.text == text


def test_other_fixes_of_the_round_are_still_applied() -> None:
    text, _ = REPROS["VR802 control character that is a header cell"]
    text += "\n[code](https://github.coma/b)\n"
    result = fix_text(text)
    assert [d.code for d in result.applied] == ["VR401"]
    assert result.text == text.replace("github.coma/", "github.com/a/")


def test_an_unsafe_fix_that_adds_a_finding_is_not_applied() -> None:
    """VR103's unsafe fix shrank a 3-cell delimiter to the 2-cell header:
    GitHub then drops every row's third cell (a new VR101)."""
    text = "| Title | Code |\n| --- | --- | --- |\n| VAST | [code](https://github.com/a/b) | NeurIPS |\n"
    result = fix_text(text, unsafe=True)
    assert result.text == text
    (dropped,) = result.not_applied
    assert dropped.diagnostic.code == "VR103" and "VR101" in dropped.reason


def test_an_unsafe_fix_that_makes_things_better_is_applied() -> None:
    text = "| Title | Code | Venue |\n| --- | --- |\n| VAST | [code](https://github.com/a/b) | NeurIPS |\n"
    result = fix_text(text, unsafe=True)
    assert [d.code for d in result.applied] == ["VR103"]
    assert len(cmark_tables(result.text)) == 1 and result.not_applied == []


def test_verify_fixes_refuses_a_change_to_a_cell_no_edit_touches() -> None:
    before = vrlint.parse("| a | b |\n|---|---|\n| c | d |\n| e | f |\n")
    # an edit on row 2 whose text somehow changed row 3 too
    after = vrlint.parse("| a | b |\n|---|---|\n| C | d |\n| E | f |\n")
    edit = Edit(22, 23, "C")
    assert before.text[22] == "c"
    assert verify_fixes(before, before, [], []) is None
    problem = verify_fixes(before, after, [edit], [])
    assert problem is not None and "row 2 (line 4)" in problem


def test_offset_map() -> None:
    moved = OffsetMap([Edit(2, 4, "xyz"), Edit(6, 6, "+")])
    assert [moved(n) for n in (0, 2, 3, 4, 6, 7)] == [0, 2, 2, 5, 8, 9]
    assert moved.replaced() == [(2, 5), (7, 8)]


def test_the_fuzz_invariant_catches_a_fix_that_removes_a_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the verification, the VR105 repro loses the second table:
    the harness must say so."""
    monkeypatch.setattr(apply_module, "verify_fixes", lambda *args: None)
    text, _ = REPROS["VR105 blank line inside a block quote"]
    with pytest.raises(FuzzFailure, match=r"changed the tables|lost a table"):
        check_fix(text, unsafe=False)


def test_a_fragment_fix_must_name_an_anchor_of_the_file() -> None:
    """Issue 12: a fragment a fix writes is checked against the headings'
    anchors (percent-encoded fragments are read decoded)."""
    from vrlint.fixing.apply import _missing_fragment

    after = vrlint.parse("## Video Models\n\n## Café\n\nSee [v](#video-models).\n")
    assert _missing_fragment(after, [Edit(0, 1, "#video-models")]) is None
    assert _missing_fragment(after, [Edit(0, 1, "#caf%C3%A9")]) is None
    problem = _missing_fragment(after, [Edit(0, 1, "#video-models-------")])
    assert problem == "no heading of the file has the anchor #video-models-------"


def test_vr109_may_bring_rows_back_into_the_table_above() -> None:
    """VR109's fix (rows cut off below a table by a comment) adds rows to
    the table: a structural fix, allowed to reshape the table it touches."""
    from vrlint.rules.base import get_rule

    rule = get_rule("VR109")
    assert rule is not None
    result = fix_text(rule.bad)
    assert [d.code for d in result.applied] == ["VR109"] and result.not_applied == []
    assert [len(t.cells) for t in cmark_tables(result.text)] == [3]
