"""Tests for the VR4xx link rules (vrlint/rules/links.py)."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import hypothesis
import pytest
import rulekit
from conftest import ROOT, corpus_files, read
from hang import assert_finishes

import vrlint
from vrlint.config import Config, parse_config
from vrlint.diagnostics import Diagnostic
from vrlint.document import CodeBlock, Document, HtmlBlock
from vrlint.rules.base import Rule, all_rules, run_rules
from vrlint.rules.links import (
    TOP_LEVEL_DOMAINS,
    badge_repository,
    damage,
    host_matches,
    link_repository,
)

SEED = ROOT / "fixtures" / "seed-README.md"


_rule = rulekit.rule


def link_rules() -> list[Rule]:
    return [r for r in all_rules() if r.function.__module__ == "vrlint.rules.links"]


def lint(text: str, code: str, config: Config | None = None) -> list[Diagnostic]:
    return rulekit.run(text, [code], config)


apply_fixes = rulekit.apply_fixes


def one(text: str, code: str) -> Diagnostic:
    found = lint(text, code)
    assert len(found) == 1, [d.message for d in found]
    return found[0]


def fixed(text: str, code: str, applicability: str = "safe") -> str:
    """Apply the single diagnostic's fix, and check the problem is gone."""
    diagnostic = one(text, code)
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability == applicability
    repaired = apply_fixes(text, [diagnostic])
    assert lint(repaired, code) == []
    return repaired


# ---------------------------------------------------------------------------
# Registration and documentation
# ---------------------------------------------------------------------------


def test_rules_are_registered_with_documentation() -> None:
    rules = link_rules()
    assert [r.code for r in rules] == [f"VR4{n:02d}" for n in range(1, 14)]
    for r in rules:
        assert r.family == "links"
        assert r.name == r.name.lower() and " " not in r.name and "_" not in r.name
        assert r.severity in ("error", "warning")
        assert r.summary.endswith(".") and "\n" not in r.summary
        assert r.why and r.bad and r.good and r.bad != r.good


@pytest.mark.parametrize("code", [f"VR4{n:02d}" for n in range(1, 14)])
def test_bad_example_is_reported_and_good_example_is_clean(code: str) -> None:
    r = _rule(code)
    config = parse_config({"allowed-hosts": ["arxiv.org"]}) if code == "VR413" else None
    assert lint(r.bad, code, config), f"{code}: its bad example is not reported"
    assert lint(r.good, code, config) == [], f"{code}: its good example is reported"
    if r.fix is not None:
        assert any(d.fix is not None for d in lint(r.bad, code, config)), f"{code}: no fix on its bad example"


# ---------------------------------------------------------------------------
# VR401 missing-slash-after-host
# ---------------------------------------------------------------------------


def test_vr401_html_href_missing_slash() -> None:
    text = '<a href="https://github.comLJungang/Awesome/graphs/contributors">\n  x\n</a>\n'
    d = one(text, "VR401")
    assert (d.code, d.line, d.column) == ("VR401", 1, 10)
    assert d.severity == "error"
    assert "'/' is missing after 'github.com'" in d.message
    assert "github.com/LJungang" in d.message
    assert fixed(text, "VR401").startswith('<a href="https://github.com/LJungang/Awesome/')


@pytest.mark.parametrize(
    ("url", "repaired"),
    [
        ("https://huggingface.coOrg/model", "https://huggingface.co/Org/model"),
        ("https://om-cat.github.ioproject/", "https://om-cat.github.io/project/"),
        ("https://www.github.comfoo/bar", "https://www.github.com/foo/bar"),
        ("https://arxiv.orgabs/2401.06071", "https://arxiv.org/abs/2401.06071"),
        ("//github.comfoo/x", "//github.com/foo/x"),
    ],
)
def test_vr401_markdown_links(url: str, repaired: str) -> None:
    text = f"| a | b |\n|---|---|\n| x | [code]({url}) |\n"
    d = one(text, "VR401")
    assert (d.line, d.column, d.span.end_column) == (3, 14, 14 + len(url))
    assert fixed(text, "VR401") == text.replace(url, repaired)


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/LJungang/x",
        "https://github.community/t/topic",  # .community is a real TLD
        "https://github.company.com/x",
        "https://arxiv.organic/x",
        "https://huggingface.com/x",
        "https://mygithub.comfy.ai/x",
    ],
)
def test_vr401_real_hosts_are_not_reported(url: str) -> None:
    assert lint(f"[x]({url})", "VR401") == []


def test_vr401_not_in_comments_or_code() -> None:
    text = (
        "<!--\n<a href='https://github.comLJungang/x'>x</a>\n-->\n\n"
        "```\n[x](https://github.comfoo/x)\n```\n\n"
        "`[x](https://github.comfoo/x)`\n"
    )
    assert lint(text, "VR401") == []


# ---------------------------------------------------------------------------
# VR402 doubled-parentheses
# ---------------------------------------------------------------------------


def test_vr402_doubled_parentheses() -> None:
    text = "**Transfusion** [![repo](https://img.shields.io/badge/Github-181717)]((https://github.com/lucidrains/transfusion-pytorch))"
    d = one(text, "VR402")
    assert (d.line, d.column) == (1, 71)
    assert "second pair of parentheses" in d.message
    assert "](https://github.com/lucidrains/transfusion-pytorch)" in d.message
    repaired = fixed(text, "VR402")
    assert repaired.endswith(")](https://github.com/lucidrains/transfusion-pytorch)")
    link = next(x for x in vrlint.parse(repaired).links if x.kind == "link")
    assert link.url == "https://github.com/lucidrains/transfusion-pytorch"


def test_vr402_fragment_and_several_layers() -> None:
    assert fixed("[Skill]((#skill-distillation))", "VR402") == "[Skill](#skill-distillation)"
    assert fixed("[x]((((https://x.org/a))))", "VR402") == "[x](https://x.org/a)"


@pytest.mark.parametrize(
    "text",
    [
        "[wiki](https://en.wikipedia.org/wiki/Foo_(bar))",
        "[x](https://x.org/(a)/(b))",
        "[x](https://x.org/a)(b)",
        "`[x]((https://x.org/a))`",
        "<!-- [x]((https://x.org/a)) -->",
    ],
)
def test_vr402_silent_on_legitimate_parentheses(text: str) -> None:
    assert lint(text, "VR402") == []


# ---------------------------------------------------------------------------
# VR403 link-in-destination
# ---------------------------------------------------------------------------


def test_vr403_halves_agree_safe_fix() -> None:
    text = "[![arXiv](https://img.shields.io/badge/arXiv-2408.12528-b31b1b.svg)]([https://arxiv.org/abs/2408.12528](https://arxiv.org/abs/2408.12528))"
    d = one(text, "VR403")
    assert (d.line, d.column, d.span.end_column) == (1, text.index("([") + 2, len(text))
    assert "pasted as the destination" in d.message and "https://arxiv.org/abs/2408.12528" in d.message
    assert fixed(text, "VR403").endswith("](https://arxiv.org/abs/2408.12528)")


def test_vr403_halves_differ_unsafe_fix_keeps_target() -> None:
    text = "[Paper]([https://arxiv.org/pdf/2503.18013v1](https://arxiv.org/pdf/2503.17352v1))"
    d = one(text, "VR403")
    assert "halves differ" in d.message
    assert "2503.18013v1" in d.message and "2503.17352v1" in d.message
    assert fixed(text, "VR403", "unsafe") == "[Paper](https://arxiv.org/pdf/2503.17352v1)"


def test_vr403_label_text_is_not_a_disagreement() -> None:
    text = "[x]([code](https://github.com/a/b))"
    assert fixed(text, "VR403") == "[x](https://github.com/a/b)"


@pytest.mark.parametrize(
    "text",
    [
        "[![a](https://img.shields.io/badge/a-b-red)](https://github.com/a/b)",
        "[x](https://x.org/[1])",
        "[x](https://x.org/a[b](c))",
        "[[pdf]](https://arxiv.org/abs/2401.06071)",
    ],
)
def test_vr403_silent_on_normal_links(text: str) -> None:
    assert lint(text, "VR403") == []


# ---------------------------------------------------------------------------
# VR404 stray-characters-in-url
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "repaired", "words"),
    [
        ("[code](`https://github.com/a/b`)", "[code](https://github.com/a/b)", "stray '``'"),
        ("[code](https://github.com/a/b`)", "[code](https://github.com/a/b)", "stray '`'"),
        ("[code](https://github.com/a/b>)", "[code](https://github.com/a/b)", "stray '>'"),
        ('[code]("https://github.com/a/b")', "[code](https://github.com/a/b)", "stray '\"\"'"),
        ("[code]([https://github.com/TXH-mercury/VALOR)", "[code](https://github.com/TXH-mercury/VALOR)", "stray '['"),
        ("<a href='https://git hub.com/x'>x</a>", "<a href='https://github.com/x'>x</a>", "contains a space"),
    ],
)
def test_vr404_stray_characters(text: str, repaired: str, words: str) -> None:
    d = one(text, "VR404")
    assert d.line == 1
    assert words in d.message
    assert fixed(text, "VR404") == repaired


def test_an_invisible_character_in_a_url_is_reported_once_by_vr803() -> None:
    text = "[x](https://x.org/a\u200bb)"
    assert lint(text, "VR404") == []
    assert [d.code for d in rulekit.run(text, ["VR404", "VR803"])] == ["VR803"]


def test_vr404_interior_backtick_has_no_fix() -> None:
    text = "see [repo](https://github.com/Video-Reaso`N/A`wesome-Video-Reasoning)"
    d = one(text, "VR404")
    assert (d.line, d.column) == (1, 12)
    assert "stray '`'" in d.message and d.fix is None


def test_vr404_space_splitting_an_autolinked_url() -> None:
    text = "|[PolyMath](https://arxiv.org/abs/2504.18428)|[Github](https://github .com/QwenLM/PolyMath)|\n"
    table = "| a | b |\n|---|---|\n" + text
    d = one(table, "VR404")
    assert (d.line, d.column) == (3, text.index("https://github ") + 1)
    assert "a space splits the URL" in d.message and "'https://github.com'" in d.message
    repaired = fixed(table, "VR404")
    urls = [link.url for link in vrlint.parse(repaired).links]
    assert "https://github.com/QwenLM/PolyMath" in urls


@pytest.mark.parametrize(
    "text",
    [
        "[a](<https://x.org/a b.pdf>)",  # a deliberate space in an angle destination
        "[a]( https://github.com/x )",  # spaces around the destination are syntax
        "[a](https://en.wikipedia.org/wiki/Rock_'n'_roll)",
        "[a](https://x.org/[1])",
        "`https://github.com/a/b`",
        "see https://github.com/a/b. and https://arxiv.org/abs/2401.06071)",
        "<img src='https://img.shields.io/badge/Closed Source-1-red'>",
    ],
)
def test_vr404_silent_on_clean_urls(text: str) -> None:
    assert lint(text, "VR404") == []


# ---------------------------------------------------------------------------
# VR405 trailing-dot-in-host
# ---------------------------------------------------------------------------


def test_vr405_trailing_dot() -> None:
    text = "| a | b |\n|:-|:-|\n| OCTAV | [unreleased](https://om-cat.github.io.) |\n"
    d = one(text, "VR405")
    assert (d.code, d.line, d.column, d.span.end_column) == ("VR405", 3, 24, 49)
    assert "ends with a dot" in d.message and "'om-cat.github.io'" in d.message
    assert fixed(text, "VR405") == text.replace("github.io.)", "github.io)")
    assert fixed("[x](https://github.com./a)", "VR405") == "[x](https://github.com/a)"


@pytest.mark.parametrize("text", ["[x](https://om-cat.github.io)", "[x](https://x.org/a.)", "[x](https://x.org/a.b.)"])
def test_vr405_silent_without_host_dot(text: str) -> None:
    assert lint(text, "VR405") == []


# ---------------------------------------------------------------------------
# VR406 malformed-url
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "repaired", "words"),
    [
        ("ttps://github.com/Wan-Video/Wan2.1", "https://github.com/Wan-Video/Wan2.1", "unknown URL scheme 'ttps'"),
        ("htttps://arxiv.org/abs/2502.10248", "https://arxiv.org/abs/2502.10248", "'htttps'"),
        ("httpshttps://github.com/gyxxyg/TRACE", "https://github.com/gyxxyg/TRACE", "'httpshttps'"),
        ("https://https://github.com/o/r", "https://github.com/o/r", "scheme twice"),
        ("https:/github.com/o/r", "https://github.com/o/r", "instead of 'https://'"),
        ("https//github.com/o/r", "https://github.com/o/r", "instead of 'https://'"),
    ],
)
def test_vr406_scheme_damage_safe_fix(url: str, repaired: str, words: str) -> None:
    text = f"- [code]({url})"
    d = one(text, "VR406")
    assert (d.line, d.column, d.span.end_column) == (1, 10, 10 + len(url))
    assert words in d.message
    assert fixed(text, "VR406") == f"- [code]({repaired})"


def test_vr406_bare_site_name_unsafe_fix() -> None:
    d = one("[Github](https://github/QwenLM/PolyMath)", "VR406")
    assert "not a domain name" in d.message and "'github.com'" in d.message
    assert fixed("[Github](https://github/QwenLM/PolyMath)", "VR406", "unsafe") == (
        "[Github](https://github.com/QwenLM/PolyMath)"
    )


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://arxiv.ogr/abs/1", "'ogr', which is not a top-level domain"),
        ("https://intranet/page", "not a domain name"),
        ("https://", "has no host name"),
        ("hxxp://github.com", "unknown URL scheme 'hxxp'"),
    ],
)
def test_vr406_without_fix(url: str, words: str) -> None:
    d = one(f"[x]({url})", "VR406")
    assert words in d.message
    assert d.fix is None


def test_vr406_repair_is_withheld_when_it_would_not_help() -> None:
    d = one("[x](https:///x)", "VR406")  # 'https://x' would still have no domain
    assert "instead of 'https://'" in d.message and d.fix is None


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8080",
        "http://127.0.0.1:8000/x",
        "https://[::1]/x",
        "ftp://ftp.x.org/pub",
        "mailto:someone@example.org",
        "https://example.museum",
        "https://münchen.de/",
        "https://example.中国/",
        "https://github.com:443/o/r",
        "https://user@github.com/o/r",
        "#anchor",
        "README.md",
    ],
)
def test_vr406_silent_on_valid_urls(url: str) -> None:
    assert lint(f"[x]({url})", "VR406") == []


# ---------------------------------------------------------------------------
# VR407 missing-url-scheme
# ---------------------------------------------------------------------------


def test_vr407_missing_scheme() -> None:
    text = "| Code | Project |\n|---|---|\n| [Code](eastbeanzhang.github.io/GUAVA/) | x |\n"
    d = one(text, "VR407")
    assert (d.line, d.column) == (3, 10)
    assert "no scheme" in d.message and "https://eastbeanzhang.github.io/GUAVA/" in d.message
    assert fixed(text, "VR407") == text.replace("(eastbean", "(https://eastbean")


def test_vr407_fix_is_unsafe_for_unknown_hosts() -> None:
    assert fixed("[x](example.com/page)", "VR407", "unsafe") == "[x](https://example.com/page)"


@pytest.mark.parametrize(
    "url", ["README.md", "./docs/x.md", "CONTRIBUTING.md", "assets/logo.svg", "#top", "../../issues"]
)
def test_vr407_silent_on_relative_paths(url: str) -> None:
    assert lint(f"[x]({url}) <img src='{url}'>", "VR407") == []


# ---------------------------------------------------------------------------
# VR408 insecure-http
# ---------------------------------------------------------------------------


def test_vr408_http_on_https_host() -> None:
    text = "**VAST** [![NeurIPS](https://img.shields.io/badge/NeurIPS-2023-blue.svg)](http://arxiv.org/abs/2305.18500)"
    d = one(text, "VR408")
    assert (d.code, d.line, d.column) == ("VR408", 1, text.index("http://") + 1)
    assert d.severity == "warning"
    assert "arxiv.org serves https" in d.message
    assert d.fix is not None and [(e.end - e.start, e.content) for e in d.fix.edits] == [(4, "https")]
    assert fixed(text, "VR408").endswith("](https://arxiv.org/abs/2305.18500)")


@pytest.mark.parametrize(
    "url",
    [
        "http://papers.nips.cc/paper/x",
        "HTTP://arxiv.org/abs/1",
        "http://www.github.com/o/r",
        "http://shahrukhathar.github.io/x",
        "http://openaccess.thecvf.com/x.pdf",
    ],
)
def test_vr408_known_hosts(url: str) -> None:
    assert fixed(f"[x]({url})", "VR408") == f"[x](https{url[4:]})"


@pytest.mark.parametrize(
    "url",
    ["http://example.com/x", "http://localhost:8080", "https://arxiv.org/abs/1", "http://github.io.example.org/"],
)
def test_vr408_silent_on_other_hosts(url: str) -> None:
    assert lint(f"[x]({url})", "VR408") == []


def test_vr408_https_hosts_option() -> None:
    config = parse_config({"rules": {"VR408": {"https-hosts": ["example.com"]}}})
    text = "[a](http://example.com/x) [b](http://arxiv.org/abs/1)"
    found = lint(text, "VR408", config)
    assert [d.column for d in found] == [5]
    shared = parse_config({"https-hosts": ["*.example.org"]})
    assert [d.column for d in lint("[a](http://www.cs.example.org/x)", "VR408", shared)] == [5]


def test_vr408_reference_link_is_reported_without_fix() -> None:
    d = one("[paper][p]\n\n[p]: http://arxiv.org/abs/2401.06071\n", "VR408")
    assert d.line == 1 and d.fix is None


# ---------------------------------------------------------------------------
# VR409 url-shortener
# ---------------------------------------------------------------------------


def test_vr409_shortener() -> None:
    text = "**VITRON** [![nips-2024](https://img.shields.io/badge/NeurIPS-2024-blue.svg)](https://is.gd/aGu0VV)"
    d = one(text, "VR409")
    assert (d.line, d.column) == (1, 79)
    assert "short link (is.gd)" in d.message and "real page" in d.message
    assert d.fix is None and d.severity == "warning"
    assert len(lint("[a](https://bit.ly/x) [b](http://www.tinyurl.com/x) [c](https://t.co/x)", "VR409")) == 3


@pytest.mark.parametrize(
    "url", ["https://youtu.be/abc", "https://hf.co/papers/1", "https://gist.github.com/x", "https://is.gdx.org/"]
)
def test_vr409_silent_on_first_party_short_domains(url: str) -> None:
    assert lint(f"[x]({url})", "VR409") == []


# ---------------------------------------------------------------------------
# VR410 empty-link-destination
# ---------------------------------------------------------------------------


def test_vr410_empty_destination() -> None:
    text = "| Title | Code |\n|---|---|\n| [**Pegasus-v1**](https://arxiv.org/abs/2404.14687) | [code]() |\n"
    d = one(text, "VR410")
    assert (d.code, d.line, d.column, d.span.end_column) == ("VR410", 3, 56, 64)
    assert "empty destination" in d.message and "add the URL" in d.message
    assert d.fix is None


def test_vr410_placeholder_destination() -> None:
    text = "| Title | Code |\n|---|---|\n| x | [-](-) |\n| y | [repo](-) |\n"
    found = lint(text, "VR410")
    assert [(d.line, d.column) for d in found] == [(3, 7), (4, 7)]
    assert all("placeholder '-'" in d.message for d in found)
    assert found[0].fix is not None and found[1].fix is None
    assert apply_fixes(text, found) == text.replace("[-](-)", "-")


@pytest.mark.parametrize(
    "text",
    [
        "[![Project Page](https://img.shields.io/badge/Project-Page-green.svg)]()",  # badges: VR3xx
        "[Teng Hu](#), [x](https://a.org)",
        "<!-- |[**title**]()|[code]()| -->",
        "`[code]()`",
        "```\n[code]()\n```",
        '<a href="" target="_blank"><img src="https://visitor-badge.laobi.icu/badge?page_id=x"></a>',
        "![image]()",
    ],
)
def test_vr410_silent_on_badges_comments_and_code(text: str) -> None:
    assert lint(text, "VR410") == []


# ---------------------------------------------------------------------------
# VR411 badge-repository-mismatch
# ---------------------------------------------------------------------------


def test_vr411_stars_badge_names_another_repository() -> None:
    text = (
        "| Code |\n|---|\n"
        "| [![Star](https://img.shields.io/github/stars/owner1/repo1.svg?style=social)]"
        "(https://github.com/owner2/repo2) |\n"
    )
    d = one(text, "VR411")
    assert (d.code, d.line, d.column) == ("VR411", 3, 4)
    assert "badge shows owner1/repo1 but links to owner2/repo2" in d.message
    assert "make them agree" in d.message
    assert d.fix is None  # nothing else in the file says which half is right


def test_vr411_star_history_fix_follows_the_rest_of_the_file(seed_text: str) -> None:
    found = lint(seed_text, "VR411")
    assert len(found) == 1
    d = found[0]
    assert d.line == 110
    assert "LJungang/Awesome-Video-Reasoning-Landscape" in d.message
    assert "LJungang/Awesome-Omni-Large-Models-and-Datasets" in d.message
    assert d.fix is not None and d.fix.applicability == "unsafe"
    repaired = apply_fixes(seed_text, [d])
    assert "star-history.com/#LJungang/Awesome-Video-Reasoning-Landscape&Date" in repaired
    assert lint(repaired, "VR411") == []


def test_vr411_fix_follows_the_row() -> None:
    text = (
        "| Title | Stars |\n|---|---|\n"
        "| [X](https://github.com/o/x) | [![s](https://img.shields.io/github/stars/o/y)](https://github.com/o/x) |\n"
    )
    d = one(text, "VR411")
    assert d.fix is not None
    assert "stars/o/x)" in apply_fixes(text, [d])


@pytest.mark.parametrize(
    "text",
    [
        "[![Star](https://img.shields.io/github/stars/Owner/Repo.svg?style=social)](https://github.com/owner/repo/)",
        "[![s](https://img.shields.io/github/last-commit/o/r)](https://github.com/o/r/commits)",
        "[![s](https://img.shields.io/github/v/release/o/r)](https://github.com/o/r/releases)",
        "[![c](https://github.com/o/r/actions/workflows/ci.yml/badge.svg)](https://github.com/o/r/actions)",
        "[![h](https://api.star-history.com/svg?repos=o/r&type=Date)](https://star-history.com/#o/r&Date)",
        "[![f](https://img.shields.io/github/followers/someone)](https://github.com/other/repo)",
        "[![a](https://img.shields.io/badge/arXiv-2401.06071-b31b1b)](https://github.com/o/r)",
    ],
)
def test_vr411_silent_when_badge_and_link_agree(text: str) -> None:
    assert lint(text, "VR411") == []


def test_badge_and_link_repository_readers() -> None:
    ref = badge_repository("https://img.shields.io/github/stars/owner/repo.svg?style=social")
    assert ref is not None and (ref.owner, ref.name) == ("owner", "repo")
    url = "https://api.star-history.com/svg?repos=o/r&type=Date"
    ref = badge_repository(url)
    assert ref is not None and url[ref.start : ref.end] == "o/r"
    assert badge_repository("https://img.shields.io/github/stars/o/r/extra") is not None
    assert badge_repository("https://img.shields.io/badge/a-b-red") is None
    assert badge_repository("https://api.star-history.com/svg?repos=a/b,c/d") is None
    url = "https://github.com/Owner/Repo/tree/main"
    ref = link_repository(url)
    assert ref is not None and url[ref.start : ref.end] == "Owner/Repo"
    assert link_repository("https://github.com/topics/llm") is None


# ---------------------------------------------------------------------------
# VR412 link-to-other-row-repository
# ---------------------------------------------------------------------------

_ZOO = "[![zoo](https://img.shields.io/badge/ModelZoo-black?logo=github)]"


def _zoo_table(rows: list[tuple[str, str, str]]) -> str:
    lines = ["| Title | Model | Checkpoint |", "|---|---|---|"]
    for title, code, zoo in rows:
        lines.append(f"| **{title}** | [repo](https://github.com/{code}) | {_ZOO}(https://github.com/{zoo}) |")
    return "\n".join(lines) + "\n"


def test_vr412_checkpoint_points_to_another_rows_code(seed_text: str) -> None:
    text = _zoo_table(
        [
            ("GroundingGPT", "lzw-lzw/GroundingGPT", "TXH-mercury/VAST#download"),
            ("VAST", "TXH-mercury/VAST", "TXH-mercury/VAST#download"),
        ]
    )
    d = one(text, "VR412")
    row = text.splitlines()[2]
    assert (d.code, d.line, d.column) == ("VR412", 3, row.index("https://github.com/TXH") + 1)
    assert d.severity == "warning" and d.fix is None
    assert "'GroundingGPT'" in d.message and "TXH-mercury/VAST" in d.message and "'VAST'" in d.message
    assert "line 4" in d.message and "own model zoo" in d.message
    seed = lint(seed_text, "VR412")
    assert [(x.line, "GroundingGPT" in x.message, "TXH-mercury/VAST" in x.message) for x in seed] == [(59, True, True)]


def test_vr412_silent_on_same_work_family_and_owner() -> None:
    # the same paper in two tables under different names, linked by its arXiv ID
    same_work = (
        "| Title | Code | Checkpoint |\n|---|---|---|\n"
        "| VAST [p](https://arxiv.org/abs/2305.18500) | [c](https://github.com/TXH-mercury/VAST) | - |\n\n"
        "| Dataset | Code | Checkpoint |\n|---|---|---|\n"
        "| VAST-27M [p](https://arxiv.org/abs/2305.18500) | [c](https://github.com/x/vast-data) | "
        f"{_ZOO}(https://github.com/TXH-mercury/VAST) |\n"
    )
    assert lint(same_work, "VR412") == []
    # a family repository that is the code of two works is not one row's property
    family = _zoo_table(
        [
            ("VITA", "VITA-MLLM/VITA", "VITA-MLLM/VITA"),
            ("VITA-1.5", "VITA-MLLM/VITA", "VITA-MLLM/VITA"),
            ("Other", "someone/other", "VITA-MLLM/VITA"),
        ]
    )
    assert lint(family, "VR412") == []
    # the same organisation's repository (a model series)
    series = _zoo_table(
        [("Janus-Pro", "deepseek-ai/Janus-Pro", "deepseek-ai/Janus"), ("Janus", "deepseek-ai/Janus", "-")]
    )
    assert lint(series, "VR412") == []
    # code links are never compared: series share code repositories
    shared_code = _zoo_table([("A", "o/shared", "o/shared"), ("B", "o/shared", "o/shared")])
    assert lint(shared_code, "VR412") == []


# ---------------------------------------------------------------------------
# VR413 disallowed-host
# ---------------------------------------------------------------------------


def test_vr413_off_by_default_and_reports_when_configured() -> None:
    text = "[a](https://arxiv.org/abs/1) [b](https://example.com/x) [c](https://o.github.io/p) [d](#x)"
    assert lint(text, "VR413") == []
    config = parse_config({"allowed-hosts": ["arxiv.org", "*.github.io"]})
    found = lint(text, "VR413", config)
    assert [(d.line, d.column) for d in found] == [(1, text.index("https://example") + 1)]
    assert "example.com is not in allowed-hosts" in found[0].message
    per_rule = parse_config({"rules": {"disallowed-host": {"allowed-hosts": ["example.com"]}}})
    assert [d.column for d in lint(text, "VR413", per_rule)] == [5, text.index("https://o.github") + 1]


def test_host_matches_patterns() -> None:
    assert host_matches("www.github.com", ["github.com"])
    assert host_matches("a.b.github.io", ["*.github.io"])
    assert host_matches("github.io", [".github.io"])
    assert not host_matches("gist.github.com", ["github.com"])
    assert not host_matches("notgithub.com", ["*.github.com"])


# ---------------------------------------------------------------------------
# One report per damaged destination, and helper behaviour
# ---------------------------------------------------------------------------


def test_each_damaged_destination_is_reported_once() -> None:
    text = "\n".join(
        [
            "[a]((https://github.comfoo/x))",
            "[b]([https://om-cat.github.io.](https://github.com/a/b))",
            "[c](ttps://github.comfoo/x)",
            "[d](`http://arxiv.org/abs/1`)",
        ]
    )
    found = list(run_rules(vrlint.parse(text), link_rules()))
    assert sorted((d.line, d.code) for d in found) == [(1, "VR402"), (2, "VR403"), (3, "VR406"), (4, "VR404")]


def test_top_level_domains_match_the_iana_list() -> None:
    # hypothesis (a test dependency) vendors the IANA list; ours may lag it a little
    vendored = Path(str(hypothesis.__file__)).parent / "vendor" / "tlds-alpha-by-domain.txt"
    iana = {x.strip().lower() for x in vendored.read_text().splitlines() if x and not x.startswith("#")}
    assert len(TOP_LEVEL_DOMAINS ^ iana) < 20
    assert {"com", "org", "io", "ai", "cc", "community", "xn--fiqs8s"} <= TOP_LEVEL_DOMAINS
    assert "comljungang" not in TOP_LEVEL_DOMAINS


def test_damage_is_stable_for_written_and_resolved_forms() -> None:
    escaped = "[x](https://github.comfoo/a\\_b)"
    d = one(escaped, "VR401")
    assert fixed(escaped, "VR401") == "[x](https://github.com/foo/a\\_b)"
    assert d.fix is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://" + "a" * 100_000,
        "https://" + "a." * 50_000,
        "[" * 50_000 + "](" + "(" * 50_000,
        "(" * 50_000 + "x" + ")" * 50_000,
        "`" * 100_000,
        "http" * 25_000 + "://x",
        "https://" * 20_000,
        "https:" + "/" * 100_000,
        "https://x.org/" + "<" * 100_000,
        "[" + "a" * 100_000 + "](" + "b" * 100_000,
        "\u200b" * 50_000,
        "https://github.com" + "m" * 100_000,
        "https://img.shields.io/github/stars/" + "a/" * 50_000,
        "https://api.star-history.com/svg?" + "repos=" * 20_000,
        "https://star-history.com/#" + "a" * 100_000,
    ],
)
def test_adversarial_inputs_run_in_linear_time(url: str) -> None:
    assert_finishes(lambda: damage(url, "link"))
    assert_finishes(lambda: damage(url + " ", "html"))
    assert_finishes(lambda: badge_repository(url))
    assert_finishes(lambda: link_repository(url))


def test_adversarial_document_runs_fast() -> None:
    text = "| a | b |\n|---|---|\n" + "".join(
        f"| x{i} | [c](https://github {'.' * 3}com/{'a' * 200}) [d]({'(' * 30}x{')' * 30}) |\n" for i in range(300)
    )
    text += "https://github" + " " * 100_000 + ".com\n"
    document = vrlint.parse(text)
    assert_finishes(lambda: list(run_rules(document, link_rules())))


# ---------------------------------------------------------------------------
# The seed and the corpus
# ---------------------------------------------------------------------------


def test_seed_findings(seed_text: str) -> None:
    found = list(run_rules(vrlint.parse(seed_text), link_rules()))
    by_code = Counter(d.code for d in found)
    assert by_code == Counter(
        {"VR401": 1, "VR402": 1, "VR403": 1, "VR405": 2, "VR408": 4, "VR409": 1, "VR411": 1, "VR412": 1}
    )
    where = {(d.code, d.line) for d in found}
    assert {("VR401", 120), ("VR402", 81), ("VR403", 80), ("VR405", 56), ("VR405", 96), ("VR409", 82)} <= where


def _hidden_lines(document: Document) -> set[int]:
    lines: set[int] = set()
    for block in document.blocks:
        if isinstance(block, CodeBlock) or (isinstance(block, HtmlBlock) and block.comment):
            lines.update(range(block.start_line, block.end_line + 1))
    return lines


@functools.cache
def _corpus_run(path: Path) -> tuple[str, Document, tuple[Diagnostic, ...]]:
    text = read(path)
    document = vrlint.parse(text)
    return text, document, tuple(run_rules(document, link_rules(), str(path)))


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_never_raises_and_fixes_hold(path: Path) -> None:
    text, document, found = _corpus_run(path)
    hidden = _hidden_lines(document)
    for d in found:
        assert d.span.line not in hidden, (d.code, d.line)
        assert d.message and d.path == str(path)
    # applying each rule's fixes removes exactly the fixed reports of that rule
    for r in link_rules():
        mine = [d for d in found if d.code == r.code]
        with_fix = [d for d in mine if d.fix is not None]
        if not with_fix:
            continue
        repaired = apply_fixes(text, with_fix)
        after = list(run_rules(vrlint.parse(repaired), [r], str(path)))
        assert len(after) == len(mine) - len(with_fix), (r.code, [d.message for d in after][:3])


@pytest.mark.slow  # totals over the whole corpus
def test_corpus_totals_stay_plausible() -> None:
    """The corpus has real link damage; a change that silences a rule or
    makes it fire everywhere shows up here."""
    totals: Counter[str] = Counter()
    for path in corpus_files(every=True):
        totals.update(d.code for d in _corpus_run(path)[2])
    for code in ("VR401", "VR402", "VR403", "VR404", "VR405", "VR406", "VR407", "VR409", "VR410", "VR411", "VR412"):
        assert 1 <= totals[code] <= 200, (code, totals[code])
    assert totals["VR408"] >= 100
    assert totals["VR413"] == 0


def test_vr412_leaves_a_contradicting_badge_to_vr303() -> None:
    # one cause (a 🤗 badge copied onto another row's GitHub link), one finding
    text = (
        "| Title | Code | Checkpoint |\n|---|---|---|\n"
        "| GroundingGPT: Language Enhanced Multi-modal Grounding Model "
        "| [code](https://github.com/lzw-lzw/GroundingGPT) "
        "| [![hf_checkpoint](https://img.shields.io/badge/🤗-Checkpoint-9C276A)]"
        "(https://github.com/TXH-mercury/VAST) |\n"
        "| VAST: A Vision-Audio-Subtitle-Text Omni-Modality Foundation Model "
        "| [code](https://github.com/TXH-mercury/VAST) | - |\n"
    )
    found = rulekit.run(text, ["VR303", "VR412"])
    assert [d.code for d in found] == ["VR303"]


def test_vr411_a_stale_badge_never_outvotes_the_rows_links() -> None:
    # a renamed repository: both badges of the row still show the old name, the links were updated
    text = (
        "| Title | Code |\n|---|---|\n"
        "| [VideoChat-R1](https://arxiv.org/abs/2504.06958) "
        "| [![Star](https://img.shields.io/github/stars/oldname/VideoChat-R1.svg?style=social)]"
        "(https://github.com/OpenGVLab/VideoChat-R1) "
        "[![Commit](https://img.shields.io/github/last-commit/oldname/VideoChat-R1)]"
        "(https://github.com/OpenGVLab/VideoChat-R1/commits) |\n"
    )
    fixed = apply_fixes(text, lint(text, "VR411"))
    assert fixed.count("github.com/OpenGVLab/VideoChat-R1") == 2 and "oldname" not in fixed  # badges follow
    alone = (
        "| Title | Code |\n|---|---|\n"
        "| [VideoChat-R1](https://arxiv.org/abs/2504.06958) "
        "| [![Star](https://img.shields.io/github/stars/oldname/VideoChat-R1.svg?style=social)]"
        "(https://github.com/OpenGVLab/VideoChat-R1) |\n"
        "\n[![Star](https://img.shields.io/github/stars/oldname/VideoChat-R1.svg)](https://github.com/x/y)\n"
    )
    found = [d for d in lint(alone, "VR411") if d.line == 3]
    assert found and found[0].fix is None  # the file's other stale badge is no evidence for the row
