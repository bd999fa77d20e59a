"""Hypothesis strategies for README-like Markdown."""

from __future__ import annotations

from hypothesis import strategies as st

_CELL_TEXT = st.sampled_from(
    [
        "a",
        "**T**",
        "`x|y`",
        "\\|",
        "x \\| y",
        "&#10003;",
        "✓",
        "✗",
        "中文",
        "😎",
        "<br>",
        " ",
        "[l](https://github.com/o/r)",
        "[![arXiv](https://img.shields.io/badge/arXiv-2410.12109-b31b1b.svg)](https://arxiv.org/abs/2410.12109)",
        "]((https://x.org))",
        "\\",
        "*",
        "_",
        "<!-- c -->",
        "https://a.b/c",
        "[x][r]",
        "~~s~~",
        "\t",
    ]
)
_PREFIX = st.sampled_from(
    ["", "", "", " ", "  ", "   ", "    ", "\t", "> ", ">", "- ", "1. ", "2) ", "  - ", "> - "]
)


@st.composite
def table_lines(draw: st.DrawFn) -> list[str]:
    columns = draw(st.integers(1, 4))

    def row(n: int) -> str:
        cells = [draw(_CELL_TEXT) for _ in range(n)]
        lead = draw(st.sampled_from(["|", "| ", ""]))
        tail = draw(st.sampled_from(["|", " |", "", "|  "]))
        return lead + " | ".join(cells) + tail

    delim = draw(st.sampled_from(["---", ":--", "--:", ":-:", "-"]))
    out = [row(columns), "|" + "|".join([delim] * columns) + "|"]
    for _ in range(draw(st.integers(0, 4))):
        out.append(row(draw(st.integers(1, columns + 2))))
    return out


_LINE = st.one_of(
    st.sampled_from(
        [
            "",
            "",
            "text",
            "# Heading",
            "## 😎 Paradigms",
            "```",
            "~~~",
            "    code",
            "<!--",
            "-->",
            "<div>",
            "</div>",
            "<br>",
            "***",
            "---",
            "===",
            "[r]: https://r.org",
            "|",
            "||",
            "a | b",
            "--- | ---",
            "> quote",
            "- item",
            "1. item",
            "<!-- x -->",
            "| a |",
            "|-|",
            "  | b |",
        ]
    ),
    _CELL_TEXT,
)


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            prefix = draw(_PREFIX)
            lines.extend(prefix + line for line in draw(table_lines()))
        else:
            lines.extend(draw(_PREFIX) + draw(_LINE) for _ in range(draw(st.integers(1, 3))))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = ending.join(lines)
    if draw(st.booleans()):
        text += ending
    return text
