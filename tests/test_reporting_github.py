"""``--output-format github`` (workflow commands) and the step summary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hang import finishes
from hypothesis import given
from hypothesis import strategies as st

import vrlint
from vrlint.cli import main as cli_main
from vrlint.diagnostics import Diagnostic, Edit, Fix
from vrlint.reporting import Report
from vrlint.reporting.github import (
    annotation_path,
    escape_data,
    escape_property,
    render_github,
    workflow_command,
)
from vrlint.reporting.summary import escape_markdown, render_summary
from vrlint.rules.base import _REGISTRY, Context, rule

TEXT = "# Title\n\nSome BROKEN text.\n\nA SHABBY line, and 😎 BROKEN again.\n"


@pytest.fixture
def test_rules() -> Iterator[None]:
    """VR999 (error, safe fix) flags BROKEN; VR998 (warning, no fix) SHABBY."""

    def broken(ctx: Context) -> Iterator[Diagnostic]:
        for match in re.finditer("BROKEN", ctx.document.text):
            span = ctx.span(match.start(), match.end())
            fix = ctx.fix("safe", "write FIXED", [ctx.edit(span, "FIXED")])
            yield ctx.report(span, "BROKEN: 100% wrong, a:b,c; write FIXED", fix=fix)

    def shabby(ctx: Context) -> Iterator[Diagnostic]:
        for match in re.finditer("SHABBY", ctx.document.text):
            yield ctx.report(ctx.span(match.start(), match.end()), "SHABBY is vague; say what is meant")

    rule(code="VR999", name="test-broken", severity="error", summary="BROKEN.", why="w",
         bad="BROKEN", good="FIXED", fix="safe")(broken)  # fmt: skip
    rule(code="VR998", name="test-shabby", severity="warning", summary="SHABBY.", why="w",
         bad="SHABBY", good="fine")(shabby)  # fmt: skip
    try:
        yield
    finally:
        _REGISTRY.pop("VR999", None)
        _REGISTRY.pop("VR998", None)


def _diagnostic(
    message: str = "msg",
    *,
    path: str = "README.md",
    severity: str = "error",
    fix: Fix | None = None,
    code: str = "VR201",
    name: str = "arxiv-badge-link-mismatch",
) -> Diagnostic:
    document = vrlint.parse("line one\nsecond line here\n")
    span = document.span(12, 16)  # "cond" on line 2
    return Diagnostic(code, name, severity, message, span, path, fix)  # type: ignore[arg-type]


# -- escaping -------------------------------------------------------------------
def test_escape_data_escapes_percent_first_then_line_breaks() -> None:
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_data("%0A") == "%250A"  # an escape sequence in the text stays literal
    assert escape_data("a:b,c") == "a:b,c"  # data keeps : and ,


def test_escape_property_also_escapes_colon_and_comma() -> None:
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def _unescape(text: str, table: dict[str, str]) -> str:
    return re.sub("%(25|0D|0A|3A|2C)", lambda m: table["%" + m.group(1)], text)


_TABLE = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}


@given(st.text())
def test_escaping_round_trips_and_leaves_no_separator(text: str) -> None:
    data = escape_data(text)
    prop = escape_property(text)
    assert "\n" not in data and "\r" not in data
    assert not set(":,\r\n") & set(prop)
    assert _unescape(data, _TABLE) == text
    assert _unescape(prop, _TABLE) == text


# -- one command per diagnostic --------------------------------------------------
def test_error_command_has_every_property() -> None:
    line = workflow_command(_diagnostic("badge says 1 but links to 2; make them agree"), root="/repo")
    assert line == (
        "::error file=README.md,line=2,col=4,endLine=2,endColumn=8,"
        "title=VR201 arxiv-badge-link-mismatch::badge says 1 but links to 2; make them agree"
    )


def test_warning_severity_uses_warning_command() -> None:
    assert workflow_command(_diagnostic(severity="warning"), root="/repo").startswith("::warning file=")


def test_fix_is_described_on_a_second_annotation_line() -> None:
    safe = Fix("safe", "remove the trailing dot", (Edit(0, 1, ""),))
    line = workflow_command(_diagnostic("host ends with a dot", fix=safe), root="/repo")
    assert line.endswith("::host ends with a dot%0AFix: remove the trailing dot (`vrlint --fix`).")
    unsafe = Fix("unsafe", "link to owner/repo", (Edit(0, 1, "x"),))
    line = workflow_command(_diagnostic("mismatch", fix=unsafe), root="/repo")
    assert line.endswith("%0AFix: link to owner/repo (`vrlint --fix --unsafe-fixes`).")


def test_text_from_the_file_cannot_start_a_command_of_its_own() -> None:
    hostile = "cell 'x'\n::set-output name=pwned::1\r\n::error::fake"
    out = render_github(Report([_diagnostic(hostile, path="a,b:c.md")]))
    assert out.count("\n") == 1 and out.endswith("\n")
    assert "file=a%2Cb%3Ac.md," in out
    assert "%0A::set-output name=pwned::1%0D%0A::error::fake" in out


def test_title_properties_are_escaped() -> None:
    out = workflow_command(_diagnostic(code="VR1", name="odd,name:x"), root="/")
    assert "title=VR1 odd%2Cname%3Ax::" in out


@pytest.mark.parametrize(
    ("path", "root", "expected"),
    [
        ("README.md", "/work", "README.md"),
        ("./docs/list.md", "/work", "docs/list.md"),
        ("/work/docs/list.md", "/work", "docs/list.md"),
        ("/elsewhere/list.md", "/work", "/elsewhere/list.md"),
    ],
)
def test_annotation_path_is_relative_to_the_workspace(path: str, root: str, expected: str) -> None:
    assert annotation_path(path, root) == expected


def test_workspace_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", "/home/runner/work/repo/repo")
    assert annotation_path("/home/runner/work/repo/repo/lists/a.md") == "lists/a.md"


def test_empty_report_prints_nothing() -> None:
    assert render_github(Report([])) == ""


def test_cli_prints_one_command_per_problem(
    test_rules: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "README.md").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    code = cli_main(["README.md", "--select", "VR99", "--output-format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert lines == [
        "::error file=README.md,line=3,col=6,endLine=3,endColumn=12,title=VR999 test-broken::"
        "BROKEN: 100%25 wrong, a:b,c; write FIXED%0AFix: write FIXED (`vrlint --fix`).",
        "::warning file=README.md,line=5,col=3,endLine=5,endColumn=9,title=VR998 test-shabby::"
        "SHABBY is vague; say what is meant",
        # columns count code points: the emoji is one column, not two UTF-16 units
        "::error file=README.md,line=5,col=22,endLine=5,endColumn=28,title=VR999 test-broken::"
        "BROKEN: 100%25 wrong, a:b,c; write FIXED%0AFix: write FIXED (`vrlint --fix`).",
    ]


# -- the step summary ------------------------------------------------------------
def test_escape_markdown_neutralises_markup_but_keeps_code_spans() -> None:
    assert escape_markdown("a | b") == "a \\| b"
    assert escape_markdown("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>"
    assert escape_markdown("[click](javascript:x) **bold** @user $x$") == (
        "\\[click\\](javascript:x) \\*\\*bold\\*\\* \\@user \\$x\\$"
    )
    assert escape_markdown("write `a|b` here") == "write `a\\|b` here"
    assert escape_markdown("one\ntwo\r\nthree") == "one two three"
    assert escape_markdown("`unclosed <b>") == "\\`unclosed \\<b\\>"


def test_escape_markdown_code_span_regex_is_linear() -> None:

    hostile = "`" + "a" * 200_000 + "\n" + "`a" * 100_000
    with finishes():
        escape_markdown(hostile)


def _report() -> Report:
    safe = Fix("safe", "write FIXED", (Edit(0, 1, "x"),))
    unsafe = Fix("unsafe", "guess", (Edit(0, 1, "y"),))
    return Report(
        [
            _diagnostic("first | problem", fix=safe, code="VR999", name="test-broken"),
            _diagnostic("second", severity="warning", code="VR998", name="test-shabby"),
            _diagnostic("third", path="docs/b.md", fix=unsafe, code="VR999", name="test-broken"),
        ]
    )


def test_summary_counts_per_rule_and_lists_every_problem_per_file() -> None:
    text = render_summary(_report(), files_checked=4)
    assert text.startswith("## vrlint: 3 problems in 2 files\n")
    assert "2 errors, 1 warning (4 files checked)." in text
    assert "`vrlint --fix` would repair 1; `vrlint --fix --unsafe-fixes` 1 more." in text
    assert "| VR998 | `test-shabby` | warning | 1 | 0 | 0 |" in text
    assert "| VR999 | `test-broken` | error | 2 | 1 | 1 |" in text
    assert "### README.md: 2 problems" in text and "### docs/b.md: 1 problem\n" in text
    assert "| 2:4 | VR999 | error | first \\| problem | `--fix`: write FIXED |" in text
    assert "| 2:4 | VR999 | error | third | `--fix --unsafe-fixes`: guess |" in text
    # every table row has the same number of cells as its header
    for block in text.split("\n\n"):
        rows = [r for r in block.splitlines() if r.startswith("|")]
        if rows:
            widths = {len(re.findall(r"(?<!\\)\|", r)) for r in rows}
            assert len(widths) == 1, block


def test_summary_links_locations_when_given_a_blob_url() -> None:
    text = render_summary(_report(), blob_url="https://github.com/o/r/blob/" + "a" * 40)
    assert f"[2:4](https://github.com/o/r/blob/{'a' * 40}/docs/b.md#L2)" in text


def test_summary_of_a_clean_run() -> None:
    text = render_summary(Report([]), files_checked=2, notes=["_note_"])
    assert text == "## vrlint: no problems in 2 files\n\n_note_\n"


def test_summary_stays_under_the_limit_and_says_what_it_left_out() -> None:
    many = Report([_diagnostic(f"problem number {i} " + "x" * 200) for i in range(500)])
    text = render_summary(many, limit=20_000)
    assert len(text.encode("utf-8")) <= 20_000
    listed = len(re.findall(r"^\| 2:4 \|", text, flags=re.MULTILINE))
    assert 0 < listed < 500
    assert f"_{500 - listed} more problems are not listed" in text
    assert "| VR201 | `arxiv-badge-link-mismatch` | error | 500 |" in text  # counts stay complete
