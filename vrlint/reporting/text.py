"""Human output: ``text`` (ruff's full format: the source line with a caret
under the span) and ``concise`` (``path:line:col: CODE message``).

Everything printed that comes from the file or its name goes through
:func:`printable`: control characters are spelled ``\\x1b``, so a README
holding terminal escape sequences cannot drive the terminal, and a file name
holding a newline cannot start a line of its own (``::error ...`` would be a
workflow command in a CI log).
"""

from __future__ import annotations

from collections import Counter

from vrlint.diagnostics import Diagnostic
from vrlint.document import Document
from vrlint.reporting import Report
from vrlint.text.chars import escape_controls

_RED = "\x1b[1;31m"
_YELLOW = "\x1b[1;33m"
_BLUE = "\x1b[1;34m"
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"

#: source lines longer than this are cut around the span
_MAX_SHOWN = 100

printable = escape_controls


def render_concise(report: Report) -> str:
    lines = [
        f"{printable(d.path)}:{d.span.line}:{d.span.column}: {d.code} {printable(d.message)}"
        + (" [*]" if d.fix and d.fix.applicability == "safe" else "")
        for d in report.diagnostics
    ]
    return "".join(line + "\n" for line in lines) + _summary(report)


def render_text(report: Report) -> str:
    out: list[str] = []
    for diagnostic in report.diagnostics:
        out.append(_one(diagnostic, report.documents.get(diagnostic.path), report.color))
    return "".join(out) + _summary(report)


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color else text


def _one(d: Diagnostic, doc: Document | None, color: bool) -> str:
    style = _RED if d.severity == "error" else _YELLOW
    head = (
        f"{_paint(d.code, style, color)} {_paint(d.name, _BOLD, color)} "
        f"({d.severity}): {printable(d.message)}\n"
        f"  {_paint('-->', _BLUE, color)} {printable(d.path)}:{d.span.line}:{d.span.column}\n"
    )
    body = ""
    if doc is not None and 1 <= d.span.line <= len(doc.lines):
        text = doc.line(d.span.line).text.replace("\t", " ")
        start = d.span.column - 1
        end = d.span.end_column - 1 if d.span.end_line == d.span.line else len(text)
        end = max(end, start + 1)
        shift = 0
        if len(text) > _MAX_SHOWN:
            shift = max(0, min(start - 20, len(text) - _MAX_SHOWN))
            cut_end = shift + _MAX_SHOWN < len(text)
            lead = "…" if shift else ""
            text = lead + text[shift : shift + _MAX_SHOWN] + ("…" if cut_end else "")
            start, end = start - shift + len(lead), min(end - shift + len(lead), len(text))
        gutter = str(d.span.line)
        pad = " " * len(gutter)
        # the caret goes under the span as a terminal shows it: CJK and emoji
        # take two cells, an escaped control as many as its spelling
        before, flagged = printable(text[:start]), printable(text[start:end])
        text = before + flagged + printable(text[end:])
        caret = " " * _width(before) + "^" * max(1, _width(flagged))
        body = (
            f"{pad} {_paint('|', _BLUE, color)}\n"
            f"{_paint(gutter, _BLUE, color)} {_paint('|', _BLUE, color)} {text}\n"
            f"{pad} {_paint('|', _BLUE, color)} {_paint(caret, style, color)}\n"
        )
    fix = ""
    if d.fix is not None:
        how = "vrlint --fix" if d.fix.applicability == "safe" else "vrlint --fix --unsafe-fixes"
        fix = f"  = help: {printable(d.fix.message)} ({how})\n"
    return head + body + fix + "\n"


def _width(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)  # the common case, without loading wcwidth's tables
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


def _summary(report: Report) -> str:
    if report.quiet:
        return ""
    total = len(report.diagnostics)
    if total == 0:
        return "All checks passed!\n"
    per_rule = Counter(d.code for d in report.diagnostics)
    files = len({d.path for d in report.diagnostics})
    safe = sum(1 for d in report.diagnostics if d.fix and d.fix.applicability == "safe")
    unsafe = sum(1 for d in report.diagnostics if d.fix and d.fix.applicability == "unsafe")
    lines = [
        f"Found {total} problem{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''}"
        f" ({', '.join(f'{code}: {n}' for code, n in sorted(per_rule.items()))})."
    ]
    if safe:
        lines.append(f"[*] {safe} fixable with `vrlint --fix`.")
    if unsafe:
        lines.append(f"{unsafe} more fixable with `vrlint --fix --unsafe-fixes`.")
    return "\n".join(lines) + "\n"
