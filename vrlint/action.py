"""What the GitHub Action runs: ``python -m vrlint.action``.

``action.yml`` hands the action's inputs over in environment variables,
never by pasting them into a shell script (a pull request from a fork
controls branch names, titles and file names: interpolated into ``run:``
they would be shell injection). This module reads them:

``VRLINT_PATHS``
    files, directories (searched for ``*.md`` and ``*.markdown``, skipping
    hidden directories and ``node_modules``) or glob patterns (``**``
    works), separated by whitespace; quote a path that contains spaces.
``VRLINT_ARGS``
    more ``vrlint check`` options, e.g. ``--select VR2 --ignore VR304``.
    ``--fix``, ``--diff`` and ``--output-format`` are refused: the action
    reports, it never changes the checkout.
``VRLINT_FAIL_ON``
    ``error`` (default: fail when an error-level problem is reported),
    ``warning`` (fail on any problem) or ``never``.
``VRLINT_ONLY_CHANGED``
    ``true``: on a pull request, report only problems the pull request
    introduces (``vrlint check --new-since BASE``: findings matched by
    content, so a duplicate inserted above the original row or a renamed
    heading that breaks the table of contents is reported wherever it is
    anchored).
``VRLINT_SARIF_FILE``
    also write the reported problems to this SARIF file.

and GitHub's own ``GITHUB_*`` variables. It lints in-process with
``vrlint check --output-format json``, prints one workflow command per
reported problem (``--output-format github``), appends a summary of all of
them to ``$GITHUB_STEP_SUMMARY`` and sets the step outputs ``problems``,
``errors`` and ``warnings``. Anything vrlint printed on standard error
(file names, which a pull request controls) is shown between
``::stop-commands::`` markers so it cannot issue workflow commands.

The base: for a pull request the event names the base and head commits;
the files are compared with their merge base, or, when the checkout is
GitHub's test merge commit, with its first parent. Should vrlint be unable
to read a file at that commit, the action falls back to changed lines.

Changed lines (the fallback): for a pull request the event names the base and head
commits. When the checkout is the pull request's head, the changed lines
are those of ``git diff --unified=0 BASE...HEAD`` (against the merge base,
like GitHub's "Files changed"); when it is GitHub's test merge commit (the
default of ``actions/checkout`` for ``pull_request``), whose second parent
is the head, they are those of ``git diff HEAD^1 HEAD``, which are numbered
like the checked-out files. Missing commits are fetched (``fetch-depth: 0``
in ``actions/checkout`` avoids that). A problem is reported when any line
of its span was added or changed.

Only regular files inside ``GITHUB_WORKSPACE`` are read, symbolic links
resolved: a path that leads outside is refused with one error (a pull
request can commit ``README.md`` as a link to ``/proc/self/environ``).
Online results are cached in ``$RUNNER_TEMP/vrlint-cache``, never in the
checkout (``--cache-dir`` inside the workspace is refused).

Exit status: 0, or 1 when ``fail-on`` is met, or 2 when vrlint could not
check a file or an input is invalid.
"""

from __future__ import annotations

import contextlib
import glob
import io
import json
import os
import re
import secrets
import shlex
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from vrlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vrlint.document import Document, Span
from vrlint.files import walk_markdown
from vrlint.lazyre import lazy_pattern
from vrlint.reporting.github import escape_data
from vrlint.revision import RevisionError, run_git

FAIL_ON = ("error", "warning", "never")
#: what the step runs: ``vrlint check`` (report findings) or ``vrlint format --check``
MODES = ("check", "format-check")
_HUNK = lazy_pattern(r"@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0", "")


class ActionError(Exception):
    """An input the action cannot use; the message is shown as an error."""


# -- workflow commands -----------------------------------------------------------
def _command(kind: str, message: str) -> str:
    from vrlint.reporting.github import escape_data

    return f"::{kind}::{escape_data(message)}"


@contextlib.contextmanager
def _commands_stopped(out: TextIO) -> Iterator[None]:
    """Untrusted text printed inside cannot be read as workflow commands."""
    token = secrets.token_hex(16)
    out.write(f"::stop-commands::{token}\n")
    try:
        yield
    finally:
        out.write(f"::{token}::\n")


# -- inputs -----------------------------------------------------------------------
@dataclass
class Inputs:
    paths: list[str]
    args: list[str]
    fail_on: str = "error"
    only_changed: bool = False
    sarif_file: str = ""
    mode: str = "check"
    #: ``--cache-dir`` outside the checkout, unless ``args`` name one
    cache_args: list[str] = field(default_factory=list)


def read_inputs(environ: Mapping[str, str]) -> Inputs:
    try:
        paths = shlex.split(environ.get("VRLINT_PATHS", ""))
        args = shlex.split(environ.get("VRLINT_ARGS", ""))
    except ValueError as error:
        raise ActionError(f"cannot split paths or args: {error} (check the quotes)") from None
    fail_on = environ.get("VRLINT_FAIL_ON", "error").strip().lower() or "error"
    if fail_on not in FAIL_ON:
        raise ActionError(f"fail-on must be error, warning or never, not {fail_on!r}")
    only = environ.get("VRLINT_ONLY_CHANGED", "false").strip().lower()
    if only not in _TRUE + _FALSE:
        raise ActionError(f"only-changed must be true or false, not {only!r}")
    _check_args(args)
    cache_args = _cache_args(args, environ)
    if not paths:
        raise ActionError("paths is empty: name the Markdown files to check")
    mode = environ.get("VRLINT_MODE", "check").strip().lower() or "check"
    if mode not in MODES:
        raise ActionError(f"mode must be check or format-check, not {mode!r}")
    sarif_file = environ.get("VRLINT_SARIF_FILE", "").strip()
    return Inputs(paths, args, fail_on, only in _TRUE, sarif_file, mode, cache_args)


def fix_options(args: Sequence[str]) -> list[str]:
    """The options of ``args`` that a local ``vrlint --fix`` needs to repair
    the same findings: the rule selection and the configuration file."""
    from vrlint.cli import build_parser

    with contextlib.redirect_stdout(io.StringIO()):
        parsed = build_parser().parse_args(["check", *args, "--", "placeholder.md"])
    options: list[str] = []
    for flag, values in (("--select", parsed.select), ("--ignore", parsed.ignore)):
        for value in values or []:
            options += [flag, value]
    if parsed.config is not None:
        options += ["--config", str(parsed.config)]
    return options


def _check_args(args: list[str]) -> None:
    """Refuse options that would change files or the output format.

    Read with vrlint's own parser, so an abbreviation (``--fi``) counts.
    """
    from vrlint.cli import UsageError, build_parser

    if "--" in args:
        raise ActionError("args: '--' is not accepted; name the files in paths")
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            parsed = build_parser().parse_args(["check", *args, "--", "placeholder.md"])
    except UsageError as error:
        raise ActionError(f"args: {error}") from None
    except SystemExit:  # --help
        raise ActionError("args: --help is not accepted; see `vrlint check --help`") from None
    refused = [
        flag
        for flag, used in (
            ("--fix", parsed.fix),
            ("--unsafe-fixes", parsed.unsafe_fixes),
            ("--diff", parsed.diff),
            ("--show-fixes", parsed.show_fixes),  # implies --fix
        )
        if used
    ]
    refused += [  # they write a file, or print something other than the report the action reads
        flag
        for flag, used in (("--write-baseline", parsed.write_baseline), ("--statistics", parsed.statistics))
        if used
    ]
    refused += [
        "--output-format"
        for arg in args
        if len(arg.split("=", 1)[0]) >= 4 and "--output-format".startswith(arg.split("=", 1)[0])
    ]
    if refused:
        raise ActionError(
            f"args: {refused[0]} is not available in the action, which only reports "
            "(run `vrlint --fix` yourself; use the sarif-file input for SARIF)"
        )


def _cache_args(args: list[str], environ: Mapping[str, str]) -> list[str]:
    """``--cache-dir`` in the runner's temporary directory unless ``args`` name one,
    which must be outside the workspace: a pull request controls the checkout,
    and a cache planted there could hide dead links or forge fixes."""
    from vrlint.cli import build_parser

    with contextlib.redirect_stdout(io.StringIO()):
        parsed = build_parser().parse_args(["check", *args, "--", "placeholder.md"])
    workspace = os.path.realpath(environ.get("GITHUB_WORKSPACE") or os.getcwd())
    if parsed.cache_dir is None:
        runner_temp = environ.get("RUNNER_TEMP") or tempfile.gettempdir()
        return ["--cache-dir", os.path.join(runner_temp, "vrlint-cache")]
    chosen = os.path.realpath(parsed.cache_dir)
    if chosen == workspace or chosen.startswith(workspace.rstrip(os.sep) + os.sep):
        raise ActionError("args: --cache-dir must be outside the checkout (a pull request controls it)")
    return []


def expand_paths(patterns: Sequence[str], out: TextIO) -> list[str]:
    """Files to lint: globs expanded, directories searched for Markdown."""
    found: list[str] = []
    for pattern in patterns:
        if glob.has_magic(pattern):
            matches = sorted(m for m in glob.glob(pattern, recursive=True) if os.path.isfile(m))
            if not matches:
                out.write(_command("warning", f"vrlint: no file matches {pattern}") + "\n")
            found.extend(matches)
        elif os.path.isdir(pattern):
            matches = list(_markdown_files(pattern))
            if not matches:
                out.write(_command("warning", f"vrlint: no Markdown file in {pattern}") + "\n")
            found.extend(matches)
        else:
            found.append(pattern)  # a missing file is reported by vrlint
    return list(dict.fromkeys(os.path.normpath(p) for p in found))


def inside_workspace(files: Sequence[str], environ: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Files that are regular files inside the workspace once symbolic links
    are resolved, and one error message per other file.

    A pull request controls the checkout: ``README.md`` can be a link to
    ``/proc/self/environ``, and what vrlint reads may be quoted in
    annotations, the job summary and SARIF, which outlive the job.
    """
    from vrlint.io import InputError, refuse_outside

    workspace = Path(environ.get("GITHUB_WORKSPACE") or os.getcwd())
    kept: list[str] = []
    refused: list[str] = []
    for name in files:
        try:
            refuse_outside(Path(name), workspace)
        except InputError as error:
            refused.append(str(error))
        else:
            kept.append(name)
    return kept, refused


def _markdown_files(directory: str) -> Iterator[str]:
    for root, name in walk_markdown(directory):
        yield os.path.join(root, name)  # as given: the annotations show these paths


# -- running vrlint ---------------------------------------------------------------
@dataclass
class Outcome:
    diagnostics: list[Diagnostic]
    documents: dict[str, Document]
    exit_code: int
    stderr: str
    failed: bool = False


def run_vrlint(args: Sequence[str], files: Sequence[str]) -> Outcome:
    """``vrlint check ARGS -- FILES --output-format json``, in this process."""
    from vrlint.cli import main as cli_main

    stdout, stderr = io.StringIO(), io.StringIO()
    argv = ["check", *args, "--no-follow-outside", "--output-format", "json", "--color", "never", "--", *files]
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli_main(argv)
    try:
        items = json.loads(stdout.getvalue()) if stdout.getvalue().strip() else []
    except json.JSONDecodeError:
        items = None
    if not isinstance(items, list):
        return Outcome([], {}, code, stderr.getvalue(), failed=True)
    documents: dict[str, Document] = {}
    diagnostics = [_diagnostic(item, documents) for item in items]
    return Outcome(diagnostics, documents, code, stderr.getvalue(), failed=code == 2)


def _document(path: str, documents: dict[str, Document]) -> Document | None:
    if path not in documents:
        from vrlint.parsing import parse

        try:
            with open(path, encoding="utf-8", newline="") as handle:
                documents[path] = parse(handle.read())
        except (OSError, UnicodeDecodeError):
            return None
    return documents[path]


def _offset(document: Document | None, line: int, column: int) -> int:
    if document is None or not 1 <= line <= len(document.lines):
        return 0
    return document.line(line).start + max(column, 1) - 1


def _diagnostic(item: dict[str, Any], documents: dict[str, Document]) -> Diagnostic:
    """Back from ``Diagnostic.to_json``; offsets are recomputed from the file."""
    path = str(item["path"])
    document = _document(path, documents)
    start = _offset(document, item["line"], item["column"])
    end = max(start, _offset(document, item["end_line"], item["end_column"]))
    span = Span.at(item["line"], item["column"], item["end_line"], item["end_column"], start, end)
    fix = None
    if item.get("fix"):
        raw = item["fix"]
        edits = tuple(Edit(e["start"], e["end"], e["content"]) for e in raw["edits"])
        fix = Fix(raw["applicability"], raw["message"], edits)
    severity: Severity = "error" if item["severity"] == "error" else "warning"
    return Diagnostic(item["code"], item["name"], severity, item["message"], span, path, fix)


# -- changed lines ----------------------------------------------------------------
class GitError(Exception):
    pass


def _git(*args: str, cwd: str | None = None) -> str:
    """Run git; its output decoded without newline translation."""
    try:
        proc = run_git(args, cwd, timeout=300)
    except RevisionError as error:
        raise GitError(f"git {args[0]}: {error}") from None
    if proc.returncode != 0:
        message = " ".join(proc.stderr.decode("utf-8", "replace").split())  # every line, not the last only
        raise GitError(f"git {args[0]} failed: {message or f'exit status {proc.returncode}'}")
    return proc.stdout.decode("utf-8", "surrogateescape")


def _has_commit(sha: str, cwd: str | None) -> bool:
    try:
        _git("cat-file", "-e", f"{sha}^{{commit}}", cwd=cwd)
    except GitError:
        return False
    return True


def _ensure_commit(sha: str, cwd: str | None) -> None:
    if not _has_commit(sha, cwd):
        _git("fetch", "--no-tags", "--quiet", "--depth=1", "origin", sha, cwd=cwd)


def _parents(cwd: str | None) -> list[str]:
    """HEAD's parents, read from the commit object (works in shallow clones)."""
    raw = _git("cat-file", "commit", "HEAD", cwd=cwd)
    parents = []
    for line in raw.splitlines():
        if not line:
            break
        if line.startswith("parent "):
            parents.append(line.split()[1])
    return parents


@dataclass
class DiffRange:
    old: str
    new: str
    merge_base: bool  # three dots: old...new


def diff_range(base: str, head: str, cwd: str | None = None) -> DiffRange:
    """Which two commits to compare so line numbers match the checkout."""
    current = _git("rev-parse", "HEAD", cwd=cwd).strip()
    if current != head:
        parents = _parents(cwd)
        if len(parents) == 2 and parents[1] == head:
            _ensure_commit(parents[0], cwd)
            return DiffRange(parents[0], current, merge_base=False)
    _ensure_commit(base, cwd)
    _ensure_commit(head, cwd)
    try:
        _git("merge-base", base, head, cwd=cwd)
    except GitError:
        if _git("rev-parse", "--is-shallow-repository", cwd=cwd).strip() != "true":
            raise
        _git("fetch", "--no-tags", "--quiet", "--unshallow", "origin", cwd=cwd)
        _git("merge-base", base, head, cwd=cwd)
    return DiffRange(base, head, merge_base=True)


def _git_unquote(name: str) -> str:
    """A path as ``git diff`` prints it: C-quoted when it has odd characters."""
    if not (len(name) >= 2 and name.startswith('"') and name.endswith('"')):
        return name
    body = name[1:-1]
    out = bytearray()
    simple = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in simple:
                out.append(simple[nxt])
                i += 2
                continue
            if body[i + 1 : i + 4].isdigit() and len(body[i + 1 : i + 4]) == 3:
                out.append(int(body[i + 1 : i + 4], 8) & 0xFF)
                i += 4
                continue
        out.extend(ch.encode("utf-8", "surrogateescape"))
        i += 1
    return out.decode("utf-8", "surrogateescape")


def parse_unified_diff(text: str) -> dict[str, set[int]]:
    """New-side line numbers added or changed, per file, from ``--unified=0``."""
    changed: dict[str, set[int]] = {}
    current: str | None = None
    old_left = new_left = 0
    for line in text.split("\n"):
        if old_left > 0 or new_left > 0:  # inside a hunk: count its lines off
            if line.startswith("-") and old_left > 0:
                old_left -= 1
                continue
            if line.startswith("+") and new_left > 0:
                new_left -= 1
                continue
            if line.startswith("\\"):
                continue
            old_left = new_left = 0  # a short hunk: read the line as a header
        if line.startswith("\\"):
            continue  # "\ No newline at end of file" after a hunk's last line
        if line.startswith("diff --git "):
            current = None
        elif line.startswith("+++ "):
            target = _git_unquote(line[4:].rstrip("\t"))
            current = target[2:] if target.startswith("b/") else None
            if current is not None:
                changed.setdefault(current, set())
        elif line.startswith("@@ ") and current is not None:
            match = _HUNK.match(line)
            if match is None:
                continue
            old_count = int(match.group(1)) if match.group(1) is not None else 1
            start = int(match.group(2))
            count = int(match.group(3)) if match.group(3) is not None else 1
            changed[current].update(range(start, start + count))
            old_left, new_left = old_count, count
    return changed


def changed_lines(base: str, head: str, cwd: str | None = None) -> dict[Path, set[int]]:
    """Lines added or changed by the pull request, keyed by resolved path."""
    top = Path(_git("rev-parse", "--show-toplevel", cwd=cwd).strip())
    span = diff_range(base, head, cwd)
    revisions = [f"{span.old}...{span.new}"] if span.merge_base else [span.old, span.new]
    output = _git(
        "diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-textconv", "-M",
        "--src-prefix=a/", "--dst-prefix=b/", *revisions, "--",
        cwd=cwd,
    )  # fmt: skip
    return {(top / name).resolve(): lines for name, lines in parse_unified_diff(output).items()}


def pull_request_commits(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """(base sha, head sha) from the event payload, or None if not a PR."""
    event_path = environ.get("GITHUB_EVENT_PATH")
    if not event_path:
        return None
    try:
        with open(event_path, encoding="utf-8") as handle:
            event = json.load(handle)
        pull = event["pull_request"]
        base, head = str(pull["base"]["sha"]), str(pull["head"]["sha"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not (re.fullmatch(r"[0-9a-f]{40,64}", base) and re.fullmatch(r"[0-9a-f]{40,64}", head)):
        return None
    return base, head


def _touches(diagnostic: Diagnostic, lines: set[int]) -> bool:
    span = diagnostic.span
    last = span.end_line
    if last > span.line and span.end_column == 1:
        last -= 1  # the span stops at the start of that line
    return any(n in lines for n in range(span.line, last + 1))


def only_changed(diagnostics: list[Diagnostic], changed: dict[Path, set[int]]) -> list[Diagnostic]:
    kept = []
    for diagnostic in diagnostics:
        lines = changed.get(Path(diagnostic.path).resolve())
        if lines and _touches(diagnostic, lines):
            kept.append(diagnostic)
    return kept


def comparison_base(base: str, head: str, cwd: str | None = None) -> str:
    """The commit whose files the checkout is compared with: the merge base
    of the pull request, or the first parent of GitHub's test merge commit."""
    span = diff_range(base, head, cwd)
    if span.merge_base:
        return _git("merge-base", span.old, span.new, cwd=cwd).strip()
    return span.old


def _comparison_base(inputs: Inputs, environ: Mapping[str, str], out: TextIO, notes: list[str]) -> str | None:
    """For only-changed on a pull request: the base commit for ``--new-since``."""
    if not inputs.only_changed:
        return None
    commits = pull_request_commits(environ)
    if commits is None:
        notes.append("_only-changed applies to pull requests: every line was checked._")
        return None
    try:
        since = comparison_base(*commits)
    except GitError as error:
        out.write(
            _command(
                "warning",
                f"vrlint: cannot read the pull request's base commit ({error}); "
                "reporting every problem. Use actions/checkout with fetch-depth: 0.",
            )
            + "\n"
        )
        notes.append("_only-changed: the base commit could not be read, so every problem is reported._")
        return None
    notes.append(
        f"_Only problems this pull request introduces are reported: findings the files already had at "
        f"`{since[:12]}` are not shown (matched by content, so moved rows stay known)._"
    )
    return since


def _changed_lines_only(
    diagnostics: list[Diagnostic], environ: Mapping[str, str], out: TextIO, notes: list[str]
) -> list[Diagnostic]:
    """The fallback of only-changed: problems on lines the pull request touches."""
    notes.clear()
    commits = pull_request_commits(environ)
    if commits is None:
        return diagnostics
    try:
        changed = changed_lines(*commits)
    except GitError as error:
        out.write(
            _command(
                "warning",
                f"vrlint: cannot tell which lines the pull request changed ({error}); "
                "reporting every line. Use actions/checkout with fetch-depth: 0.",
            )
            + "\n"
        )
        notes.append("_only-changed: the changed lines could not be read, so every line is reported._")
        return diagnostics
    reported = only_changed(diagnostics, changed)
    hidden = len(diagnostics) - len(reported)
    note = "_Only lines this pull request adds or changes are reported"
    if hidden:
        note += f"; {hidden} more problem{'s' if hidden != 1 else ''} elsewhere in the files"
        note += " are not shown" if hidden != 1 else " is not shown"
    notes.append(note + "._")
    return reported


# -- the step ---------------------------------------------------------------------
@dataclass
class Result:
    reported: list[Diagnostic] = field(default_factory=list)
    exit_code: int = 0


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)


def _blob_url(environ: Mapping[str, str]) -> str | None:
    server = environ.get("GITHUB_SERVER_URL", "").rstrip("/")
    repository = environ.get("GITHUB_REPOSITORY", "")
    try:
        sha = _git("rev-parse", "HEAD").strip()
    except GitError:
        sha = environ.get("GITHUB_SHA", "")
    if not (server.startswith("https://") and re.fullmatch(r"[\w.-]+/[\w.-]+", repository)):
        return None
    if not re.fullmatch(r"[0-9a-f]{40,64}", sha):
        return None
    return f"{server}/{repository}/blob/{sha}"


def run(environ: Mapping[str, str], out: TextIO) -> int:
    from vrlint.reporting import Report
    from vrlint.reporting.github import render_github
    from vrlint.reporting.summary import render_summary

    try:
        inputs = read_inputs(environ)
    except ActionError as error:
        out.write(_command("error", f"vrlint: {error}") + "\n")
        return 2
    files, refused = inside_workspace(expand_paths(inputs.paths, out), environ)
    for message in refused:
        out.write(_command("error", f"vrlint: {message}") + "\n")
    if refused and not files:
        return 2
    if not files:
        out.write(_command("error", "vrlint: no Markdown file to check (see the paths input)") + "\n")
        return 2
    notes: list[str] = []
    since = _comparison_base(inputs, environ, out, notes)
    if inputs.mode == "format-check":
        return run_format_check(inputs, files, environ, out)
    args = [*inputs.args, *inputs.cache_args]
    outcome = run_vrlint([*args, *(["--new-since", since] if since else [])], files)
    if since and outcome.exit_code == 2 and "--new-since" in outcome.stderr:
        # vrlint could not read the files at the base: fall back to changed lines
        out.write(_command("warning", f"vrlint: cannot compare with the base commit: {outcome.stderr.strip()}") + "\n")
        outcome = run_vrlint(args, files)
        reported = _changed_lines_only(outcome.diagnostics, environ, out, notes)
    else:
        reported = outcome.diagnostics
        known = re.search(r"^vrlint: (\d+) findings? already present at ", outcome.stderr, flags=re.MULTILINE)
        if since and known:
            hidden = int(known.group(1))
            notes.append(
                f"_{hidden} more problem{'s' if hidden != 1 else ''} the files already had "
                f"{'are' if hidden != 1 else 'is'} not shown._"
            )
    if outcome.stderr.strip():
        with _commands_stopped(out):
            out.write(outcome.stderr if outcome.stderr.endswith("\n") else outcome.stderr + "\n")
    if outcome.exit_code == 2:
        out.write(_command("error", "vrlint: could not check every file; see the messages above") + "\n")

    report = Report(diagnostics=reported, documents=outcome.documents)
    out.write(render_github(report))
    errors = sum(1 for d in reported if d.severity == "error")
    warnings = len(reported) - errors
    summary_path = environ.get("GITHUB_STEP_SUMMARY")
    out.write(
        f"vrlint: {len(reported)} problem{'s' if len(reported) != 1 else ''} "
        f"({errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}) "
        f"in {len(files)} file{'s' if len(files) != 1 else ''} checked"
        + ("; the job summary lists them all.\n" if summary_path and reported else ".\n")
    )
    if outcome.failed and outcome.exit_code != 2:
        out.write(_command("error", "vrlint: no report was produced; see the messages above") + "\n")
    summary = render_summary(
        report, files_checked=len(files), notes=notes, blob_url=_blob_url(environ), options=fix_options(inputs.args)
    )
    _append(summary_path, summary + "\n")
    _append(environ.get("GITHUB_OUTPUT"), f"problems={len(reported)}\nerrors={errors}\nwarnings={warnings}\n")
    if inputs.sarif_file:
        from vrlint.reporting.sarif import render_sarif

        Path(inputs.sarif_file).write_text(render_sarif(report), encoding="utf-8")

    if outcome.failed or outcome.exit_code == 2 or refused:
        return 2
    if inputs.fail_on == "error" and errors:
        return 1
    if inputs.fail_on == "warning" and reported:
        return 1
    return 0


def run_format_check(inputs: Inputs, files: list[str], environ: Mapping[str, str], out: TextIO) -> int:
    """``mode: format-check``: what the ``vrlint-format`` hook enforces. One
    annotation per file whose tables ``vrlint format`` would rewrite, and the
    command that rewrites them in the job summary."""
    from vrlint.config import ConfigError, load_config
    from vrlint.fixing import FormatError, format_text
    from vrlint.io import InputError, read_source
    from vrlint.reporting.github import annotation_path, escape_property
    from vrlint.reporting.summary import escape_markdown, shell_block

    explicit = fix_options(inputs.args)
    config_file = Path(explicit[explicit.index("--config") + 1]) if "--config" in explicit else None
    pending: list[str] = []
    problems: list[str] = []
    for name in files:
        try:
            source = read_source(Path(name))
            if format_text(source.text, load_config(Path(name), config_file)) != source.text:
                pending.append(name)
        except (InputError, ConfigError, FormatError) as error:
            problems.append(f"vrlint: {name}: {error}" if isinstance(error, FormatError) else f"vrlint: {error}")
    if problems:
        with _commands_stopped(out):
            out.write("".join(problem + "\n" for problem in problems))
        out.write(_command("error", "vrlint: could not check every file; see the messages above") + "\n")
    message = escape_data("vrlint format would rewrite the tables of this file (run `vrlint format` on it)")
    for name in pending:
        out.write(f"::error file={escape_property(annotation_path(name))},title=vrlint format::{message}\n")
    plural = "s" if len(files) != 1 else ""
    if pending:
        options = ["--config", str(config_file)] if config_file else []
        separator = ["--"] if any(n.startswith("-") for n in pending) else []
        command = shlex.join(["vrlint", "format", *options, *separator, *pending])
        listing = "".join(f"- {escape_markdown(n)}\n" for n in pending)
        summary = (
            f"## vrlint format: {len(pending)} of {len(files)} file{plural} to reformat\n\n{listing}\n"
            f"In a checkout of this branch, run:\n\n{shell_block(command)}"
        )
    else:
        summary = f"## vrlint format: {len(files)} file{plural} already formatted\n"
    out.write(f"vrlint format: {len(pending)} of {len(files)} file{plural} would be rewritten.\n")
    _append(environ.get("GITHUB_STEP_SUMMARY"), summary + "\n")
    _append(environ.get("GITHUB_OUTPUT"), f"problems={len(pending)}\nerrors={len(pending)}\nwarnings=0\n")
    if problems:
        return 2
    return 1 if pending and inputs.fail_on != "never" else 0


def main() -> int:
    code = run(os.environ, sys.stdout)
    sys.stdout.flush()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
