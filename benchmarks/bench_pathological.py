"""Pathological inputs: ``vrlint check`` (parse + every rule) and ``vrlint
format`` must stay linear. For every pattern the time at size n and 10n is
printed with their ratio: about 10 is linear, about 100 quadratic
(``--factor 4``: about 4 and 16).

The patterns are cmark-gfm's ``test/pathological_tests.py`` (the inputs that
made naive Markdown parsers quadratic), each placed in prose, in a heading
and in a table cell, plus the large-input shapes of issue 7 (a 2 MB line, a
table of 100,000 rows, a row of 5,000 cells).

    python benchmarks/bench_pathological.py [--scale K] [--factor F] [--only SUBSTRING] [--profile NAME] [--fix-only]

``--scale`` multiplies every n (default 1; the 10n input of the default is
a few hundred KB). ``--profile NAME`` runs cProfile on the 10n input of the
first pattern whose name contains NAME and prints the top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import vrlint
from vrlint.engine import lint
from vrlint.fixing import FormatError, fix_text, format_text
from vrlint.rules.base import all_rules


# -- the patterns --------------------------------------------------------------
# Each maker takes a repetition count and returns one line of inline text (or,
# for block patterns, a whole document); ``unit`` scales n so every pattern
# is a few tens of KB at n.
@dataclass(frozen=True)
class Pattern:
    name: str
    make: Callable[[int], str]
    n: int
    #: "inline" patterns are also put in a heading and a table cell
    inline: bool = True


def _backticks(k: int) -> str:
    # cmark's "backticks": e` e`` e``` ... (runs of growing length, no two
    # equal, so no code span closes), cut at k characters.
    parts: list[str] = []
    size = 0
    run = 1
    while size < k:
        parts.append("e" + "`" * run)
        size += run + 1
        run += 1
    return "".join(parts)[:k]


def _references(k: int) -> str:
    return "".join(f"[x{i}]: /url\n\n[x0]\n\n" for i in range(k))


def _badge_rows(k: int) -> str:
    rows = "".join(
        f"| Paper {i} | [![arXiv](https://img.shields.io/badge/arXiv-2410.{i % 99999:05d}-b31b1b.svg)]"
        f"(https://arxiv.org/abs/2410.{i % 99999:05d}) | [Code](https://github.com/o/r{i}) | ✓ |\n"
        for i in range(k)
    )
    return "# T\n\n| Title | Paper | Code | Open |\n|---|---|---|---|\n" + rows


def _sections(k: int) -> str:
    return "".join(
        f"## H{i}\n\nSome text [p](https://arxiv.org/abs/2410.{i:05d}).\n\n| a | b | c |\n|---|---|---|\n"
        f"| [![arXiv](https://img.shields.io/badge/arXiv-2410.{i:05d}-b31b1b.svg)](https://arxiv.org/abs/2410.{i:05d}) "
        f"| [x](#h{i}) | ✓ |\n| y | z |\n\n"
        for i in range(k)
    )


INLINE: list[Pattern] = [
    Pattern("nested strong emph", lambda k: "*a **a " * k + "b" + " a** a*" * k, 2000),
    Pattern("emph closers, no openers", lambda k: "a_ " * k, 5000),
    Pattern("emph openers, no closers", lambda k: "_a " * k, 5000),
    Pattern("3-emph openers, no closers", lambda k: "a***" * k, 5000),
    Pattern("link closers, no openers", lambda k: "a]" * k, 5000),
    Pattern("link openers, no closers", lambda k: "[a" * k, 5000),
    Pattern("mismatched openers/closers", lambda k: "*a_ " * k, 5000),
    Pattern("openers/closers multiple of 3", lambda k: "a**b" + "c* " * k, 5000),
    Pattern("link openers, emph closers", lambda k: "[ a_" * k, 5000),
    Pattern("pattern [ (]( repeated", lambda k: "[ (](" * k, 5000),
    Pattern("pattern ![[]() repeated", lambda k: "![[]()" * k, 5000),
    Pattern("nested brackets", lambda k: "[" * k + "a" + "]" * k, 5000),
    Pattern("nested brackets with destinations", lambda k: "[" * k + "](https://a)" * k, 2000),
    Pattern("bare URLs in open brackets", lambda k: "[" + "(https://a.b/c)_" * k, 2000),
    Pattern("www autolinks", lambda k: "www.a.b/c " * k, 3000),
    Pattern("nested parens in destination", lambda k: "[a](" + "(" * k + "b" + ")" * k + ")", 5000),
    Pattern("unclosed links A", lambda k: "[a](<b" * k, 5000),
    Pattern("unclosed links B", lambda k: "[a](b" * k, 5000),
    Pattern("unclosed <!--", lambda k: "</" + "<!--" * k, 5000),
    Pattern("unclosed *", lambda k: "*" * k + "a", 10000),
    Pattern("unclosed [", lambda k: "[" * k + "a", 10000),
    Pattern("long backtick run", lambda k: "`" * k + "a", 10000),
    Pattern("backticks e` e`` ...", _backticks, 10000),
    Pattern("many autolinks", lambda k: "<https://a.b/c> " * k, 2000),
    Pattern(
        "many badges",
        lambda k: (
            "[![arXiv](https://img.shields.io/badge/arXiv-2410.12109-b31b1b.svg)](https://arxiv.org/abs/2410.12109) "
            * k
        ),
        300,
    ),
    Pattern(
        "mismatched badges in one cell",
        lambda k: " ".join(
            f"[![arXiv](https://img.shields.io/badge/arXiv-2410.{i:05d}-b31b1b.svg)]"
            f"(https://arxiv.org/abs/2410.{i + 1:05d})"
            for i in range(k)
        ),
        300,
    ),
    Pattern("escaped pipes", lambda k: "\\|" * k, 10000),
    Pattern("code span with pipes", lambda k: "`" + "a|" * k + "`", 10000),
    Pattern("entities", lambda k: "&#10003;&amp;" * k, 3000),
    Pattern("U+0000", lambda k: "abc\x00de\x00" * k, 5000),
]

BLOCK: list[Pattern] = [
    Pattern("nested block quotes", lambda k: "> " * k + "a\n", 5000, False),
    Pattern("nested block quotes, table", lambda k: "> " * k + "| a |\n" + "> " * k + "|---|\n", 5000, False),
    # line i is indented 2i: k levels are k^2 characters, so the level count
    # grows with the square root of n to keep the input size linear in n
    Pattern("deeply nested lists", lambda k: "".join("  " * i + "* a\n" for i in range(int(k**0.5))), 10000, False),
    Pattern("nested list items on one line", lambda k: "- " * k + "a\n", 5000, False),
    Pattern("cmark tables (aaa\\rbbb\\n-\\v)", lambda k: "aaa\rbbb\n-\v\n" * k, 3000, False),
    Pattern("many references", _references, 3000, False),
    Pattern(
        "many headings (TOC anchors)",
        lambda k: "".join(f"## Intro\n\n- [Intro](#intro-{i})\n" for i in range(k)),
        2000,
        False,
    ),
    Pattern("same heading repeated", lambda k: "## A\n" * k, 5000, False),
    Pattern(
        "table rows",
        lambda k: "| a | b |\n|---|---|\n" + "| x | [p](https://arxiv.org/abs/2410.12109) |\n" * k,
        10000,
        False,
    ),
    Pattern("table columns", lambda k: "|" + "a|" * k + "\n|" + "-|" * k + "\n|" + "x|" * k + "\n", 500, False),
    Pattern("badge table rows (issue 17: 8.2 MB)", _badge_rows, 1000, False),
    Pattern("sections, each a paragraph and a badge table", _sections, 500, False),
    Pattern("many tables", lambda k: "| a | b |\n|---|---|\n| 1 | 2 |\n\n" * k, 2000, False),
    Pattern("long line (bytes)", lambda k: "a" * k + "\n", 200_000, False),
    Pattern("long table cell (bytes)", lambda k: "| a |\n|---|\n| " + "word " * k + "|\n", 40_000, False),
    Pattern(
        "nested blockquote tables",
        lambda k: "".join(">" * (i % 50) + " | a |\n" + ">" * (i % 50) + " |---|\n\n" for i in range(k)),
        1000,
        False,
    ),
    Pattern("html comment open", lambda k: "<!--\n" + "| a |\n|---|\n" * k, 5000, False),
    Pattern("fence open", lambda k: "```\n" + "| a |\n|---|\n" * k, 5000, False),
]


#: ``vrlint --fix`` on inputs with thousands of fixes (issue 17 item 4: the
#: fix loop was quadratic in the number of fixes). Timed at n and 4n with
#: ``--fix-only`` (or after the table above); a ratio near 4 is linear.
FIX: list[Pattern] = [
    Pattern("32 KB of NULs (VR802)", lambda k: "Intro\n\n" + "\x00" * k + "\n", 8192, False),
    Pattern(
        "mixed check marks (VR702)",
        lambda k: "| Model | Audio |\n|---|---|\n" + "".join(f"| m{i} | {'✓' if i % 3 else '✔'} |\n" for i in range(k)),
        5000,
        False,
    ),
]


def contexts(pattern: Pattern) -> list[tuple[str, Callable[[int], str]]]:
    if not pattern.inline:
        return [(pattern.name, pattern.make)]
    make = pattern.make
    return [
        (f"{pattern.name} / prose", lambda k: "Intro\n\n" + make(k) + "\n"),
        (f"{pattern.name} / heading", lambda k: "# " + make(k) + "\n"),
        (
            f"{pattern.name} / cell",
            lambda k: "| Title | Paper |\n|---|---|\n| " + make(k).replace("|", "\\|") + " | x |\n",
        ),
    ]


# -- measuring -------------------------------------------------------------------
def run_check(text: str) -> None:
    lint(vrlint.parse(text))


def run_format(text: str) -> None:
    try:
        format_text(text)
    except FormatError:
        pass


def run_fix(text: str) -> None:
    try:
        fix_text(text)
    except FormatError:
        pass


def fix_table(scale: float, only: str) -> None:
    """``check`` and ``--fix`` at n and 4n for the :data:`FIX` patterns."""
    header = f"| {'fix pattern':<30} | {'step':<5} | {'n':>6} | {'t(n) s':>7} | {'t(4n) s':>8} | {'ratio':>5} |"
    print(header)
    print("|" + "|".join("-" * len(c) for c in header.split("|")[1:-1]) + "|")
    for pattern in FIX:
        if only and only not in pattern.name:
            continue
        n = max(1, int(pattern.n * scale))
        small, large = pattern.make(n), pattern.make(4 * n)
        for step, function in (("check", run_check), ("fix", run_fix)):
            t_small, t_large = seconds(function, small), seconds(function, large)
            print(
                f"| {pattern.name:<30} | {step:<5} | {n:>6} | {t_small:>7.2f} | {t_large:>8.2f} "
                f"| {t_large / max(t_small, 1e-9):>5.1f} |",
                flush=True,
            )


def seconds(function: Callable[[str], None], text: str) -> float:
    """CPU seconds: on a shared machine wall time measures the neighbours."""
    start = time.process_time()
    function(text)
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--factor", type=int, default=10, help="the large input is this many times n")
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", default="")
    parser.add_argument("--cap", type=float, default=3.0, help="skip 10n when n alone took longer than this (seconds)")
    parser.add_argument("--fix-only", action="store_true", help="only time --fix on the FIX patterns (n and 4n)")
    args = parser.parse_args()
    all_rules()
    run_check("| a |\n|---|\n| b |\n")  # warm imports and caches
    if args.fix_only:
        fix_table(args.scale, args.only)
        return 0

    cases = [(name, make, max(1, int(p.n * args.scale))) for p in INLINE + BLOCK for name, make in contexts(p)]
    if args.profile:
        name, make, n = next(c for c in cases if args.profile in c[0])
        text = make(10 * n)
        profile = cProfile.Profile()
        profile.enable()
        run_check(text)
        run_format(text)
        profile.disable()
        print(f"profile of {name}, 10n = {10 * n} ({len(text)} chars)")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return 0

    header = (
        f"| {'pattern':<46} | {'step':<6} | {'n':>6} | {'chars n':>9} "
        f"| {'t(n) ms':>9} | {f't({args.factor}n) ms':>10} | {'ratio':>6} |"
    )
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    worst = 0.0
    for name, make, n in cases:
        if args.only and args.only not in name:
            continue
        small, large = make(n), make(args.factor * n)
        for step, function in (("check", run_check), ("format", run_format)):
            t_small = min(seconds(function, small) for _ in range(3))
            row = f"| {name:<46} | {step:<6} | {n:>6} | {len(small):>9} | {t_small * 1e3:>9.1f} "
            if t_small > args.cap:
                print(row + f"| {'skipped':>10} | {'-':>6} |")
                continue
            t_large = seconds(function, large)
            # below a few ms the ratio is timer noise (the step did nothing)
            shown = f"{t_large / t_small:>6.1f}" if t_large > 0.005 and t_small > 0 else f"{'-':>6}"
            if t_large > 0.05:
                worst = max(worst, t_large / t_small)
            print(row + f"| {t_large * 1e3:>10.1f} | {shown} |", flush=True)
    print(
        f"\nworst ratio ({args.factor}n runs over 50 ms): {worst:.1f} "
        f"(linear: about {args.factor}; quadratic: about {args.factor**2})"
    )
    print()
    fix_table(args.scale, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
