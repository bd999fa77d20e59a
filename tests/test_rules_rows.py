# ruff: noqa: E501  (real corpus rows are copied verbatim)
"""VR9xx: rows read as a whole, links that cannot work, placeholder sections.

Every table below is a real row of the corpus (README and history versions),
copied with its header; the rule must report what a maintainer later fixed
and stay quiet on the corrected row.
"""

from __future__ import annotations

import pytest
from conftest import corpus_readme, read
from rulekit import apply_fixes, check_examples, run

import vrlint
from vrlint.rules.base import get_rule

CODES = [
    "VR901",
    "VR902",
    "VR903",
    "VR904",
    "VR911",
    "VR912",
    "VR913",
    "VR914",
    "VR915",
    "VR916",
    "VR917",
    "VR941",
    "VR951",
]


@pytest.mark.parametrize("code", CODES)
def test_documented_examples(code: str) -> None:
    check_examples(code)


# LJungang/Awesome-Video-Reasoning-Landscape, history 117_2c000ed line 199: the Venue badge
# kept the ID of another paper (2511.14120); later versions fixed it.
_TWO_PAPERS = """\
| **Title** | **Code** |  **Checkpoint** | **Time** | **Venue** |
|:----------|:----------:|:--------------------:|:-----------:|:--:|
| [Orion: A Unified Visual Agent for Multimodal Perception, Advanced Visual Reasoning and Execution](https://arxiv.org/abs/2511.14210) | `N/A` | `N/A` | 2025-11 | [![arXiv](https://img.shields.io/badge/arXiv-2511.14120-b31b1b.svg?style=flat-square)](https://arxiv.org/abs/2511.14120)  |
"""


def test_row_with_two_papers_is_reported_once() -> None:
    (found,) = run(_TWO_PAPERS, ["VR901"])
    assert "2511.14210" in found.message and "2511.14120" in found.message
    assert found.span.line == 3
    assert run(_TWO_PAPERS.replace("2511.14120", "2511.14210"), ["VR901"]) == []


def test_a_cell_listing_two_papers_by_name_is_not_a_row_with_two_papers() -> None:
    # HITsz-TMG/Awesome-Large-Multimodal-Reasoning-Models line 724 (cut to two links)
    listing = """\
| Benchmark | Dataset |
| --- | --- |
| [GeoQA](https://arxiv.org/abs/2105.14517) | [Sekai](https://arxiv.org/abs/2506.15675) |
| [Seedance](https://x.org) | [1.0 Report](https://arxiv.org/abs/2506.09113) / [1.5 pro Report](https://arxiv.org/abs/2512.13507) |
"""
    assert run(listing, ["VR901"]) == []


def test_badge_against_its_own_link_is_left_to_vr201() -> None:
    # EIT-NLP/Awesome-MLLM-Compression line 214 (shortened)
    row = """\
| Title & Authors & Links | Areas |
|---|---|
| [![Preprint](https://img.shields.io/badge/arXiv-2602.23734-b31b1b)](https://arxiv.org/abs/2602.23699) <br> **UTPTrack: Towards Simple and Unified Token Pruning for Visual Tracking** | x |
"""
    assert run(row, ["VR901"]) == []
    assert [d.code for d in run(row, ["VR201"])] == ["VR201"]


# AIDASLab/Awesome-Diffusion-LLM lines 157-161: a 2509 paper dated 2024.10 (the row above's date)
_DATED_TOO_EARLY = """\
| Paper Title | Year | Venue | Remark |
| :--- | :---: | :---: | :--- |
| [Beyond Autoregression: Discrete Diffusion for Complex Reasoning](https://arxiv.org/pdf/2410.14157) | 2024.10 | ICLR | <7B |
| [Tree Reward-Aligned Search for TReASURe in Masked Diffusion Language Models](https://arxiv.org/abs/2509.23146v1) | 2024.10 | Arxiv | Planning |
"""


def test_date_before_the_arxiv_id() -> None:
    (found,) = run(_DATED_TOO_EARLY, ["VR902"])
    assert found.span.line == 4 and "2509.23146" in found.message and "2024-10" in found.message


def test_a_date_one_or_two_months_before_the_id_is_normal() -> None:
    # AIDASLab line 132: dated 2025.11, ID 2512.06776 (submitted at the end of November)
    row = """\
| Paper Title | Year | Venue | Remark |
| :--- | :---: | :---: | :--- |
| [From Next-Token to Next-Block: Principled Adaptation Path](https://arxiv.org/abs/2512.06776) | 2025.11 | Arxiv | >7B, Adaptation Path |
"""
    assert run(row, ["VR902"]) == []


def test_a_publication_year_after_the_id_is_not_reported() -> None:
    # nick7nlp/Awesome-LLM-On-Policy-Distillation line 131: the Date column is the venue's year
    row = """\
| Paper | Date | Resources |
|-------|:----:|:---:|
| 🟢 [On-Policy Distillation of Language Models: Learning from Self-Generated Mistakes](https://arxiv.org/abs/2306.13649) | 2024 |  |
"""
    assert run(row, ["VR902"]) == []


def test_publication_years_are_why_vr904_is_opt_in() -> None:
    # nick7nlp line 131 again: a year and a half after the ID, no venue column
    row = """\
| Paper | Date | Resources |
|-------|:----:|:---:|
| 🟢 [On-Policy Distillation of Language Models: Learning from Self-Generated Mistakes](https://arxiv.org/abs/2306.13649) | 2025 |  |
"""
    (found,) = run(row, ["VR904"])
    assert "2306.13649" in found.message
    with_venue = "| Paper | Date | Venue |\n|---|---|---|\n| [On-Policy Distillation](https://arxiv.org/abs/2306.13649) | 2025 | ICLR 2024 |\n"
    assert run(with_venue, ["VR904"]) == []


def test_venue_years_before_the_id() -> None:
    # OpenEnvision/Awesome-Multimodal-Modeling line 359: an ICML 2011 paper with a 2012 ID of another paper
    row = """\
| Model | Venue | Links | Notes | Task |
|---|---|---|---|---|
| Multimodal Deep Learning | ICML 2011 | [Paper](https://arxiv.org/abs/1206.5538) | Foundational multimodal deep learning framework | multimodal deep learning |
"""
    (found,) = run(row, ["VR902"])
    assert "ICML 2011" in found.message


# LJungang history 052_c0241a2 line 57: `abs//2511.14446`
_DOUBLE_SLASH = """\
| **Title** | **Model & Code** | **Checkpoint** | **Input Modalities** | **Time** | **Venue** |
|----------|-------------------|----------------|----------------------|----------|-----------|
| [Agentic Video Intelligence: A Flexible Framework for Advanced Video Exploration and Understanding](https://arxiv.org/abs/2511.14446) | | | video|2025-11|[![arXiv](https://img.shields.io/badge/arXiv-/2511.14446-b31b1b.svg?style=plastic)](https://arxiv.org/abs//2511.14446)|
"""


def test_malformed_arxiv_link_and_badge_and_their_safe_fixes() -> None:
    link, badge = sorted(run(_DOUBLE_SLASH, ["VR903"]), key=lambda d: d.span.start, reverse=True)
    assert link.fix is not None and link.fix.applicability == "safe"
    assert "/2511.14446" in badge.message
    fixed = apply_fixes(_DOUBLE_SLASH, [link, badge])
    assert "](https://arxiv.org/abs/2511.14446)|" in fixed and "abs//" not in fixed
    assert "badge/arXiv-2511.14446-b31b1b" in fixed
    assert run(fixed, ["VR903"]) == []


def test_wrong_digit_count_has_no_fix() -> None:
    (found,) = run("[Paper](https://arxiv.org/abs/2401.123456)\n", ["VR903"])
    assert found.fix is None


# ybwang119/Awesome-reasoning-safety line 426
_TWICE = """\
|Title|Venue|Date|topic|Code|
|-|-|-|-|-|
|[Antidistillation Sampling](https://arxiv.org/abs/2504.13146)|arxiv|04/17, 2025|copyright protection|[Project](https://antidistillation.com/https://antidistillation.com/)|
"""


def test_host_written_twice() -> None:
    (found,) = run(_TWICE, ["VR911"])
    fixed = apply_fixes(_TWICE, [found])
    assert "[Project](https://antidistillation.com/)|" in fixed


def test_host_written_twice_on_github() -> None:
    text = "[Code](https://github.com/https://github.com/openai/CLIP)\n"
    assert apply_fixes(text, run(text, ["VR911"])) == "[Code](https://github.com/openai/CLIP)\n"


def test_escaped_character_in_bare_url_agrees_with_cmark() -> None:
    import cmarkgfm

    text = "| Paper | DOI |\n|---|---|\n| ECCV | https://doi.org/10.1007/978-3-031-72661-3\\_8 |\n"
    assert "%5C_8" in cmarkgfm.github_flavored_markdown_to_html(text)  # GitHub keeps the backslash
    (found,) = run(text, ["VR912"])
    assert "3_8 |" in apply_fixes(text, [found])
    linked = "[DOI](https://doi.org/10.1007/978-3-031-72661-3\\_8)\n"  # resolved inside a link
    assert run(linked, ["VR912"]) == []


# LJungang/Awesome-Video-Reasoning-Landscape line 173 (cells cut) and ybwang119 line 264
_OTHER_SITE = """\
| **Title** | **Model & Code** | **Checkpoint** | **Time** |
|:---|:---:|:---:|:---:|
| [MECD+: Unlocking Event-Level Causal Graph Discovery for Video Reasoning](https://arxiv.org/abs/2501.07227) | [GitHub](https://github.com/tychen-SJTU/MECD-Benchmark) | [Hugging Face](https://github.com/tychen-SJTU/MECD-Benchmark) | 2025-01 |
"""


def test_link_text_names_another_site() -> None:
    (found,) = run(_OTHER_SITE, ["VR913"])
    assert "Hugging Face" in found.message and "github.com" in found.message
    row = "|Title|Code|\n|-|-|\n|[FuSaR: A Fuzzification-Based Method for LRM Safety-Reasoning Balance](https://arxiv.org/abs/2508.12897)|[Github](https://arxiv.org/abs/2508.12897)|\n"
    assert [d.code for d in run(row, ["VR913"])] == ["VR913"]


def test_titles_and_sentences_that_mention_a_site_are_not_link_names() -> None:
    # he-y/Awesome-Pruning line 311; OpenEnvision line 444
    text = (
        "[Approximated Oracle Filter Pruning for Destructive CNN Width Optimization github](https://arxiv.org/abs/1905.04748)\n\n"
        "[HF / Official](https://github.com/PaddlePaddle/PaddleOCR)\n\n[GitHub](https://github.com/o/r)\n"
    )
    assert run(text, ["VR913"]) == []


# LJungang history 012_15883b0 line 48 (checkpoint cell): the badge lost its `[`
_NO_BRACKET = """\
| Title | Checkpoint |
|---|---|
|**Show-o: One Single Transformer to Unify Multimodal Understanding and Generation** |![hf_checkpoint](https://img.shields.io/badge/🤗-Checkpoints-9C276A.svg)](https://huggingface.co/showlab)|
"""


def test_badge_missing_its_bracket_and_the_fix_makes_a_link() -> None:
    (found,) = run(_NO_BRACKET, ["VR914"])
    fixed = apply_fixes(_NO_BRACKET, [found])
    assert "|[![hf_checkpoint]" in fixed
    links = [link for link in vrlint.parse(fixed).links if link.kind == "link"]
    assert [link.url for link in links] == ["https://huggingface.co/showlab"]


def test_destination_repeated_after_link() -> None:
    text = "| Title | Code |\n|---|---|\n| CLIP | [Code](https://github.com/openai/CLIP)(https://github.com/openai/CLIP)) |\n"
    (found,) = run(text, ["VR915"])
    assert (
        apply_fixes(text, [found]) == "| Title | Code |\n|---|---|\n| CLIP | [Code](https://github.com/openai/CLIP) |\n"
    )
    assert run("(see [Code](https://github.com/openai/CLIP))\n", ["VR915"]) == []


# LJungang/Awesome-Video-Reasoning-Landscape line 242 (model cell)
_CODE_SPAN = """\
| **Title** | **Model & Code** |
|:---|:---:|
| [MMGR: Multi-Modal Generative Reasoning](https://arxiv.org/pdf/2512.14691) | [GitHub](https://github.com/Zefan-Cai/MMGR)`<br>`[Hugging Face](https://huggingface.co/datasets/ZefanCai/Video-Reasoning-Clean) |
"""


def test_markup_in_code_span_and_unsafe_fix() -> None:
    (found,) = run(_CODE_SPAN, ["VR916"])
    assert found.fix is not None and found.fix.applicability == "unsafe"
    assert "MMGR)<br>[Hugging" in apply_fixes(_CODE_SPAN, [found])
    assert run("Use `<br>` to break a line in a cell.\n", ["VR916"]) == []  # prose documents markup


# sjtuplayer/Awesome-Video-Foundations lines 302-317: X-VILA links Video-LaVIT's repository
_OTHER_ROW_REPO = """\
|     Model     | Paper | Venue | Website | GitHub |
| --- | --- | --- | --- | --- |
| `Video‑LaVIT` | [![arXiv](https://img.shields.io/badge/arXiv-2402.03161-b31b1b?style=flat-square&logo=arxiv)](https://arxiv.org/abs/2402.03161)<br>Video‑LaVIT: Unified Video‑Language Pre‑training with Decoupled Visual‑Motional Tokenization | ICML 2024 | [![Website](https://img.shields.io/badge/Link-yellow?style=flat-square&logo=gitbook)](https://video-lavit.github.io/) | [![GitHub](https://img.shields.io/github/stars/jy0205/LaVIT)](https://github.com/jy0205/LaVIT) |
| `X-VILA` | [![arXiv](https://img.shields.io/badge/arXiv-2405.19335-b31b1b?style=flat-square&logo=arxiv)](https://arxiv.org/pdf/2405.19335)<br>X-VILA: Cross-Modality Alignment for Large Language Model | arXiv 2024 | [![Website](https://img.shields.io/badge/Link-yellow?style=flat-square&logo=gitbook)](https://video-lavit.github.io/) | [![GitHub](https://img.shields.io/github/stars/jy0205/LaVIT)](https://github.com/jy0205/LaVIT) |
"""


def test_code_of_another_row() -> None:
    (found,) = run(_OTHER_ROW_REPO, ["VR941"])
    assert found.span.line == 4 and "jy0205/lavit" in found.message


def test_versions_of_one_project_share_a_repository() -> None:
    # friedrichor/Awesome-Multimodal-Papers lines 212/220 (cut): Janus and Janus-Pro
    rows = """\
| Title | Code |
| --- | --- |
| [Janus-Pro: Unified Multimodal Understanding and Generation with Data and Model Scaling](https://arxiv.org/abs/2501.17811) | [Code](https://github.com/deepseek-ai/Janus) |
| [Janus: Decoupling Visual Encoding for Unified Multimodal Understanding and Generation](https://arxiv.org/abs/2410.13848) | [Code](https://github.com/deepseek-ai/Janus) |
"""
    assert run(rows, ["VR941"]) == []


def test_placeholder_section_from_the_corpus() -> None:
    # LJungang/Awesome-Video-Reasoning-Landscape lines 44-48
    text = "## 📑 Task Definition\n\nTBD\n\n## 😎 Paradigms\n\n- x\n"
    (found,) = run(text, ["VR951"])
    assert found.span.line == 1
    assert (
        run("## Datasets\n\nTBD: the datasets of [VALOR](https://x.org) are listed below.\n\n## B\n\nx\n", ["VR951"])
        == []
    )


def test_vr941_is_opt_in_and_the_rest_are_default() -> None:
    defaults = {code: get_rule(code).default for code in CODES}  # type: ignore[union-attr]
    assert defaults.pop("VR941") is False
    assert defaults.pop("VR904") is False
    assert all(defaults.values())


@pytest.mark.parametrize(
    "name", ["nick7nlp__Awesome-LLM-On-Policy-Distillation.md", "Steve2457__Awesome-RL-GUI-Agents.md"]
)
def test_quiet_on_consistent_files(name: str) -> None:
    """Two hand-audited files whose rows agree: no VR9xx finding at all."""
    assert run(read(corpus_readme(name)), CODES) == []


def test_redirect_wrapped_link_from_the_corpus() -> None:
    # Video-R1/Awesome-Multimodal-Reasoning line 37 (cut after the links)
    row = """\
| Date             | Project                                                      | SFT |
| ---------------- | ------------------------------------------------------------ | --- |
| 25.03            | LMM-R1: Empowering 3B LMMs with Strong Reasoning Abilities Through Two-Stage Rule-Based RL [[📑Paper]](https://link.zhihu.com/?target=https%3A//arxiv.org/pdf/2503.07536)[[🖥️Code]](https://github.com/TideDra/lmm-r1) | - |
"""
    (found,) = run(row, ["VR917"])
    assert "[[📑Paper]](https://arxiv.org/pdf/2503.07536)[[" in apply_fixes(row, [found])
    assert run("[Search](https://www.google.com/search?q=https://arxiv.org)\n", ["VR917"]) == []


def test_one_cause_many_places_is_one_finding_with_one_fix() -> None:
    # LJungang writes `<br>` in backticks in 20 rows of one table: one finding, one fix for all
    header, delimiter, row = _CODE_SPAN.splitlines()
    table = "\n".join([header, delimiter, *[row] * 5]) + "\n"
    (found,) = run(table, ["VR916"])
    assert "4 more places" in found.message and "lines 4, 5, 6, 7" in found.message
    fixed = apply_fixes(table, [found])
    assert "`<br>`" not in fixed and fixed.count("MMGR)<br>[Hugging") == 5


def _dated_table(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"| {date} | [P{i}](https://arxiv.org/abs/{aid}) |\n" for i, (date, aid) in enumerate(rows))
    return "| Date | Paper |\n|---|---|\n" + body


def test_date_before_id_is_not_reported_where_the_table_dates_by_publication() -> None:
    # ChunmingHe's low-level-vision list dates rows by publication: Prismer (2303) at 2024-01,
    # and adaptMLLM published in a journal (2023-11) before its arXiv posting (2403)
    by_publication = _dated_table(
        [("2024-01", "2303.02506"), ("2024-05", "2308.04152"), ("2023-11", "2403.00001"), ("2024-09", "2401.00002"),
         ("2024-10", "2402.00003"), ("2024-12", "2405.00004")]
    )  # fmt: skip
    assert run(by_publication, ["VR902"]) == []
    by_arxiv = _dated_table([(f"2024-{m:02d}", f"24{m:02d}.0000{m}") for m in range(1, 8)] + [("2023-01", "2408.00009")])
    assert [d.line for d in run(by_arxiv, ["VR902"])] == [10]
    one_late = by_arxiv.replace("| 2024-07 |", "| 2024-11 |")  # one late row is not a habit
    assert [d.line for d in run(one_late, ["VR902"])] == [10]
