"""Applying the fixes rules propose: ``vrlint --fix``.

:func:`fix_text` runs rounds of lint -> choose fixes -> apply -> re-parse.
Within a round, fixes are taken first come first served by position; a fix
whose edits overlap one already chosen waits for the next round, when it is
proposed again against the new text (or no longer, if the first fix made it
unnecessary). The result is then formatted, so ``fix_text`` is idempotent:
fixing its output changes nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from vrlint.config import Config
from vrlint.diagnostics import Diagnostic, Edit, Fix
from vrlint.engine import lint
from vrlint.fixing.format import format_parsed
from vrlint.parsing.build import parse

__all__ = ["MAX_ROUNDS", "EditConflict", "FixResult", "apply_edits", "fix_text", "select_fixes"]

#: lint/fix rounds before giving up on fixes that keep proposing more fixes
MAX_ROUNDS = 10


class EditConflict(ValueError):
    """Edits that overlap (or insert at the same offset) or fall outside the text."""


@dataclass
class FixResult:
    """``text``: the fixed and formatted text; ``applied``: the diagnostics
    whose fix was applied (in the round they were found); ``remaining``: the
    diagnostics of a final lint of ``text``."""

    text: str
    applied: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def _sorted(edits: Iterable[Edit]) -> list[Edit]:
    return sorted(edits, key=lambda e: (e.start, e.end))


def _overlap(a: Edit, b: Edit) -> bool:
    """Two edits touch the same text, or insert at the same offset (whose
    order would be a guess). Adjacent edits do not overlap."""
    if a.start == a.end == b.start == b.end:
        return True
    return a.start < b.end and b.start < a.end


def _conflicts(edits: Sequence[Edit], taken: Sequence[Edit]) -> bool:
    return any(_overlap(a, b) for a in edits for b in taken)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (in any order) to ``text`` in one pass.

    Raises :class:`EditConflict` when two edits overlap, two insertions
    share an offset, or an edit lies outside ``text``.
    """
    ordered = _sorted(edits)
    parts: list[str] = []
    position = 0
    previous: Edit | None = None
    for edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            raise EditConflict(f"edit {edit.start}:{edit.end} is outside the text (length {len(text)})")
        if previous is not None and _overlap(previous, edit):
            raise EditConflict(f"edits {previous.start}:{previous.end} and {edit.start}:{edit.end} overlap")
        parts.append(text[position : edit.start])
        parts.append(edit.content)
        position = edit.end
        previous = edit
    parts.append(text[position:])
    return "".join(parts)


def _first_offset(diagnostic: Diagnostic) -> tuple[int, int, int, str]:
    fix = diagnostic.fix
    assert fix is not None
    first = min((e.start for e in fix.edits), default=diagnostic.span.start)
    return (first, diagnostic.span.start, diagnostic.span.end, diagnostic.code)


def select_fixes(diagnostics: Iterable[Diagnostic], unsafe: bool) -> list[Fix]:
    """A non-conflicting subset of the diagnostics' fixes, in position order.

    Safe fixes always, unsafe ones only with ``unsafe``. Fixes are taken
    first come first served by the position of their first edit; one whose
    edits overlap an already chosen fix is left for the next round. A fix
    with no edits, or whose own edits overlap, is never chosen; the same
    fix proposed twice (two rules, one repair) is chosen once.
    """
    allowed = ("safe", "unsafe") if unsafe else ("safe",)
    candidates = [d for d in diagnostics if d.fix is not None and d.fix.applicability in allowed]
    candidates.sort(key=_first_offset)
    chosen: list[Fix] = []
    taken: list[Edit] = []
    for diagnostic in candidates:
        fix = diagnostic.fix
        assert fix is not None
        if not fix.edits or fix in chosen:
            continue
        edits = _sorted(fix.edits)
        if any(_overlap(a, b) for a, b in itertools.pairwise(edits)):
            continue
        if _conflicts(edits, taken):
            continue
        chosen.append(fix)
        taken.extend(edits)
    return chosen


def _applicable(text: str, fix: Fix) -> bool:
    """Every edit lies inside ``text`` and at least one changes it."""
    if not all(0 <= e.start <= e.end <= len(text) for e in fix.edits):
        return False
    return any(text[e.start : e.end] != e.content for e in fix.edits)


def fix_text(text: str, path: str = "", config: Config | None = None, unsafe: bool = False) -> FixResult:
    """Apply fixes round by round (at most :data:`MAX_ROUNDS`), then format.

    Each round lints the current text, applies the chosen fixes (safe ones;
    unsafe ones too with ``unsafe``) and re-parses. Formatting is part of the
    loop: when it changes the text, the formatted text is linted again, so
    the result is a fixed point (``fix_text(result.text).text ==
    result.text``) unless rules keep proposing fixes for ten rounds, or
    undo each other (a text seen before ends the loop). Raises
    :class:`~vrlint.fixing.format.FormatError` like :func:`format_text`.
    """
    config = config or Config()
    applied: list[Diagnostic] = []
    document = parse(text)
    seen = {text}
    for _ in range(MAX_ROUNDS):
        current = document.text
        diagnostics = lint(document, path, config)
        fixes = [fix for fix in select_fixes(diagnostics, unsafe) if _applicable(current, fix)]
        if fixes:
            updated = apply_edits(current, [edit for fix in fixes for edit in fix.edits])
            applied.extend(d for d in diagnostics if d.fix is not None and d.fix in fixes)
            document = parse(updated)
        else:
            updated, document = format_parsed(document, config)
            if updated == current:
                # linted, nothing to fix, formatted: a fixed point
                return FixResult(current, applied, diagnostics)
        if updated in seen:
            break  # fixes undoing each other (or the formatting)
        seen.add(updated)
    final, document = format_parsed(document, config)
    return FixResult(final, applied, lint(document, path, config))
