"""A file as it was at a git revision, for ``vrlint check --new-since REF``.

The findings of the old text are subtracted (by fingerprint, see
:mod:`vrlint.fingerprint`) from those of the current one, so what remains is
what the changes since REF introduced, wherever in the file it is anchored.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path


class RevisionError(Exception):
    """REF or the repository cannot be read (the message keeps git's text)."""


def run_git(args: Sequence[str], cwd: Path | str | None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """git with unquoted paths, its output as bytes; RevisionError when git cannot run at all."""
    try:
        return subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RevisionError(f"cannot run git: {error}") from None


def _error_text(proc: subprocess.CompletedProcess[bytes]) -> str:
    text = " ".join(proc.stderr.decode("utf-8", "replace").split())
    return text or f"git exited with status {proc.returncode}"


def text_at(ref: str, path: Path) -> str | None:
    """The file's text at ``ref``, or None when it did not exist there.

    Undecodable old text counts as absent (everything in it is then new).
    """
    if ref.startswith("-"):
        raise RevisionError(f"{ref!r} is not a revision")
    directory = Path(path).resolve().parent
    verified = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], directory)
    if verified.returncode != 0:
        probe = run_git(["rev-parse", "--git-dir"], directory)
        if probe.returncode != 0:
            raise RevisionError(f"{path}: not in a git repository ({_error_text(probe)})")
        raise RevisionError(f"unknown revision {ref!r} (git fetch it first, e.g. fetch-depth: 0 in CI)")
    commit = verified.stdout.decode("ascii", "replace").strip()
    shown = run_git(["show", f"{commit}:./{Path(path).name}"], directory)
    if shown.returncode != 0:
        return None  # not in that revision: a new file
    try:
        return shown.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None
