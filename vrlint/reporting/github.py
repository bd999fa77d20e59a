"""``--output-format github``: GitHub Actions workflow commands.

One line per diagnostic::

    ::error file=README.md,line=12,col=5,endLine=12,endColumn=19,title=VR201 arxiv-badge-link-mismatch::message

A warning-level diagnostic uses ``::warning``. GitHub turns each line into
an annotation on the pull request's diff. Values are escaped as the
runner's parser expects (``actions/toolkit``, ``command.ts``): in the
message ``%``, ``\\r`` and ``\\n``; in a property additionally ``:`` and
``,``. Escaping newlines also means text taken from the linted file can
never start a workflow command of its own on a new line.

Columns are 1-based code points and ``endColumn`` is exclusive, like every
vrlint span. GitHub shows at most 10 error and 10 warning annotations per
step; the action therefore also writes a Markdown summary of all findings
(:mod:`vrlint.reporting.summary`).
"""

from __future__ import annotations

import os
from pathlib import PurePath, PurePosixPath

from vrlint.diagnostics import Diagnostic
from vrlint.reporting import Report


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: str, root: str | None = None) -> str:
    """The path GitHub expects: relative to the workspace, with ``/``.

    A relative path is kept (the action runs in the workspace); an
    absolute path inside ``root`` (default ``$GITHUB_WORKSPACE``, else the
    current directory) is made relative to it.
    """
    if not path:
        return path
    base = root if root is not None else os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path, base)
        except ValueError:  # another drive on Windows
            return PurePath(path).as_posix()
        if not relative.startswith(".."):
            path = relative
    posix = PurePosixPath(PurePath(path).as_posix())
    return str(posix)


def fix_hint(diagnostic: Diagnostic) -> str:
    """What ``vrlint --fix`` would do about it, as a sentence; "" if nothing."""
    fix = diagnostic.fix
    if fix is None:
        return ""
    command = "vrlint --fix" if fix.applicability == "safe" else "vrlint --fix --unsafe-fixes"
    message = fix.message.rstrip(". ")
    return f"Fix: {message} (`{command}`)." if message else f"Fix: `{command}`."


#: a grouped finding's annotation lists this many of its other places (the JSON and SARIF list all)
_PLACES_SHOWN = 20


def workflow_command(diagnostic: Diagnostic, root: str | None = None) -> str:
    """The ``::error``/``::warning`` line for one diagnostic."""
    span = diagnostic.span
    level = "error" if diagnostic.severity == "error" else "warning"
    properties = [
        ("file", annotation_path(diagnostic.path, root)),
        ("line", str(span.line)),
        ("col", str(span.column)),
        ("endLine", str(span.end_line)),
        ("endColumn", str(span.end_column)),
        ("title", f"{diagnostic.code} {diagnostic.name}"),
    ]
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties if value)
    message = diagnostic.message
    if diagnostic.related:  # a grouped finding: name its other places (annotations have one position)
        places = ", ".join(f"{r.line}:{r.column}" for r in diagnostic.related[:_PLACES_SHOWN])
        more = len(diagnostic.related) - _PLACES_SHOWN
        message = f"{message}\nAlso at {places}" + (f" and {more} more places." if more > 0 else ".")
    hint = fix_hint(diagnostic)
    if hint:
        message = f"{message}\n{hint}"
    return f"::{level} {rendered}::{escape_data(message)}"


def render_github(report: Report) -> str:
    return "".join(workflow_command(d) + "\n" for d in report.diagnostics)
