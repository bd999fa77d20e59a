"""Check marks and status words in table cells.

Capability columns ("Text | Image | Audio") hold yes/no marks written in a
dozen ways (``✓``, ``&#10003;``, ``:white_check_mark:``, ``Yes``), and
release columns hold status words ("Coming soon", "TBD", "-"). Rules need
the meaning (to compare rows) and the spelling (to flag a table that mixes
``✓`` with ``&#10003;``), so both are exposed here.
"""

from __future__ import annotations

from functools import lru_cache

from vrlint.lazyre import lazy_pattern

#: cells read by several rules are read once (a bounded memo of pure readings)
_CELL_CACHE = 65536

__all__ = ["mark_spelling", "read_mark", "read_status"]

# Emoji presentation selectors change rendering, not meaning.
_VARIATION_SELECTORS = str.maketrans("", "", "\ufe0e\ufe0f")

_TRUE_GLYPHS = frozenset("✓✔☑✅√🗸")
_FALSE_GLYPHS = frozenset("✗✘❌❎×✕✖")
_TRUE_WORDS = frozenset({"yes", "y"})
_FALSE_WORDS = frozenset({"no", "n", "x"})
_SHORTCODES: dict[str, bool] = {
    ":white_check_mark:": True,
    ":heavy_check_mark:": True,
    ":ballot_box_with_check:": True,
    ":check:": True,
    ":x:": False,
    ":heavy_multiplication_x:": False,
    ":negative_squared_cross_mark:": False,
    ":multiplication_x:": False,
}
_NAMED_ENTITIES: dict[str, str] = {
    "&check;": "✓",
    "&checkmark;": "✓",
    "&cross;": "✗",
    "&times;": "×",
    "&radic;": "√",
}
_NUMERIC_ENTITY = lazy_pattern(r"&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));")

# Emphasis and code wrappers authors put around a status ("**TBD**", "`N/A`").
_WRAPPERS = ("**", "__", "*", "_", "`")
_STATUS_TRAILING = "!.…"
_SPACES = lazy_pattern(r"[\s\-_]+")

_STATUS: dict[str, str] = {
    "unreleased": "unreleased",
    "not released": "unreleased",
    "not released yet": "unreleased",
    "not yet released": "unreleased",
    "not public": "unreleased",
    "coming soon": "coming_soon",
    "comming soon": "coming_soon",
    "coming": "coming_soon",
    "soon": "coming_soon",
    "to be released": "coming_soon",
    "will be released": "coming_soon",
    "release soon": "coming_soon",
    "releasing soon": "coming_soon",
    "n/a": "n/a",
    "n.a": "n/a",
    "na": "n/a",
    "none": "n/a",
    "not available": "n/a",
    "null": "n/a",
    "tbd": "tbd",
    "tba": "tbd",
    "to be determined": "tbd",
    "to be announced": "tbd",
    "todo": "todo",
    "to do": "todo",
    "wip": "wip",
    "work in progress": "wip",
    "in progress": "wip",
    "released": "released",
    "open sourced": "released",
    "open source": "released",
    "available": "released",
    "closed source": "closed_source",
    "proprietary": "closed_source",
    "unknown": "unknown",
    "?": "unknown",
}
_DASHES = frozenset("-—–")


def _entity_char(text: str) -> str | None:
    """The character a single HTML entity stands for, or None if ``text`` is not one."""
    named = _NAMED_ENTITIES.get(text.lower())
    if named is not None:
        return named
    m = _NUMERIC_ENTITY.fullmatch(text)
    if m is None:
        return None
    code = int(m.group(1)) if m.group(1) is not None else int(m.group(2), 16)
    return chr(code) if 0 < code <= 0x10FFFF else None


def _unwrap(text: str) -> str:
    """Strip whitespace and matching emphasis/code wrappers, repeatedly."""
    text = text.strip()
    changed = True
    while changed:
        changed = False
        for w in _WRAPPERS:
            if len(text) > 2 * len(w) and text.startswith(w) and text.endswith(w):
                text = text[len(w) : -len(w)].strip()
                changed = True
                break
    return text


@lru_cache(maxsize=_CELL_CACHE)
def _classify(text: str) -> tuple[bool, str] | None:
    """(meaning, spelling key) of a mark, or None."""
    text = _unwrap(text)
    if not text:
        return None
    if text.startswith("&"):
        ch = _entity_char(text)
        if ch is None:
            return None
        meaning = _glyph(ch)
        if meaning is None:
            return None
        # Case of hex digits and of the "x" does not matter to a browser.
        return meaning, text.lower()
    if text.startswith(":") and text.endswith(":"):
        sc = _SHORTCODES.get(text.lower())
        return None if sc is None else (sc, text.lower())
    bare = text.translate(_VARIATION_SELECTORS)
    if len(bare) == 1:
        meaning = _glyph(bare)
        if meaning is not None:
            return meaning, text
    low = bare.lower()
    if low in _TRUE_WORDS:
        return True, low
    if low in _FALSE_WORDS:
        return False, low
    return None


def _glyph(ch: str) -> bool | None:
    if ch in _TRUE_GLYPHS:
        return True
    if ch in _FALSE_GLYPHS:
        return False
    return None


def read_mark(text: str) -> bool | None:
    """True/False for a check or cross mark (glyph, entity, shortcode or yes/no word); else None."""
    result = _classify(text)
    return None if result is None else result[0]


def mark_spelling(text: str) -> str | None:
    """How the mark is written, e.g. ``"&#10003;"`` vs ``"✓"`` vs ``"✔️"``; None if not a mark.

    Entities, shortcodes and words are lowercased; glyphs keep their
    variation selector, since ``✔`` and ``✔️`` render differently.
    """
    result = _classify(text)
    return None if result is None else result[1]


@lru_cache(maxsize=_CELL_CACHE)
def read_status(text: str) -> str | None:
    """Canonical key for a status word ("Coming soon!" -> ``"coming_soon"``); None if not one.

    Dash-only placeholders (``-``, ``—``, ``–``, ``--``) give ``"placeholder_dash"``.
    """
    body = _unwrap(text)
    if body and len(body) <= 3 and all(c in _DASHES for c in body):
        return "placeholder_dash"
    body = body.rstrip(_STATUS_TRAILING).strip()
    if not body or len(body) > 40:
        return None
    key = _SPACES.sub(" ", body.lower()).strip()
    return _STATUS.get(key)
