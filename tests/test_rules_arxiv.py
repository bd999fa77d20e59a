"""Tests for the VR2xx rules (vrlint/rules/arxiv.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rulekit
from conftest import CORPUS_DIR, ROOT, corpus_files, full_run, read
from hang import finishes

import vrlint
from vrlint.config import parse_config
from vrlint.diagnostics import Diagnostic
from vrlint.fixing.apply import apply_edits
from vrlint.rules import arxiv as arxiv_rules
from vrlint.rules.base import Rule, all_rules, run_rules

SEED = ROOT / "fixtures" / "seed-README.md"
CORPUS = CORPUS_DIR
BADGE = "https://img.shields.io/badge/arXiv-{}-b31b1b.svg?style=plastic"


rule = rulekit.rule


def lint(text: str, *codes: str) -> list[Diagnostic]:
    return rulekit.run(text, codes)


def badge(shown: str, target: str) -> str:
    return f"[![arXiv]({BADGE.format(shown)})](https://arxiv.org/abs/{target})"


def column_of(text: str, line: int, needle: str, after: str = "") -> int:
    """1-based column of ``needle`` on ``line``, searched after ``after``."""
    source = text.splitlines()[line - 1]
    return source.index(needle, source.index(after) if after else 0) + 1


def fix_and_relint(text: str, diagnostic: Diagnostic) -> tuple[str, list[Diagnostic]]:
    assert diagnostic.fix is not None
    fixed = apply_edits(text, diagnostic.fix.edits)
    return fixed, lint(fixed, diagnostic.code)


def table(*rows: str, header: str = "| Title | Paper |") -> str:
    return "\n".join([header, "|---|---|", *rows]) + "\n"


# -- registration -----------------------------------------------------------------------


def test_rules_are_registered_with_documentation() -> None:
    codes = {r.code: r for r in all_rules() if r.function.__module__ == "vrlint.rules.arxiv"}
    assert set(codes) == {"VR201", "VR202", "VR203", "VR204", "VR205", "VR206"}
    for current in codes.values():
        assert current.name == current.name.lower() and " " not in current.name
        assert current.summary and current.why and current.bad and current.good
        assert current.family == "arxiv"
        # the documented bad example triggers the rule, the good one does not
        assert [d.code for d in lint(current.bad, current.code)], current.code
        assert lint(current.good, current.code) == [], current.code
    assert codes["VR201"].fix == "unsafe" and codes["VR201"].severity == "error"
    assert codes["VR205"].fix == "safe" and codes["VR206"].fix == "unsafe"


# -- VR201 ------------------------------------------------------------------------------


def test_vr201_badge_and_link_disagree() -> None:
    text = table(f"| VALOR: Vision-Audio-Language Omni-Perception Pretraining | {badge('2410.12109', '2304.08345')} |")
    [found] = lint(text, "VR201")
    assert (found.code, found.severity, found.line) == ("VR201", "error", 3)
    assert found.column == column_of(text, 3, "2410.12109")
    assert found.span.end_column - found.span.column == len("2410.12109")
    assert "2410.12109" in found.message and "2304.08345" in found.message
    assert "make them agree" in found.message
    assert found.fix is not None and found.fix.applicability == "unsafe"
    assert "link is what readers click" in found.fix.message
    fixed, again = fix_and_relint(text, found)
    assert again == []
    assert BADGE.format("2304.08345") in fixed and "2410.12109" not in fixed


def test_vr201_on_the_seed_reports_the_valor_rows_only() -> None:
    text = read(SEED)
    found = lint(text, "VR201")
    assert [(d.line, d.column) for d in found] == [
        (98, column_of(text, 98, "2410.12109")),
        (106, column_of(text, 106, "2410.12109")),
    ]
    # OMCAT owns 2410.12109: the message says so, and the fix corrects the badge
    for diagnostic in found:
        assert 'ID of "OMCAT: Omni Context Aware Transformer" on line 56' in diagnostic.message
        assert diagnostic.fix is not None and diagnostic.fix.edits[0].content == "2304.08345"


def test_vr201_fixes_the_link_when_its_id_belongs_to_another_row() -> None:
    text = table(
        "| UTPTrack: Towards Simple and Unified Token Pruning for Visual Tracking | "
        f"{badge('2602.23734', '2602.23699')} |",
        f"| HiDrop: Hierarchical Vision Token Reduction in MLLMs | {badge('2602.23699', '2602.23699')} |",
    )
    [found] = lint(text, "VR201")
    assert found.line == 3
    assert 'ID of "HiDrop' in found.message
    assert found.fix is not None and "point the link at arXiv 2602.23734" in found.fix.message
    fixed, again = fix_and_relint(text, found)
    assert again == []
    assert "abs/2602.23734)" in fixed and fixed.count("2602.23699") == 2
    # and the HiDrop row is not blamed for sharing its ID
    assert lint(text, "VR203", "VR204") == []


def test_vr201_fixes_an_invalid_link_id_from_a_valid_badge() -> None:
    text = f"- {badge('2410.12109', '2410.1210')}\n"
    [found] = lint(text, "VR201")
    assert "4 digits" in found.message
    assert found.fix is not None and found.fix.edits[0].content == "2410.12109"
    _, again = fix_and_relint(text, found)
    assert again == []
    assert lint(text, "VR202") == []  # the broken link ID is explained once, by VR201


def test_vr201_follows_the_rest_of_the_row() -> None:
    text = table(
        "| [Veason-R1: Reinforcing Video Reasoning Segmentation](https://arxiv.org/abs/2508.11538) | "
        f"{badge('2407.05513', '2508.11538')} |"
    )
    [found] = lint(text, "VR201")
    assert "the row's other links name 2508.11538" in found.message
    assert found.fix is not None and found.fix.edits[0].content == "2508.11538"


def test_vr201_works_outside_tables() -> None:
    text = f"Our paper: {badge('2304.00685', '2304.00658')}\n"
    [found] = lint(text, "VR201")
    assert (found.line, found.column) == (1, column_of(text, 1, "2304.00685"))


def test_vr201_silent_on_agreeing_or_unrelated_badges() -> None:
    text = table(
        f"| A | {badge('2401.12345', '2401.12345v2')} |",  # versions name one paper
        "| B | [![arXiv](https://img.shields.io/badge/ACL-2024-blue.svg)](https://arxiv.org/abs/2401.06071) |",
        "| C | [![arXiv](https://img.shields.io/badge/arXiv-2401.06071-red)](https://github.com/a/b) |",
        "| D | ![arXiv](https://img.shields.io/badge/arXiv-2401.06071-red) [x](https://arxiv.org/abs/2305.18500) |",
    )
    assert lint(text, "VR201") == []


def test_vr201_ignores_comments_and_code() -> None:
    bad = badge("2410.12109", "2304.08345")
    text = f"<!--\n| A | {bad} |\n-->\n\n```\n{bad}\n```\n\n    {bad}\n"
    assert lint(text, "VR201", "VR202", "VR203", "VR204") == []


# -- VR202 ------------------------------------------------------------------------------


def test_vr202_wrong_digit_count() -> None:
    text = "- [A Paper About Something Important](https://arxiv.org/abs/2410.1210)\n"
    [found] = lint(text, "VR202")
    assert (found.code, found.severity, found.line) == ("VR202", "error", 1)
    assert found.column == column_of(text, 1, "2410.1210")
    assert "4 digits" in found.message and "5" in found.message
    assert "copy the ID" in found.message


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("2413.12345", "month 13"),
        ("9912.12345", "after today"),
        ("1412.12345", "IDs before 2015 have 4"),
        ("0612.1234", "before new-style IDs began"),
    ],
)
def test_vr202_impossible_ids(written: str, words: str) -> None:
    # badge and link repeat the same bad ID: one report, at the link
    text = f"- {badge(written, written)}\n"
    [found] = lint(text, "VR202")
    assert words in found.message
    assert found.column == column_of(text, 1, written, "](https://arxiv")


def test_vr202_reads_ids_written_in_title_cells() -> None:
    text = table("| Some Paper Title Here | arXiv:2410.1234 |")
    [found] = lint(text, "VR202")
    assert (found.line, found.column) == (3, column_of(text, 3, "2410.1234"))
    assert found.span.end_column - found.span.column == len("2410.1234")


def test_vr202_silent_on_valid_ids() -> None:
    text = "\n".join(
        f"- [paper](https://arxiv.org/abs/{aid})"
        for aid in ("1412.6980", "1501.00001", "2410.12109v3", "hep-th/9901001", "0704.0001")
    )
    assert lint(text + "\n", "VR202") == []


# -- VR203 ------------------------------------------------------------------------------


def test_vr203_one_id_two_titles() -> None:
    text = (
        table(
            "| ScanQA: 3D Question Answering for Spatial Scene Understanding | "
            "[paper](https://arxiv.org/abs/2112.10482) |"
        )
        + "\n"
        + table(
            "| ScanRefer: 3D Object Localization in RGB-D Scans using Natural Language | "
            "[paper](https://arxiv.org/abs/2112.10482) |"
        )
    )
    [found] = lint(text, "VR203")
    assert (found.code, found.severity, found.line) == ("VR203", "warning", 7)
    assert found.column == column_of(text, 7, "2112.10482")
    assert "ScanQA" in found.message and "ScanRefer" in found.message and "line 3" in found.message
    assert lint(text, "VR204") == []


def test_vr203_same_paper_in_several_tables_is_fine() -> None:
    row = (
        "| VALOR: Vision-Audio-Language Omni-Perception Pretraining Model and Dataset | "
        "[p](https://arxiv.org/abs/2304.08345) |"
    )
    text = table(row) + "\n" + table(row) + "\n" + table(row.replace("Pretraining", "Pre-training"))
    assert lint(text, "VR203", "VR204") == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a subtitle dropped, a question prepended
        ("VALOR: Vision-Audio-Language Omni-Perception Pretraining", "VALOR"),
        (
            "To Trust or Not to Trust? Enhancing Large Language Models' Situated Faithfulness",
            "Enhancing Large Language Models' Situated Faithfulness",
        ),
        # the preprint title and the venue title of one paper
        (
            "RLCD: Reinforcement Learning from Contrast Distillation for Language Model Alignment",
            "Self-Alignment of Large Language Models via Reinforcement Learning from Contrast Distillation",
        ),
        # a dataset name and the paper introducing it (names are not titles)
        ("OCTAV", "OMCAT: Omni Context Aware Transformer"),
    ],
)
def test_vr203_title_variants_are_one_paper(first: str, second: str) -> None:
    text = table(
        f"| {first} | [p](https://arxiv.org/abs/2410.12109) |",
        f"| {second} | [p](https://arxiv.org/abs/2410.12109) |",
    )
    assert lint(text, "VR203", "VR204") == []


def test_vr203_leaves_the_seed_to_vr201() -> None:
    assert lint(read(SEED), "VR202", "VR203", "VR204") == []


# -- VR204 ------------------------------------------------------------------------------


def test_vr204_one_title_two_ids() -> None:
    text = (
        "- [Transformer is All You Need: Multimodal Multitask Learning](https://arxiv.org/abs/2106.03161)\n"
        "- [Transformer is All You Need: Multimodal Multitask Learning](https://arxiv.org/abs/2102.10772)\n"
    )
    [found] = lint(text, "VR204")
    assert (found.code, found.severity, found.line) == ("VR204", "warning", 2)
    assert found.column == column_of(text, 2, "2102.10772")
    assert "2106.03161 on line 1" in found.message and "check which one" in found.message


def test_vr204_names_the_usual_id_when_the_file_agrees_on_it() -> None:
    title = "[Attention Is All You Need](https://arxiv.org/abs/{})"
    text = table(
        f"| {title.format('1706.03762')} | x |",
        f"| {title.format('1706.03726')} | x |",
        f"| {title.format('1706.03762')} | x |",
    )
    [found] = lint(text, "VR204")
    assert found.line == 4 and "most likely 1706.03762" in found.message


def test_vr204_swapped_ids_reported_once_each() -> None:
    chat = "Chat-UniVi: Unified Visual Representation Empowers Large Language Models"
    llama = "LLaMA-VID: An Image is Worth 2 Tokens in Large Language Models"
    text = table(
        f"| [{chat}](https://arxiv.org/abs/2311.08046) | x |",
        f"| [{llama}](https://arxiv.org/abs/2311.17043) | x |",
        f"| [{chat}](https://arxiv.org/pdf/2311.17043v1.pdf) | x |",
        f"| [{llama}](https://arxiv.org/abs/2311.08046v1) | x |",
    )
    found = lint(text, "VR203", "VR204")
    assert [(d.code, d.line) for d in found] == [("VR204", 5), ("VR204", 6)]
    assert 'is the ID of "LLaMA-VID' in found[0].message and 'is the ID of "Chat-UniVi' in found[1].message
    # a perfect swap gives no side the majority: vrlint does not pretend to know
    assert all("check which one" in d.message for d in found)


def test_vr204_silent_when_a_row_names_two_papers() -> None:
    text = table(
        "| Some Long Paper Title Here | [v1](https://arxiv.org/abs/2401.00001) "
        "[journal](https://arxiv.org/abs/2405.00002) |",
        "| Some Long Paper Title Here | [v1](https://arxiv.org/abs/2401.00001) |",
    )
    assert lint(text, "VR203", "VR204") == []


# -- VR205 / VR206 ----------------------------------------------------------------------

ABS = "- [p{0}](https://arxiv.org/abs/2401.0000{0})\n"


def test_vr205_www_host_with_safe_fix() -> None:
    text = ABS.format(1) + ABS.format(2) + "- [p](https://www.arxiv.org/abs/2305.18500)\n"
    [found] = lint(text, "VR205")
    assert (found.code, found.severity, found.line) == ("VR205", "warning", 3)
    assert found.column == column_of(text, 3, "www.arxiv.org")
    assert "www.arxiv.org" in found.message and "https://arxiv.org/abs/2305.18500" in found.message
    assert found.fix is not None and found.fix.applicability == "safe"
    fixed, again = fix_and_relint(text, found)
    assert again == [] and "https://arxiv.org/abs/2305.18500" in fixed


def test_vr205_follows_the_file_convention() -> None:
    text = "".join(f"- [p](https://export.arxiv.org/abs/2401.0000{i})\n" for i in range(3))
    assert lint(text + "- [p](https://www.arxiv.org/abs/2305.18500)\n", "VR205") == []


def test_vr206_pdf_link_in_an_abs_file() -> None:
    text = ABS.format(1) + ABS.format(2) + "- [p](https://arxiv.org/pdf/2305.18500v2.pdf)\n"
    [found] = lint(text, "VR206")
    assert (found.code, found.line, found.column) == ("VR206", 3, column_of(text, 3, "pdf/"))
    assert "PDF" in found.message and "2 of the file's 3" in found.message
    assert found.fix is not None and found.fix.applicability == "unsafe"
    fixed, again = fix_and_relint(text, found)
    assert again == [] and "https://arxiv.org/abs/2305.18500v2)" in fixed


def test_vr206_silent_where_pdf_is_the_convention() -> None:
    text = "".join(f"- [p](https://arxiv.org/pdf/2401.0000{i})\n" for i in range(3)) + ABS.format(1)
    assert lint(text, "VR206") == []


def test_vr206_min_share_option() -> None:
    text = ABS.format(1) + ABS.format(2) + "- [p](https://arxiv.org/pdf/2305.18500)\n"
    current = rule("VR206")
    strict = parse_config({"rules": {"arxiv-link-form": {"min_share": 0.8}}})
    document = vrlint.parse(text)
    assert list(run_rules(document, [current], config=strict)) == []  # 2 of 3 is not 80 %
    assert len(list(run_rules(document, [current]))) == 1


def test_vr206_pdf_suffix_on_abs_is_always_reported() -> None:
    text = "".join(f"- [p](http://arxiv.org/pdf/2401.0000{i})\n" for i in range(3))
    text += "- [p](https://arxiv.org/abs/2401.03890.pdf)\n"
    [found] = lint(text, "VR206")
    assert found.line == 4 and "abs/2401.03890.pdf" in found.message
    fixed, again = fix_and_relint(text, found)
    assert again == [] and "abs/2401.03890)" in fixed


def test_vr205_vr206_leave_http_to_vr408() -> None:
    text = ABS.format(1) + ABS.format(2) + "- [p](http://arxiv.org/abs/2305.18500)\n"
    assert lint(text, "VR205", "VR206") == []


# -- helpers, performance, corpus ---------------------------------------------------------


def test_same_title_is_fast_and_symmetric_on_adversarial_titles() -> None:
    long_a = "a" * 50_000 + ":" + " x" * 20_000
    long_b = "ab" * 25_000 + "::" * 10_000
    with finishes():
        assert arxiv_rules.same_title(long_a, long_b) == arxiv_rules.same_title(long_b, long_a)
        assert arxiv_rules._clean_title(":" * 50_000 + "a" * 50_000) is not None
        assert arxiv_rules._clean_title(":a" * 50_000) is not None


def test_rules_are_fast_on_adversarial_documents() -> None:
    many = "".join(f"| Title number {i} of this list | [p](https://arxiv.org/abs/2401.00001) |\n" for i in range(2000))
    url = "https://arxiv.org/pdf/" + "/pdf/" * 20_000 + "2401.00001"
    text = "| T | P |\n|---|---|\n" + many + f"\n[x]({url})\n- [p](https://arxiv.org/abs/{'1' * 50_000})\n"
    with finishes():
        lint(text, "VR201", "VR202", "VR203", "VR204", "VR205", "VR206")


def _family(module: str) -> list[Rule]:
    return [r for r in all_rules() if r.function.__module__ == module]


def test_rules_run_on_every_corpus_file() -> None:
    rules = _family("vrlint.rules.arxiv")
    counts: Counter[str] = Counter()
    for number, path in enumerate(corpus_files()):
        text = read(path)
        document = vrlint.parse(text)
        found = list(run_rules(document, rules, str(path)))
        for diagnostic in found:
            counts[diagnostic.code] += 1
            span = diagnostic.span
            assert 0 <= span.start < span.end <= len(document.text)
            assert span.line >= 1 and span.column >= 1
            # every message says what is wrong, then what to do
            assert "; " in diagnostic.message
        # the 127 history versions repeat one README: check the fixes of every 8th
        if "history" not in path.parts or number % 8 == 0:
            _check_fixes(text, document, found)
    # reviewed by hand: stale badges in the history, 1804.0962, pdf links in abs files
    if full_run():  # totals over the whole corpus
        assert counts["VR201"] >= 3 and counts["VR202"] >= 1 and counts["VR206"] >= 100


def _check_fixes(text: str, document: vrlint.Document, found: list[Diagnostic]) -> None:
    """Each rule's fixes apply together and leave nothing for that rule to re-report."""
    by_code: dict[str, list[Diagnostic]] = {}
    for diagnostic in found:
        if diagnostic.fix is not None:
            by_code.setdefault(diagnostic.code, []).append(diagnostic)
    for code, fixable in by_code.items():
        edits = [edit for d in fixable for edit in d.fix.edits]  # type: ignore[union-attr]
        fixed = vrlint.parse(apply_edits(text, edits))
        before = sum(1 for d in found if d.code == code)
        assert len(fixed.links) == len(document.links)  # the Markdown still parses the same
        assert len(list(run_rules(fixed, [rule(code)]))) == before - len(fixable), code


@pytest.mark.parametrize(
    ("name", "code", "line", "words"),
    [
        ("yunlong10__Awesome-LLMs-for-Video-Understanding.md", "VR202", 401, "1804.0962"),
        ("EIT-NLP__Awesome-MLLM-Compression.md", "VR201", 214, "HiDrop"),
        ("Video-R1__Awesome-Multimodal-Reasoning.md", "VR701", 71, "TimeZero"),  # one table's pairs: VR701's
        ("ActiveVisionLab__Awesome-LLM-3D.md", "VR701", 153, "ScanQA"),
        ("yunlong10__Awesome-LLMs-for-Video-Understanding.md", "VR204", 331, "LLaMA-VID"),
        ("Kedreamix__Awesome-Talking-Head-Synthesis.md", "VR206", 117, "abs/2401.03890.pdf"),
    ],
)
def test_known_corpus_defects(name: str, code: str, line: int, words: str) -> None:
    path: Path = CORPUS / name
    found = [d for d in lint(read(path), code) if d.line == line]
    assert found and words in found[0].message


def test_vr203_leaves_two_rows_of_one_table_to_vr701() -> None:
    # ActiveVisionLab/Awesome-LLM-3D: one table, one ID, two titles: one finding (VR701), not two
    text = (
        "| Date | Name | Org | Paper |\n|---|---|---|---|\n"
        "| 2021-12-20 | ScanQA | RIKEN | [ScanQA: 3D Question Answering for Spatial Scene Understanding]"
        "(https://arxiv.org/pdf/2112.10482.pdf) |\n"
        "| 2019-12-18 | ScanRefer | TUM | [ScanRefer: 3D Object Localization in RGB-D Scans using Natural Language]"
        "(https://arxiv.org/pdf/2112.10482.pdf) |\n"
    )
    assert lint(text, "VR203") == []
    assert [d.code for d in rulekit.run(text, ["VR701"])] == ["VR701"]
