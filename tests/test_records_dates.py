# ruff: noqa: E501  (real corpus rows are copied verbatim)
"""Dates, venues, titles and stable IDs read from real corpus rows (issue 11)."""

from __future__ import annotations

import csv
import io

import pytest

import vrlint
from vrlint.export import export_text
from vrlint.records.dates import YearMonth, is_not_a_title, parse_date, split_venue


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-12-23", YearMonth(2025, 12)), ("2023-5-20", YearMonth(2023, 5)), ("2025.10", YearMonth(2025, 10)),
        ("25.03", YearMonth(2025, 3)), ("26.4.07", YearMonth(2026, 4)), ("9/04/24", YearMonth(2024, 9)),
        ("12/29/22", YearMonth(2022, 12)), ("08/27, 2025", YearMonth(2025, 8)), ("12/2023", YearMonth(2023, 12)),
        ("Dec 2024", YearMonth(2024, 12)), ("September 2023", YearMonth(2023, 9)), ("arxiv(24.03)", YearMonth(2024, 3)),
        ("25.03 (CVPR2025)", YearMonth(2025, 3)), ("2019", YearMonth(2019, None)), ("CVPR 2025", YearMonth(2025, None)),
        ("-", None), ("3.5", None), ("v1.13", None), ("25.13", None),
    ],
)  # fmt: skip
def test_every_date_form_of_the_corpus(text: str, expected: YearMonth | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CVPR 2025", ("CVPR", 2025)), ("Findings of ACL 2025", ("Findings of ACL", 2025)),
        ("CVPR '23", ("CVPR", 2023)), ("ICCV2023", ("ICCV", 2023)), ("arXiv", ("arXiv", None)),
        ("NeurIPS 2024 (Spotlight)", ("NeurIPS (Spotlight)", 2024)), ("-", (None, None)),
        ("ICCV 2023 Workshop", ("ICCV Workshop", 2023)),
    ],
)  # fmt: skip
def test_venue_and_year_come_apart(text: str, expected: tuple[str | None, int | None]) -> None:
    assert split_venue(text) == expected


@pytest.mark.parametrize("text", ["", "2024-10-12", "#", "12", "🟢", "-", "25.03", "Dec 2024"])
def test_not_a_title(text: str) -> None:
    assert is_not_a_title(text)


@pytest.mark.parametrize("text", ["LLaVA", "视频理解论文串讲", "Qwen2.5-VL", "GPT-4o"])
def test_a_title(text: str) -> None:
    assert not is_not_a_title(text)


# Real rows (ActiveVisionLab/Awesome-LLM-3D, JiwenJ/Awesome-MLLM-Agentic-Reasoning,
# Steve2457/Awesome-RL-GUI-Agents, mli/paper-reading, nick7nlp/..., YuanaHao/Awesome-Diffusion-RL).
_ID_COLUMN_OF_DATES = """\
|  ID |       keywords       |    Institute (first)    | Paper | Publication | Others |
| :-----: | :------------------: | :--------------: | :--- | :---------: | :---------: |
| 2024-10-12 |  Lexicon3D |    UIUC  | [Lexicon3D: Probing Visual Foundation Models for Complex 3D Scene Understanding](https://arxiv.org/abs/2409.03757) | NeurIPS '24 | [project](https://yunzeman.github.io/lexicon3d/) |
"""
_DATE_AND_PAPER = """\
| Date | Paper and resources | Tags | Why it matters |
|---|---|---|---|
| 2026-07-17 | [Searching Videos as Trees: Self-Correcting Agents for Grounded Long Video QA](https://arxiv.org/abs/2607.16189) | **AR · TOOL** | VideoTreeSearch learns to zoom. |
"""
_VENUE_YEAR = """\
| Paper | Venue / Year |
| --- | --- |
| [Gui agents: A survey](https://arxiv.org/abs/2412.13501) | Findings of ACL 2025 |
"""
_CHINESE = """\
| 日期 | 标题 | 封面 | 时长 | 视频（播放数） |
| --: | -- | -- | --: | -- |
| 4/28/22 | [视频理解论文串讲](https://arxiv.org/pdf/2012.06567.pdf)（下） | <img src="imgs/video-survey-p2.jpg" width="200px"/> | 1:08:32 | x |
"""
_MARK_FIRST = """\
| 已录制 | 年份 | 名字 | 简介 | 引用 |
| ------ | ---- | ---- | ---- | ---- |
| ✅      | 2015 | [ResNet](https://arxiv.org/pdf/1512.03385.pdf) | 构建深层网络都要有的残差连接。 | x |
"""
_METHOD_AFTER_PAPER = """\
| Year | Paper | Venue | Task | Method | Resources |
| --- | --- | --- | --- | --- | --- |
| 2025 | [Training Diffusion Models with Reinforcement Learning](https://arxiv.org/abs/2305.13301) | ICLR 2024 | T2I | Policy Gradient, PPO | x |
"""
_NUMBERED = """\
| # | Problem | Description |
|:-:|---------|-------------|
| 1 | **Scaling Laws** | No equivalent of Chinchilla for OPD |
"""


@pytest.mark.parametrize(
    ("table", "title", "year", "month", "venue"),
    [
        (_ID_COLUMN_OF_DATES, "Lexicon3D: Probing Visual Foundation Models for Complex 3D Scene Understanding",
         2024, 10, "NeurIPS"),
        (_DATE_AND_PAPER, "Searching Videos as Trees: Self-Correcting Agents for Grounded Long Video QA", 2026, 7, None),
        (_VENUE_YEAR, "Gui agents: A survey", 2025, None, "Findings of ACL"),
        (_CHINESE, "视频理解论文串讲", 2022, 4, None),
        (_MARK_FIRST, "ResNet", 2015, None, None),
        (_METHOD_AFTER_PAPER, "Training Diffusion Models with Reinforcement Learning", 2025, None, "ICLR"),
        (_NUMBERED, "Scaling Laws", None, None, None),
    ],
)  # fmt: skip
def test_title_date_and_venue_of_real_rows(
    table: str, title: str, year: int | None, month: int | None, venue: str | None
) -> None:
    (entry,) = vrlint.tables(vrlint.parse(table))[0].entries
    assert (entry.title, entry.year, entry.month, entry.venue) == (title, year, month, venue)


def test_stable_id_is_the_arxiv_id_else_a_title_slug() -> None:
    assert vrlint.tables(vrlint.parse(_VENUE_YEAR))[0].entries[0].id == "arXiv:2412.13501"
    assert vrlint.tables(vrlint.parse(_NUMBERED))[0].entries[0].id == "scaling-laws"


def test_the_lists_own_columns_are_exported_under_their_headers() -> None:
    table = """\
| Date | Project | SFT | RL | Task |
| --- | --- | --- | --- | --- |
| 25.03 | Reason-RFT: Reinforcement Fine-Tuning for Visual Reasoning  [[📑Paper]](https://arxiv.org/abs/2503.20752) | SFT-based Reasoning Activation | GRPO | Visual Count |
"""
    (entry,) = vrlint.tables(vrlint.parse(table))[0].entries
    assert entry.columns == {"SFT": "SFT-based Reasoning Activation", "RL": "GRPO", "Task": "Visual Count"}
    (row,) = csv.DictReader(io.StringIO(export_text(vrlint.parse(table), "README.md", "csv")))
    assert (row["SFT"], row["RL"], row["Task"], row["id"]) == (
        "SFT-based Reasoning Activation",
        "GRPO",
        "Visual Count",
        "arXiv:2503.20752",
    )
    assert row["title"] == "Reason-RFT: Reinforcement Fine-Tuning for Visual Reasoning"
    assert (row["year"], row["month"]) == ("2025", "3")
