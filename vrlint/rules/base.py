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
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from vrlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, family_of
from vrlint.document import Document, Span

if TYPE_CHECKING:
    from vrlint.config import Config
    from vrlint.records.models import TableRecord

RuleFunction = Callable[["Context"], Iterable[Diagnostic]]

#: the modules that register rules, one per family, each with the prefixes of
#: the codes it registers: a run imports only the modules its selection can
#: reach (``--select VR805`` imports one). tests/test_rule_modules.py checks the
#: prefixes against what each module registers.
RULE_MODULES: dict[str, tuple[str, ...]] = {
    "vrlint.rules.tables": ("VR10",),
    "vrlint.rules.order": ("VR11",),
    "vrlint.rules.arxiv": ("VR20",),
    "vrlint.rules.badges": ("VR3",),
    "vrlint.rules.links": ("VR40", "VR41"),
    "vrlint.rules.placeholders": ("VR5",),
    "vrlint.rules.headings": ("VR6",),
    "vrlint.rules.consistency": ("VR7",),
    "vrlint.rules.encoding": ("VR8",),
    "vrlint.rules.rows": ("VR90", "VR91", "VR94", "VR95"),
    "vrlint.rules.columns": ("VR92", "VR93"),
    "vrlint.rules.online": ("VR25", "VR45"),
}


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    bad: str
    good: str
    fix: Applicability | None
    function: RuleFunction
    options: dict[str, Any]
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
    return load_rules(lambda prefix: True)


def load_rules(reachable: Callable[[str], bool]) -> list[Rule]:
    """The registered rules, by code, once every module with a code prefix ``reachable``
    accepts is imported (others may be there too: callers filter by their selection)."""
    for module, own in RULE_MODULES.items():
        if any(reachable(prefix) for prefix in own):
            importlib.import_module(module)
    return sorted(_REGISTRY.values(), key=lambda r: r.code)


def rules_matching(patterns: Iterable[str]) -> list[Rule]:
    """The rules a code pattern (a code, a prefix, ``ALL``) could name: for checking
    a selection without importing every family."""
    from vrlint.config import overlaps

    wanted = list(patterns)
    return load_rules(lambda prefix: any(overlaps(p, prefix) for p in wanted))


def get_rule(code_or_name: str) -> Rule | None:
    wanted = code_or_name.strip()
    for candidate in all_rules():
        if candidate.code.lower() == wanted.lower() or candidate.name == wanted:
            return candidate
    return None


class OnlineFacts(Protocol):
    """What the network said about a document, gathered before the rules run
    (``vrlint.online.check.gather``): the online rules read it like any other fact."""

    def findings(self, code: str) -> Iterable[Diagnostic]:
        """The findings of the online rule ``code`` on these facts."""
        ...


class Context:
    """What a rule sees: the document, its records, the path and options, and
    (with ``--online``) what the network said."""

    def __init__(
        self, document: Document, path: str = "", config: Config | None = None, online: OnlineFacts | None = None
    ) -> None:
        self.document = document
        self.path = path
        self.config = config
        self.online = online
        self.current: Rule | None = None

    @cached_property
    def tables(self) -> list[TableRecord]:
        if not self.document.tables:
            return []  # most Markdown files a hook sees have no table: skip importing the record models
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
    document: Document,
    rules: Iterable[Rule],
    path: str = "",
    config: Config | None = None,
    online: OnlineFacts | None = None,
) -> Iterator[Diagnostic]:
    ctx = Context(document, path, config, online)
    for current in rules:
        ctx.current = current
        yield from current.function(ctx)
