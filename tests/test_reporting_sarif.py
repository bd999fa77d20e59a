"""``--output-format sarif``: SARIF 2.1.0, validated against the OASIS schema.

``sarif-schema-2.1.0.json`` beside this file is the OASIS errata01 schema
(oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import vrlint
from vrlint.cli import main as cli_main
from vrlint.diagnostics import Diagnostic, Edit, Fix
from vrlint.fixing import apply_edits
from vrlint.reporting import Report
from vrlint.reporting.sarif import artifact_location, render_sarif, sarif_log
from vrlint.rules.base import _REGISTRY, Context, all_rules, rule, run_rules

SCHEMA_PATH = Path(__file__).resolve().parent / "sarif-schema-2.1.0.json"
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed-README.md"
TEXT = "# Title\r\n\r\nSome BROKEN text.\n\nA SHABBY line, and 😎 BROKEN again.\n"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid(validator: jsonschema.protocols.Validator, log: Any) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


@pytest.fixture
def test_rules() -> Iterator[None]:
    """VR999 (error, safe fix, two edits) flags BROKEN; VR998 (warning) SHABBY."""

    def broken(ctx: Context) -> Iterator[Diagnostic]:
        for match in re.finditer("BROKEN", ctx.document.text):
            span = ctx.span(match.start(), match.end())
            edits = [ctx.edit(ctx.span(span.start, span.start + 1), "F"),
                     ctx.edit(ctx.span(span.start + 1, span.end), "IXED")]  # fmt: skip
            yield ctx.report(span, "BROKEN; write FIXED", fix=ctx.fix("safe", "write FIXED", edits))

    def shabby(ctx: Context) -> Iterator[Diagnostic]:
        for match in re.finditer("SHABBY", ctx.document.text):
            yield ctx.report(ctx.span(match.start(), match.end()), "SHABBY is vague")

    rule(code="VR999", name="test-broken", severity="error", summary="Says BROKEN.",
         why="Readers cannot tell.", bad="Some BROKEN text.", good="Some FIXED text.", fix="safe")(broken)  # fmt: skip
    rule(code="VR998", name="test-shabby", severity="warning", summary="Says SHABBY.",
         why="Vague.", bad="SHABBY", good="fine")(shabby)  # fmt: skip
    try:
        yield
    finally:
        _REGISTRY.pop("VR999", None)
        _REGISTRY.pop("VR998", None)


@pytest.fixture
def cli_log(
    test_rules: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    (tmp_path / "README.md").write_bytes(TEXT.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    code = cli_main(["README.md", "--select", "VR99", "--output-format", "sarif"])
    assert code == 1
    log: dict[str, Any] = json.loads(capsys.readouterr().out)
    return log


def test_cli_output_is_valid_sarif(validator: jsonschema.protocols.Validator, cli_log: dict[str, Any]) -> None:
    assert_valid(validator, cli_log)
    assert cli_log["version"] == "2.1.0"
    assert len(cli_log["runs"]) == 1


def test_empty_report_is_valid_and_still_describes_the_rules(validator: jsonschema.protocols.Validator) -> None:
    log = sarif_log(Report([]))
    assert_valid(validator, log)
    run = log["runs"][0]
    assert run["results"] == []
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.code for r in all_rules()]


def test_run_declares_code_point_columns_and_vrlint_line_breaks(cli_log: dict[str, Any]) -> None:
    run = cli_log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["newlineSequences"] == ["\r\n", "\n", "\r"]
    assert run["tool"]["driver"]["name"] == "vrlint"
    assert run["tool"]["driver"]["version"] == vrlint.__version__


def test_rule_descriptor_carries_summary_why_examples_and_level(cli_log: dict[str, Any]) -> None:
    rules = {r["id"]: r for r in cli_log["runs"][0]["tool"]["driver"]["rules"]}
    broken = rules["VR999"]
    assert broken["name"] == "test-broken"
    assert broken["shortDescription"]["text"] == "Says BROKEN."
    assert "Readers cannot tell." in broken["fullDescription"]["text"]
    assert broken["defaultConfiguration"]["level"] == "error"
    assert rules["VR998"]["defaultConfiguration"]["level"] == "warning"
    markdown = broken["help"]["markdown"]
    assert "**Why:** Readers cannot tell." in markdown
    assert "````markdown\nSome BROKEN text.\n````" in markdown
    assert "````markdown\nSome FIXED text.\n````" in markdown
    assert "vrlint --fix" in broken["help"]["text"]


def test_results_point_at_the_span_in_code_points(cli_log: dict[str, Any]) -> None:
    run = cli_log["runs"][0]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("VR999", "error"), ("VR998", "warning"), ("VR999", "error")
    ]  # fmt: skip
    rules = run["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    location = results[2]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "README.md"
    assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    # "A SHABBY line, and 😎 BROKEN": the emoji is one code point (two UTF-16 units)
    assert location["region"] == {"startLine": 5, "startColumn": 22, "endLine": 5, "endColumn": 28}
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3  # \r\n counted once


def _apply_replacements(text: str, replacements: list[dict[str, Any]]) -> str:
    """Apply SARIF replacements by line/column, counting code points."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1

    edits = []
    for replacement in replacements:
        region = replacement["deletedRegion"]
        start = offset(region["startLine"], region["startColumn"])
        end = offset(region["endLine"], region["endColumn"])
        edits.append(Edit(start, end, replacement.get("insertedContent", {}).get("text", "")))
    return apply_edits(text, edits)


def test_fixes_reproduce_what_vrlint_fix_would_write(cli_log: dict[str, Any]) -> None:
    results = cli_log["runs"][0]["results"]
    assert "fixes" not in results[1]  # VR998 has no fix
    after = TEXT
    for result in reversed([r for r in results if "fixes" in r]):  # later spans first
        (fix,) = result["fixes"]
        assert fix["description"]["text"] == "write FIXED"
        assert fix["properties"]["applicability"] == "safe"
        (change,) = fix["artifactChanges"]
        assert change["artifactLocation"] == {"uri": "README.md", "uriBaseId": "%SRCROOT%"}
        assert len(change["replacements"]) == 2
        after = _apply_replacements(after, change["replacements"])
    assert after == TEXT.replace("BROKEN", "FIXED")


def test_without_the_document_fixes_use_character_offsets(validator: jsonschema.protocols.Validator) -> None:
    document = vrlint.parse("ab BROKEN\n")
    span = document.span(3, 9)
    fix = Fix("unsafe", "guess", (Edit(3, 9, "FIXED"),))
    log = sarif_log(Report([Diagnostic("VR999", "test-broken", "error", "m", span, "x.md", fix)]))
    assert_valid(validator, log)
    result = log["runs"][0]["results"][0]
    (replacement,) = result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement["deletedRegion"] == {"charOffset": 3, "charLength": 6}
    assert result["fixes"][0]["properties"]["applicability"] == "unsafe"


def test_unknown_rule_code_gets_a_descriptor(validator: jsonschema.protocols.Validator) -> None:
    span = vrlint.parse("x\n").span(0, 1)
    log = sarif_log(Report([Diagnostic("VR499", "online-only-check", "warning", "dead link", span, "a.md")]))
    assert_valid(validator, log)
    run = log["runs"][0]
    result = run["results"][0]
    descriptor = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert descriptor["id"] == "VR499" and descriptor["name"] == "online-only-check"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("README.md", {"uri": "README.md", "uriBaseId": "%SRCROOT%"}),
        ("./docs/my list.md", {"uri": "docs/my%20list.md", "uriBaseId": "%SRCROOT%"}),
        ("/work/repo/a#b.md", {"uri": "a%23b.md", "uriBaseId": "%SRCROOT%"}),
        ("/elsewhere/a.md", {"uri": "file:///elsewhere/a.md"}),
    ],
)
def test_artifact_locations(path: str, expected: dict[str, str]) -> None:
    assert artifact_location(path, "/work/repo") == expected


def test_fingerprint_survives_lines_inserted_above_and_tells_repeats_apart(test_rules: None) -> None:
    def fingerprints(text: str) -> list[str]:
        document = vrlint.parse(text)
        diagnostics = list(run_rules(document, [_REGISTRY["VR999"]], "a.md"))
        log = sarif_log(Report(diagnostics, {"a.md": document}))
        return [r["partialFingerprints"]["vrlint/v1"] for r in log["runs"][0]["results"]]

    before = fingerprints("BROKEN one\n\nBROKEN one\n")
    after = fingerprints("# New heading\n\nBROKEN one\n\nBROKEN one\n")
    assert len(before) == 2 and before[0] != before[1]
    assert before == after


def test_render_is_json_with_a_trailing_newline(validator: jsonschema.protocols.Validator) -> None:
    text = render_sarif(Report([]))
    assert text.endswith("}\n")
    assert_valid(validator, json.loads(text))


# -- real READMEs -------------------------------------------------------------------
def _corpus() -> list[Path]:
    from conftest import corpus_readmes

    return [*corpus_readmes(every=None), SEED]  # all 28 in the full run


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_reports_of_real_readmes(validator: jsonschema.protocols.Validator, path: Path) -> None:
    """Every output format renders what the current rules find on real
    READMEs: valid SARIF whose regions and fixes match the diagnostics, one
    workflow command per problem, a summary whose tables keep their shape."""
    from vrlint.engine import lint
    from vrlint.reporting.github import render_github
    from vrlint.reporting.summary import render_summary

    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    document = vrlint.parse(text)
    diagnostics = lint(document, path.name)
    report = Report(diagnostics, {path.name: document})

    log = sarif_log(report)
    assert_valid(validator, log)
    results = log["runs"][0]["results"]
    assert len(results) == len(diagnostics)
    for diagnostic, result in zip(diagnostics, results, strict=True):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (diagnostic.line, diagnostic.column)
        if diagnostic.fix is not None and diagnostic.fix.edits:
            replacements = result["fixes"][0]["artifactChanges"][0]["replacements"]
            assert _apply_replacements(text, replacements) == apply_edits(text, diagnostic.fix.edits)

    lines = render_github(report).splitlines()
    assert len(lines) == len(diagnostics)
    assert all(
        re.fullmatch(r"::(error|warning) file=[^:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::.*", line)
        for line in lines
    )

    summary = render_summary(report)
    for block in summary.split("\n\n"):
        rows = [row for row in block.splitlines() if row.startswith("|")]
        if rows:
            assert len({len(re.findall(r"(?<!\\)\|", row)) for row in rows}) == 1, block
