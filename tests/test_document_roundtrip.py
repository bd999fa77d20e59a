"""render() gives back the input exactly, for every string."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import corpus_files, read
from hypothesis import given
from hypothesis import strategies as st
from strategies import markdown_documents

import vrlint

ODD_TEXTS = [
    "",
    "\n",
    "\r",
    "\r\n",
    "\ufeff# Title\n",
    "\ufeff",
    "no final newline",
    "a\r\nb\rc\nd",
    "\ttab\t\n  trailing  \n",
    "ctrl \x00 \x01 \x1b \x7f \x85 \u2028 \u2029 \x0b \x0c end",
    "| a |\r\n|---|\r\n| b |",
    "| a |\r|---|\r| b |\r",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_render_returns_input_for_odd_texts(text: str) -> None:
    assert vrlint.parse(text).render() == text


@given(st.text())
def test_render_returns_any_text(text: str) -> None:
    assert vrlint.parse(text).render() == text


@given(markdown_documents())
def test_render_returns_markdown_documents(text: str) -> None:
    assert vrlint.parse(text).render() == text


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_render_returns_every_corpus_file(path: Path) -> None:
    text = read(path)
    assert vrlint.parse(text).render() == text


def test_line_endings_are_kept_per_line() -> None:
    doc = vrlint.parse("a\r\nb\rc\nd")
    assert [(line.text, line.ending) for line in doc.lines] == [
        ("a", "\r\n"),
        ("b", "\r"),
        ("c", "\n"),
        ("d", ""),
    ]


def test_bom_is_not_part_of_line_one() -> None:
    doc = vrlint.parse("\ufeff# T\n")
    assert doc.bom == "\ufeff"
    assert doc.lines[0].text == "# T"
    heading = doc.headings[0]
    assert heading.span is not None and heading.span.column == 3
