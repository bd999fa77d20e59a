"""Issue 17 item 1: nothing a pull request links to leaves through the Action.

The repro of the issue: a workspace whose ``README.md`` is a symbolic link
to ``/proc/self/environ``, the Action run the way the runner runs it
(``python -I -m vrlint.action``) with a fake token in its environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_action import commit, git, run_action

from vrlint.config import Config
from vrlint.engine import lint
from vrlint.parsing import parse

FAKE_TOKEN = "ghp_FAKEvrlintTOKEN0123456789abcdefghijklmnopqrstuvwxyz"

needs_proc = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")


@needs_proc
def test_action_refuses_a_readme_linked_to_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    commit(repo, {"docs/ok.md": "# fine\n"}, "base")
    (repo / "README.md").symlink_to("/proc/self/environ")
    monkeypatch.setenv("GITHUB_TOKEN", FAKE_TOKEN)  # inherited by the runner's environment
    sarif = tmp_path / "runner" / "out.sarif"
    run = run_action(
        repo, {"paths": "README.md docs", "sarif-file": str(sarif)}, test_rules=False
    )
    everything = run.log + run.stderr + run.summary + sarif.read_text(encoding="utf-8")
    for piece in (FAKE_TOKEN, FAKE_TOKEN[:12], FAKE_TOKEN[-12:], "GITHUB_TOKEN="):
        assert piece not in everything
    assert run.code == 2
    errors = [line for line in run.log.splitlines() if line.startswith("::error::")]
    assert len(errors) == 1 and errors[0].startswith("::error::vrlint: README.md: refused")
    assert "1 file checked" in run.log  # docs/ok.md still is


@needs_proc
def test_cli_no_follow_outside_refuses_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "README.md").symlink_to("/proc/self/environ")
    env = dict(os.environ, VRLINT_FAKE=FAKE_TOKEN)
    proc = subprocess.run(
        [sys.executable, "-m", "vrlint", "check", "--no-follow-outside", "README.md"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 2
    assert FAKE_TOKEN[:12] not in proc.stdout + proc.stderr
    assert proc.stderr.count("\n") == 1 and "README.md: refused" in proc.stderr


def test_cli_no_follow_outside_reads_links_inside(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("# Title\n", encoding="utf-8")
    (tmp_path / "README.md").symlink_to("real.md")
    proc = subprocess.run(
        [sys.executable, "-m", "vrlint", "check", "--no-follow-outside", "README.md"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode in (0, 1) and "refused" not in proc.stderr, proc.stderr


def _messages(text: str) -> list[str]:
    return [d.message for d in lint(parse(text), "README.md", Config())]


def test_nul_separated_blocks_are_never_quoted() -> None:
    environ = f"PATH=/usr/bin\x00HOME=/root\x00GITHUB_TOKEN={FAKE_TOKEN}\x00SHELL=/bin/sh\x00"
    messages = _messages(environ)
    assert messages  # the NULs are still reported
    joined = "\n".join(messages)
    assert "HOME" not in joined and "SHELL" not in joined and FAKE_TOKEN[:6] not in joined


def test_one_nul_in_a_readme_is_quoted_with_a_bounded_context() -> None:
    secret_line = "| OMCAT | " + "A" * 40 + "open\x00weights" + "B" * 40 + " |\n"
    text = "| Model | Notes |\n| --- | --- |\n" + secret_line
    messages = [m for m in _messages(text) if "NULL" in m]
    assert len(messages) == 1
    assert "open\\x00weights" in messages[0]
    assert "A" * 13 not in messages[0] and "B" * 13 not in messages[0]
