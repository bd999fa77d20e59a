"""Reading and writing README files without ever damaging them.

Reading is strict UTF-8 (a BOM is kept in the text so it is written back)
and bounded: a file over the size limit (``--max-bytes``, default
:data:`DEFAULT_MAX_BYTES`) is refused before it is read, and at most
``max_bytes + 1`` bytes are ever read, so a file that grows after the check
cannot blow up memory either. Only regular files are read: a FIFO would
block, ``/dev/zero`` never ends.

Writing (``vrlint --fix``, ``vrlint format``) goes to a temporary file in
the same directory that is flushed, fsync'ed and renamed over the original,
keeping its permission bits (and, when allowed, its owner). Nothing is
written when the content did not change. Every failure leaves the original
byte-identical, removes the temporary file and raises :class:`InputError`
with a one-line message; the CLI prints it, goes on with the other files
and exits 2. In particular the write is refused when:

* the file changed since it was read (size, modification time or bytes);
* it is no longer a regular file;
* it is read-only: no write permission for this user, or no write bit at
  all in its mode (checked explicitly because root may write anything, and
  replacing the file by renaming over it does not need write permission on
  the file itself: a ``chmod a-w`` README must stay untouched);
* its directory is read-only in the same sense (the temporary file and the
  rename need it);
* the disk is full or any other write, fsync, chmod or rename fails.

With ``inside`` (``vrlint --no-follow-outside``, always in the GitHub
Action), a path is read only when, symbolic links resolved, it is a regular
file inside that directory: a pull request can commit ``README.md`` as a
link to ``/proc/self/environ`` or ``~/.ssh/id_rsa``, and whatever vrlint
reads may be quoted in annotations.

A symbolic link is written through: the target is replaced (atomically, in
the target's directory) and the link itself is kept, as editors do. A hard
link is broken by the rename (the other names keep the old content).

``vrlint export -o FILE`` (:func:`write_output`) writes the same way: a new
file gets the permissions a new file normally gets (``0666`` less the
umask, not the ``0600`` of a temporary file), an existing one keeps its
own, and a symbolic link at ``FILE`` is written through, never replaced by
a regular file.

SIGTERM during a write (a CI job cancelled, ``timeout``) is turned into an
exit with status 143 after the temporary file is removed, as Ctrl-C
(SIGINT) already was: no ``.vrlint-tmp`` file is left behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import NamedTuple

#: refuse files larger than this (bytes) unless ``--max-bytes`` says otherwise.
#: Parsing, linting and formatting are linear (``benchmarks/bench_pathological.py``)
#: but a dense table costs: ``vrlint check`` on a table made only of badge rows
#: took 18 s of CPU and 240 MB for 2.1 MB, 70 s and 850 MB for 8.5 MB (issue 17;
#: the largest README of the corpus, 200 KB, takes 1.4 s). 10 MB, 50 times that
#: README, so caps the worst case at about a minute and a half and 1 GB.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


class InputError(Exception):
    """A file vrlint cannot read or write; the message is one line (control
    characters in a file name are spelled out, so it stays one line)."""

    def __str__(self) -> str:
        from vrlint.text.chars import escape_controls

        return escape_controls(super().__str__())


class Source(NamedTuple):
    path: Path
    text: str
    mtime_ns: int

    @property
    def raw(self) -> bytes:
        """The bytes read: ``text`` is their strict UTF-8 decoding, so encoding it gives
        them back exactly (not kept: they would add the file's size to every run)."""
        return self.text.encode("utf-8")


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def _sigterm_cleans_up() -> Iterator[None]:
    """While writing, SIGTERM raises :class:`SystemExit` so the ``except``
    clauses remove the temporary file (the default action would kill the
    process on the spot). Signal handlers belong to the main thread only."""
    import signal  # only when a file is written: not at start-up
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _new_file_mode() -> int:
    """``0666`` less the umask: what ``open(..., "w")`` would create."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def refuse_outside(path: Path, inside: Path) -> None:
    """Raise :class:`InputError` unless ``path``, links resolved, is inside ``inside``."""
    try:
        real = Path(os.path.realpath(path))
        root = Path(os.path.realpath(inside))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot resolve: {error}") from None
    if real != root and not real.is_relative_to(root):
        raise InputError(
            f"{path}: refused: symbolic links resolved, it is not a file inside {inside} "
            "(with --no-follow-outside, and in the GitHub Action, vrlint reads only files inside the workspace)"
        )


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, inside: Path | None = None) -> Source:
    """Read ``path``; with ``inside``, only a regular file inside that directory."""
    if inside is not None:
        refuse_outside(path, inside)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {_reason(error)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory, not a Markdown file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file")
    if info.st_size > max_bytes:
        raise InputError(_over_limit(path, info.st_size, max_bytes))
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError(f"{path}: cannot read: {_reason(error)}") from None
    if len(raw) > max_bytes:  # it grew after the stat
        raise InputError(_over_limit(path, None, max_bytes))
    return Source(path, decode(raw, path), info.st_mtime_ns)


def _over_limit(path: Path, size: int | None, max_bytes: int) -> str:
    amount = f"{size} bytes" if size is not None else f"more than {max_bytes} bytes"
    return f"{path}: {amount} is over the size limit of {max_bytes} bytes (raise it with --max-bytes)"


def _utf16(raw: bytes) -> str | None:
    """"UTF-16LE"/"UTF-16BE" when the bytes are UTF-16 (a byte-order mark, or
    ASCII text with every other byte zero), else None."""
    if raw.startswith(b"\xff\xfe"):
        return "UTF-16LE"
    if raw.startswith(b"\xfe\xff"):
        return "UTF-16BE"
    sample = raw[:4096]
    if len(sample) >= 4:
        odd, even = sample[1::2], sample[0::2]
        if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
            return "UTF-16LE"
        if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "UTF-16BE"
    return None


def decode(raw: bytes, path: Path | str) -> str:
    encoding = _utf16(raw)  # ASCII in UTF-16 is valid UTF-8 full of NULs: ask first
    if encoding is not None:
        raise InputError(
            f"{path}: the file is {encoding}, not UTF-8; save it as UTF-8 (GitHub renders READMEs as UTF-8)"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = raw[error.start]
        raise InputError(
            f"{path}: not valid UTF-8: byte 0x{byte:02x} at offset {error.start} ({error.reason})"
        ) from None


def _read_only(path: Path, mode: int) -> bool:
    """No write permission for us, or no write bit at all (root included)."""
    return not (mode & _WRITE_BITS) or not os.access(path, os.W_OK)


def write_if_changed(source: Source, text: str) -> bool:
    """Atomically replace the file with ``text``; False when unchanged.

    Raises :class:`InputError` (the file untouched) when it cannot; see the
    module docstring for every case.
    """
    data = text.encode("utf-8")
    raw = source.raw
    if data == raw:
        return False
    path = source.path
    try:
        current = path.stat()
    except OSError as error:
        raise InputError(f"{path}: not written: {_reason(error)}") from None
    if not stat.S_ISREG(current.st_mode):
        raise InputError(f"{path}: not written: it is no longer a regular file")
    try:
        unchanged = current.st_mtime_ns == source.mtime_ns and current.st_size == len(raw)
        unchanged = unchanged and path.read_bytes() == raw
    except OSError as error:
        raise InputError(f"{path}: not written: cannot read it back: {_reason(error)}") from None
    if not unchanged:
        raise InputError(f"{path}: not written: the file changed while vrlint was working on it")
    # Write through a symbolic link: replace the target, keep the link.
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if _read_only(target, current.st_mode):
        raise InputError(f"{path}: not written: the file is read-only")
    directory = target.parent
    try:
        directory_mode = directory.stat().st_mode
    except OSError as error:
        raise InputError(f"{path}: not written: {_reason(error)}") from None
    if _read_only(directory, directory_mode):
        raise InputError(f"{path}: not written: its directory {directory} is read-only")
    with _sigterm_cleans_up():
        _replace(target, data, stat.S_IMODE(current.st_mode), path, (current.st_uid, current.st_gid))
    return True


def _replace(target: Path, data: bytes, mode: int, shown: Path, owner: tuple[int, int] | None) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it over
    ``target``; on any failure or interruption the temporary file is removed."""
    import tempfile  # only when a file is written

    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".vrlint-tmp", dir=target.parent)
    except OSError as error:
        raise InputError(f"{shown}: not written: cannot create a temporary file: {_reason(error)}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        if owner is not None:
            with contextlib.suppress(OSError):  # keep the owner when allowed (root)
                os.chown(temp, *owner)
        os.replace(temp, target)
    except BaseException as error:  # the original is untouched: clean up, say so
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise InputError(f"{shown}: not written: {_reason(error)}; the file is unchanged") from None
        raise


def write_output(path: Path, text: str) -> None:
    """Write an export to ``path`` atomically (see the module docstring)."""
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a file name to -o")
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        current = target.stat()
    except FileNotFoundError:
        mode, owner = _new_file_mode(), None
    except OSError as error:
        raise InputError(f"{path}: cannot write: {_reason(error)}") from None
    else:
        if not stat.S_ISREG(current.st_mode):
            raise InputError(f"{path}: cannot write: not a regular file")
        mode, owner = stat.S_IMODE(current.st_mode), (current.st_uid, current.st_gid)
    with _sigterm_cleans_up():
        _replace(target, text.encode("utf-8"), mode, path, owner)
