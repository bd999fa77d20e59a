"""`vrlint add`: a row in the table's own style and order (issue 16)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from conftest import corpus_readme, corpus_readmes, read
from fakeweb import FakeWeb
from hypothesis import given
from hypothesis import strategies as st
from oracle import cmark_tables

import vrlint
from vrlint.cli import main
from vrlint.engine import lint
from vrlint.online.arxiv_api import CANARY_ID
from vrlint.records.dates import split_venue
from vrlint.rows.add import AddError, add_row, paper_from, paper_tables
from vrlint.rows.dateformat import Date, read_date, table_format, write_date
from vrlint.rows.style import Paper, TableStyle, is_preprint, learn_style, paper_title, render_row

SHIELD = "[![arXiv](https://img.shields.io/badge/arXiv-{id}-b31b1b?style=flat-square&logo=arxiv)]"


def badge_row(date: str, aid: str, title: str, code: str, image: str, video: str) -> str:
    paper = SHIELD.format(id=aid) + f"(https://arxiv.org/abs/{aid})<br>**{title}**"
    return f"| {date} | {paper} | {code} | {image} | {video} |\n"


BADGES = "## Video\n\n| Date | Paper | Code | Image | Video |\n|:----:|-------|------|:-----:|:-----:|\n" + "".join(
    badge_row(*row)
    for row in [
        ("25.03", "2503.00001", "Alpha: One", "[Code](https://github.com/a/alpha)", "✔️", "❌"),
        ("25.02", "2502.00002", "Beta: Two", "-", "❌", "✔️"),
        ("25.01", "2501.00003", "Gamma: Three", "[Code](https://github.com/c/gamma)", "✔️", "-"),
        ("24.12", "2412.00004", "Delta: Four", "-", "-", "✔️"),
        ("24.11", "2411.00005", "Eps: Five", "-", "✔️", "❌"),
        ("24.10", "2410.00006", "Zeta: Six", "[Code](https://github.com/z/zeta)", "❌", "-"),
    ]
)

TWO_TABLES = """\
# List

## Image

| Title | Year |
|---|---|
| [One Image Paper](https://arxiv.org/abs/2301.00001) | 2023 |
| [Two Image Paper](https://arxiv.org/abs/2302.00002) | 2023 |

## Video

| Title | Year |
|---|---|
| [One Video Paper](https://arxiv.org/abs/2303.00003) | 2023 |
| [Two Video Paper](https://arxiv.org/abs/2304.00004) | 2023 |
"""


def style_of(text: str, index: int = 0) -> TableStyle:
    document = vrlint.parse(text)
    table, record = paper_tables(document)[index]
    return learn_style(document, table, record)


# -- dates ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "form"),
    [
        ("2023.03", "Y.m"),
        ("2024-10-12", "Y-m-d"),
        ("25.03", "y.m"),
        ("26.4.07", "y.n.d"),
        ("9/04/24", "n/d/y"),
        ("08/27, 2025", "m/d, Y"),
        ("12/2023", "m/Y"),
        ("Dec 2024", "b Y"),
        ("2016", "Y"),
    ],
)
def test_a_date_cell_is_written_back_in_its_own_format(cell: str, form: str) -> None:
    assert table_format([cell]) == form
    date = read_date(cell)
    assert date is not None
    assert write_date(date, form) == cell


def test_a_format_that_needs_a_day_is_not_filled_without_one() -> None:
    assert write_date(Date(2025, 3), "Y-m-d") is None
    assert write_date(Date(2025, 3, 7), "y.m") == "25.03"


# -- the renderer -----------------------------------------------------------------------------------
def test_a_row_copies_the_sibling_badge_with_the_new_id_and_the_tables_date_format() -> None:
    paper = Paper(title="Omega: Seven", arxiv_id="2504.01234", date=Date(2025, 4, 9), code="https://github.com/o/omega")
    row = render_row(paper, style_of(BADGES))
    code = "[Code](https://github.com/o/omega)"
    assert row + "\n" == badge_row("25.04", "2504.01234", "Omega: Seven", code, "-", "-")


def test_without_code_the_code_column_gets_its_placeholder_and_marks_are_never_guessed() -> None:
    row = render_row(Paper(title="Omega", arxiv_id="2504.01234", date=Date(2025, 4)), style_of(BADGES))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[2] == "-"  # the column's own "nothing here"
    assert cells[3:] == ["-", "-"]  # a check mark would claim a modality nobody checked


def test_a_link_to_a_fact_the_paper_lacks_is_left_out_of_the_cell() -> None:
    text = (
        "| Paper | Date |\n|---|---|\n"
        + "".join(
            f"| {t} [[Paper]](https://arxiv.org/abs/24{m:02d}.0000{m}) [[Code]](https://github.com/o/r{m})"
            f" | 2024-{m:02d} |\n"
            for m, t in enumerate(["A", "B", "C", "D", "E"], start=1)
        )
    )
    row = render_row(Paper(title="New", arxiv_id="2406.00009", date=Date(2024, 6)), style_of(text))
    assert row == "| New [[Paper]](https://arxiv.org/abs/2406.00009) | 2024-06 |"


def test_a_hand_aligned_table_pads_the_new_row_to_its_widths() -> None:
    text = (
        "| Title                          | Venue |\n"
        "| ------------------------------ | ----- |\n"
        "| [Aa](https://arxiv.org/abs/2401.00001)  | CVPR  |\n"
        "| [Bb](https://arxiv.org/abs/2401.00002)  | ICCV  |\n"
        "| [Cc](https://arxiv.org/abs/2401.00003)  | ECCV  |\n"
    )
    row = render_row(Paper(title="Dd", arxiv_id="2401.00004", venue="CVPR"), style_of(text))
    assert row == "| [Dd](https://arxiv.org/abs/2401.00004)  | CVPR  |"


def test_arxiv_links_are_written_with_https_even_where_siblings_use_http() -> None:
    text = "| Title | Year |\n|---|---|\n" + "".join(
        f"| [T{i}](http://arxiv.org/abs/2401.0000{i}) | 2024 |\n" for i in range(1, 6)
    )
    row = render_row(Paper(title="New", arxiv_id="2402.00001", date=Date(2024, 2)), style_of(text))
    assert row == "| [New](https://arxiv.org/abs/2402.00001) | 2024 |"


def test_a_table_whose_rows_do_not_show_a_title_is_refused() -> None:
    text = "| Benchmarks | Related |\n|---|---|\n" + "".join(
        f"| [B{i}](https://arxiv.org/abs/2401.0000{i}), [C{i}](https://arxiv.org/abs/2402.0000{i}) |  |\n"
        for i in range(1, 6)
    )
    with pytest.raises(AddError, match="not added: the rows of the table at line 1 do not show"):
        add_row(text, Paper(title="A New Benchmark", arxiv_id="2403.00001"))


def test_a_title_with_a_pipe_stays_in_its_cell() -> None:
    row = render_row(Paper(title="A | B", arxiv_id="2504.01234", date=Date(2025, 4)), style_of(BADGES))
    assert "**A \\| B**" in row


# -- corpus round trips -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("ChunmingHe__awesome-multimodal-large-language-models-in-low-level-vision.md", 55),
        ("nick7nlp__Awesome-LLM-On-Policy-Distillation.md", 98),
        ("Steve2457__Awesome-RL-GUI-Agents.md", 348),
        ("yunlong10__Awesome-LLMs-for-Video-Understanding.md", 407),
        ("jingyi0000__VLM_survey.md", 285),
    ],
)
def test_a_deleted_corpus_row_comes_back_byte_identical(name: str, line: int) -> None:
    text = read(corpus_readme(name))
    document = vrlint.parse(text)
    table, record = next((t, r) for t, r in paper_tables(document) if t.start_line <= line <= t.end_line)
    index = next(i for i, row in enumerate(table.rows) if row.line == line)
    entry = record.entries[index]
    title = paper_title(document, table, table.rows[index], entry)
    date = next((read_date(c.text) for c in entry.cells if c.role == "time"), None)
    code = entry.code[0].url if entry.code else None
    venue = next((split_venue(c.text) for c in entry.cells if c.role == "venue"), (None, None))
    if is_preprint(venue[0]):
        venue = (None, None)
    lines = text.splitlines(keepends=True)
    without = "".join(lines[: line - 1] + lines[line:])
    assert entry.id is not None
    aid = entry.id.removeprefix("arXiv:")
    paper = Paper(title=title or "", arxiv_id=aid, date=date, code=code, venue=venue[0], venue_year=venue[1])
    added = add_row(without, paper, table_line=table.start_line, allow_duplicate=True)
    assert added.text.splitlines(keepends=True)[added.line - 1] == lines[line - 1]


# -- placement, duplicates, table choice --------------------------------------------------------------
def test_the_row_goes_to_its_date_position_in_a_newest_first_table() -> None:
    paper = Paper(title="Omega", arxiv_id="2501.09999", date=Date(2025, 1, 20))
    added = add_row(BADGES, paper)
    lines = added.text.splitlines()
    assert lines[added.line - 1].startswith("| 25.01 | ") and "2501.09999" in lines[added.line - 1]
    assert "2502.00002" in lines[added.line - 2] and "2501.00003" in lines[added.line]
    assert added.order is not None and added.order.direction == "descending"


def test_nothing_else_changes_and_cmark_sees_one_more_row() -> None:
    added = add_row(BADGES, Paper(title="Omega", arxiv_id="2501.09999", date=Date(2025, 1)))
    before, after = BADGES.splitlines(keepends=True), added.text.splitlines(keepends=True)
    assert after[: added.line - 1] + after[added.line :] == before
    (old,), (new,) = cmark_tables(BADGES), cmark_tables(added.text)
    assert len(new.row_lines) == len(old.row_lines) + 1
    assert added.line in new.row_lines
    assert len(new.cells[new.row_lines.index(added.line)]) == 5


def test_the_new_row_has_no_finding_of_its_own() -> None:
    added = add_row(BADGES, Paper(title="Omega: Seven", arxiv_id="2501.09999", date=Date(2025, 1)))
    assert [d.code for d in lint(vrlint.parse(added.text)) if d.span.line == added.line] == []


def test_a_table_that_ends_the_file_without_a_newline_keeps_ending_it_so() -> None:
    text = TWO_TABLES.rstrip("\n")
    added = add_row(text, Paper(title="Three Video Paper", arxiv_id="2305.00005", date=Date(2023)), section="Video")
    assert not added.text.endswith("\n")
    assert added.text.startswith(text + "\n")
    assert added.text.endswith("| [Three Video Paper](https://arxiv.org/abs/2305.00005) | 2023 |")


@pytest.mark.parametrize(
    ("paper", "where"),
    [
        (Paper(title="Another", arxiv_id="2502.00002"), "line 6"),
        (Paper(title="beta:  TWO", arxiv_id="2509.00001"), "line 6"),
        # the title key VR701 uses: a hyphen more or less is the same paper
        (Paper(title="Be-ta: two", arxiv_id="2509.00001"), "line 6"),
    ],
)
def test_a_paper_listed_already_is_refused_with_where(paper: Paper, where: str) -> None:
    with pytest.raises(AddError) as refused:
        add_row(BADGES, paper)
    assert refused.value.exit_code == 1
    assert where in str(refused.value)
    assert add_row(BADGES, paper, allow_duplicate=True).text.count("\n") == BADGES.count("\n") + 1


def test_with_two_tables_the_choice_is_refused_and_the_candidates_listed() -> None:
    with pytest.raises(AddError) as refused:
        add_row(TWO_TABLES, Paper(title="New", arxiv_id="2305.00005"))
    assert refused.value.exit_code == 2
    assert "line 5 (List > Image)" in str(refused.value) and "line 12 (List > Video)" in str(refused.value)
    by_section = add_row(TWO_TABLES, Paper(title="New", arxiv_id="2305.00005"), section="video")
    by_line = add_row(TWO_TABLES, Paper(title="New", arxiv_id="2305.00005"), table_line=13)
    assert by_section.text == by_line.text and by_section.line == 16


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60))
def test_any_title_gives_one_more_row_of_the_same_table(title: str) -> None:
    if not title.strip():
        return
    try:
        added = add_row(BADGES, Paper(title=title, arxiv_id="2501.09999", date=Date(2025, 1)), allow_duplicate=True)
    except AddError as error:  # refused, never a damaged file
        assert str(error).startswith("not added:")
        return
    (old,), (new,) = cmark_tables(BADGES), cmark_tables(added.text)
    assert len(new.row_lines) == len(old.row_lines) + 1


def test_paper_from_reads_what_a_user_types() -> None:
    paper = paper_from("  A   Title ", "2501.00001", "2025-01-20", None, "CVPR 2025")
    assert paper == Paper(title="A Title", arxiv_id="2501.00001", date=Date(2025, 1, 20), venue="CVPR", venue_year=2025)
    with pytest.raises(AddError):
        paper_from("T", date="soon")


# -- the command line, against a fake arXiv API on 127.0.0.1 ----------------------------------------
@pytest.fixture
def web() -> Iterator[FakeWeb]:
    with FakeWeb() as server:
        server.papers[CANARY_ID] = {"id": f"{CANARY_ID}v7", "title": "Attention Is All You Need"}
        server.papers["2501.09999"] = {
            "id": "2501.09999v2",
            "title": "Omega:\n  Seventh Paper",
            "published": "2025-01-20",
            "summary": "We do things. Code is at https://github.com/o/omega.",
            "comment": "Accepted to CVPR 2025",
        }
        yield server


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_add_looks_the_paper_up_and_writes_the_row(tmp_path: Path, web: FakeWeb) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(BADGES, encoding="utf-8")
    api = web.url("/api/query")
    code, _out, err = cli("add", "https://arxiv.org/abs/2501.09999v2", "--to", str(readme), "--arxiv-api-url", api)
    assert code == 0, err
    text = readme.read_text(encoding="utf-8")
    code_link = "[Code](https://github.com/o/omega)"
    assert badge_row("25.01", "2501.09999", "Omega: Seventh Paper", code_link, "-", "-") in text
    assert "newest first" in err and f"{readme}:7:" in err
    again = cli("add", "2501.09999", "--to", str(readme), "--arxiv-api-url", web.url("/api/query"))
    assert again[0] == 1 and "already listed at line 7" in again[2]
    assert readme.read_text(encoding="utf-8") == text


def test_add_by_hand_works_offline_and_diff_writes_nothing(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(TWO_TABLES, encoding="utf-8")
    args = ("add", "2305.00005", "--to", str(readme), "--title", "New Paper", "--date", "2023-05")
    code, out, err = cli(*args, "--section", "Video", "--diff")
    assert code == 0, err
    assert "+| [New Paper](https://arxiv.org/abs/2305.00005) | 2023 |" in out
    assert readme.read_text(encoding="utf-8") == TWO_TABLES
    code, _out, err = cli(*args)
    assert code == 2 and "which table?" in err and "line 12 (List > Video)" in err


def test_add_with_an_unreachable_api_says_so_in_one_line(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(BADGES, encoding="utf-8")
    api = "http://127.0.0.1:9/api"  # nothing listens on the discard port
    code, _out, err = cli("add", "2501.09999", "--to", str(readme), "--arxiv-api-url", api, "--timeout", "0.5")
    assert code == 2 and "could not look up 2501.09999" in err and "Traceback" not in err
    assert readme.read_text(encoding="utf-8") == BADGES


def test_add_rejects_what_is_not_an_arxiv_id(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(BADGES, encoding="utf-8")
    code, _out, err = cli("add", "not-an-id", "--to", str(readme))
    assert code == 2 and "not an arXiv ID" in err


def test_re_adding_a_row_of_each_corpus_file_keeps_every_other_line_and_adds_one_cmark_row() -> None:
    for path in corpus_readmes(every=None):
        text = read(path)
        document = vrlint.parse(text)
        tables = [(t, r) for t, r in paper_tables(document) if any(e.arxiv_ids for e in r.entries)]
        if not tables:
            continue
        table, record = max(tables, key=lambda pair: len(pair[1].entries))
        index, entry = next((i, e) for i, e in enumerate(record.entries) if e.arxiv_ids)
        line = table.rows[index].line
        lines = text.splitlines(keepends=True)
        without = "".join(lines[: line - 1] + lines[line:])
        title = paper_title(document, table, table.rows[index], entry) or "A Title"
        try:
            paper = Paper(title=title, arxiv_id=entry.arxiv_ids[0])
            added = add_row(without, paper, table_line=table.start_line, allow_duplicate=True)
        except AddError as error:
            assert str(error).startswith("not added:"), (path.name, str(error))
            continue
        after = added.text.splitlines(keepends=True)
        assert after[: added.line - 1] + after[added.line :] == without.splitlines(keepends=True), path.name
        before_rows = sum(len(t.row_lines) for t in cmark_tables(without))
        assert sum(len(t.row_lines) for t in cmark_tables(added.text)) == before_rows + 1, path.name
