"""The one comparison key of titles and labels (vrlint/text/keys.py)."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from vrlint.text.keys import compatible_key, folded_key


def _by_character(text: str) -> str:
    # the definition the regex replaces: casefolded, letters and digits kept
    return "".join(char for char in text.casefold() if char.isalnum())


def test_the_regex_class_is_isalnum_on_every_code_point() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert folded_key(every) == _by_character(every)


@given(st.text())
def test_folded_key_keeps_letters_and_digits_casefolded(text: str) -> None:
    assert folded_key(text) == _by_character(text)
    assert compatible_key(text) == _by_character(unicodedata.normalize("NFKC", text))


def test_examples() -> None:
    assert folded_key("Video-R1: Reinforcing 🔥 Video_Reasoning!") == "videor1reinforcingvideoreasoning"
    assert compatible_key("ＶＩＤＥＯ－Ｒ１") == "videor1"
    assert folded_key("Straße") == "strasse"
