"""The ``vrlint`` command line.

    vrlint [check] PATH...      lint (default command); --fix, --diff, --select...
    vrlint format PATH...       keep or set the tables' style; --check, --diff, --style
    vrlint export PATH          typed records as json, jsonl or csv
    vrlint schema               JSON Schema of the export
    vrlint rules                list every rule
    vrlint rule CODE            explain one rule
    vrlint add ARXIV_ID...      add paper rows in the table's style and order
    vrlint sort PATH            sort tables by the order they mostly keep

Exit codes: 0 clean, 1 problems found (or, with --check/--diff, changes
pending), 2 usage, I/O, decoding or configuration error. Heavy modules are
imported only inside the commands: a pre-commit hook pays the start-up
time on every commit.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from vrlint._version import __version__

if TYPE_CHECKING:
    from vrlint.adoption import Screen
    from vrlint.config import Config
    from vrlint.diagnostics import Diagnostic
    from vrlint.document import Document
    from vrlint.io import Source
    from vrlint.online.options import OnlineOptions
    from vrlint.rules.base import OnlineFacts

OUTPUT_FORMATS = ("text", "concise", "json", "github", "sarif")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="use this configuration file instead of searching")
    parser.add_argument("--max-bytes", type=int, default=None, help="refuse files larger than this (default 10 MB)")
    parser.add_argument(
        "--no-follow-outside",
        action="store_true",
        help="refuse a path that, symbolic links resolved, is not a file inside the current directory",
    )


_PATHS_HELP = "Markdown files, directories (searched for *.md) or glob patterns; `-` reads standard input"


def _add_adoption(parser: argparse.ArgumentParser) -> None:
    """Options for a list that already has findings (vrlint/adoption.py)."""
    parser.add_argument(
        "--baseline", type=Path, metavar="PATH",
        help="hide the findings recorded in this file (default: .vrlint-baseline.json when it exists)",
    )  # fmt: skip
    parser.add_argument(
        "--write-baseline", nargs="?", const=Path(".vrlint-baseline.json"), type=Path, metavar="PATH",
        help="record the current findings as known (default file .vrlint-baseline.json) and exit 0",
    )  # fmt: skip
    parser.add_argument("--new-since", metavar="REF", help="report only findings not present at git revision REF")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line. With ``command``, only that subcommand gets its options and
    the others are only listed: building all ~75 options is a few milliseconds of
    every pre-commit run."""
    parser = _Parser(prog="vrlint", description="Lint and format the paper tables of awesome lists.")
    parser.add_argument("--version", action="version", version=f"vrlint {__version__}")
    sub = parser.add_subparsers(dest="command")
    for name, (help_text, add_options) in _SUBCOMMANDS.items():
        subparser = sub.add_parser(name, help=help_text)
        if command is None or name == command:
            add_options(subparser)
    return parser


def _add_check(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=_PATHS_HELP)
    check.add_argument(
        "--select",
        action="append",
        help="only these codes or prefixes (VR2, VR408, ALL); a prefix picks the default rules under it",
    )
    check.add_argument(
        "--extend-select", action="append", help="add these codes to the selection (e.g. style rules: VR408,VR206)"
    )
    check.add_argument("--ignore", action="append", help="skip these codes or prefixes")
    check.add_argument("--output-format", default=None, choices=OUTPUT_FORMATS)
    check.add_argument("--fix", action="store_true", help="apply safe fixes (the layout is kept)")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix, also apply unsafe fixes")
    check.add_argument("--diff", action="store_true", help="with --fix: print the changes, write nothing")
    check.add_argument("--show-fixes", action="store_true", help="with --fix: list each fix (line, before -> after)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    check.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="warning",
        help="exit 1 on findings of this severity or worse (default: warning, i.e. any finding)",
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--online", action="store_true", help="also check links and arXiv metadata")
    check.add_argument("--check-links", action="store_true", help="request every external link")
    check.add_argument("--check-arxiv", action="store_true", help="look arXiv IDs up in the arXiv API")
    check.add_argument("--cache-dir", type=Path, help="where online results are cached")
    check.add_argument("--arxiv-api-url", help="arXiv API endpoint (default: export.arxiv.org; a mirror)")
    check.add_argument("--allow-private-hosts", action="store_true", help="allow loopback/private hosts")
    check.add_argument("--timeout", type=float, default=None, help="seconds per online request")
    check.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="files linted at once (default: one per CPU; 1: no pool)"
    )
    _add_adoption(check)
    check.add_argument("--statistics", action="store_true", help="print how many findings each rule made, not each one")
    check.add_argument("-q", "--quiet", action="store_true", help="print the findings only: no summary, no notes")
    check.add_argument(
        "--stdin-filename", metavar="NAME", help="the name of the file read from `-` (messages, configuration)"
    )
    _add_common(check)


def _add_format(fmt: argparse.ArgumentParser) -> None:
    fmt.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=_PATHS_HELP)
    fmt.add_argument("--stdin-filename", metavar="NAME", help="the name of the file read from `-` (configuration)")
    fmt.add_argument("--check", action="store_true", help="exit 1 if a file would change")
    fmt.add_argument("--diff", action="store_true", help="print a unified diff, write nothing")
    fmt.add_argument(
        "--style",
        choices=("preserve", "aligned", "compact", "auto"),
        help="table style (default: config, else preserve)",
    )
    _add_common(fmt)


def _add_export(export: argparse.ArgumentParser) -> None:
    export.add_argument("path", type=Path, metavar="PATH")
    export.add_argument("--format", dest="export_format", choices=("json", "jsonl", "csv"), default="json")
    export.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    _add_common(export)


def _add_nothing(parser: argparse.ArgumentParser) -> None:
    """``vrlint schema`` has no options."""


def _add_rules(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("--output-format", choices=("text", "json"), default="text")


def _add_rule(rule: argparse.ArgumentParser) -> None:
    rule.add_argument("code", metavar="CODE")


def _add_add(add: argparse.ArgumentParser) -> None:
    """``vrlint add`` (its work, like ``sort``'s, is in :mod:`vrlint.rows.commands`)."""
    add.add_argument("ids", nargs="*", metavar="ARXIV_ID", help="arXiv IDs or URLs")
    add.add_argument("--to", type=Path, default=Path("README.md"), help="the file (default README.md)")
    where = add.add_mutually_exclusive_group()
    where.add_argument("--section", help="the table under this heading")
    where.add_argument("--table", type=int, metavar="LINE", help="the table at this line")
    for flag in ("--title", "--date", "--code", "--venue"):
        add.add_argument(flag, help=f"the paper's {flag[2:]} (overrides the arXiv API)")
    add.add_argument("--arxiv-api-url", help="arXiv API endpoint")
    add.add_argument("--timeout", type=float, default=None, help="seconds for the arXiv request")
    add.add_argument("--diff", "--dry-run", dest="diff", action="store_true", help="print the change, write nothing")
    add.add_argument("--allow-duplicate", action="store_true", help="add a paper the file lists already")
    _add_common(add)


def _add_sort(sort: argparse.ArgumentParser) -> None:
    sort.add_argument("path", type=Path, metavar="PATH")
    sort.add_argument("--table", type=int, metavar="LINE", help="only the table at this line")
    sort.add_argument("--by", choices=("date", "title"), help="sort by this key, order or not")
    sort.add_argument("--direction", choices=("descending", "ascending"), help="newest/Z first, or oldest/A first")
    sort.add_argument("--diff", action="store_true", help="print the change, write nothing (exit 1 if any)")
    _add_common(sort)


#: every subcommand: its line in ``--help``, and what adds its options
_SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "check": ("report problems (the default command)", _add_check),
    "format": ("re-align drifted rows, or set one table style", _add_format),
    "export": ("write the typed records of the tables", _add_export),
    "schema": ("print the JSON Schema of `vrlint export --format json`", _add_nothing),
    "rules": ("list every rule", _add_rules),
    "rule": ("explain one rule", _add_rule),
    "add": ("add paper rows in the table's own style and order", _add_add),
    "sort": ("sort tables by the order they mostly keep", _add_sort),
}
COMMANDS = tuple(_SUBCOMMANDS)


def _first_word(argv: list[str]) -> str | None:
    """The first argument that is not an option: the subcommand, when it is one."""
    return next((a for a in argv if not a.startswith("-")), None)


def _command_of(argv: list[str]) -> str:
    """The subcommand ``argv`` runs, read as :func:`_normalise_argv` reads it."""
    first = _first_word(argv)
    return first if first in COMMANDS else "check"


def _normalise_argv(argv: list[str]) -> list[str]:
    """``vrlint PATH`` and ``vrlint --fix PATH`` mean ``vrlint check ...``."""
    if not argv:
        return argv
    first = _first_word(argv)
    if first in COMMANDS:
        return argv
    if argv[0] in ("-h", "--help", "--version"):
        return argv
    if first is not None and argv[0] == first and _looks_like_command(first):
        import difflib

        close = difflib.get_close_matches(first, COMMANDS, n=1, cutoff=0.6)
        if close:
            raise UsageError(f"unknown command {first!r}; did you mean {close[0]!r}?")
    return ["check", *argv]


def _looks_like_command(word: str) -> bool:
    """A bare word that is no file: a mistyped subcommand rather than a path."""
    return word.isalpha() and not Path(word).exists()


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _did_you_mean(message: str, parser: argparse.ArgumentParser, argv: list[str]) -> str:
    """argparse's "unrecognized arguments" with the closest option of the command."""
    prefix = "unrecognized arguments: "
    if not message.startswith(prefix):
        return message
    sub = _subcommands(parser).get(_command_of(argv))
    if sub is None:
        return message
    known = [option for action in sub._actions for option in action.option_strings]
    import difflib

    hints = []
    for token in message[len(prefix) :].split():
        if token.startswith("--"):
            close = difflib.get_close_matches(token.split("=", 1)[0], known, n=1, cutoff=0.6)
            if close:
                hints.append(f"{token}: did you mean {close[0]}?")
    return message + ("; " + "; ".join(hints) if hints else "")


def _print_help(parser: argparse.ArgumentParser) -> None:
    """Top-level help, then the options of ``check``, the default command."""
    print(parser.format_help())
    check = _subcommands(parser).get("check")
    if check is not None:
        print("`vrlint PATH...` runs `vrlint check PATH...`:\n")
        print(check.format_help())


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_of(args_list))
    try:
        if args_list in (["-h"], ["--help"]):
            _print_help(parser)
            return 0
        try:
            args = parser.parse_args(_normalise_argv(args_list))
        except UsageError as error:
            raise UsageError(_did_you_mean(str(error), parser, args_list)) from None
        if args.command is None:
            parser.print_help()
            return 2
        handler = {
            "check": _check,
            "format": _format,
            "export": _export,
            "schema": _schema,
            "rules": _rules,
            "rule": _rule,
            "add": _rows_command,
            "sort": _rows_command,
        }[args.command]
        return handler(args)
    except UsageError as error:
        print(f"vrlint: error: {_plain(error)}", file=sys.stderr)
        print(
            "usage: vrlint [check|format|export|schema|rules|rule|add|sort] ... (see vrlint --help)",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: say so in one line, never a traceback dump
        from vrlint.config import ConfigError

        if isinstance(error, ConfigError):
            print(f"vrlint: {error}", file=sys.stderr)
            return 2
        if os.environ.get("VRLINT_DEBUG"):
            raise
        print(
            f"vrlint: internal error: {type(error).__name__}: {error} "
            "(please report it; set VRLINT_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        return 2


# -- helpers -----------------------------------------------------------------
def _config_for(path: Path, explicit: Path | None, rules: bool = False) -> Config:
    """The configuration for ``path``; with ``rules``, its rule codes and
    rule sections are checked against the registered rules too."""
    from vrlint.config import load_config

    config = load_config(path, explicit)
    named = [*(config.select or []), *config.extend_select, *config.ignore]
    if rules and (named or config.rule_options):
        from vrlint.config import validate_rule_names
        from vrlint.rules.base import all_rules, rules_matching

        # [rules.NAME] sections may name any rule; codes need only their own families
        validate_rule_names(config, all_rules() if config.rule_options else rules_matching(named))
    return config


def _validate_selection(patterns: list[str] | None, what: str) -> list[str] | None:
    if not patterns:
        return None
    from vrlint.config import ConfigError, validate_codes
    from vrlint.rules.base import rules_matching

    flat = [p.strip() for item in patterns for p in item.split(",") if p.strip()]
    try:
        validate_codes(flat, [r.code for r in rules_matching(flat)], what)
    except ConfigError as error:
        raise UsageError(str(error)) from None
    return flat


def _plain(value: object) -> str:
    """A file name or message on one line: control characters spelled out."""
    from vrlint.text.chars import escape_controls

    return escape_controls(str(value))


def _stdout() -> TextIO:
    return sys.stdout


def _unified_diff(path: Path, before: str, after: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path.as_posix().lstrip('/')}",
        tofile=f"b/{path.as_posix().lstrip('/')}",
    )
    text = ""
    for line in lines:
        text += line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
    return text


def _max_bytes(args: argparse.Namespace) -> int:
    from vrlint.io import DEFAULT_MAX_BYTES

    value = args.max_bytes
    if value is None:
        return DEFAULT_MAX_BYTES
    if value <= 0:
        raise UsageError("--max-bytes must be positive")
    return int(value)


def _jobs(args: argparse.Namespace) -> int:
    from vrlint.pool import default_workers

    if args.jobs is None:
        return default_workers()
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    return int(args.jobs)


def _inside(args: argparse.Namespace) -> Path | None:
    return Path.cwd() if args.no_follow_outside else None


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


# -- commands ----------------------------------------------------------------
def _screen(args: argparse.Namespace) -> Screen:
    from vrlint.adoption import Screen

    target = args.write_baseline
    if target is not None and target.suffix.lower() != ".json":
        raise UsageError(
            f"--write-baseline {target}: the baseline file name must end in .json "
            "(put the option after the files or write --write-baseline=PATH)"
        )
    if target is not None and args.fix:
        raise UsageError("--write-baseline records findings; run --fix separately")
    return Screen.from_options(args.baseline, target, args.new_since)


def _check(args: argparse.Namespace) -> int:
    from vrlint.adoption import ScreenError
    from vrlint.config import ConfigError
    from vrlint.engine import lint
    from vrlint.io import InputError
    from vrlint.parsing import parse
    from vrlint.pool import MIN_FILES, lint_all
    from vrlint.reporting import Report, renderer

    if args.unsafe_fixes or args.diff or args.show_fixes:
        args.fix = True  # --diff shows what --fix would do; --unsafe-fixes implies --fix
    if args.output_format is None:
        args.output_format = os.environ.get("VRLINT_OUTPUT_FORMAT", "text")
        if args.output_format not in OUTPUT_FORMATS:
            raise UsageError(f"VRLINT_OUTPUT_FORMAT={args.output_format!r} is not one of {', '.join(OUTPUT_FORMATS)}")
    select = _validate_selection(args.select, "--select")
    extend_select = _validate_selection(args.extend_select, "--extend-select")
    ignore = _validate_selection(args.ignore, "--ignore")
    limit = _max_bytes(args)
    jobs = _jobs(args)
    try:
        screen = _screen(args)
    except ScreenError as error:
        print(f"vrlint: {error}", file=sys.stderr)
        return 2
    report = Report(diagnostics=[], color=_use_color(args.color))
    changed = False
    paths, failed = _expand_paths(args)
    #: `vrlint --fix -` writes the fixed text to standard output, the report to standard error
    to_stderr = args.fix and not args.diff and any(str(p) == "-" for p in paths)
    online = args.online or args.check_links or args.check_arxiv

    def inputs() -> Iterator[tuple[Source, str, Config] | InputError | ConfigError]:
        """Each path read with its configuration, in order, when it is its turn (``--fix``
        writes a file before the next is read: one reached twice is read fixed)."""
        for path in paths:
            try:
                source, name = _read_input(path, args, limit)
                config = _config_for(source.path, args.config, rules=True)
                yield source, name, config.with_selection(select, ignore, extend_select)
            except (InputError, ConfigError) as error:
                yield error

    # A plain check of many files is linted in a process pool (vrlint/pool.py), which reads
    # them all first; --fix, the online checks and a baseline (they need the parsed blocks,
    # which a pool does not send back) work file by file.
    pooled = not args.fix and not online and screen.baseline is None and not screen.new_since
    entries: Iterable[tuple[Source, str, Config] | InputError | ConfigError] = inputs()
    linted: Generator[tuple[Document, list[Diagnostic]], None, None] | None = None
    if pooled and jobs > 1 and len(paths) >= MIN_FILES:
        entries = list(entries)
        readable = [(s.text, n, c) for s, n, c in (e for e in entries if isinstance(e, tuple))]
        linted = lint_all(readable, jobs, parsed=args.output_format == "sarif")  # SARIF fingerprints read tables
    # the pool's workers end with the loop, not when the generator is collected
    with contextlib.closing(linted) if linted is not None else contextlib.nullcontext():
        for entry in entries:
            if not isinstance(entry, tuple):
                print(f"vrlint: {entry}", file=sys.stderr)
                failed = True
                continue
            source, name, config = entry
            path = source.path
            try:
                if args.fix:
                    document, diagnostics, pending = _fix_file(args, path, name, source, config, online)
                    changed = changed or pending
                elif linted is not None:
                    document, diagnostics = next(linted)
                else:
                    document = parse(source.text, lazy=True)  # blocks when a rule reads them
                    facts = _online_facts(args, document, name, config) if online else None
                    diagnostics = lint(document, name, config, online=facts)  # offline and online rules alike
                diagnostics = screen.apply(path, config, document, diagnostics)
                report.documents[name] = document
                report.diagnostics.extend(diagnostics)
            except (InputError, ConfigError, ScreenError) as error:
                print(f"vrlint: {error}", file=sys.stderr)
                failed = True
    try:
        for line in screen.finish():
            if not args.quiet:
                print(f"vrlint: {line}", file=sys.stderr)
    except ScreenError as error:
        print(f"vrlint: {error}", file=sys.stderr)
        failed = True
    report.diagnostics.sort(key=lambda d: d.sort_key())
    shown = report.diagnostics or not failed or args.output_format in ("json", "sarif")
    if not args.diff and not screen.write and shown:
        out = sys.stderr if to_stderr else _stdout()
        if args.statistics:
            from vrlint.reporting.statistics import render_statistics

            out.write(render_statistics(report))
        else:
            report.quiet = args.quiet
            out.write(renderer(args.output_format)(report))
    if failed:
        return 2
    if args.exit_zero:
        return 0
    failing = [d for d in report.diagnostics if args.fail_on == "warning" or d.severity == "error"]
    if failing or (args.diff and changed):
        return 1
    return 0


def _expand_paths(args: argparse.Namespace) -> tuple[list[Path], bool]:
    """Files, directories and globs to files (see vrlint/files.py), and
    whether a directory or pattern named no file (an error: a typo must not
    pass silently); ``exclude``/``include`` are read from the current directory."""
    from vrlint.files import expand, is_pattern

    exclude: list[str] = []
    include: list[str] = []
    if any(is_pattern(str(p)) or p.is_dir() for p in args.paths):  # only then is the configuration read here
        config = _config_for(Path.cwd(), args.config)
        exclude = list(config.options.get("exclude", []))
        include = list(config.options.get("include", []))
    paths, warnings = expand(args.paths, exclude, include)
    for warning in warnings:
        print(f"vrlint: {warning}", file=sys.stderr)
    if sum(1 for p in paths if str(p) == "-") > 1:
        raise UsageError("`-` (standard input) can be given once")
    return paths, bool(warnings)


def _read_input(path: Path, args: argparse.Namespace, limit: int) -> tuple[Source, str]:
    """A file, or standard input for ``-`` (named by --stdin-filename; its
    ``mtime_ns`` is -1, so it is never written back)."""
    from vrlint.io import InputError, Source, decode, read_source

    if str(path) != "-":
        return read_source(path, limit, _inside(args)), str(path)
    name = args.stdin_filename or "-"
    raw = sys.stdin.buffer.read(limit + 1)
    if len(raw) > limit:
        raise InputError(f"{name}: standard input is over the size limit of {limit} bytes (raise it with --max-bytes)")
    shown = Path(args.stdin_filename) if args.stdin_filename else Path("-")
    return Source(shown, decode(raw, name), -1), name


def _fix_file(
    args: argparse.Namespace, path: Path, name: str, source: Source, config: Config, online: bool
) -> tuple[Document, list[Diagnostic], bool]:
    """``--fix`` on one file: write it (standard input: print it), or print
    the diff, and say what was fixed. Returns the fixed document, what is
    left, and whether it changed."""
    from vrlint.fixing import FormatError, fix_text
    from vrlint.fixing.show import colour_diff, fix_lines, invisible_notes
    from vrlint.io import InputError, write_if_changed
    from vrlint.parsing import parse

    finder = (lambda document: _online(args, document, name, config)) if online else None
    try:
        result = fix_text(source.text, name, config, unsafe=args.unsafe_fixes, online=finder)
    except FormatError as error:
        raise InputError(f"{path}: not written: {error}") from None
    for item in result.not_applied:
        d = item.diagnostic
        print(f"vrlint: {_plain(path)}:{d.line}:{d.column}: {d.code} fix not applied: {item.reason}", file=sys.stderr)
    if args.show_fixes:
        for line in fix_lines(name, result.shown):
            print(line, file=sys.stderr)
    changed = result.text != source.text
    if changed and args.diff:
        diff = _unified_diff(path, source.text, result.text)
        notes = "".join(note + "\n" for note in invisible_notes(name, result.shown))
        _stdout().write((colour_diff(diff) if _use_color(args.color) else diff) + notes)
    elif changed and source.mtime_ns >= 0:
        write_if_changed(source, result.text)
        fixed, lines = len(result.applied), len(result.changed_lines)
        print(
            f"vrlint: fixed {fixed} problem{'s' if fixed != 1 else ''} "
            f"({lines} line{'s' if lines != 1 else ''} changed) in {_plain(path)}",
            file=sys.stderr,
        )
    if source.mtime_ns < 0 and not args.diff:
        _stdout().write(result.text)  # standard input: the fixed text to standard output
    return result.document or parse(result.text), result.remaining, changed


def _online_facts(args: argparse.Namespace, document: Document, name: str, config: Config) -> OnlineFacts:
    """What the network says about ``document`` (``--online``): the facts the online rules read."""
    from vrlint.online.check import gather

    facts = gather(document, name, config, _online_options(args, config))
    _say_if_unreachable(args)
    return facts


def _online(args: argparse.Namespace, document: Document, name: str, config: Config) -> list[Diagnostic]:
    """The online rules' findings alone (``--online --fix`` applies their fixes in a round of their own)."""
    from vrlint.online.check import check_online

    found = check_online(document, name, config, _online_options(args, config))
    _say_if_unreachable(args)
    return found


def _online_options(args: argparse.Namespace, config: Config) -> OnlineOptions:
    from vrlint.online.options import OnlineOptions, OptionsError

    try:
        return OnlineOptions.from_args(args, config)
    except OptionsError as error:
        raise UsageError(str(error)) from None


def _say_if_unreachable(args: argparse.Namespace) -> None:
    from vrlint.online import check as online_check

    if online_check.LAST_RUN.network_unreachable and not getattr(args, "network_warned", False):
        note = "network unreachable: online checks skipped (no link reported dead, nothing cached)"
        print(f"vrlint: {note}", file=sys.stderr)
        args.network_warned = True  # once per run, not once per file


def _format(args: argparse.Namespace) -> int:
    import dataclasses

    from vrlint.config import ConfigError
    from vrlint.fixing import FormatError, format_text
    from vrlint.io import InputError, write_if_changed

    limit = _max_bytes(args)
    pending = False
    paths, failed = _expand_paths(args)
    for path in paths:
        try:
            source, _ = _read_input(path, args, limit)
            path = source.path
            config = _config_for(path, args.config)
            if args.style:
                config = dataclasses.replace(config, format_style=args.style)
            try:
                result = format_text(source.text, config)
            except FormatError as error:
                raise InputError(f"{path}: not written: {error}") from None
            if source.mtime_ns < 0 and not (args.check or args.diff):
                _stdout().write(result)  # standard input: the formatted text to standard output
            if result == source.text:
                continue
            pending = True
            if args.diff:
                _stdout().write(_unified_diff(path, source.text, result))
            elif args.check:
                print(f"vrlint: {_plain(path)} would be reformatted", file=sys.stderr)
            elif source.mtime_ns >= 0:
                write_if_changed(source, result)
                print(f"vrlint: formatted {_plain(path)}", file=sys.stderr)
        except (InputError, ConfigError) as error:
            print(f"vrlint: {error}", file=sys.stderr)
            failed = True
    if failed:
        return 2
    return 1 if pending and (args.check or args.diff) else 0


def _export(args: argparse.Namespace) -> int:
    from vrlint.config import ConfigError
    from vrlint.export import export_text
    from vrlint.io import InputError, read_source
    from vrlint.parsing import parse

    try:
        config = _config_for(args.path, args.config)
        source = read_source(args.path, _max_bytes(args), _inside(args))
        text = export_text(parse(source.text), str(args.path), args.export_format, config.column_roles)
        if args.output is None:
            _stdout().write(text)
        else:
            _write_output(args.output, text)
    except (InputError, ConfigError) as error:
        print(f"vrlint: {error}", file=sys.stderr)
        return 2
    return 0


def _write_output(path: Path, text: str) -> None:
    from vrlint.io import write_output

    write_output(path, text)


def _rows_command(args: argparse.Namespace) -> int:
    from vrlint.rows.commands import run_add, run_sort

    return (run_add if args.command == "add" else run_sort)(args, _stdout(), _max_bytes(args))


def _schema(args: argparse.Namespace) -> int:
    from vrlint.export import export_schema

    _stdout().write(export_schema())
    return 0


def _rules(args: argparse.Namespace) -> int:
    from vrlint.rules.base import all_rules

    rules = all_rules()
    if args.output_format == "json":
        import json

        data = [
            {
                "code": r.code,
                "name": r.name,
                "family": r.family,
                "severity": r.severity,
                "summary": r.summary,
                "fix": r.fix,
                "default": r.default,
            }
            for r in rules
        ]
        _stdout().write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    width = max((len(r.name) for r in rules), default=10)
    for r in rules:
        fix = {"safe": "fix", "unsafe": "fix*", None: ""}[r.fix]
        default = "default" if r.default else "opt-in"
        _stdout().write(f"{r.code}  {r.name:<{width}}  {r.severity:<7}  {default:<7}  {fix:<4}  {r.summary}\n")
    _stdout().write(
        "\ndefault: runs unless deselected; opt-in: style and hygiene rules, run them with\n"
        "`--extend-select CODE` (or `extend-select` in the configuration).\n"
        "fix: a safe fix (vrlint --fix); fix*: an unsafe fix (--unsafe-fixes).\n"
    )
    return 0


def _rule(args: argparse.Namespace) -> int:
    from vrlint.rules.base import get_rule

    found = get_rule(args.code)
    if found is None:
        print(f"vrlint: no rule {args.code!r} (see `vrlint rules`)", file=sys.stderr)
        return 2
    fix = {
        "safe": "Fix: safe (applied by `vrlint --fix`).",
        "unsafe": "Fix: unsafe (applied only with `vrlint --fix --unsafe-fixes`: vrlint has to guess).",
        None: "Fix: none; this needs a person.",
    }[found.fix]
    _stdout().write(
        f"# {found.code} {found.name} ({found.family}, {found.severity}, "
        f"{'in the default set' if found.default else 'opt-in: --extend-select ' + found.code})\n\n"
        f"{found.summary}\n\n## Why\n{found.why}\n\n"
        f"## Bad\n```markdown\n{found.bad.rstrip()}\n```\n\n"
        f"## Good\n```markdown\n{found.good.rstrip()}\n```\n\n{fix}\n"
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
