"""Suppressing a finding on one table row without breaking the table, and
VR109 (a row GitHub renders as text because something split its table).
cmark-gfm (``tests/oracle.py``) says which lines are rows of a table."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from oracle import cmark_tables
from rulekit import apply_fixes, check_examples, run

import vrlint
from vrlint.engine import lint

TABLE = "| Title | Code |\n| --- | --- |\n| VAST | [code](https://github.com/a/b) |\n"
OLD_ROW = "| Old | [code](https://github.comowner/repo) |"  # the missing slash (VR401) is a finding of its own


def _row_lines(text: str) -> list[int]:
    return [line for shape in cmark_tables(text) for line in shape.row_lines]


def _codes_on(text: str, line: int) -> set[str]:
    return {d.code for d in lint(vrlint.parse(text)) if d.line == line}


def test_a_comment_inside_a_row_keeps_the_row_in_the_table_and_suppresses_it() -> None:
    plain = TABLE + OLD_ROW + "\n"
    codes = _codes_on(plain, 4)
    assert codes, "the old row must have a finding for this test to mean anything"
    directive = f"<!-- vrlint-disable-line {' '.join(sorted(codes))} -->"
    inline = TABLE + OLD_ROW[:-1] + directive + " |\n"
    assert _row_lines(inline) == [1, 3, 4]  # cmark-gfm: still the table's fourth row
    assert _codes_on(inline, 4) == set()
    # only the codes named: another code on the row is still reported
    partial = TABLE + OLD_ROW[:-1] + "<!-- vrlint-disable-line VR999 --> |\n"
    assert _codes_on(partial, 4) == codes


def test_disable_line_does_not_reach_other_rows() -> None:
    text = TABLE + OLD_ROW[:-1] + "<!-- vrlint-disable-line -->|\n" + OLD_ROW + "\n"
    assert _codes_on(text, 4) == set()
    assert _codes_on(text, 5)


def test_disable_next_line_between_rows_is_reported_and_fixed_into_the_row() -> None:
    text = TABLE + "<!-- vrlint-disable-next-line VR4 -->\n" + OLD_ROW + "\n| New | - |\n"
    assert _row_lines(text) == [1, 3]  # GitHub ends the table at the comment
    found = lint(vrlint.parse(text))
    assert [(d.code, d.line) for d in found if d.code.startswith("VR1")] == [("VR109", 5)]
    vr109 = next(d for d in found if d.code == "VR109")
    assert "2 lines" in vr109.message and "line 4 ends the table" in vr109.message
    assert vr109.fix is not None and vr109.fix.applicability == "safe"
    fixed = apply_fixes(text, [vr109])
    assert fixed == TABLE + OLD_ROW[:-1] + "<!-- vrlint-disable-line VR4 --> |\n| New | - |\n"
    assert _row_lines(fixed) == [1, 3, 4, 5]
    assert not [d for d in lint(vrlint.parse(fixed)) if d.line == 4 and d.code.startswith(("VR1", "VR4"))]


def test_a_row_after_a_blank_line_is_reported_with_an_unsafe_fix() -> None:
    text = TABLE + "\n" + OLD_ROW + "\n"
    found = run(text, ["VR109"])
    assert [(d.line, d.fix.applicability if d.fix else None) for d in found] == [(5, "unsafe")]
    assert _row_lines(apply_fixes(text, found)) == [1, 3, 4]


def test_what_is_not_a_stray_row() -> None:
    other_width = TABLE + "\n| a | b | c |\n"  # not the table's cell count
    prose = TABLE + "\nSee | the | list.\n"
    html_table = TABLE + "<table><tr><td>x</td></tr></table>\n| a | b |\n"
    quoted = TABLE + "\n> | a | b |\n"
    for text in (other_width, prose, html_table, quoted):
        assert run(text, ["VR109"]) == [], text


def test_vr106_leaves_a_splitting_comment_to_vr109() -> None:
    text = TABLE + "<!-- vrlint-disable-next-line VR4 -->\n" + OLD_ROW + "\n"
    assert run(text, ["VR106"]) == []
    assert run(TABLE + "<!-- a note -->\n\nText.\n", ["VR106"])  # no row below: VR106's


def test_a_comment_right_under_the_delimiter_is_one_finding_not_two() -> None:
    header = "| Title | Code |\n| --- | --- |\n"
    text = header + "<!-- vrlint-disable-next-line VR4 -->\n" + OLD_ROW + "\n"
    assert _row_lines(text) == [1]  # cmark-gfm: a table with no body rows
    found = [d for d in lint(vrlint.parse(text)) if d.code.startswith("VR1")]
    assert [d.code for d in found] == ["VR109"]
    assert _row_lines(apply_fixes(text, found)) == [1, 3]


def test_vr109_examples() -> None:
    check_examples("VR109")


@given(
    rows=st.integers(min_value=1, max_value=6),
    split=st.integers(min_value=0, max_value=6),
    codes=st.lists(st.sampled_from(["VR4", "VR408", "VR201", "VR5"]), max_size=2),
    trailing_space=st.booleans(),
)
def test_moving_a_splitting_directive_into_its_row_always_rejoins_the_table(
    rows: int, split: int, codes: list[str], trailing_space: bool
) -> None:
    """Wherever a disable-next-line comment splits a table, VR109's fix makes
    cmark-gfm see every row in one table again, with the codes kept."""
    split = min(split, rows - 1) if rows > 1 else 0
    body = [f"| Paper {n} | [code](https://github.com/o/p{n}) |{' ' if trailing_space else ''}" for n in range(rows)]
    directive = f"<!-- vrlint-disable-next-line {' '.join(codes)} -->".replace("  ", " ")
    lines = [*body[: split + 1], directive, *body[split + 1 :]] if rows > 1 else [directive, *body]
    text = "| Title | Code |\n| --- | --- |\n" + "\n".join(lines) + "\n"
    found = run(text, ["VR109"])
    if rows - 1 == split and rows > 1:
        assert found == []  # the comment is after the last row: nothing is split
        return
    assert len(found) == 1 and found[0].fix is not None
    fixed = apply_fixes(text, found)
    assert _row_lines(fixed) == [1, *range(3, rows + 3)]
    assert f"vrlint-disable-line{' ' if codes else ''}{' '.join(codes)} -->" in fixed
    assert run(fixed, ["VR109"]) == []
