"""Writing a set of export files into one folder: every file atomically, all or none."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from smdesk.store.atomic import AtomicWriteError, commit_staged, discard_staged, stage_bytes


def write_files(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (name → bytes) into ``folder``, creating it; return the paths written.

    All or none: every file is first staged (written and synced beside its target), and only
    when all of them are does each take its place, so a failure (a full disk, a folder in the
    way) leaves every file that was there as it was. Raises AtomicWriteError (an OSError whose
    ``str`` is one sentence naming the file and what to do).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise AtomicWriteError(
            f"Cannot create the folder {folder} ({reason}); choose another folder.",
            folder, exc.errno) from exc
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            path = folder / name
            staged.append((stage_bytes(path, data), path))
    except OSError:
        for temp, _path in staged:
            discard_staged(temp)
        raise
    written: list[Path] = []
    try:
        for temp, path in staged:
            commit_staged(temp, path)  # a rename in the same folder: this fails only rarely
            written.append(path)
    except OSError:
        for temp, _path in staged[len(written) + 1 :]:  # the failed one discarded its own
            discard_staged(temp)
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
