"""Issue 17 items 3 and 11: links as GitHub finds them, found in linear time.

* GFM's autolink extension (cmark-gfm ``extensions/autolink.c``): ``www.``
  links, ``http://b``, no autolink while a bracket is open
  (``[http://…``), trailing punctuation and unbalanced parentheses left out.
  Checked against cmarkgfm, which is what GitHub runs.
* multi-line link reference definitions resolve like cmark-gfm's.
* ``'[' * n + '](https://a)' * n`` took 6 s at 130 KB (quadratic); it must
  now finish far inside the hang budget at 400 KB.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hang import assert_finishes
from hypothesis import given
from hypothesis import strategies as st

from vrlint.document import LinkDefinition
from vrlint.parsing import parse

_ANCHOR = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)


def github_links(text: str) -> list[tuple[str, str]]:
    """(href, text) of every link cmark-gfm renders, hrefs unescaped (HTML, then
    the percent-encoding cmark-gfm adds)."""
    rendered = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    return [
        (unquote(html.unescape(href)), " ".join(html.unescape(re.sub(r"<[^>]+>", "", inner)).split()))
        for href, inner in _ANCHOR.findall(rendered)
    ]


def vrlint_links(text: str) -> list[tuple[str, str]]:
    return [(link.url, " ".join(link.text.split())) for link in parse(text).links if link.kind != "image"]


def _same_texts(text: str) -> None:
    assert [t for _, t in vrlint_links(text)] == [t for _, t in github_links(text)], text


@pytest.mark.parametrize(
    "text",
    [
        "see www.example.com/a.",
        "(www.x.com/a)",
        "x.www.y.com and wwwx.com are text",
        "Www.x.com is text",
        "http://b",
        "http://b.",
        "ftp://a.b and FTP://a.b and hTtps://a.b",
        "ahttps://x.com is text, _https://x.com_ is a link",
        "[http://a.com/x is not a link",
        "[x http://a.com/x] y",
        "[[a](b) http://x.com",
        "[a] http://x.com",
        "https://-",
        "https://é.com",
        "http://a_b.c is text, http://a_b.c.d is a link",
        "www.x_y.com and www.a_b.c.d",
        "https://a.com/*x*",
        "a https://a.com/(x) b and http://x.com/a) and (http://x.com/a)",
        "http://x.com/&amp; and https://a.com/x&amp;y",
        "https://x.com/a\u00a0b",
        "`https://x.com/a` https://x.com/b`c`",
        "&amp;(www.a",
        "www.é_x.comW?_*W!]<",
        "| Paper | Code |\n| --- | --- |\n| www.p.org/x | [http://c.org](https://c.org) |\n",
    ],
)
def test_autolinks_agree_with_cmark_gfm(text: str) -> None:
    _same_texts(text)


def test_www_links_point_to_http() -> None:
    assert vrlint_links("see www.example.com/a.") == [("http://www.example.com/a", "www.example.com/a")]


_PIECES = ["https://", "http://", "www.", "ftp://", "a", "b", ".", "_", "-", "(", ")", "[", "]", "*", " ",
           "<", ">", "&amp;", ";", ":", "é", "/", "?", "x.com", "](y)", "`", "H", "W", "!", "'", "\n"]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).map("".join))
def test_autolinks_agree_with_cmark_gfm_on_random_text(text: str) -> None:
    _same_texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "[a]: \n  https://x.com/a\n\nsee [a]\n",
        "[a]:\nhttps://x.com/a\n'title'\n\nsee [a]\n",
        "[a\nb]: https://x.com/ab\n\nsee [a b]\n",
        '[a]: https://x.com/a\n  "multi\n  line"\n\n[a]\n',
        '[a]: /u "t" x\n\n[a]\n',
        "> [a]:\n> https://q.org\n\n[a]\n",
        "| Paper |\n| --- |\n| [p] |\n\n[p]:\n  https://arxiv.org/abs/2401.00001\n",
    ],
)
def test_multi_line_definitions_resolve_like_github(text: str) -> None:
    assert vrlint_links(text) == github_links(text)


_DEFINITION_PIECES = ["[a]:", "[b]:", "[a\nb]:", "\n", " ", "   ", "<x y>", "/u", "/v(w)", '"t"', "'t'", "(t)",
                      '"m\nl"', "x", "\n\n", "[a]", "[b]", "[a b]", "> ", "| c |\n|---|\n| [a] |\n"]  # fmt: skip


@given(st.lists(st.sampled_from(_DEFINITION_PIECES), min_size=1, max_size=10).map("".join))
def test_definitions_resolve_like_github_on_random_documents(text: str) -> None:
    text += "\n\n[a] [b] [a b]\n"
    assert vrlint_links(text) == github_links(text)


def test_a_multi_line_definition_is_one_block() -> None:
    document = parse('[a]:\n  https://x.com/a\n  "title"\ntext\n')
    definition = document.blocks[0]
    assert isinstance(definition, LinkDefinition)
    assert (definition.start_line, definition.end_line, definition.url, definition.title) == (
        1, 3, "https://x.com/a", "title",
    )  # fmt: skip
    assert document.blocks[1].start_line == 4


def test_nested_brackets_with_destinations_parse_in_linear_time() -> None:
    text = "[" * 32_000 + "](https://a)" * 32_000 + "\n"  # 416 KB: minutes when quadratic
    assert_finishes(lambda: parse(text))
    small = "[" * 3 + "](https://a)" * 3
    assert vrlint_links(small) == github_links(small)
