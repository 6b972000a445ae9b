"""Errors of the job history, each a plain sentence, and moving a damaged file aside."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from smdesk.store.records import SERVER_PHASES, JobRecord, Phase

# SQLite primary result codes (sqlite3.h)
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26


class HistoryError(RuntimeError):
    """The job history could not be read or written. ``str(e)`` is one sentence."""


class HistoryCorruptError(HistoryError):
    """The history file is not a database or is damaged; ``path`` names it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The job history file {path} is damaged or is not an smdesk history; "
            "move it aside to start a new history."
        )
        self.path = path


class HistoryTooNewError(HistoryError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"The job history file {path} was written by a newer smdesk (schema {found}, this "
            f"version knows up to {known}); update smdesk or move the file aside."
        )
        self.path = path
        self.found = found
        self.known = known


class UnknownJobError(HistoryError, LookupError):
    def __init__(self, job_id: int) -> None:
        super().__init__(f"There is no job {job_id} in the history; it may have been deleted.")
        self.job_id = job_id


class PhaseError(HistoryError, ValueError):
    """A change that would break the restart guarantees (e.g. uploading a job twice)."""

    @classmethod
    def no_reupload(cls, job_id: int, file_name: str, phase: Phase) -> PhaseError:
        return cls(
            f"Job {job_id} ({file_name}) is already {phase} and will not be uploaded again; "
            "add it as a new job to transcribe it again."
        )

    @classmethod
    def other_remote_id(cls, job_id: int, current: str, new: str) -> PhaseError:
        return cls(
            f"Job {job_id} is already attached to server job {current}; refusing to replace it "
            f"with {new}."
        )

    @classmethod
    def check_transition(cls, record: JobRecord, target: Phase) -> None:
        """Raise when ``record`` may not move to ``target`` (see smdesk.store.history)."""
        name = f"Job {record.id} ({record.file_name})"
        if target in SERVER_PHASES and record.remote_id is None:
            raise cls(f"{name} has no server job id yet, so it cannot be {target}.")
        if target is Phase.DONE and not record.has_transcript:
            raise cls(f"{name} has no stored transcript, so it cannot be done; save it first.")
        going_back = target in (Phase.QUEUED, Phase.UPLOADING)
        if going_back and (record.phase in SERVER_PHASES or record.phase is Phase.DONE):
            raise cls.no_reupload(record.id, record.file_name, record.phase)


def translate_sqlite_error(exc: sqlite3.Error, path: Path) -> HistoryError:
    """One plain sentence for an sqlite3 error on the history file at ``path``."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return HistoryCorruptError(path)
    if primary == _SQLITE_FULL:
        return HistoryError(f"The disk holding the job history {path} is full; free some space.")
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return HistoryError(
            f"The job history {path} is busy in another program (another smdesk window?); "
            "close it and try again."
        )
    if primary in (_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CANTOPEN):
        return HistoryError(
            f"The job history {path} cannot be opened for writing; check that the file and its "
            "folder are writable."
        )
    if primary == _SQLITE_IOERR:
        return HistoryError(f"The job history {path} could not be read or written (disk error).")
    if isinstance(exc, sqlite3.ProgrammingError) and "closed" in str(exc):
        return HistoryError(f"The job history {path} is closed.")
    return HistoryError(f"The job history {path} could not be used: {exc}.")


def move_aside(path: Path | str) -> Path:
    """Rename a damaged history (and its -wal/-shm files) to ``<name>.corrupt-<time>``.

    Returns the new path of the main file. The next :meth:`History.open` starts an empty history.
    """
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    return target
