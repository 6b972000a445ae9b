"""The user's edited copy of a transcript, stored next to the server's original.

The ``transcripts`` table keeps the json-v2 the API returned in ``json`` (the only copy once the
server has deleted its own after 7 days) and the latest edited json-v2 in ``edited_json``, with
a ``edit_revision`` that only grows (a late, older autosave never overwrites a newer one) and
``edited_at``. Used by :class:`smdesk.store.history.History`; these functions run inside its
transactions.
"""

from __future__ import annotations

import sqlite3
import time

from smdesk.store.history_errors import HistoryError


def check_json_object(conn: sqlite3.Connection, job_id: int, json_text: str) -> None:
    """Raises ValueError (one sentence) unless ``json_text`` is a JSON object.

    SQLite checks it: its JSON parser runs without Python's GIL, where ``json.loads`` of a
    3-hour transcript would hold the window still for a fifth of a second on every autosave.
    """
    row = conn.execute(
        "SELECT CASE WHEN json_valid(?1) THEN json_type(?1) END", (json_text,)
    ).fetchone()
    if row[0] is None:
        raise ValueError(f"The transcript for job {job_id} is not valid JSON.")
    if row[0] != "object":
        raise ValueError(f"The transcript for job {job_id} is not a JSON object.")


def save_edits(conn: sqlite3.Connection, job_id: int, json_text: str, revision: int) -> bool:
    """Store the edited copy unless a newer revision is stored; True when it was written."""
    row = conn.execute(
        "SELECT edit_revision FROM transcripts WHERE job_id = ?", (job_id,)
    ).fetchone()
    if row is None:
        raise HistoryError(f"Job {job_id} has no transcript to save edits of.")
    if revision <= row["edit_revision"]:
        return False
    conn.execute(
        "UPDATE transcripts SET edited_json = ?, edit_revision = ?, edited_at = ? WHERE job_id = ?",
        (json_text, revision, time.time(), job_id),
    )
    return True


def load(conn: sqlite3.Connection, job_id: int, *, original: bool) -> str | None:
    """The edited copy (or the original when there is none, or ``original``)."""
    row = conn.execute(
        "SELECT json, edited_json FROM transcripts WHERE job_id = ?", (job_id,)
    ).fetchone()
    if row is None:
        return None
    edited = row["edited_json"]
    return str(row["json"] if original or edited is None else edited)


def revision(conn: sqlite3.Connection, job_id: int) -> int:
    row = conn.execute(
        "SELECT edit_revision FROM transcripts WHERE job_id = ?", (job_id,)
    ).fetchone()
    return 0 if row is None else int(row["edit_revision"])


def revert(conn: sqlite3.Connection, job_id: int, revision: int) -> bool:
    """Drop the edited copy (the job reads as transcribed again) unless a newer one is stored."""
    cursor = conn.execute(
        "UPDATE transcripts SET edited_json = NULL, edited_at = NULL, edit_revision = ?"
        " WHERE job_id = ? AND edit_revision < ?",
        (revision, job_id, revision),
    )
    return cursor.rowcount > 0
