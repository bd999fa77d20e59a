from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(HERE))

settings.register_profile(
    "default", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")


def corpus_files() -> list[Path]:
    """Every README of ../shared/corpus, including history/, and the seed."""
    files = sorted((SHARED / "corpus").glob("*.md"))
    files += sorted((SHARED / "corpus" / "history").glob("*/*.md"))
    files.append(ROOT / "fixtures" / "seed-README.md")
    assert len(files) > 150, "the shared corpus is missing"
    return files


def read(path: Path) -> str:
    """The file's text with its line endings untouched."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return read(ROOT / "fixtures" / "seed-README.md")
