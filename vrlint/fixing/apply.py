"""Applying the fixes rules propose: ``vrlint --fix``.

``--fix`` is a pull request the maintainer merges: it changes what the
findings ask for and keeps the author's layout. :func:`fix_text` runs
rounds of lint -> choose fixes -> apply -> verify -> re-parse:

* Within a round, fixes are taken first come first served by position; a
  fix whose edits overlap one already chosen waits for the next round,
  when it is proposed again against the new text (or no longer, if the
  first fix made it unnecessary). All chosen edits are applied in one pass
  (linear in the size of the text and the number of fixes).
* Each round is verified like the formatter: the tables, rows and cells
  after the fixes must be those before, except what the fixes were meant
  to change (:func:`vrlint.fixing.verify.verify_fixes`). An unsafe fix must
  also not make the file worse by vrlint's own rules (no code gets more
  findings). A round that fails is bisected; a fix that fails alone is
  dropped and reported in :attr:`FixResult.not_applied`, never written.
* Nothing else is formatted: the only lines that change besides the
  fixed ones are those of an *aligned* table a fix changed, re-aligned in
  that table's own layout (:mod:`vrlint.fixing.layout`). A file with no
  fixable finding is returned unchanged.
"""

from __future__ import annotations

import bisect
import itertools
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from vrlint.config import Config
from vrlint.diagnostics import Diagnostic, Edit, Fix
from vrlint.document import Document
from vrlint.engine import lint
from vrlint.fixing.verify import STRUCTURAL_FIXES, OffsetMap, verify_fixes, verify_format
from vrlint.parsing.build import parse

__all__ = ["MAX_ROUNDS", "EditConflict", "FixResult", "NotApplied", "apply_edits", "fix_text", "select_fixes"]

#: lint/fix rounds before giving up on fixes that keep proposing more fixes
MAX_ROUNDS = 10


class EditConflict(ValueError):
    """Edits that overlap (or insert at the same offset) or fall outside the text."""


@dataclass(frozen=True)
class NotApplied:
    """A fix that was dropped because applying it would have changed what
    it was not meant to change (``reason`` says what)."""

    diagnostic: Diagnostic
    reason: str


@dataclass
class FixResult:
    """``text``: the fixed text; ``applied``: the diagnostics whose fix was
    applied (in the round they were found); ``remaining``: the diagnostics
    of a final lint of ``text``; ``not_applied``: fixes dropped by the
    verification; ``changed_lines``: line numbers of ``text`` that the
    fixes, or the re-alignment of a table they changed, rewrote."""

    text: str
    applied: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    not_applied: list[NotApplied] = field(default_factory=list)
    changed_lines: set[int] = field(default_factory=set)
    #: per applied diagnostic, the text its edits replaced and their new text
    shown: list[tuple[Diagnostic, str, str]] = field(default_factory=list)
    #: ``text`` parsed (the last round's verified document: callers need not parse it again)
    document: Document | None = field(default=None, repr=False)

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


class _Taken:
    """Chosen edits, kept sorted by position so that an overlap test
    looks at the neighbours only (chosen edits never overlap each other)."""

    def __init__(self) -> None:
        self.keys: list[tuple[int, int]] = []
        self.edits: list[Edit] = []

    def clashes(self, edit: Edit) -> bool:
        index = bisect.bisect_left(self.keys, (edit.start, edit.end))
        return any(_overlap(edit, self.edits[i]) for i in range(max(index - 2, 0), min(index + 2, len(self.edits))))

    def add(self, edit: Edit) -> None:
        index = bisect.bisect_left(self.keys, (edit.start, edit.end))
        self.keys.insert(index, (edit.start, edit.end))
        self.edits.insert(index, edit)


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
    seen: set[Fix] = set()
    taken = _Taken()
    for diagnostic in candidates:
        fix = diagnostic.fix
        assert fix is not None
        if not fix.edits or fix in seen:
            continue
        edits = _sorted(fix.edits)
        if any(_overlap(a, b) for a, b in itertools.pairwise(edits)):
            continue
        if any(taken.clashes(edit) for edit in edits):
            continue
        chosen.append(fix)
        seen.add(fix)
        for edit in edits:
            taken.add(edit)
    return chosen


def _applicable(text: str, fix: Fix) -> bool:
    """Every edit lies inside ``text`` and at least one changes it."""
    if not all(0 <= e.start <= e.end <= len(text) for e in fix.edits):
        return False
    return any(text[e.start : e.end] != e.content for e in fix.edits)


def _key(text: str, diagnostic: Diagnostic) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """What identifies a fix from one round to the next (offsets move)."""
    fix = diagnostic.fix
    assert fix is not None
    return diagnostic.code, fix.message, tuple((text[e.start : e.end], e.content) for e in fix.edits)


def _edits(group: Sequence[tuple[Diagnostic, Fix]]) -> list[Edit]:
    return list(dict.fromkeys(edit for _, fix in group for edit in fix.edits))


def _worse(before: list[Diagnostic], after: list[Diagnostic]) -> str | None:
    """A code with more findings after an unsafe fix than before it."""
    old = Counter(d.code for d in before)
    new = Counter(d.code for d in after)
    for code, count in new.items():
        if count > old.get(code, 0):
            return f"it would add {count - old.get(code, 0)} {code} finding(s)"
    return None


def _missing_fragment(after: Document, edits: Sequence[Edit]) -> str | None:
    """A fix that writes a link to ``#fragment`` must name an anchor of the
    fixed file (a heading GitHub gives that id)."""
    fragments = [e.content for e in edits if e.content.startswith("#") and " " not in e.content]
    if not fragments:
        return None
    anchors = after.anchors
    for fragment in fragments:
        if urllib.parse.unquote(fragment[1:]) not in anchors and fragment[1:] not in anchors:
            return f"no heading of the file has the anchor {fragment}"
    return None


@dataclass
class _Round:
    document: Document
    diagnostics: list[Diagnostic]
    path: str
    config: Config

    def attempt(self, group: Sequence[tuple[Diagnostic, Fix]]) -> tuple[str | None, Document]:
        edits = _edits(group)
        after = parse(apply_edits(self.document.text, edits))
        structural = [e for d, fix in group if d.code in STRUCTURAL_FIXES for e in fix.edits]
        problem = verify_fixes(self.document, after, edits, structural)
        if problem is None:
            problem = _missing_fragment(after, edits)
        if problem is None and any(fix.applicability == "unsafe" for _, fix in group):
            problem = _worse(self.diagnostics, lint(after, self.path, self.config))
        return problem, after

    def settle(
        self, group: list[tuple[Diagnostic, Fix]], dropped: list[NotApplied]
    ) -> tuple[list[tuple[Diagnostic, Fix]], Document | None]:
        """The largest verified part of ``group`` found by bisection, and
        the document it gives; fixes failing alone go to ``dropped``."""
        problem, after = self.attempt(group)
        if problem is None:
            return group, after
        if len(group) == 1:
            dropped.append(NotApplied(group[0][0], problem))
            return [], None
        middle = len(group) // 2
        left, left_doc = self.settle(group[:middle], dropped)
        right, right_doc = self.settle(group[middle:], dropped)
        if not left:
            return right, right_doc
        if not right:
            return left, left_doc
        problem, after = self.attempt(left + right)
        return (left + right, after) if problem is None else (left, left_doc)


def _lines_after(before: Document, after: Document, edits: Sequence[Edit], lines: Iterable[int]) -> set[int]:
    """``lines`` of ``before`` moved to ``after``, plus the lines the
    replacements of ``edits`` occupy in ``after``."""
    if not after.lines:
        return set()
    moved = OffsetMap(edits)
    out = {after.position(moved(before.line(n).start))[0] for n in lines if n <= len(before.lines)}
    for start, end in moved.replaced():
        first, _ = after.position(start)
        last, _ = after.position(max(end - 1, start))
        out.update(range(first, last + 1))
    return out


def _realign(document: Document, changed: set[int]) -> tuple[Document, set[int]]:
    """Re-align the aligned tables a fix changed (their own layout)."""
    from vrlint.fixing.format import FormatError
    from vrlint.fixing.layout import preserve_table

    replaced: dict[int, str] = {}
    for table in document.tables:
        rows = [table.header, table.delimiter, *table.rows]
        indexes = frozenset(i for i, row in enumerate(rows) if row is not None and row.line in changed)
        if indexes:
            replaced.update(preserve_table(document, table, indexes))
    if not replaced:
        return document, changed
    text = document.bom + "".join(replaced.get(line.number, line.text) + line.ending for line in document.lines)
    after = parse(text)
    problem = verify_format(document, after)
    if problem is not None:
        raise FormatError(f"re-aligning refused: {problem}")
    return after, changed | set(replaced)


@dataclass
class _Loop:
    """The state of one ``fix_text`` run across its rounds."""

    document: Document
    path: str
    config: Config
    unsafe: bool
    applied: list[Diagnostic] = field(default_factory=list)
    shown: list[tuple[Diagnostic, str, str]] = field(default_factory=list)
    dropped: list[NotApplied] = field(default_factory=list)
    refused: set[tuple[str, str, tuple[tuple[str, str], ...]]] = field(default_factory=set)
    changed: set[int] = field(default_factory=set)

    def round(self, diagnostics: list[Diagnostic], lint_after: bool = True) -> bool | None:
        """Apply one verified round of ``diagnostics``' fixes. True: applied
        some; False: nothing to apply; None: all were dropped (try again)."""
        current = self.document.text
        candidates = (d for d in diagnostics if d.fix is not None and _key(current, d) not in self.refused)
        chosen = set(select_fixes(candidates, self.unsafe))
        group: list[tuple[Diagnostic, Fix]] = []
        for diagnostic in diagnostics:
            fix = diagnostic.fix
            if fix is not None and fix in chosen and _applicable(current, fix):
                group.append((diagnostic, fix))
                chosen.discard(fix)
        if not group:
            return False
        before_drop = len(self.dropped)
        accepted, after = _Round(self.document, diagnostics, self.path, self.config).settle(group, self.dropped)
        for item in self.dropped[before_drop:]:
            self.refused.add(_key(current, item.diagnostic))
        if after is None or not accepted:
            return None if len(self.dropped) > before_drop else False
        fixes = {fix for _, fix in accepted}
        for diagnostic in diagnostics:
            fix = diagnostic.fix
            if fix is not None and fix in fixes:
                self.applied.append(diagnostic)
                edits = _sorted(fix.edits)
                before = " … ".join(current[e.start : e.end] for e in edits)
                self.shown.append((diagnostic, before, " … ".join(e.content for e in edits)))
        self.changed = _lines_after(self.document, after, _edits(accepted), self.changed)
        self.document = after
        return True


def fix_text(
    text: str,
    path: str = "",
    config: Config | None = None,
    unsafe: bool = False,
    online: Callable[[Document], list[Diagnostic]] | None = None,
) -> FixResult:
    """Apply fixes round by round (at most :data:`MAX_ROUNDS`), verify each
    round, then re-align the aligned tables the fixes changed.

    Each round lints the current text, applies the chosen fixes (safe ones;
    unsafe ones too with ``unsafe``) and re-parses. The result is a fixed
    point (``fix_text(result.text).text == result.text``) unless rules keep
    proposing fixes for ten rounds, or undo each other (a text seen before
    ends the loop). ``online`` (``--online --fix``) is called once on the
    fixed document; its diagnostics' fixes are applied in one more verified
    round, and those left are part of ``remaining``. Raises
    :class:`~vrlint.fixing.format.FormatError` when re-aligning would change
    what a table renders (a bug, never expected).
    """
    config = config or Config()
    loop = _Loop(parse(text), path, config, unsafe)
    seen = {text}
    diagnostics = lint(loop.document, path, config)
    for _ in range(MAX_ROUNDS):
        outcome = loop.round(diagnostics)
        if outcome is False:
            break
        if outcome is None:
            continue  # dropped fixes are refused from now on: the rest is proposed again
        diagnostics = lint(loop.document, path, config)
        if loop.document.text in seen:
            break  # fixes undoing each other
        seen.add(loop.document.text)
    found_online: list[Diagnostic] = []
    if online is not None:
        found_online = online(loop.document)
        if loop.round(found_online):
            done = set(map(id, loop.applied))
            found_online = [d for d in found_online if id(d) not in done]
            diagnostics = lint(loop.document, path, config)
    document = loop.document
    if loop.changed:
        realigned, loop.changed = _realign(document, loop.changed)
        if realigned is not document:
            document = loop.document = realigned
            diagnostics = lint(document, path, config)
    remaining = sorted(diagnostics + found_online, key=Diagnostic.sort_key)
    return FixResult(document.text, loop.applied, remaining, loop.dropped, loop.changed, loop.shown, document)
