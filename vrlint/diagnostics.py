"""What rules report: diagnostics, and the fixes they propose.

A fix is a list of edits on the original text (0-based offsets, end
exclusive). Rules only propose; :mod:`vrlint.fixing` applies. A fix is
``safe`` when it cannot change the meaning a maintainer intended (it only
repairs syntax or spelling), ``unsafe`` when vrlint must guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from vrlint.document import Document, Span

Severity = Literal["error", "warning"]
Applicability = Literal["safe", "unsafe"]

FAMILIES: dict[str, str] = {
    "VR1": "tables",
    "VR2": "arxiv",
    "VR3": "badges",
    "VR4": "links",
    "VR5": "placeholders",
    "VR6": "anchors",
    "VR7": "consistency",
    "VR8": "encoding",
    "VR9": "rows",
}


def family_of(code: str) -> str:
    return FAMILIES.get(code[:3], "other")


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``content``."""

    start: int
    end: int
    content: str


class Fix(NamedTuple):
    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    path: str = ""
    fix: Fix | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    #: the other places of a grouped finding (one cause, many places): the
    #: diagnostic stands at the first place, these are the rest, in order
    related: tuple[Span, ...] = ()

    @property
    def family(self) -> str:
        return family_of(self.code)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def count(self) -> int:
        """How many places this finding covers (1 + its related locations)."""
        return 1 + len(self.related)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)

    def to_json(self, document: Document | None = None) -> dict[str, Any]:
        """The JSON object documented in README (``--output-format json``)."""
        out: dict[str, Any] = {
            "path": self.path,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "code": self.code,
            "name": self.name,
            "family": self.family,
            "severity": self.severity,
            "message": self.message,
            "fix": None,
            "count": self.count,
            "related": [
                {"line": r.line, "column": r.column, "end_line": r.end_line, "end_column": r.end_column}
                for r in self.related
            ],
        }
        if self.fix is not None:
            edits = []
            for edit in self.fix.edits:
                entry: dict[str, Any] = {"content": edit.content}
                if document is not None:
                    entry["line"], entry["column"] = document.position(edit.start)
                    entry["end_line"], entry["end_column"] = document.position(edit.end)
                entry["start"] = edit.start
                entry["end"] = edit.end
                edits.append(entry)
            out["fix"] = {
                "applicability": self.fix.applicability,
                "message": self.fix.message,
                "edits": edits,
            }
        return out
