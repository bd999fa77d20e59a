"""Tests for vrlint.records.arxiv: identifiers, their problems, URLs, free-text search."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import SEED, corpus_readmes
from hang import assert_finishes
from hypothesis import given
from hypothesis import strategies as st

from vrlint.records.arxiv import (
    OLD_ARCHIVES,
    ArxivId,
    find_arxiv_ids,
    id_problem,
    parse_arxiv_id,
    parse_arxiv_url,
)

CORPUS = [*corpus_readmes(), SEED]
TODAY = date(2026, 11, 24)


# --- bare identifiers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ident", "version", "scheme", "yymm"),
    [
        ("2410.12109", "2410.12109", None, "new", "2410"),
        ("arXiv:2304.08345v2", "2304.08345", 2, "new", "2304"),
        ("ARXIV:2304.08345", "2304.08345", None, "new", "2304"),
        ("  1412.6980  ", "1412.6980", None, "new", "1412"),
        ("0704.0001v12", "0704.0001", 12, "new", "0704"),
        ("hep-th/9901001", "hep-th/9901001", None, "old", "9901"),
        ("arXiv:hep-th/9901001v3", "hep-th/9901001", 3, "old", "9901"),
        ("math.GT/0309136", "math.GT/0309136", None, "old", "0309"),
        ("cs/0101001", "cs/0101001", None, "old", "0101"),
    ],
)
def test_parse_arxiv_id(text: str, ident: str, version: int | None, scheme: str, yymm: str) -> None:
    aid = parse_arxiv_id(text)
    assert aid is not None
    assert (aid.id, aid.version, aid.scheme, aid.yymm) == (ident, version, scheme, yymm)


@pytest.mark.parametrize(
    "text",
    [
        "", "2410.121", "2410.123456", "2308.065711", "1.3.2024", "24101.2109", "2410-12109",
        "2410.12109v", "2410.12109v1.2", "hep-th/990100", "hep-th/99010011", "arXiv:", "abs/2410.12109",
        "2410.12109 extra", "HEP-TH/9901001", "2410.12109v" + "9" * 10,
    ],
)  # fmt: skip
def test_parse_arxiv_id_rejects(text: str) -> None:
    assert parse_arxiv_id(text) is None


def test_str_and_year() -> None:
    aid = parse_arxiv_id("arXiv:2304.08345v2")
    assert aid is not None and str(aid) == "2304.08345v2" and (aid.year, aid.month) == (2023, 4)
    old = parse_arxiv_id("hep-th/9901001")
    assert old is not None and str(old) == "hep-th/9901001" and old.year == 1999
    assert ArxivId("0501.0001", None, "new", "0501").year == 2005


# Generated valid identifiers, built independently of the module's regexes.
_new_ids = st.builds(
    lambda ym, n, v: ArxivId(
        f"{ym[0] % 100:02d}{ym[1]:02d}.{n:0{5 if ym[0] >= 2015 else 4}d}",
        v,
        "new",
        f"{ym[0] % 100:02d}{ym[1]:02d}",
    ),
    st.tuples(st.integers(2007, 2026), st.integers(1, 12)).filter(
        lambda ym: ym >= (2007, 4) and ym <= (2026, 11)
    ),
    st.integers(1, 9999),
    st.none() | st.integers(1, 50),
)
_old_ids = st.builds(
    lambda arch, ym, n, v: ArxivId(
        f"{arch}/{ym[0] % 100:02d}{ym[1]:02d}{n:03d}", v, "old", f"{ym[0] % 100:02d}{ym[1]:02d}"
    ),
    st.sampled_from(sorted(OLD_ARCHIVES)),
    st.tuples(st.integers(1991, 2007), st.integers(1, 12)).filter(lambda ym: (1991, 8) <= ym <= (2007, 3)),
    st.integers(1, 999),
    st.none() | st.integers(1, 50),
)


@given(_new_ids | _old_ids)
def test_round_trip_and_no_problem(aid: ArxivId) -> None:
    assert parse_arxiv_id(str(aid)) == aid
    assert str(parse_arxiv_id(str(aid))) == str(aid)
    assert parse_arxiv_id("arXiv:" + str(aid)) == aid
    assert id_problem(aid, today=TODAY) is None


@given(_new_ids | _old_ids)
def test_find_locates_generated_ids_in_prose(aid: ArxivId) -> None:
    text = f"See ({aid!s}) and more."
    found = find_arxiv_ids(text)
    assert [(text[s:e], a) for s, e, a in found] == [(str(aid), aid)]


@given(st.text())
def test_find_spans_always_spell_the_id(text: str) -> None:
    for start, end, aid in find_arxiv_ids(text):
        assert text[start:end] == str(aid)
        assert parse_arxiv_id(text[start:end]) == aid


@given(st.text())
def test_parsers_never_raise(text: str) -> None:
    parse_arxiv_id(text)
    parse_arxiv_url(text)
    parse_arxiv_url("https://arxiv.org/abs/" + text)


# --- problems -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("2410.1210", ["2410.1210 has 4 digits after the dot", "from 2015 on have 5"]),
        ("1804.0962", ["4 digits", "5"]),  # truncated ID found in the corpus
        ("1412.06980", ["5 digits", "before 2015 have 4"]),
        ("2413.12345", ["month 13", "01-12"]),
        ("2400.12345", ["month 00"]),
        ("0612.1234", ["April 2007"]),
        ("2612.00001", ["2026-12", "after today", "2026-11"]),
        ("2410.00000", ["sequence number 0"]),
        ("2410.12109v0", ["v0"]),
        ("hep-th/0704001", ["9108 to 0703"]),
        ("hep-th/9001001", ["9108 to 0703"]),
        ("foo-bar/9901001", ["'foo-bar' is not an arXiv archive"]),
        ("math/0313001", ["month 13"]),
    ],
)
def test_id_problem_explains(text: str, fragments: list[str]) -> None:
    aid = parse_arxiv_id(text)
    assert aid is not None
    problem = id_problem(aid, today=TODAY)
    assert problem is not None
    for fragment in fragments:
        assert fragment in problem


@pytest.mark.parametrize(
    "text", ["0704.0001", "1412.6980", "1501.00001", "2611.99999", "math.GT/0309136", "hep-th/9108001"]
)
def test_id_problem_accepts_boundaries(text: str) -> None:
    aid = parse_arxiv_id(text)
    assert aid is not None and id_problem(aid, today=TODAY) is None


def test_id_problem_future_depends_on_today() -> None:
    aid = parse_arxiv_id("2612.00001")
    assert aid is not None
    assert id_problem(aid, today=date(2026, 12, 1)) is None
    assert id_problem(aid, today=date(2026, 11, 30)) is not None
    far = parse_arxiv_id("9912.00001")  # new scheme: 2099, not 1999
    assert far is not None and id_problem(far, today=TODAY) is not None


# --- URLs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "ident", "form", "scheme", "host", "canonical", "is_canonical"),
    [
        ("https://arxiv.org/abs/2410.12109", "2410.12109", "abs", "https", "arxiv.org",
         "https://arxiv.org/abs/2410.12109", True),
        ("https://arxiv.org/abs/2312.13286v2", "2312.13286v2", "abs", "https", "arxiv.org",
         "https://arxiv.org/abs/2312.13286v2", True),
        ("http://arxiv.org/abs/2305.18500", "2305.18500", "abs", "http", "arxiv.org",
         "https://arxiv.org/abs/2305.18500", False),
        ("https://arxiv.org/pdf/2401.12345", "2401.12345", "pdf", "https", "arxiv.org",
         "https://arxiv.org/abs/2401.12345", False),
        ("https://arxiv.org/pdf/1311.2524v5.pdf", "1311.2524v5", "pdf", "https", "arxiv.org",
         "https://arxiv.org/abs/1311.2524v5", False),
        ("https://www.arxiv.org/abs/2501.00001", "2501.00001", "abs", "https", "www.arxiv.org",
         "https://arxiv.org/abs/2501.00001", False),
        ("http://export.arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001v2", "abs", "http",
         "export.arxiv.org", "https://arxiv.org/abs/hep-th/9901001v2", False),
        ("https://arxiv.org/html/2502.04326v1", "2502.04326v1", "html", "https", "arxiv.org",
         "https://arxiv.org/abs/2502.04326v1", False),
        ("https://arxiv.org/html/2502.04326v1/#S3", "2502.04326v1", "html", "https", "arxiv.org",
         "https://arxiv.org/abs/2502.04326v1", False),
        ("https://arxiv.org/format/2410.12109", "2410.12109", "other", "https", "arxiv.org",
         "https://arxiv.org/abs/2410.12109", False),
        ("https://arxiv.org/abs/2410.12109?context=cs#x", "2410.12109", "abs", "https", "arxiv.org",
         "https://arxiv.org/abs/2410.12109", False),
        ("https://arxiv.org/abs/2410.12109/", "2410.12109", "abs", "https", "arxiv.org",
         "https://arxiv.org/abs/2410.12109", False),
        ("https://Arxiv.org/abs/2410.12109", "2410.12109", "abs", "https", "arxiv.org",
         "https://arxiv.org/abs/2410.12109", False),
        ("https://browse.arxiv.org/pdf/2310.01234.pdf", "2310.01234", "pdf", "https", "browse.arxiv.org",
         "https://arxiv.org/abs/2310.01234", False),
        ("https://arxiv.org/ftp/arxiv/papers/2401/2401.12345.pdf", "2401.12345", "other", "https",
         "arxiv.org", "https://arxiv.org/abs/2401.12345", False),
    ],
)  # fmt: skip
def test_parse_arxiv_url(
    url: str, ident: str, form: str, scheme: str, host: str, canonical: str, is_canonical: bool
) -> None:
    parsed = parse_arxiv_url(url)
    assert parsed is not None
    assert (str(parsed.id), parsed.form, parsed.scheme, parsed.host) == (ident, form, scheme, host)
    assert (parsed.canonical, parsed.is_canonical) == (canonical, is_canonical)
    assert parsed.problem is None


def test_abs_with_pdf_suffix_is_read_but_flagged() -> None:
    parsed = parse_arxiv_url("https://arxiv.org/abs/2403.14520.pdf")  # 30 of these in the corpus
    assert parsed is not None and str(parsed.id) == "2403.14520" and parsed.form == "abs"
    assert not parsed.is_canonical
    assert parsed.problem is not None and ".pdf" in parsed.problem


@pytest.mark.parametrize(
    "url",
    [
        "htttps://arxiv.org/abs/2410.12109",  # typo found in the corpus
        "https://arxiv.org/bas/2410.12109",  # typo found in the corpus
        "https://arxiv.org/abs/[]",  # template placeholder in the seed
        "https://arxiv.org/search/?query=VideoDPO&searchtype=all",
        "https://arxiv.org/",
        "https://arxiv.org/abs/2308.065711",
        "https://arxiv.org/abs/2410.12109/extra",
        "https://notarxiv.org/abs/2410.12109",
        "https://arxiv.org.evil.com/abs/2410.12109",
        "ftp://arxiv.org/abs/2410.12109",
        "arxiv.org/abs/2410.12109",
        "https://doi.org/10.48550/arXiv.2306.14824",
    ],
)
def test_parse_arxiv_url_rejects(url: str) -> None:
    assert parse_arxiv_url(url) is None


def _corpus_arxiv_urls() -> list[str]:
    pattern = re.compile(r"https?://(?:www\.|export\.|browse\.)?arxiv\.org/(?:abs|pdf|html)/[^\s)\]\"'<>|]+")
    urls: set[str] = set()
    for path in CORPUS:
        urls.update(pattern.findall(path.read_text(encoding="utf-8")))
    return sorted(urls)


def test_every_corpus_arxiv_link_parses() -> None:
    urls = _corpus_arxiv_urls()
    unparsed = []
    for url in urls:
        parsed = parse_arxiv_url(url)
        if parsed is None:
            unparsed.append(url)
            continue
        assert parsed.canonical.startswith("https://arxiv.org/abs/")
        assert parsed.id.id in url
        assert parsed.is_canonical == (url == parsed.canonical)
    assert len(urls) > 3000
    # Only the seed's "[]" template placeholder fails to parse.
    assert unparsed == ["https://arxiv.org/abs/["]


def test_corpus_ids_with_problems_are_real_mistakes() -> None:
    flagged = set()
    for url in _corpus_arxiv_urls():
        parsed = parse_arxiv_url(url)
        if parsed is not None and id_problem(parsed.id, today=TODAY) is not None:
            flagged.add(str(parsed.id))
    # One truncated 2018 ID; the pre-2015 4-digit IDs (1412.6980...) are fine.
    assert flagged == {"1804.0962"}


# --- free text -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see arXiv:2304.08345 now", ["2304.08345"]),
        ("2304.08345v2", ["2304.08345v2"]),
        ("journal={arXiv preprint arXiv:2405.10255},", ["2405.10255"]),
        ("https://doi.org/10.48550/arXiv.2306.14824", ["2306.14824"]),
        ("https://arxiv.org/pdf/2401.12345v3.pdf", ["2401.12345v3"]),
        ("badge/arXiv-2410.12109-b31b1b", ["2410.12109"]),
        ("arxiv.org/abs/hep-th/9901001v2 and math.GT/0309136", ["hep-th/9901001v2", "math.GT/0309136"]),
        ("version 1.3.2024", []),
        ("v1.2304.08345", []),
        ("12345.67890", []),
        ("2304.083456", []),
        ("2304.08345.1", []),
        ("released 2023.10.12, 2025.1234, 2024.12", []),
        ("docs/0101001", []),
        ("id2304.08345", []),
        ("", []),
    ],
)
def test_find_arxiv_ids(text: str, expected: list[str]) -> None:
    found = find_arxiv_ids(text)
    assert [text[s:e] for s, e, _ in found] == expected
    assert [str(a) for _, _, a in found] == expected


def test_find_returns_sorted_offsets_across_schemes() -> None:
    text = "hep-th/9901001 then 2304.08345"
    found = find_arxiv_ids(text)
    assert [s for s, _, _ in found] == [0, 20]


def test_find_in_seed() -> None:
    ids = {str(a) for _, _, a in find_arxiv_ids(SEED.read_text(encoding="utf-8"))}
    assert {"2410.12109", "2304.08345", "2410.13848", "2409.18869"} <= ids
    assert all(
        id_problem(parse_arxiv_id(i) or ArxivId(i, None, "new", "0000"), today=TODAY) is None for i in ids
    )


# --- linear time -------------------------------------------------------------------------

N = 100_000


@pytest.mark.parametrize(
    "text",
    [
        "1" * N, "2410." * (N // 5), "2410.1" * (N // 6), "a" * N, "hep-th/" * (N // 7),
        "arXiv." * (N // 6), "arXiv:" * (N // 6), "2410.12345v" * (N // 11), "math-ph" * (N // 7),
        "2410.12345" + "v" + "9" * N, "-" * N, "a-" * (N // 2),
    ],
)  # fmt: skip
def test_linear_time(text: str) -> None:
    assert_finishes(lambda: find_arxiv_ids(text))
    assert_finishes(lambda: parse_arxiv_id(text))
    assert_finishes(lambda: parse_arxiv_url("https://arxiv.org/abs/" + text))
