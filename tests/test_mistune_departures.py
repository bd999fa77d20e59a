"""Why vrlint does not use mistune's table plugin: where it departs from
GFM (cmark-gfm), and that vrlint follows cmark-gfm there instead."""

from __future__ import annotations

import mistune
from oracle import cmark_tables, vrlint_tables

import vrlint

RAGGED = "| a | b |\n|---|---|\n| c | d | e |\n| f |\n"


def test_mistune_drops_a_table_with_a_ragged_row() -> None:
    html = mistune.create_markdown(plugins=["table"])(RAGGED)
    assert isinstance(html, str)
    assert "<table>" not in html  # the departure: mistune renders a paragraph


def test_github_renders_the_ragged_table_and_vrlint_agrees() -> None:
    expected = cmark_tables(RAGGED)
    assert len(expected) == 1
    assert expected[0].cells == [["a", "b"], ["c", "d"], ["f", ""]]  # extra dropped, short padded
    got = vrlint_tables(vrlint.parse(RAGGED))
    assert [(t.row_lines, t.cells) for t in got] == [(t.row_lines, t.cells) for t in expected]
    table = vrlint.parse(RAGGED).tables[0]
    assert [c.content for c in table.rows[0].cells] == ["c", "d", "e"]  # the dropped cell is kept


def test_mistune_tokens_carry_no_source_positions() -> None:
    tokens = mistune.create_markdown(renderer=None, plugins=["table"])("| a |\n|---|\n| b |\n")
    assert isinstance(tokens, list)
    flat = repr(tokens)
    assert "line" not in flat and "pos" not in flat


def test_vrlint_cells_know_their_positions() -> None:
    doc = vrlint.parse("intro\n\n| a | b |\n|---|---|\n| c | **d** |\n")
    cell = doc.tables[0].rows[0].cells[1]
    assert (cell.span.line, cell.span.column, cell.span.end_column) == (5, 7, 12)
    assert doc.text[cell.span.start : cell.span.end] == "**d**"
