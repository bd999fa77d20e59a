"""Find and undo mojibake: UTF-8 text once decoded with a single-byte codec.

The damage this models: a UTF-8 file was read as Mac Roman, Windows-1252 or
Latin-1 and saved again as UTF-8, so ``😎`` became ``üòé`` and ``—``
became ``‚Äî`` (Mac Roman).  Undoing it is ``text.encode(codec).decode("utf-8")``,
but real files are mixed: correct lines next to damaged ones, ASCII
everywhere, and correct non-ASCII (``é``, ``—``, ``中文``) that must survive.
So the repair works on each maximal run of non-ASCII characters (mojibake
never contains ASCII: every byte of a multi-byte UTF-8 sequence is >= 0x80)
and, inside a run, on each stretch of characters that re-encodes to complete,
valid UTF-8 sequences.  A stretch is repaired only when that is plausible:

* every decoded character is assigned, not a control and not private-use;
* a 3- or 4-byte sequence, or two or more sequences in a row, is always
  accepted: legitimate text almost never has a lead character followed by the
  exact continuation characters, and a Mac Roman lead (``‚``, ``‰``, ``Ô``,
  ````) or a Windows-1252 one (``â``, ``ä``, ``ð``) before two of them is the
  signature of mojibake;
* a lone 2-byte sequence is ambiguous: ``’é`` is Mac Roman for Armenian
  ``Վ`` but far more often the French ``l’été``, ``\xa0°`` (no-break space,
  degree) is Mac Roman for ``ʡ`` but more often ``10\xa0°C``, and ``ß“`` is
  Windows-1252 for NKo ``ߓ`` but far more often German ``„Spaß“``.  Such
  *natural* pairs (punctuation or a space first; a word-final letter or ``×``
  then closing punctuation or a space) are left alone; the others (``√©`` =
  ``é``, ``Ã©`` = ``é``, ``Î±`` = ``α``, ``Œ±`` = ``α``) are repaired.  The
  price: a lone Cyrillic letter damaged by Mac Roman (``–∞`` for ``а``) stays,
  while Cyrillic words are repaired.

Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined.  Decoders
either pass them through as the C1 controls U+0081... (browsers, "latin-1
fallback"), which is reversible and handled like any other byte, or replace
them with U+FFFD (``errors="replace"``), which loses the byte: such a damaged
sequence (``â€�`` for ``”``) is repaired to a single U+FFFD, honest about the
loss instead of guessing.

:func:`repair` repeats until nothing is found, so it is idempotent and also
undoes double mojibake (``ÃƒÂ©``); :func:`find_mojibake` reports one layer.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from itertools import product
from typing import Final, NamedTuple

from vrlint.lazyre import lazy_pattern

__all__ = ["CODECS", "Mojibake", "find_mojibake", "guess_codec", "repair"]

#: Codecs tried, in the order that breaks ties when nothing else does.
CODECS: Final = ("cp1252", "mac_roman", "latin-1")

_NON_ASCII = lazy_pattern(r"[^\x00-\x7f]+")

_LOST = "\ufffd"
#: Bytes cp1252 leaves undefined: what an ``errors="replace"`` U+FFFD may hide.
_CP1252_HOLES: Final = (0x81, 0x8D, 0x8F, 0x90, 0x9D)

_BAD_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})

# Characters that commonly end a word or token and so are followed by closing
# punctuation or a space in correct text ("Spaß“", "CAFÉ…", "3×\xa04"); as
# cp1252 leads they would pair up with it.  Pi is closing too: German closes
# quotes with “ and ‘.
_WORD_FINAL = frozenset("ßÉÈ×")
_CLOSING_CATEGORIES = frozenset({"Pf", "Pi", "Pe", "Pd", "Zs"})
_CLOSING_EXTRA = frozenset("…•·™®©¹²³")

# Latin, Greek, Cyrillic, punctuation and symbols, CJK, Hangul, variation
# selectors, BOM, fullwidth forms, U+FFFD and emoji.
_COMMON_RANGES: Final = (
    (0x00A0, 0x024F),
    (0x0370, 0x04FF),
    (0x2000, 0x2BFF),
    (0x3000, 0x30FF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFF00, 0xFFEF),
    (0xFFFD, 0xFFFD),
    (0x1F000, 0x1FAFF),
)


@cache
def _byte_table(codec: str) -> dict[str, int]:
    """Character -> byte for the upper half of ``codec``, built on first use.

    Bytes the codec leaves undefined map from the C1 control of the same
    number, as the WHATWG windows-1252 decoder and latin-1 fallbacks produce.
    """
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        try:
            char = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            char = chr(byte)
        table[char] = byte
    return table


def _sequence_length(lead: int) -> int:
    """Length of the UTF-8 sequence a lead byte starts; 0 if it starts none."""
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


class Mojibake(NamedTuple):
    """One damaged stretch: ``text[start:end] == original``, to be ``repaired``.

    A named tuple rather than a dataclass: importing dataclasses costs more
    than this whole module.
    """

    start: int
    end: int
    codec: str
    original: str
    repaired: str


class _Sequence(NamedTuple):
    """One UTF-8 character recovered from ``end - start`` damaged characters."""

    start: int
    end: int
    decoded: str


def _plausible(char: str) -> bool:
    """A character that real text contains (not a control, unassigned or private)."""
    return unicodedata.category(char) not in _BAD_CATEGORIES


def _decode(data: bytes) -> str | None:
    """The single plausible character ``data`` encodes, else None."""
    try:
        char = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return char if _plausible(char) else None


def _match(text: str, index: int, end: int, table: dict[str, int], lossy_ok: bool) -> _Sequence | None:
    """The damaged UTF-8 sequence starting at ``text[index]``, if there is one."""
    lead = table.get(text[index])
    if lead is None:
        return None
    length = _sequence_length(lead)
    if length == 0 or index + length > end:
        return None
    data = [lead]
    lossy = False
    for offset in range(1, length):
        char = text[index + offset]
        byte = table.get(char)
        if byte is None:
            if not (lossy_ok and char == _LOST):
                return None
            lossy = True
            byte = -1  # a hole: errors="replace" lost this byte
        elif not 0x80 <= byte <= 0xBF:
            return None
        data.append(byte)
    if lossy:  # repair to U+FFFD if some undefined byte fits the hole
        return _Sequence(index, index + length, _LOST) if _fillable(tuple(data)) else None
    decoded = _decode(bytes(data))
    return None if decoded is None else _Sequence(index, index + length, decoded)


@lru_cache(maxsize=4096)
def _fillable(data: tuple[int, ...]) -> bool:
    """Whether filling the -1 holes with cp1252's undefined bytes can give a character.

    Cached: up to 125 fillings per sequence would otherwise make a run of
    ``ð���`` slow.
    """
    holes = [offset for offset, byte in enumerate(data) if byte < 0]
    filled = list(data)
    for fill in product(_CP1252_HOLES, repeat=len(holes)):
        for offset, byte in zip(holes, fill, strict=True):
            filled[offset] = byte
        if _decode(bytes(filled)) is not None:
            return True
    return False


def _natural_pair(first: str, second: str) -> bool:
    """Whether two characters are an everyday pair in correct text."""
    if unicodedata.category(first)[0] in "PZ":  # only Mac Roman has such leads
        return True
    return first in _WORD_FINAL and (
        unicodedata.category(second) in _CLOSING_CATEGORIES or second in _CLOSING_EXTRA
    )


def _accept(text: str, stretch: list[_Sequence]) -> bool:
    """Whether repairing ``stretch`` is more plausible than leaving it."""
    if len(stretch) > 1:
        return True
    sequence = stretch[0]
    if sequence.end - sequence.start > 2:
        return True
    return not _natural_pair(text[sequence.start], text[sequence.start + 1])


def _stretches(text: str, start: int, end: int, codec: str) -> list[list[_Sequence]]:
    """Accepted stretches of consecutive damaged sequences in ``text[start:end]``."""
    table = _byte_table(codec)
    lossy_ok = codec == "cp1252"
    found: list[list[_Sequence]] = []
    current: list[_Sequence] = []
    index = start
    while index < end:
        sequence = _match(text, index, end, table, lossy_ok)
        if sequence is None:
            if current:
                found.append(current)
                current = []
            index += 1
        else:
            current.append(sequence)
            index = sequence.end
    if current:
        found.append(current)
    return [stretch for stretch in found if _accept(text, stretch)]


def _is_common(char: str) -> bool:
    """Whether ``char`` is from a block that awesome lists actually use."""
    code = ord(char)
    return any(low <= code <= high for low, high in _COMMON_RANGES)


def _score(stretches: list[list[_Sequence]]) -> tuple[int, int, int]:
    """(characters explained, characters removed, minus rare results): higher is better.

    The last term breaks ties between codecs that explain a run equally well:
    ``Ôºá¬†`` is Mac Roman for ``＇\xa0`` but also cp1252 for Armenian +
    Balinese ``Ժᬆ``.
    """
    covered = sum(stretch[-1].end - stretch[0].start for stretch in stretches)
    removed = covered - sum(len(stretch) for stretch in stretches)
    rare = sum(not _is_common(sequence.decoded) for stretch in stretches for sequence in stretch)
    return covered, removed, -rare


@lru_cache(maxsize=4096)
def _analyse(text: str) -> tuple[str | None, tuple[Mojibake, ...]]:
    """The file's codec and its mojibake, choosing one codec per run."""
    runs: list[dict[str, list[list[_Sequence]]]] = []
    votes = dict.fromkeys(CODECS, 0)
    for run in _NON_ASCII.finditer(text):
        start, end = run.span()
        if end - start < 2:
            continue
        options = {codec: _stretches(text, start, end, codec) for codec in CODECS}
        options = {codec: found for codec, found in options.items() if found}
        if not options:
            continue
        best = max(_score(found) for found in options.values())
        for codec, found in options.items():
            if _score(found) == best:
                votes[codec] += 1
        runs.append(options)
    most = max(votes.values())
    guess = next((codec for codec in CODECS if votes[codec] == most), None) if most else None
    preference = {codec: rank for rank, codec in enumerate(sorted(CODECS, key=lambda c: c != guess))}
    result: list[Mojibake] = []
    for options in runs:
        codec = max(options, key=lambda c: (*_score(options[c]), -preference[c]))
        for stretch in options[codec]:
            first, last = stretch[0].start, stretch[-1].end
            repaired = "".join(sequence.decoded for sequence in stretch)
            result.append(Mojibake(first, last, codec, text[first:last], repaired))
    return guess, tuple(result)


def find_mojibake(text: str) -> list[Mojibake]:
    """Every damaged stretch of ``text``, in order, with its repair."""
    return list(_analyse(text)[1])


def guess_codec(text: str) -> str | None:
    """The codec that explains most damaged runs of ``text``; None if clean."""
    return _analyse(text)[0]


def repair(text: str) -> str:
    """``text`` with all mojibake undone, repeated until none is left.

    Each pass makes the text strictly shorter, so this terminates; repeating
    makes it idempotent and undoes double damage.
    """
    while found := find_mojibake(text):
        parts: list[str] = []
        position = 0
        for item in found:
            parts.append(text[position : item.start])
            parts.append(item.repaired)
            position = item.end
        parts.append(text[position:])
        text = "".join(parts)
    return text
