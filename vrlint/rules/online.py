"""VR25x and VR45x: the online rules (``vrlint check --online``).

Each rule reads what the network said about the document (``ctx.online``,
gathered by :func:`vrlint.online.check.gather` before the rules run) and
yields its own findings; offline there are no such facts and it finds
nothing. Their documentation (code, name, severity, options) is
:mod:`vrlint.online.meta`, so ``vrlint rule VR451`` explains them and
``--select``/``--ignore`` accept their codes.
"""

from __future__ import annotations

from collections.abc import Iterable

from vrlint.diagnostics import Diagnostic
from vrlint.online.meta import ONLINE_RULES
from vrlint.rules.base import Context, RuleFunction, rule

__all__: list[str] = []


def _reading_online_facts(code: str) -> RuleFunction:
    def online_rule(ctx: Context) -> Iterable[Diagnostic]:
        return ctx.online.findings(code) if ctx.online is not None else ()

    online_rule.__name__ = f"online_{code.lower()}"
    return online_rule


for _meta in ONLINE_RULES.values():
    rule(**_meta)(_reading_online_facts(_meta["code"]))
