"""Shared test set-up: the vendored corpus, the quick/full switch, hypothesis profiles.

Everything the tests read lives in this repository (``fixtures/``, see
``fixtures/SOURCES.md``); nothing outside the clone is read.

The default run is quick: corpus loops take a representative subset (``QUICK_READMES``:
11 of the 28 top-level READMEs, the seed and two history versions) and hypothesis runs
a modest budget. ``pytest --full`` (or ``VRLINT_FULL=1``) runs every corpus and history file, the
large hypothesis budgets and the tests marked ``slow`` (environment-building
integrations); ``.ci/run`` runs both.
"""

from __future__ import annotations

import lzma
import os
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Every xdist worker and every `python -m vrlint` the tests start imports the package and
# the test modules again; where PYTHONDONTWRITEBYTECODE is set (as on this project's
# machines) each of them compiled every module from source, about 4 s per worker.
# Writing the bytecode caches (__pycache__, ignored by git) lets the later ones reuse them.
sys.dont_write_bytecode = False

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = ROOT / "fixtures"
CORPUS_DIR = FIXTURES / "corpus"
SPEC_DIR = FIXTURES / "spec"
SEED = FIXTURES / "seed-README.md"
HISTORY_ARCHIVE = CORPUS_DIR / "history.tar.xz"
sys.path.insert(0, str(HERE))

settings.register_profile("default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("full", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: the quick run's corpus: 30% of the bytes, chosen to cover what the rules meet
#: (badge-heavy, aligned, short-row, Chinese, many-table and small lists); --full runs all 28
QUICK_READMES = (
    "EIT-NLP__Awesome-MLLM-Compression.md",  # 290 badges, `]()` idioms
    "sjtuplayer__Awesome-Video-Foundations.md",  # 366 badges
    "he-y__Awesome-Pruning.md",  # hand-aligned wide tables
    "lchen1019__awesome-mllm-benchmarks.md",  # aligned tables
    "Tebmer__Awesome-Knowledge-Distillation-of-LLMs.md",  # deliberately short rows
    "mli__paper-reading.md",  # Chinese headers and text
    "lyc61c__Awesome-Multimodal-Table-Understanding.md",  # 31 tables
    "ChunmingHe__awesome-multimodal-large-language-models-in-low-level-vision.md",
    "nick7nlp__Awesome-LLM-On-Policy-Distillation.md",
    "aoraki-labs-ai__Awesome-Video-AI-Research.md",
    "Video-R1__Awesome-Multimodal-Reasoning.md",
)
#: history versions in the quick run: the mojibake ground truth and the newest
QUICK_HISTORY = ("044_512e58e.md", "126_0d0460f.md")


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
        except OSError:  # another test worker unpacked it first
            shutil.rmtree(staging, ignore_errors=True)
    return target / "history"


def corpus_readmes(*, every: bool | None = True) -> list[Path]:
    """The 28 top-level READMEs of the vendored corpus.

    ``every=None`` follows the run: all 28 in a full run, ``QUICK_READMES`` otherwise.
    """
    files = sorted(CORPUS_DIR.glob("*.md"))
    assert len(files) == 28, f"the vendored corpus is incomplete: {CORPUS_DIR}"
    if every is None and not full_run():
        files = [path for path in files if path.name in QUICK_READMES]
        assert len(files) == len(QUICK_READMES), "a quick-run README is missing from the corpus"
    return files


def corpus_readme(name: str) -> Path:
    """One top-level corpus README by file name (``OWNER__REPO.md``)."""
    path = CORPUS_DIR / name
    assert path.is_file(), f"no corpus file {name}"
    return path


def history_files(*, every: bool | None = None) -> list[Path]:
    """Versions of Awesome-Video-Reasoning-Landscape's README, oldest first.

    All 127 in a full run (or with ``every=True``), two of them otherwise.
    """
    files = sorted(_history_root().glob("*/*.md"))
    assert len(files) == 127, "the vendored history is incomplete"
    if every if every is not None else full_run():
        return files
    return [f for f in files if f.name in QUICK_HISTORY]


def history_file(name: str) -> Path:
    """One history version by file name (``044_512e58e.md``)."""
    path = _history_root() / "Awesome-Video-Reasoning-Landscape" / name
    assert path.is_file(), f"no history version {name}"
    return path


def corpus_files(*, every: bool | None = None) -> list[Path]:
    """The corpus the loops run over: READMEs, history versions and the seed.

    Every file in a full run; the quick subset (``QUICK_READMES``, ``QUICK_HISTORY``)
    otherwise. ``every=True`` takes every file whatever the run: for tests marked
    ``slow`` whose expected counts are over the whole corpus.
    """
    return [*corpus_readmes(every=every), *history_files(every=every), SEED]


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
