"""Characters that should not be in a README: controls and invisible ones.

Controls (other than tab, newline, carriage return) break renderers and
diffs; invisible characters (zero-width spaces, bidi controls, a stray BOM)
silently break anchors, arXiv IDs and table alignment.  The checks are
regex scans, linear in the text and free of backtracking.

A ZERO WIDTH JOINER between two pictographs is part of an emoji ZWJ sequence
(``👨‍💻``, ``❤️‍🔥``) and is fine; VARIATION SELECTOR-16 (U+FE0F) is never
reported: it only picks the emoji presentation of the character before it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

from vrlint.lazyre import lazy_pattern

__all__ = ["char_name", "escape_controls", "find_control_chars", "find_invisible_chars", "looks_binary"]

_CONTROL = lazy_pattern(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = lazy_pattern(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")

_ZWJ = "\u200d"
_BOM = "\ufeff"
_VS16 = "\ufe0f"

# Unicode has no character names for controls, only aliases (NameAliases.txt).
_C0_NAMES: Final = (
    "NULL|START OF HEADING|START OF TEXT|END OF TEXT|END OF TRANSMISSION|ENQUIRY|ACKNOWLEDGE|BELL|"
    "BACKSPACE|CHARACTER TABULATION|LINE FEED|LINE TABULATION|FORM FEED|CARRIAGE RETURN|SHIFT OUT|"
    "SHIFT IN|DATA LINK ESCAPE|DEVICE CONTROL ONE|DEVICE CONTROL TWO|DEVICE CONTROL THREE|"
    "DEVICE CONTROL FOUR|NEGATIVE ACKNOWLEDGE|SYNCHRONOUS IDLE|END OF TRANSMISSION BLOCK|CANCEL|"
    "END OF MEDIUM|SUBSTITUTE|ESCAPE|INFORMATION SEPARATOR FOUR|INFORMATION SEPARATOR THREE|"
    "INFORMATION SEPARATOR TWO|INFORMATION SEPARATOR ONE"
).split("|")
_C1_NAMES: Final = (
    "PADDING CHARACTER|HIGH OCTET PRESET|BREAK PERMITTED HERE|NO BREAK HERE|INDEX|NEXT LINE|"
    "START OF SELECTED AREA|END OF SELECTED AREA|CHARACTER TABULATION SET|"
    "CHARACTER TABULATION WITH JUSTIFICATION|LINE TABULATION SET|PARTIAL LINE FORWARD|"
    "PARTIAL LINE BACKWARD|REVERSE LINE FEED|SINGLE SHIFT TWO|SINGLE SHIFT THREE|DEVICE CONTROL STRING|"
    "PRIVATE USE ONE|PRIVATE USE TWO|SET TRANSMIT STATE|CANCEL CHARACTER|MESSAGE WAITING|"
    "START OF GUARDED AREA|END OF GUARDED AREA|START OF STRING|SINGLE GRAPHIC CHARACTER INTRODUCER|"
    "SINGLE CHARACTER INTRODUCER|CONTROL SEQUENCE INTRODUCER|STRING TERMINATOR|OPERATING SYSTEM COMMAND|"
    "PRIVACY MESSAGE|APPLICATION PROGRAM COMMAND"
).split("|")

# Blocks that hold (nearly) all emoji; So catches the rest (©, ®, ™ ...).
_PICTOGRAPHIC_RANGES: Final = (
    (0x2190, 0x21FF),
    (0x2300, 0x23FF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0x1F000, 0x1FAFF),
)


def char_name(char: str) -> str:
    """A readable label such as ``U+200B ZERO WIDTH SPACE``, even for controls."""
    code = ord(char)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    elif 0x80 <= code <= 0x9F:
        name = _C1_NAMES[code - 0x80]
    else:
        name = unicodedata.name(char, "<unnamed>")
    return f"U+{code:04X} {name}"


def find_control_chars(text: str) -> list[tuple[int, str]]:
    """(offset, name) of every C0 control except tab/LF/CR, DEL and C1 control."""
    return [(match.start(), char_name(match.group())) for match in _CONTROL.finditer(text)]


#: C0 and C1 controls, DEL, and the line and paragraph separators
_UNPRINTABLE = lazy_pattern(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every control character spelled out (``\\x1b``, ``\\x0a``):
    safe to print to a terminal or a CI log, one line stays one line."""
    return _UNPRINTABLE.sub(_escape, text)


@functools.lru_cache(maxsize=8)
def looks_binary(text: str) -> bool:
    """Whether ``text`` is NUL-separated blocks (``/proc/self/environ``, a
    binary file) rather than text: two NUL characters or more.

    Messages never quote the contents of such a file: it may hold secrets
    (an environment), and no author wrote it. One stray NUL in a README is
    still quoted with its word, which is what helps to find it.
    """
    return text.count("\x00") >= 2


def _is_pictographic(char: str) -> bool:
    """Approximates Extended_Pictographic, which :mod:`unicodedata` lacks."""
    code = ord(char)
    if any(low <= code <= high for low, high in _PICTOGRAPHIC_RANGES):
        return True
    return unicodedata.category(char) == "So"


def _joins_emoji(text: str, index: int) -> bool:
    """Whether the ZWJ at ``text[index]`` sits inside an emoji ZWJ sequence."""
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    # VS16 and skin-tone modifiers (U+1F3FB..U+1F3FF) may end the left emoji.
    left_ok = before == _VS16 or _is_pictographic(before)
    return left_ok and _is_pictographic(after)


def find_invisible_chars(text: str) -> list[tuple[int, str]]:
    """(offset, name) of every invisible character that is not doing a job.

    Reported: zero-width space/non-joiner/joiner, word joiner, soft hyphen,
    LRM/RLM, bidi embeddings, overrides and isolates, and a BOM anywhere but
    at offset 0.  Not reported: a leading BOM, a ZWJ inside an emoji sequence.
    """
    found: list[tuple[int, str]] = []
    for match in _INVISIBLE.finditer(text):
        index = match.start()
        char = match.group()
        if char == _BOM and index == 0:
            continue
        if char == _ZWJ and _joins_emoji(text, index):
            continue
        found.append((index, char_name(char)))
    return found
