"""``parse(text, lazy=True)``: the blocks are parsed when first read, and are the same.

The command line parses lazily, so a selection of rules that read only the
text (``--select VR805``) on a file without findings never parses the blocks.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from strategies import markdown_documents

from vrlint.config import Config
from vrlint.document import Document
from vrlint.engine import lint
from vrlint.parsing.build import lines_only, parse

FFFD = "\ufffd"


@given(st.one_of(markdown_documents(), st.text()))
def test_lazy_blocks_and_findings_equal_eager_ones(text: str) -> None:
    lazy = parse(text, lazy=True)
    assert lazy.render() == text
    assert lint(lazy, "README.md", Config()) == lint(parse(text), "README.md", Config())
    assert lazy.blocks == parse(text).blocks


def test_blocks_are_built_once_on_first_read() -> None:
    document = parse("# T\n\n| a |\n|---|\n| b |\n", lazy=True)
    blocks = document.blocks
    assert [b.kind for b in blocks] == ["heading", "table"]
    assert document.blocks is blocks
    assert document.tables[0].rows[0].cells[0].content == "b"


def test_a_lines_only_document_stays_without_blocks() -> None:
    assert lines_only("# T\n\n| a |\n|---|\n| b |\n").blocks == []


def test_a_finding_in_a_lazy_document_still_honours_code_and_suppressions() -> None:
    """VR805 reads the text first; the blocks it needs (code is exempt) and the
    suppression comments are parsed only because there is something to judge."""
    text = f"# T\n\n```\ncode {FFFD}\n```\n\nCaf{FFFD} one\n\nCaf{FFFD} two <!-- vrlint-disable-line VR805 -->\n"
    found = lint(parse(text, lazy=True), "README.md", Config(select=["VR805"]))
    assert [(d.code, d.span.line) for d in found] == [("VR805", 7)]


_PROBE = """
import sys
import vrlint.parsing.build as build
built = []
real = build.build_blocks
build.build_blocks = lambda document: built.append(1) or real(document)
from vrlint.cli import main
code = main(sys.argv[1:])
print(len(built), code)
"""


def _block_builds(*argv: str) -> tuple[int, int]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, timeout=120)
    builds, code = done.stdout.split()[-2:]
    return int(builds), int(code)


def test_selecting_a_text_rule_on_a_clean_file_parses_no_blocks(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Papers\n\n| Title | Code |\n|---|---|\n| A | [x](https://x.org) |\n", encoding="utf-8")
    assert _block_builds("check", "--select", "VR805", str(readme)) == (0, 0)
    assert _block_builds("check", str(readme)) == (1, 0)
    readme.write_text(readme.read_text(encoding="utf-8") + f"\nCaf{FFFD}\n", encoding="utf-8")
    assert _block_builds("check", "--select", "VR805", str(readme)) == (1, 1)


def test_a_document_is_still_built_from_text_lines_blocks_and_bom() -> None:
    """The constructor keeps its former order; ``blocks`` may now be left out (lazy)."""
    eager = parse("\ufeff# T\n")
    copy = Document(eager.text, eager.lines, eager.blocks, eager.bom)
    assert copy.render() == eager.text and copy.blocks is eager.blocks
    assert Document(eager.text, eager.lines, bom=eager.bom).blocks == eager.blocks
