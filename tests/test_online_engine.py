"""The online rules run in the one engine (issue 14): given the facts ``--online``
gathered, ``lint`` selects, suppresses and groups their findings like any rule's.

The facts here are a stub (no network): what is tested is the engine's handling,
the gathering itself is tested against local servers in test_online_*.py.
"""

from __future__ import annotations

import vrlint
from vrlint.config import Config
from vrlint.diagnostics import Diagnostic
from vrlint.document import Document
from vrlint.engine import lint
from vrlint.online.meta import online_rule

README = (
    "# List\n\n"
    "| Paper | Code |\n| --- | --- |\n"
    "| A | [code](https://example.org/gone) |\n"
    "| B | [code](https://example.org/gone) |\n"
    "<!-- vrlint-disable-next-line VR451 -->\n"
    "See [gone](https://example.org/gone) too.\n"
)


class StubFacts:
    """Every link to /gone is dead (VR451), one finding per place, caused by its address."""

    def __init__(self, document: Document) -> None:
        rule = online_rule("VR451")
        self.found = [
            Diagnostic(
                rule.code, rule.name, rule.severity, "dead link", link.span, "README.md",
                extra={"cause": link.url},
            )
            for link in document.links
            if link.url.endswith("/gone")
        ]  # fmt: skip

    def findings(self, code: str) -> list[Diagnostic]:
        return [d for d in self.found if d.code == code]


def test_without_facts_the_online_rules_find_nothing() -> None:
    document = vrlint.parse(README)
    assert not [d for d in lint(document, "README.md", Config(select=["ALL"])) if d.code.startswith(("VR25", "VR45"))]


def test_online_findings_are_grouped_and_suppressed_by_the_engine() -> None:
    document = vrlint.parse(README)
    facts = StubFacts(document)
    assert len(facts.found) == 3
    found = [d for d in lint(document, "README.md", Config(), online=facts) if d.code == "VR451"]
    # one cause (the address), one finding; the paragraph's link is suppressed by its comment
    assert len(found) == 1
    assert found[0].span.line == 5 and [s.line for s in found[0].related] == [6]


def test_online_findings_follow_the_selection() -> None:
    document = vrlint.parse(README)
    facts = StubFacts(document)
    assert not [d for d in lint(document, "README.md", Config(ignore=["VR45"]), online=facts) if d.code == "VR451"]
    only = lint(document, "README.md", Config(select=["VR451"]), online=facts)
    assert {d.code for d in only} == {"VR451"}
