"""A Markdown summary of every finding, for ``$GITHUB_STEP_SUMMARY``.

GitHub shows only 10 error and 10 warning annotations per step, so the
action also writes this page: the totals, a table of counts per rule with
how many ``vrlint --fix`` would repair, and a table per file with every
finding. Text that comes from the linted file (messages quote cells, URLs
and headings) is escaped so it cannot break the tables or inject Markdown
or HTML. GitHub refuses a step summary over 1 MiB; past ``limit`` the rows
stop with a note saying how many were left out (the counts stay complete).
"""

from __future__ import annotations

import re
import urllib.parse
from collections import Counter
from collections.abc import Sequence

from vrlint.diagnostics import Diagnostic
from vrlint.lazyre import lazy_pattern
from vrlint.reporting import Report
from vrlint.reporting.github import annotation_path

#: GitHub's limit is 1 MiB per step; keep a margin for other steps' text
SUMMARY_LIMIT = 1000 * 1024

#: ASCII punctuation that means something in GitHub Markdown (math: $)
_SPECIAL = frozenset("\\`*_[]<>|~!&@$#")
#: a code span in a message: one backtick, no backtick or newline inside
_CODE_SPAN = lazy_pattern(r"`[^`\n]+`")


def escape_markdown(text: str) -> str:
    """Plain text as it should read inside a GitHub Markdown table cell.

    Single-backtick code spans are kept (messages quote code that way);
    everything else that Markdown or HTML would interpret is escaped, and
    ``|`` is escaped everywhere, as GFM tables require even in code spans.
    """
    flat = " ".join(text.splitlines())
    out: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(flat):
        out.append(_escape_plain(flat[position : match.start()]))
        out.append(match.group(0).replace("|", "\\|"))
        position = match.end()
    out.append(_escape_plain(flat[position:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _fix_cell(diagnostic: Diagnostic) -> str:
    fix = diagnostic.fix
    if fix is None:
        return ""
    flag = "`--fix`" if fix.applicability == "safe" else "`--fix --unsafe-fixes`"
    return f"{flag}: {escape_markdown(fix.message)}" if fix.message else flag


def _location(diagnostic: Diagnostic, path: str, blob_url: str | None) -> str:
    text = f"{diagnostic.span.line}:{diagnostic.span.column}"
    if blob_url and path and not path.startswith(("/", "..")):
        url = f"{blob_url.rstrip('/')}/{urllib.parse.quote(path)}#L{diagnostic.span.line}"
        return f"[{text}]({url})"
    return text


def shell_block(command: str) -> str:
    """A fenced block longer than any backtick run in ``command`` (a file name
    from a pull request cannot close it)."""
    longest = max((len(run) for run in re.findall(r"`+", command)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}sh\n{command}\n{fence}\n"


def fix_commands(diagnostics: Sequence[Diagnostic], options: Sequence[str] = ()) -> str:
    """"How to repair them": the exact ``vrlint --fix`` command for the files
    with safe fixes (and the ``--unsafe-fixes`` one), as Markdown."""
    import shlex

    out = []
    for flags, applicability, what in (
        (["--fix"], "safe", "safe fixes"),
        (["--fix", "--unsafe-fixes"], "unsafe", "fixes where vrlint has to guess (review them)"),
    ):
        fixable = [d for d in diagnostics if d.fix is not None and d.fix.applicability == applicability]
        if not fixable:
            continue
        files = list(dict.fromkeys(d.path for d in fixable))
        separator = ["--"] if any(f.startswith("-") for f in files) else []
        command = shlex.join(["vrlint", *flags, *options, *separator, *files])
        out.append(
            f"\n{_plural(len(fixable), 'finding')} {'has' if len(fixable) == 1 else 'have'} {what}; "
            f"in a checkout of this branch, run:\n\n{shell_block(command)}"
        )
    return "".join(out)


def render_summary(
    report: Report,
    *,
    files_checked: int | None = None,
    notes: Sequence[str] = (),
    blob_url: str | None = None,
    limit: int = SUMMARY_LIMIT,
    options: Sequence[str] = (),
) -> str:
    """The summary page; ``notes`` are trusted Markdown lines shown under the title.

    ``blob_url`` (``https://github.com/OWNER/REPO/blob/SHA``) turns each
    location into a link to the line. ``options`` (the check options the
    run used, e.g. ``--select VR2``) go into the ``vrlint --fix`` command
    the page shows for the files with fixable findings.
    """
    diagnostics = report.diagnostics
    total = len(diagnostics)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    safe = sum(1 for d in diagnostics if d.fix is not None and d.fix.applicability == "safe")
    unsafe = sum(1 for d in diagnostics if d.fix is not None and d.fix.applicability == "unsafe")
    paths = list(dict.fromkeys(d.path for d in diagnostics))
    out: list[str] = []
    if total == 0:
        checked = f" in {_plural(files_checked, 'file')}" if files_checked is not None else ""
        out.append(f"## vrlint: no problems{checked}\n")
        out.extend(f"\n{note}\n" for note in notes)
        return "".join(out)
    out.append(f"## vrlint: {_plural(total, 'problem')} in {_plural(len(paths), 'file')}\n\n")
    sentence = f"{_plural(errors, 'error')}, {_plural(total - errors, 'warning')}"
    if files_checked is not None:
        sentence += f" ({_plural(files_checked, 'file')} checked)"
    sentence += ". "
    if safe:
        sentence += f"`vrlint --fix` would repair {safe}"
        sentence += f"; `vrlint --fix --unsafe-fixes` {unsafe} more." if unsafe else "."
    elif unsafe:
        sentence += f"`vrlint --fix --unsafe-fixes` would repair {unsafe} (vrlint has to guess; review them)."
    else:
        sentence += "None can be repaired automatically."
    out.append(sentence + "\n")
    out.extend(f"\n{note}\n" for note in notes)

    out.append(fix_commands(diagnostics, options))
    out.append("\n### Problems per rule\n\n")
    out.append("| Rule | Name | Severity | Problems | `--fix` | `--unsafe-fixes` |\n")
    out.append("| --- | --- | --- | ---: | ---: | ---: |\n")
    per_rule = Counter(d.code for d in diagnostics)
    first = {d.code: d for d in reversed(diagnostics)}
    safe_per_rule = Counter(d.code for d in diagnostics if d.fix and d.fix.applicability == "safe")
    unsafe_per_rule = Counter(d.code for d in diagnostics if d.fix and d.fix.applicability == "unsafe")
    for code in sorted(per_rule):
        sample = first[code]
        out.append(
            f"| {escape_markdown(code)} | `{sample.name}` | {sample.severity} | {per_rule[code]} "
            f"| {safe_per_rule[code]} | {unsafe_per_rule[code]} |\n"
        )

    size = sum(len(part.encode("utf-8")) for part in out)
    shown = 0
    budget_note = 300
    for path in paths:
        in_file = [d for d in diagnostics if d.path == path]
        shown_path = annotation_path(path)
        header = (
            f"\n### {escape_markdown(shown_path)}: {_plural(len(in_file), 'problem')}\n\n"
            "| Line:col | Rule | Severity | Message | Fix |\n| ---: | --- | --- | --- | --- |\n"
        )
        if size + len(header.encode("utf-8")) + budget_note > limit:
            break
        out.append(header)
        size += len(header.encode("utf-8"))
        for diagnostic in in_file:
            row = (
                f"| {_location(diagnostic, shown_path, blob_url)} | {diagnostic.code} "
                f"| {diagnostic.severity} | {escape_markdown(diagnostic.message)} | {_fix_cell(diagnostic)} |\n"
            )
            encoded = len(row.encode("utf-8"))
            if size + encoded + budget_note > limit:
                break
            out.append(row)
            size += encoded
            shown += 1
        else:
            continue
        break
    if shown < total:
        out.append(
            f"\n_{total - shown} more {'problem is' if total - shown == 1 else 'problems are'} not listed: "
            "GitHub limits a step summary to 1 MiB. Run `vrlint` locally to see every one._\n"
        )
    return "".join(out)
