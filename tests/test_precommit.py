"""The pre-commit hooks, run by the real ``pre-commit`` (slow: it builds a
virtual environment and pip-installs vrlint and its dependencies into it).

pre-commit installs a hook repository by cloning it at a commit, so the
tests first copy this checkout's package (the working tree, committed or
not) into a throwaway git repository and commit it there; the hooks under
test are exactly the code in the working tree. The findings asserted are
vrlint's own: each hook's output and rewrite is compared with what the
``vrlint`` command produces on the same input, so the tests do not depend
on which rules exist.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "seed-README.md"
CLEAN = "# Awesome things\n\nA list of good things.\n\n| Title | Code |\n| --- | --- |\n| One | Two |\n"
# an aligned table with one drifted row: what `vrlint format` (style preserve) re-aligns
MISFORMATTED = (
    "# List\n\n| Title | Code |\n| ----- | ---- |\n| One   | Two  |\n"
    "| Three | Four |\n| Five  | Six  |\n| Ten | Eleven |\n"
)

pytestmark = pytest.mark.slow


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "VRLINT_"))}
    env.update(
        HOME=str(home),
        PRE_COMMIT_HOME=str(home / "pre-commit-cache"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
        NO_COLOR="1",
    )
    return env


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def _git(repo: Path, env: dict[str, str], *args: str) -> str:
    proc = _run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], repo, env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """HOME and PRE_COMMIT_HOME shared by the module: the hook env is built once."""
    return tmp_path_factory.mktemp("precommit-home")


@pytest.fixture(scope="module")
def hook_repo(home: Path) -> tuple[Path, str]:
    """This checkout's package, committed into a repository pre-commit can clone."""
    shadow = home / "vrlint-hooks"
    shadow.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(ROOT / "vrlint", shadow / "vrlint", ignore=ignore)
    for name in ("pyproject.toml", ".pre-commit-hooks.yaml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, shadow / name)
    if not (shadow / "README.md").exists():  # pyproject's readme; the lead's README may not exist yet
        (shadow / "README.md").write_text("# vrlint\n", encoding="utf-8")
    env = _env(home)
    _git(shadow, env, "init", "-q")
    _git(shadow, env, "add", "-A")
    _git(shadow, env, "commit", "-q", "-m", "vrlint hooks under test")
    return shadow, _git(shadow, env, "rev-parse", "HEAD")


def _project(home: Path, name: str, files: dict[str, str]) -> Path:
    """A user's repository with these files, committed."""
    project = home / name
    project.mkdir()
    env = _env(home)
    _git(project, env, "init", "-q")
    for path, text in files.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        with open(project / path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    _git(project, env, "add", "-A")
    _git(project, env, "commit", "-q", "-m", "content")
    return project


def _configured(
    home: Path, hook_repo: tuple[Path, str], name: str, files: dict[str, str], hook: Mapping[str, object]
) -> Path:
    """A user's repository whose .pre-commit-config.yaml pins the hook repo at its commit.

    Unlike ``try-repo`` (a fresh store each time), these runs share
    PRE_COMMIT_HOME, so the hook environment is built once for the module.
    """
    shadow, sha = hook_repo
    config = {"repos": [{"repo": str(shadow), "rev": sha, "hooks": [dict(hook)]}]}
    return _project(home, name, {**files, ".pre-commit-config.yaml": yaml.safe_dump(config)})


def _pre_commit(home: Path, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "pre_commit", *args, "--color", "never"], project, _env(home))


def _vrlint(home: Path, workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "vrlint", *args], workdir, _env(home), timeout=300)


def _seed_text() -> str:
    with open(SEED, encoding="utf-8", newline="") as handle:
        return handle.read()


def test_manifest_declares_both_hooks() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"vrlint", "vrlint-format"}
    assert hooks["vrlint"]["entry"] == "vrlint check"
    assert hooks["vrlint-format"]["entry"] == "vrlint format"
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["types"] == ["markdown"]
        pattern = re.compile(hook["files"])
        assert pattern.search("README.md") and pattern.search("docs/readme_zh.markdown")
        assert not pattern.search("CHANGELOG.md") and not pattern.search("README.md/notes.md")


def test_hook_fails_with_vrlint_findings_on_the_seed(home: Path, hook_repo: tuple[Path, str]) -> None:
    shadow, _ = hook_repo
    project = _project(home, "seeded", {"README.md": _seed_text()})
    proc = _pre_commit(home, project, "try-repo", str(shadow), "vrlint", "--files", "README.md")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert re.search(r"^vrlint\.+Failed$", output, flags=re.MULTILINE), output
    expected = _vrlint(home, project, "check", "README.md", "--output-format", "concise")
    assert expected.returncode == 1
    codes = set(re.findall(r"^README\.md:\d+:\d+: (VR\d{3}) ", expected.stdout, flags=re.MULTILINE))
    assert codes, expected.stdout
    for code in codes:  # the hook printed every kind of finding vrlint reports
        assert code in output
    assert (project / "README.md").read_bytes() == SEED.read_bytes()  # the check hook never writes


def test_hook_passes_a_clean_file(home: Path, hook_repo: tuple[Path, str]) -> None:
    project = _configured(home, hook_repo, "clean", {"README.md": CLEAN}, {"id": "vrlint"})
    assert _vrlint(home, project, "check", "README.md").returncode == 0  # the premise
    proc = _pre_commit(home, project, "run", "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^vrlint\.+Passed$", proc.stdout, flags=re.MULTILINE), proc.stdout


def test_files_default_skips_other_markdown(home: Path, hook_repo: tuple[Path, str]) -> None:
    files = {"README.md": CLEAN, "docs/template.md": _seed_text()}
    project = _configured(home, hook_repo, "other-docs", files, {"id": "vrlint"})
    proc = _pre_commit(home, project, "run", "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr  # the seeded template is not a README
    # the same file is checked once it is named in `files:`
    override = _configured(home, hook_repo, "all-docs", files, {"id": "vrlint", "files": r"\.md$"})
    assert _pre_commit(home, override, "run", "--all-files").returncode == 1


def test_fix_args_rewrite_the_file_like_vrlint_fix(home: Path, hook_repo: tuple[Path, str], tmp_path: Path) -> None:
    hook = {"id": "vrlint", "args": ["--fix"]}
    project = _configured(home, hook_repo, "fixing", {"README.md": _seed_text()}, hook)
    expected = tmp_path / "README.md"
    shutil.copyfile(SEED, expected)
    _vrlint(home, tmp_path, "check", "--fix", "README.md")
    assert expected.read_bytes() != SEED.read_bytes()  # the premise: vrlint --fix changes the seed

    proc = _pre_commit(home, project, "run", "--all-files")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "files were modified by this hook" in output
    assert (project / "README.md").read_bytes() == expected.read_bytes()


def test_format_hook_rewrites_tables_like_vrlint_format(
    home: Path, hook_repo: tuple[Path, str], tmp_path: Path
) -> None:
    project = _configured(home, hook_repo, "formatting", {"README.md": MISFORMATTED}, {"id": "vrlint-format"})
    expected = tmp_path / "README.md"
    expected.write_text(MISFORMATTED, encoding="utf-8")
    _vrlint(home, tmp_path, "format", "README.md")
    assert expected.read_text(encoding="utf-8") != MISFORMATTED  # the premise

    proc = _pre_commit(home, project, "run", "--all-files")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "files were modified by this hook" in output, output
    assert (project / "README.md").read_bytes() == expected.read_bytes()
    again = _pre_commit(home, project, "run", "--all-files")
    assert again.returncode == 0, again.stdout + again.stderr  # formatting is idempotent


def test_hook_with_a_baseline_passes_an_existing_list_until_a_new_defect(
    home: Path, hook_repo: tuple[Path, str]
) -> None:
    """Adoption: the list's old findings are in .vrlint-baseline.json (written
    with `vrlint check --write-baseline`), so the hook passes; rows added above
    them keep passing; a new defect fails the commit and is the only finding."""
    from conftest import corpus_readme, read

    text = read(corpus_readme("AIDASLab__Awesome-Diffusion-LLM.md"))
    project = _configured(home, hook_repo, "adopting", {"README.md": text}, {"id": "vrlint"})
    assert _pre_commit(home, project, "run", "--all-files").returncode == 1  # the premise: old findings
    written = _vrlint(home, project, "check", "README.md", "--write-baseline")
    assert written.returncode == 0 and (project / ".vrlint-baseline.json").is_file(), written.stderr
    env = _env(home)
    _git(project, env, "add", ".vrlint-baseline.json")
    _git(project, env, "commit", "-q", "-m", "adopt vrlint with a baseline")
    proc = _pre_commit(home, project, "run", "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr

    # rows inserted at the top of a date-ordered table whose Venue column is full, so
    # that they keep its conventions (more filled venues would turn an old
    # 7-of-8 column into a 12-of-13 convention, a real new finding)
    anchor = next(line for line in text.splitlines() if "arxiv.org/abs/2210.16886" in line)
    rows = [
        f"| [Inserted paper {n}](https://arxiv.org/abs/2210.{10000 + n}) | 2022.10 | ICLR | note |" for n in range(5)
    ]
    with_rows = text.replace(anchor, "\n".join(rows) + "\n" + anchor, 1)
    (project / "README.md").write_text(with_rows, encoding="utf-8", newline="")
    proc = _pre_commit(home, project, "run", "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr

    defect = "| [A new paper](https://arxiv.org/abs/2210.00001) | 2022.10 | ICLR | https://github.comowner/repo |"
    with_defect = with_rows.replace(anchor, defect + "\n" + anchor, 1)
    (project / "README.md").write_text(with_defect, encoding="utf-8", newline="")
    proc = _pre_commit(home, project, "run", "--all-files")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    found = re.findall(r"^(VR\d{3}) ", output, flags=re.MULTILINE)
    assert len(found) == 1 and found[0].startswith("VR4"), output
