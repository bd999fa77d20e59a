# ruff: noqa: E501  (the snippets keep real rows whole)
"""Idioms are not defects: patterns authors repeat on purpose stay quiet, even with every rule on.

The issue that asked for these (#10) found them in lists outside the vendored corpus, so the
snippets are written after its description; rows use real titles and links' shapes.
"""

from __future__ import annotations

import vrlint
from vrlint.config import Config
from vrlint.engine import lint

EVERY_RULE = Config(select=["ALL"])


def findings(text: str) -> list[str]:
    return [f"{d.code}@{d.line}" for d in lint(vrlint.parse(text), "README.md", EVERY_RULE)]


HIDDEN_NOTES = """\
| Title | Venue | Code |
| --- | --- | --- |
| [Video-R1: Reinforcing Video Reasoning in MLLMs](https://arxiv.org/abs/2503.21776) | arXiv 2025 | [code](https://github.com/tulerfeng/Video-R1) | [//]: # (added 2025-03) |
| [TimeZero: Temporal Video Grounding with Reasoning-Guided LVLM](https://arxiv.org/abs/2503.13377) | arXiv 2025 | [code](https://github.com/www-Ye/TimeZero) | [//]: # |
| [R1-Omni: Explainable Omni-Multimodal Emotion Recognition](https://arxiv.org/abs/2503.05379) | arXiv 2025 | [code](https://github.com/HumanMLLM/R1-Omni) | <!-- check venue --> |
"""


def test_hidden_comment_cell_past_the_header_is_a_note_not_a_lost_cell() -> None:
    assert findings(HIDDEN_NOTES) == []
    lost = HIDDEN_NOTES.replace("[//]: # |", "CVPR 2025 |")
    assert findings(lost) == ["VR101@4"]  # a real value past the header is still reported


def _tag_rows(count: int) -> str:
    venues = ["CVPR-2024", "ICCV-2023", "NeurIPS-2023", "ICLR-2025", "ACL-2024", "EMNLP-2024"]
    rows = "".join(
        f"| [Paper {i}: A Study of Video Reasoning Models](https://arxiv.org/abs/2401.{i:05d}) | "
        f"[![{venues[i]}](https://img.shields.io/badge/{venues[i]}-blue)]() "
        f"[![Type](https://img.shields.io/badge/Type-Method-green)]() |\n"
        for i in range(1, count + 1)
    )
    return "| Title | Tags |\n| --- | --- |\n" + rows


def test_tag_badges_wrapped_in_empty_links_throughout_the_file_are_an_idiom() -> None:
    assert findings(_tag_rows(5)) == []


def test_a_lone_empty_badge_link_or_one_that_promises_a_page_is_reported() -> None:
    assert findings(_tag_rows(1)) == ["VR305@3"]  # two tags, once: not an idiom; one cause, one finding
    page = "\n[![Project Page](https://img.shields.io/badge/Project-Page-green.svg)]()\n"
    found = lint(vrlint.parse(_tag_rows(5) + page), "README.md", EVERY_RULE)
    assert [(d.code, d.line) for d in found] == [("VR305", 9)]


FIGURES = """\
# Awesome Video Reasoning

<p align="center"><img src="https://arxiv.org/html/2503.21776v2/x1.png" width="80%"></p>

<img src="https://www.arxiv.org/html/2503.13377/x2.png" alt="overview">

""" + "".join(f"- [Paper {i}: A Study of Video Reasoning](https://arxiv.org/abs/2401.{i:05d})\n" for i in range(1, 6))


def test_figures_served_from_arxiv_are_images_not_paper_links() -> None:
    assert findings(FIGURES) == []


STAR_HISTORY = """\
## Star History

[![Star History Chart](https://api.star-history.com/svg?repos=friedrichor/Awesome-Multimodal-Papers&type=Date)](https://star-history.com/#friedrichor/Awesome-Multimodal-Papers&Date)

<a href="https://star-history.com/#friedrichor/Awesome-Multimodal-Papers&Date">
  <picture>
    <source media="(prefers-color-scheme: dark)" srcset="https://api.star-history.com/svg?repos=friedrichor/Awesome-Multimodal-Papers&type=Date&theme=dark" />
    <img alt="Star History Chart" src="https://api.star-history.com/svg?repos=friedrichor/Awesome-Multimodal-Papers&type=Date" />
  </picture>
</a>
"""


def test_star_history_charts_are_quiet() -> None:
    assert findings(STAR_HISTORY) == []


LAYOUT = """\
# Awesome

| ![teaser](https://example.org/a.png) | ![pipeline](https://example.org/b.png) | ![results](https://example.org/c.png) |
| :---: | :---: | :---: |
| Overview | Pipeline | |

| Contents | | |
| --- | --- | --- |
| [Awesome](#awesome) | [Papers](#awesome) | |
| [Data](#awesome) | | |
"""


def test_layout_tables_are_not_data_tables() -> None:
    assert findings(LAYOUT) == []
