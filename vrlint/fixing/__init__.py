"""Formatting tables and applying fixes (``vrlint format``, ``vrlint --fix``)."""

from __future__ import annotations

from vrlint.fixing.apply import EditConflict, FixResult, NotApplied, apply_edits, fix_text, select_fixes
from vrlint.fixing.format import DEFAULT_MAX_WIDTH, FormatError, format_document, format_text
from vrlint.fixing.verify import verify_format

__all__ = [
    "DEFAULT_MAX_WIDTH",
    "EditConflict",
    "FixResult",
    "FormatError",
    "NotApplied",
    "apply_edits",
    "fix_text",
    "format_document",
    "format_text",
    "select_fixes",
    "verify_format",
]
