"""The promises the fuzzer checks, without atheris (the regression tests
replay saved inputs through :func:`check` too).

1. ``parse(text).render() == text``            (lossless parse)
2. ``lint(document)``                          (every rule, no exception)
3. ``format_text(text)``                       (no exception but FormatError)
4. ``format_text(format_text(t)) == format_text(t)``   (idempotent)
5. cmark-gfm HTML of ``format_text(t, marks=False)`` == HTML of ``t``
   (formatting never changes what GitHub renders; with ``marks=True`` the
   check-mark respelling, e.g. ``:x:`` -> ``✗``, changes the HTML on purpose)
6. ``fix_text(t)`` and ``fix_text(t, unsafe=True)`` (``--fix`` and
   ``--fix --unsafe-fixes``) keep every table cmark-gfm renders: as many
   tables, each with as many columns and rows, unless a fix meant to
   reshape a table was applied (VR103, VR105, VR108, VR109: then no table is
   lost), and a file without any applied fix is returned unchanged.

A :class:`vrlint.fixing.FormatError` (the formatter refusing to write) is
not a failure: :func:`check` returns ``"format_error"`` for it.
"""

from __future__ import annotations

import re
from typing import Literal

import cmarkgfm  # type: ignore[import-untyped]
from cmarkgfm.cmark import Options  # type: ignore[import-untyped]

import vrlint
from vrlint.engine import lint
from vrlint.fixing import FormatError, fix_text, format_text
from vrlint.fixing.verify import STRUCTURAL_FIXES

Outcome = Literal["unchanged", "formatted", "format_error"]


class FuzzFailure(AssertionError):
    """An invariant that vrlint promises did not hold."""


def html(text: str) -> str:
    rendered: str = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    return rendered


_HEADER_CELL = re.compile(r"<th[ >]")


def table_shapes(text: str) -> list[tuple[int, int]]:
    """(columns, rows) of every table cmark-gfm renders, in order."""
    rendered: str = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    shapes = []
    for table in rendered.split("<table>")[1:]:
        body = table.split("</table>")[0]
        header = body.split("</tr>")[0]
        shapes.append((len(_HEADER_CELL.findall(header)), body.count("<tr>")))
    return shapes


def check_fix(text: str, unsafe: bool) -> bool:
    """Invariant 6 for one mode; True when a fix was applied."""
    try:
        result = fix_text(text, unsafe=unsafe)
    except FormatError:
        return False  # re-aligning refused: nothing is written
    if not result.applied:
        if result.text != text:
            raise FuzzFailure("fix changed a file without applying a fix")
        return False
    before, after = table_shapes(text), table_shapes(result.text)
    reshaped = any(d.code in STRUCTURAL_FIXES for d in result.applied)
    mode = "--fix --unsafe-fixes" if unsafe else "--fix"
    if reshaped:
        if len(after) < len(before):
            raise FuzzFailure(f"{mode} lost a table ({len(before)} -> {len(after)})")
    elif before != after:
        raise FuzzFailure(f"{mode} changed the tables cmark-gfm renders: {before} -> {after}")
    return True


def check(text: str) -> Outcome:
    """Raise :class:`FuzzFailure` (or whatever vrlint raised) on a broken promise."""
    document = vrlint.parse(text)
    if document.render() != text:
        raise FuzzFailure("round trip: parse(text).render() != text")
    lint(document)
    check_fix(text, unsafe=False)
    check_fix(text, unsafe=True)
    try:
        once = format_text(text)
        twice = format_text(once)
        plain = format_text(text, marks=False)
    except FormatError:
        return "format_error"
    if twice != once:
        raise FuzzFailure("format is not idempotent")
    if plain != text and html(plain) != html(text):
        raise FuzzFailure("format (marks=False) changed the cmark-gfm HTML")
    return "formatted" if once != text else "unchanged"
