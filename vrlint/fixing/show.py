"""Fixes a reviewer can read: ``--show-fixes`` lines, diff notes and colour.

An edit that inserts or removes an invisible character (a zero-width
space, a variation selector, a control character) looks like no edit at
all in a diff. :func:`visible` spells such characters ``<U+FE0F>``, and
the ``--diff`` output ends each file with a note for every fix that did
so, after the hunks (where ``patch`` and ``git apply`` ignore it).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from vrlint.diagnostics import Diagnostic

__all__ = ["colour_diff", "fix_lines", "has_invisible", "invisible_notes", "visible"]

_SHOWN = 60
_GREEN, _RED, _CYAN, _BOLD, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[36m", "\x1b[1m", "\x1b[0m"


def _invisible(char: str) -> bool:
    if char == " ":
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp", "Zs"):
        return True
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF  # variation selectors


def has_invisible(text: str) -> bool:
    return any(_invisible(char) for char in text)


def visible(text: str, limit: int = _SHOWN) -> str:
    """``text`` with invisible characters written ``<U+XXXX>``, quoted and
    shortened to about ``limit`` characters."""
    spelled = "".join(f"<U+{ord(c):04X}>" if _invisible(c) else c for c in text)
    if len(spelled) > limit:
        spelled = spelled[: limit - 1] + "…"
    return f"'{spelled}'"


def fix_lines(path: str, shown: Sequence[tuple[Diagnostic, str, str]]) -> list[str]:
    """One ``--show-fixes`` line per applied fix: where, code, before -> after.
    Lines are those of the text the fix was applied to."""
    return [
        f"{path}:{d.line}:{d.column}: {d.code} {visible(before)} -> {visible(after)}" for d, before, after in shown
    ]


def invisible_notes(path: str, shown: Sequence[tuple[Diagnostic, str, str]]) -> list[str]:
    """Notes for the fixes that insert or remove an invisible character."""
    return [
        f"# vrlint: {path}:{d.line}: {d.code} changes an invisible character: {visible(before)} -> {visible(after)}"
        for d, before, after in shown
        if has_invisible(before) or has_invisible(after)
    ]


def colour_diff(diff: str) -> str:
    """A unified diff coloured like ``git diff``: headers bold, hunk
    markers cyan, removed lines red, added lines green."""
    out = []
    for line in diff.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        if line.startswith(("--- ", "+++ ")):
            out.append(f"{_BOLD}{body}{_RESET}{ending}")
        elif line.startswith("@@"):
            out.append(f"{_CYAN}{body}{_RESET}{ending}")
        elif line.startswith("-"):
            out.append(f"{_RED}{body}{_RESET}{ending}")
        elif line.startswith("+"):
            out.append(f"{_GREEN}{body}{_RESET}{ending}")
        else:
            out.append(line)
    return "".join(out)
