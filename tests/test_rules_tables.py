"""VR1xx: table structure rules."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import rulekit
from conftest import corpus_files, full_run, read
from hang import finishes

import vrlint
from vrlint.config import Config, parse_config
from vrlint.diagnostics import Diagnostic
from vrlint.rules import tables as table_rules

CODES = ("VR101", "VR102", "VR103", "VR104", "VR105", "VR106", "VR107", "VR108")


#: VR102 reporting every short row, not only the ones that leave a hole (the style option)
EVERY_SHORT_ROW = parse_config({"rules": {"VR102": {"every-short-row": True}}})


def lint(text: str, *codes: str, config: Config | None = None) -> list[Diagnostic]:
    return rulekit.run(text, codes or CODES, config)


def only(text: str, code: str, config: Config | None = None) -> Diagnostic:
    found = lint(text, code, config=config)
    assert len(found) == 1, [d.message for d in found]
    return found[0]


def apply_fix(text: str, diagnostic: Diagnostic) -> str:
    assert diagnostic.fix is not None
    return rulekit.apply_fixes(text, [diagnostic])


def sliced(text: str, diagnostic: Diagnostic) -> str:
    return text[diagnostic.span.start : diagnostic.span.end]


# -- metadata -----------------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_rule_examples(code: str) -> None:
    rulekit.check_examples(code)


# -- VR101 extra cells ----------------------------------------------------------------


def test_extra_cells_reported_at_the_dropped_cells() -> None:
    text = "| Title | Code |\n| --- | --- |\n| VAST | [code](https://x.io) | NeurIPS | 2023 |\n"
    found = only(text, "VR101")
    assert found.severity == "error"
    assert (found.line, found.column) == (3, 33)
    assert sliced(text, found) == "NeurIPS | 2023"
    assert "4 cells" in found.message and "header has 2" in found.message
    assert "'NeurIPS'" in found.message and "drops" in found.message
    assert found.fix is None


def test_extra_cells_silent_on_exact_rows_escaped_pipes_and_empty_surplus() -> None:
    text = (
        "| Title | Note |\n| --- | --- |\n"
        "| A | a \\| b |\n"  # an escaped pipe is text
        "| B | ok | |\n"  # an empty cell past the end loses nothing
        "| C | `x` |\n"
    )
    assert lint(text, "VR101") == []


# -- VR102 missing cells ---------------------------------------------------------------


def test_short_row_reported_and_fixed_in_spaced_style() -> None:
    text = "| Title | Code | Venue |\n| --- | --- | --- |\n| VAST | [code](https://x.io) |\n"
    found = only(text, "VR102", EVERY_SHORT_ROW)
    assert found.severity == "warning"
    assert (found.line, found.column) == (3, 1)
    assert "2 cells" in found.message and "header has 3" in found.message and "'Venue'" in found.message
    fixed = apply_fix(text, found)
    assert fixed.splitlines()[2] == "| VAST | [code](https://x.io) | |"
    assert found.fix is not None and found.fix.applicability == "safe"
    assert lint(fixed, "VR102") == []
    assert vrlint.parse(fixed).tables[0].rows[0].cells[2].content == ""


def test_short_row_fix_keeps_compact_aligned_and_open_styles() -> None:
    compact = "|Title|Venue|Code|\n|-|-|-|\n|VAST|NeurIPS|\n"
    assert apply_fix(compact, only(compact, "VR102", EVERY_SHORT_ROW)).splitlines()[2] == "|VAST|NeurIPS||"
    aligned = "| Title | Venue |\n| ----- | ----- |\n| VAST  |\n"
    assert apply_fix(aligned, only(aligned, "VR102", EVERY_SHORT_ROW)).splitlines()[2] == "| VAST  |       |"
    open_row = "| A | B | C |\n| - | - | - |\n| 1 | 2\n"
    fixed = apply_fix(open_row, only(open_row, "VR102", EVERY_SHORT_ROW))
    assert fixed.splitlines()[2] == "| 1 | 2 | |"
    assert lint(fixed, "VR102") == []
    escaped = "|A|B|C|\n|-|-|-|\n|1|2\\\n"  # a trailing backslash must not escape a new pipe
    fixed = apply_fix(escaped, only(escaped, "VR102", EVERY_SHORT_ROW))
    assert lint(fixed, "VR102") == [] and len(vrlint.parse(fixed).tables[0].rows[0].cells) == 3


def test_short_row_keeps_crlf_and_container_prefix() -> None:
    text = "> | A | B |\r\n> | - | - |\r\n> | 1 |\r\n"
    found = only(text, "VR102", EVERY_SHORT_ROW)
    fixed = apply_fix(text, found)
    assert fixed == "> | A | B |\r\n> | - | - |\r\n> | 1 |   |\r\n"  # padded like the header


def test_short_row_silent_on_full_rows_swallowed_lines_and_split_rows() -> None:
    full = "| A | B |\n| - | - |\n| 1 | 2 |\n"
    assert lint(full, "VR102") == []
    swallowed = "| A | B |\n| - | - |\n| 1 | 2 |\nA note.\n"
    assert lint(swallowed, "VR102") == []  # VR105's
    split = "| A | B | C |\n| - | - | - |\n| 1 | two\nlines | 3 |\n"
    assert lint(split, "VR102") == []  # VR108's


# Tebmer/Awesome-Knowledge-Distillation-of-LLMs leaves the empty Code/Data cells out on purpose
# (titles shortened)
TRAILING_LEFT_OUT = (
    "|  Title  |   Venue  |   Date   | Code | Data|\n"
    "|:--------|:--------:|:--------:|:--------:|:--------:|\n"
    "| [**Evidence-Focused Fact Summarization**](https://arxiv.org/pdf/2403.02966.pdf) | arXiv | 2024-03 |\n"
    "| [**Aligning Large and Small Language Models**](https://aclanthology.org/2024.eacl-long.109.pdf) | EACL "
    "| 2024-03 | [Github](https://github.com/lranaldii/Aligning_LLMs) |\n"
    "| [**Divide-or-Conquer? Which Part Should You Distill Your LLM?**](https://arxiv.org/pdf/2402.15000.pdf) "
    "| arXiv | 2024-02 |\n"
)
# friedrichor/Awesome-Multimodal-Papers: the siblings write `-` where this row leaves the cell out
DASH_SIBLINGS = (
    "|  Title  |   Venue  |   Date   |Supplement|Latest Update|\n"
    "|:--------|:--------:|:--------:|:--------:|:-----------:|\n"
    "| [A Survey on Multimodal Agentic Frameworks](https://openreview.net/pdf?id=eaVoaI7f8v) | TMLR 2026 "
    "| 2026-05 | -  | - |\n"
    "| [From Specific-MLLM to Omni-MLLM](https://arxiv.org/abs/2412.11694) (HIT, Peng Cheng Lab) | arXiv "
    "| 2024-12-16 | - |\n"
    "| [Theoretical research on generative diffusion models](https://arxiv.org/abs/2404.09016) | arXiv "
    "| 2024-04-13 | - | - |\n"
    "| [A Review of Multi-Modal Large Language and Vision Models](https://arxiv.org/abs/2404.01322) | arXiv "
    "| 2024-03-28 | - | - |\n"
)


def test_short_rows_that_render_as_intended_are_not_reported_by_default() -> None:
    assert lint(TRAILING_LEFT_OUT, "VR102") == []
    assert lint(DASH_SIBLINGS, "VR102") == []
    assert [d.line for d in lint(TRAILING_LEFT_OUT, "VR102", config=EVERY_SHORT_ROW)] == [3, 4, 5]


def test_short_row_with_a_hole_every_sibling_fills_is_reported() -> None:
    found = only(rulekit.rule("VR102").bad, "VR102")
    assert "all 2 other rows have a value under 'Venue'" in found.message


def test_seed_short_row_is_valor_32k(seed_text: str) -> None:
    found = lint(seed_text, "VR102")
    assert [d.line for d in found] == [106]
    assert "VALOR-32K" in seed_text.splitlines()[105]
    assert "7 cells" in found[0].message and "header has 9" in found[0].message


# -- VR103 header/delimiter mismatch ---------------------------------------------------


def test_header_delimiter_mismatch_in_paragraph() -> None:
    text = "Intro.\n\n| Title | Code | Venue |\n| --- | --- |\n| VAST | [code](https://x.io) | NeurIPS |\n"
    assert vrlint.parse(text).tables == []
    found = only(text, "VR103")
    assert found.severity == "error"
    assert (found.line, found.column, found.span.end_line) == (3, 1, 4)
    assert "GitHub renders no table here because the header has 3 cells and the delimiter row 2" in (found.message)
    assert found.fix is not None and found.fix.applicability == "unsafe"
    fixed = apply_fix(text, found)
    assert fixed.splitlines()[3] == "| --- | --- | --- |"
    table = vrlint.parse(fixed).tables[0]
    assert table.columns == 3 and len(table.rows) == 1
    assert lint(fixed, "VR103") == []


def test_header_delimiter_mismatch_with_surplus_delimiter_cells() -> None:
    text = "a | b\n--- | --- | ---\n1 | 2\n"
    found = only(text, "VR103")
    assert "header has 2 cells and the delimiter row 3" in found.message
    fixed = apply_fix(text, found)
    assert fixed.splitlines()[1] == "--- | ---"
    assert vrlint.parse(fixed).tables[0].columns == 2


def test_header_delimiter_mismatch_inside_block_quote() -> None:
    text = "> | A | B |\n> |---|\n"
    found = only(text, "VR103")
    assert (found.line, found.column) == (1, 3)
    fixed = apply_fix(text, found)
    assert fixed == "> | A | B |\n> |---|---|\n"
    assert vrlint.parse(fixed).tables[0].columns == 2


def test_header_delimiter_silent_on_tables_headings_code_and_comments() -> None:
    text = (
        "| A | B |\n| - | - |\n| 1 | 2 |\n\n"
        "Title\n---\n\n"  # setext heading
        "text\n:---\n\n"  # no pipe anywhere: not a table attempt
        "```\n| A | B | C |\n| - | - |\n```\n\n"
        "<!--\n| A | B | C |\n| - | - |\n-->\n"
    )
    assert lint(text, "VR103") == []


# -- VR104 placeholder rows --------------------------------------------------------------


def test_placeholder_row_reported_once(seed_text: str) -> None:
    found = lint(seed_text, "VR104")
    assert [(d.line, d.column) for d in found] == [(69, 1)]
    assert "placeholder" in found[0].message and "'-'" in found[0].message
    # the same cells are not reported again as single placeholders
    assert [d for d in lint(seed_text, "VR501") if d.line == 69] == []


def test_placeholder_row_counts_template_words_and_empty_cells() -> None:
    text = "| Title | Code | Note |\n| - | - | - |\n| TBD | — |  |\n|  |  |  |\n"
    found = lint(text, "VR104")
    assert [d.line for d in found] == [3, 4]
    assert "'TBD'" in found[0].message and "empty" in found[1].message


def test_placeholder_row_silent_when_any_cell_has_content() -> None:
    text = (
        "| Title | Code | Checkpoint |\n| - | - | - |\n"
        "| VAST | - | - |\n"
        "| - | [code](https://x.io) | - |\n"
        "| - | - | [![hf](https://img.shields.io/badge/hf-x-blue)](https://hf.co/a/b) |\n"
    )
    assert lint(text, "VR104") == []


# -- VR105 swallowed lines -----------------------------------------------------------------


def test_swallowed_line_reported_and_fixed_with_file_line_endings() -> None:
    text = "| Title | Venue |\r\n| --- | --- |\r\n| VAST | NeurIPS |\r\n*Sorted by date.*\r\nMore.\r\n"
    table = vrlint.parse(text).tables[0]
    assert table.end_line == 5  # both lines became rows
    found = only(text, "VR105")
    assert found.severity == "error"
    assert (found.line, found.column) == (4, 1)
    assert "'*Sorted by date.*'" in found.message and "blank line" in found.message
    fixed = apply_fix(text, found)
    assert fixed == "| Title | Venue |\r\n| --- | --- |\r\n| VAST | NeurIPS |\r\n\r\n*Sorted by date.*\r\nMore.\r\n"
    assert vrlint.parse(fixed).tables[0].end_line == 3
    assert lint(fixed, "VR105") == []


def test_swallowed_line_in_block_quote_keeps_the_quote() -> None:
    text = "> | A | B |\n> | - | - |\n> | 1 | 2 |\n> Note.\n"
    found = only(text, "VR105")
    fixed = apply_fix(text, found)
    assert fixed == "> | A | B |\n> | - | - |\n> | 1 | 2 |\n>\n> Note.\n"
    assert lint(fixed, "VR105") == []


def test_swallowed_line_in_middle_of_table_has_no_fix() -> None:
    text = "| A | B |\n| - | - |\n| 1 | 2 |\nstray text\n| 3 | 4 |\n"
    found = only(text, "VR105")
    assert found.line == 4 and found.fix is None and "no pipes" in found.message


def test_swallowed_line_in_list_item_has_no_fix() -> None:
    text = "- item\n\n  | A | B |\n  | - | - |\n  | 1 | 2 |\n  Note.\n"
    found = only(text, "VR105")
    assert found.line == 6 and found.fix is None


def test_swallowed_line_silent_after_blank_line_and_for_pipeless_tables() -> None:
    assert lint("| A | B |\n| - | - |\n| 1 | 2 |\n\nNote.\n", "VR105") == []
    assert lint("A | B\n- | -\n1 | 2\n", "VR105") == []


# -- VR106 no blank line after -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("after", "kind"),
    [("## Datasets", "heading"), ("</details>", "HTML block"), ("- item", "list"), ("> quote", "block quote")],
)
def test_block_right_after_table(after: str, kind: str) -> None:
    text = f"| A | B |\n| - | - |\n| 1 | 2 |\n{after}\n"
    found = only(text, "VR106")
    assert found.severity == "warning"
    assert (found.line, found.column) == (4, 1)
    assert sliced(text, found) == after
    assert f"this {kind}" in found.message
    fixed = apply_fix(text, found)
    assert fixed == f"| A | B |\n| - | - |\n| 1 | 2 |\n\n{after}\n"
    assert lint(fixed, "VR106") == []


def test_block_after_table_in_block_quote_keeps_the_quote() -> None:
    text = "> | A | B |\n> | - | - |\n> | 1 | 2 |\n> ## Next\n"
    found = only(text, "VR106")
    assert (found.line, found.column) == (4, 3) and "heading" in found.message
    fixed = apply_fix(text, found)
    assert fixed == "> | A | B |\n> | - | - |\n> | 1 | 2 |\n>\n> ## Next\n"
    assert lint(fixed, "VR106") == []
    # a heading outside the quote is not "right after" the quoted table
    assert lint("> | A | B |\n> | - | - |\n> | 1 | 2 |\n## Next\n", "VR106") == []


def test_block_after_table_silent_for_blank_line_end_of_file_and_next_list_item() -> None:
    assert lint("| A | B |\n| - | - |\n| 1 | 2 |\n\n## Next\n", "VR106") == []
    assert lint("| A | B |\n| - | - |\n| 1 | 2 |", "VR106") == []
    in_list = "- first\n  | A | B |\n  | - | - |\n  | 1 | 2 |\n- second\n"
    assert len(vrlint.parse(in_list).tables) == 1
    assert lint(in_list, "VR106") == []  # a blank line here would make the list loose


# -- VR107 no body rows ----------------------------------------------------------------------------


def test_table_without_rows() -> None:
    text = "### Video\n\n| Title & Links | Areas | Tags |\n|---|---|---|\n\n\n"
    found = only(text, "VR107")
    assert (found.line, found.column, found.span.end_line) == (3, 1, 4)
    assert "no rows" in found.message and "'Title & Links'" in found.message


def test_table_with_rows_is_not_empty() -> None:
    assert lint("| A |\n| - |\n| 1 |\n", "VR107") == []


# -- VR108 split rows ------------------------------------------------------------------------------


def test_row_split_over_two_lines() -> None:
    text = (
        "| Title | Venue | Topic | Code |\n|---|---|---|---|\n"
        "| Thought Crime | arxiv | Training-time\ndata poisoning | [hf](https://hf.co/x) |\n"
        "| GUARD | arxiv | backdoor defense | [code](https://x.io) |\n"
    )
    found = only(text, "VR108")
    assert found.severity == "error"
    assert (found.line, found.column, found.span.end_line) == (3, 1, 4)
    assert "lines 3 and 4" in found.message and "'Training-time data poisoning'" in found.message
    assert found.fix is not None and found.fix.applicability == "unsafe"
    fixed = apply_fix(text, found)
    assert "| Training-time data poisoning |" in fixed
    table = vrlint.parse(fixed).tables[0]
    assert [len(row.cells) for row in table.rows] == [4, 4]
    assert lint(fixed) == []


def test_row_split_silent_on_tables_without_outer_pipes_and_plain_short_rows() -> None:
    assert lint("A | B | C\n- | - | -\n1 | 2\n3 | 4 | 5\n", "VR108") == []
    assert lint("| A | B | C |\n| - | - | - |\n| 1 | 2 |\n| 3 |\n", "VR108") == []


# -- regexes --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "subject"),
    [
        (table_rules._QUOTE_MARKER, "   " + "> " * 50_000 + "x"),
        (table_rules._LIST_MARKER, " \t" * 50_000 + "-"),
        (table_rules._LIST_MARKER, "1" * 100_000 + "."),
        (table_rules._WHITESPACE, " \t\n" * 50_000 + "x"),
    ],
)
def test_regexes_are_linear(pattern: re.Pattern[str], subject: str) -> None:
    with finishes():
        pattern.match(subject)
        list(pattern.finditer(subject))


def test_long_adversarial_rows_are_fast() -> None:
    row = "|" + "\\|" * 20_000 + " " * 20_000 + "x\n"
    text = "| A | B |\n| - | - |\n" + row * 3 + ("| a | b | c |\n" + "|-" * 5_000 + "\n") * 2
    with finishes():
        lint(text)


# -- the corpus --------------------------------------------------------------------------------------------


def _corpus() -> list[Path]:
    return corpus_files()


apply_all = rulekit.apply_fixes


def test_rules_never_raise_on_the_corpus_and_fixes_hold() -> None:
    counts: Counter[str] = Counter()
    for path in _corpus():
        text = read(path)
        document = vrlint.parse(text)
        found = lint(text)
        for diagnostic in found:
            counts[diagnostic.code] += 1
            span = diagnostic.span
            assert 0 <= span.start <= span.end <= len(text), (path, diagnostic)
            assert document.position(span.start) == (span.line, span.column)
            assert document.position(span.end) == (span.end_line, span.end_column)
        for code in CODES:
            mine = [d for d in found if d.code == code]
            fixable = [d for d in mine if d.fix is not None]
            if not fixable:
                continue
            fixed = apply_all(text, fixable)
            assert vrlint.parse(fixed).render() == fixed
            # every fixed problem is gone, and the fixes made no new one of their kind
            assert len(lint(fixed, code)) == len(mine) - len(fixable), (path.name, code)
            assert len(vrlint.parse(fixed).tables) == len(document.tables), (path.name, code)
    # what the review of the corpus found (see the module docstrings); each kind occurs
    if full_run():  # totals over the whole corpus
        for code in ("VR101", "VR102", "VR104", "VR106", "VR107", "VR108"):
            assert counts[code] > 0, code


def test_seed_structure_findings(seed_text: str) -> None:
    found = lint(seed_text)
    assert sorted((d.code, d.line) for d in found) == [("VR102", 106), ("VR104", 69)]


def test_extra_cell_repeating_a_shown_cell_loses_nothing() -> None:
    # ybwang119/Awesome-reasoning-safety: the GitHub link pasted twice, GitHub drops the copy
    text = (
        "|Title|Venue|Date|Task|Code|\n|-|-|-|-|-|\n"
        "|[Leaky Thoughts](https://arxiv.org/abs/2506.15674)|arxiv|06/18, 2025|prompt-related privacy"
        "|[Github](https://github.com/parameterlab/leaky_thoughts)"
        "|[Github](https://github.com/parameterlab/leaky_thoughts)|\n"
    )
    assert lint(text, "VR101") == []
    lost = text.replace("|[Github](https://github.com/parameterlab/leaky_thoughts)|\n", "|CVPR|\n")
    assert len(lint(lost, "VR101")) == 1
