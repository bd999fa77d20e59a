"""Mojibake detection and repair, on the seed, the corpus and generated text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import corpus_readmes, history_file, history_files, read
from hang import finishes
from hypothesis import assume, given
from hypothesis import strategies as st

from vrlint.text.mojibake import Mojibake, find_mojibake, guess_codec, repair

GROUND_TRUTH = history_file("044_512e58e.md")


def clean_corpus() -> list[Path]:
    """Every corpus README and historical version: none of them is damaged."""
    return [*corpus_readmes(), *history_files()]


def damage(text: str, codec: str) -> str:
    """``text`` read as ``codec`` (undefined bytes pass through as C1 controls)."""
    return "".join(_decode_byte(byte, codec) for byte in text.encode("utf-8"))


def _decode_byte(byte: int, codec: str) -> str:
    try:
        return bytes([byte]).decode(codec)
    except UnicodeDecodeError:
        return chr(byte)


# -- the seed -------------------------------------------------------------------


def test_seed_is_repaired_to_the_historical_readme(seed_text: str) -> None:
    assert guess_codec(seed_text) == "mac_roman"
    assert repair(seed_text) == read(GROUND_TRUTH)


def test_seed_repair_equals_whole_file_decode(seed_text: str) -> None:
    assert repair(seed_text) == seed_text.encode("mac_roman").decode("utf-8")


def test_seed_every_emoji_cjk_and_dash_comes_back(seed_text: str) -> None:
    repaired = repair(seed_text)
    truth = read(GROUND_TRUTH)
    wanted = {c for c in truth if ord(c) >= 0x2000 or unicodedata.category(c) in {"Lo", "So", "Pd", "Mn"}}
    assert wanted  # emoji, CJK, dashes, VS16 ...
    assert wanted <= set(repaired)
    for char in "😎🕹🗒🌈✨🌟♥\ufe0f—✓✗√符号徽章模版：":
        assert char in repaired, char
    assert not find_mojibake(repaired)


def test_seed_findings_are_consistent(seed_text: str) -> None:
    found = find_mojibake(seed_text)
    assert found
    previous_end = 0
    for item in found:
        assert isinstance(item, Mojibake)
        assert item.codec == "mac_roman"
        assert previous_end <= item.start < item.end
        assert seed_text[item.start : item.end] == item.original
        assert item.original.encode("mac_roman").decode("utf-8") == item.repaired
        previous_end = item.end
    toc = seed_text.index("[\uf8ffüòéParadigms]")  # 0xF0 is the Apple logo in Mac Roman
    assert any(item.start == toc + 1 and item.repaired == "😎" for item in found)


def test_seed_heading_example(seed_text: str) -> None:
    assert "### 🕹️ CoT-based Video Reasoning" in repair(seed_text)
    assert "### \uf8ffüïπÔ∏è CoT-based Video Reasoning" in seed_text


# -- no false positives ------------------------------------------------------------


@pytest.mark.parametrize("path", clean_corpus(), ids=lambda p: p.name)
def test_clean_corpus_has_no_mojibake(path: Path) -> None:
    text = read(path)
    assert find_mojibake(text) == []
    assert guess_codec(text) is None
    assert repair(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "café résumé naïve Über straße",
        "l’été, l’école, qu’à, d’où",  # Mac Roman would read ’é as Armenian
        "„Spaß“ und „Fuß“",  # cp1252 would read ß“ as NKo
        "CAFÉ… NESTLÉ® É— “École” «Ça» —élan",
        "中文 深度学习论文精读 日本語 한국어",
        "😎 🕹️ ✨️ 👨‍👩‍👧 ❤️‍🔥 1️⃣",
        "— – … “quotes” ‘single’ → ← ✓ ✗ √ ≈ ± × ÷ °C µm ©®™",
        "αβγ Δ ∑ π Привет мир",
        "¿Qué? ¡Sí! Ñandú año",
        "\ufeffBOM at start",
        "Ã alone, Â alone, √ alone, ‚ alone",
        "10\xa0°C, see\xa0§3, x ∈ (–∞, +∞), 3×\xa04, 2×’",  # Mac Roman / cp1252 lookalikes
    ],
)
def test_correct_text_is_left_alone(text: str) -> None:
    assert find_mojibake(text) == []
    assert repair(text) == text


# -- repairs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "expected", "codec"),
    [
        ("caf√© r√©sum√©", "café résumé", "mac_roman"),
        ("‚Äî em ‚Äì en ‚Ä¶", "— em – en …", "mac_roman"),
        ("\uf8ffüòé Paradigms", "😎 Paradigms", "mac_roman"),
        ("‰∏≠Êñá", "中文", "mac_roman"),
        ("cafÃ© rÃ©sumÃ©", "café résumé", "cp1252"),
        ("â€” em â€“ en â€¦ â€œquotedâ€™", "— em – en … “quoted’", "cp1252"),
        ("ðŸ˜Ž Paradigms", "😎 Paradigms", "cp1252"),
        ("ä¸­æ–‡", "中文", "cp1252"),
        ("ï»¿# Title", "\ufeff# Title", "cp1252"),
        ("ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет", "cp1252"),
        ("Î± and Î²", "α and β", "cp1252"),
        ("Œ± and Œ≤", "α and β", "mac_roman"),
        ("Ôºá¬†", "＇\xa0", "mac_roman"),  # also cp1252 for Armenian + Balinese "Ժᬆ"
        ("â\x80\x94 dash", "— dash", "latin-1"),
        ("Ã\x81rbol", "Árbol", "cp1252"),  # 0x81 undefined in cp1252, passed through
        ("â€\x9d closing", "” closing", "cp1252"),
        ("ðŸ‘¨â€\x8dðŸ’»", "👨‍💻", "cp1252"),  # ZWJ = E2 80 8D, 0x8D undefined
    ],
)
def test_repairs(damaged: str, expected: str, codec: str) -> None:
    assert repair(damaged) == expected
    found = find_mojibake(damaged)
    assert found
    assert {item.codec for item in found} == {codec}
    assert guess_codec(damaged) == codec


def test_lossy_cp1252_hole_becomes_replacement_character() -> None:
    # ” = E2 80 9D; decoding cp1252 with errors="replace" loses the 0x9D
    damaged = "“quotedâ€\ufffd".replace("“", "â€œ")
    assert repair(damaged) == "“quoted\ufffd"
    (item,) = [m for m in find_mojibake(damaged) if m.repaired == "\ufffd"]
    assert item.original == "â€\ufffd"
    assert item.codec == "cp1252"


def test_mixed_file_repairs_only_damaged_lines() -> None:
    text = "Correct: café — 中文 😎 l’été\nDamaged: caf√© ‚Äî ‰∏≠Êñá \uf8ffüòé\n"
    expected = "Correct: café — 中文 😎 l’été\nDamaged: café — 中文 😎\n"
    assert repair(text) == expected
    assert guess_codec(text) == "mac_roman"


def test_double_mojibake_is_undone() -> None:
    once = damage("café — 😎", "cp1252")
    twice = damage(once, "cp1252")
    assert repair(twice) == "café — 😎"


def test_offsets_are_zero_based() -> None:
    text = "ab caf√© ‚Äî"
    found = find_mojibake(text)
    assert [(m.start, m.end, m.original, m.repaired) for m in found] == [
        (6, 8, "√©", "é"),
        (9, 12, "‚Äî", "—"),
    ]


# -- properties -----------------------------------------------------------------

# Realistic text: ASCII plus letters and symbols of the scripts awesome lists
# use.  A *lone* Cyrillic, Armenian, IPA or Latin Extended-B letter is left
# out on purpose: damaged by Mac Roman it reads as punctuation + a letter
# ("–Ä"), exactly like correct French or English, so it is deliberately not
# repaired (see test_correct_text_is_left_alone); Cyrillic *words* are covered
# by test_cyrillic_words_round_trip.
_RANGES = [
    (0x20, 0x7E),
    (0xA0, 0x17F),  # Latin-1 Supplement, Latin Extended-A
    (0x391, 0x3C9),  # Greek
    (0x2010, 0x2027),  # General Punctuation
    (0x2030, 0x205E),
    (0x2190, 0x22FF),  # arrows, mathematical operators
    (0x2500, 0x257F),  # box drawing
    (0x2600, 0x27BF),  # symbols, dingbats
    (0x3000, 0x30FF),  # CJK punctuation, kana
    (0x4E00, 0x9FFF),  # CJK ideographs
    (0xAC00, 0xD7A3),  # Hangul
    (0xFE0F, 0xFE0F),
    (0xFF01, 0xFF5E),  # fullwidth forms
    (0x1F300, 0x1F64F),  # emoji
    (0x1F900, 0x1F9FF),
]
_CHARS = (
    st.one_of(*(st.integers(low, high) for low, high in _RANGES), st.just(0x200D), st.just(0xA))
    .map(chr)
    .filter(lambda c: unicodedata.category(c) not in {"Cn", "Co", "Cc"} or c == "\n")
)
TEXT = st.text(_CHARS, min_size=1, max_size=40)


@given(TEXT, st.sampled_from(["mac_roman", "cp1252", "latin-1"]))
def test_damage_then_repair_round_trips(text: str, codec: str) -> None:
    assume(re.search(r"[^\x00-\x7f]", text))
    assume(not find_mojibake(text))  # correct text that itself looks damaged is ambiguous
    assert repair(damage(text, codec)) == text


def _strict_damage(text: str, codec: str) -> str | None:
    """``text`` decoded strictly as ``codec``; None where cp1252 has no byte."""
    try:
        return text.encode("utf-8").decode(codec)
    except UnicodeDecodeError:
        return None


@given(TEXT, st.sampled_from(["mac_roman", "cp1252"]))
def test_strict_decode_round_trips(text: str, codec: str) -> None:
    damaged = _strict_damage(text, codec)
    assume(damaged is not None)
    assert damaged is not None
    assume(not find_mojibake(text))
    assert repair(damaged) == text


@given(st.text())
def test_repair_never_raises_and_is_idempotent(text: str) -> None:
    once = repair(text)
    assert repair(once) == once
    assert find_mojibake(once) == []


@given(TEXT)
def test_repair_is_idempotent_on_realistic_text(text: str) -> None:
    once = repair(text)
    assert repair(once) == once


@given(st.text(st.characters(codec="latin-1"), max_size=30))
def test_findings_describe_text(text: str) -> None:
    for item in find_mojibake(text):
        assert text[item.start : item.end] == item.original
        assert len(item.repaired) < len(item.original)


@pytest.mark.parametrize("codec", ["mac_roman", "cp1252", "latin-1"])
def test_cyrillic_words_round_trip(codec: str) -> None:
    text = "Привет, мир! Съешь же ещё этих мягких французских булок."
    assert repair(damage(text, codec)) == text


def test_repair_idempotent_on_seed(seed_text: str) -> None:
    once = repair(seed_text)
    assert repair(once) == once


# -- adversarial inputs -----------------------------------------------------------


@pytest.mark.slow  # hang detector: the full run
@pytest.mark.parametrize(
    "text",
    [
        "Ã" * 100_000,
        "Ã©" * 50_000,
        "√©" * 50_000,
        "ÃƒÂ©" * 25_000,
        "\ufffd" * 100_000,
        "â€\ufffd" * 33_334,
        "ð\ufffd\ufffd\ufffd" * 25_000,
        "ð" + "Ÿ" * 99_999,
        "é" * 100_000,
        "中" * 100_000,
        ("a" + "Ã") * 50_000,
    ],
    ids=lambda t: repr(t[:6]),
)
def test_adversarial_inputs_are_fast(text: str) -> None:
    with finishes():
        repair(text)
        guess_codec(text)
