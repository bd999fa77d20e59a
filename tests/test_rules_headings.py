"""VR6xx: fragment links, tables of contents and duplicate headings."""

from __future__ import annotations

from pathlib import Path

import pytest
import rulekit
from conftest import corpus_files, corpus_readme, read
from hang import finishes

import vrlint
from vrlint.diagnostics import Diagnostic
from vrlint.rules import headings
from vrlint.rules.base import run_rules
from vrlint.text.mojibake import repair

CODES = ("VR601", "VR602", "VR603", "VR604", "VR605")


_rule = rulekit.rule


def lint(text: str, *codes: str) -> list[Diagnostic]:
    return rulekit.run(text, codes or CODES)


def apply(text: str, diagnostic: Diagnostic) -> str:
    assert diagnostic.fix is not None
    return rulekit.apply_fixes(text, [diagnostic])


def only(text: str, code: str) -> Diagnostic:
    found = lint(text, code)
    assert len(found) == 1, found
    return found[0]


# -- registration ----------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_rule_metadata(code: str) -> None:
    rule = _rule(code)
    assert rule.family == "anchors"
    assert rule.name == rule.name.lower() and " " not in rule.name
    assert rule.summary and rule.why and rule.bad and rule.good
    # the documented examples behave as documented
    assert any(d.code == code for d in lint(rule.bad, code)), rule.bad
    assert lint(rule.good, code) == [], rule.good


# -- VR601 broken-fragment-link ----------------------------------------------------


def test_vr601_typo_gets_a_safe_fix_when_the_text_names_the_heading() -> None:
    text = "- [Datasets](#dataset)\n\n## Datasets\n"
    d = only(text, "VR601")
    assert (d.code, d.line, d.column, d.severity) == ("VR601", 1, 14, "error")
    assert "#dataset" in d.message and "#datasets" in d.message and "'Datasets'" in d.message
    assert d.fix is not None and d.fix.applicability == "safe"
    fixed = apply(text, d)
    assert fixed == "- [Datasets](#datasets)\n\n## Datasets\n"
    assert lint(fixed) == []


def test_vr601_fix_is_unsafe_when_the_text_differs_from_the_heading() -> None:
    d = only("- [Data](#dataset)\n\n## Datasets\n", "VR601")
    assert d.fix is not None and d.fix.applicability == "unsafe"
    assert d.fix.edits[0].content == "#datasets"


def test_vr601_emoji_dash_mismatch_is_repaired() -> None:
    # the heading kept the emoji's VARIATION SELECTOR-16 in its anchor
    text = "- [Milestones](#-milestones)\n\n## 🕰️ Milestones\n"
    d = only(text, "VR601")
    assert d.fix is not None and d.fix.applicability == "safe"
    assert d.fix.edits[0].content == "#\ufe0f-milestones"
    assert lint(apply(text, d), "VR601") == []


def test_vr601_without_a_candidate_has_no_fix() -> None:
    d = only("See [the appendix](#appendix-b).\n\n## Introduction\n", "VR601")
    assert (d.line, d.column) == (1, 20)
    assert "no heading or HTML anchor has the id #appendix-b" in d.message
    assert d.fix is None


def test_vr601_ambiguous_candidates_are_not_guessed() -> None:
    d = only("[x](#data)\n\n## Data A\n\n## Data B\n", "VR601")
    assert "several headings fit" in d.message
    assert d.fix is None


def test_vr601_html_href_and_reference_links() -> None:
    found = lint('<p><a href="#intro">Intro</a></p>\n\n[Go][g]\n\n[g]: #nowhere\n\n## Introduction\n', "VR601")
    assert [(d.line, d.column) for d in found] == [(1, 13), (3, 1)]
    assert all(d.fix is None or d.fix.applicability == "unsafe" for d in found)
    assert found[1].fix is None  # a reference link has no destination to edit here


def test_vr601_numbered_heading_typo() -> None:
    text = "- [1 Overview](#1-overreview)\n\n## 1 Overview\n"
    d = only(text, "VR601")
    assert d.fix is not None and d.fix.applicability == "safe"
    assert d.fix.edits[0].content == "#1-overview"


@pytest.mark.parametrize(
    "text",
    [
        "- [Datasets](#datasets)\n\n## Datasets\n",
        "- [Paradigms](#-paradigms)\n\n## 😎 Paradigms\n",
        "- [Benchmarks](#%EF%B8%8F-benchmarks)\n\n## ✨️ Benchmarks\n",
        "[Foo](#user-content-foo)\n\n## Foo\n",
        '[News](#news)\n\n## 🔥 News <a id="news"></a>\n',
        '[Top](#readme-top)\n\n<a name="readme-top"></a>\n\ntext\n',
        '[Topics](#Trending-Topics)\n\n<div id="Trending-Topics"></div>\n',
        '[Title](#awesome-thing)\n\n<div align="center">\n<h1>Awesome Thing</h1>\n</div>\n',
        "[Back](#)\n[Top](#top)\n[Readme](#readme)\n",
        "[Second](#foo-1)\n\n## Foo\n\n## Foo\n",
        "[Site](https://example.com/page#section) and ![img](#not-a-link)\n",
        '| A | B |\n|---|---|\n| [x](#row) | <a name="row"></a> |\n',
    ],
)
def test_vr601_silent_on_resolving_fragments(text: str) -> None:
    assert lint(text, "VR601") == []


def test_vr601_ignores_code_and_comments_but_not_commented_out_anchors() -> None:
    text = '```\n[x](#nowhere)\n```\n\n<!-- [y](#nowhere) -->\n\n<!-- <a name="gone"></a> -->\n\n[z](#gone)\n'
    found = lint(text, "VR601")
    assert [(d.line, d.column) for d in found] == [(9, 5)]


def test_vr601_case_only_difference_is_left_to_vr604() -> None:
    assert lint("[Citation](#Citation)\n\n## Citation\n", "VR601") == []


def test_vr601_mojibake_fragment_is_repaired_safely() -> None:
    text = "- [Benchmarks](#Ô∏è-benchmarks)\n\n## ✨️ Benchmarks\n"
    d = only(text, "VR601")
    assert "mojibake" in d.message
    assert d.fix is not None and d.fix.applicability == "safe"
    assert lint(apply(text, d), "VR601") == []


def test_vr601_on_the_garbled_seed_points_at_the_encoding(seed_text: str) -> None:
    found = lint(seed_text, "VR601")
    by_line = {d.line: d for d in found}
    assert set(by_line) == {19, 20, 21, 22, 23, 27, 28}
    # the link is right, the heading is garbled: repair the encoding, do not re-point the link
    assert "mojibake" in by_line[19].message and "line 32" in by_line[19].message
    assert by_line[19].column == 21 and by_line[19].fix is None
    # the CoF entry is also stale (the heading's emoji changed): named, but no fix until repaired
    assert "#-cof-based-video-reasoning" in by_line[21].message
    assert all(d.fix is None for d in found)


def test_vr601_on_the_repaired_seed_finds_the_stale_entry(seed_text: str) -> None:
    repaired = repair(seed_text)
    d = only(repaired, "VR601")
    assert (d.line, d.column) == (21, 38)
    assert d.fix is not None and d.fix.applicability == "safe"
    assert d.fix.edits[0].content == "#-cof-based-video-reasoning"
    assert lint(apply(repaired, d), "VR601") == []


# -- VR602 toc-text-mismatch --------------------------------------------------------


def test_vr602_entry_names_another_section() -> None:
    text = "- [Benchmarks](#datasets)\n\n## Datasets\n"
    d = only(text, "VR602")
    assert (d.code, d.line, d.column, d.severity) == ("VR602", 1, 3, "warning")
    assert "'Benchmarks'" in d.message and "'Datasets'" in d.message and "line 3" in d.message
    assert d.fix is not None and d.fix.applicability == "unsafe"
    fixed = apply(text, d)
    assert fixed == "- [Datasets](#datasets)\n\n## Datasets\n"
    assert lint(fixed, "VR602") == []


def test_vr602_entry_copied_from_its_neighbour_is_re_pointed() -> None:
    text = "- [Video](#audio)\n- [Audio](#audio)\n\n## Video\n\n## Audio\n"
    d = only(text, "VR602")
    assert (d.line, d.column) == (1, 11)
    assert "'Video' on line 4" in d.message and "#video" in d.message
    assert d.fix is not None and d.fix.edits[0].content == "#video"
    assert lint(apply(text, d), "VR602") == []


def test_vr602_fix_keeps_the_heading_escapes() -> None:
    d = only("- [Other](#c)\n\n## C\\*\\*\n", "VR602")
    assert d.fix is not None and d.fix.edits[0].content == "C\\*\\*"


@pytest.mark.parametrize(
    "text",
    [
        "- [Paradigms](#-paradigms)\n\n## 😎 Paradigms\n",
        "- [Overview](#1-overview)\n\n## 1 Overview\n",
        "- [Alignment & RL](#alignment--reinforcement-learning)\n\n## Alignment & Reinforcement Learning\n",
        "- [Related Surveys](#related-survey)\n\n## Related Survey\n",
        "- [3D Understanding (LLM)](#3d-understanding-via-llm)\n\n## 3D Understanding via LLM\n",
        "- [Survey](#-surveys-and-benchmarks)\n\n## 📚 Surveys and Benchmarks\n",
    ],
)
def test_vr602_silent_on_abbreviated_entries(text: str) -> None:
    assert lint(text, "VR602") == []


@pytest.mark.parametrize(
    "text",
    [
        "See [below](#datasets) for the list.\n\n## Datasets\n",  # prose, not a contents entry
        "- Read [this](#datasets) first\n\n## Datasets\n",  # a list item that says more than the link
        "- [Benchmarks](https://example.com/#datasets)\n\n## Datasets\n",  # another page
        "```\n- [Benchmarks](#datasets)\n```\n\n## Datasets\n",
    ],
)
def test_vr602_silent_outside_contents_entries(text: str) -> None:
    assert lint(text, "VR602") == []


# -- VR603 duplicate-heading -----------------------------------------------------------


def test_vr603_repeated_heading() -> None:
    d = only("## Video\n### Datasets\n## Audio\n### Datasets\n", "VR603")
    assert (d.code, d.line, d.column, d.severity) == ("VR603", 4, 5, "warning")
    assert "#datasets" in d.message and "#datasets-1" in d.message and "line 2" in d.message
    assert d.fix is None


def test_vr603_silent_when_the_file_links_the_suffixed_anchor() -> None:
    text = "- [Audio data](#datasets-1)\n\n## Video\n### Datasets\n## Audio\n### Datasets\n"
    assert lint(text, "VR603") == []


@pytest.mark.parametrize(
    "text",
    [
        "## Datasets\n\n## Benchmarks\n",
        "## 😎 Datasets\n\n## Datasets\n",  # the emoji leaves a dash: -datasets vs datasets
        "## Datasets\n\n```\n## Datasets\n```\n",
        "## Datasets\n\n<!--\n## Datasets\n-->\n",
    ],
)
def test_vr603_silent_on_distinct_anchors(text: str) -> None:
    assert lint(text, "VR603") == []


# -- VR604 fragment-case-mismatch ------------------------------------------------------


def test_vr604_case_only_mismatch() -> None:
    text = "[Citation](#Citation)\n\n## Citation\n"
    d = only(text, "VR604")
    assert (d.code, d.line, d.column, d.severity) == ("VR604", 1, 12, "warning")
    assert "#Citation" in d.message and "#citation" in d.message and "GitHub" in d.message
    assert d.fix is not None and d.fix.applicability == "safe"
    fixed = apply(text, d)
    assert fixed == "[Citation](#citation)\n\n## Citation\n"
    assert lint(fixed) == []


def test_vr604_two_anchors_differing_in_case_are_not_guessed() -> None:
    d = only('[x](#NEWS)\n\n<a id="News"></a>\n\n## news\n', "VR604")
    assert "#News" in d.message and "#news" in d.message
    assert d.fix is None


@pytest.mark.parametrize(
    "text",
    [
        '[News](#News)\n\n<a id="News"></a>\n',
        "[Citation](#citation)\n\n## Citation\n",
        "[Top](#TOP)\n",
    ],
)
def test_vr604_silent_on_exact_matches(text: str) -> None:
    assert lint(text, "VR604") == []


# -- VR605 toc-entry-wrong-duplicate -----------------------------------------------------

_TOC = (
    "- [Video](#video)\n"
    "  - [Datasets](#datasets)\n"
    "- [Audio](#audio)\n"
    "  - [Datasets](#{second})\n"
    "\n## Video\n### Datasets\n## Audio\n### Datasets\n"
)


def test_vr605_entry_opens_the_other_sections_heading() -> None:
    text = _TOC.format(second="datasets")
    d = only(text, "VR605")
    assert (d.code, d.line, d.column) == ("VR605", 4, 16)
    assert "'Audio'" in d.message and "line 7" in d.message and "#datasets-1" in d.message
    assert d.fix is not None and d.fix.applicability == "unsafe"
    fixed = apply(text, d)
    assert fixed == _TOC.format(second="datasets-1")
    assert lint(fixed, "VR605") == []


def test_vr605_silent_on_a_correct_contents_list() -> None:
    assert lint(_TOC.format(second="datasets-1"), "VR605") == []


def test_vr605_trusts_no_parent_that_links_elsewhere() -> None:
    # the parent "Audio" entry opens #video: VR602 reports the parent, not its children
    text = _TOC.format(second="datasets").replace("- [Audio](#audio)", "- [Audio](#video)")
    assert lint(text, "VR605") == []
    assert [d.line for d in lint(text, "VR602")] == [3]


def test_vr605_separate_lists_do_not_nest() -> None:
    text = "- [Video](#video)\n\nSome text.\n\n  - [Datasets](#datasets)\n\n## Video\n## Audio\n### Datasets\n"
    assert lint(text, "VR605") == []


# -- linear-time scanning ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<!--" * 20000,
        "<a " * 20000,
        '<a id="' * 20000,
        "<a id= " + " " * 50000,
        "<h1>" * 20000 + "</h1>",
        "<h2 " * 20000,
        "x" * 100000 + "<",
    ],
)
def test_html_scans_are_linear(text: str) -> None:
    with finishes():
        list(headings._attribute_anchors(text))
        list(headings._html_heading_texts(text))
        headings._blank_comments(text)
        headings._words(text)


def test_blank_comments_keeps_offsets() -> None:
    text = 'a<!-- <a id="x"> -->b<!-- open'
    blanked = headings._blank_comments(text)
    assert len(blanked) == len(text)
    assert blanked.startswith("a ") and "id=" not in blanked[:21] and blanked.endswith("b<!-- open")


def test_many_broken_links_stay_fast() -> None:
    text = "".join(f"- [Section {i}](#section-{i}-typo)\n" for i in range(300))
    text += "\n" + "".join(f"## Section {i}\n\n" for i in range(300))
    with finishes():
        found = lint(text, "VR601")
        assert len(found) == 300


# -- the corpus ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_never_raises_and_fixes_hold(path: Path) -> None:
    text = read(path)
    document = vrlint.parse(text)
    found = list(run_rules(document, [_rule(code) for code in CODES], str(path)))
    for d in found:
        assert d.code in CODES and d.message
        assert 0 <= d.span.start <= d.span.end <= len(text)
        assert document.position(d.span.start) == (d.span.line, d.span.column)
        if d.fix is None:
            continue
        fixed = apply(text, d)
        again = lint(fixed, d.code)
        assert not [x for x in again if x.span.start == d.span.start], (d, again)


def _corpus(name: str) -> str:
    return read(corpus_readme(name))


def test_corpus_contents_entry_with_a_neighbours_anchor() -> None:
    # reviewed: "Video Embedder × LLM" links to the "(Analyzer + Embedder) × LLM" section
    found = lint(_corpus("yunlong10__Awesome-LLMs-for-Video-Understanding.md"), "VR602", "VR605")
    assert [(d.code, d.line) for d in found] == [("VR602", 54)]
    assert found[0].fix is not None and found[0].fix.edits[0].content == "#-video-embedder--llm"


def test_corpus_explicit_html_anchors_resolve() -> None:
    # reviewed: these files link to <a id>, <div id> and <a name> anchors only
    for name in (
        "EIT-NLP__Awesome-MLLM-Compression.md",
        "xlite-dev__Awesome-LLM-Inference.md",
        "lyc61c__Awesome-Multimodal-Table-Understanding.md",
        "mli__paper-reading.md",
    ):
        assert lint(_corpus(name), "VR601") == [], name


def test_vr602_a_reworded_entry_that_opens_the_right_section_is_quiet() -> None:
    # ybwang119/Awesome-reasoning-safety: a typo and an extra word, the link opens the right section
    text = "- [Robustness evalutaion and attack](#evaluation-and-attack)\n\n## Evaluation and attack\n"
    assert rulekit.run(text, ["VR602"]) == []
    assert [d.code for d in rulekit.run(rulekit.rule("VR602").bad, ["VR602"])] == ["VR602"]
