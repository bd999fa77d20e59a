"""Dates and venues as the paper lists write them, read into year and month.

The corpus writes a row's date in many forms: ``2025-12-23``, ``2023-5-20``,
``2025.10``, ``25.03`` (two-digit year), ``26.4.07``, ``9/04/24`` (US order),
``08/27, 2025``, ``12/2023``, ``Dec 2024``, ``arxiv(24.03)``, and venues carry a
year too: ``CVPR 2025``, ``CVPR '23``, ``ICCV2023``, ``Findings of ACL 2025``.
:func:`parse_date` reads a date cell, :func:`split_venue` takes a venue cell
apart into the venue's name and its year. Both are pure and never guess a
month they cannot see.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from vrlint.lazyre import lazy_pattern

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAME = r"(?P<mname>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

#: full-year forms first: 2025-12-23, 2025/12, 2025.10.05, 2023-5-20
_Y4_M = lazy_pattern(r"(?<![\d.])(?P<y>(?:19|20)\d\d)[-./](?P<m>\d{1,2})(?:[-./](?P<d>\d{1,2}))?(?![\d])")
#: 12/2023, 08/27, 2025 (month/day, year)
_M_Y4 = lazy_pattern(r"(?<![\d.])(?P<m>\d{1,2})(?:/(?P<d>\d{1,2}))?[/,]\s*(?P<y>(?:19|20)\d\d)(?!\d)")
#: 9/04/24, 12/29/22 (US month/day/two-digit year)
_US = lazy_pattern(r"(?<![\d./])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2})(?![\d/])")
#: 25.03, 26.4.07, 24-03 (two-digit year first, as arXiv IDs do)
_Y2_M = lazy_pattern(r"(?<![\d./])(?P<y>\d{2})[.\-](?P<m>\d{1,2})(?:[.\-](?P<d>\d{1,2}))?(?![\d])")
#: Dec 2024, December 2024, Dec. 2024, 2024 Dec
_NAME_Y4 = lazy_pattern(_MONTH_NAME + r",?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_Y4_NAME = lazy_pattern(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s+" + _MONTH_NAME + r"\b", re.IGNORECASE)
#: a bare year, also glued to a venue (ICCV2023) or after an apostrophe (CVPR '23)
_Y4 = lazy_pattern(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)")
_APOSTROPHE_Y2 = lazy_pattern(r"['’‘](?P<y>\d{2})(?!\d)")
_GLUED_Y2 = lazy_pattern(r"(?<=[A-Za-z])(?P<y>[12]\d)(?![\d])")


class YearMonth(NamedTuple):
    """A year and, where the text gives it, a month (1-12)."""

    year: int
    month: int | None = None

    def months(self) -> int:
        """Months since year 0, for comparisons (a missing month counts as January)."""
        return self.year * 12 + (self.month or 1) - 1


def _valid(year: int, month: int | None) -> YearMonth | None:
    if not 1980 <= year <= 2099:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    return YearMonth(year, month)


@lru_cache(maxsize=8192)
def parse_date(text: str) -> YearMonth | None:
    """The first date written in ``text``, or ``None``.

    A two-digit-year form (``25.03``) is read only when its month is valid;
    ``3.5`` (a version, a score) is not a date because the year needs two digits.
    """
    for pattern in (_Y4_M, _M_Y4, _US):
        m = pattern.search(text)
        if m:
            year = int(m.group("y"))
            year = year + 2000 if year < 100 else year
            found = _valid(year, int(m.group("m")))
            if found is not None:
                return found
    for pattern in (_NAME_Y4, _Y4_NAME):
        m = pattern.search(text)
        if m:
            found = _valid(int(m.group("y")), _MONTHS[m.group("mname").lower().rstrip(".")])
            if found is not None:
                return found
    m = _Y2_M.search(text)
    if m:
        found = _valid(2000 + int(m.group("y")), int(m.group("m")))
        if found is not None:
            return found
    m = _Y4.search(text)
    if m:
        return _valid(int(m.group("y")), None)
    return None


_VENUE_NOISE = lazy_pattern(r"[\s,;:·|/(\[-]+$|^[\s,;:·|/)\]-]+")


def venue_year(text: str) -> int | None:
    """The year a venue cell names: ``CVPR 2025``, ``CVPR '23``, ``ICCV2023``, ``NeurIPS24``."""
    for pattern in (_Y4, _APOSTROPHE_Y2, _GLUED_Y2):
        m = pattern.search(text)
        if m:
            year = int(m.group("y"))
            return year + 2000 if year < 100 else year
    dated = parse_date(text)
    return dated.year if dated is not None else None


@lru_cache(maxsize=8192)
def split_venue(text: str) -> tuple[str | None, int | None]:
    """``("CVPR", 2025)`` for ``CVPR 2025``; ``("Findings of ACL", 2025)`` for
    ``Findings of ACL 2025``; the name keeps what is not the year (``Oral``...)."""
    year = venue_year(text)
    name = text
    if year is not None:
        for pattern in (_Y4, _APOSTROPHE_Y2, _GLUED_Y2, _Y2_M):
            m = pattern.search(name)
            if m:
                name = name[: m.start()] + name[m.end() :]
                break
    name = re.sub(r"\s+\)", ")", re.sub(r"\(\s*\)", "", name))
    name = re.sub(r"\s{2,}", " ", _VENUE_NOISE.sub("", name.strip())).strip()
    if name.lower() in ("", "-", "n/a", "na", "none"):
        return None, year
    return name, year


_DATE_CELL = lazy_pattern(
    r"^\s*(?:(?:19|20)\d\d(?:[-./]\d{1,2}){0,2}|\d{1,2}[-./]\d{1,2}(?:[-./]\d{2,4})?|\d{1,2}/\d{1,2},\s*\d{4}|\d{1,2}/(?:19|20)\d\d|"
    + _MONTH_NAME
    + r",? \d{4})\s*$",
    re.IGNORECASE,
)
_NUMBER_OR_MARK = lazy_pattern(r"^[\s#\d\W_]*$")


@lru_cache(maxsize=8192)
def is_date_cell(text: str) -> bool:
    """The whole cell is a date or a year (``2025-12-23``, ``25.03``, ``Dec 2024``)."""
    return bool(_DATE_CELL.match(text)) and parse_date(text) is not None


@lru_cache(maxsize=8192)
def is_not_a_title(text: str) -> bool:
    """Empty, a date, a number, ``#``, ``-`` or marks only: never a paper's name."""
    return not text.strip() or is_date_cell(text) or bool(_NUMBER_OR_MARK.match(text))
