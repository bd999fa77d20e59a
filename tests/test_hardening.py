"""Hardening (issue 7): README-like property tests and pathological inputs.

* A README-like Hypothesis strategy (title and badges, a table of contents
  that links to the headings, sections with emoji and CJK, paper tables
  with badges, links, code spans, escaped pipes and check marks, HTML
  comments and code fences that hide table-like text, CRLF and mixed line
  endings, a BOM) drives the four promises: lossless round trip, no crash
  in ``lint``, idempotent ``format``, and ``format`` never changing what
  cmark-gfm renders.
* cmark-gfm's pathological inputs (``test/pathological_tests.py``) in
  prose, headings and table cells, and the large shapes of the issue, must
  finish: :func:`hang.assert_finishes` is a hang detector with a generous
  budget, not a speed test (``benchmarks/bench_pathological.py`` measures).
  The sizes are chosen so that the quadratic behaviour fixed here would
  blow the budget many times over, while the linear code takes a second
  or two.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hang import assert_finishes
from hypothesis import event, given
from hypothesis import strategies as st
from oracle import render

import vrlint
from vrlint.document import Paragraph
from vrlint.engine import lint
from vrlint.fixing import FormatError, format_text
from vrlint.parsing.inline import MAX_EMPHASIS_RUNS
from vrlint.parsing.slugs import github_slug

# -- a README-like strategy -----------------------------------------------------------------
_BADGE = st.builds(
    lambda i, color: (
        f"[![arXiv](https://img.shields.io/badge/arXiv-2410.{i:05d}-{color}.svg)](https://arxiv.org/abs/2410.{i:05d})"
    ),
    st.integers(0, 99999),
    st.sampled_from(["b31b1b", "red", "zzz", ""]),
)
_CELL = st.one_of(
    _BADGE,
    st.sampled_from(
        [
            "**Attention Is All You Need**",
            "[Paper](https://arxiv.org/abs/2304.08345)",
            "[Code](https://github.com/owner/repo)",
            "[![Star](https://img.shields.io/github/stars/o/r.svg?style=social)](https://github.com/o/r)",
            "`a|b`",
            "`x \\| y`",
            "a \\| b",
            "\\|",
            "✓",
            "✗",
            "&#10003;",
            ":white_check_mark:",
            ":x:",
            "中文标题",
            "😎 Emoji",
            "👁️ vision",
            "<br>",
            "<!-- hidden | cell -->",
            "",
            " ",
            "CVPR 2024",
            "2024-05",
            "_it_",
            "*",
            "~~old~~",
            "<https://autolink.org/x>",
            "https://bare.link/y",
            "[ref][r1]",
            "[r1]",
            "![img](https://i.org/a.png)",
            "\\",
            "a\tb",
        ]
    ),
)
_HEADING_TEXT = st.sampled_from(
    ["Introduction", "Vision 👁️", "视频理解", "Models & Data", "C++ / CUDA", "`code` heading", "Paper List", "A-B_C"]
)
_PROSE = st.sampled_from(
    [
        "Some text with a [link](https://example.org).",
        "A line with **bold** and `code | pipe`.",
        "中文段落 with emoji 🚀.",
        "<!-- a comment\n| not | a table |\n|---|---|\n-->",
        "```\n| code | table |\n|---|---|\n```",
        "> a quote\n> | q | r |\n> |---|---|\n> | 1 | 2 |",
        "- item [x](#introduction)\n  - nested",
        "[r1]: https://arxiv.org/abs/2410.12109",
        "<details>\n<summary>More</summary>\n\n| a |\n|---|\n\n</details>",
        "",
    ]
)


@st.composite
def _table(draw: st.DrawFn) -> list[str]:
    headers = draw(
        st.lists(
            st.sampled_from(["Title", "Paper", "Code", "Venue", "Date", "Stars", "中文", "✓"]), min_size=1, max_size=5
        )
    )
    align = st.sampled_from(["---", ":--", "--:", ":-:", "-"])
    lead, tail = draw(st.sampled_from([("| ", " |"), ("|", "|"), ("", "")]))
    lines = [lead + " | ".join(headers) + tail, lead + " | ".join(draw(align) for _ in headers) + tail]
    for _ in range(draw(st.integers(0, 5))):
        width = draw(st.integers(1, len(headers) + 1))
        lines.append(lead + " | ".join(draw(_CELL) for _ in range(width)) + tail)
    return lines


@st.composite
def readme_documents(draw: st.DrawFn) -> str:
    sections = draw(st.lists(_HEADING_TEXT, min_size=1, max_size=4))
    lines = ["# Awesome Things " + draw(st.sampled_from(["", "😎", "中文"]))]
    if draw(st.booleans()):
        lines += ["", draw(_BADGE) + " " + draw(_BADGE)]
    if draw(st.booleans()):  # a TOC: mostly right slugs, sometimes stale ones
        lines += ["", "## Contents", ""]
        for name in sections:
            slug = github_slug(name) if draw(st.integers(0, 3)) else "stale-" + github_slug(name)
            lines.append(f"- [{name}](#{slug})")
    for name in sections:
        lines += ["", "#" * draw(st.integers(2, 3)) + " " + name, ""]
        for _ in range(draw(st.integers(0, 2))):
            lines += [draw(_PROSE), ""]
        if draw(st.booleans()):
            lines += draw(_table())
    ending = draw(st.sampled_from(["\n", "\r\n", "mixed"]))
    if ending == "mixed":
        text = "".join(line + draw(st.sampled_from(["\n", "\r\n"])) for line in lines)
    else:
        text = ending.join(lines) + ending
    return ("\ufeff" if draw(st.integers(0, 9)) == 0 else "") + text


@given(readme_documents())
def test_readme_round_trip(text: str) -> None:
    assert vrlint.parse(text).render() == text


@given(readme_documents())
def test_readme_lint_does_not_crash_and_spans_are_inside(text: str) -> None:
    document = vrlint.parse(text)
    for diagnostic in lint(document):
        span = diagnostic.span
        assert 0 <= span.start <= span.end <= len(document.text), diagnostic
        assert diagnostic.message.strip(), diagnostic


def _formatted(text: str, *, marks: bool = True) -> str | None:
    try:
        return format_text(text, marks=marks)
    except FormatError:
        event("FormatError (refused to write)")
        return None


@given(readme_documents())
def test_readme_format_is_idempotent(text: str) -> None:
    once = _formatted(text)
    if once is not None:
        assert format_text(once) == once


@given(readme_documents())
def test_readme_format_preserves_rendered_html(text: str) -> None:
    """Without mark respelling (``:x:`` -> ``✗`` changes the HTML on purpose)
    formatting only moves whitespace and pipes: cmark-gfm renders the same."""
    once = _formatted(text, marks=False)
    if once is not None and once != text:
        assert render(once) == render(text)


def test_strategy_reaches_the_constructs_it_promises() -> None:
    """Guard against the strategy silently degenerating."""
    seen: set[str] = set()

    @given(readme_documents())
    def collect(text: str) -> None:
        document = vrlint.parse(text)
        if document.tables:
            seen.add("table")
        if "\r\n" in text:
            seen.add("crlf")
        if any(link.url.startswith("#") for link in document.links):
            seen.add("toc")
        if any(link.image is not None for link in document.links):
            seen.add("badge")

    collect()
    assert seen == {"table", "crlf", "toc", "badge"}


# -- pathological inputs ------------------------------------------------------------------
#: cmark-gfm's test/pathological_tests.py, each as a function of a repeat count
INLINE_PATTERNS: dict[str, Callable[[int], str]] = {
    "nested strong emph": lambda k: "*a **a " * k + "b" + " a** a*" * k,
    "emph closers without openers": lambda k: "a_ " * k,
    "emph openers without closers": lambda k: "_a " * k,
    "3-emph openers without closers": lambda k: "a***" * k,
    "link closers without openers": lambda k: "a]" * k,
    "link openers without closers": lambda k: "[a" * k,
    "mismatched openers and closers": lambda k: "*a_ " * k,
    "openers and closers multiple of 3": lambda k: "a**b" + "c* " * k,
    "link openers and emph closers": lambda k: "[ a_" * k,
    "pattern [ (]( repeated": lambda k: "[ (](" * k,
    "pattern ![[]() repeated": lambda k: "![[]()" * k,
    "nested brackets": lambda k: "[" * k + "a" + "]" * k,
    "nested parentheses in a destination": lambda k: "[a](" + "(" * k + "b" + ")" * k + ")",
    "unclosed links A": lambda k: "[a](<b" * k,
    "unclosed links B": lambda k: "[a](b" * k,
    "unclosed <!--": lambda k: "</" + "<!--" * k,
    "thousands of unclosed *": lambda k: "*" * k + "a",
    "thousands of unclosed [": lambda k: "[" * k + "a",
    "long backtick run": lambda k: "`" * k + "a",
    "backticks of growing length": lambda k: "".join("e" + "`" * i for i in range(1, int((2 * k) ** 0.5))),
    "U+0000": lambda k: "abc\x00de\x00" * k,
    "many badges": lambda k: (
        ("[![arXiv](https://img.shields.io/badge/arXiv-2410.12109-b31b1b.svg)](https://arxiv.org/abs/2410.12109) ")
        * (k // 20)
    ),
}
#: about 60 KB per input: linear code takes well under a second per step
TARGET_CHARS = 60_000


def _sized(make: Callable[[int], str], target: int = TARGET_CHARS) -> str:
    per_unit = max(1, len(make(1000)) // 1000)
    return make(max(1, target // per_unit))


def _in_context(where: str, inline: str) -> str:
    if where == "prose":
        return "Intro\n\n" + inline + "\n"
    if where == "heading":
        return "## " + inline + "\n"
    return "| Title | Paper |\n|---|---|\n| " + inline.replace("|", "\\|") + " | x |\n"


def _check_and_format(text: str) -> None:
    def check() -> None:
        document = vrlint.parse(text)
        assert document.render() == text
        lint(document)

    def formatting() -> None:
        try:
            result = format_text(text)
        except FormatError:
            return
        assert format_text(result) == result

    assert_finishes(check)
    assert_finishes(formatting)


@pytest.mark.slow  # hang detectors over many patterns: the full run
@pytest.mark.parametrize("where", ["prose", "heading", "cell"])
@pytest.mark.parametrize("name", sorted(INLINE_PATTERNS))
def test_pathological_inline_input_finishes(name: str, where: str) -> None:
    text = _in_context(where, _sized(INLINE_PATTERNS[name]))
    assert len(text) > 10_000
    _check_and_format(text)


BLOCK_PATTERNS: dict[str, str] = {
    # 50,000 nested block quotes overflowed the recursion of the block walk
    # (RecursionError at about 1,000) and copied a growing tuple per level
    "nested block quotes": "> " * 50_000 + "a\n",
    "nested block quotes holding a table": "> " * 20_000 + "| a |\n" + "> " * 20_000 + "|---|\n",
    # 1,000 nested list items (1 MB of indentation): the indentation was
    # rescanned for every open container, d^3 (300 levels: 4 s, 1,000: minutes)
    "deeply nested lists": "".join("  " * i + "* a\n" for i in range(1_000)),
    # the thematic-break check rescanned the rest of the line at every item
    # (cmark's thematic_break_kill_pos was missing): 50,000 items took 54 s
    "nested list items on one line": "- " * 50_000 + "a\n",
    "nested list items and breaks on one line": "* " * 20_000 + "- " * 20_000 + "_ a\n",
    # the reference map was rebuilt for every block: 3,000 took 8 s
    "many references": "".join(f"[x{i}]: /url\n\n[x0]\n\n" for i in range(20_000)),
    "cmark tables": "aaa\rbbb\n-\v\n" * 20_000,
    "many table columns": "|" + "a|" * 5_000 + "\n|" + "-|" * 5_000 + "\n|" + "x|" * 5_000 + "\n",
    "many tables": "| a | b |\n|---|---|\n| 1 | 2 |\n\n" * 5_000,
    "unclosed fence": "```\n" + "| a |\n|---|\n" * 20_000,
    "unclosed comment": "<!--\n" + "| a |\n|---|\n" * 20_000,
}


@pytest.mark.slow  # hang detectors over many patterns: the full run
@pytest.mark.parametrize("name", sorted(BLOCK_PATTERNS))
def test_pathological_block_input_finishes(name: str) -> None:
    _check_and_format(BLOCK_PATTERNS[name])


def test_deep_block_quotes_keep_their_containers() -> None:
    document = vrlint.parse("> " * 5_000 + "a\n")
    (paragraph,) = document.blocks
    assert paragraph.containers == ("block_quote",) * 5_000


def test_deep_lists_keep_their_containers() -> None:
    document = vrlint.parse("".join("  " * i + "* a\n" for i in range(300)))
    assert len(document.blocks) == 300
    assert [block.containers.count("list_item") for block in document.blocks] == list(range(1, 301))


@pytest.mark.parametrize(
    ("line", "kinds"),
    [
        ("- - -", [("thematic_break", 0)]),
        ("- - - a", [("paragraph", 3)]),
        ("- - x - - -", [("paragraph", 2)]),
        ("- * * *", [("thematic_break", 1)]),
        ("* - - -  ", [("thematic_break", 1)]),
        ("> - _ _ _", [("thematic_break", 2)]),
    ],
)
def test_thematic_breaks_after_list_markers_on_one_line(line: str, kinds: list[tuple[str, int]]) -> None:
    """The kill position must not hide a thematic break that starts later."""
    document = vrlint.parse(line + "\n")
    assert [(block.kind, len(block.containers)) for block in document.blocks] == kinds


def test_many_references_all_resolve() -> None:
    text = "".join(f"[x{i}]: https://e.org/{i}\n\n[x{i}]\n\n" for i in range(3_000))
    document = vrlint.parse(text)
    assert [link.url for link in document.links] == [f"https://e.org/{i}" for i in range(3_000)]


def test_emphasis_over_the_run_limit_is_text_but_links_survive() -> None:
    runs = "*a **a " * MAX_EMPHASIS_RUNS + "b" + " a** a*" * MAX_EMPHASIS_RUNS
    text = "| T |\n|---|\n| **Bold** [p](https://arxiv.org/abs/2410.12109) " + runs.replace("|", "") + " |\n"
    document = vrlint.parse(text)
    cell = document.tables[0].rows[0].cells[0]
    assert [node.kind for node in cell.inlines if node.kind != "text"] == ["link"]
    assert document.links[0].url == "https://arxiv.org/abs/2410.12109"
    assert cell.text.startswith("**Bold** p *a **a")


def test_emphasis_under_the_run_limit_is_still_parsed() -> None:
    text = "**Bold** " + "*x* " * (MAX_EMPHASIS_RUNS // 2 - 1) + "\n"
    (paragraph,) = vrlint.parse(text).blocks
    assert isinstance(paragraph, Paragraph)
    kinds = [node.kind for node in paragraph.inlines]
    assert kinds[0] == "strong" and kinds.count("emphasis") == MAX_EMPHASIS_RUNS // 2 - 1


# -- the large shapes of the issue --------------------------------------------------------
def test_a_single_2_mb_line() -> None:
    _check_and_format("Intro " + "a" * 2_000_000 + "\n")


def test_a_2_mb_table_cell() -> None:
    _check_and_format("| a | b |\n|---|---|\n| " + "word " * 400_000 + "| x |\n")


@pytest.mark.slow  # about 100 s: the linear-growth check runs in the full run
def test_a_table_of_100000_rows() -> None:
    text = "| Title | Code |\n|---|---|\n" + "".join(
        f"| P{i} | [c](https://github.com/o/r{i}) |\n" for i in range(100_000)
    )
    document = vrlint.parse(text)
    assert len(document.tables[0].rows) == 100_000
    assert_finishes(lambda: lint(document), budget=60.0)
    assert_finishes(lambda: format_text(text), budget=60.0)


def test_a_row_of_5000_cells() -> None:
    text = "|" + "h|" * 5_000 + "\n|" + "-|" * 5_000 + "\n|" + "x|" * 5_000 + "\n"
    document = vrlint.parse(text)
    assert len(document.tables[0].rows[0].cells) == 5_000
    _check_and_format(text)


# -- regexes of this change on adversarial strings ----------------------------------------
@pytest.mark.parametrize("text", ["*" * 200_000, "_*" * 100_000 + "a", "*a" * 100_000])
def test_emphasis_run_count_is_linear(text: str) -> None:
    from vrlint.parsing.inline import _too_much_emphasis

    assert_finishes(lambda: _too_much_emphasis(text))
    assert _too_much_emphasis(text) == (len(re.findall(r"[*_]+", text)) > MAX_EMPHASIS_RUNS)
