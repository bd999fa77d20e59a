"""The date format a table writes its dates in, and writing a date in it.

A format is a string of one-letter fields and literal separators:
``Y`` four-digit year, ``y`` two-digit year, ``m`` zero-padded month, ``n``
unpadded month, ``d`` zero-padded day, ``e`` unpadded day, ``b`` month
abbreviation (``Dec``), ``B`` month name. ``Y.m`` writes ``2025.03``,
``y.n.d`` writes ``26.4.07``, ``n/d/y`` writes ``8/05/24``.
A cell may match several formats (``2025.10`` is ``Y.m`` and ``Y.n``); the
table's format is the one most of its cells match.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from vrlint.lazyre import lazy_pattern

_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_FIELDS = {
    "Y": r"(?P<Y>(?:19|20)\d\d)",
    "y": r"(?P<y>\d\d)",
    "m": r"(?P<m>0[1-9]|1[0-2])",
    "n": r"(?P<n>[1-9]|1[0-2])",
    "d": r"(?P<d>0[1-9]|[12]\d|3[01])",
    "e": r"(?P<e>[1-9]|[12]\d|3[01])",
    "b": r"(?P<b>" + "|".join(_ABBR) + ")",
    "B": r"(?P<B>" + "|".join(_NAMES) + ")",
}


def _candidates() -> list[str]:
    formats: list[str] = []
    for sep in "-./":
        formats += [f"Y{sep}m{sep}d", f"Y{sep}n{sep}e", f"Y{sep}m{sep}e", f"Y{sep}n{sep}d"]
    formats += ["m/d, Y", "n/d, Y", "n/d/y", "m/d/y", "n/e/y", "m/d/Y", "n/e/Y"]
    for sep in "-./":
        formats += [f"Y{sep}m", f"Y{sep}n"]
    formats += ["m/Y", "n/Y"]
    for sep in ".-":
        formats += [f"y{sep}m{sep}d", f"y{sep}n{sep}d", f"y{sep}n{sep}e", f"y{sep}m"]
    formats += ["y.n", "b Y", "B Y", "b. Y", "Y"]
    return formats


#: every format vrlint recognises, most specific first
FORMATS: tuple[str, ...] = tuple(_candidates())


def _compile(form: str) -> re.Pattern[str]:
    body = "".join(_FIELDS.get(char, re.escape(char)) for char in form)
    return lazy_pattern(r"(?<![\w.])" + body + r"(?![\w]|\.\d)")


#: the formats' regexes (40 of them, compiled on first use like every module pattern)
_PATTERNS = tuple((form, _compile(form)) for form in FORMATS)


class Date(NamedTuple):
    """A year, and where known a month and a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


class Found(NamedTuple):
    """A date written in a format, at ``start:end`` of the text searched."""

    form: str
    date: Date
    start: int
    end: int


def _date_of(match: re.Match[str]) -> Date | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if "Y" in groups:
        year = int(groups["Y"])
    elif "y" in groups:
        year = 2000 + int(groups["y"])
    else:
        return None
    month: int | None = None
    if "m" in groups or "n" in groups:
        month = int(groups.get("m") or groups["n"])
    elif "b" in groups:
        month = _ABBR.index(groups["b"]) + 1
    elif "B" in groups:
        month = _NAMES.index(groups["B"]) + 1
    day = int(groups["d"]) if "d" in groups else int(groups["e"]) if "e" in groups else None
    return Date(year, month, day)


def find_dates(text: str) -> list[Found]:
    """Every format that reads a date in ``text``, at the first place any format does."""
    return list(_find_dates(text))


#: every format writes a year, so two digits in a row at least
_TWO_DIGITS = lazy_pattern(r"\d\d")


@lru_cache(maxsize=16384)  # ~40 searches per text; a list writes the same dates on many rows
def _find_dates(text: str) -> tuple[Found, ...]:
    if _TWO_DIGITS.search(text) is None:
        return ()
    found: list[Found] = []
    for form, pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        date = _date_of(match)
        if date is not None:
            found.append(Found(form, date, match.start(), match.end()))
    if not found:
        return ()
    # keep the longest reading at the earliest place: ``2025-03-07`` is not ``2025-03``
    start = min(f.start for f in found)
    longest = max(f.end - f.start for f in found if f.start == start)
    return tuple(f for f in found if f.start == start and f.end - f.start == longest)


def table_format(cells: Iterable[str]) -> str | None:
    """The format most of ``cells`` are written in (ties: the more specific)."""
    votes: Counter[str] = Counter()
    for text in cells:
        for found in find_dates(text):
            votes[found.form] += 1
    if not votes:
        return None
    best = max(votes.values())
    return next(form for form in FORMATS if votes[form] == best)


def needs(form: str) -> tuple[bool, bool]:
    """Whether ``form`` writes a month, and a day."""
    return any(c in form for c in "mnbB"), any(c in form for c in "de")


def write_date(date: Date, form: str) -> str | None:
    """``date`` in ``form``; None when the format needs a month or day the date lacks."""
    month_needed, day_needed = needs(form)
    if (month_needed and date.month is None) or (day_needed and date.day is None):
        return None
    out: list[str] = []
    for char in form:
        if char == "Y":
            out.append(f"{date.year:04d}")
        elif char == "y":
            out.append(f"{date.year % 100:02d}")
        elif char == "m":
            out.append(f"{date.month:02d}")
        elif char == "n":
            out.append(str(date.month))
        elif char == "d":
            out.append(f"{date.day:02d}")
        elif char == "e":
            out.append(str(date.day))
        elif char == "b":
            out.append(_ABBR[(date.month or 1) - 1])
        elif char == "B":
            out.append(_NAMES[(date.month or 1) - 1])
        else:
            out.append(char)
    return "".join(out)


def read_date(text: str) -> Date | None:
    """The date written in ``text`` in any known format (``2025-03-07``, ``25.03``...)."""
    found = find_dates(text)
    return found[0].date if found else None
