"""Adopting vrlint on a list that already has findings, as a maintainer would:
a baseline of today's findings, and ``--new-since REF`` in a real git
repository built in a temporary directory (no network)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import corpus_readme, read
from hypothesis import given
from hypothesis import strategies as st

import vrlint
from vrlint.baseline import Baseline, entries_for, load_baseline, save_baseline, subtract
from vrlint.cli import main
from vrlint.config import Config
from vrlint.diagnostics import Diagnostic
from vrlint.document import Span
from vrlint.engine import lint
from vrlint.fingerprint import Known
from vrlint.fixing import format_text

README = "AIDASLab__Awesome-Diffusion-LLM.md"
#: the first body row of the table "Survey & Perspective Papers"
ORIGINAL_ROW = (
    "| [Diffusion Models for Non-autoregressive Text Generation: A Survey](https://arxiv.org/abs/2303.06574)"
    " | 2023.03 | IJCAI | Early NAR-text survey |"
)
HEADING = "### 2.1 Discrete & Masked Diffusion"


def _rows(count: int, start: int = 0) -> list[str]:
    """Clean rows for the survey table (four columns), distinct papers."""
    return [
        f"| [Inserted paper number {n}](https://arxiv.org/abs/2501.{10000 + n}) | 2025.01 | Arxiv | note {n} |"
        for n in range(start, start + count)
    ]


def _insert_before(text: str, anchor: str, lines: list[str]) -> str:
    assert anchor in text
    return text.replace(anchor, "\n".join(lines) + "\n" + anchor, 1)


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]], str]:
    code = main(["check", *args, "--output-format", "json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else [], captured.err


def _git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="T", GIT_COMMITTER_EMAIL="t@example.invalid",
    )  # fmt: skip
    proc = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture
def existing_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose README is a real list with findings, committed; the list opts into
    the arXiv link-style rules (VR205, VR206), so it has findings of several rules."""
    (tmp_path / "README.md").write_text(read(corpus_readme(README)), encoding="utf-8", newline="")
    (tmp_path / ".vrlint.toml").write_text('extend-select = ["VR205", "VR206"]\n', encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "README.md", ".vrlint.toml")
    _git(tmp_path, "commit", "-q", "-m", "the list as it is")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_baseline_hides_old_findings_and_survives_inserted_rows(
    existing_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, before, _ = _check(capsys, "README.md")
    assert code == 1 and len(before) >= 4 and len({d["code"] for d in before}) >= 3
    assert main(["check", "README.md", "--write-baseline"]) == 0
    assert "wrote" in capsys.readouterr().err
    baseline = json.loads((existing_list / ".vrlint-baseline.json").read_text(encoding="utf-8"))
    assert sum(f["count"] for f in baseline["findings"]) == len(before)
    keys = [(f["path"], f["code"], f["about"], f["fingerprint"]) for f in baseline["findings"]]
    assert keys == sorted(keys)

    code, after, err = _check(capsys, "README.md")
    assert (code, after) == (0, [])
    assert f"{len(before)} known findings not shown" in err

    # 20 clean rows above every baselined finding of the table, and one new defect
    text = (existing_list / "README.md").read_text(encoding="utf-8")
    defect = (
        "| [A new paper](https://arxiv.org/abs/2502.00001) | 2025.02 | Arxiv | code: https://github.comowner/repo |"
    )
    changed = _insert_before(text, ORIGINAL_ROW, [*_rows(10), defect, *_rows(10, start=10)])
    (existing_list / "README.md").write_text(changed, encoding="utf-8", newline="")
    code, after, _ = _check(capsys, "README.md")
    assert code == 1
    defect_line = changed.splitlines().index(defect) + 1
    # the 21 rows with a venue also turn the table's Venue column into a convention (28 of 29
    # filled), so the one old row without a venue now breaks it: VR502 is new there, rightly
    no_venue = next(n for n, line in enumerate(changed.splitlines(), 1) if "| 2026.01 |  |" in line)
    assert sorted((d["line"], d["code"]) for d in after) == sorted(
        [(defect_line, next(d["code"] for d in after if d["line"] == defect_line)), (no_venue, "VR502")]
    )
    assert str(next(d["code"] for d in after if d["line"] == defect_line)).startswith("VR4")


def test_fixed_findings_are_counted_as_gone(existing_list: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "README.md", "--write-baseline"]) == 0
    capsys.readouterr()
    text = (existing_list / "README.md").read_text(encoding="utf-8")
    fixed = text.replace("https://www.arxiv.org/", "https://arxiv.org/")  # the file's VR205 findings
    assert fixed != text
    (existing_list / "README.md").write_text(fixed, encoding="utf-8", newline="")
    code, after, err = _check(capsys, "README.md")
    assert (code, after) == (0, [])
    assert "no longer found" in err and "--write-baseline" in err


def test_baseline_errors_are_one_line(existing_list: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (existing_list / "bad.json").write_text("{}", encoding="utf-8")
    assert main(["check", "README.md", "--baseline", "bad.json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a vrlint baseline" in err
    assert main(["check", "README.md", "--baseline", "missing.json"]) == 2
    assert "not found" in capsys.readouterr().err
    # a Markdown file right after the option is not taken as the baseline to write
    assert main(["check", "--write-baseline", "README.md", "README.md"]) == 2
    assert "must end in .json" in capsys.readouterr().err
    assert read(corpus_readme(README)) == (existing_list / "README.md").read_text(encoding="utf-8")


def _pull_request(repo: Path) -> tuple[str, int, int]:
    """A branch that inserts a duplicate above the original row and renames a
    heading the table of contents links to; (base sha, duplicate line, toc line)."""
    base = _git(repo, "rev-parse", "HEAD")
    _git(repo, "checkout", "-q", "-b", "pr")
    text = (repo / "README.md").read_text(encoding="utf-8")
    changed = _insert_before(text, ORIGINAL_ROW, [ORIGINAL_ROW])
    changed = changed.replace(HEADING, "### 2.1 Discrete and Masked Diffusion", 1)
    (repo / "README.md").write_text(changed, encoding="utf-8", newline="")
    _git(repo, "commit", "-q", "-am", "a pull request")
    lines = changed.splitlines()
    duplicate = lines.index(ORIGINAL_ROW) + 2  # the second copy: the old row, moved down
    toc = next(n for n, line in enumerate(lines, 1) if "(#21-discrete--masked-diffusion)" in line)
    return base, duplicate, toc


def test_new_since_reports_what_a_pull_request_created(
    existing_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, duplicate, toc = _pull_request(existing_list)
    code, everything, _ = _check(capsys, "README.md")
    code, new, _ = _check(capsys, "README.md", "--new-since", base)
    assert code == 1
    assert sorted((d["code"], d["line"]) for d in new) == [("VR601", toc), ("VR701", duplicate)]
    assert len(everything) > len(new)
    # the line-based view would have missed both: neither line was touched
    changed = _git(existing_list, "diff", "--unified=0", base, "HEAD")
    assert f"+{ORIGINAL_ROW}" in changed and changed.count("\n+|") == 1


def test_new_since_a_new_file_reports_everything(existing_list: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (existing_list / "docs").mkdir()
    (existing_list / "docs" / "README.md").write_text(read(corpus_readme(README)), encoding="utf-8")
    _, everything, _ = _check(capsys, "docs/README.md")
    code, new, _ = _check(capsys, "docs/README.md", "--new-since", "HEAD")
    assert code == 1 and new == everything
    code, unchanged, err = _check(capsys, "README.md", "--new-since", "HEAD")  # committed, not edited
    assert (code, unchanged) == (0, []) and f"{len(everything)} findings already present at HEAD" in err


def test_new_since_an_unknown_revision_is_an_error(existing_list: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "README.md", "--new-since", "no-such-branch"]) == 2
    err = capsys.readouterr().err
    assert "unknown revision 'no-such-branch'" in err and "Traceback" not in err


def test_python_m_vrlint_with_a_baseline(existing_list: Path) -> None:
    """The installed command, as pre-commit runs it, with the baseline in the repository."""
    run = [sys.executable, "-m", "vrlint", "check", "README.md"]
    assert subprocess.run([*run, "--write-baseline"], capture_output=True, check=False).returncode == 0
    assert subprocess.run(run, capture_output=True, check=False).returncode == 0


def test_a_narrower_selection_neither_loses_nor_miscounts_baseline_entries(
    existing_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "README.md", "--write-baseline"]) == 0
    baseline = existing_list / ".vrlint-baseline.json"
    full = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert {f["code"] for f in full} > {"VR701"}
    capsys.readouterr()
    code, after, err = _check(capsys, "README.md", "--select", "VR7")
    assert (code, after) == (0, []) and "no longer found" not in err
    assert main(["check", "README.md", "--select", "VR7", "--write-baseline"]) == 0
    assert json.loads(baseline.read_text(encoding="utf-8"))["findings"] == full


# -- the fingerprint invariant -----------------------------------------------------
_HEAD = "# Papers\n\n| Title | Code | Page |\n| --- | --- | --- |\n"
_BODY = [
    "| Alpha | [code](http://github.com/a/alpha) | [page](https://alpha.example/) |",
    "| Beta | [code](https://github.combeta/beta) | [page](https://beta.example/) |",
    "| Gamma | [code](https://github.com/g/gamma) | [page](https://gamma.example/). |",
    "| Delta | [code](https://github.com/d/delta) | [page](https://bit.ly/delta) |",
    "| Epsilon | [code](https://github.com/e/epsilon) | [page](https://epsilon.example/) |",
    "| Alpha | [code](http://github.com/a/alpha) | [page](https://alpha.example/) |",
]


def _clean_row(n: int) -> str:
    return f"| Inserted {n} | [code](https://github.com/i/inserted-{n}) | [page](https://papers.org/inserted-{n}) |"


@given(
    positions=st.lists(st.integers(min_value=0, max_value=len(_BODY)), max_size=20),
    realign=st.booleans(),
)
def test_inserting_clean_rows_or_realigning_makes_nothing_new(positions: list[int], realign: bool) -> None:
    """Old findings keep their fingerprints wherever rows are inserted, and when
    the table is re-aligned: nothing is "new" though every line number moved."""
    before = _HEAD + "".join(row + "\n" for row in _BODY)
    body = list(_BODY)
    for n, position in enumerate(sorted(positions, reverse=True)):
        body.insert(position, _clean_row(n))
    after = _HEAD + "".join(row + "\n" for row in body)
    if realign:
        after = format_text(after, Config())
    old_document, new_document = vrlint.parse(before), vrlint.parse(after)
    old = lint(old_document)
    assert old, "the premise: the table has findings"
    new, matched = subtract(lint(new_document), new_document, Known.of(old, old_document))
    assert new == [] and matched == len(old)


def test_sarif_fingerprints_are_the_baselines(existing_list: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Code scanning tracks alerts by partialFingerprints: inserted rows and a
    re-aligned table keep every old alert's fingerprint."""

    def sarif_fingerprints() -> set[str]:
        main(["check", "README.md", "--output-format", "sarif"])
        log = json.loads(capsys.readouterr().out)
        return {r["partialFingerprints"]["vrlint/v1"] for r in log["runs"][0]["results"]}

    before = sarif_fingerprints()
    text = (existing_list / "README.md").read_text(encoding="utf-8")
    changed = format_text(_insert_before(text, ORIGINAL_ROW, _rows(20)), Config())
    (existing_list / "README.md").write_text(changed, encoding="utf-8", newline="")
    assert before and before <= sarif_fingerprints()


def test_the_baseline_is_found_from_a_subdirectory_up_to_the_repository_root(
    existing_list: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (existing_list / "docs").mkdir()
    (existing_list / "docs" / "README.md").write_text(read(corpus_readme(README)), encoding="utf-8")
    assert main(["check", "docs/README.md", "--write-baseline"]) == 0
    monkeypatch.chdir(existing_list / "docs")
    code, found, err = _check(capsys, "README.md")
    assert (code, found) == (0, []) and "known findings not shown" in err
    # not above a repository's root: a nested repository does not see it
    inner = existing_list / "docs" / "inner"
    inner.mkdir()
    (inner / "README.md").write_text(read(corpus_readme(README)), encoding="utf-8")
    _git(inner, "init", "-q")
    monkeypatch.chdir(inner)
    code, found, _ = _check(capsys, "README.md")
    assert code == 1 and found


# -- findings about several places (``related`` locations, issue 10's grouping) -------
@dataclass(frozen=True)
class _Grouped(Diagnostic):
    """A Diagnostic with related locations, as a grouping rule reports them."""

    related: tuple[Span, ...] = ()


_GROUP_TABLE = "| Title | Code |\n| --- | --- |\n"


def _grouped(text: str, titles: list[str]) -> list[Diagnostic]:
    """One finding anchored on the first row titled ``titles[0]``, naming the
    rows of the other titles (in order, each title's next unused row)."""
    document = vrlint.parse(text)
    rows = [row for table in document.tables for row in table.rows]
    spans: list[Span] = []
    used: set[int] = set()
    for title in titles:
        row = next(r for r in rows if r.cells[0].content == title and r.line not in used)
        used.add(row.line)
        spans.append(row.cells[0].span)
    return [_Grouped("VR999", "test-group", "warning", "grouped", spans[0], "README.md", related=tuple(spans[1:]))]


def _new(before: tuple[str, list[str]], after: tuple[str, list[str]]) -> list[Diagnostic]:
    old_text, old_titles = before
    new_text, new_titles = after
    known = Known.of(_grouped(old_text, old_titles), vrlint.parse(old_text))
    return subtract(_grouped(new_text, new_titles), vrlint.parse(new_text), known)[0]


def test_a_group_is_new_when_a_row_joins_it_and_known_when_one_leaves() -> None:
    rows = {t: f"| {t} | [code](https://github.com/o/{t.lower()}) |\n" for t in ("A", "B", "C")}
    three = _GROUP_TABLE + rows["A"] + rows["B"] + rows["C"]
    two = _GROUP_TABLE + rows["A"] + rows["B"]
    assert _new((two, ["A", "B"]), (three, ["A", "B", "C"]))  # C joined: new, though anchored on old A
    assert _new((three, ["A", "B", "C"]), (two, ["A", "B"])) == []  # C fixed: still known
    moved = _GROUP_TABLE + "| Z | - |\n" * 5 + rows["B"] + rows["A"] + rows["C"]
    assert _new((three, ["A", "B", "C"]), (moved, ["B", "A", "C"])) == []  # moved, re-anchored: known
    # a third copy of a duplicated row is a new duplicate
    dup2 = _GROUP_TABLE + rows["A"] + rows["A"]
    dup3 = dup2 + rows["A"]
    assert _new((dup2, ["A", "A"]), (dup3, ["A", "A", "A"]))


def test_the_baseline_keeps_a_groups_places(existing_list: Path) -> None:
    text = _GROUP_TABLE + "| A | x |\n| B | y |\n"
    document = vrlint.parse(text)
    baseline = Baseline(existing_list / ".vrlint-baseline.json")
    baseline.replace("README.md", entries_for(baseline.key("README.md"), _grouped(text, ["A", "B"]), document))
    save_baseline(baseline)
    loaded = load_baseline(baseline.location, missing_ok=False)
    assert loaded.entries == baseline.entries and len(loaded.entries[0].members) == 2
    assert subtract(_grouped(text, ["B", "A"]), document, loaded.known("README.md"))[0] == []


def test_renumbering_a_table_of_contents_keeps_its_findings_known() -> None:
    before = "# List\n\n1. [Alpha](#alpha)\n2. [Gone](#gone)\n\n## Alpha\n\nText.\n"
    after = (
        "# List\n\n1. [Zero](#zero)\n2. [Alpha](#alpha)\n3. [Gone](#gone)\n\n## Zero\n\nText.\n\n## Alpha\n\nText.\n"
    )
    old_document, new_document = vrlint.parse(before), vrlint.parse(after)
    old = lint(old_document)
    assert [d.code for d in old] == ["VR601"]  # the premise: #gone links nowhere
    assert subtract(lint(new_document), new_document, Known.of(old, old_document))[0] == []
