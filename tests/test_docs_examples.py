"""The README and docs examples are usable as written: their YAML parses,
every pinned version is this version's release tag, the local pre-commit
hook names a real command, and the LICENSE is the one pyproject declares."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from vrlint._version import __version__

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "docs" / "integrations.md"]


def _yaml_blocks(path: Path) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```", path.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)


def test_yaml_examples_parse_and_pin_the_current_release() -> None:
    tag = f"v{__version__}"
    pins = []
    for path in DOCS:
        for block in _yaml_blocks(path):
            yaml.safe_load(block)
            pins += re.findall(r"rev: (\S+)", block) + re.findall(r"vrlint@(\S+)", block)
    assert pins and set(pins) == {tag}


def test_the_local_hook_runs_the_vrlint_command() -> None:
    blocks = [yaml.safe_load(b) for b in _yaml_blocks(ROOT / "README.md")]
    local = [r for b in blocks if isinstance(b, dict) for r in b.get("repos", []) if r["repo"] == "local"]
    assert local and local[0]["hooks"][0]["entry"] == "vrlint check"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["vrlint"] == "vrlint.cli:main"


def test_license_matches_pyproject() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
