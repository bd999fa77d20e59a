"""Reading and writing README files without ever damaging them.

Reading is strict UTF-8 (a BOM is kept in the text so it is written back).
Writing goes to a temporary file in the same directory that is renamed over
the original, keeping its permissions; nothing is written when the content
did not change, and a file that changed since it was read is left alone.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: refuse files larger than this (bytes) unless configured otherwise
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class InputError(Exception):
    """A file vrlint cannot read or write; the message is one line."""


@dataclass(frozen=True, slots=True)
class Source:
    path: Path
    text: str
    raw: bytes
    mtime_ns: int


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory, not a Markdown file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file")
    if info.st_size > max_bytes:
        raise InputError(
            f"{path}: {info.st_size} bytes is over the size limit of {max_bytes} bytes (--max-bytes)"
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    return Source(path, decode(raw, path), raw, info.st_mtime_ns)


def decode(raw: bytes, path: Path | str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = raw[error.start]
        raise InputError(
            f"{path}: not valid UTF-8: byte 0x{byte:02x} at offset {error.start} ({error.reason})"
        ) from None


def write_if_changed(source: Source, text: str) -> bool:
    """Atomically replace the file with ``text``; False when unchanged."""
    data = text.encode("utf-8")
    if data == source.raw:
        return False
    path = source.path
    try:
        current = path.stat()
    except OSError as error:
        raise InputError(f"{path}: not written: {error.strerror}") from None
    if current.st_mtime_ns != source.mtime_ns or path.read_bytes() != source.raw:
        raise InputError(f"{path}: not written: the file changed while vrlint was working on it")
    if path.is_symlink():
        target = path.resolve()
    else:
        target = path
    directory = target.parent
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".vrlint-tmp", dir=directory)
    except OSError as error:
        raise InputError(f"{path}: not written: cannot create a temporary file: {error.strerror}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, stat.S_IMODE(current.st_mode))
        os.replace(temp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise InputError(f"{path}: not written: {error.strerror}; the file is unchanged") from None
    return True
