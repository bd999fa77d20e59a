"""VR8xx: mojibake, control characters, invisible characters and U+FFFD."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from conftest import corpus_files, corpus_id, corpus_readmes, full_run, history_file, read
from hang import assert_finishes, finishes
from hypothesis import given
from hypothesis import strategies as st

import vrlint
from vrlint.config import Config
from vrlint.diagnostics import Diagnostic, Edit
from vrlint.fixing.apply import apply_edits, fix_text
from vrlint.rules import encoding
from vrlint.rules.base import Rule, get_rule, run_rules

CODES = ("VR801", "VR802", "VR803", "VR804", "VR805")
GROUND_TRUTH = history_file("044_512e58e.md")


def _rules(codes: tuple[str, ...]) -> list[Rule]:
    found = [get_rule(code) for code in codes]
    assert all(r is not None for r in found)
    return [r for r in found if r is not None]


def lint(text: str, *codes: str, config: Config | None = None) -> list[Diagnostic]:
    return list(run_rules(vrlint.parse(text), _rules(codes or CODES), config=config))


def fixed(text: str, diagnostics: list[Diagnostic]) -> str:
    """``text`` with every fix of ``diagnostics`` applied in one pass."""
    return apply_edits(text, [edit for d in diagnostics if d.fix for edit in d.fix.edits])


def mac_roman(text: str) -> str:
    """``text`` as a UTF-8 file decoded as Mac Roman."""
    return text.encode("utf-8").decode("mac_roman")


def cp1252(text: str) -> str:
    return text.encode("utf-8").decode("cp1252")


def latin1(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def sorted_disjoint(edits: tuple[Edit, ...]) -> bool:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    return all(a.end <= b.start for a, b in itertools.pairwise(ordered))


# -- metadata -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_rule_metadata_and_examples(code: str) -> None:
    found = get_rule(code)
    assert found is not None
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", found.name)
    assert found.summary and found.why and found.bad and found.good
    bad = lint(found.bad, code)
    assert bad and all(d.code == code for d in bad)
    assert lint(found.good, code) == []


def test_severities_and_fix_kinds() -> None:
    kinds = {r.code: (r.severity, r.fix) for r in _rules(CODES)}
    assert kinds == {
        "VR801": ("error", "safe"),
        "VR802": ("error", "safe"),
        "VR803": ("error", "safe"),
        "VR804": ("warning", "unsafe"),
        "VR805": ("warning", None),
    }


# -- VR801 mojibake: the seed ----------------------------------------------------------------


def test_seed_reports_one_file_level_mojibake(seed_text: str) -> None:
    found = lint(seed_text)
    assert [d.code for d in found] == ["VR801"]
    (diagnostic,) = found
    assert (diagnostic.line, diagnostic.column) == (4, 69)  # the `‚Äî` of the title heading
    assert seed_text[diagnostic.span.start : diagnostic.span.end] == "‚Äî"
    message = diagnostic.message
    assert "decoded as Mac Roman" in message
    assert "61 damaged spots on 33 lines" in message
    assert "inside HTML comments or code blocks" in message
    assert "`—`" in message and "vrlint --fix" in message


def test_seed_fix_recovers_the_historical_readme_exactly(seed_text: str) -> None:
    (diagnostic,) = lint(seed_text, "VR801")
    assert diagnostic.fix is not None and diagnostic.fix.applicability == "safe"
    assert sorted_disjoint(diagnostic.fix.edits)
    repaired = apply_edits(seed_text, diagnostic.fix.edits)
    assert repaired == read(GROUND_TRUTH)
    assert lint(repaired) == []


def test_seed_fix_edits_are_minimal(seed_text: str) -> None:
    (diagnostic,) = lint(seed_text, "VR801")
    assert diagnostic.fix is not None
    for edit in diagnostic.fix.edits:
        old = seed_text[edit.start : edit.end]
        assert old and not any(c.isascii() for c in old)  # ASCII is never touched
        assert old[0] != edit.content[:1] and old[-1] != edit.content[-1:]  # trimmed both ends


def test_seed_fix_reaches_inside_comments_and_code(seed_text: str) -> None:
    document = vrlint.parse(seed_text)
    (diagnostic,) = lint(seed_text, "VR801")
    assert diagnostic.fix is not None
    comment_lines = {n for b in document.html_blocks if b.comment for n in range(b.start_line, b.end_line + 1)}
    edit_lines = {document.position(e.start)[0] for e in diagnostic.fix.edits}
    assert edit_lines & comment_lines  # e.g. the `<!-- Á¨¶Âè∑:` template comment
    assert diagnostic.line not in comment_lines


def test_seed_fix_through_the_fix_loop(seed_text: str) -> None:
    result = fix_text(seed_text)
    assert "VR801" in [d.code for d in result.applied]
    assert not [d for d in result.remaining if d.code.startswith("VR8")]
    assert "😎 Paradigms" in result.text and "üòé" not in result.text


# -- VR801 mojibake: a few damaged spots ------------------------------------------------------

PASTED_ROW = (
    "# Models 🎬\n\n"
    "| Model | Text | Video |\n"
    "| --- | --- | --- |\n"
    "| Café-LLM | ✓ | — |\n"
    f"| OMCAT | {mac_roman('✓')} | {mac_roman('✗')} |\n"
)


def test_pasted_row_reports_each_spot_with_its_own_fix() -> None:
    found = lint(PASTED_ROW)
    assert [(d.code, d.line, d.column) for d in found] == [("VR801", 6, 11), ("VR801", 6, 17)]
    first, second = found
    assert "`‚úì` is mojibake" in first.message and "Mac Roman" in first.message
    assert "replace it with `✓`" in first.message
    assert "`✗`" in second.message
    for diagnostic in found:
        assert diagnostic.fix is not None and diagnostic.fix.applicability == "safe"
        assert len(diagnostic.fix.edits) == 1
        assert diagnostic.span.end - diagnostic.span.start == 3
    repaired = fixed(PASTED_ROW, found)
    assert repaired.endswith("| OMCAT | ✓ | ✗ |\n")
    assert lint(repaired) == []


def test_windows_1252_and_latin_1_are_named() -> None:
    (dash,) = lint(f"Video reasoning {cp1252('—')} a survey\n", "VR801")
    assert "Windows-1252" in dash.message and "`—`" in dash.message
    assert (dash.line, dash.column) == (1, 17)
    (quote,) = lint(f"It{latin1('’')}s open\n", "VR801")
    assert "Latin-1" in quote.message and "`’`" in quote.message


def test_double_mojibake_is_repaired_in_one_fix() -> None:
    text = f"Caf{cp1252(cp1252('é'))} bench\n"
    (diagnostic,) = lint(text, "VR801")
    assert "more than once" in diagnostic.message
    repaired = fixed(text, [diagnostic])
    assert repaired == "Café bench\n"
    assert lint(repaired) == []


def test_correct_non_ascii_text_is_not_mojibake() -> None:
    text = (
        "# 😎 Paradigms — Überblick\n\n"
        "| Modèle | 数据集 | Status |\n"
        "| --- | --- | --- |\n"
        "| l’été | 视频推理 | ✓ 10\u00a0°C |\n"
        "| „Spaß“ | ✨️ | × 3 |\n"
    )
    assert lint(text) == []


def test_a_few_spots_inside_comments_or_code_are_left_alone() -> None:
    text = (
        "# Encoding notes\n\n"
        f"<!-- {mac_roman('✓')} -->\n\n"
        f"```\n{mac_roman('😎')} is what a broken decoder shows\n```\n\n"
        f"Inline <!-- {mac_roman('✗')} --> comment.\n\n"
        f"<div>\n<!-- {mac_roman('✓')} -->\n</div>\n"
    )
    assert lint(text) == []


def test_visible_html_block_text_is_checked() -> None:
    text = f'<p align="center">{mac_roman("✓")}</p>\n'
    (diagnostic,) = lint(text, "VR801")
    assert (diagnostic.line, diagnostic.column) == (1, 19)


def test_pervasive_damage_only_inside_comments_is_reported_once_outside_them() -> None:
    hidden = "\n".join(mac_roman(f"{i} ✓ — 😎 ✗") for i in range(4))
    text = f"<!--\n{hidden}\n-->\n\nPlain intro line.\n\n```\n{mac_roman('数据 ✓')}\n```\n"
    (diagnostic,) = lint(text, "VR801")
    assert (diagnostic.line, diagnostic.column) == (8, 1)  # "Plain intro line", not the comment
    assert diagnostic.span.start == diagnostic.span.end
    assert "all inside HTML comments or code blocks (the first on line 2)" in diagnostic.message
    assert diagnostic.fix is not None
    repaired = fixed(text, [diagnostic])
    assert "✓ — 😎 ✗" in repaired and "数据 ✓" in repaired
    assert lint(repaired) == []


def test_short_file_damaged_everywhere_including_code_is_repaired_whole() -> None:
    original = "## 🏠 About\n\nStar it ⭐\n\n```bibtex\n@article{x, author={M\u00fcller}}\n```\n"
    text = mac_roman(original)
    (diagnostic,) = lint(text)
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("VR801", 1, 4)
    assert "this file looks like UTF-8 text that was decoded as Mac Roman" in diagnostic.message
    assert "3 damaged spots on 3 lines (1 of them inside HTML comments or code blocks)" in diagnostic.message
    assert fixed(text, [diagnostic]) == original


def test_file_of_only_comments_and_code_has_nowhere_to_report() -> None:
    hidden = "\n".join(mac_roman(f"{i} ✓ — 😎 ✗") for i in range(4))
    assert lint(f"<!--\n{hidden}\n-->\n\n```\n{hidden}\n```\n", "VR801") == []


def test_separate_limit_option_switches_to_one_finding() -> None:
    config = Config(rule_options={"vr801": {"separate-limit": 1}})
    found = lint(PASTED_ROW, "VR801", config=config)
    assert len(found) == 1
    assert "2 damaged spots on 1 line are mojibake" in found[0].message  # the file has clean ✓ too
    assert found[0].fix is not None and len(found[0].fix.edits) == 2
    assert len(lint(PASTED_ROW, "VR801", config=Config(rule_options={"mojibake": {"separate-limit": 5}}))) == 2


def test_many_spots_give_one_finding_for_the_whole_file() -> None:
    rows = "".join(f"| Paper {i} | {mac_roman('✓')} |\n" for i in range(12))
    text = "| Title | Video |\n| --- | --- |\n" + rows
    (diagnostic,) = lint(text, "VR801")
    assert diagnostic.line == 3
    assert "this file looks like UTF-8 text that was decoded as Mac Roman" in diagnostic.message
    assert "12 damaged spots on 12 lines" in diagnostic.message
    assert "inside HTML comments" not in diagnostic.message
    assert lint(fixed(text, [diagnostic])) == []


_ROUND_TRIP = st.text(alphabet=st.sampled_from(list("ab |#-\n✓✗—😎🎬数据集视频推理✨️")), max_size=80)


@given(_ROUND_TRIP)
def test_damaging_a_whole_file_is_undone_by_the_fixes(original: str) -> None:
    damaged = mac_roman(original)
    found = lint(damaged, "VR801")
    assert fixed(damaged, found) == original


# -- VR802 control characters -------------------------------------------------------------


def test_nul_in_a_cell_is_deleted() -> None:
    text = "| Model | Notes |\n| --- | --- |\n| OMCAT | open\x00 weights |\n"
    (diagnostic,) = lint(text)
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("VR802", 3, 15)
    assert "U+0000 NULL" in diagnostic.message and "delete it" in diagnostic.message
    assert diagnostic.fix is not None and diagnostic.fix.applicability == "safe"
    repaired = fixed(text, [diagnostic])
    assert repaired.endswith("| OMCAT | open weights |\n")
    assert lint(repaired) == []


def test_ansi_escape_sequence_is_removed_whole() -> None:
    text = "Run it: \x1b[1;31mERROR\x1b[0m done\n"
    found = lint(text)
    assert [(d.code, d.column, d.span.end_column) for d in found] == [("VR802", 9, 16), ("VR802", 21, 25)]
    assert "terminal escape sequence" in found[0].message
    assert fixed(text, found) == "Run it: ERROR done\n"


def test_form_feed_and_line_tabulation_between_words_become_spaces() -> None:
    text = "Video\x0bReasoning and\x0c more \x0c\n"
    found = lint(text, "VR802")
    assert [d.column for d in found] == [6, 20, 27]
    assert "replace it with a space" in found[0].message
    assert "delete it" in found[2].message  # next to spaces already
    assert fixed(text, found) == "Video Reasoning and more \n"


def test_adjacent_controls_are_one_finding() -> None:
    text = "end\x00\x00\x07\n"
    (diagnostic,) = lint(text)
    assert "3 control characters" in diagnostic.message
    assert "U+0000 NULL ×2" in diagnostic.message and "U+0007 BELL" in diagnostic.message
    assert fixed(text, [diagnostic]) == "end\n"


def test_c1_control_with_a_windows_1252_meaning_is_an_unsafe_guess() -> None:
    text = "2019\x962020 and \x81 here\n"
    dash, undefined = lint(text)
    assert "U+0096" in dash.message and "`–`" in dash.message
    assert dash.fix is not None and dash.fix.applicability == "unsafe"
    assert dash.fix.edits == (Edit(4, 5, "–"),)
    assert undefined.fix is not None and undefined.fix.applicability == "safe"
    assert undefined.fix.edits[0].content == ""


def test_emptying_a_line_inside_a_paragraph_is_unsafe() -> None:
    (inside,) = lint("one\n\x0c\ntwo\n")
    assert inside.fix is not None and inside.fix.applicability == "unsafe"
    (between,) = lint("one\n\n\x0c\n\ntwo\n")
    assert between.fix is not None and between.fix.applicability == "safe"


def test_whitespace_line_endings_and_hidden_controls_are_fine() -> None:
    text = "a\tb\r\nc\rd\n\n```\nprintf '\x1b[31m'\x00\n```\n\n<!-- \x07 -->\n\ninline <!-- \x00 --> comment\n"
    assert lint(text) == []


def test_latin_1_mojibake_controls_are_left_to_vr801() -> None:
    text = f"It{latin1('’')}s\n"
    assert "\x80" in text
    assert [d.code for d in lint(text)] == ["VR801"]


# -- VR803 / VR804 invisible characters ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "place"),
    [
        ("[OMCAT](https://arxiv.org/abs/2410.\u200b12109)\n", 1, 36, "link destination"),
        (
            "[![arXiv](https://img.shields.io/badge/arXiv-2410.\u00ad12109-b31b1b)](https://x.org)\n",
            1,
            51,
            "link destination",
        ),
        ('<a href="https://github.com/\u200bDAMO-NLP-SG">repo</a>\n', 1, 29, "link destination"),
        ("see https://github.com/\u2060lzw-lzw/GroundingGPT\n", 1, 24, "link destination"),
        ("[repo][r]\n\n[r]: https://github.com/\u200bx/y\n", 3, 25, "link definition"),
        ("## Video\u200b Reasoning\n", 1, 9, "heading"),
    ],
)
def test_invisible_char_in_destination_or_heading(text: str, line: int, column: int, place: str) -> None:
    (diagnostic,) = lint(text)
    assert diagnostic.code == "VR803" and diagnostic.severity == "error"
    assert (diagnostic.line, diagnostic.column) == (line, column)
    assert place in diagnostic.message and "delete it" in diagnostic.message
    assert diagnostic.fix is not None and diagnostic.fix.applicability == "safe"
    repaired = fixed(text, [diagnostic])
    assert len(repaired) == len(text) - 1
    assert lint(repaired) == []


def test_invisible_char_in_a_heading_leaves_its_anchor_unchanged_after_fix() -> None:
    text = "## Bench\u200bmarks\n\n[go](#benchmarks)\n"
    (diagnostic,) = lint(text)
    assert diagnostic.code == "VR803" and "`Bench\\u200bmarks`" in diagnostic.message
    assert vrlint.parse(fixed(text, [diagnostic])).headings[0].anchor == "benchmarks"


def test_soft_hyphen_in_a_title_cell_is_a_warning() -> None:
    text = "| Title |\n| --- |\n| Video\u00adLLaMA 2 |\n"
    (diagnostic,) = lint(text)
    assert (diagnostic.code, diagnostic.severity, diagnostic.line, diagnostic.column) == ("VR804", "warning", 3, 8)
    assert "U+00AD SOFT HYPHEN" in diagnostic.message and "`Video\\xadLLaMA`" in diagnostic.message
    assert "PDF" in diagnostic.message
    assert diagnostic.fix is not None and diagnostic.fix.applicability == "unsafe"
    assert fixed(text, [diagnostic]).endswith("| VideoLLaMA 2 |\n")


def test_zero_width_space_in_link_text_is_only_a_warning() -> None:
    (diagnostic,) = lint("[OMC\u200bAT](https://om-cat.github.io)\n")
    assert diagnostic.code == "VR804" and diagnostic.column == 5


def test_stray_bom_at_a_line_start_is_explained() -> None:
    (diagnostic,) = lint("Intro\n\n\ufeff## Datasets\n")
    assert diagnostic.code == "VR804" and (diagnostic.line, diagnostic.column) == (3, 1)
    assert "byte-order mark" in diagnostic.message and "start of a line" in diagnostic.message


def test_bidi_override_is_always_reported() -> None:
    (diagnostic,) = lint("Hello \u202eמודל\u202c world\n")
    assert diagnostic.code == "VR804" and "RIGHT-TO-LEFT OVERRIDE" in diagnostic.message


def test_invisible_characters_doing_a_job_are_not_reported() -> None:
    text = (
        "\ufeff# 👨\u200d💻 Contributors ✨️\n\n"  # leading BOM, emoji ZWJ sequence, VS16
        "## می\u200cخواهم\n\n"  # Persian needs its ZERO WIDTH NON-JOINER
        "Hebrew: \u200fמודל\u200f (Video-LLM) \u2067שלום\u2069\n\n"  # bidi marks on an RTL line
        "क्\u200dष is a Devanagari conjunct\n"
    )
    assert lint(text) == []


def test_invisible_characters_in_code_and_comments_are_not_reported() -> None:
    text = "```\nurl = 'https://x\u200b.org'\n```\n\n<!-- [a](https://x\u200b.org) -->\n\nok <!-- \u00ad -->\n"
    assert lint(text) == []


def test_mojibake_soft_hyphen_is_left_to_vr801() -> None:
    text = f"Caf{cp1252('í')} Bench\n"  # í is C3 AD: Windows-1252 shows Ã and a soft hyphen
    assert "\u00ad" in text
    assert [d.code for d in lint(text)] == ["VR801"]


# -- VR805 replacement character ------------------------------------------------------------------


def test_replacement_characters_are_reported_without_a_fix() -> None:
    text = "| Title |\n| --- |\n| Caf\ufffd Bench \ufffd\ufffd\ufffd |\n"
    single, run = lint(text)
    assert (single.code, single.severity, single.line, single.column) == ("VR805", "warning", 3, 6)
    assert "`Caf\ufffd`" in single.message and "retype it" in single.message
    assert (run.column, run.span.end_column) == (14, 17)
    assert "3 U+FFFD" in run.message and "retype them" in run.message
    assert single.fix is None and run.fix is None


def test_replacement_character_in_code_or_comment_is_fine() -> None:
    assert lint("```\n\ufffd\n```\n\n<!-- \ufffd -->\n") == []


def test_lossy_mojibake_is_vr801_first_then_vr805() -> None:
    text = "He said \u00e2\u20ac\ufffdhi\n"  # ” read as Windows-1252 with errors="replace"
    (diagnostic,) = lint(text)
    assert diagnostic.code == "VR801"
    repaired = fixed(text, [diagnostic])
    assert repaired == "He said \ufffdhi\n"
    assert [d.code for d in lint(repaired)] == ["VR805"]


# -- linear-time scans --------------------------------------------------------------------------


def test_ansi_regex_is_linear_on_adversarial_input() -> None:
    pattern = encoding._ANSI_CSI
    for text in ("\x1b[" + "0;" * 200_000, "\x1b[" + "0" * 200_000 + " " * 200_000, "\x1b[" * 100_000):
        assert_finishes(lambda t=text: [pattern.match(t, i) for i in range(0, len(t), 2)])


def test_comment_scan_is_linear_on_unclosed_openers() -> None:
    text = "<!--" * 100_000
    assert_finishes(lambda: list(encoding._comments_in(text, 0, len(text))))
    text = "<!---->" * 100_000 + "<!--"
    assert_finishes(lambda: list(encoding._comments_in(text, 0, len(text))))


def test_rules_are_fast_on_long_hostile_lines() -> None:
    # one line of 10,000 findings each: any per-finding work proportional to the
    # line (slicing it, stripping it) would make this quadratic
    hostile = "\x1b[" * 10_000 + "\u200b" * 10_000 + "\ufffd" * 10_000 + "<!--" * 10_000 + "\n"
    with finishes():
        found = lint(hostile)
    assert {d.code for d in found} == {"VR802", "VR804", "VR805"}
    with finishes():
        found = lint("a\n" + "\x00 " * 10_000 + "\nb\n")
    assert len(found) == 10_000
    assert all(d.fix is not None and d.fix.applicability == "unsafe" for d in found)  # the line would go blank


# -- the corpus ------------------------------------------------------------------------------------

CORPUS_READMES = corpus_readmes(every=None)


def _pass_through(text: str, codec: str) -> str:
    """``text`` as UTF-8 decoded with ``codec``, undefined bytes kept as C1 controls."""
    out: list[str] = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


CODECS = ("mac_roman", "cp1252", "latin-1")
#: every README through every codec in the full run; the quick run gives each README one codec, in turn
DAMAGE = (
    [(path, codec) for path in CORPUS_READMES for codec in CODECS]
    if full_run()
    else [(path, CODECS[n % len(CODECS)]) for n, path in enumerate(CORPUS_READMES)]
)


@pytest.mark.parametrize(("path", "codec"), DAMAGE, ids=lambda v: v if isinstance(v, str) else v.name)
def test_mis_decoded_corpus_readme_is_recovered_by_the_fixes(path: Path, codec: str) -> None:
    original = read(path)
    damaged = _pass_through(original, codec)
    found = lint(damaged)
    assert (found == []) == original.isascii()
    assert all(d.code == "VR801" and d.fix is not None and d.fix.applicability == "safe" for d in found)
    document = vrlint.parse(damaged)
    hidden = encoding._hidden(document)
    assert not any(hidden.covers(d.span.start) for d in found)  # never pointing into a comment or code
    edits = tuple(edit for d in found if d.fix for edit in d.fix.edits)
    assert sorted_disjoint(edits)
    assert apply_edits(damaged, edits) == original


@pytest.mark.parametrize("path", corpus_files(), ids=corpus_id)
def test_rules_run_on_every_corpus_file(path: Path) -> None:
    text = read(path)
    found = lint(text)
    for diagnostic in found:
        assert diagnostic.code in CODES
        if diagnostic.fix is not None:
            assert sorted_disjoint(diagnostic.fix.edits)
    if path.name == "seed-README.md":
        assert [d.code for d in found] == ["VR801"]
    else:
        assert found == []  # the real READMEs are cleanly encoded
