"""Inline content (cells, headings, paragraphs) parsed by mistune, with
source positions.

mistune 3.4 parses inlines in one pass over a single source string, so the
offset where each rule matched is known; this subclass records it on every
token (``_start``/``_end``) and, for links, also where the label closed
(``_close``) so the destination can be located. A :class:`SourceMap` turns
offsets in the parsed content back into offsets in the document, across the
line breaks of a paragraph and the ``\\|`` that table cells drop.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Mapping
from re import Match
from typing import Any

from mistune._inline import links as _links
from mistune.core import InlineState
from mistune.inline_parser import InlineParser
from mistune.plugins.formatting import strikethrough
from mistune.util import unikey

from vrlint.document import Inline, Span
from vrlint.lazyre import lazy_pattern
from vrlint.parsing.autolink import URL_START, WWW_START, url_autolink_end, www_autolink_end

Token = dict[str, Any]
SpanMaker = Callable[[int, int], Span]

#: characters that can start inline syntax; content without them is plain
#: text, and skipping mistune for it keeps parsing of big tables cheap.
_SYNTAX = lazy_pattern(r"[\\`*_\[\]!<&~\n]|(?:https?|ftp)://|www\.", re.IGNORECASE)
#: text whose only syntax is character references (``&#10003;``)
_ONLY_ENTITIES = lazy_pattern(
    r"(?:[^\\`*_\[\]!<&~\n]|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)*\Z"
)
#: a destination without parentheses, escapes or brackets, then a title or the end
_SIMPLE_DESTINATION = lazy_pattern(r"[ \t\n]*([^\s()<>\\]+)(?=[ \t\n]|\Z)")
_ESCAPABLE = lazy_pattern(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
#: one run of emphasis delimiters (no nesting: linear)
_EMPHASIS_RUN = lazy_pattern(r"[*_]+")
#: mistune 3.4 resolves emphasis in quadratic time when the runs nest or
#: mismatch (``*a **a ... a** a*``: 2,000 runs took 0.5 s, 4,000 runs 1.6 s,
#: the cmark-gfm pathological test's 260,000 runs would take hours). Content
#: with more runs than this is parsed without emphasis (links, code spans and
#: HTML are still found; ``**x**`` stays text), so the cost per block is
#: bounded. The most in one block of the 155 real READMEs of the corpus: 212.
MAX_EMPHASIS_RUNS = 500


class SourceMap:
    """Maps an index in parsed content to an offset in the document.

    The content is a concatenation of contiguous source pieces; ``starts``
    holds where each piece begins in the content and ``bases`` where it
    begins in the document.
    """

    __slots__ = ("bases", "starts")

    def __init__(self, starts: list[int], bases: list[int]) -> None:
        self.starts = starts
        self.bases = bases

    @classmethod
    def contiguous(cls, base: int) -> SourceMap:
        return cls([0], [base])

    def offset(self, index: int) -> int:
        piece = bisect.bisect_right(self.starts, index) - 1
        piece = max(piece, 0)
        return self.bases[piece] + index - self.starts[piece]

    def end_offset(self, index: int) -> int:
        """Offset just after content character ``index - 1``: an exclusive
        end that stays on the line of the last character."""
        if index <= 0:
            return self.offset(0)
        return self.offset(index - 1) + 1


class SpanInlineParser(InlineParser):
    """mistune's inline parser, recording where every token came from."""

    def parse_method(self, m: Match[str], state: InlineState) -> int | None:
        before = len(state.tokens)
        end = super().parse_method(m, state)
        if end:
            start = m.start()
            for token in state.tokens[before:]:
                if "_start" not in token:
                    token["_start"] = start
                    token["_end"] = end
        return end

    def parse_link_close(self, m: Match[str], state: InlineState) -> int:
        # Same control flow as mistune's parse_link_close, but each bracket
        # is closed through _close_bracket below, which keeps positions.
        pos = m.start()
        if not state.env.get("ref_links"):
            literal_end = m.end() - int(state.src.startswith("(", m.end()))
            if literal_end > pos:
                _links._discard_brackets(state, literal_end - pos)
                self.process_text(state.src[pos:literal_end], state)
                pos = literal_end
        while pos < m.end():
            if not state.brackets:
                self.process_text(state.src[pos : m.end()], state)
                return m.end()
            pos = self._close_bracket(state, pos)
        return pos

    def _close_bracket(self, state: InlineState, close: int) -> int:
        opener = state.brackets[-1]
        index = opener.token_index
        start = state.tokens[index].get("_start") if index < len(state.tokens) else None
        end = _links._close_bracket(self, state, close)
        if (
            start is not None
            and len(state.tokens) == index + 1
            and state.tokens[-1]["type"] in ("link", "image")
        ):
            token = state.tokens[-1]
            token["_start"] = start
            token["_end"] = end
            token["_close"] = close
        return end


    def parse_url_autolink(self, m: Match[str], state: InlineState) -> int:
        colon = m.end() - 3
        end = None if state.brackets else url_autolink_end(state.src, m.start(), colon)
        return self._autolink(m, state, end, "")

    def parse_www_autolink(self, m: Match[str], state: InlineState) -> int:
        end = None if state.brackets else www_autolink_end(state.src, m.start())
        return self._autolink(m, state, end, "http://")

    def _autolink(self, m: Match[str], state: InlineState, end: int | None, prefix: str) -> int:
        """A GFM autolink token, or the matched start as text (GitHub links
        nothing while a bracket is open, and the text after the start is
        parsed normally)."""
        if end is None or state.depth >= self.max_nested_level:
            self.process_text(m.group(0), state)
            return m.end()
        text = state.src[m.start() : end]
        state.append_token(
            {
                "type": "link",
                "children": [{"type": "text", "raw": text, "_emphasis": False}],
                "attrs": {"url": prefix + text},
                "_autolink": prefix + text,
            }
        )
        return end


class _PluginHost:
    """The part of ``mistune.Markdown`` that inline plugins touch."""

    renderer = None

    def __init__(self, inline: InlineParser) -> None:
        self.inline = inline


def _make_parser() -> SpanInlineParser:
    parser = SpanInlineParser()
    host = _PluginHost(parser)
    strikethrough(host)  # type: ignore[arg-type]
    parser.register("url_autolink", URL_START, SpanInlineParser.parse_url_autolink, start_chars=["h", "H", "f", "F"])
    parser.register("www_autolink", WWW_START, SpanInlineParser.parse_www_autolink, start_chars=["w"])
    return parser


_PARSER: SpanInlineParser | None = None
_PLAIN_PARSER: SpanInlineParser | None = None


def _parser() -> SpanInlineParser:
    global _PARSER
    if _PARSER is None:
        _PARSER = _make_parser()
    return _PARSER


def _plain_parser() -> SpanInlineParser:
    """The parser without emphasis, for content over :data:`MAX_EMPHASIS_RUNS`."""
    global _PLAIN_PARSER
    if _PLAIN_PARSER is None:
        parser = _make_parser()
        parser.rules = [name for name in parser.rules if name != "emphasis"]
        _PLAIN_PARSER = parser
    return _PLAIN_PARSER


def _too_much_emphasis(content: str) -> bool:
    if content.count("*") + content.count("_") <= MAX_EMPHASIS_RUNS:
        return False
    runs = 0
    for _ in _EMPHASIS_RUN.finditer(content):
        runs += 1
        if runs > MAX_EMPHASIS_RUNS:
            return True
    return False


def resolve_text(raw: str) -> str:
    """Backslash escapes and character references, as a reader sees them."""
    if "\\" in raw:
        raw = _ESCAPABLE.sub(r"\1", raw)
    if "&" in raw:
        raw = html.unescape(raw)
    return raw


def _destination(inner: str) -> tuple[int, int] | None:
    """Bounds of the destination inside ``(...)`` of an inline link."""
    simple = _SIMPLE_DESTINATION.match(inner)
    if simple is not None:
        return simple.span(1)
    index = 0
    length = len(inner)
    while index < length and inner[index] in " \t\n":
        index += 1
    if index < length and inner[index] == "<":
        close = inner.find(">", index + 1)
        if close < 0:
            return None
        return index + 1, close
    start = index
    depth = 0
    while index < length:
        char = inner[index]
        if char == "\\" and index + 1 < length:
            index += 2
            continue
        if char in " \t\n":
            break
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        index += 1
    return start, index


#: the last ``references`` mapping and its mistune form (held, so its id
#: cannot be reused), with its size then: definitions are only ever added
_REF_MEMO: tuple[Mapping[str, tuple[str, str | None]], int, dict[str, Any]] | None = None


def _ref_links(references: Mapping[str, tuple[str, str | None]]) -> dict[str, Any]:
    """mistune's ``ref_links`` for ``references``, built once per document:
    rebuilding it for every block made documents with many definitions
    quadratic (3,000 definitions and uses: 8 s)."""
    global _REF_MEMO
    memo = _REF_MEMO
    if memo is not None and memo[0] is references and memo[1] == len(references):
        return memo[2]
    links = {unikey(label): {"url": url, "title": title} for label, (url, title) in references.items()}
    _REF_MEMO = (references, len(references), links)
    return links


def parse_inlines(
    content: str,
    smap: SourceMap,
    make_span: SpanMaker,
    references: Mapping[str, tuple[str, str | None]] | None = None,
    cache: dict[str, list[Token]] | None = None,
) -> list[Inline]:
    """Parse ``content`` into :class:`Inline` nodes located in the source."""
    if not content:
        return []
    syntax = _SYNTAX.search(content)
    if syntax is None:
        return [Inline("text", text=content)]
    if syntax.group(0) == "&" and "://" not in content and "www." not in content and _ONLY_ENTITIES.match(content):
        return [Inline("text", text=html.unescape(content))]
    tokens = cache.get(content) if cache is not None else None
    if tokens is None:
        env: dict[str, Any] = {}
        if references:
            env["ref_links"] = _ref_links(references)
        state = InlineState(env)
        state.src = content
        parser = _plain_parser() if _too_much_emphasis(content) else _parser()
        tokens = parser.render(state)
        if cache is not None:
            cache[content] = tokens
    return _convert(tokens, content, smap, make_span)


def _convert(tokens: list[Token], content: str, smap: SourceMap, make_span: SpanMaker) -> list[Inline]:
    out: list[Inline] = []
    for token in tokens:
        kind = token["type"]
        span = None
        if "_start" in token:
            span = make_span(smap.offset(token["_start"]), smap.end_offset(token["_end"]))
        if kind == "text":
            text = token["raw"] if token.get("_emphasis") is False else resolve_text(token["raw"])
            if out and out[-1].kind == "text" and out[-1].span is None:
                out[-1].text += text
            else:
                out.append(Inline("text", text=text))
        elif kind == "codespan":
            out.append(Inline("code", span, text=token["raw"]))
        elif kind in ("emphasis", "strong", "strikethrough"):
            out.append(Inline(kind, children=_convert(token["children"], content, smap, make_span)))
        elif kind in ("link", "image"):
            out.append(_link(token, kind, span, content, smap, make_span))
        elif kind == "inline_html":
            out.append(Inline("html", span, text=token["raw"]))
        elif kind == "linebreak":
            out.append(Inline("linebreak", span))
        elif kind == "softbreak":
            out.append(Inline("softbreak", span))
        else:  # pragma: no cover - a token type from a future mistune
            out.append(Inline("text", span, text=str(token.get("raw", ""))))
    return out


def _link(
    token: Token, kind: str, span: Span | None, content: str, smap: SourceMap, make_span: SpanMaker
) -> Inline:
    children = _convert(token.get("children", []), content, smap, make_span)
    attrs = token.get("attrs", {})
    title = attrs.get("title")
    dest_span: Span | None = None
    if "_autolink" in token:
        url = token["_autolink"]
    elif "_close" in token and content.startswith("(", token["_close"] + 1):
        inner_start = token["_close"] + 2
        inner = content[inner_start : token["_end"] - 1]
        bounds = _destination(inner)
        if bounds is None:
            url = str(attrs.get("url", ""))
        else:
            start, end = bounds
            url = resolve_text(inner[start:end])
            dest_span = make_span(smap.offset(inner_start + start), smap.end_offset(inner_start + end))
            if start == end:
                dest_span = make_span(smap.offset(inner_start + start), smap.offset(inner_start + start))
    else:
        url = str(attrs.get("url", ""))
    node = Inline(kind, span, url=url, title=title, dest_span=dest_span, children=children)  # type: ignore[arg-type]
    if kind == "image":
        node.text = "".join(child.plain_text() for child in children)
    return node
