"""Issue 17 item 14: smaller quadratic paths (a hang detector, not a speed test)."""

from __future__ import annotations

from pathlib import Path

import pytest


# -- issue 17 item 14: a cell of many mismatched badges ------------------------------------------
@pytest.mark.slow  # parsing 6,000 badges takes a while; the hang is in the rule
def test_vr201_on_a_cell_of_many_mismatched_badges_is_linear() -> None:
    from hang import finishes

    import vrlint
    from vrlint.config import Config
    from vrlint.rules.arxiv import _analysis
    from vrlint.rules.base import Context, get_rule

    count = 6000
    cell = " ".join(
        f"[![arXiv](https://img.shields.io/badge/arXiv-2410.{i:05d}-b31b1b.svg)]"
        f"(https://arxiv.org/abs/2410.{i + 1:05d})"
        for i in range(count)
    )
    document = vrlint.parse("| Paper | Note |\n|---|---|\n| " + cell + " | x |\n")
    rule = get_rule("VR201")
    assert rule is not None
    ctx = Context(document, "README.md", Config())
    ctx.current = rule
    _analysis(ctx)  # the shared analysis is linear; time the rule itself
    with finishes(budget=10.0):  # the per-badge row scan took 18 s here (CPU)
        found = list(rule.function(ctx))
    assert len(found) == count


def test_the_default_size_limit_is_the_documented_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vrlint.cli import main
    from vrlint.io import DEFAULT_MAX_BYTES

    assert DEFAULT_MAX_BYTES == 10 * 1024 * 1024  # README: "default 10 MB"
    big = tmp_path / "README.md"
    with big.open("wb") as handle:
        handle.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: nothing is written
    assert main(["check", str(big)]) == 2
    assert "over the size limit of 10485760 bytes" in capsys.readouterr().err
