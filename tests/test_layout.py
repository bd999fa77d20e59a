"""The ``preserve`` style (the default of ``vrlint format``) and what
``vrlint --fix`` changes: each table keeps its author's layout."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from conftest import SEED, corpus_id, corpus_readme, corpus_readmes, read
from hypothesis import given
from oracle import render
from strategies import markdown_documents

import vrlint
from vrlint.config import Config
from vrlint.fixing import fix_text, format_text
from vrlint.fixing.layout import table_layout

FILES = [*corpus_readmes(every=None), SEED]  # all 28 in the full run


@functools.cache
def _text(path: Path) -> str:
    return read(path)


def _changed_lines(before: str, after: str) -> set[int]:
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b)
    return {n for n, (x, y) in enumerate(zip(a, b, strict=True), 1) if x != y}


# -- deciding "aligned" from the table -------------------------------------------------
ALIGNED = "| Model | Size |\n| ----- | ---- |\n| A     | 7B   |\n| BB    | 13B  |\n| E     | 1B   |\n| F     | 2B   |\n"
COMPACT = "| Model | Size |\n| --- | --- |\n| A | 7B |\n| BB | 13B |\n| E | 1B |\n| F | 2B |\n"


def test_an_aligned_table_is_aligned_and_a_compact_one_is_not() -> None:
    for text, aligned in ((ALIGNED, True), (COMPACT, False)):
        document = vrlint.parse(text)
        assert table_layout(document, document.tables[0]).aligned is aligned


def test_a_table_aligned_by_code_points_counts_as_aligned() -> None:
    """An editor that counts ``中`` as one column aligned this table; by
    display width it is not aligned, by code points it is."""
    text = "| Name | Note |\n| ---- | ---- |\n| 中文   | a    |\n| 日本   | b    |\n"
    document = vrlint.parse(text)
    layout = table_layout(document, document.tables[0])
    assert layout.aligned and len(layout.aligned_lines) == 4
    assert format_text(text) == text


def test_two_equal_lines_do_not_make_a_table_aligned() -> None:
    text = "| Model |\n| ----- |\n| LLaVA-NeXT |\n| B |\n"
    document = vrlint.parse(text)
    assert not table_layout(document, document.tables[0]).aligned


def test_a_compact_table_of_narrow_cells_is_not_aligned() -> None:
    """``| a | b |`` over ``|---|---|`` lines up without any padding: a fix
    that lengthens one cell must not re-align the table."""
    text = "| a | b |\n|---|---|\n| x | [code](https://github.coma/b) |\n| y | z |\n"
    document = vrlint.parse(text)
    assert not table_layout(document, document.tables[0]).aligned
    result = fix_text(text)
    assert result.text == text.replace("github.coma/", "github.com/a/") and result.changed_lines == {3}


# -- vrlint format, style preserve ---------------------------------------------------------
def test_preserve_leaves_compact_and_aligned_tables_alone() -> None:
    for text in (ALIGNED, COMPACT, "|a|b|\n|-|-|\n|c|\n", "a | b\n--|--\nc | d\n"):
        assert format_text(text) == text


def test_preserve_realigns_a_drifted_row_only() -> None:
    text = ALIGNED + "| C | 70B |\n"
    assert format_text(text) == ALIGNED + "| C     | 70B  |\n"


def test_preserve_keeps_short_rows_short_and_extra_cells() -> None:
    text = ALIGNED + "| C |\n| D | 1B | extra |\n"
    assert format_text(text) == ALIGNED + "| C     |\n| D     | 1B   | extra |\n"


def test_preserve_follows_the_columns_justification_and_padding() -> None:
    aligned = "|Name |  Size|\n|:----|-----:|\n|A    |    7B|\n|BB   |   13B|\n|E    |    1B|\n"
    assert format_text(aligned + "|C|70B|\n") == aligned + "|C    |   70B|\n"


def test_preserve_leaves_a_drifted_row_that_does_not_fit() -> None:
    """Aligning it would rewrite the whole table: only a fix may do that."""
    text = ALIGNED + "| A much longer name | 7B |\n"
    assert format_text(text) == text


def test_canonical_styles_remain_available() -> None:
    assert format_text(COMPACT, Config(format_style="aligned")) == ALIGNED
    assert format_text(ALIGNED, Config(format_style="compact")) == COMPACT


@pytest.mark.parametrize("path", FILES, ids=corpus_id)
def test_format_changes_no_consistently_aligned_or_compact_corpus_table(path: Path) -> None:
    """Issue 12's measure: by default ``vrlint format`` leaves every corpus
    table whose lines all line up, and every compact table, byte for byte
    (it changes nothing at all in the corpus today)."""
    text = _text(path)
    document = vrlint.parse(text)
    formatted = format_text(text)
    changed = _changed_lines(text, formatted) if formatted != text else set()
    for table in document.tables:
        layout = table_layout(document, table)
        lines = set(range(table.start_line, table.end_line + 1))
        if layout.aligned and len(layout.aligned_lines) == len(table.rows) + 2:
            assert not changed & lines, f"aligned table at line {table.start_line} changed"
        padded = any(c.raw.startswith("  ") or c.raw.endswith("  ") for r in table.all_rows for c in r.cells)
        if not padded:
            assert not changed & lines, f"compact table at line {table.start_line} changed"
    assert format_text(formatted) == formatted


def test_the_hand_aligned_corpus_tables_are_found() -> None:
    """lchen1019's 21 tables are aligned on every line; he-y's are aligned
    with a few rows appended later; no compact table counts as aligned."""
    counts = {}
    for name in (
        "lchen1019__awesome-mllm-benchmarks.md",
        "he-y__Awesome-Pruning.md",
        "Steve2457__Awesome-RL-GUI-Agents.md",
    ):
        document = vrlint.parse(_text(corpus_readme(name)))
        counts[name] = sum(table_layout(document, t).aligned for t in document.tables)
    assert counts == {
        "lchen1019__awesome-mllm-benchmarks.md": 21,
        "he-y__Awesome-Pruning.md": 8,
        "Steve2457__Awesome-RL-GUI-Agents.md": 0,
    }


def test_a_drifted_row_in_a_real_aligned_table_is_realigned() -> None:
    text = _text(corpus_readme("lchen1019__awesome-mllm-benchmarks.md"))
    document = vrlint.parse(text)
    table = document.tables[0]
    line = document.line(table.rows[0].line)
    squeezed = "|" + "|".join(cell.strip() for cell in line.text.split("|")[1:-1]) + "|"
    broken = text.replace(line.text + line.ending, squeezed + line.ending, 1)
    assert format_text(broken) == text


@given(markdown_documents())
def test_preserve_is_idempotent_and_keeps_the_rendering(text: str) -> None:
    once = format_text(text, marks=False)
    assert format_text(once) == once
    assert render(once) == render(text)


# -- vrlint --fix --------------------------------------------------------------------------
def test_fix_touches_only_the_fixed_line_of_a_compact_table() -> None:
    text = COMPACT + "| C | [code](https://github.coma/b) |\n"
    result = fix_text(text)
    assert result.text == COMPACT + "| C | [code](https://github.com/a/b) |\n"
    assert result.changed_lines == {7}


def test_fix_realigns_an_aligned_table_whose_cell_it_widened() -> None:
    text = (
        "| Model | Code                           |\n"
        "| ----- | ------------------------------ |\n"
        "| A     | [code](https://github.coma/b)  |\n"
        "| B     | [code](https://github.com/c/d) |\n"
        "| C     | [code](https://github.come/ff) |\n"
    )
    result = fix_text(text)
    assert result.text == (
        "| Model | Code                            |\n"
        "| ----- | ------------------------------- |\n"
        "| A     | [code](https://github.com/a/b)  |\n"
        "| B     | [code](https://github.com/c/d)  |\n"
        "| C     | [code](https://github.com/e/ff) |\n"
    )
    assert fix_text(result.text).text == result.text


def test_fix_with_select_applies_only_that_rule() -> None:
    text = "| a | b |\n|---|---|\n| [x](http://github.com/a/b) | [y](https:/github.com/c/d) |\n"
    only_https = fix_text(text, config=Config(select=["VR408"]))
    assert only_https.text == text.replace("http://", "https://")
    assert {d.code for d in only_https.applied} == {"VR408"}


@pytest.mark.parametrize("path", FILES, ids=corpus_id)
def test_fix_changes_only_lines_with_findings_or_their_realigned_tables(path: Path) -> None:
    text = _text(path)
    document = vrlint.parse(text)
    result = fix_text(text)
    if not result.applied:
        assert result.text == text
        return
    before, after = text.splitlines(), result.text.splitlines()
    if len(before) != len(after):
        return  # a fix inserted a line (VR105/VR106): counted by benchmarks/measure_fix_layout.py
    found = {n for d in result.applied for n in range(d.span.line, d.span.end_line + 1)}
    for diagnostic in result.applied:  # a fix may edit more than its finding's line (VR801)
        assert diagnostic.fix is not None
        for edit in diagnostic.fix.edits:
            if edit.end <= len(text):
                found.update(range(document.position(edit.start)[0], document.position(edit.end)[0] + 1))
    tables = {n: t for t in document.tables for n in range(t.start_line, t.end_line + 1)}
    realigned = {id(tables[n]) for n in found if n in tables}
    for number in _changed_lines(text, result.text):
        assert number in found or (number in tables and id(tables[number]) in realigned), number
