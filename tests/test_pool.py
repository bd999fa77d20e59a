"""`vrlint check` on many files runs a process pool (vrlint/pool.py): the
report must be the same as with one process, byte for byte, in every format."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED, corpus_readme, full_run
from hypothesis import given
from strategies import markdown_documents

import vrlint
from vrlint.cli import main
from vrlint.config import Config
from vrlint.engine import lint
from vrlint.parsing.build import lines_only
from vrlint.pool import MIN_FILES
from vrlint.reporting import Report, renderer

NAMES = (  # small lists with findings, and a grouped one (VR410 in ChunmingHe)
    "Video-R1__Awesome-Multimodal-Reasoning.md",
    "aoraki-labs-ai__Awesome-Video-AI-Research.md",
    "ChunmingHe__awesome-multimodal-large-language-models-in-low-level-vision.md",
    "EIT-NLP__Awesome-MLLM-Compression.md",
)


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lists")
    for name in NAMES:
        shutil.copy(corpus_readme(name), folder / name)
    shutil.copy(SEED, folder / "seed-README.md")
    assert len(list(folder.iterdir())) >= MIN_FILES  # the premise: enough files for a pool
    return folder


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


#: text and SARIF (the one that asks the pool for parsed documents) in the quick run, all four in --full
FORMATS = ["text", "json", "sarif", "github"] if full_run() else ["text", "sarif"]


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_pool_reports_what_one_process_reports(
    lists: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    alone = _check(capsys, "--jobs", "1", "--output-format", output_format, str(lists))
    pooled = _check(capsys, "--jobs", "3", "--output-format", output_format, str(lists))
    assert alone[0] == 1 and alone[1].count("VR") > 10  # the premise: findings in every file
    assert pooled == alone


def test_jobs_must_be_positive(lists: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _check(capsys, "--jobs", "0", str(lists))
    assert code == 2 and out == "" and "--jobs must be at least 1" in err and "Traceback" not in err


@given(markdown_documents())
def test_reports_from_lines_only_equal_reports_from_the_parsed_document(text: str) -> None:
    """What the pool sends back (findings and a lines-only document) renders every
    format but SARIF (which asks the pool for parsed documents) as the parsed one does."""
    document = vrlint.parse(text)
    found = lint(document, "README.md", Config())
    for output_format in ("text", "concise", "json", "github"):
        render = renderer(output_format)
        parsed = render(Report(list(found), {"README.md": document}))
        assert render(Report(list(found), {"README.md": lines_only(text)})) == parsed


def test_without_a_pool_the_files_are_linted_here(
    lists: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no pool can be made (no working POSIX semaphores: a read-only /dev/shm),
    the check runs in this process instead of failing."""
    import concurrent.futures

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    alone = _check(capsys, "--jobs", "1", "--output-format", "json", str(lists))
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refused)
    assert _check(capsys, "--jobs", "2", "--output-format", "json", str(lists)) == alone


def test_errors_are_reported_in_the_order_of_the_arguments(lists: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in lists.iterdir())
    argv = [files[0], str(lists / "missing-1.md"), *files[1:3], str(lists / "missing-2.md"), *files[3:]]
    alone = _check(capsys, "--jobs", "1", *argv)
    pooled = _check(capsys, "--jobs", "2", *argv)
    assert pooled == alone and alone[0] == 2
    errors = [line for line in pooled[2].splitlines() if "missing-" in line]
    assert len(errors) == 2 and "missing-1.md" in errors[0] and "missing-2.md" in errors[1]


def test_jobs_is_checked_even_where_no_pool_would_run(lists: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _check(capsys, "--jobs", "0", "--fix", str(lists / NAMES[0]))
    assert code == 2 and "--jobs must be at least 1" in err


def test_fix_reads_a_file_reached_twice_after_fixing_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file named twice (here through a symlink) is fixed once; the second visit
    reads the fixed file instead of refusing a stale copy."""
    folder = tmp_path / "list"
    folder.mkdir()
    text = "# T\n\n| a | b |\n|---|---|\n| x | [code](https://github.coma/b) |\n| y | z |\n"
    (folder / "README.md").write_text(text, encoding="utf-8")
    (folder / "link.md").symlink_to("README.md")
    code, _, err = _check(capsys, "--fix", str(folder / "README.md"), str(folder / "link.md"))
    assert code == 0, err
    assert (folder / "README.md").read_text(encoding="utf-8") == text.replace("github.coma/b", "github.com/a/b")


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.slow  # lints 40 large files
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
def test_workers_end_when_vrlint_is_killed(tmp_path: Path) -> None:
    for n in range(40):
        shutil.copy(corpus_readme("LJungang__Awesome-Video-Reasoning-Landscape.md"), tmp_path / f"list-{n}.md")
    process = subprocess.Popen(
        [sys.executable, "-m", "vrlint", "check", "--jobs", "2", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    for _ in range(600):  # wait for the pool (up to a minute on a loaded machine)
        workers = _children(process.pid)
        if len(workers) >= 2 or process.poll() is not None:
            break
        time.sleep(0.1)
    assert len(workers) >= 2, "the pool never started"
    process.kill()
    process.wait()
    for _ in range(300):
        alive = {pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)}
        if not alive:
            break
        time.sleep(0.1)
    assert not alive, f"workers outlived vrlint: {alive}"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
