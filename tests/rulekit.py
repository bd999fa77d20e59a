"""Helpers shared by the rule tests: look rules up, run them, apply fixes.

Fixes are applied with the same ``apply_edits`` that ``vrlint --fix``
uses, so a test that applies a fix also checks the edits do not overlap.
"""

from __future__ import annotations

import re
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


def check_examples(code: str, config: Config | None = None) -> None:
    """A rule's documented ``bad`` example is reported by it exactly once and
    its ``good`` example not at all; its name is kebab-case and it is documented."""
    found = rule(code)
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)+", found.name)
    assert found.summary and found.why
    assert [d.code for d in run(found.bad, [code], config)] == [code], found.bad
    assert run(found.good, [code], config) == [], found.good
