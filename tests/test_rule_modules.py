"""The rule-module map: a run imports only the families its selection can reach.

``RULE_MODULES`` names each module's code prefixes; if it lied, a selected rule
would silently not run. These tests hold the map to what the modules register,
and check in a fresh interpreter that a narrow selection imports one family and
still finds what the full import finds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vrlint.config import Config, overlaps
from vrlint.engine import lint, selected_rules
from vrlint.parsing import parse
from vrlint.rules.base import RULE_MODULES, all_rules, rules_matching

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed-README.md"


def test_every_registered_code_is_under_its_own_modules_prefixes_only() -> None:
    rules = all_rules()
    assert rules, "no rule registered"
    for rule in rules:
        module = rule.function.__module__
        owners = [m for m, prefixes in RULE_MODULES.items() if rule.code.startswith(prefixes)]
        # the online rules are registered by vrlint.rules.online with a shared function
        expected = "vrlint.rules.online" if module.startswith("vrlint.online") else module
        assert owners == [expected], (rule.code, module, owners)


def test_each_module_registers_a_rule_under_each_of_its_prefixes() -> None:
    codes = [r.code for r in all_rules()]
    for module, prefixes in RULE_MODULES.items():
        for prefix in prefixes:
            assert any(code.startswith(prefix) for code in codes), (module, prefix)


@pytest.mark.parametrize(
    ("pattern", "prefix", "expected"),
    [
        ("VR805", "VR8", True),
        ("VR8", "VR805", True),
        ("vr4", "VR41", True),
        ("ALL", "VR25", True),
        ("VR805", "VR7", False),
        ("VR41", "VR40", False),
    ],
)
def test_overlaps(pattern: str, prefix: str, expected: bool) -> None:
    assert overlaps(pattern, prefix) is expected


@pytest.mark.parametrize(
    "config",
    [
        Config(),
        Config(select=["VR805"]),
        Config(select=["VR4"]),
        Config(select=["ALL"], ignore=["VR9", "VR4"]),
        Config(extend_select=["VR408"], ignore=["VR8"]),
        Config(select=["VR110", "VR921"]),
    ],
    ids=["default", "one-code", "prefix", "all-but", "extend", "two-families"],
)
def test_reached_modules_select_the_same_rules_as_all_of_them(config: Config) -> None:
    everything = {r.code for r in all_rules() if config.is_enabled(r.code, r.default)}
    assert {r.code for r in selected_rules(config)} == everything


def test_rules_matching_validates_a_code_from_its_family_alone() -> None:
    assert [r.code for r in rules_matching(["VR805"]) if r.code == "VR805"] == ["VR805"]
    assert not [r for r in rules_matching(["VR999"]) if r.code.startswith("VR999")]


_PROBE = """
import json, sys
from vrlint.cli import main
code = main(sys.argv[1:])
print(json.dumps(sorted(m for m in sys.modules if m.startswith("vrlint."))))
"""


def _imported_modules(*argv: str) -> tuple[list[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, check=False, timeout=120
    )
    *report, modules = done.stdout.strip().splitlines()
    return json.loads(modules), "\n".join(report)


def _imported_rule_modules(*argv: str) -> tuple[list[str], str]:
    modules, report = _imported_modules(*argv)
    return [m for m in modules if m.startswith("vrlint.rules.")], report


def test_select_one_code_imports_one_family_and_finds_the_same() -> None:
    modules, report = _imported_rule_modules("check", "--select", "VR801", "--output-format", "concise", str(SEED))
    assert modules == ["vrlint.rules.base", "vrlint.rules.encoding"]
    full = [d for d in lint(parse(SEED.read_text(encoding="utf-8")), str(SEED)) if d.code == "VR801"]
    assert full, "the seed has a VR801 finding"
    assert sum(1 for line in report.splitlines() if " VR801 " in line) == len(full)


def test_a_default_run_imports_every_offline_family() -> None:
    modules, _ = _imported_rule_modules("check", "--output-format", "concise", str(SEED))
    assert set(RULE_MODULES) - {"vrlint.rules.online"} <= set(modules)


def test_a_file_without_tables_runs_every_rule_without_the_record_models(tmp_path: Path) -> None:
    """Most Markdown files a hook sees have no paper table: they skip the records."""
    plain = tmp_path / "CHANGELOG.md"
    plain.write_text("# Changes\n\nSee [the list](#missing).\n", encoding="utf-8")
    modules, report = _imported_modules("check", "--output-format", "concise", str(plain))
    assert set(RULE_MODULES) - {"vrlint.rules.online"} <= set(modules)
    assert "vrlint.records.models" not in modules and "vrlint.records.extract" not in modules
    assert " VR601 " in report  # the rules did run
    table = tmp_path / "README.md"
    table.write_text("# Papers\n\n| Title | Code |\n|---|---|\n| A | B |\n", encoding="utf-8")
    modules, _ = _imported_modules("check", "--output-format", "concise", str(table))
    assert "vrlint.records.models" in modules
