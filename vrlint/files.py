"""Which files a command line names: files, directories and glob patterns.

As ruff and markdownlint-cli2 do: a directory is searched for Markdown
files (``*.md``, ``*.markdown``), a pattern with ``*``, ``?`` or ``[`` is
expanded (``**`` crosses directories), and a file named explicitly is
always checked. Found files (not named ones) skip what git ignores
(``.gitignore``, ``.git/info/exclude``; asked of ``git check-ignore`` when the
files are in a repository), hidden directories, ``node_modules`` and the
configuration's ``exclude`` patterns; with ``include`` set, only matching
found files are kept. Patterns are matched against the path relative to the
current directory with ``fnmatch`` (``*`` also crosses ``/``) and against
the file name.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown")
_SKIPPED_DIRECTORIES = ("node_modules",)
#: the name ``-`` stands for standard input
STDIN = "-"


def is_pattern(text: str) -> bool:
    return glob.has_magic(text)


def walk_markdown(directory: str | Path) -> Iterator[tuple[str, str]]:
    """(folder, file name) of every Markdown file below ``directory``, in sorted
    order, skipping hidden folders and ``node_modules`` (the CLI and the Action)."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRECTORIES)
        for name in sorted(files):
            if name.lower().endswith(MARKDOWN_SUFFIXES):
                yield root, name


def _markdown_files(directory: Path) -> Iterator[Path]:
    for root, name in walk_markdown(directory):
        yield Path(root) / name


def _matches(path: Path, patterns: Sequence[str]) -> bool:
    text = path.as_posix()
    if text.startswith("./"):
        text = text[2:]
    return any(fnmatch.fnmatchcase(text, p) or fnmatch.fnmatchcase(path.name, p) for p in patterns)


def _check_ignore(names: Sequence[str], cwd: Path) -> set[str] | None:
    """The names (relative to ``cwd``) git ignores; None when git cannot say
    (not a repository, a path outside it, no git)."""
    import subprocess  # only when found files are screened

    payload = b"".join(os.fsencode(n) + b"\0" for n in names)
    try:
        proc = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            cwd=cwd,
            input=payload,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode not in (0, 1):  # 128: not a repository, or a path outside it
        return None
    return {os.fsdecode(n) for n in proc.stdout.split(b"\0") if n}


def git_ignored(paths: Sequence[Path]) -> set[Path]:
    """The paths git ignores; empty outside a repository or without git.
    One git call for all of them, or one per directory when they span
    several repositories."""
    if not paths:
        return set()
    together = _check_ignore([str(p) for p in paths], Path("."))
    if together is not None:
        return {p for p in paths if str(p) in together}
    ignored: set[Path] = set()
    by_directory: dict[Path, list[Path]] = {}
    for path in paths:
        by_directory.setdefault(path.parent, []).append(path)
    for directory, group in by_directory.items():
        names = _check_ignore([p.name for p in group], directory)
        ignored.update(p for p in group if names is not None and p.name in names)
    return ignored


def expand(
    arguments: Iterable[Path | str], exclude: Sequence[str] = (), include: Sequence[str] = ()
) -> tuple[list[Path], list[str]]:
    """(files to check, warnings). Named files are kept as given, even when
    missing (reading them reports the error) or excluded."""
    found: list[Path] = []
    warnings: list[str] = []
    for argument in arguments:
        text = str(argument)
        if text == STDIN:
            found.append(Path(STDIN))
            continue
        if is_pattern(text) and not Path(text).exists():
            matches = [Path(m) for m in sorted(glob.glob(text, recursive=True)) if os.path.isfile(m)]
            kept = _filter(matches, exclude, include)
            if not kept:
                warnings.append(f"{text}: no file matches")
            found.extend(kept)
        elif Path(text).is_dir():
            kept = _filter(list(_markdown_files(Path(text))), exclude, include)
            if not kept:
                warnings.append(f"{text}: no Markdown file in this directory")
            found.extend(kept)
        else:
            found.append(Path(text))
    unique = list(dict.fromkeys(found))
    return unique, warnings


def _filter(paths: list[Path], exclude: Sequence[str], include: Sequence[str]) -> list[Path]:
    kept = [p for p in paths if not _matches(p, exclude) and (not include or _matches(p, include))]
    ignored = git_ignored(kept)
    return [p for p in kept if p not in ignored]
