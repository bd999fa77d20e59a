"""The rule registry and the context a rule runs in.

A rule is a small function that reads the parsed document (and the typed
records) and yields diagnostics; it never re-parses text. It is registered
with :func:`rule`, which carries everything ``vrlint rule CODE`` prints::

    @rule(
        code="VR201",
        name="arxiv-badge-link-mismatch",
        severity="error",
        summary="An arXiv badge names one ID and links to another.",
        why="...", bad="...", good="...",
        fix="unsafe",
    )
    def arxiv_badge_link_mismatch(ctx: Context) -> Iterator[Diagnostic]:
        ...
        yield ctx.report(span, "message", fix=ctx.fix("unsafe", "...", [ctx.edit(span, "new")]))

Rules live in one module per family (``vrlint/rules/<family>.py``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from vrlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, family_of
from vrlint.document import Document, Span

if TYPE_CHECKING:
    from vrlint.config import Config
    from vrlint.records.models import TableRecord

RuleFunction = Callable[["Context"], Iterable[Diagnostic]]

#: modules that register rules, one per family, imported on first use
RULE_MODULES = (
    "vrlint.rules.tables",
    "vrlint.rules.order",
    "vrlint.rules.arxiv",
    "vrlint.rules.badges",
    "vrlint.rules.links",
    "vrlint.rules.placeholders",
    "vrlint.rules.headings",
    "vrlint.rules.consistency",
    "vrlint.rules.encoding",
    "vrlint.rules.rows",
    "vrlint.rules.columns",
    "vrlint.rules.online",
)


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    bad: str
    good: str
    fix: Applicability | None
    function: RuleFunction
    options: dict[str, Any] = field(default_factory=dict)
    #: in the default selection (ruff's model: a conservative default set, the rest opt-in)
    default: bool = True

    @property
    def family(self) -> str:
        return family_of(self.code)


_REGISTRY: dict[str, Rule] = {}


def rule(
    *,
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    why: str,
    bad: str,
    good: str,
    fix: Applicability | None = None,
    options: dict[str, Any] | None = None,
    default: bool = True,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under ``code``."""

    def register(function: RuleFunction) -> RuleFunction:
        if code in _REGISTRY and _REGISTRY[code].function is not function:
            raise ValueError(f"rule code {code} registered twice")
        _REGISTRY[code] = Rule(
            code, name, severity, summary, why, bad, good, fix, function, dict(options or {}), default
        )
        return function

    return register


def all_rules() -> list[Rule]:
    for module in RULE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
    return sorted(_REGISTRY.values(), key=lambda r: r.code)


def get_rule(code_or_name: str) -> Rule | None:
    wanted = code_or_name.strip()
    for candidate in all_rules():
        if candidate.code.lower() == wanted.lower() or candidate.name == wanted:
            return candidate
    return None


class Context:
    """What a rule sees: the document, its records, the path and options."""

    def __init__(self, document: Document, path: str = "", config: Config | None = None) -> None:
        self.document = document
        self.path = path
        self.config = config
        self.current: Rule | None = None

    @cached_property
    def tables(self) -> list[TableRecord]:
        from vrlint.records.extract import extract_tables

        roles = self.config.column_roles if self.config is not None else None
        return extract_tables(self.document, roles)

    def option(self, key: str, default: Any = None) -> Any:
        """A per-rule option from configuration, else the rule's default."""
        assert self.current is not None
        if self.config is not None:
            value = self.config.rule_option(self.current, key)
            if value is not None:
                return value
        return self.current.options.get(key, default)

    def report(self, span: Span, message: str, *, fix: Fix | None = None, cause: str | None = None) -> Diagnostic:
        """A diagnostic of the current rule.

        ``cause`` names what the finding is an instance of (``"http://arxiv.org"``,
        ``"[code]()"``): findings of one rule with the same cause in one file are
        reported once, at the first place, with the others as related locations
        (see :func:`vrlint.engine.group_findings`).
        """
        assert self.current is not None
        return Diagnostic(
            self.current.code,
            self.current.name,
            self.current.severity,
            message,
            span,
            self.path,
            fix,
            extra={"cause": cause} if cause is not None else {},
        )

    def span(self, start: int, end: int) -> Span:
        return self.document.span(start, end)

    @staticmethod
    def edit(span: Span, content: str) -> Edit:
        return Edit(span.start, span.end, content)

    @staticmethod
    def fix(applicability: Applicability, message: str, edits: Iterable[Edit]) -> Fix:
        return Fix(applicability, message, tuple(edits))


def run_rules(
    document: Document, rules: Iterable[Rule], path: str = "", config: Config | None = None
) -> Iterator[Diagnostic]:
    ctx = Context(document, path, config)
    for current in rules:
        ctx.current = current
        yield from current.function(ctx)
