"""VR7xx: duplicated papers, mixed check-mark spellings, cells written unlike their column."""

from __future__ import annotations

from pathlib import Path

import pytest
import rulekit
from conftest import corpus_files, corpus_readme, read
from hang import finishes

import vrlint
from vrlint.config import Config, parse_config
from vrlint.diagnostics import Diagnostic
from vrlint.rules import consistency
from vrlint.rules.base import run_rules

CODES = ("VR701", "VR702", "VR703")


_rule = rulekit.rule


def lint(text: str, *codes: str, config: Config | None = None) -> list[Diagnostic]:
    return rulekit.run(text, codes or CODES, config, "README.md")


def apply(text: str, diagnostic: Diagnostic) -> str:
    assert diagnostic.fix is not None
    return rulekit.apply_fixes(text, [diagnostic])


def apply_all(text: str, found: list[Diagnostic]) -> str:
    return rulekit.apply_fixes(text, found)


def table(header: str, *rows: str) -> str:
    columns = header.count("|") - 1
    return header + "\n" + "|" + "---|" * columns + "\n" + "\n".join(rows) + "\n"


def arxiv(number: str, text: str = "arXiv") -> str:
    return f"[{text}](https://arxiv.org/abs/{number})"


# -- registration ----------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_rule_metadata(code: str) -> None:
    rule = _rule(code)
    assert rule.family == "consistency"
    assert rule.name == rule.name.lower() and " " not in rule.name
    assert rule.summary and rule.why and rule.bad and rule.good
    assert any(d.code == code for d in lint(rule.bad, code)), rule.bad
    assert lint(rule.good, code) == [], rule.good


# -- VR701 duplicate-paper ----------------------------------------------------------


def test_vr701_same_row_twice() -> None:
    row = f"| Scaling Laws for Everything We Know | {arxiv('2401.00001')} |"
    text = table("| Title | Paper |", row, "| Other Paper About Something Else | - |", row)
    found = lint(text, "VR701")
    assert [(d.code, d.line, d.column, d.severity) for d in found] == [("VR701", 5, 41, "error")]
    assert "2401.00001" in found[0].message and "line 3" in found[0].message
    assert "remove the duplicate" in found[0].message
    assert found[0].fix is None


def test_vr701_copied_row_keeps_the_wrong_id() -> None:
    text = table(
        "| Title | Paper |",
        f"| ScanQA | {arxiv('2112.10482')} |",
        f"| ScanRefer | {arxiv('2112.10482')} |",
    )
    found = lint(text, "VR701")
    assert [(d.line, d.column) for d in found] == [(4, 15)]
    message = found[0].message
    assert "'ScanRefer'" in message and "'ScanQA'" in message and "wrong arXiv ID" in message


def test_vr701_id_in_a_title_link_and_a_badge() -> None:
    badge = "[![arXiv](https://img.shields.io/badge/arXiv-2304.08345-b31b1b.svg)](https://arxiv.org/abs/2304.08345)"
    text = table(
        "| Title | Venue |",
        "| [VALOR: Vision-Audio-Language Omni-Perception](https://arxiv.org/abs/2304.08345) | CVPR |",
        f"| **VALOR: Vision-Audio-Language Omni-Perception** {badge} | arXiv |",
    )
    found = lint(text, "VR701")
    assert len(found) == 1 and found[0].line == 4
    assert "2304.08345" in found[0].message


def test_vr701_same_title_without_ids() -> None:
    text = table(
        "| Title | Venue |",
        "| Learning Transferable Visual Models From Natural Language | ICML |",
        "| learning transferable visual models from natural language. | arXiv |",
    )
    found = lint(text, "VR701")
    assert [(d.line, d.column) for d in found] == [(4, 3)]
    assert "already listed on line 3" in found[0].message


def test_vr701_silent_on_distinct_papers() -> None:
    text = table(
        "| Title | Paper |",
        f"| First Paper On A Topic | {arxiv('2401.00001')} |",
        f"| Second Paper On A Topic | {arxiv('2401.00002')} |",
    )
    assert lint(text, "VR701") == []


@pytest.mark.parametrize(
    "text",
    [
        # two splits of one benchmark share its citation
        table(
            "| Benchmark | Paper |",
            f"| **CharXiv(RQ)** | {arxiv('2406.18521', 'Paper')} · [GitHub](https://github.com/p/c) |",
            f"| **CharXiv(DQ)** | {arxiv('2406.18521', 'Paper')} · [GitHub](https://github.com/p/c) |",
        ),
        # two models of one family cite their common report
        table(
            "| Model | Year |",
            f"| {arxiv('2503.07365', 'MM-EUREKA')} | 2025 |",
            f"| {arxiv('2503.07365', 'MM-EUREKA-Qwen')} | 2025 |",
        ),
        # "representative papers" cells list several papers and may overlap
        table(
            "| Mechanism | Representative papers |",
            f"| Diagrams | {arxiv('2607.00001', 'A')} · {arxiv('2607.00002', 'B')} |",
            f"| Policies | {arxiv('2607.00003', 'C')} · {arxiv('2607.00002', 'B')} |",
        ),
        # the same title for two different papers (a journal version with its own ID)
        table(
            "| Title | Paper |",
            f"| Multimodal Deep Learning For Everything | {arxiv('1206.05538')} |",
            f"| Multimodal Deep Learning For Everything | {arxiv('2206.05538')} |",
        ),
        # short labels repeat legitimately
        table("| Title | Kind |", "| Benchmark | x |", "| Benchmark | y |"),
        # the same paper in two different tables
        table("| Title | Paper |", f"| One Paper About Many Things | {arxiv('2401.00001')} |")
        + "\n"
        + table("| Title | Paper |", f"| One Paper About Many Things | {arxiv('2401.00001')} |"),
        # an ID cited in a notes column is not the row's paper
        table(
            "| Title | Notes |",
            f"| Method A | builds on {arxiv('2401.00001', 'base')} |",
            f"| Method B | builds on {arxiv('2401.00001', 'base')} |",
        ),
    ],
)
def test_vr701_silent_on_deliberate_sharing(text: str) -> None:
    assert lint(text, "VR701") == []


# -- VR702 mixed-checkmark-spelling ----------------------------------------------------


def test_vr702_minority_spelling_gets_the_majority_one() -> None:
    text = table("| Model | Audio | Video |", "| A | ✓ | ✓ |", "| B | ✓ | ✗ |", "| C | &#10003; | ✗ |")
    found = lint(text, "VR702")
    assert [(d.code, d.line, d.column, d.severity) for d in found] == [("VR702", 5, 7, "warning")]
    assert "&#10003;" in found[0].message and "✓" in found[0].message and "3 of the file's 4" in found[0].message
    assert found[0].fix is not None and found[0].fix.applicability == "safe"
    fixed = apply(text, found[0])
    assert "| C | ✓ | ✗ |" in fixed
    assert lint(fixed, "VR702") == []


def test_vr702_spans_the_whole_file_and_keeps_wrappers() -> None:
    text = (
        table("| Model | Text |", "| A | &#10003; |", "| B | &#10003; |")
        + "\n"
        + table("| Model | Image |", "| C | **✔️** |", "| D | &#10003; |")
    )
    found = lint(text, "VR702")
    assert [(d.line, d.column) for d in found] == [(8, 9)]
    fixed = apply(text, found[0])
    assert "| C | **&#10003;** |" in fixed


def test_vr702_configured_pair_wins() -> None:
    text = table("| Model | Audio |", "| A | &#10003; |", "| B | &#10003; |", "| C | &#10007; |")
    config = parse_config({"checkmarks": ["✓", "✗"]})
    found = lint(text, "VR702", config=config)
    assert [d.line for d in found] == [3, 4, 5]
    assert all("configured" in d.message for d in found)
    fixed = apply_all(text, found)
    assert fixed.count("✓") == 2 and fixed.count("✗") == 1 and "&#" not in fixed
    assert lint(fixed, "VR702", config=config) == []


def test_vr702_per_rule_option() -> None:
    text = table("| Model | Audio |", "| A | ✅ |", "| B | ✅ |")
    config = parse_config({"rules": {"VR702": {"checkmarks": ["✓", "✗"]}}})
    assert [d.line for d in lint(text, "VR702", config=config)] == [3, 4]
    assert lint(text, "VR702") == []


def test_vr702_reads_mojibake_marks() -> None:
    # "‚úì" is ✓ whose UTF-8 bytes were read as Mac Roman
    text = table("| Model | Audio |", "| A | &#10003; |", "| B | &#10003; |", "| C | ‚úì |")
    found = lint(text, "VR702")
    assert [(d.line, d.column) for d in found] == [(5, 7)]
    assert "‚úì (mojibake for ✓)" in found[0].message
    assert apply(text, found[0]).endswith("| C | &#10003; |\n")


@pytest.mark.parametrize(
    "text",
    [
        table("| Model | Audio | Video |", "| A | ✓ | ✗ |", "| B | ✓ | ✓ |"),
        # ✓ and ✗ are different meanings, not different spellings
        table("| Model | Audio |", "| A | ✅ |", "| B | ❌ |"),
        # a stray "x" or "No" in a text column is not a mark
        table("| Model | Notes |", "| A | x |", "| B | fine-tuned |", "| C | trained on video |"),
        "```\n| A | ✓ |\n|---|---|\n| B | &#10003; |\n```\n",
        table("| Model | Audio |", "| A | Yes |", "| B | yes |"),
    ],
)
def test_vr702_silent_on_consistent_marks(text: str) -> None:
    assert lint(text, "VR702") == []


# -- VR703 inconsistent-cell-form ------------------------------------------------------


def _code_rows(last: str, count: int = 9) -> list[str]:
    rows = [f"| M{i} | [Code](https://github.com/o/r{i}) |" for i in range(count)]
    return [*rows, f"| Last | {last} |"]


def test_vr703_code_span_among_links() -> None:
    text = table("| Model | Code |", *_code_rows("`https://github.com/o/last`"))
    found = lint(text, "VR703")
    assert [(d.code, d.line, d.column, d.severity) for d in found] == [("VR703", 12, 10, "warning")]
    assert "a code span" in found[0].message and "9 of the 10" in found[0].message
    assert "'Code'" in found[0].message and "links" in found[0].message
    assert found[0].fix is None


def test_vr703_bare_url_among_badges() -> None:
    badge = "[![GitHub](https://img.shields.io/badge/GitHub-repo-black)](https://github.com/o/r{})"
    rows = [f"| M{i} | {badge.format(i)} |" for i in range(9)]
    text = table("| Model | Code |", *rows, "| Last | https://github.com/o/last |")
    found = lint(text, "VR703")
    assert [(d.line, d.column) for d in found] == [(12, 10)]
    assert "a bare URL" in found[0].message and "badges" in found[0].message


def test_vr703_plain_text_in_a_link_column() -> None:
    text = table("| Model | Code |", *_code_rows("[code](https: //github.com/o/broken)"))
    found = lint(text, "VR703")
    assert [(d.line, d.column) for d in found] == [(12, 10)]
    assert "plain text" in found[0].message


@pytest.mark.parametrize(
    "last",
    [
        "[Code](https://github.com/o/last)",  # agrees
        "-",  # placeholders say "nothing to link"
        "N/A",
        "Coming soon",
        "",
        "[Code](https://github.com/o/a) `v2`",  # mixed forms are not judged
    ],
)
def test_vr703_silent_on_agreeing_or_placeholder_cells(last: str) -> None:
    assert lint(table("| Model | Code |", *_code_rows(last)), "VR703") == []


def test_vr703_needs_a_convention_not_a_majority() -> None:
    assert lint(table("| Model | Code |", *_code_rows("`x`", count=3)), "VR703") == []
    assert lint(table("| Model | Code |", *_code_rows("`x`", count=4)), "VR703") == []  # 4 of 5 is 80 %
    rows = _code_rows("`x`", count=9)
    rows[0] = "| M0 | `y` |"
    assert lint(table("| Model | Code |", *rows), "VR703") == []  # 8 of 10 is not 90 %


def test_vr703_leaves_rows_with_extra_cells_to_vr101() -> None:
    # friedrichor/Awesome-Multimodal-Papers: an extra cell shifts the row; one finding (VR101) is enough
    rows = _code_rows("Video Generation | [Code](https://github.com/o/last)")
    assert lint(table("| Model | Code |", *rows), "VR703") == []


def test_vr703_names_without_links_are_not_flagged() -> None:
    # closed models have no paper: plain text in a title/model column is deliberate
    rows = [f"| [Model {i}](https://arxiv.org/abs/2401.0000{i}) | 7B |" for i in range(5)]
    text = table("| Model | Size |", "| GPT-4o | - |", *rows)
    assert lint(text, "VR703") == []


# -- linear-time scanning ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["*" * 50000, "_*" * 30000, " " * 50000 + "x", "`" * 50000])
def test_mark_unwrapping_is_linear(text: str) -> None:
    with finishes():
        consistency._mark_bounds(text)
        consistency._words(text)
        consistency._is_name(text)


def test_line_break_pattern_is_linear() -> None:
    with finishes():
        assert consistency._LINE_BREAK.fullmatch("<br" + " " * 100000) is None


# -- the corpus ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_never_raises_and_fixes_hold(path: Path) -> None:
    text = read(path)
    document = vrlint.parse(text)
    found = list(run_rules(document, [_rule(code) for code in CODES], str(path)))
    for d in found:
        assert d.code in CODES and d.message
        assert 0 <= d.span.start <= d.span.end <= len(text)
        assert document.position(d.span.start) == (d.span.line, d.span.column)
    fixed = [d for d in found if d.fix is not None]
    if fixed:
        after = lint(apply_all(text, fixed), *{d.code for d in fixed})
        assert not [d for d in after if d.fix is not None], after


def _corpus(name: str) -> str:
    return read(corpus_readme(name))


def test_corpus_reviewed_duplicates() -> None:
    # reviewed true positives: a copied arXiv link, and a paper listed twice
    found = lint(_corpus("ActiveVisionLab__Awesome-LLM-3D.md"), "VR701")
    assert [(d.line, "2112.10482" in d.message) for d in found] == [(153, True)]
    found = lint(_corpus("jingyi0000__VLM_survey.md"), "VR701")
    assert [d.line for d in found] == [328, 389, 529]
    # reviewed false positives, now silent: benchmark splits sharing one citation
    assert lint(_corpus("lchen1019__awesome-mllm-benchmarks.md"), "VR701") == []


def test_corpus_reviewed_cell_forms() -> None:
    # a broken "[code](https: //...)" link renders as text in a Code column
    found = lint(_corpus("yunlong10__Awesome-LLMs-for-Video-Understanding.md"), "VR703")
    assert [d.line for d in found] == [244]
    # closed models without a paper link in a Model column are fine
    assert lint(_corpus("HITsz-TMG__Awesome-Large-Multimodal-Reasoning-Models.md"), "VR703") == []


def test_seed_mixes_entity_and_glyph_marks(seed_text: str) -> None:
    found = lint(seed_text, "VR702")
    assert {d.line for d in found} == {98, 106}
    assert all(d.fix is not None and d.fix.edits[0].content in ("&#10003;", "&#10007;") for d in found)


def test_two_parts_of_one_series_citing_one_paper_are_not_duplicates() -> None:
    # mli/paper-reading lines 36-38 and 61-62 (two videos about one paper each)
    table = (
        "| 日期 | 标题 | 时长 |\n| --- | --- | --- |\n"
        "| 4/28/22 | [视频理解论文串讲](https://arxiv.org/pdf/2012.06567.pdf)（下） | 1:08:32 |\n"
        "| 4/21/22 | [参数服务器](https://www.usenix.org/system/files/osdi14-paper-li_mu.pdf) 逐段精读 | 1:37:40 |\n"
        "| 4/14/22 | [视频理解论文串讲](https://arxiv.org/pdf/2012.06567.pdf)（上） | 51:15 |\n"
        "| 10/22/21 | [ResNet](https://arxiv.org/abs/1512.03385) 论文逐段精读 | 53:46 |\n"
        "| 10/21/21 | 撑起计算机视觉半边天的 [ResNet](https://arxiv.org/abs/1512.03385) | 11:50 |\n"
    )
    assert lint(table, "VR701") == []
    # the same row pasted twice is still reported
    pasted = table + "| 10/22/21 | [ResNet](https://arxiv.org/abs/1512.03385) 论文逐段精读 | 53:46 |\n"
    assert [d.line for d in lint(pasted, "VR701")] == [8]
