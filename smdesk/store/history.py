"""Local job history: one SQLite file (stdlib sqlite3) in the user data directory.

Each job records its source file, size, fingerprint, options, endpoint, server job id, phase,
timestamps and error, and once fetched the full json-v2 transcript (in its own table, so
listing and searching stay fast however large the transcripts are). Finished transcripts open
offline, long after the server copy has expired.

Phases and what a restart does with them (the app writes the phase BEFORE each network step):

- ``QUEUED``: nothing sent. Restart: upload.
- ``UPLOADING``: written by :meth:`History.begin_upload` before the POST (``upload_attempts``
  +1, ``upload_started_at``). Restart with no ``remote_id``: the upload was cut off, so upload
  again. The POST may have completed on the server with the reply lost; before re-uploading,
  the app lists recent server jobs and looks for ``data_name == file_name`` created after
  ``upload_started_at`` (see :attr:`JobRecord.upload_was_interrupted`) and, if found, calls
  :meth:`History.set_remote_id`.
- ``SUBMITTED``: ``remote_id`` written the moment the POST returns. Restart: re-attach, never
  upload.
- ``TRANSCRIBING`` / ``DOWNLOADING``: polling / fetching the transcript. Restart: re-attach.
- ``DONE``: transcript stored (:meth:`History.save_transcript`). Final.
- ``FAILED`` (``error`` holds the reason) / ``CANCELLED``: final; a retry starts at
  ``begin_upload``.

Guards that keep "nothing is submitted twice": a job with a live server job (``SUBMITTED``,
``TRANSCRIBING``, ``DOWNLOADING``) or a finished one cannot go back to
``QUEUED``/``UPLOADING``; server-side phases need a ``remote_id``; ``DONE`` needs a stored
transcript; ``FAILED``/``CANCELLED`` arriving for a job that is already ``DONE`` are ignored,
so nothing finished is lost.

Durability: WAL with ``synchronous=FULL``. WAL + NORMAL survives an app crash but a power loss
may drop the last commits, and the last commits here are exactly the "UPLOADING" or "remote id"
rows that stop a second upload; FULL makes every commit durable at the cost of one WAL fsync
per commit (a few per job). WAL never corrupts on power loss in either mode, and readers never
block the writer.

Threading: one connection (``check_same_thread=False``) guarded by a lock, so the app may call
from an executor thread; every mutating method is one ``BEGIN IMMEDIATE`` transaction. Calls do
disk I/O: from an event loop, run them in an executor.
"""

from __future__ import annotations

import builtins
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from smdesk.store import edited_copy, transcript_cache, transcript_search
from smdesk.store.history_errors import (
    HistoryCorruptError,
    HistoryError,
    HistoryTooNewError,
    PhaseError,
    UnknownJobError,
    translate_sqlite_error,
)
from smdesk.store.records import (
    FINAL_PHASES,
    PRE_UPLOAD_PHASES,
    SERVER_PHASES,
    JobRecord,
    Phase,
    record_from_row,
)
from smdesk.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = [
    "FINAL_PHASES",
    "SERVER_PHASES",
    "History",
    "HistoryCorruptError",
    "HistoryError",
    "HistoryTooNewError",
    "JobRecord",
    "Phase",
    "PhaseError",
    "UnknownJobError",
]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 10.0


_SELECT = (
    "SELECT j.*, EXISTS(SELECT 1 FROM transcripts t WHERE t.job_id = j.id) AS has_transcript, "
    "(SELECT t.edited_at FROM transcripts t WHERE t.job_id = j.id) AS edited_at "
    "FROM jobs j"
)
_NEWEST_FIRST = " ORDER BY j.created_at DESC, j.id DESC"


def _fold(text: str | None) -> str | None:
    # Unicode-aware case folding; SQLite's own LIKE only folds ASCII.
    return None if text is None else text.casefold()


def escape_like(text: str) -> str:
    """Escape LIKE wildcards so a search for "50%_final" matches literally (ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _canonical_json(text: str) -> str:
    try:
        return json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
    except ValueError:
        return text


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False, isolation_level=None
    )
    conn.row_factory = sqlite3.Row
    conn.create_function("smdesk_fold", 1, _fold, deterministic=True)
    return conn


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    version = conn.execute("PRAGMA user_version").fetchone()[0]  # first read: detects garbage
    if version > SCHEMA_VERSION:
        raise HistoryTooNewError(path, version, SCHEMA_VERSION)
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        log.warning("History %s cannot use WAL (journal mode %s); continuing.", path, mode)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    # Re-read the version under the write lock: another process may have upgraded meanwhile.
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryTooNewError(path, version, SCHEMA_VERSION)
        for statements in MIGRATIONS[version:]:
            for statement in statements:
                conn.execute(statement)
        if version < SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            log.info("History %s upgraded from schema %d to %d.", path, version, SCHEMA_VERSION)
        conn.execute("COMMIT")
    except BaseException:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


class History:
    """The job history. Use :meth:`open`; close with :meth:`close` (or ``with``)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.Lock()
        self.path = path

    @classmethod
    def open(cls, path: Path | str) -> History:
        """Open (creating or upgrading) the history at ``path``.

        Raises HistoryCorruptError (not a database / damaged: the caller may move it aside with
        :func:`smdesk.store.history_errors.move_aside`), HistoryTooNewError, or HistoryError.
        """
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(
                f"Cannot create the folder {path.parent} for the job history "
                f"({exc.strerror}); check its permissions."
            ) from exc
        try:
            conn = _connect(path)
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, path) from exc
        try:
            _configure(conn, path)
            _migrate(conn, path)
        except sqlite3.Error as exc:
            conn.close()
            raise translate_sqlite_error(exc, path) from exc
        except BaseException:
            conn.close()
            raise
        return cls(conn, path)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"History({str(self.path)!r})"

    # -- plumbing -------------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._connection()
            except sqlite3.Error as exc:
                raise translate_sqlite_error(exc, self.path) from exc

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One BEGIN IMMEDIATE ... COMMIT; rolled back on any error."""
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        with suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise translate_sqlite_error(exc, self.path) from exc

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise HistoryError(f"The job history {self.path} is closed.")
        return self._conn

    @staticmethod
    def _row(conn: sqlite3.Connection, job_id: int) -> sqlite3.Row:
        row = conn.execute(_SELECT + " WHERE j.id = ?", (job_id,)).fetchone()
        if row is None:
            raise UnknownJobError(job_id)
        return row  # type: ignore[no-any-return]

    def _update(self, conn: sqlite3.Connection, job_id: int, **columns: Any) -> JobRecord:
        columns["updated_at"] = time.time()
        assignments = ", ".join(f"{name} = ?" for name in columns)
        conn.execute(f"UPDATE jobs SET {assignments} WHERE id = ?", (*columns.values(), job_id))
        return record_from_row(self._row(conn, job_id))

    # -- queries --------------------------------------------------------------------------------

    def get(self, job_id: int) -> JobRecord | None:
        with self._reading() as conn:
            row = conn.execute(_SELECT + " WHERE j.id = ?", (job_id,)).fetchone()
        return None if row is None else record_from_row(row)

    def list(self, search: str | None = None, *, limit: int | None = None) -> list[JobRecord]:
        """Newest first. ``search`` matches anywhere in the file name, case-insensitively."""
        sql = _SELECT
        params: builtins.list[object] = []
        if search and search.strip():
            sql += " WHERE smdesk_fold(j.file_name) LIKE ? ESCAPE '\\'"
            params.append(f"%{escape_like(search.strip().casefold())}%")
        sql += _NEWEST_FIRST
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        with self._reading() as conn:
            return [record_from_row(row) for row in conn.execute(sql, params)]

    def search_words(self, text: str) -> builtins.list[int]:
        """Jobs whose transcript (as edited) contains every typed word; see transcript_search."""
        with self._writing() as conn:  # edits since the last search are indexed first
            transcript_search.refresh_stale(conn)
            return transcript_search.search(conn, text)

    def unfinished(self) -> builtins.list[JobRecord]:
        """Jobs to resume after a restart, oldest first (queue order)."""
        marks = ", ".join("?" for _ in FINAL_PHASES)
        sql = _SELECT + f" WHERE j.phase NOT IN ({marks}) ORDER BY j.created_at, j.id"
        with self._reading() as conn:
            rows = conn.execute(sql, [str(p) for p in FINAL_PHASES])
            return [record_from_row(row) for row in rows]

    def find_by_fingerprint(
        self, fingerprint: str, options_json: str | None = None
    ) -> builtins.list[JobRecord]:
        """Jobs for the same file content (and, if given, the same options), newest first.

        Options are compared as JSON values, so key order and spacing do not matter.
        """
        with self._reading() as conn:
            sql = _SELECT + " WHERE j.fingerprint = ?" + _NEWEST_FIRST
            rows = conn.execute(sql, (fingerprint,))
            records = [record_from_row(row) for row in rows]
        if options_json is None:
            return records
        wanted = _canonical_json(options_json)
        return [r for r in records if _canonical_json(r.options_json) == wanted]

    def load_transcript(self, job_id: int, original: bool = False) -> str | None:
        """The json-v2 text with the user's edits, or as the server sent it (``original``)."""
        with self._reading() as conn:
            return edited_copy.load(conn, job_id, original=original)

    def open_transcript(
        self, job_id: int, original: bool = False
    ) -> transcript_cache.OpenedTranscript | None:
        """:meth:`load_transcript` parsed, quickly when its parsed form was kept (call ``keep``
        on the result later to keep it). Raises ValueError for text that is not json-v2."""
        return transcript_cache.open_stored(self._reading, self._writing, job_id,
                                            original=original)

    def keep_parsed(self, job_id: int, stored: transcript_cache.StoredCopy, data: bytes) -> bool:
        """Keep ``data`` (smdesk.core.word_cache) as the parsed form of the copy ``stored``
        describes, if its text is still that one; True when it was kept."""
        with self._writing() as conn:
            return transcript_cache.store_if_current(conn, stored, job_id, data)

    def edit_revision(self, job_id: int) -> int:
        """The revision of the stored edits (0: never edited); the next save must be higher."""
        with self._reading() as conn:
            return edited_copy.revision(conn, job_id)

    def quick_check(self) -> bool:
        """True when SQLite's quick_check finds the file consistent."""
        with self._reading() as conn:
            return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")

    # -- changes --------------------------------------------------------------------------------

    def add(
        self,
        *,
        source_path: str,
        size: int,
        fingerprint: str,
        duration: float | None,
        options_json: str,
        endpoint: str,
    ) -> JobRecord:
        """Record a new job in phase QUEUED."""
        now = time.time()
        with self._writing() as conn:
            cursor = conn.execute(
                "INSERT INTO jobs (source_path, file_name, size, fingerprint, duration,"
                " options_json, endpoint, phase, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(source_path), Path(source_path).name, int(size), fingerprint, duration,
                    options_json, endpoint, str(Phase.QUEUED), now, now,
                ),
            )
            assert cursor.lastrowid is not None
            return record_from_row(self._row(conn, cursor.lastrowid))

    def begin_upload(self, job_id: int) -> JobRecord:
        """Phase UPLOADING, written BEFORE the POST. Starts a fresh attempt (clears any old id)."""
        with self._writing() as conn:
            record = record_from_row(self._row(conn, job_id))
            if record.phase in SERVER_PHASES or record.phase is Phase.DONE:
                raise PhaseError.no_reupload(record.id, record.file_name, record.phase)
            return self._update(
                conn, job_id, phase=str(Phase.UPLOADING),
                upload_attempts=record.upload_attempts + 1, upload_started_at=time.time(),
                remote_id=None, submitted_at=None, finished_at=None, error=None, remote_deleted=0,
            )

    def set_remote_id(self, job_id: int, remote_id: str) -> JobRecord:
        """Record the server job id the moment the POST returns: phase SUBMITTED.

        A job cancelled during its upload stays CANCELLED (the id lets the app delete the server
        job).
        """
        if not remote_id:
            raise ValueError("remote_id must be a non-empty server job id")
        with self._writing() as conn:
            record = record_from_row(self._row(conn, job_id))
            replaceable = record.phase in PRE_UPLOAD_PHASES or record.phase is Phase.FAILED
            if record.remote_id not in (None, remote_id) and not replaceable:
                raise PhaseError.other_remote_id(record.id, record.remote_id or "", remote_id)
            phase = Phase.SUBMITTED if replaceable else record.phase
            submitted_at = record.submitted_at if record.remote_id == remote_id else time.time()
            error = None if phase is Phase.SUBMITTED else record.error
            return self._update(
                conn, job_id, remote_id=remote_id, phase=str(phase),
                submitted_at=submitted_at, error=error,
                finished_at=record.finished_at if phase.is_final else None,
            )

    def set_phase(self, job_id: int, phase: Phase | str, *, error: str | None = None) -> JobRecord:
        """Move a job to ``phase`` (``error`` is stored; None clears it). See the module docs."""
        phase = Phase(phase)
        with self._writing() as conn:
            record = record_from_row(self._row(conn, job_id))
            if record.phase is Phase.DONE and phase in (Phase.FAILED, Phase.CANCELLED):
                log.info("Job %d is already done; ignoring %s.", job_id, phase)
                return record
            PhaseError.check_transition(record, phase)
            return self._update(
                conn, job_id, phase=str(phase), error=error,
                finished_at=(record.finished_at or time.time()) if phase.is_final else None,
            )

    def change_queued_options(self, job_id: int, options_json: str) -> JobRecord | None:
        """New options for a job nothing was sent for yet; None (and no change) once it started.

        The check and the write are one statement, so a job that starts meanwhile keeps the
        options it was sent with.
        """
        with self._writing() as conn:
            changed = conn.execute(
                "UPDATE jobs SET options_json = ?, updated_at = ? WHERE id = ? AND phase = ?"
                " AND remote_id IS NULL AND upload_attempts = 0",
                (options_json, time.time(), job_id, str(Phase.QUEUED)),
            ).rowcount
            return record_from_row(self._row(conn, job_id)) if changed else None

    def save_transcript(self, job_id: int, json_text: str) -> JobRecord:
        """Store the server's json-v2 transcript and mark the job DONE (edits: save_edits)."""
        with self._writing() as conn:
            edited_copy.check_json_object(conn, job_id, json_text)
            record = record_from_row(self._row(conn, job_id))
            conn.execute(
                "INSERT INTO transcripts (job_id, json) VALUES (?, ?)"
                " ON CONFLICT(job_id) DO UPDATE SET json = excluded.json",
                (job_id, json_text),
            )
            transcript_search.reindex(conn, job_id)
            finished_at = record.finished_at if record.phase is Phase.DONE else None
            return self._update(
                conn, job_id, phase=str(Phase.DONE), error=None,
                finished_at=finished_at or time.time(),
            )

    def save_edits(self, job_id: int, json_text: str, revision: int) -> JobRecord:
        """Store the edited json-v2 beside the original; phase and finished_at stay as they are.

        A ``revision`` not above the stored one is ignored (an older autosave arriving late).
        Raises ValueError for text that is not a JSON object, UnknownJobError, HistoryError.
        """
        with self._writing() as conn:
            edited_copy.check_json_object(conn, job_id, json_text)
            self._row(conn, job_id)
            if edited_copy.save_edits(conn, job_id, json_text, revision):
                transcript_search.mark_stale(conn, job_id)  # reindexed by the next search
            return record_from_row(self._row(conn, job_id))

    def revert_to_original(self, job_id: int, revision: int) -> JobRecord:
        """Forget the edits: the transcript reads as transcribed (``revision`` as in save_edits)."""
        with self._writing() as conn:
            self._row(conn, job_id)
            if edited_copy.revert(conn, job_id, revision):
                transcript_search.reindex(conn, job_id)
            return record_from_row(self._row(conn, job_id))

    def mark_remote_deleted(self, job_id: int) -> None:
        """The server copy is gone (deleted by us). Unknown ids are ignored."""
        with self._writing() as conn:
            conn.execute(
                "UPDATE jobs SET remote_deleted = 1, updated_at = ? WHERE id = ?",
                (time.time(), job_id),
            )

    def relocate_source(self, job_id: int, source_path: str) -> JobRecord:
        """The recording was found at ``source_path`` ("Locate file…", fingerprint checked by
        the caller). Raises UnknownJobError for an unknown id."""
        with self._writing() as conn:
            self._row(conn, job_id)
            return self._update(conn, job_id, source_path=str(source_path),
                                file_name=Path(source_path).name)

    def delete(self, job_id: int) -> None:
        """Forget a job and its transcript locally. Unknown ids are ignored."""
        with self._writing() as conn:
            conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
