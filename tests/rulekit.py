"""Helpers shared by the rule tests: look rules up, run them, apply fixes.

Fixes are applied with the same ``apply_edits`` that ``vrlint --fix``
uses, so a test that applies a fix also checks the edits do not overlap.
"""

from __future__ import annotations

from collections.abc import Iterable

import vrlint
from vrlint.config import Config
from vrlint.diagnostics import Diagnostic
from vrlint.fixing import apply_edits
from vrlint.rules.base import Rule, get_rule, run_rules


def rule(code: str) -> Rule:
    found = get_rule(code)
    assert found is not None, code
    return found


def run(text: str, codes: Iterable[str], config: Config | None = None, path: str = "") -> list[Diagnostic]:
    return list(run_rules(vrlint.parse(text), [rule(code) for code in codes], path, config))


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic]) -> str:
    """``text`` with every fix of ``diagnostics`` applied in one pass (an
    edit proposed twice, by two diagnostics, is applied once)."""
    edits = dict.fromkeys(edit for d in diagnostics if d.fix is not None for edit in d.fix.edits)
    return apply_edits(text, list(edits))
