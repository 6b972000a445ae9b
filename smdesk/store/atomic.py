"""Atomic file writes: the target holds either its old content or the complete new content.

The data goes to a temporary file in the target's directory (same file system, so the rename is
atomic), is flushed and fsynced, then ``os.replace``d over the target; on POSIX the directory is
fsynced too so the rename itself survives a power loss. Any failure removes the temporary file and
re-raises: never a half-written target.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

StrPath = str | os.PathLike[str]


class AtomicWriteError(OSError):
    """A file could not be saved. ``str(e)`` is one sentence naming the file and what to do."""

    def __init__(self, message: str, path: Path, errno_code: int | None = None) -> None:
        super().__init__(errno_code, message, str(path))
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message


def _current_umask() -> int:
    # Read once at import (single-threaded then): os.umask has no getter, only set-and-restore.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _explain(exc: OSError, target: Path) -> AtomicWriteError:
    directory = target.parent
    if exc.errno == errno.ENOENT or not directory.exists():
        message = (
            f"Cannot save {target}: the folder {directory} does not exist; "
            "choose an existing folder."
        )
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        message = (
            f"Cannot save {target}: there is no permission to write in {directory}; "
            "choose another folder or fix its permissions."
        )
    elif exc.errno == errno.ENOSPC:
        message = f"Cannot save {target}: the disk is full; free some space and try again."
    elif exc.errno == errno.EISDIR or target.is_dir():
        message = f"Cannot save {target}: a folder with that name exists; choose another name."
    else:
        reason = exc.strerror or type(exc).__name__
        message = f"Cannot save {target}: {reason}; choose another location or try again."
    return AtomicWriteError(message, target, exc.errno)


def _new_file_mode(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open directories; NTFS journals the rename itself.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on directories; the data itself is already synced
    finally:
        os.close(fd)


def atomic_write_bytes(path: StrPath, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically. Raises AtomicWriteError (an OSError)."""
    target = Path(path)
    commit_staged(stage_bytes(target, data), target)


def stage_bytes(target: Path, data: bytes) -> Path:
    """``data`` in a synced temporary file beside ``target``, not yet in its place (see
    :func:`commit_staged`); a set of files is staged first, so a failure leaves every target
    as it was. Raises AtomicWriteError, with no temporary file left."""
    mode = _new_file_mode(target)
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept on failure paths
            mode="wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise _explain(exc, target) from exc
    temp_path = Path(handle.name)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            os.chmod(temp_path, mode)  # mkstemp makes 0600; match the old file or a normal new file
        if target.is_dir():  # os.replace would fail only now, or replace an empty folder
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
    except BaseException as exc:
        discard_staged(temp_path)
        if isinstance(exc, OSError) and not isinstance(exc, AtomicWriteError):
            raise _explain(exc, target) from exc
        raise
    return temp_path


def commit_staged(temp_path: Path, target: Path) -> None:
    """Put a staged file in place of ``target`` (one rename). Raises AtomicWriteError."""
    try:
        os.replace(temp_path, target)
    except OSError as exc:
        discard_staged(temp_path)
        raise _explain(exc, target) from exc
    _fsync_directory(target.parent)


def discard_staged(temp_path: Path) -> None:
    with contextlib.suppress(OSError):
        temp_path.unlink(missing_ok=True)


def atomic_write_text(path: StrPath, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically; encoding errors raise before any file exists."""
    atomic_write_bytes(path, text.encode(encoding))
