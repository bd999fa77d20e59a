"""Shared test set-up: the vendored corpus, the quick/full switch, hypothesis profiles.

Everything the tests read lives in this repository (``fixtures/``, see
``fixtures/SOURCES.md``); nothing outside the clone is read.

The default run is quick: corpus loops take a representative subset (every top-level
README, the seed and a spread of the history versions) and hypothesis runs a modest
budget. ``pytest --full`` (or ``VRLINT_FULL=1``) runs every corpus and history file, the
large hypothesis budgets and the tests marked ``slow`` (environment-building
integrations); ``.ci/run`` runs both.
"""

from __future__ import annotations

import lzma
import os
import sys
import tarfile
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = ROOT / "fixtures"
CORPUS_DIR = FIXTURES / "corpus"
SPEC_DIR = FIXTURES / "spec"
SEED = FIXTURES / "seed-README.md"
HISTORY_ARCHIVE = CORPUS_DIR / "history.tar.xz"
sys.path.insert(0, str(HERE))

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("full", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: history versions kept in the quick run: every 16th, the last, and the mojibake ground truth
_QUICK_HISTORY_STEP = 16
_QUICK_HISTORY_EXTRA = ("044_512e58e.md", "126_0d0460f.md")


def full_run() -> bool:
    """True under ``--full`` or ``VRLINT_FULL=1``."""
    return os.environ.get("VRLINT_FULL", "") not in ("", "0")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--full", action="store_true", help="every corpus file, large hypothesis budgets, slow tests")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--full"):
        os.environ["VRLINT_FULL"] = "1"
    settings.load_profile("full" if full_run() else "default")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if full_run():
        return
    # deselected, not skipped: they run in the full run (as .ci/run does)
    slow = [item for item in items if "slow" in item.keywords]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if "slow" not in item.keywords]


def _history_root() -> Path:
    """The history archive unpacked once per archive content into the temp directory."""
    stamp = HISTORY_ARCHIVE.stat()
    target = Path(tempfile.gettempdir()) / f"vrlint-history-{stamp.st_size}-{int(stamp.st_mtime)}"
    if not (target / "history").is_dir():
        staging = Path(tempfile.mkdtemp(prefix="vrlint-history-"))
        with lzma.open(HISTORY_ARCHIVE) as raw, tarfile.open(fileobj=raw) as archive:
            archive.extractall(staging, filter="data")
        try:
            staging.rename(target)
        except OSError:  # another worker unpacked it first
            pass
    return target / "history"


def corpus_readmes() -> list[Path]:
    """The 28 top-level READMEs of the vendored corpus."""
    files = sorted(CORPUS_DIR.glob("*.md"))
    assert len(files) == 28, f"the vendored corpus is incomplete: {CORPUS_DIR}"
    return files


def corpus_readme(name: str) -> Path:
    """One top-level corpus README by file name (``OWNER__REPO.md``)."""
    path = CORPUS_DIR / name
    assert path.is_file(), f"no corpus file {name}"
    return path


def history_files(*, every: bool | None = None) -> list[Path]:
    """Versions of Awesome-Video-Reasoning-Landscape's README, oldest first.

    All 127 in a full run (or with ``every=True``), a spread of them otherwise.
    """
    files = sorted(_history_root().glob("*/*.md"))
    assert len(files) == 127, "the vendored history is incomplete"
    if every if every is not None else full_run():
        return files
    return [f for i, f in enumerate(files) if i % _QUICK_HISTORY_STEP == 0 or f.name in _QUICK_HISTORY_EXTRA]


def history_file(name: str) -> Path:
    """One history version by file name (``044_512e58e.md``)."""
    path = _history_root() / "Awesome-Video-Reasoning-Landscape" / name
    assert path.is_file(), f"no history version {name}"
    return path


def corpus_files(*, every: bool | None = None) -> list[Path]:
    """The corpus the loops run over: READMEs, history versions (all with --full) and the seed.

    ``every=True`` takes all history versions whatever the run: for tests marked ``slow``
    whose expected counts are over the whole history.
    """
    return [*corpus_readmes(), *history_files(every=every), SEED]


def corpus_id(path: Path) -> str:
    """A short test id for a corpus file: ``NAME.md`` or ``history/NAME.md``."""
    return f"history/{path.name}" if path.parent.name == "Awesome-Video-Reasoning-Landscape" else path.name


def read(path: Path) -> str:
    """The file's text with its line endings untouched."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return read(SEED)
