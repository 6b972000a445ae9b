"""The parsed form of each stored transcript (smdesk.core.word_cache), so a job opens quickly.

``word_caches`` holds at most two rows per transcript: ``copy`` 'original' (of ``json``) and
'edited' (of ``edited_json``, at its ``edit_revision``). A row is only ever a shortcut: the
json-v2 text stays the truth, and a missing, stale or unreadable row means "parse the text".
Rows are kept in their own table so writing one never rewrites the megabytes of text beside it.

Staleness is ruled out by the database itself: triggers delete a copy's row whenever its text is
written (autosave, revert, a new download), whoever writes it, and a row is stored
(:func:`store_if_current`) only while the text is still the one it was made from. Rows are made
on the history thread a moment after a result arrives, an open had to parse, or autosave
paused (smdesk.app.controllers.db); old databases have none until each job is opened.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Final

from smdesk.core import word_cache
from smdesk.core.transcript import Transcript
from smdesk.core.transcript_read import read_json_text

log = logging.getLogger(__name__)

ORIGINAL: Final = "original"
EDITED: Final = "edited"

# v7. IF NOT EXISTS: safe on a database whose version number was set back by hand (tests).
MIGRATION: Final = (
    """
    CREATE TABLE IF NOT EXISTS word_caches (
        job_id   INTEGER NOT NULL REFERENCES transcripts(job_id) ON DELETE CASCADE,
        copy     TEXT    NOT NULL CHECK (copy IN ('original', 'edited')),
        revision INTEGER NOT NULL,
        data     BLOB    NOT NULL,
        PRIMARY KEY (job_id, copy)
    )
    """,
    "CREATE TRIGGER IF NOT EXISTS word_caches_original_written AFTER UPDATE OF json"
    " ON transcripts BEGIN"
    " DELETE FROM word_caches WHERE job_id = old.job_id AND copy = 'original'; END",
    "CREATE TRIGGER IF NOT EXISTS word_caches_edited_written AFTER UPDATE OF edited_json"
    " ON transcripts BEGIN"
    " DELETE FROM word_caches WHERE job_id = old.job_id AND copy = 'edited'; END",
)

# Which copy a load reads: the edited one unless the original is asked for or there is none.
_COPY: Final = f"CASE WHEN ?2 OR t.edited_json IS NULL THEN '{ORIGINAL}' ELSE '{EDITED}' END"


@dataclass(frozen=True, slots=True)
class StoredCopy:
    """One copy of a transcript as the history holds it: its text, or only its cache row."""

    copy: str
    revision: int
    text: str | None  # None: ``cache`` is current, the text was not read
    cache: bytes | None


def load(
    conn: sqlite3.Connection, job_id: int, *, original: bool, cached: bool = True
) -> StoredCopy | None:
    """The copy a load wants: its current cache row if there is one (and ``cached``), else
    its text."""
    row = conn.execute(
        f"SELECT {_COPY} AS copy, edit_revision AS revision FROM transcripts t WHERE job_id = ?1",
        (job_id, original),
    ).fetchone()
    if row is None:
        return None
    copy, revision = str(row["copy"]), int(row["revision"])
    if cached:
        found = conn.execute(
            "SELECT data FROM word_caches WHERE job_id = ? AND copy = ? AND revision = ?",
            (job_id, copy, revision if copy == EDITED else 0),
        ).fetchone()
        if found is not None:
            return StoredCopy(copy, revision, None, bytes(found["data"]))
    column = "json" if copy == ORIGINAL else "edited_json"
    text = conn.execute(
        f"SELECT {column} FROM transcripts WHERE job_id = ?", (job_id,)
    ).fetchone()[0]
    return None if text is None else StoredCopy(copy, revision, str(text), None)


def store_if_current(conn: sqlite3.Connection, stored: StoredCopy, job_id: int,
                     data: bytes) -> bool:
    """Keep ``data`` as the cache of ``stored`` if its text is still the stored one (an
    autosave or a revert may have come between the read and now); True when it was kept."""
    column = "json" if stored.copy == ORIGINAL else "edited_json"
    cursor = conn.execute(
        "INSERT OR REPLACE INTO word_caches (job_id, copy, revision, data)"
        f" SELECT job_id, ?2, CASE WHEN ?2 = '{ORIGINAL}' THEN 0 ELSE edit_revision END, ?4"
        " FROM transcripts"
        f" WHERE job_id = ?1 AND {column} = ?3 AND (?2 = '{ORIGINAL}' OR edit_revision = ?5)",
        (job_id, stored.copy, stored.text, data, stored.revision),
    )
    return cursor.rowcount > 0


@dataclass(frozen=True, slots=True)
class OpenedTranscript:
    transcript: Transcript
    # Stores the parsed form for the next open (~0.1 s of Python at 3 hours: run it once the
    # transcript is on screen). None: it came from there.
    keep: Callable[[], None] | None


Connected = Callable[[], AbstractContextManager[sqlite3.Connection]]


def open_stored(
    reading: Connected, writing: Connected, job_id: int, *, original: bool
) -> OpenedTranscript | None:
    """The copy of the transcript a load wants (see :func:`load`), parsed: from its cache row
    when that is current and readable, else from its text. Raises ValueError (one sentence)
    for stored text that is not a json-v2 transcript."""
    with reading() as conn:
        stored = load(conn, job_id, original=original)
    if stored is not None and stored.cache is not None:
        transcript = Transcript.from_word_cache(stored.cache)
        if transcript is not None:
            return OpenedTranscript(transcript, None)
        log.info("The cached words of job %d are unreadable; reading its json-v2.", job_id)
        with reading() as conn:
            stored = load(conn, job_id, original=original, cached=False)
    if stored is None or stored.text is None:
        return None
    parsed = read_json_text(stored.text)
    own = word_cache.detached(parsed)  # the Transcript takes ``parsed``; edits may come first
    read = stored

    def keep() -> None:
        data = word_cache.encode(own)
        with writing() as conn:
            store_if_current(conn, read, job_id, data)

    return OpenedTranscript(Transcript.from_parsed(parsed), keep)
