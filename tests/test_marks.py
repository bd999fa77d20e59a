"""Tests for vrlint.records.marks: check marks and status words."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import SEED
from hang import assert_finishes
from hypothesis import given
from hypothesis import strategies as st

from vrlint.records.marks import mark_spelling, read_mark, read_status


@pytest.mark.parametrize(
    "text",
    [
        "✓", "✔", "✔️", "☑", "☑️", "✅", "√", "&#10003;", "&#10004;", "&#x2713;", "&#X2714;", "&#9989;",
        "&check;", "&checkmark;", "yes", "Yes", "YES", "Y", "y", " ✓ ", "\t&#10003;\n",
        ":white_check_mark:", ":heavy_check_mark:", ":ballot_box_with_check:", "**✓**", "`yes`",
    ],
)  # fmt: skip
def test_true_marks(text: str) -> None:
    assert read_mark(text) is True
    assert mark_spelling(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "✗", "✘", "❌", "❎", "×", "✕", "✖️", "&#10007;", "&#10008;", "&#x2717;", "&#10060;", "&cross;",
        "&times;", "no", "No", "N", "n", "x", "X", ":x:", ":heavy_multiplication_x:", " ✗ ",
    ],
)  # fmt: skip
def test_false_marks(text: str) -> None:
    assert read_mark(text) is False
    assert mark_spelling(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "", " ", "-", "—", "✓✓", "yes!", "nope", "maybe", "T,I", "⭐️", "⚠️", "&#10003", "&#65;", "&amp;",
        ":smile:", "‚úì", "‚úó", "xx", "✓ yes", "&#99999999;", "2024", "unreleased",
    ],
)  # fmt: skip
def test_not_marks(text: str) -> None:
    assert read_mark(text) is None
    assert mark_spelling(text) is None


def test_spellings_distinguish_how_a_mark_is_written() -> None:
    keys = {mark_spelling(t) for t in ("✓", "&#10003;", "✔", "✔️", "&#x2713;", ":heavy_check_mark:", "yes")}
    assert len(keys) == 7  # same meaning, seven different spellings
    # Only differences a reader could see (or that change the source) count.
    assert mark_spelling("&#X2713;") == mark_spelling("&#x2713;")
    assert mark_spelling("Yes") == mark_spelling("yes") == mark_spelling(" **yes** ")
    assert mark_spelling("✓") == mark_spelling(" ✓ ")
    assert mark_spelling("&#10003;") != mark_spelling("&#10007;")


@given(st.text())
def test_spelling_exists_exactly_for_marks(text: str) -> None:
    assert (read_mark(text) is None) == (mark_spelling(text) is None)


@given(
    st.sampled_from(["✓", "&#10003;", "✗", "&#10007;", "yes", "No", ":x:"]), st.text(" \t"), st.text(" \t")
)
def test_whitespace_does_not_change_a_mark(mark: str, before: str, after: str) -> None:
    assert read_mark(before + mark + after) == read_mark(mark)
    assert mark_spelling(before + mark + after) == mark_spelling(mark)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("unreleased", "unreleased"),
        ("Unreleased", "unreleased"),
        ("**Unreleased**", "unreleased"),
        ("Not released", "unreleased"),
        ("Not released yet", "unreleased"),
        ("coming soon", "coming_soon"),
        ("Coming Soon!", "coming_soon"),
        ("  **Coming soon...**  ", "coming_soon"),
        ("To be released", "coming_soon"),
        ("to-be-released", "coming_soon"),
        ("N/A", "n/a"),
        ("`N/A`", "n/a"),
        ("NA", "n/a"),
        ("None", "n/a"),
        ("TBD", "tbd"),
        ("TBA", "tbd"),
        ("todo", "todo"),
        ("TODO", "todo"),
        ("-", "placeholder_dash"),
        ("—", "placeholder_dash"),
        ("–", "placeholder_dash"),
        (" -- ", "placeholder_dash"),
        ("`-`", "placeholder_dash"),
        ("WIP", "wip"),
        ("Work in progress", "wip"),
        ("released", "released"),
        ("Released", "released"),
        ("closed-source", "closed_source"),
    ],
)
def test_read_status(text: str, key: str) -> None:
    assert read_status(text) == key


@pytest.mark.parametrize(
    "text",
    ["", " ", "✓", "yes", "Released in 2024", "CVPR 2024", "GitHub", "n/a/b", "----", "-x-", "**", "soonish"],
)
def test_read_status_rejects(text: str) -> None:
    assert read_status(text) is None


_PHRASES = {
    "coming soon": "coming_soon",
    "not released": "unreleased",
    "n/a": "n/a",
    "tbd": "tbd",
    "wip": "wip",
}


@given(
    st.sampled_from(sorted(_PHRASES)),
    st.lists(st.booleans(), min_size=12, max_size=12),
    st.sampled_from(["", "**", "`", "*"]),
    st.text(" \t", max_size=3),
)
def test_status_ignores_case_wrappers_and_spacing(
    phrase: str, upper: list[bool], wrap: str, pad: str
) -> None:
    cased = "".join(c.upper() if u else c for c, u in zip(phrase, upper, strict=False))
    assert read_status(f"{pad}{wrap}{cased}{wrap}{pad}") == _PHRASES[phrase]


@given(st.text())
def test_read_status_never_raises(text: str) -> None:
    key = read_status(text)
    assert key is None or key == key.lower()


N = 100_000


@pytest.mark.parametrize(
    "text",
    [
        "*" * N, "**" * N + "x", "&#" + "1" * N + ";", "&#x" + "f" * N + ";", " " * N, "-" * N, "_" * N,
        ":" + "x" * N + ":", "`" * N, "- " * (N // 2), "coming " * (N // 7),
    ],
)  # fmt: skip
def test_linear_time(text: str) -> None:
    assert_finishes(lambda: read_mark(text))
    assert_finishes(lambda: mark_spelling(text))
    assert_finishes(lambda: read_status(text))


def _seed_tables() -> list[tuple[list[str], list[list[str]]]]:
    """(header, body rows) of the seed's tables outside HTML comments, cells stripped."""
    tables: list[tuple[list[str], list[list[str]]]] = []
    block: list[list[str]] = []
    in_comment = False
    for line in [*SEED.read_text(encoding="utf-8").splitlines(), ""]:
        if "<!--" in line or in_comment:
            in_comment = "-->" not in line.split("<!--")[-1]
            line = ""
        if line.startswith("|"):
            block.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        if len(block) >= 2:
            tables.append((block[0], block[2:]))  # block[1] is the delimiter row
        block = []
    return tables


def _seed_rows() -> list[list[str]]:
    return [row for _, rows in _seed_tables() for row in rows]


def test_seed_modality_columns() -> None:
    spellings: Counter[str] = Counter()
    checked = 0
    for header, rows in _seed_tables():
        columns = [i for i, h in enumerate(header) if h in ("Text", "Image", "Audio", "Video")]
        for row in rows:
            if row[0] == "-":  # the "| - | - | ..." placeholder row
                continue
            for i in columns:
                assert read_mark(row[i]) is not None, row
                spellings[mark_spelling(row[i]) or ""] += 1
                checked += 1
    assert checked > 40
    # The seed's model tables use HTML entities throughout.
    assert set(spellings) == {"&#10003;", "&#10007;"}
    assert spellings["&#10003;"] > spellings["&#10007;"] > 0


def test_seed_mojibake_marks_are_not_read_as_marks() -> None:
    # Some seed rows hold "‚úì" / "‚úó": UTF-8 ✓/✗ decoded as Mac Roman. They are
    # an encoding fault for another rule, not a mark in a different spelling.
    cells = [c for row in _seed_rows() for c in row]
    assert "‚úì" in cells and "‚úó" in cells  # rows 98 and 106 of the seed
    assert read_mark("‚úì") is None and read_mark("‚úó") is None
    assert "✓".encode().decode("mac_roman") == "‚úì"


def test_seed_status_cells() -> None:
    statuses = Counter(read_status(c) for row in _seed_rows() for c in row)
    assert statuses["unreleased"] >= 3  # "unreleased" and "Unreleased" cells
    assert statuses["placeholder_dash"] >= 7  # the "| - | - | ..." placeholder row
