"""The promises the fuzzer checks, without atheris (the regression tests
replay saved inputs through :func:`check` too).

1. ``parse(text).render() == text``            (lossless parse)
2. ``lint(document)``                          (every rule, no exception)
3. ``format_text(text)``                       (no exception but FormatError)
4. ``format_text(format_text(t)) == format_text(t)``   (idempotent)
5. cmark-gfm HTML of ``format_text(t, marks=False)`` == HTML of ``t``
   (formatting never changes what GitHub renders; with ``marks=True`` the
   check-mark respelling, e.g. ``:x:`` -> ``✗``, changes the HTML on purpose)

A :class:`vrlint.fixing.FormatError` (the formatter refusing to write) is
not a failure: :func:`check` returns ``"format_error"`` for it.
"""

from __future__ import annotations

from typing import Literal

import cmarkgfm  # type: ignore[import-untyped]
from cmarkgfm.cmark import Options  # type: ignore[import-untyped]

import vrlint
from vrlint.engine import lint
from vrlint.fixing import FormatError, format_text

Outcome = Literal["unchanged", "formatted", "format_error"]


class FuzzFailure(AssertionError):
    """An invariant that vrlint promises did not hold."""


def html(text: str) -> str:
    rendered: str = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    return rendered


def check(text: str) -> Outcome:
    """Raise :class:`FuzzFailure` (or whatever vrlint raised) on a broken promise."""
    document = vrlint.parse(text)
    if document.render() != text:
        raise FuzzFailure("round trip: parse(text).render() != text")
    lint(document)
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
