"""Run the selected rules on a document and apply suppressions.

Suppression comments (HTML comments, so GitHub does not show them)::

    <!-- vrlint-disable VR301 VR4 -->   ... <!-- vrlint-enable -->
    <!-- vrlint-disable-next-line VR201 -->
    | a table row | with a comment inside <!-- vrlint-disable-line VR408 --> |
    <!-- vrlint-disable-file VR8 -->

``disable-line`` covers the line it is written on: inside a table row it
is the way to suppress a finding on that row, since a comment line between
two rows ends the table (VR109).

Codes may be prefixes; no code means every rule. A diagnostic is
suppressed when the line it starts on is covered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from typing import NamedTuple

from vrlint.config import Config
from vrlint.diagnostics import Applicability, Diagnostic, Fix
from vrlint.document import Document
from vrlint.lazyre import lazy_pattern
from vrlint.parsing.build import gc_paused
from vrlint.rules.base import OnlineFacts, Rule, all_rules, load_rules, run_rules

_DIRECTIVE = lazy_pattern(
    r"<!--[ \t]*vrlint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)-->", re.IGNORECASE
)
#: a code or prefix (VR, VR4, VR401); other words in a directive are a reason
_CODE = lazy_pattern(r"\b[Vv][Rr]\d{0,3}\b")


class Suppressions(NamedTuple):
    file_codes: list[str]
    #: (first line, last line or None for "to the end", codes; [] = all)
    ranges: list[tuple[int, int | None, list[str]]]

    def covers(self, diagnostic: Diagnostic) -> bool:
        code = diagnostic.code.upper()
        line = diagnostic.span.line
        if _listed(code, self.file_codes):
            return True
        for first, last, codes in self.ranges:
            if first <= line and (last is None or line <= last) and _listed(code, codes):
                return True
        return False


def _listed(code: str, codes: list[str]) -> bool:
    if not codes:
        return False
    return "*" in codes or any(code.startswith(c) for c in codes)


def find_suppressions(document: Document) -> Suppressions:
    """Directives in HTML (comment blocks and inline comments, not code)."""
    found = Suppressions([], [])
    open_ranges: list[tuple[int, list[str]]] = []
    for block in document.blocks:
        if block.kind not in ("html", "paragraph", "heading", "table"):
            continue
        first = document.line(block.start_line)
        last = document.line(block.end_line)
        text = document.text[first.start : last.start + len(last.text)]
        if "vrlint-" not in text:
            continue
        for m in _DIRECTIVE.finditer(text):
            kind = m.group(1).lower()
            codes = [c.upper() for c in _CODE.findall(m.group(2))] or ["*"]
            line, _ = document.position(first.start + m.start())
            end_line, _ = document.position(first.start + m.end())
            if kind == "disable-file":
                found.file_codes.extend(codes)
            elif kind == "disable-next-line":
                found.ranges.append((end_line + 1, end_line + 1, codes))
            elif kind == "disable-line":
                found.ranges.append((line, end_line, codes))
            elif kind == "disable":
                open_ranges.append((line, codes))
            else:
                for start, codes_open in open_ranges:
                    found.ranges.append((start, line, codes_open))
                open_ranges.clear()
    for start, codes_open in open_ranges:
        found.ranges.append((start, None, codes_open))
    return found


def selected_rules(config: Config) -> list[Rule]:
    return [r for r in load_rules(config.reaches) if config.is_enabled(r.code, r.default)]


def rule_selector(config: Config) -> Callable[[str], bool]:
    """``code -> runs under config``, with each rule's default flag: for callers that hold
    only a code (a baseline entry), where ``config.is_enabled(code)`` alone would count an
    opt-in rule as selected."""
    defaults = {r.code: r.default for r in all_rules()}
    return lambda code: config.is_enabled(code, defaults.get(code, True))


#: how many line numbers a grouped finding's message lists before "…"
_LINES_SHOWN = 5


def group_findings(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """One finding per (code, cause) in a file: one cause, one finding.

    Diagnostics a rule reported with the same ``cause`` become one, at the
    first place, with the count in its message, every other place in
    ``related`` and one fix that repairs them all (when the edits do not
    overlap; otherwise the first place's own fix). Diagnostics without a cause
    are kept as they are. ``diagnostics`` must be sorted.
    """
    groups: dict[tuple[str, str, str], list[Diagnostic]] = {}
    out: list[Diagnostic | tuple[str, str, str]] = []
    for diagnostic in diagnostics:
        cause = diagnostic.extra.get("cause")
        if cause is None:
            out.append(diagnostic)
            continue
        key = (diagnostic.path, diagnostic.code, str(cause))
        if key not in groups:
            groups[key] = []
            out.append(key)
        groups[key].append(diagnostic)
    result: list[Diagnostic] = []
    for item in out:
        result.append(item if isinstance(item, Diagnostic) else _merge(groups[item]))
    return result


def _merge(members: list[Diagnostic]) -> Diagnostic:
    first = members[0]
    if len(members) == 1:
        return first
    others = members[1:]
    lines = sorted({d.span.line for d in others})
    shown = ", ".join(str(n) for n in lines[:_LINES_SHOWN]) + (", …" if len(lines) > _LINES_SHOWN else "")
    message = (
        f"{first.message} (the same in {len(others)} more place{'s' if len(others) != 1 else ''} "
        f"of this file: line{'s' if len(lines) != 1 else ''} {shown})"
    )
    # the first place's own message stays in ``extra``: it does not change when places come and go
    # (a baseline's fingerprint should not either)
    extra = {**first.extra, "single_message": first.message}
    return replace(
        first, message=message, fix=_merged_fix(members), related=tuple(d.span for d in others), extra=extra
    )


def _merged_fix(members: list[Diagnostic]) -> Fix | None:
    fixes = [d.fix for d in members if d.fix is not None]
    if not fixes:
        return None
    edits = sorted(dict.fromkeys(e for fix in fixes for e in fix.edits), key=lambda e: (e.start, e.end))
    if any(a.end > b.start for a, b in pairwise(edits)):
        return members[0].fix
    applicability: Applicability = "unsafe" if any(f.applicability == "unsafe" for f in fixes) else "safe"
    count = len(fixes)
    base = fixes[0].message.rstrip(". ")
    return Fix(applicability, f"{base} (all {count} places)" if count > 1 else base, tuple(edits))


def lint(
    document: Document, path: str = "", config: Config | None = None, online: OnlineFacts | None = None
) -> list[Diagnostic]:
    """All diagnostics of the enabled rules, sorted, suppressions applied. ``online``:
    the facts ``--online`` gathered (without them the online rules find nothing)."""
    config = config or Config()
    rules = selected_rules(config)
    with gc_paused():  # the rules, like the parser, make many small acyclic objects; see gc_paused
        found = list(run_rules(document, rules, path, config, online))
    diagnostics = found
    if found:  # suppression comments are in the blocks, which a lazily parsed document may not have built
        suppressions = find_suppressions(document)
        diagnostics = [d for d in found if not suppressions.covers(d)]
    unique = list(dict.fromkeys(diagnostics))
    unique.sort(key=Diagnostic.sort_key)
    return group_findings(unique)
