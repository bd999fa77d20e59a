"""`vrlint check` on many files runs a process pool (vrlint/pool.py): the
report must be the same as with one process, byte for byte, in every format."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEED, corpus_readme
from hypothesis import given
from hypothesis import strategies as st

import vrlint
from vrlint.cli import main
from vrlint.pool import MIN_FILES, lines_only

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


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
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


@given(st.text(st.sampled_from("ab|\n\r\ufeff -")))
def test_lines_only_places_like_a_parsed_document(text: str) -> None:
    parsed = vrlint.parse(text)
    light = lines_only(text)
    assert light.lines == parsed.lines and light.bom == parsed.bom and light.render() == text
    for offset in range(len(text) + 1):
        assert light.position(offset) == parsed.position(offset)
