"""Tables exist exactly where cmark-gfm renders one, with the same rows and
cells: checked against the cmarkgfm package on the spec examples, the whole
corpus and generated documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import corpus_files, read
from hypothesis import example, given
from oracle import cmark_tables, vrlint_tables
from spec_examples import spec_examples
from strategies import markdown_documents

import vrlint

Shape = list[tuple[list[int], list[list[str]]]]


def _shapes(text: str) -> tuple[Shape, Shape]:
    expected = [(t.row_lines, t.cells) for t in cmark_tables(text)]
    got = [(t.row_lines, t.cells) for t in vrlint_tables(vrlint.parse(text))]
    return expected, got


EXAMPLES = spec_examples()


def test_spec_files_are_there() -> None:
    assert len(EXAMPLES) > 600
    assert sum("|" in md for _, _, md in EXAMPLES) > 20


@pytest.mark.parametrize(("name", "number", "markdown"), EXAMPLES, ids=[f"{n}-{i}" for n, i, _ in EXAMPLES])
def test_spec_example_tables_match_cmark(name: str, number: int, markdown: str) -> None:
    expected, got = _shapes(markdown)
    assert got == expected


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_tables_match_cmark(path: Path) -> None:
    expected, got = _shapes(read(path))
    assert len(got) == len(expected)
    assert got == expected


@given(markdown_documents())
@example("| a | b |\n|---|---|\n| `x|y` | d |\n")
@example("> | a |\n> |---|\n> | b |\nlazy\n")
@example("- | a |\n  |---|\n  | b |\n | c |\n")
@example("| a |\n|---|\n    | indented |\n")
@example("para\n| a |\n|---|\n")
@example("| a | b |\n|---|\n| c |\n")
@example("\n- \n\t[r]: https://r.org\n\n|a|\n|---|\n|[x][r]|")  # a tab before a definition (oracle bug, fixed)
@example("\n-->\n2) |a|\n2) |---|\n|a|\n|---|")  # "2)" does not interrupt a paragraph (a lazy-pattern regression)
def test_generated_documents_match_cmark(text: str) -> None:
    expected, got = _shapes(text)
    assert got == expected
