"""Writing a set of export files into one folder: every file atomically, all or none."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from smdesk.store.atomic import AtomicWriteError, atomic_write_bytes


def write_files(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (name → bytes) into ``folder``, creating it; return the paths written.

    Each file is replaced atomically; if one fails, the ones this call already wrote are removed
    again, so a failed export never leaves half a set. Raises AtomicWriteError (an OSError whose
    ``str`` is one sentence naming the file and what to do).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise AtomicWriteError(
            f"Cannot create the folder {folder} ({reason}); choose another folder.",
            folder, exc.errno) from exc
    written: list[Path] = []
    try:
        for name, data in files.items():
            path = folder / name
            atomic_write_bytes(path, data)
            written.append(path)
    except OSError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def unused_names(folder: Path, files: Mapping[str, bytes], stem: str) -> dict[str, bytes]:
    """``files`` (each name starting with ``stem``) renamed "stem (2)…", "stem (3)…" until none
    of them is in ``folder`` yet: for an export no one was asked about, which must not replace
    a file someone may have edited. Unchanged when none of the names is taken."""
    if not any((folder / name).exists() for name in files):
        return dict(files)
    number = 2
    while True:
        renamed = {f"{stem} ({number}){name[len(stem):]}": data for name, data in files.items()}
        if not any((folder / name).exists() for name in renamed):
            return renamed
        number += 1
