"""Issue 17 item 9 (and issue 13's per-rule keys): configuration mistakes are
one-line errors with exit 2, never silence and never "internal error"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vrlint.cli import main


def run(capsys: pytest.CaptureFixture[str], readme: Path) -> tuple[int, str, str]:
    code = main(["check", "--color", "never", "--output-format", "concise", str(readme)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def project(tmp_path: Path, toml: str, name: str = ".vrlint.toml") -> Path:
    (tmp_path / name).write_text(toml, encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text("# T\n", encoding="utf-8")
    return readme


@pytest.mark.parametrize(
    ("toml", "said"),
    [
        ("[rules.VR205]\nmin-shar = 0.3\n", "unknown key 'min-shar'"),
        ("[rules.arxiv-title-mismatch]\nmin_shar = 0.3\n", "unknown key 'min-shar'"),
        ('[rules.VR205]\nmin-share = "half"\n', "rules.VR205.min-share must be a number"),
        ("[rules.VR205]\nmin-share = true\n", "must be a number"),
        ('[rules.VR801]\nseparate-limit = "ten"\n', "must be a number"),
        ("[rules.VR451]\nfoo = 1\n", "unknown key 'foo'"),
        ("select = []\n", "select = [] would check nothing"),
    ],
)
def test_config_mistakes_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], toml: str, said: str
) -> None:
    code, _, err = run(capsys, project(tmp_path, toml))
    assert code == 2 and said in err and err.count("\n") == 1, err


def test_a_pyproject_whose_tool_is_not_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, project(tmp_path, 'tool = "x"\n', "pyproject.toml"))
    assert code == 2 and "tool must be a table" in err and "internal error" not in err


@pytest.mark.parametrize(
    "toml",
    ["[rules.VR205]\nmin-share = 0.6\n", "[rules.VR205]\nmin-share = 1\n", '[rules.VR501]\nplaceholders = ["TBD"]\n'],
)
def test_valid_rule_options_are_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str], toml: str) -> None:
    code, _, err = run(capsys, project(tmp_path, toml))
    assert code in (0, 1) and err == ""


def test_the_config_search_stops_at_the_repository_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".vrlint.toml").write_text('ignore = ["VR802"]\n', encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    readme = repo / "README.md"
    readme.write_text("# T\n\nopen\x00weights\n", encoding="utf-8")
    assert "VR802" not in run(capsys, readme)[1]  # no repository: the config above applies
    (repo / ".git").mkdir()
    assert "VR802" in run(capsys, readme)[1]  # a repository: the search stops at its root


_VALUES = st.one_of(
    st.integers(-5, 500), st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.text(max_size=5),
    st.lists(st.one_of(st.text(max_size=3), st.integers()), max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=3), st.one_of(st.text(max_size=3), st.integers()), max_size=2),
)  # fmt: skip
_KEYS = [
    "select", "ignore", "extend-select", "placeholders", "checkmarks", "allowed-hosts", "column-roles",
    "format.style", "format.max-width", "format.checkmarks", "rules.VR205.min-share", "rules.VR801.separate-limit",
    "rules.VR703.checkmarks", "rules.VR413.allowed-hosts", "rules.VR501.placeholders", "online-timeout",
]  # fmt: skip


@settings(max_examples=60)
@given(key=st.sampled_from(_KEYS), value=_VALUES)
def test_any_value_of_any_key_is_accepted_or_a_one_line_error(key: str, value: object) -> None:
    import tempfile

    *tables, leaf = key.split(".")
    toml = (f"[{'.'.join(tables)}]\n" if tables else "") + f"{json.dumps(leaf)} = {_toml(value)}\n"
    with tempfile.TemporaryDirectory() as directory:
        readme = project(Path(directory), toml)
        import contextlib
        import io

        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["check", "--output-format", "concise", str(readme)])
    assert code in (0, 1, 2)
    assert "internal error" not in err.getvalue() and err.getvalue().count("\n") <= 1, (toml, err.getvalue())


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value)
