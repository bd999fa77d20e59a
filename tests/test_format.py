"""format_text in the canonical styles (``auto``, ``aligned``, ``compact``):
canonical tables, nothing else touched, rendering kept.

The default style, ``preserve``, is tested in ``tests/test_layout.py``;
here every call without a style runs ``auto``.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import pytest
from conftest import corpus_files, read
from hang import finishes
from hypothesis import example, given
from hypothesis import strategies as st
from oracle import render
from strategies import markdown_documents

import vrlint
from vrlint.config import Config
from vrlint.document import Document
from vrlint.fixing import FormatError, verify_format
from vrlint.fixing import format as format_module
from vrlint.fixing import format_text as _format_text
from vrlint.fixing.format import display_width, is_bare_mark, plan_marks

CORPUS = corpus_files()


def format_text(text: str, config: Config | None = None, *, marks: bool = True) -> str:
    """``format_text`` with ``style = "auto"`` unless the config sets a style."""
    config = config or Config()
    if config.format_style == "preserve":
        config = dataclasses.replace(config, format_style="auto")
    return _format_text(text, config, marks=marks)


@functools.cache
def formatted(path: Path, marks: bool) -> str:
    """format_text of a corpus file, shared by the corpus tests."""
    return format_text(read(path), marks=marks)


# -- generators ----------------------------------------------------------------
_CELLS = st.sampled_from(
    [
        "a",
        "Title of a paper",
        "中文标题",
        "😎",
        "👨\u200d👩\u200d👧",
        "✔️",
        "x \\| y",
        "`a|b`",
        "`x \\| y`",
        "<br>",
        "<sub>s</sub>",
        "&amp;",
        "&#10003;",
        "✓",
        "✗",
        "**bold**",
        "[l](https://github.com/o/r)",
        "[![arXiv](https://img.shields.io/badge/arXiv-2410.12109-b31b1b.svg)](https://arxiv.org/abs/2410.12109)",
        "",
        " ",
        "\\",
        "a\tb",
        "é",
        "ｗｉｄｅ",
    ]
)


@st.composite
def wide_tables(draw: st.DrawFn) -> str:
    """Tables with CJK, emoji, escaped pipes, code spans; ragged rows; any ending."""
    columns = draw(st.integers(1, 4))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    prefix = draw(st.sampled_from(["", "> ", "- ", "  ", "> > "]))
    cont = " " * len(prefix) if prefix in ("- ",) else prefix

    def row(n: int) -> str:
        cells = [draw(_CELLS) for _ in range(n)]
        body = " | ".join(cells) if draw(st.booleans()) else "|".join(cells)
        return draw(st.sampled_from(["| ", "|", ""])) + body + draw(st.sampled_from([" |", "|", ""]))

    delimiters = [draw(st.sampled_from(["---", ":--", "--:", ":-:", "-", ":-"])) for _ in range(columns)]
    if columns == 1 and draw(st.booleans()):  # no pipes at all: still a table
        lines = [prefix + (draw(_CELLS).strip() or "h"), cont + delimiters[0]]
    else:
        lines = [prefix + "| " + " | ".join(draw(_CELLS) or "h" for _ in range(columns)) + " |"]
        lines.append(cont + "|" + "|".join(delimiters) + "|")
    lines.extend(cont + row(draw(st.integers(1, columns + 2))) for _ in range(draw(st.integers(0, 5))))
    before = draw(st.sampled_from(["", "# Title" + ending + ending, "text" + ending + ending]))
    after = draw(st.sampled_from(["", ending, ending + ending + "after" + ending]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + before + ending.join(lines) + after


documents = st.one_of(markdown_documents(), wide_tables())


# -- helpers -------------------------------------------------------------------
def table_lines(doc: Document) -> set[int]:
    return {line for t in doc.tables for line in range(t.start_line, t.end_line + 1)}


def assert_lossless_outside_tables(before: str, after: str) -> None:
    old, new = vrlint.parse(before), vrlint.parse(after)
    assert old.bom == new.bom
    assert len(old.lines) == len(new.lines)
    inside = table_lines(old)
    for a, b in zip(old.lines, new.lines, strict=True):
        assert a.ending == b.ending, f"line {a.number}: ending changed"
        if a.number not in inside:
            assert a.text == b.text, f"line {a.number} outside tables changed"
    assert before.endswith(("\n", "\r")) == after.endswith(("\n", "\r"))


def pipe_columns(line: str) -> list[int]:
    """Display columns of the unescaped pipes of a formatted row."""
    out = []
    index = 0
    while index < len(line):
        if line[index] == "\\" and line[index + 1 : index + 2] == "|":
            index += 2
            continue
        if line[index] == "|":
            out.append(display_width(line[:index]))
        index += 1
    return out


# -- idempotence ---------------------------------------------------------------
@given(documents)
@example("| a | b |\n|---|---|\n| `x|y` | d |\n")
@example("> | a |\n> |---|\n> | b |\nlazy\n")
@example("- | a |\n  |---|\n  | b |\n | c |\n")
@example("| a |\n|---|\n    | indented |\n")
@example("| a | b |\n|---|\n| c |\n")
@example("|a|b|\n|-|-|\n|1|2|3|\n|4|\n")
@example("a\n:-:\nb\n\nc\n-:\n")
def test_format_is_idempotent(text: str) -> None:
    once = format_text(text)
    assert format_text(once) == once


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_format_is_idempotent_on_the_corpus(path: Path) -> None:
    once = formatted(path, True)
    assert format_text(once) == once


# -- rendering and everything outside tables kept ------------------------------
@given(documents)
@example("| a | b |\n|---|---|\n| `x|y` | d |\n")
@example("para\n| a |\n|---|\n")
@example("| a | b |\n|---|\n| c |\n")
@example("a\n:-:\nb\n\nc\n-:\n")
def test_rendering_is_preserved(text: str) -> None:
    formatted = format_text(text, marks=False)
    assert render(formatted) == render(text)
    assert_lossless_outside_tables(text, formatted)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rendering_is_preserved_on_the_corpus(path: Path) -> None:
    text = read(path)
    plain = formatted(path, False)
    html = render(text)
    assert render(plain) == html
    assert_lossless_outside_tables(text, plain)
    # in the corpus, normalisation only swaps ``✓`` and ``&#10003;`` (and
    # ``✗``/``&#10007;``), which cmark renders as the same character
    normalised = formatted(path, True)
    if normalised != plain:
        assert render(normalised) == html
        assert_lossless_outside_tables(text, normalised)


def test_the_seed_is_formatted_without_changing_its_rendering(seed_text: str) -> None:
    formatted = format_text(seed_text)
    assert formatted != seed_text
    assert render(formatted) == render(seed_text)
    assert_lossless_outside_tables(seed_text, formatted)


def test_the_corpus_has_mixed_marks_to_normalise() -> None:
    changed = [path for path in CORPUS if formatted(path, True) != formatted(path, False)]
    assert changed


def test_line_endings_bom_and_final_newline_are_kept() -> None:
    text = "\ufeff# T\r\n\r\n|a|b|\r\n|-|-|\r|1|2|\n\r\nafter"
    out = format_text(text)
    assert out == "\ufeff# T\r\n\r\n| a   | b   |\r\n| --- | --- |\r| 1   | 2   |\n\r\nafter"
    no_final = "|a|\n|-|\n|b|"
    assert format_text(no_final) == "| a   |\n| --- |\n| b   |"


def test_text_without_tables_is_returned_unchanged() -> None:
    text = "# T\n\n```\n|a|b|\n|-|-|\n```\n<!--\n|a|b|\n|-|-|\n-->\n"
    assert format_text(text) is text


# -- the canonical form --------------------------------------------------------
def test_aligned_table_pads_by_alignment() -> None:
    text = "|Name|Size|Mid|Plain|\n|:-|-:|:-:|-|\n|LLaVA|7B|x|long cell|\n"
    assert format_text(text, Config(format_style="aligned")) == (
        "| Name  | Size | Mid | Plain     |\n| :---- | ---: | :-: | --------- |\n| LLaVA |   7B |  x  | long cell |\n"
    )


def test_compact_style_has_no_padding() -> None:
    text = "|Name|Size|Mid|\n|:-|-:|:-:|\n|LLaVA|7B|x|\n"
    assert format_text(text, Config(format_style="compact")) == (
        "| Name | Size | Mid |\n| :-- | --: | :-: |\n| LLaVA | 7B | x |\n"
    )


def test_auto_switches_to_compact_only_for_wide_tables() -> None:
    narrow = "|a|b|\n|-|-|\n|" + "x" * 50 + "|y|\n"
    wide = "|a|b|\n|-|-|\n|" + "x" * 200 + "|y|\n"
    narrow_out = format_text(narrow)
    wide_out = format_text(wide)
    assert narrow_out.splitlines()[1] == "| " + "-" * 50 + " | --- |"
    assert wide_out.splitlines() == ["| a | b |", "| --- | --- |", "| " + "x" * 200 + " | y |"]
    # the limit is configurable and counts the aligned line width (+ prefix)
    limit = len("| " + "x" * 50 + " | y   |")
    assert format_text(narrow, Config(max_width=limit)) == narrow_out
    assert format_text(narrow, Config(max_width=limit - 1)).splitlines()[1] == "| --- | --- |"
    quoted = "> " + narrow.replace("\n|", "\n> |")
    assert format_text(quoted, Config(max_width=limit)).splitlines()[1] == "> | --- | --- |"
    assert format_text(wide, Config(format_style="aligned")).splitlines()[1].count("-") == 203


def test_columns_line_up_in_display_width_with_cjk_and_emoji() -> None:
    text = "|Model|说明|Flag|\n|-|:-:|-:|\n|视频理解模型|😎|✔️|\n|a|中|👨\u200d👩\u200d👧|\n|é|x \\| y|`c`|\n"
    lines = format_text(text).splitlines()
    columns = [pipe_columns(line) for line in lines]
    assert all(len(c) == 4 for c in columns)
    assert all(c == columns[0] for c in columns), lines
    assert lines[2].startswith("| 视频理解模型 |")


@given(wide_tables())
def test_generated_tables_line_up(text: str) -> None:
    formatted = format_text(text, Config(format_style="aligned"), marks=False)
    doc = vrlint.parse(formatted)
    for table in doc.tables:
        if any("\t" in cell.raw for row in table.all_rows for cell in row.cells):
            continue  # a tab has no fixed display width
        shapes = []
        for row in [table.header, table.delimiter, *table.rows]:
            assert row is not None
            if len(row.cells) > table.columns:
                continue  # extra cells are kept as written
            line = doc.line(row.line).text[row.span.start - doc.line(row.line).start :]
            shapes.append(pipe_columns(line))
        assert all(shape == shapes[0] for shape in shapes), formatted


def test_cells_are_written_byte_for_byte() -> None:
    cells = ["`a \\| b`", "x \\| y", "<b>h</b>", "&amp;&#124;", "**[l](u)**", "\\*", "a\\"]
    text = "| " + " | ".join(f"h{i}" for i in range(len(cells))) + " |\n"
    text += "|" + "---|" * len(cells) + "\n"
    text += "|" + "|".join(f"  {c}   " for c in cells) + "\n"
    out = format_text(text, Config(format_style="compact"))
    assert out.splitlines()[2] == "| " + " | ".join(cells) + " |"
    assert render(out) == render(text)


def test_short_rows_get_empty_cells_and_long_rows_keep_their_extras() -> None:
    text = "|a|b|c|\n|-|-|-|\n|1|\n|1|2|3|4| 5 |\n|x|y|z|w\n"
    out = format_text(text, Config(format_style="compact"))
    assert out.splitlines() == [
        "| a | b | c |",
        "| --- | --- | --- |",
        "| 1 |  |  |",
        "| 1 | 2 | 3 | 4| 5 |",
        "| x | y | z | w",
    ]
    doc = vrlint.parse(out)
    assert [c.content for c in doc.tables[0].rows[1].cells] == ["1", "2", "3", "4", "5"]


def test_rows_without_pipes_and_container_prefixes() -> None:
    text = "> a | b\n> --|--\n> 1 | 2\n\n- | x |\n  |---|\n  | y |\n"
    out = format_text(text, Config(format_style="compact"))
    assert out == "> | a | b |\n> | --- | --- |\n> | 1 | 2 |\n\n- | x |\n  | --- |\n  | y |\n"


def test_tables_without_any_pipe() -> None:
    assert format_text("a\n:-:\nb\n\nc\n-:\nd\n") == ("|  a  |\n| :-: |\n|  b  |\n\n|   c |\n| --: |\n|   d |\n")
    assert format_text("a\n---\nb\n") == "a\n---\nb\n"  # a setext heading


def test_tables_in_code_and_comments_are_not_touched() -> None:
    text = "```\n|a|b|\n|-|-|\n```\n\n<!--\n|a|b|\n|-|-|\n-->\n\n|a|\n|-|\n"
    out = format_text(text)
    assert out.startswith("```\n|a|b|\n|-|-|\n```\n\n<!--\n|a|b|\n|-|-|\n-->\n\n")
    assert out.endswith("| a   |\n| --- |\n")


# -- display width -------------------------------------------------------------
def test_display_width() -> None:
    assert display_width("abc") == 3
    assert display_width("中文") == 4
    assert display_width("😎") == 2
    assert display_width("✔️") == 2
    assert display_width("👨\u200d👩\u200d👧") == 2
    assert display_width("e\u0301") == 1
    # control characters: wcswidth gives -1; each counts one column
    assert display_width("a\tb") == 3
    assert display_width("\x1b[0m中") == 6


def test_control_regex_is_linear() -> None:
    text = "\x01a" * 200_000 + "中"
    with finishes():
        assert display_width(text) == 400_002


# -- check marks ---------------------------------------------------------------
def test_entity_and_glyph_render_the_same_but_other_glyphs_do_not() -> None:
    """Why the rendering tests disable normalisation: ``&#10003;`` -> ``✓``
    keeps the HTML, ``✔`` -> ``✓`` does not."""
    assert render("&#10003;") == render("✓")
    assert render("✔") != render("✓")


def test_marks_follow_the_spelling_the_file_uses_most() -> None:
    text = "|M|A|B|\n|-|-|-|\n|m1|✔|❌|\n|m2|✔|❌|\n|m3|&#10003;|✗|\n|m4|**✓**|Yes|\n|m5|x|No|\n\n|N|C|\n|-|-|\n|n|✓|\n"
    out = format_text(text, Config(format_style="compact"))
    assert out.splitlines() == [
        "| M | A | B |",
        "| --- | --- | --- |",
        "| m1 | ✔ | ❌ |",
        "| m2 | ✔ | ❌ |",
        "| m3 | ✔ | ❌ |",
        "| m4 | **✓** | Yes |",  # wrapped marks and words are left alone
        "| m5 | x | No |",
        "",
        "| N | C |",
        "| --- | --- |",
        "| n | ✔ |",  # the whole file's majority, across tables
    ]


def test_marks_follow_the_configured_pair() -> None:
    config = Config(format_style="compact", options={"checkmarks": ["&#x2713;", "&#x2717;"]})
    out = format_text("|A|B|\n|-|-|\n|✓|✗|\n|✅|:x:|\n|&#X2713;|-|\n", config)
    assert out.splitlines()[2:] == [
        "| &#x2713; | &#x2717; |",
        "| &#x2713; | &#x2717; |",
        "| &#X2713; | - |",  # same entity up to case: kept
    ]


def test_marks_in_header_cells_and_mixed_cells_are_not_normalised() -> None:
    text = "|✔|Code|\n|-|-|\n|✓ yes|✓|\n|a|✓|\n|b|✔|\n"
    out = format_text(text, Config(format_style="compact"))
    assert out.splitlines() == ["| ✔ | Code |", "| --- | --- |", "| ✓ yes | ✓ |", "| a | ✓ |", "| b | ✓ |"]


def test_one_spelling_per_meaning_changes_nothing() -> None:
    text = "|A|B|\n|-|-|\n|✔️|❌|\n|✔️|❌|\n|Yes|x|\n"
    out = format_text(text)
    assert out == format_text(text, marks=False)
    assert out.count("✔️") == 2 and "| Yes |" in out and "| x   |" in out


def test_a_configured_pair_that_is_not_marks_is_refused() -> None:
    config = Config(options={"checkmarks": ["ok", "✗"]})
    with pytest.raises(FormatError, match="not a check mark and a cross mark"):
        format_text("|a|\n|-|\n|✓|\n", config)


def test_bare_marks() -> None:
    assert is_bare_mark("✓") is True
    assert is_bare_mark("✔️") is True
    assert is_bare_mark("&#10007;") is False
    assert is_bare_mark(":white_check_mark:") is True
    for text in ("yes", "No", "x", "X", "**✓**", "`✓`", "✓ done", "", "-"):
        assert is_bare_mark(text) is None, text


def test_plan_marks_without_mixing_plans_nothing() -> None:
    doc = vrlint.parse("|a|b|\n|-|-|\n|✓|✗|\n")
    assert plan_marks(doc).targets == {}


# -- the refuse-to-write check -------------------------------------------------
def test_verify_accepts_formatting_and_mark_respelling() -> None:
    before = vrlint.parse("|a|b|\n|-|:-:|\n|&#10003;|2|\n")
    after = vrlint.parse("| a   |  b  |\n| --- | :-: |\n| ✓   |  2  |\n")
    assert verify_format(before, after) is None


@pytest.mark.parametrize(
    ("after", "words"),
    [
        ("| a | b |\n| --- | --- |\n| 1 | 3 |\n", ["table at line 3", "row 1 (line 5)", "column 2", "'2'", "'3'"]),
        ("| a | b |\n| --- | --- |\n", ["table at line 3", "1 body rows would become 0"]),
        ("| a | b |\n| --- | --: |\n| 1 | 2 |\n", ["table at line 3", "alignments"]),
        ("| a |\n| --- |\n| 1 |\n", ["table at line 3", "2 columns would become 1"]),
        ("a\n", ["1 tables would become 0", "line 3"]),
        ("| a | b |\n| --- | --- |\n| ✗ | 2 |\n", ["column 1", "'1'", "'✗'"]),
    ],
)
def test_verify_names_the_table_and_the_first_differing_cell(after: str, words: list[str]) -> None:
    before = vrlint.parse("# T\n\n|a|b|\n|-|-|\n|1|2|\n")
    message = verify_format(before, vrlint.parse(after))
    assert message is not None and "\n" not in message
    for word in words:
        assert word in message


def test_verify_rejects_a_changed_mark_meaning() -> None:
    before = vrlint.parse("|a|\n|-|\n|✓|\n")
    message = verify_format(before, vrlint.parse("|a|\n|-|\n|✗|\n"))
    assert message is not None and "'✓' would become '✗'" in message


def test_verify_checks_the_extra_cells() -> None:
    before = vrlint.parse("|a|\n|-|\n|1|2|\n")
    message = verify_format(before, vrlint.parse("|a|\n|-|\n|1|\n"))
    assert message is not None and "past column 1" in message


def test_format_refuses_damaged_output(monkeypatch: pytest.MonkeyPatch) -> None:
    def damaged(document: Document, config: Config | None = None, *, marks: bool = True) -> str:
        return document.render().replace("|2|", "|3|")

    monkeypatch.setattr(format_module, "format_document", damaged)
    with pytest.raises(FormatError, match=r"table at line 1: row 1 \(line 3\), column 2"):
        format_text("|a|b|\n|-|-|\n|1|2|\n")


def test_seed_tables_keep_their_cells_and_get_outer_pipes(seed_text: str) -> None:
    before = vrlint.parse(seed_text)
    after = vrlint.parse(format_text(seed_text))
    assert len(before.tables) == len(after.tables) > 0
    for old, new in zip(before.tables, after.tables, strict=True):
        for a, b in zip(old.all_rows, new.all_rows, strict=True):
            assert len(b.cells) == max(len(a.cells), old.columns)
            assert b.leading_pipe
            assert b.trailing_pipe or not a.trailing_pipe


def test_the_default_max_width_is_the_documented_one() -> None:
    assert format_module.DEFAULT_MAX_WIDTH == Config().max_width == 160
    assert "max-width`` of 160" in (format_module.__doc__ or "")
