"""Control and invisible characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import corpus_files, read
from hang import finishes
from hypothesis import given
from hypothesis import strategies as st

from vrlint.text.chars import char_name, find_control_chars, find_invisible_chars


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\x00b", [(1, "U+0000 NULL")]),
        ("\x07", [(0, "U+0007 BELL")]),
        ("x\x1b[0m", [(1, "U+001B ESCAPE")]),
        ("del\x7f", [(3, "U+007F DELETE")]),
        ("nel\x85", [(3, "U+0085 NEXT LINE")]),
        ("\x80\x9f", [(0, "U+0080 PADDING CHARACTER"), (1, "U+009F APPLICATION PROGRAM COMMAND")]),
        ("\x0b\x0c", [(0, "U+000B LINE TABULATION"), (1, "U+000C FORM FEED")]),
        ("tab\tnl\ncr\r\n", []),
        ("é — 中文 😎 \xa0", []),
        ("", []),
    ],
)
def test_find_control_chars(text: str, expected: list[tuple[int, str]]) -> None:
    assert find_control_chars(text) == expected


def test_every_control_is_found_and_named() -> None:
    controls = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in "\t\n\r"]
    found = find_control_chars("".join(controls))
    assert [offset for offset, _ in found] == list(range(len(controls)))
    assert all("<" not in name and len(name) > 7 for _, name in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2410\u200b.12109", [(4, "U+200B ZERO WIDTH SPACE")]),
        ("a\u200cb", [(1, "U+200C ZERO WIDTH NON-JOINER")]),
        ("a\u200db", [(1, "U+200D ZERO WIDTH JOINER")]),
        ("a\u2060b", [(1, "U+2060 WORD JOINER")]),
        ("\ufeffstart", []),
        ("mid\ufeffdle", [(3, "U+FEFF ZERO WIDTH NO-BREAK SPACE")]),
        ("soft\u00adhyphen", [(4, "U+00AD SOFT HYPHEN")]),
        ("\u200eltr\u200f", [(0, "U+200E LEFT-TO-RIGHT MARK"), (4, "U+200F RIGHT-TO-LEFT MARK")]),
        (
            "\u202aemb\u202c",
            [(0, "U+202A LEFT-TO-RIGHT EMBEDDING"), (4, "U+202C POP DIRECTIONAL FORMATTING")],
        ),
        ("\u202eevil", [(0, "U+202E RIGHT-TO-LEFT OVERRIDE")]),
        ("\u2066iso\u2069", [(0, "U+2066 LEFT-TO-RIGHT ISOLATE"), (4, "U+2069 POP DIRECTIONAL ISOLATE")]),
        ("\u2067\u2068", [(0, "U+2067 RIGHT-TO-LEFT ISOLATE"), (1, "U+2068 FIRST STRONG ISOLATE")]),
        # emoji: VS16 and ZWJ between pictographs are fine
        ("🕹️ ✨️ ♥️", []),
        ("👨‍💻", []),
        ("👨‍👩‍👧‍👦", []),
        ("❤️‍🔥", []),  # VS16 before the ZWJ
        ("🏳️‍🌈 🏴‍☠️", []),
        ("🧑🏽‍🚀", []),  # skin-tone modifier before the ZWJ
        ("1️⃣", []),
        # a ZWJ that joins nothing emoji-like is reported
        ("😎\u200da", [(1, "U+200D ZERO WIDTH JOINER")]),
        ("a\u200d😎", [(1, "U+200D ZERO WIDTH JOINER")]),
        ("\u200d😎", [(0, "U+200D ZERO WIDTH JOINER")]),
        ("😎\u200d", [(1, "U+200D ZERO WIDTH JOINER")]),
        ("😎\u200d\u200d😎", [(1, "U+200D ZERO WIDTH JOINER"), (2, "U+200D ZERO WIDTH JOINER")]),
        # a ZWNJ is never part of an emoji sequence
        ("😎\u200c😎", [(1, "U+200C ZERO WIDTH NON-JOINER")]),
        ("plain é — 中文", []),
    ],
)
def test_find_invisible_chars(text: str, expected: list[tuple[int, str]]) -> None:
    assert find_invisible_chars(text) == expected


def test_offsets_count_code_points() -> None:
    text = "😎😎\u200b"
    assert find_invisible_chars(text) == [(2, "U+200B ZERO WIDTH SPACE")]


def test_char_name_fallback() -> None:
    assert char_name("\u200b") == "U+200B ZERO WIDTH SPACE"
    assert char_name("\x00") == "U+0000 NULL"
    assert char_name("\U000e0000") == "U+E0000 <unnamed>"


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_has_no_controls(path: Path) -> None:
    assert find_control_chars(read(path)) == []


@given(st.text())
def test_never_raises_and_offsets_point_at_reported_chars(text: str) -> None:
    for offset, name in find_control_chars(text) + find_invisible_chars(text):
        assert name.startswith(f"U+{ord(text[offset]):04X} ")


@pytest.mark.parametrize(
    "text",
    [
        "\u200d" * 100_000,
        "😎\u200d" * 50_000,
        "\x00" * 100_000,
        "a" * 100_000 + "\u200b",
        "\ufeff" * 100_000,
    ],
    ids=lambda t: repr(t[:3]),
)
def test_adversarial_inputs_are_fast(text: str) -> None:
    with finishes():
        find_control_chars(text)
        find_invisible_chars(text)
