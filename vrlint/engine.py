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
from dataclasses import dataclass, field

from vrlint.config import Config
from vrlint.diagnostics import Diagnostic
from vrlint.document import Document
from vrlint.rules.base import Rule, all_rules, run_rules

_DIRECTIVE = re.compile(
    r"<!--[ \t]*vrlint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)-->", re.IGNORECASE
)
#: a code or prefix (VR, VR4, VR401); other words in a directive are a reason
_CODE = re.compile(r"\b[Vv][Rr]\d{0,3}\b")


@dataclass
class Suppressions:
    file_codes: list[str] = field(default_factory=list)
    #: (first line, last line or None for "to the end", codes; [] = all)
    ranges: list[tuple[int, int | None, list[str]]] = field(default_factory=list)

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
    found = Suppressions()
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
    return [r for r in all_rules() if config.is_enabled(r.code)]


def lint(document: Document, path: str = "", config: Config | None = None) -> list[Diagnostic]:
    """All diagnostics of the enabled rules, sorted, suppressions applied."""
    config = config or Config()
    rules = selected_rules(config)
    suppressions = find_suppressions(document)
    diagnostics = [d for d in run_rules(document, rules, path, config) if not suppressions.covers(d)]
    unique = list(dict.fromkeys(diagnostics))
    unique.sort(key=Diagnostic.sort_key)
    return unique
