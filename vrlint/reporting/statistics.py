"""``vrlint check --statistics``: one line per rule with its count, like
``ruff check --statistics``, instead of every finding."""

from __future__ import annotations

from collections import Counter

from vrlint.reporting import Report


def render_statistics(report: Report) -> str:
    counts = Counter(d.code for d in report.diagnostics)
    if not counts:
        return "" if report.quiet else "All checks passed!\n"
    names = {d.code: d.name for d in report.diagnostics}
    safe = Counter(d.code for d in report.diagnostics if d.fix and d.fix.applicability == "safe")
    unsafe = Counter(d.code for d in report.diagnostics if d.fix and d.fix.applicability == "unsafe")
    width = max(len(str(n)) for n in counts.values())
    name_width = max(len(names[c]) for c in counts)
    lines = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        fixable = ""
        if safe[code]:
            fixable = "[*]" if safe[code] == count else f"[*] {safe[code]} fixable"
        elif unsafe[code]:
            fixable = f"[-] {unsafe[code]} with --unsafe-fixes"
        lines.append(f"{count:>{width}}  {code}  {names[code]:<{name_width}}  {fixable}".rstrip())
    if not report.quiet:
        total = sum(safe.values())
        fixable = f" [*] {total} fixable with `vrlint --fix`." if total else ""
        lines.append(f"Found {len(report.diagnostics)} problems.{fixable}")
    return "\n".join(lines) + "\n"
