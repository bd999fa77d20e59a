"""Faults while writing (issue 7): ``vrlint --fix`` and ``vrlint format``.

Every failure must leave the original byte-identical, print one line that
says what happened, exit 2, leave no temporary file behind, and still
process the other files of the run. Both commands write through
:func:`vrlint.io.write_if_changed`, so every case runs for both.

The sandbox runs as root, which ignores permission bits: vrlint checks the
write bits of the file and its directory itself (see ``vrlint/io.py``), so
the read-only cases use real ``chmod``; the "permission denied by the OS"
paths are simulated with monkeypatch. Nothing here is skipped.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

import vrlint.fixing
import vrlint.io
from vrlint.cli import main
from vrlint.fixing import FixResult

#: a default-set defect with a safe fix (VR401: the slash after the host is missing)
UNFORMATTED = "# T\n\n|a|b|\n|-|-|\n|1|[x](https://github.coma/b)|\n"
FORMATTED = (
    "# T\n\n| a   | b                          |\n| --- | -------------------------- |\n"
    "| 1   | [x](https://github.coma/b) |\n"
)
FIXED = "# T\n\n|a|b|\n|-|-|\n|1|[x](https://github.com/a/b)|\n"
COMMANDS = {"format": ["format", "--style", "aligned"], "fix": ["check", "--fix", "--exit-zero"]}
#: what each command writes for UNFORMATTED (a fix changes only the fixed link)
EXPECTED = {"format": FORMATTED, "fix": FIXED}


def run(capsys: pytest.CaptureFixture[str], command: str, *paths: Path) -> tuple[int, str]:
    code = main([*COMMANDS[command], *map(str, paths)])
    return code, capsys.readouterr().err


def make(directory: Path, name: str, text: str = UNFORMATTED) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(text.encode("utf-8"))
    return path


def temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".vrlint-tmp"))


def one_line_about(err: str, path: Path) -> str:
    lines = [line for line in err.splitlines() if str(path) in line]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    return lines[0]


def assert_failed_cleanly(code: int, err: str, bad: Path, good: Path, written: str, *words: str) -> None:
    """Exit 2, ``bad`` untouched, one line naming it, ``good`` still written."""
    assert code == 2, err
    assert bad.read_bytes() == UNFORMATTED.encode()
    line = one_line_about(err, bad)
    for word in words:
        assert word in line, line
    assert good.read_text(encoding="utf-8") == written
    assert temp_files(bad.parent) == [] and temp_files(good.parent) == []


@pytest.fixture(params=sorted(COMMANDS))
def command(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# -- the normal case ---------------------------------------------------------------------------
def test_write_keeps_permissions_and_leaves_no_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = make(tmp_path, "README.md")
    path.chmod(0o640)
    code, err = run(capsys, command, path)
    assert code == 0, err
    assert path.read_text(encoding="utf-8") == EXPECTED[command]
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert temp_files(tmp_path) == []


def test_unchanged_file_is_not_rewritten(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    path = make(tmp_path, "README.md", EXPECTED[command])
    before = path.stat()
    code, _ = run(capsys, command, path)
    assert code == 0
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


# -- read-only ---------------------------------------------------------------------------------
def test_read_only_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    bad = make(tmp_path, "a.md")
    good = make(tmp_path, "b.md")
    bad.chmod(0o444)  # root could still rename over it: vrlint checks the mode itself
    code, err = run(capsys, command, bad, good)
    assert_failed_cleanly(code, err, bad, good, EXPECTED[command], "not written", "read-only")
    assert stat.S_IMODE(bad.stat().st_mode) == 0o444


def test_file_the_os_says_is_not_writable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """A non-root user without write permission on a 0644 file owned by
    someone else (simulated: as root ``os.access`` always says yes)."""
    bad = make(tmp_path, "a.md")
    good = make(tmp_path, "b.md")
    real_access = os.access

    def access(path: str | os.PathLike[str], mode: int, **kwargs: object) -> bool:
        if Path(path) == bad and mode & os.W_OK:
            return False
        return real_access(path, mode)

    monkeypatch.setattr(os, "access", access)
    code, err = run(capsys, command, bad, good)
    assert_failed_cleanly(code, err, bad, good, EXPECTED[command], "read-only")


def test_read_only_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    locked = tmp_path / "locked"
    bad = make(locked, "a.md")
    good = make(tmp_path / "open", "b.md")
    locked.chmod(0o555)
    try:
        code, err = run(capsys, command, bad, good)
        assert_failed_cleanly(code, err, bad, good, EXPECTED[command], "not written", "read-only", str(locked))
    finally:
        locked.chmod(0o755)


def test_directory_where_the_temporary_file_cannot_be_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """EACCES from the OS itself (a non-root user, an ACL, a read-only mount)."""
    bad = make(tmp_path / "x", "a.md")
    good = make(tmp_path / "y", "b.md")
    real_mkstemp = tempfile.mkstemp

    def mkstemp(prefix: str, suffix: str, dir: str | Path) -> tuple[int, str]:
        if Path(dir) == bad.parent:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return real_mkstemp(prefix=prefix, suffix=suffix, dir=dir)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    code, err = run(capsys, command, bad, good)
    assert_failed_cleanly(code, err, bad, good, EXPECTED[command], "temporary file", "Permission denied")


# -- full disk and other failing system calls --------------------------------------------------
def _fail_once(real: Callable[..., object], error: OSError) -> Callable[..., object]:
    calls = {"n": 0}

    def fake(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 1:
            raise error
        return real(*args, **kwargs)

    return fake


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        ("fsync", OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), ("No space left on device", "unchanged")),
        ("replace", OSError(errno.EXDEV, os.strerror(errno.EXDEV)), ("cross-device", "unchanged")),
        ("replace", PermissionError(errno.EACCES, os.strerror(errno.EACCES)), ("Permission denied",)),
        ("chmod", OSError(errno.EPERM, os.strerror(errno.EPERM)), ("not permitted",)),
    ],
)
def test_failing_system_call(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    call: str,
    error: OSError,
    words: tuple[str, ...],
) -> None:
    bad = make(tmp_path, "a.md")
    good = make(tmp_path, "b.md")
    monkeypatch.setattr(os, call, _fail_once(getattr(os, call), error))
    code, err = run(capsys, command, bad, good)
    assert_failed_cleanly(code, err, bad, good, EXPECTED[command], "not written", *words)


def test_disk_full_during_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """ENOSPC from the write itself: a file object whose write fails."""
    bad = make(tmp_path, "a.md")
    good = make(tmp_path, "b.md")
    real_fdopen = os.fdopen
    calls = {"n": 0}

    class Full:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(fd: int, *args: object, **kwargs: object) -> object:
        calls["n"] += 1
        handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]
        return Full(handle) if calls["n"] == 1 else handle

    monkeypatch.setattr(os, "fdopen", fdopen)
    code, err = run(capsys, command, bad, good)
    assert_failed_cleanly(code, err, bad, good, EXPECTED[command], "No space left on device", "unchanged")


def test_interrupt_during_write_removes_the_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    path = make(tmp_path, "a.md")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    code, _ = run(capsys, command, path)
    assert code == 130
    assert path.read_bytes() == UNFORMATTED.encode()
    assert temp_files(tmp_path) == []


# -- the file changed under us -----------------------------------------------------------------
def test_file_changed_between_read_and_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    bad = make(tmp_path, "a.md")
    good = make(tmp_path, "b.md")
    edited = UNFORMATTED + "\nAn edit made while vrlint ran.\n"
    real_format, real_fix = vrlint.fixing.format_text, vrlint.fixing.fix_text

    def edit_first(text: str) -> None:
        if bad.read_bytes() == UNFORMATTED.encode():
            bad.write_text(edited, encoding="utf-8")
            # same size class, same second: only the bytes tell
            os.utime(bad, ns=(bad.stat().st_atime_ns, bad.stat().st_mtime_ns))

    def format_text(text: str, *args: object, **kwargs: object) -> str:
        edit_first(text)
        return real_format(text, *args, **kwargs)  # type: ignore[arg-type]

    def fix_text(text: str, *args: object, **kwargs: object) -> FixResult:
        edit_first(text)
        return real_fix(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(vrlint.fixing, "format_text", format_text)
    monkeypatch.setattr(vrlint.fixing, "fix_text", fix_text)
    code, err = run(capsys, command, bad, good)
    assert code == 2, err
    assert bad.read_text(encoding="utf-8") == edited  # the other writer's edit survives
    assert "changed while vrlint was working" in one_line_about(err, bad)
    assert good.read_text(encoding="utf-8") == EXPECTED[command]
    assert temp_files(tmp_path) == []


def test_same_size_same_mtime_change_is_still_detected(tmp_path: Path) -> None:
    path = make(tmp_path, "a.md")
    source = vrlint.io.read_source(path)
    info = path.stat()
    path.write_bytes(UNFORMATTED.replace("T", "U").encode())
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    with pytest.raises(vrlint.io.InputError, match="changed while vrlint"):
        vrlint.io.write_if_changed(source, FORMATTED)
    assert path.read_bytes() == UNFORMATTED.replace("T", "U").encode()


def test_file_replaced_by_a_fifo_before_the_write(tmp_path: Path) -> None:
    path = make(tmp_path, "a.md")
    source = vrlint.io.read_source(path)
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(vrlint.io.InputError, match="no longer a regular file"):
        vrlint.io.write_if_changed(source, FORMATTED)
    assert stat.S_ISFIFO(path.stat().st_mode)


def test_file_deleted_before_the_write(tmp_path: Path) -> None:
    path = make(tmp_path, "a.md")
    source = vrlint.io.read_source(path)
    path.unlink()
    with pytest.raises(vrlint.io.InputError, match="not written"):
        vrlint.io.write_if_changed(source, FORMATTED)
    assert not path.exists()


# -- symbolic links: written through, the link kept --------------------------------------------
def test_symlink_is_written_through_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    target = make(tmp_path / "real", "README.md")
    target.chmod(0o600)
    link = tmp_path / "docs" / "README.md"
    link.parent.mkdir()
    link.symlink_to(os.path.relpath(target, link.parent))
    code, err = run(capsys, command, link)
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text(encoding="utf-8") == EXPECTED[command]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert temp_files(target.parent) == [] and temp_files(link.parent) == []


def test_symlink_to_a_read_only_target(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    bad_target = make(tmp_path / "real", "a.md")
    bad_target.chmod(0o444)
    link = tmp_path / "link.md"
    link.symlink_to(bad_target)
    good = make(tmp_path, "b.md")
    code, err = run(capsys, command, link, good)
    assert code == 2
    assert bad_target.read_bytes() == UNFORMATTED.encode() and link.is_symlink()
    assert "read-only" in one_line_about(err, link)
    assert good.read_text(encoding="utf-8") == EXPECTED[command]


def test_dangling_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "gone.md")
    good = make(tmp_path, "b.md")
    code, err = run(capsys, command, link, good)
    assert code == 2
    assert "no such file" in one_line_about(err, link)
    assert good.read_text(encoding="utf-8") == EXPECTED[command]


# -- not a regular file ------------------------------------------------------------------------
def test_fifo_is_refused_without_blocking(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    good = make(tmp_path, "b.md")
    code, err = run(capsys, command, fifo, good)  # opening a FIFO would block forever
    assert code == 2
    assert "not a regular file" in one_line_about(err, fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert good.read_text(encoding="utf-8") == EXPECTED[command]


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_device_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, device: str) -> None:
    good = make(tmp_path, "b.md")
    code, err = run(capsys, command, Path(device), good)
    assert code == 2
    assert "not a regular file" in one_line_about(err, Path(device))
    assert good.read_text(encoding="utf-8") == EXPECTED[command]
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_symlink_to_a_device_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    link = tmp_path / "null.md"
    link.symlink_to("/dev/null")
    code, err = run(capsys, command, link)
    assert code == 2
    assert "not a regular file" in one_line_about(err, link)
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


# -- size limit --------------------------------------------------------------------------------
def test_file_over_max_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    big = make(tmp_path, "big.md", UNFORMATTED * 10)
    good = make(tmp_path, "b.md")
    code = main([*COMMANDS[command], "--max-bytes", "100", str(big), str(good)])
    err = capsys.readouterr().err
    assert code == 2
    line = one_line_about(err, big)
    assert f"{len(UNFORMATTED) * 10} bytes" in line and "--max-bytes" in line
    assert big.read_bytes() == (UNFORMATTED * 10).encode()
    assert good.read_text(encoding="utf-8") == EXPECTED[command]


def test_file_that_grows_after_the_size_check_is_still_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The read itself is capped at max_bytes + 1: a file that grows between
    the stat and the read (a log, an attack) cannot exhaust memory."""
    path = make(tmp_path, "a.md", "x" * 50)
    real_open = Path.open

    def grow_then_open(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            with open(path, "ab") as handle:
                handle.write(b"x" * 1_000_000)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", grow_then_open)
    with pytest.raises(vrlint.io.InputError, match="more than 100 bytes is over the size limit of 100 bytes"):
        vrlint.io.read_source(path, max_bytes=100)


def test_max_bytes_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = make(tmp_path, "a.md")
    assert main(["format", "--max-bytes", "0", str(path)]) == 2
    assert "--max-bytes must be positive" in capsys.readouterr().err
    assert path.read_bytes() == UNFORMATTED.encode()


# -- export -o ---------------------------------------------------------------------------------
def test_export_output_on_a_full_disk_keeps_the_old_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = make(tmp_path, "README.md", FORMATTED)
    output = tmp_path / "out.json"
    output.write_text("previous export\n", encoding="utf-8")
    monkeypatch.setattr(os, "replace", _fail_once(os.replace, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))))
    code = main(["export", str(source), "-o", str(output)])
    err = capsys.readouterr().err
    assert code == 2
    assert "No space left on device" in one_line_about(err, output)
    assert output.read_text(encoding="utf-8") == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "out.json"]
