"""Tests for vrlint.records.shields: static-badge grammar, colours, services."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import SEED, corpus_readmes, history_files
from hang import assert_finishes
from hypothesis import assume, given
from hypothesis import strategies as st

from vrlint.records.shields import (
    CSS_NAMED_COLORS,
    Badge,
    decode_part,
    encode_part,
    is_badge_service,
    is_valid_color,
    parse_badge_url,
)

CORPUS = [*corpus_readmes(), *history_files(every=True)]
SB = "https://img.shields.io/badge/"


def destinations(text: str) -> Iterator[str]:
    """Markdown ``](dest)`` destinations (balanced parentheses) and HTML src/href values."""
    i = text.find("](")
    while i != -1:
        j = i + 2
        while j < len(text) and text[j] in " \t":
            j += 1
        if j < len(text) and text[j] == "<":
            end = text.find(">", j)
            if end != -1:
                yield text[j + 1 : end]
        else:
            depth, k = 0, j
            while k < len(text) and not text[k].isspace():
                if text[k] == "(":
                    depth += 1
                elif text[k] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                k += 1
            yield text[j:k]
        i = text.find("](", i + 2)
    for attr in ('src="', 'href="'):
        i = text.find(attr)
        while i != -1:
            end = text.find('"', i + len(attr))
            if end == -1:
                break
            yield text[i + len(attr) : end]
            i = text.find(attr, end)


def corpus_badge_urls() -> list[str]:
    urls: set[str] = set()
    for path in [*CORPUS, SEED]:
        for dest in destinations(path.read_text(encoding="utf-8")):
            if "shields.io/" in dest and dest.startswith("http"):
                urls.add(dest)
    return sorted(urls)


# --- static badge grammar -------------------------------------------------


@pytest.mark.parametrize(
    ("url", "label", "message", "color"),
    [
        (SB + "arXiv-2410.12109-b31b1b.svg", "arXiv", "2410.12109", "b31b1b"),
        (SB + "arXiv-2410.12109-b31b1b.svg?style=plastic", "arXiv", "2410.12109", "b31b1b"),
        (SB + "ü§ó-Janus--1.3B-9C276A.svg", "ü§ó", "Janus-1.3B", "9C276A"),
        (SB + "Github-181717?style=plastic&logo=github", None, "Github", "181717"),
        (SB + "ModelZoo-black?logo=github", None, "ModelZoo", "black"),
        (SB + "%F0%9F%A4%97%20HF-Dataset-blue", "🤗 HF", "Dataset", "blue"),
        (SB + "🤗_HuggingFace-Dataset-yellow?style=flat-square", "🤗 HuggingFace", "Dataset", "yellow"),
        (SB + "Last_Update-2026_Q1-2563eb", "Last Update", "2026 Q1", "2563eb"),
        (SB + "License-CC0_1.0-f59e0b", "License", "CC0 1.0", "f59e0b"),
        (SB + "updated-2026--08-102a43.svg", "updated", "2026-08", "102a43"),
        (SB + "Release-v2.6-brightgreen.svg", "Release", "v2.6", "brightgreen"),
        (SB + "License-GPLv3.0-turquoise.svg", "License", "GPLv3.0", "turquoise"),
        (SB + "Benchmarks-130+-blue", "Benchmarks", "130+", "blue"),
        (
            SB + "Focus-Understanding%20%2B%20Generation-6d28d9",
            "Focus",
            "Understanding + Generation",
            "6d28d9",
        ),
        (SB + "coverage-2022%E2%80%932026-F59F00", "coverage", "2022–2026", "F59F00"),
        (SB + "-WeChat@CCAC-000000?logo=wechat&logoColor=07C160", None, "WeChat@CCAC", "000000"),
        (SB + "snake__case-a__b-red", "snake_case", "a_b", "red"),
        ("//img.shields.io/badge/a-b-blue", "a", "b", "blue"),
        ("http://img.shields.io/badge/a-b-blue.png", "a", "b", "blue"),
    ],
)
def test_static_badges_decode(url: str, label: str | None, message: str, color: str) -> None:
    badge = parse_badge_url(url)
    assert badge is not None
    assert (badge.service, badge.kind) == ("shields.io", "static")
    assert (badge.label, badge.message, badge.color) == (label, message, color)
    assert badge.valid and badge.problem is None


def test_query_parameters_are_exposed() -> None:
    badge = parse_badge_url(SB + "Github-181717?style=plastic&logo=github&logoColor=white&labelColor=gray")
    assert badge is not None
    assert (badge.style, badge.logo, badge.logo_color, badge.label_color) == (
        "plastic",
        "github",
        "white",
        "gray",
    )


def test_year_in_colour_slot_is_invalid_with_explanation() -> None:
    badge = parse_badge_url(SB + "NeurIPS-2025.svg")
    assert badge is not None and not badge.valid
    assert badge.message == "NeurIPS" and badge.color == "2025" and badge.label is None
    assert badge.problem is not None
    assert '"2025" is not a valid colour' in badge.problem
    assert "NeurIPS" in badge.problem  # says what got read as the message


def test_five_digit_hex_is_invalid() -> None:
    # Real corpus badge (OpenEnvision): a dropped digit in the colour.
    badge = parse_badge_url(SB + "Closed Source Models-37415?style=for-the-badge")
    assert badge is not None and not badge.valid
    assert badge.message == "Closed Source Models"
    assert badge.problem is not None and "3 or 6" in badge.problem and "5" in badge.problem


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("Closed", 'no "-"'),
        ("test--test2?label=wtf", 'no "-"'),  # shields issue #9679: renders no message
        ("date-2023-09-11-blue.svg", '"--"'),  # 5 parts: must be escaped
        ("a-b-c-d", "4 dash-separated parts"),
        ("-blue", "message is empty"),
        ("msg-", "empty"),
        ("msg-notacolour", '"notacolour" is not a valid colour'),
    ],
)
def test_invalid_static_paths_say_why(content: str, fragment: str) -> None:
    badge = parse_badge_url(SB + content)
    assert badge is not None and badge.kind == "static"
    assert not badge.valid
    assert badge.problem is not None and fragment in badge.problem


def test_color_query_overrides_path_colour() -> None:
    badge = parse_badge_url(SB + "NeurIPS-2025.svg?color=blue")
    assert badge is not None and badge.valid and badge.color == "blue"
    bad = parse_badge_url(SB + "arXiv-2410.12109-b31b1b?color=nope")
    assert bad is not None and not bad.valid and bad.color == "nope"
    assert bad.problem is not None and "color=" in bad.problem


def test_label_query_overrides_and_bad_extras_are_reported() -> None:
    badge = parse_badge_url(SB + "a-b-blue?label=Paper")
    assert badge is not None and badge.label == "Paper" and badge.valid
    bad_style = parse_badge_url(SB + "a-b-blue?style=fancy")
    assert bad_style is not None and not bad_style.valid
    assert bad_style.problem is not None and "fancy" in bad_style.problem
    bad_logo = parse_badge_url(SB + "a-b-blue?logoColor=zzz")
    assert bad_logo is not None and not bad_logo.valid


def test_static_v1_endpoint() -> None:
    badge = parse_badge_url(
        "https://img.shields.io/static/v1?label=ContentDB&message=X%2DDecor&color=%23375a7f"
    )
    assert badge is not None and badge.kind == "static" and badge.valid
    assert (badge.label, badge.message, badge.color) == ("ContentDB", "X-Decor", "#375a7f")
    missing = parse_badge_url("https://img.shields.io/static/v1?label=x")
    assert missing is not None and not missing.valid


def test_dynamic_badges() -> None:
    stars = parse_badge_url("https://img.shields.io/github/stars/AILab-CVC/SEED.svg?style=social")
    assert stars is not None and stars.kind == "dynamic" and stars.valid
    assert stars.path == "/github/stars/AILab-CVC/SEED.svg" and stars.style == "social"
    # /badge/dynamic/... is not a static "dynamic-json-<colour>" badge.
    views = parse_badge_url(
        SB + "dynamic/json?label=views&style=social&logo=bilibili&query=data.stat.view&url=https%3A%2F%2Fx"
    )
    assert views is not None and views.kind == "dynamic" and views.valid
    assert views.label == "views" and views.message is None


def test_other_services() -> None:
    awesome = parse_badge_url("https://awesome.re/badge.svg")
    assert awesome is not None and (awesome.service, awesome.kind) == ("awesome.re", "other")
    assert parse_badge_url("https://awesome.re/badge-flat2.svg") is not None
    assert parse_badge_url("https://awesome.re") is None  # the site, not the badge
    gen = parse_badge_url("https://badgen.net/badge/license/MIT/blue")
    assert gen is not None and gen.kind == "static"
    assert (gen.label, gen.message, gen.color) == ("license", "MIT", "blue")
    fury = parse_badge_url("https://badge.fury.io/py/vrlint.svg")
    assert fury is not None and fury.kind == "dynamic"
    actions = parse_badge_url("https://github.com/o/r/actions/workflows/validate.yml/badge.svg")
    assert actions is not None and (actions.service, actions.kind) == ("other", "other")
    assert parse_badge_url("https://codecov.io/gh/o/r/branch/main/graph/badge.svg") is not None
    assert parse_badge_url("https://travis-ci.org/o/r.svg?branch=master") is not None


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "https://github.com/o/r",
        "https://arxiv.org/abs/2410.12109",
        "img.shields.io/badge/a-b-blue",  # no scheme: GitHub treats it as a relative path
        "ftp://img.shields.io/badge/a-b-blue",
        "https://example.com/badge/a-b-blue.svg",
        "http://[::1/badge",
    ],
)
def test_non_badges(url: str) -> None:
    assert parse_badge_url(url) is None
    assert not is_badge_service(url)


def test_is_badge_service_agrees_with_parse() -> None:
    for url in [SB + "a-b-c", "https://awesome.re/badge.svg", "https://badgen.net/npm/v/x"]:
        assert is_badge_service(url)
        assert parse_badge_url(url) is not None


def test_badge_is_immutable_and_slotted() -> None:
    badge = parse_badge_url(SB + "a-b-blue")
    assert isinstance(badge, Badge)
    with pytest.raises(AttributeError):
        badge.label = "x"  # type: ignore[misc]
    assert not hasattr(badge, "__dict__")


# --- colours ----------------------------------------------------------------


@pytest.mark.parametrize(
    "color",
    [
        "brightgreen", "lightgrey", "lightgray", "critical", "informational", "inactive",
        "blueviolet", "ff69b4", "FFF", "b31b1b", "9C276A", "black", "Turquoise",
        "rebeccapurple", "#abc", "#abcd", "#aabbcc", "#aabbccdd", "rgb(255,0,0)",
        "rgba(0, 0, 0, 0.5)", "hsl(120 100% 50%)", "hsla(120deg, 100%, 50%, .3)",
        "rgb(10 20 30 / 50%)",
    ],
)  # fmt: skip
def test_valid_colours(color: str) -> None:
    assert is_valid_color(color)


@pytest.mark.parametrize(
    "color",
    [
        "", "2025", "37415", "ff69b", "abcd", "#ab", "#abcde", "bluee", "rgb(1,2)",
        "rgb(a,b,c)", "rgb(1,2,3", "hsl()", "cmyk(1,2,3,4)", "light grey", " blue",
    ],
)  # fmt: skip
def test_invalid_colours(color: str) -> None:
    assert not is_valid_color(color)


def test_css_colour_list_is_complete() -> None:
    # CSS Color 4 defines exactly 148 named colours; "transparent" is a keyword.
    assert len(CSS_NAMED_COLORS - {"transparent"}) == 148
    assert {"rebeccapurple", "lightgoldenrodyellow", "darkslategrey"} <= CSS_NAMED_COLORS


# --- escaping -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Janus--1.3B", "Janus-1.3B"),
        ("a_b", "a b"),
        ("a__b", "a_b"),
        ("___", "_ "),  # shields: pairs first, the odd one becomes a space
        ("_a_", " a "),
        ("%F0%9F%A4%97%20HF", "🤗 HF"),
        ("100%25", "100%"),
        ("50%", "50%"),  # a stray % is kept, as a browser would
    ],
)
def test_decode_part(raw: str, text: str) -> None:
    assert decode_part(raw) == text


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("Janus-1.3B", "Janus--1.3B"),
        ("a b", "a_b"),
        ("a_b", "a__b"),
        ("C++", "C%2B%2B"),
        ("a/b?", "a%2Fb%3F"),
    ],
)
def test_encode_part_examples(text: str, raw: str) -> None:
    assert encode_part(text) == raw


@given(st.text())
def test_decode_inverts_encode(text: str) -> None:
    assert decode_part(encode_part(text)) == text


@given(st.text())
def test_encoded_part_has_no_separator_or_url_delimiter(text: str) -> None:
    encoded = encode_part(text)
    assert not any(c in encoded for c in "?#/ \t\n")
    stripped = encoded.replace("--", "")
    assert "-" not in stripped


@given(st.text(min_size=1), st.text(min_size=1))
def test_badge_round_trip(label: str, message: str) -> None:
    # A part starting with "-" right after a separator is inherently ambiguous
    # in the shields grammar ("a---b"), so such parts are excluded.
    assume(not label.startswith("-") and not message.startswith("-"))
    badge = parse_badge_url(f"{SB}{encode_part(label)}-{encode_part(message)}-b31b1b.svg")
    assert badge is not None
    assert (badge.label, badge.message, badge.color) == (label, message, "b31b1b")
    assert badge.valid


@given(st.text())
def test_parse_never_raises_on_arbitrary_text(text: str) -> None:
    for url in (text, SB + text, "https://img.shields.io/" + text, "https://" + text):
        badge = parse_badge_url(url)
        assert badge is None or badge.valid == (badge.problem is None)
        is_badge_service(url)


@given(st.text())
def test_is_valid_color_never_raises(text: str) -> None:
    assert is_valid_color(text) in (True, False)


# --- linear time on adversarial input ------------------------------------------

N = 100_000


@pytest.mark.parametrize(
    "content",
    ["-" * N, "--" * (N // 2) + "x", "_" * N, "%" * N, "a-" * (N // 2), "%2" * (N // 2), "-_" * (N // 2)],
)
def test_parse_is_fast_on_adversarial_paths(content: str) -> None:
    assert_finishes(lambda: parse_badge_url(SB + content + "?style=" + content))


@pytest.mark.parametrize(
    "color",
    [
        "1" * N,
        "#" + "a" * N,
        "rgb(" + "1," * (N // 2) + ")",
        "rgb(" + " " * N,
        "hsl(" + "1" * N + ")",
        "rgb(" * N,
    ],
)
def test_is_valid_color_is_fast(color: str) -> None:
    assert_finishes(lambda: is_valid_color(color))


def test_encode_decode_are_fast() -> None:
    assert_finishes(lambda: decode_part(encode_part("-_ %" * (N // 4))))


# --- real-world inputs ---------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_urls() -> list[str]:
    return corpus_badge_urls()


def test_every_corpus_shields_badge_parses_or_explains(corpus_urls: list[str]) -> None:
    statics = 0
    for url in corpus_urls:
        badge = parse_badge_url(url)
        assert badge is not None, url
        assert badge.service == "shields.io"
        assert badge.valid == (badge.problem is None), url
        if badge.kind != "static":
            continue
        statics += 1
        if badge.valid:
            assert badge.message, url
            assert badge.color is not None and is_valid_color(badge.color), url
        else:
            assert badge.problem is not None and len(badge.problem) > 15, url
    assert statics > 500


def test_corpus_invalid_badges_are_the_known_broken_ones(corpus_urls: list[str]) -> None:
    invalid = {u for u in corpus_urls if (b := parse_badge_url(u)) is not None and not b.valid}
    # Each of these is broken on shields.io as well (checked by hand):
    assert SB + "NeurIPS-2025.svg?style=plastic" in invalid  # year in the colour slot
    assert SB + "ICML-2024(Oral).svg?style=plastic" in invalid  # same, "2024(Oral)"
    assert any("Closed Source Models-37415" in u for u in invalid)  # 5-digit colour
    # and nothing else: every other static badge in the corpus is well formed.
    assert len(invalid) == 3, sorted(invalid)
    for url in invalid - {u for u in invalid if "37415" in u}:
        badge = parse_badge_url(url)
        assert badge is not None and badge.problem is not None
        assert "looks like a year" in badge.problem


def test_corpus_badges_with_parentheses_in_message(corpus_urls: list[str]) -> None:
    url = SB + "ACL-2025(Findings)-blue.svg?style=flat-square"
    assert url in corpus_urls
    badge = parse_badge_url(url)
    assert badge is not None and badge.valid
    assert (badge.label, badge.message, badge.color) == ("ACL", "2025(Findings)", "blue")


def test_seed_arxiv_badges_mostly_carry_the_linked_id() -> None:
    text = SEED.read_text(encoding="utf-8")
    matches, mismatches = 0, set()
    marker = "[![arXiv](" + SB + "arXiv-"
    for chunk in text.split(marker)[1:]:
        badge_url = SB + "arXiv-" + chunk.split(")", 1)[0]
        link = chunk.split("](", 1)[1].split(")", 1)[0]
        badge = parse_badge_url(badge_url)
        assert badge is not None and badge.label == "arXiv" and badge.valid
        if not (badge.message and badge.message[0].isdigit() and "arxiv.org/abs/" in link):
            continue
        if link.endswith(badge.message):
            matches += 1
        else:
            mismatches.add((badge.message, link.rsplit("/", 1)[1]))
    assert matches >= 5
    # The VALOR rows reuse OMCAT's badge: a real copy-paste error in the seed.
    assert mismatches == {("2410.12109", "2304.08345")}
