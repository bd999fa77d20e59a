"""Online arXiv checks (VR251-VR253) against a fake arXiv API on 127.0.0.1."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fakeweb import FakeWeb, atom_feed
from hang import finishes

import vrlint
from vrlint.diagnostics import Diagnostic
from vrlint.online import OnlineOptions, check_online
from vrlint.online.arxiv_api import CANARY_ID, _BadAnswer, is_withdrawal, parse_feed
from vrlint.online.check import _URL_CHARS
from vrlint.online.titles import common_words, looks_like_title, normalise_title, title_similarity

VALOR = "VALOR: Vision-Audio-Language Omni-Perception Pretraining Model and Dataset"


@pytest.fixture
def web() -> Iterator[FakeWeb]:
    with FakeWeb() as server:
        server.papers[CANARY_ID] = {"id": f"{CANARY_ID}v7", "title": "Attention Is All You Need"}
        server.papers["2304.08345"] = {"id": "2304.08345v2", "title": VALOR}
        server.papers["2311.08046"] = {
            "id": "2311.08046v3",
            "title": "Chat-UniVi: Unified Visual Representation Empowers Large Language Models with\n"
            "  Image and Video Understanding",
        }
        server.papers["2101.00001"] = {
            "id": "2101.00001v2",
            "title": "A Result That Did Not Hold Up After All",
            "comment": "This paper has been withdrawn by the author due to an error in Lemma 2",
        }
        server.papers["1901.00002"] = {
            "id": "1901.00002v1",
            "title": "Another Retracted Study Of Something Important",
            "summary": "This paper has been withdrawn.",
        }
        server.papers["hep-th/9901001"] = {"id": "hep-th/9901001v1", "title": "Old Style Paper On Strings"}
        yield server


def options(web: FakeWeb, **overrides: Any) -> OnlineOptions:
    settings: dict[str, Any] = {
        "links": False,
        "arxiv_api_url": web.url("/api/query"),
        "arxiv_interval": 0.0,
        "use_cache": False,
        "timeout": 2.0,
        "backoff": 0.05,
    }
    settings.update(overrides)
    return OnlineOptions(**settings)


def check(web: FakeWeb, text: str, **overrides: Any) -> list[Diagnostic]:
    return check_online(vrlint.parse(text), "README.md", None, options(web, **overrides))


def row(title: str, url: str) -> str:
    return f"| Title | Paper |\n|---|---|\n| {title} | [arXiv]({url}) |\n"


# -- VR251 -----------------------------------------------------------------------------------------
def test_existing_id_is_silent_and_batched_with_the_canary(web: FakeWeb) -> None:
    assert check(web, row(VALOR, "https://arxiv.org/abs/2304.08345")) == []
    assert web.arxiv_batches == [["2304.08345", CANARY_ID]]
    (_method, path, _headers) = web.log[0]
    assert "max_results=2" in path


def test_unknown_id_is_reported_at_the_link(web: FakeWeb) -> None:
    text = row("Some Paper About Video Understanding Models", "https://arxiv.org/abs/2310.99999")
    (found,) = check(web, text)
    assert (found.code, found.name, found.severity) == ("VR251", "arxiv-id-not-found", "error")
    assert (found.line, found.column) == (3, text.splitlines()[2].index("https://arxiv") + 1)
    assert "2310.99999 does not exist" in found.message and "correct the ID" in found.message
    assert "announced" not in found.message


def test_unknown_recent_id_may_not_be_announced_yet(web: FakeWeb) -> None:
    today = date.today()
    recent = f"{today.year % 100:02d}{today.month:02d}.00001"
    (found,) = check(web, f"[paper](https://arxiv.org/abs/{recent})\n")
    assert found.code == "VR251" and "may not be announced yet" in found.message


def test_ids_in_badges_plain_text_and_lists_are_checked(web: FakeWeb) -> None:
    text = (
        "| Title | Paper |\n|---|---|\n"
        "| A | ![arXiv](https://img.shields.io/badge/arXiv-2310.99998-b31b1b.svg) |\n"
        "| B | arXiv:2310.99997 |\n\n"
        "- [Some paper](https://arxiv.org/pdf/2310.99996v1.pdf)\n"
    )
    found = check(web, text)
    assert [(d.code, d.line) for d in found] == [("VR251", 3), ("VR251", 4), ("VR251", 6)]
    asked = {i for batch in web.arxiv_batches for i in batch}
    assert {"2310.99998", "2310.99997", "2310.99996"} <= asked


def test_badge_and_link_of_one_row_are_reported_once(web: FakeWeb) -> None:
    badge = "https://img.shields.io/badge/arXiv-2310.99999-b31b1b.svg"
    text = f"| Title | Paper |\n|---|---|\n| X | [![arXiv]({badge})](https://arxiv.org/abs/2310.99999) |\n"
    assert [d.code for d in check(web, text)] == ["VR251"]


def test_version_that_was_never_posted(web: FakeWeb) -> None:
    (found,) = check(web, "[p](https://arxiv.org/abs/2304.08345v5)\n")
    assert found.code == "VR251" and "latest version of 2304.08345 is v2" in found.message
    assert check(web, "[p](https://arxiv.org/abs/2304.08345v2) [q](https://arxiv.org/abs/hep-th/9901001)\n") == []


def test_malformed_ids_are_left_to_the_offline_rules(web: FakeWeb) -> None:
    assert check(web, "[p](https://arxiv.org/abs/2313.00001) [q](https://arxiv.org/abs/2301.123)\n") == []
    assert web.arxiv_batches == []


# -- unknown is never wrong --------------------------------------------------------------------------
def test_empty_answer_is_unknown_not_missing(web: FakeWeb) -> None:
    del web.papers[CANARY_ID]  # the API answers, but with nothing
    stream = io.StringIO()
    assert check(web, "[p](https://arxiv.org/abs/2310.99999)\n", progress=stream) == []
    assert "1 arXiv ID (0 cached, 1 unknown)" in stream.getvalue()


def test_rate_limited_api_is_retried_then_unknown(web: FakeWeb) -> None:
    web.arxiv_status = 503
    start = time.monotonic()
    assert check(web, "[p](https://arxiv.org/abs/2310.99999)\n", retries=2, backoff=0.1) == []
    assert len(web.arxiv_batches) == 0 and web.hits["/api/query"] == 3
    assert time.monotonic() - start >= 0.3


def test_an_error_entry_splits_the_batch_until_the_culprit_is_alone(web: FakeWeb) -> None:
    web.arxiv_errors.add("2310.99999")
    text = "[a](https://arxiv.org/abs/2304.08345) [b](https://arxiv.org/abs/2310.99999) [c](https://arxiv.org/abs/2310.99998)\n"
    found = check(web, text)
    assert [d.column for d in found] == [text.index("https://arxiv.org/abs/2310.99998") + 1]
    assert ["2310.99999", CANARY_ID] in web.arxiv_batches  # isolated, and then left unknown


def test_oversized_answers_are_split_or_left_unknown(web: FakeWeb) -> None:
    text = "".join(f"[p](https://arxiv.org/abs/{i})\n" for i in ("2304.08345", "2311.08046", "2101.00001"))
    found = check(web, text, arxiv_max_body=900)
    assert [d.code for d in found] == ["VR252"]  # every ID answered, in smaller batches
    assert len(web.arxiv_batches) > 1
    stream = io.StringIO()
    assert check(web, text, arxiv_max_body=100, progress=stream) == []
    assert "3 unknown" in stream.getvalue()


def test_requests_keep_the_interval(web: FakeWeb) -> None:
    text = "".join(f"[p](https://arxiv.org/abs/2310.9999{i})\n" for i in range(3))
    start = time.monotonic()
    found = check(web, text, arxiv_batch=2, arxiv_interval=0.3)
    assert len(found) == 3 and len(web.arxiv_batches) == 3
    assert time.monotonic() - start >= 0.6


def test_lookups_stop_at_the_time_limit(web: FakeWeb) -> None:
    text = "".join(f"[p](https://arxiv.org/abs/2310.9999{i})\n" for i in range(4))
    stream = io.StringIO()
    start = time.monotonic()
    found = check(web, text, arxiv_batch=2, arxiv_interval=0.4, total_timeout=0.5, progress=stream)
    assert time.monotonic() - start < 1.5
    assert len(found) == 2 and len(web.arxiv_batches) == 2  # the other two IDs stay unknown
    assert "2 unknown" in stream.getvalue() and "time limit" in stream.getvalue()


# -- VR252 -------------------------------------------------------------------------------------------------
def test_withdrawn_paper(web: FakeWeb) -> None:
    text = "[p](https://arxiv.org/abs/2101.00001) and [q](https://arxiv.org/abs/1901.00002)\n"
    found = check(web, text)
    assert [(d.code, d.name, d.severity) for d in found] == [("VR252", "arxiv-withdrawn", "warning")] * 2
    assert "2101.00001 has been withdrawn" in found[0].message and "Lemma 2" in found[0].message
    assert "remove the entry" in found[1].message


def test_withdrawal_wording() -> None:
    assert is_withdrawal("Withdrawn: a flaw in the proof", None)
    assert is_withdrawal(None, "This submission has been withdrawn by arXiv administrators.")
    assert not is_withdrawal("Accepted at CVPR 2024", "We study how users withdraw consent and model it.")
    assert not is_withdrawal(None, "We analyse withdrawn drugs and the papers describing them.")


# -- VR253 ------------------------------------------------------------------------------------------------
def test_title_mismatch(web: FakeWeb) -> None:
    title = "LLaMA-VID: An Image is Worth 2 Tokens in Large Language Models"
    text = row(title, "https://arxiv.org/abs/2311.08046")
    (found,) = check(web, text)
    assert (found.code, found.name, found.severity) == ("VR253", "arxiv-title-mismatch", "warning")
    assert found.line == 3 and found.column == text.splitlines()[2].index("https://arxiv") + 1
    assert "LLaMA-VID" in found.message and "Chat-UniVi: Unified Visual" in found.message
    assert "check the ID" in found.message


@pytest.mark.parametrize(
    "title",
    [
        "Vision-Audio-Language Omni-Perception Pretraining Model and Dataset",  # no model-name prefix
        VALOR,
        "**VALOR**: Vision-Audio-Language Omni-Perception Pretraining Model and Dataset (arXiv 2023)",
        "VALOR",  # a model name: not a title, not compared
        "Vision Audio Language Omni Perception Pretraining",  # truncated
        "2023-04-17",
    ],
)
def test_title_variants_that_match(web: FakeWeb, title: str) -> None:
    assert check(web, row(title, "https://arxiv.org/abs/2304.08345")) == []


def test_title_check_is_configurable(web: FakeWeb) -> None:
    from vrlint.config import Config

    text = row("LLaVA", "https://arxiv.org/abs/2311.08046")
    config = Config(rule_options={"vr253": {"min-words": 1}})
    found = check_online(vrlint.parse(text), "README.md", config, options(web))
    assert [d.code for d in found] == ["VR253"]


@pytest.mark.parametrize(
    ("row_title", "paper_title"),
    [
        (
            "Block Diffusion: Interpolating Between Autoregressive and Diffusion Language Models (BD3-LM)",
            "Block Diffusion: Interpolating Between Autoregressive and Diffusion Language Models",
        ),
        (
            "ReFusion: Diffusion LLM with Parallel Autoregressive Decoding",
            "ReFusion: A Diffusion Large Language Model with Parallel Autoregressive Decoding",
        ),
        (
            "Score-Based Generative Modeling through SDEs",
            "Score-Based Generative Modeling through Stochastic Differential Equations",
        ),
        (
            "Controlling Vision-Language Models for Multi-Task Image Restoration",
            "Controlling Vision-Language Models for Universal Image Restoration",
        ),
        ("Muddit: Liberating Generation Beyond Text-to-Image",
         "Muddit: Liberating Generation Beyond Text-to-Image with a Unified Discrete Diffusion Model"),
        ("High-Resolution Image Synthesis with Latent Diffusion (LDM)",
         "High-Resolution Image Synthesis with Latent Diffusion Models"),
        ("$\\pi$-Flow: Policy-Based Few-Step Generation", "$π$-Flow: Policy-Based Few-Step Generation"),
        ("Naïve Bayes Revisited For Text Classification Tasks", "Naive Bayes Revisited for Text Classification Tasks"),
    ],
)
def test_similar_titles(row_title: str, paper_title: str) -> None:
    assert title_similarity(row_title, paper_title) >= 0.5


@pytest.mark.parametrize(
    ("row_title", "paper_title"),
    [
        (
            "LLaMA-VID: An Image is Worth 2 Tokens in Large Language Models",
            "Chat-UniVi: Unified Visual Representation Empowers Large Language Models with Image and Video "
            "Understanding",
        ),
        (
            "UTPTrack: Towards Simple and Unified Token Pruning for Visual Tracking",
            "HiDrop: Hierarchical Vision Token Reduction in MLLMs via Late Injection, Concave Pyramid Pruning, "
            "and Early Exit",
        ),
    ],
)
def test_different_titles(row_title: str, paper_title: str) -> None:
    # in a list about token pruning, "token" and "pruning" do not tell two rows apart
    topic = common_words([*(["Token Pruning for Speed"] * 10), row_title, paper_title, *(["Other"] * 60)])
    assert {"token", "pruning", "speed"} <= topic and "tracking" not in topic and "utptrack" not in topic
    assert title_similarity(row_title, paper_title, topic) < 0.5


def test_what_reads_like_a_title() -> None:
    assert looks_like_title("Visual Instruction Tuning for Large Models")
    assert not looks_like_title("LLaVA-1.5 (Improved Baselines With Visual Instruction)")
    assert not looks_like_title("✨ (ByteDance Seed)")
    assert not looks_like_title("(LLaVA-RLHF, MMHal-Bench (hallucination))")
    assert normalise_title("Naïve  \\textbf{Bayes}: A--Study") == "naive bayes a study"


# -- cache and cooperation with the link checks ---------------------------------------------------------
def test_warm_cache_makes_no_requests(web: FakeWeb, tmp_path: Path) -> None:
    text = "[a](https://arxiv.org/abs/2304.08345) [b](https://arxiv.org/abs/2310.99999) [c](https://arxiv.org/abs/2101.00001)\n"
    first = check(web, text, cache_dir=tmp_path, use_cache=True)
    assert [d.code for d in first] == ["VR251", "VR252"]
    asked = web.hits["/api/query"]
    stream = io.StringIO()
    second = check(web, text, cache_dir=tmp_path, use_cache=True, progress=stream)
    assert second == first and web.hits["/api/query"] == asked
    assert "3 arXiv IDs (3 cached, 0 unknown)" in stream.getvalue()
    assert (tmp_path / "arxiv.jsonl").is_file()


def test_arxiv_links_answered_by_the_api_are_not_requested_again(web: FakeWeb) -> None:
    text = (
        "[a](https://arxiv.org/abs/2304.08345) [b](https://arxiv.org/pdf/2310.99999) "
        "[c](https://arxiv.org/abs/2304.08345v9)\n"
    )
    found = check(web, text, links=True, link_base_url=web.base, allow_private_hosts=True)
    assert [d.code for d in found] == ["VR251", "VR251"]  # no VR451 repeating them
    assert web.hits["/abs/2304.08345"] == web.hits["/pdf/2310.99999"] == web.hits["/abs/2304.08345v9"] == 0
    text = "[a](https://arxiv.org/abs/2304.08345) [b](https://arxiv.org/format/2304.08345)\n"
    assert check(web, text, links=True, link_base_url=web.base, allow_private_hosts=True)[0].code == "VR451"
    assert web.hits["/format/2304.08345"] == 2  # not a page the API vouches for: checked as a link


# -- the feed parser ------------------------------------------------------------------------------------------
def test_parse_feed() -> None:
    body = atom_feed([{"id": "2304.08345v2", "title": "A\n  Wrapped   Title"}])
    (record,) = parse_feed(body).values()
    assert (record.id, record.version, record.title, record.withdrawn) == ("2304.08345", 2, "A Wrapped Title", False)
    for bad in (b"Rate exceeded.", b"<html><body>busy</body></html>", b"<feed"):
        with pytest.raises(_BadAnswer):
            parse_feed(bad)


# -- linear time on hostile input ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "(" * 50_000 + "a" * 50_000,
        "[" * 30_000 + "(" * 30_000 + ":" * 30_000,
        "paper " * 30_000 + "has been " * 10_000,
        "\\" + "a" * 100_000 + "\\" * 50_000,
        "withdrawn " * 20_000 + "by " * 20_000,
    ],
)
def test_regexes_are_linear(text: str) -> None:
    with finishes():
        looks_like_title(text)
        title_similarity(text[:300], text[-300:])
        normalise_title(text)
        is_withdrawal(text, text)
        _URL_CHARS.fullmatch(text + " ")
        re.compile(r"\(").search(text)
