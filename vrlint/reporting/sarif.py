"""``--output-format sarif``: a SARIF 2.1.0 log for code-scanning tools.

One run whose ``tool.driver.rules`` describe every rule (id, name, summary,
why, bad and good examples, default level) and whose results point at the
span of each diagnostic. Positions follow vrlint's own conventions, which
SARIF can express exactly: lines and columns are 1-based, ``endColumn`` is
the column after the region, and columns count Unicode code points, not
UTF-16 code units, so the run says ``"columnKind": "unicodeCodePoints"``.
Lines end at ``\\r\\n``, ``\\n`` or a lone ``\\r``, as in
:mod:`vrlint.document`, so ``newlineSequences`` lists all three.

A diagnostic with a fix carries it as a SARIF ``fix``: one
``artifactChange`` with a ``replacement`` per edit, the deleted region given
by line and column (and by ``charOffset``/``charLength`` in code points when
the document is not at hand) and the inserted text. Replacements are listed
in document order and refer to the original text.

File paths become relative URIs against ``%SRCROOT%`` (the directory vrlint
ran in); an absolute path outside it becomes a ``file://`` URI.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.parse
from collections import Counter
from pathlib import Path, PurePath
from typing import Any

from vrlint._version import __version__
from vrlint.diagnostics import Diagnostic, Edit
from vrlint.document import Document
from vrlint.fingerprint import Locator, fingerprint
from vrlint.reporting import Report
from vrlint.rules.base import Rule, all_rules

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"


def artifact_location(path: str, root: str | None = None) -> dict[str, str]:
    """``{"uri": ..., "uriBaseId": "%SRCROOT%"}`` or an absolute file URI."""
    base = root if root is not None else os.getcwd()
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path, base)
        except ValueError:
            relative = ".."
        if relative.startswith(".."):
            return {"uri": Path(path).as_uri()}
        path = relative
    posix = PurePath(path).as_posix()
    while posix.startswith("./"):
        posix = posix[2:]
    return {"uri": urllib.parse.quote(posix, safe="/"), "uriBaseId": SRCROOT}


def _text(value: str) -> dict[str, str]:
    return {"text": value}


def _level(severity: str) -> str:
    return "error" if severity == "error" else "warning"


def _fix_sentence(rule: Rule) -> str:
    return {
        "safe": "Fix: safe, applied by `vrlint --fix`.",
        "unsafe": "Fix: unsafe, applied only with `vrlint --fix --unsafe-fixes` (vrlint has to guess).",
        None: "Fix: none; this needs a person.",
    }[rule.fix]


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A ``reportingDescriptor`` with everything ``vrlint rule CODE`` prints."""
    bad, good = rule.bad.rstrip(), rule.good.rstrip()
    help_text = f"{rule.summary}\n\nWhy: {rule.why}\n\nBad:\n{bad}\n\nGood:\n{good}\n\n{_fix_sentence(rule)}"
    help_markdown = (
        f"{rule.summary}\n\n**Why:** {rule.why}\n\n"
        f"**Bad:**\n\n````markdown\n{bad}\n````\n\n"
        f"**Good:**\n\n````markdown\n{good}\n````\n\n{_fix_sentence(rule)}"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": _text(rule.summary),
        "fullDescription": _text(f"{rule.summary} {rule.why}".strip()),
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": _level(rule.severity), "enabled": rule.default},
        "properties": {
            "tags": ["vrlint", rule.family],
            "problem.severity": _level(rule.severity),
            "fix": rule.fix or "none",
        },
    }


def _unknown_descriptor(diagnostic: Diagnostic) -> dict[str, Any]:
    """For a code that is not in the registry (e.g. an online check)."""
    return {
        "id": diagnostic.code,
        "name": diagnostic.name,
        "shortDescription": _text(diagnostic.name),
        "defaultConfiguration": {"level": _level(diagnostic.severity)},
        "properties": {"tags": ["vrlint", diagnostic.family]},
    }


def _edit_region(edit: Edit, document: Document | None) -> dict[str, int]:
    if document is None:
        return {"charOffset": edit.start, "charLength": edit.end - edit.start}
    line, column = document.position(edit.start)
    end_line, end_column = document.position(edit.end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _fixes(diagnostic: Diagnostic, document: Document | None, location: dict[str, str]) -> list[Any]:
    fix = diagnostic.fix
    if fix is None or not fix.edits:
        return []
    replacements = [
        {"deletedRegion": _edit_region(edit, document), "insertedContent": _text(edit.content)}
        for edit in sorted(fix.edits, key=lambda e: (e.start, e.end))
    ]
    return [
        {
            "description": _text(fix.message),
            "artifactChanges": [{"artifactLocation": dict(location), "replacements": replacements}],
            "properties": {"applicability": fix.applicability},
        }
    ]


def _fingerprint(
    diagnostic: Diagnostic, document: Document | None, seen: Counter[str], locators: dict[str, Locator]
) -> str:
    """Stable across edits elsewhere in the file: the fingerprint the baseline
    and ``--new-since`` use (rule, row identity or line text, flagged text),
    with the file, and numbered when a finding repeats."""
    flagged = ""
    if document is not None:
        if diagnostic.path not in locators:
            locators[diagnostic.path] = Locator(document)
        flagged = fingerprint(diagnostic, locators[diagnostic.path])
    key = "\0".join((diagnostic.code, diagnostic.path, flagged))
    seen[key] += 1
    return hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]


def _directory_uri(root: str | None) -> str:
    uri = Path(root or os.getcwd()).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def sarif_log(report: Report, root: str | None = None) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dictionary."""
    rules = all_rules()
    descriptors = [rule_descriptor(r) for r in rules]
    index = {r.code: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    artifacts: dict[str, int] = {}
    artifact_list: list[dict[str, Any]] = []
    seen: Counter[str] = Counter()
    locators: dict[str, Locator] = {}
    for diagnostic in report.diagnostics:
        if diagnostic.code not in index:
            index[diagnostic.code] = len(descriptors)
            descriptors.append(_unknown_descriptor(diagnostic))
        location = artifact_location(diagnostic.path, root)
        if diagnostic.path not in artifacts:
            artifacts[diagnostic.path] = len(artifact_list)
            artifact_list.append({"location": dict(location), "roles": ["analysisTarget"]})
        document = report.documents.get(diagnostic.path)
        span = diagnostic.span
        result: dict[str, Any] = {
            "ruleId": diagnostic.code,
            "ruleIndex": index[diagnostic.code],
            "level": _level(diagnostic.severity),
            "message": _text(diagnostic.message),
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {**location, "index": artifacts[diagnostic.path]},
                        "region": {
                            "startLine": span.line,
                            "startColumn": span.column,
                            "endLine": span.end_line,
                            "endColumn": span.end_column,
                        },
                    }
                }
            ],
            "partialFingerprints": {"vrlint/v1": _fingerprint(diagnostic, document, seen, locators)},
        }
        if diagnostic.related:  # a grouped finding: its other places
            result["relatedLocations"] = [
                {
                    "id": number,
                    "physicalLocation": {
                        "artifactLocation": {**location, "index": artifacts[diagnostic.path]},
                        "region": {
                            "startLine": r.line,
                            "startColumn": r.column,
                            "endLine": r.end_line,
                            "endColumn": r.end_column,
                        },
                    },
                    "message": _text(f"{diagnostic.code}: place {number + 1} of {diagnostic.count}"),
                }
                for number, r in enumerate(diagnostic.related, start=1)
            ]
        fixes = _fixes(diagnostic, document, location)
        if fixes:
            result["fixes"] = fixes
        results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "vrlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(root)}},
        "artifacts": artifact_list,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "newlineSequences": ["\r\n", "\n", "\r"],
        "defaultEncoding": "utf-8",
        "defaultSourceLanguage": "markdown",
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(report: Report) -> str:
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
