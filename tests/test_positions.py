"""Every position vrlint gives points at the text it describes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import corpus_files, read
from hypothesis import given
from strategies import markdown_documents

import vrlint
from vrlint.document import Document

CORPUS = corpus_files()


def _check_positions(doc: Document) -> int:
    checked = 0
    text = doc.text
    for table in doc.tables:
        for row in table.all_rows:
            line = doc.line(row.line)
            for cell in row.cells:
                span = cell.span
                assert span.line == span.end_line == row.line
                assert span.column == span.start - line.start + 1
                source = text[span.start : span.end]
                assert source.replace("\\|", "|") == cell.content
                assert text[cell.raw_span.start : cell.raw_span.end] == cell.raw
                checked += 1
    for link in doc.links:
        source = text[link.span.start : link.span.end]
        line, column = doc.position(link.span.start)
        assert (line, column) == (link.span.line, link.span.column)
        if link.kind == "link":
            assert source.startswith("[") and (source.endswith(")") or source.endswith("]")), source
        elif link.kind == "image":
            assert source.startswith("!["), source
        elif link.kind == "html":
            assert source.lower().startswith(("href", "src")), source
        if link.dest_span is not None:
            dest = text[link.dest_span.start : link.dest_span.end]
            assert vrlint.parsing.inline.resolve_text(dest) == link.url, (dest, link.url)
        checked += 1
    for heading in doc.headings:
        if heading.span is not None:
            assert heading.span.line >= heading.start_line
    return checked


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_positions_point_at_their_text(path: Path) -> None:
    doc = vrlint.parse(read(path))
    _check_positions(doc)


def test_the_seed_has_positions_to_check(seed_text: str) -> None:
    assert _check_positions(vrlint.parse(seed_text)) > 250


@given(markdown_documents())
def test_generated_positions_point_at_their_text(text: str) -> None:
    _check_positions(vrlint.parse(text))


def test_columns_count_code_points_not_bytes() -> None:
    doc = vrlint.parse("| 中文 | 😎 [x](https://a.org) |\n|---|---|\n")
    link = doc.links[0]
    assert (link.span.line, link.span.column, link.span.end_column) == (1, 10, 28)


def test_columns_on_crlf_lines_and_after_a_bom() -> None:
    doc = vrlint.parse("\ufeff# T\r\n\r\n[a](https://b.org)\r\n")
    link = doc.links[0]
    assert (link.span.line, link.span.column, link.span.end_column) == (3, 1, 19)
    assert link.dest_span is not None and link.dest_span.column == 5


def test_nothing_in_comments_or_code_is_a_table_link_or_heading() -> None:
    text = (
        "<!--\n| a |\n|---|\n# not a heading\n[x](https://comment.org)\n-->\n\n"
        "```\n| b |\n|---|\n# code\n[y](https://code.org)\n```\n\n"
        "    | c |\n    |---|\n\n"
        "<div>\n[z](https://html.org)\n</div>\n"
    )
    doc = vrlint.parse(text)
    assert doc.tables == []
    assert doc.headings == []
    assert [link.url for link in doc.links] == []
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["html", "fenced_code", "indented_code", "html"]
    assert doc.html_blocks[0].comment is True


def test_html_attribute_links_are_found_outside_comments() -> None:
    doc = vrlint.parse('<a href="https://github.comLJungang/x">\n  <img src="https://c.rocks/i"/>\n</a>\n')
    assert [(link.kind, link.attribute, link.url) for link in doc.links] == [
        ("html", "href", "https://github.comLJungang/x"),
        ("html", "src", "https://c.rocks/i"),
    ]
    assert doc.links[1].span.line == 2


# -- spans compute their positions when read (issue 14: memory) ------------------------
def test_a_span_reads_its_positions_from_the_document_and_keeps_them_when_pickled() -> None:
    import pickle

    from vrlint.document import Span

    doc = vrlint.parse("\ufeff# Title\r\n\nsome 🔥 text\nend")
    start = doc.text.index("text")
    span = doc.span(start, start + 4)
    assert (span.line, span.column, span.end_line, span.end_column) == (3, 8, 3, 12)
    assert span == Span.at(3, 8, 3, 12, start, start + 4) and hash(span) == hash(Span.at(3, 8, 3, 12, start, start + 4))
    assert span != Span.at(2, 8, 2, 12, start, start + 4)  # same offsets, other place: another span
    back = pickle.loads(pickle.dumps(span))
    assert back == span and back.positions() == span.positions()
    assert len(pickle.dumps(span)) < 200, "a pickled span must not carry the document's line starts"
    with pytest.raises(AttributeError):
        span.start = 0
    assert repr(span) == f"Span(line=3, column=8, end_line=3, end_column=12, start={start}, end={start + 4})"


@given(markdown_documents())
def test_span_positions_equal_document_positions(text: str) -> None:
    doc = vrlint.parse(text)
    for start in range(0, len(doc.text) + 1, max(1, len(doc.text) // 7)):
        end = min(len(doc.text), start + 3)
        span = doc.span(start, end)
        assert (span.line, span.column) == doc.position(start)
        assert (span.end_line, span.end_column) == doc.position(end)


def test_columns_beyond_the_shared_numbers_and_a_long_line_do_not_grow_memory() -> None:
    from vrlint import document

    shared = len(document._NUMBERS)
    line = "| a | " + "x" * 40_000 + " [l](https://example.org) |"
    doc = vrlint.parse("# T\n\n" + line + "\n")
    start = doc.text.index("[l]")
    span = doc.span(start, start + 3)
    assert (span.line, span.column) == (3, line.index("[l]") + 1)
    assert len(document._NUMBERS) == shared
