"""arXiv identifiers and URLs (https://info.arxiv.org/help/arxiv_identifier.html).

Paper tables repeat each arXiv ID in a badge, a link and sometimes a BibTeX
key, and the copies drift: truncated digits, impossible months, ``abs`` vs
``pdf`` links. These helpers give one strict reading of an ID so rules can
compare copies and explain what is wrong with a bad one.

All regexes are anchored or guarded by a look-behind, use bounded repeats and
have no nested quantifiers, so they run in linear time on any input.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from vrlint.lazyre import lazy_pattern
from vrlint.records.urls import split_url

if TYPE_CHECKING:
    from datetime import date

__all__ = [
    "OLD_ARCHIVES",
    "ArxivId",
    "ArxivUrl",
    "find_arxiv_ids",
    "id_problem",
    "parse_arxiv_id",
    "parse_arxiv_url",
]

#: Archives that issued old-style ``archive/YYMMNNN`` identifiers (before 0704).
OLD_ARCHIVES: frozenset[str] = frozenset(
    """
    acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph
    cmp-lg comp-gas cond-mat cs dg-ga funct-an gr-qc hep-ex hep-lat hep-ph hep-th
    math math-ph mtrl-th nlin nucl-ex nucl-th patt-sol physics plasm-ph q-alg
    q-bio quant-ph solv-int supr-con
    """.split()
)

# Longest names first so an alternation never stops at a prefix ("math" vs "math-ph").
_ARCHIVE_ALT = "|".join(sorted((re.escape(a) for a in OLD_ARCHIVES), key=len, reverse=True))

_NEW_CORE = r"(?P<yymm>\d{4})\.(?P<num>\d{4,5})"
_OLD_CORE = r"(?P<arch>[a-z]+(?:-[a-z]+)?)(?P<subj>\.[A-Za-z]{2})?/(?P<oyymm>\d{4})(?P<onum>\d{3})"
_VERSION = r"(?:v(?P<ver>\d{1,6}))?"

_BARE_ID = lazy_pattern(rf"(?i:arxiv:)?[ \t]*(?:{_NEW_CORE}|{_OLD_CORE}){_VERSION}")

# Free text: a look-behind keeps IDs out of longer digit runs and dotted
# version strings ("1.3.2024"), except right after "arXiv." (DOIs such as
# 10.48550/arXiv.2306.14824). Months are restricted to 01-12 to avoid dates.
_FIND_NEW = lazy_pattern(
    r"(?:(?<=[aA][rR][xX][iI][vV]\.)|(?<![0-9A-Za-z.]))"
    r"(?P<yymm>\d\d(?:0[1-9]|1[0-2]))\.(?P<num>\d{4,5})"
    r"(?:v(?P<ver>\d{1,6}))?(?![0-9]|\.[0-9])"
)
_FIND_OLD = lazy_pattern(
    rf"(?<![0-9A-Za-z.\-])(?P<arch>{_ARCHIVE_ALT})(?P<subj>\.[A-Z]{{2}})?/"
    r"(?P<oyymm>\d\d(?:0[1-9]|1[0-2]))(?P<onum>\d{3})"
    r"(?:v(?P<ver>\d{1,6}))?(?![0-9])"
)

_ARXIV_HOSTS = frozenset({"arxiv.org", "www.arxiv.org", "export.arxiv.org", "browse.arxiv.org"})
_ID_IN_PATH = rf"(?:{_NEW_CORE}|{_OLD_CORE}){_VERSION}"
_URL_PATH = lazy_pattern(
    rf"/(?P<form>abs|pdf|html|format|ps|src|e-print)/{_ID_IN_PATH}(?P<pdf>\.pdf)?(?P<rest>/[^?#]*)?"
)
_FTP_PATH = lazy_pattern(rf"/ftp/(?:arxiv/papers|[a-z-]+/papers)/\d{{4}}/{_ID_IN_PATH}\.pdf")

Scheme = Literal["new", "old"]
Form = Literal["abs", "pdf", "html", "other"]
_FORMS: dict[str, Form] = {"abs": "abs", "pdf": "pdf", "html": "html"}


class ArxivId(NamedTuple):
    """An arXiv identifier split into the parts rules compare."""

    #: the identifier without version, e.g. ``2410.12109`` or ``hep-th/9901001``
    id: str
    version: int | None
    scheme: Scheme
    #: the four ``YYMM`` digits (submission year and month)
    yymm: str

    def __str__(self) -> str:
        return self.id if self.version is None else f"{self.id}v{self.version}"

    @property
    def year(self) -> int:
        """Four-digit submission year (old scheme: 91-99 are 1990s)."""
        yy = int(self.yymm[:2])
        if self.scheme == "old" and yy >= 91:
            return 1900 + yy
        return 2000 + yy

    @property
    def month(self) -> int:
        """Submission month as written (may be out of range; see :func:`id_problem`)."""
        return int(self.yymm[2:])


class ArxivUrl(NamedTuple):
    """An arxiv.org link with the paper it names and its canonical spelling."""

    id: ArxivId
    form: Form
    scheme: Literal["http", "https"]
    host: str
    #: ``https://arxiv.org/abs/<id[vN]>``
    canonical: str
    is_canonical: bool
    #: a sentence when the URL is malformed though the ID is readable
    problem: str | None = None


def _from_match(m: re.Match[str]) -> ArxivId:
    groups = m.groupdict()
    ver = groups.get("ver")
    version = int(ver) if ver is not None else None
    if groups.get("yymm") is not None:
        return ArxivId(f"{groups['yymm']}.{groups['num']}", version, "new", groups["yymm"])
    subj = groups.get("subj") or ""
    ident = f"{groups['arch']}{subj}/{groups['oyymm']}{groups['onum']}"
    return ArxivId(ident, version, "old", groups["oyymm"])


def parse_arxiv_id(text: str) -> ArxivId | None:
    """Read a bare ID such as ``2410.12109``, ``arXiv:2304.08345v2`` or ``hep-th/9901001``.

    The shape is checked strictly (4 or 5 digits after the dot, 7 digits in
    old IDs); calendar and digit-count rules are left to :func:`id_problem`.
    """
    m = _BARE_ID.fullmatch(text.strip())
    return _from_match(m) if m is not None else None


def id_problem(aid: ArxivId, today: date | None = None) -> str | None:
    """A sentence saying why ``aid`` cannot be a real arXiv ID, or None if it can."""
    if today is None:
        from datetime import date  # imported when an ID is checked, not at start-up

        today = date.today()
    yy, mm = int(aid.yymm[:2]), int(aid.yymm[2:])
    if aid.version == 0:
        return f"{aid} has version v0; arXiv versions start at v1"
    if not 1 <= mm <= 12:
        return (
            f"{aid.id} has month {aid.yymm[2:]}; the first four digits are YYMM, so the month must be 01-12"
        )
    if aid.scheme == "old":
        archive = aid.id.split("/", 1)[0].split(".", 1)[0]
        if archive not in OLD_ARCHIVES:
            return f"{aid.id}: {archive!r} is not an arXiv archive that used old-style IDs"
        if 8 <= yy <= 90 or (yy == 7 and mm >= 4) or (yy == 91 and mm < 8):
            return (
                f"{aid.id} is dated {aid.yymm}; old-style IDs run from 9108 to 0703 "
                "(from April 2007 IDs look like YYMM.NNNNN)"
            )
        if aid.id.endswith("000"):
            return f"{aid.id} has sequence number 000; numbering starts at 001"
        return None
    if aid.yymm < "0704":
        return (
            f"{aid.id} is dated {aid.yymm}, before new-style IDs began in April 2007 (0704); "
            "older papers use archive/YYMMNNN"
        )
    if (2000 + yy, mm) > (today.year, today.month):
        return f"{aid.id} is dated {2000 + yy}-{mm:02d}, after today ({today.year}-{today.month:02d})"
    digits = len(aid.id) - 5
    if aid.yymm <= "1412" and digits != 4:
        return f"{aid.id} has {digits} digits after the dot; IDs before 2015 have 4"
    if aid.yymm >= "1501" and digits != 5:
        return f"{aid.id} has {digits} digits after the dot; IDs from 2015 on have 5"
    if int(aid.id[5:]) == 0:
        return f"{aid.id} has sequence number 0; numbering starts at 1"
    return None


@lru_cache(maxsize=16384)
def parse_arxiv_url(url: str) -> ArxivUrl | None:
    """Read an arxiv.org abs/pdf/html/format link; None for anything else (never raises)."""
    if "arxiv" not in url.lower():
        return None  # every arXiv host names it: most links are settled without urlsplit
    split = split_url(url)
    if split is None:
        return None
    parts = split.parts
    scheme = parts.scheme.lower()
    host = split.host.rstrip(".")
    if scheme not in ("http", "https") or host not in _ARXIV_HOSTS:
        return None
    problem: str | None = None
    form: Form
    m = _URL_PATH.fullmatch(parts.path)
    if m is not None:
        raw_form = m.group("form")
        form = _FORMS.get(raw_form, "other")
        rest = m.group("rest")
        if rest not in (None, "/") and raw_form != "html":
            return None
        if m.group("pdf") and raw_form != "pdf":
            problem = f"{raw_form}/ URLs should not end in .pdf; use {raw_form}/<id>"
    else:
        m = _FTP_PATH.fullmatch(parts.path)
        if m is None:
            return None
        form = "other"
    aid = _from_match(m)
    canonical = f"https://arxiv.org/abs/{aid}"
    return ArxivUrl(
        id=aid,
        form=form,
        scheme="https" if scheme == "https" else "http",
        host=host,
        canonical=canonical,
        is_canonical=url == canonical,
        problem=problem,
    )


def find_arxiv_ids(text: str) -> list[tuple[int, int, ArxivId]]:
    """Plausible arXiv IDs in free text as ``(start, end, id)``, sorted by ``start``.

    The span covers the ID and its version only, not an ``arXiv:`` prefix. New
    IDs need a month 01-12 and must not touch other digits or dots-with-digits;
    old IDs need a known archive name.
    """
    found = [(m.start(), m.end(), _from_match(m)) for m in _FIND_NEW.finditer(text)]
    found.extend((m.start(), m.end(), _from_match(m)) for m in _FIND_OLD.finditer(text))
    found.sort(key=lambda t: t[0])
    return found
