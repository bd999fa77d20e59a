"""The default set, select/extend-select, --fail-on and grouped findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vrlint
from vrlint.cli import main
from vrlint.config import Config, ConfigError, parse_config, validate_rule_names
from vrlint.engine import lint, selected_rules
from vrlint.rules.base import all_rules

HTTP_LINKS = "".join(f"- [p{i}](http://arxiv.org/abs/2401.0{i:04d})\n" for i in range(1, 4))
EMPTY_CODE_LINKS = "".join(f"| [P{i}](https://arxiv.org/abs/2401.0{i:04d}) | [code]() |\n" for i in range(1, 5))
TABLE = "| Paper | Code |\n| --- | --- |\n" + EMPTY_CODE_LINKS


def codes(config: Config) -> set[str]:
    return {r.code for r in selected_rules(config)}


def test_style_rules_are_opt_in_and_defects_default() -> None:
    default = codes(Config())
    for style in ("VR106", "VR205", "VR206", "VR408", "VR409", "VR603", "VR604", "VR804"):
        assert style not in default
    for defect in ("VR101", "VR201", "VR401", "VR601", "VR701", "VR801"):
        assert defect in default
    assert default == {r.code for r in all_rules() if r.default}


def test_a_prefix_picks_default_rules_a_full_code_or_all_picks_any() -> None:
    assert "VR408" not in codes(Config(select=["VR4"]))
    assert "VR401" in codes(Config(select=["VR4"]))
    assert codes(Config(select=["VR408"])) == {"VR408"}
    assert codes(Config(select=["ALL"])) == {r.code for r in all_rules()}
    extended = codes(Config(extend_select=["VR408"]))
    assert extended == codes(Config()) | {"VR408"}
    assert "VR408" not in codes(Config(extend_select=["VR408"], ignore=["VR4"]))


def test_config_file_extend_select_and_unknown_codes() -> None:
    config = parse_config({"extend-select": ["VR206"]})
    assert config.select is None and "VR206" in codes(config)
    with pytest.raises(ConfigError, match="VR999"):
        validate_rule_names(parse_config({"extend-select": ["VR999"]}), all_rules())


def test_cli_select_replaces_file_extend_select(tmp_path: Path) -> None:
    config = parse_config({"extend-select": ["VR408"]}).with_selection(["VR2"], None, None)
    assert "VR408" not in codes(config)
    config = parse_config({}).with_selection(None, None, ["VR408"])
    assert "VR408" in codes(config)


def test_opt_in_rule_reports_only_when_selected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "README.md"
    path.write_text(HTTP_LINKS, encoding="utf-8")
    assert main([str(path), "--output-format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main([str(path), "--extend-select", "VR408", "--output-format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in found] == ["VR408"]


def test_fail_on_error_ignores_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "README.md"
    path.write_text(HTTP_LINKS, encoding="utf-8")
    assert main([str(path), "--select", "VR408", "--fail-on", "error"]) == 0
    assert main([str(path), "--select", "VR408", "--fail-on", "warning"]) == 1
    assert main([str(path), "--select", "VR408"]) == 1
    capsys.readouterr()


def test_rules_listing_marks_default_and_opt_in(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line.startswith("VR")}
    assert " opt-in " in lines["VR408"] and " default " in lines["VR201"]
    assert main(["rules", "--output-format", "json"]) == 0
    listed = {r["code"]: r["default"] for r in json.loads(capsys.readouterr().out)}
    assert listed["VR206"] is False and listed["VR801"] is True


def test_one_cause_gives_one_finding_with_related_places_and_one_fix() -> None:
    text = "# T\n\n" + HTTP_LINKS
    found = lint(vrlint.parse(text), "R.md", Config(select=["VR408"]))
    assert len(found) == 1
    finding = found[0]
    assert finding.count == 3 and [r.line for r in finding.related] == [4, 5]
    assert "2 more places" in finding.message and "lines 4, 5" in finding.message
    assert finding.fix is not None and len(finding.fix.edits) == 3
    data = finding.to_json()
    assert data["count"] == 3 and [r["line"] for r in data["related"]] == [4, 5]


def test_different_causes_stay_apart() -> None:
    text = "# T\n\n" + TABLE + "\n- [x](http://arxiv.org/abs/2401.00001)\n- [y](http://github.com/a/b)\n"
    found = lint(vrlint.parse(text), "R.md", Config(select=["VR408", "VR410"]))
    by_code = {d.code: d for d in found}
    assert by_code["VR410"].count == 4
    assert sorted(d.count for d in found if d.code == "VR408") == [1, 1]


def test_grouped_finding_in_sarif_and_github_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    path = tmp_path / "README.md"
    path.write_text("# T\n\n" + HTTP_LINKS, encoding="utf-8")
    assert main([str(path), "--select", "VR408", "--output-format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    schema = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    (result,) = log["runs"][0]["results"]
    related = result["relatedLocations"]
    assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [4, 5]
    assert main([str(path), "--select", "VR408", "--output-format", "github"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("::warning ") and "Also at 4:" in line and ", 5:" in line


def test_sarif_descriptors_say_which_rules_are_on_by_default() -> None:
    from vrlint.reporting import Report
    from vrlint.reporting.sarif import sarif_log

    rules = {r["id"]: r for r in sarif_log(Report([]))["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["VR201"]["defaultConfiguration"]["enabled"] is True
    assert rules["VR408"]["defaultConfiguration"]["enabled"] is False


def test_one_grouped_fix_repairs_every_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "README.md"
    path.write_text("# T\n\n" + HTTP_LINKS, encoding="utf-8")
    assert main([str(path), "--fix", "--extend-select", "VR408", "--output-format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert path.read_text(encoding="utf-8") == "# T\n\n" + HTTP_LINKS.replace("http://", "https://")


def test_rule_selector_knows_which_rules_are_opt_in() -> None:
    from vrlint.engine import rule_selector

    assert rule_selector(Config())("VR201") and not rule_selector(Config())("VR408")
    assert rule_selector(Config(extend_select=["VR408"]))("VR408")
    assert rule_selector(Config())("VR452") is False  # an online opt-in rule too
