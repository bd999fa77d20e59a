"""Issue 17 items 12 and 13: ``export -o`` writes like an ordinary new file
and through a symbolic link; SIGTERM mid-write leaves no temporary file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import SEED

from vrlint.cli import main


@pytest.fixture
def umask_022() -> object:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_export_creates_a_file_with_the_umask_permissions(tmp_path: Path, umask_022: object) -> None:
    out = tmp_path / "records.json"
    assert main(["export", str(SEED), "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o644
    os.umask(0o077)
    other = tmp_path / "private.json"
    assert main(["export", str(SEED), "-o", str(other)]) == 0
    assert other.stat().st_mode & 0o777 == 0o600


def test_export_keeps_the_mode_of_an_existing_file(tmp_path: Path, umask_022: object) -> None:
    out = tmp_path / "records.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o664)
    assert main(["export", str(SEED), "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o664 and out.read_text(encoding="utf-8") != "old"


def test_export_writes_through_a_symbolic_link(tmp_path: Path, umask_022: object) -> None:
    real = tmp_path / "data" / "records.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "records.json"
    link.symlink_to(real)
    assert main(["export", str(SEED), "-o", str(link)]) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in real.parent.iterdir()] == ["records.json"]


_SIGTERM_DURING_FSYNC = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path

    real_fsync = os.fsync

    def fsync(fd):
        os.kill(os.getpid(), signal.SIGTERM)  # as if the job were cancelled now
        real_fsync(fd)

    os.fsync = fsync
    if sys.argv[1] == "fix":
        from vrlint.io import read_source, write_if_changed
        source = read_source(Path(sys.argv[2]))
        write_if_changed(source, source.text + "changed\\n")
    else:
        from vrlint.cli import main
        main(["export", sys.argv[3], "-o", sys.argv[2]])
    """
)


@pytest.mark.parametrize("how", ["fix", "export"])
def test_sigterm_mid_write_leaves_no_temporary_file(tmp_path: Path, how: str) -> None:
    target = tmp_path / "README.md"
    target.write_text("# Title\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", _SIGTERM_DURING_FSYNC, how, str(target), str(SEED)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 128 + signal.SIGTERM, proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]
    assert target.read_text(encoding="utf-8") == "# Title\n"

