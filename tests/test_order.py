"""Table order as a convention: detection, VR110 and `vrlint sort` (issue 16)."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from conftest import corpus_readmes, read
from hypothesis import given
from hypothesis import strategies as st
from oracle import cmark_tables
from rulekit import apply_fixes, check_examples, rule, run

import vrlint
from vrlint.cli import main
from vrlint.records.extract import extract_tables
from vrlint.records.models import TableRecord
from vrlint.rows.order import detect_order, out_of_order
from vrlint.rows.sort import SortError, sort_tables


def table(dates: list[str], header: str = "| Date | Paper |\n|---|---|\n") -> str:
    return header + "".join(f"| {d} | Paper {i} |\n" for i, d in enumerate(dates))


MONTHS = [f"2025-{m:02d}" for m in range(12, 0, -1)]


def record(text: str) -> TableRecord:
    return extract_tables(vrlint.parse(text))[0]


def test_vr110_documents_itself_and_its_fix_restores_the_order() -> None:
    check_examples("VR110")
    found = rule("VR110")
    assert apply_fixes(found.bad, run(found.bad, ["VR110"])) == found.good
    assert "newest first" in run(found.bad, ["VR110"])[0].message


def test_one_misplaced_row_is_one_finding_at_that_row() -> None:
    dates = MONTHS[:]
    dates.insert(2, dates.pop(8))  # 2025-04 moved up among the autumn rows
    found = run(table(dates), ["VR110"])
    assert [(d.span.line, "2025-04" in d.message) for d in found] == [(5, True)]
    assert "move it before line 12" in found[0].message


@pytest.mark.parametrize(
    "dates",
    [
        ["2025-01", "2025-03", "2025-02", "2025-05", "2025-04", "2025-07", "2025-06"],  # no clear order
        ["2025-03", "2025-02", "2025-01", "2024-12"],  # too few rows to call it a convention
        [*MONTHS[:5], "2025", *MONTHS[5:]],  # a bare year among months is not compared
    ],
)
def test_no_finding_where_the_table_has_no_clear_order(dates: list[str]) -> None:
    assert run(table(dates), ["VR110"]) == []


def test_oldest_first_tables_are_understood_too() -> None:
    dates = MONTHS[::-1]
    assert (order := detect_order(record(table(dates)))) is not None and order.direction == "ascending"
    dates.append("2025-03")
    assert [d.span.line for d in run(table(dates), ["VR110"])] == [15]


def test_a_dated_table_grouped_by_year_is_not_taken_for_an_alphabetical_one() -> None:
    names = ["Alpha", "Beta", "Delta", "Gamma", "Kappa", "Zeta"]
    text = "| Year | Title |\n|---|---|\n" + "".join(f"| {y} | {n} |\n" for y in (2025, 2024) for n in names)
    grouped = detect_order(record(text))
    assert grouped is None or grouped.by == "date"
    assert run(text, ["VR110"]) == []
    plain = "| Title | Venue |\n|---|---|\n" + "".join(f"| {n} | CVPR |\n" for n in [*names, "Zulu"])
    order = detect_order(record(plain))
    assert order is not None and (order.by, order.direction) == ("title", "ascending")


# -- vrlint sort --------------------------------------------------------------------------------------
@given(st.permutations([*MONTHS, "2025-06", "2025-06"]))
def test_sort_gives_the_same_rows_in_order_and_keeps_ties(dates: list[str]) -> None:
    text = "# T\n\n" + table(dates) + "\nAfter.\n"
    given_order = detect_order(record(text))
    result = sort_tables(text, by="date", direction="descending")
    lines, sorted_lines = text.splitlines(), result.text.splitlines()
    assert sorted(lines) == sorted(sorted_lines)
    assert lines[:4] == sorted_lines[:4] and lines[-2:] == sorted_lines[-2:]
    rows = sorted_lines[4:-2]
    assert [r.split("|")[1].strip() for r in rows] == sorted(dates, reverse=True)
    sixes = [r for r in rows if "2025-06" in r]
    assert sixes == [r for r in lines[4:-2] if "2025-06" in r]  # ties keep their order
    assert len(cmark_tables(result.text)[0].row_lines) == 1 + len(dates)  # the header and every row
    if given_order is not None:
        assert out_of_order(record(result.text), given_order) == []


def test_sort_leaves_a_table_without_order_alone_unless_told() -> None:
    text = table(["2025-01", "2025-03", "2025-02", "2025-05", "2025-04", "2025-07", "2025-06"])
    assert sort_tables(text).text == text
    with pytest.raises(SortError, match="no clear order; give --by"):
        sort_tables(text, table_line=1)
    assert sort_tables(text, table_line=1, by="date", direction="ascending").messages


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_sort_command_diff_writes_nothing_and_the_write_sorts(tmp_path: Path) -> None:
    dates = MONTHS[:]
    dates.insert(2, dates.pop(8))
    readme = tmp_path / "README.md"
    readme.write_text(table(dates), encoding="utf-8", newline="")
    code, out, _err = cli("sort", str(readme), "--diff")
    assert code == 1 and "-| 2025-04 |" in out and readme.read_text(encoding="utf-8") == table(dates)
    code, _out, err = cli("sort", str(readme))
    assert code == 0 and "sorted" in err
    written = readme.read_text(encoding="utf-8")
    assert [line.split("|")[1].strip() for line in written.splitlines()[2:]] == MONTHS
    assert sorted(written.splitlines()) == sorted(table(dates).splitlines())
    assert cli("sort", str(readme), "--diff")[0] == 0


def test_sorting_the_corpus_keeps_every_line_and_silences_vr110() -> None:
    for path in corpus_readmes(every=None):
        text = read(path)
        result = sort_tables(text)
        assert sorted(result.text.splitlines()) == sorted(text.splitlines()), path.name
        assert run(result.text, ["VR110"]) == [], path.name


def test_a_row_whose_date_contradicts_its_own_id_is_left_to_vr902() -> None:
    # LJungang's list: "2015-12" typed for 2025-12 at the top of a newest-first table
    months = [12, 11, 10, 9, 8, 7, 6, 5]
    rows = "".join(f"| 2025-{m:02d} | [P{m}](https://arxiv.org/abs/25{m:02d}.{m:05d}) |\n" for m in months)
    table = "| Date | Paper |\n|---|---|\n| 2015-12 | [T](https://arxiv.org/abs/2512.14691) |\n" + rows
    assert run(table, ["VR110"]) == []
