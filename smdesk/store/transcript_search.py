"""Searching the words inside transcripts (the queue's search box), with SQLite FTS5.

``transcript_words`` holds one row per transcript (rowid = job id): the words of the edited copy,
or of the original when there is none. The words are taken from the stored json-v2 by SQL itself
(JSON1), so the migration's backfill and every later update use one definition of "the words".
Rows go when their transcript goes (a trigger), including when a job is removed.

Autosave writes the edited copy every second or so while someone types, and reading 30,000
words back out of the JSON costs about half a second: so an edit only marks the row stale
(``mark_stale``), and a search brings the stale rows up to date first.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Final

# The words of one transcripts row: every result's first alternative, in order.
_WORDS_OF_ROW: Final = (
    "(SELECT group_concat(json_extract(r.value, '$.alternatives[0].content'), ' ')"
    " FROM json_each(coalesce(t.edited_json, t.json), '$.results') AS r)"
)

# IF NOT EXISTS and the DELETE keep the migration safe on a database whose version number was
# set back by hand (as tests do to recreate an older release's file).
MIGRATION: Final = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS transcript_words USING fts5("
    "text, tokenize = 'unicode61 remove_diacritics 2')",
    "DELETE FROM transcript_words",
    f"INSERT INTO transcript_words (rowid, text) SELECT t.job_id, {_WORDS_OF_ROW}"
    " FROM transcripts AS t WHERE json_valid(coalesce(t.edited_json, t.json))",
    "CREATE TRIGGER IF NOT EXISTS transcript_words_forget AFTER DELETE ON transcripts BEGIN"
    " DELETE FROM transcript_words WHERE rowid = old.job_id; END",
)

# v6: jobs whose edits are newer than their row in transcript_words.
STALE_MIGRATION: Final = (
    "CREATE TABLE IF NOT EXISTS transcript_words_stale (job_id INTEGER PRIMARY KEY"
    " REFERENCES jobs(id) ON DELETE CASCADE)",
)

_TOKEN = re.compile(r"\w+", re.UNICODE)


def reindex(conn: sqlite3.Connection, job_id: int) -> None:
    """Index the job's current words (call inside the transaction that changed them)."""
    conn.execute("DELETE FROM transcript_words_stale WHERE job_id = ?", (job_id,))
    conn.execute("DELETE FROM transcript_words WHERE rowid = ?", (job_id,))
    conn.execute(
        f"INSERT INTO transcript_words (rowid, text) SELECT t.job_id, {_WORDS_OF_ROW}"
        " FROM transcripts AS t WHERE t.job_id = ? AND json_valid(coalesce(t.edited_json, t.json))",
        (job_id,),
    )


def mark_stale(conn: sqlite3.Connection, job_id: int) -> None:
    """The job's words changed (an autosave): reindex before the next search, not now."""
    conn.execute("INSERT OR IGNORE INTO transcript_words_stale (job_id) VALUES (?)", (job_id,))


def refresh_stale(conn: sqlite3.Connection) -> None:
    """Reindex every job marked stale (inside a write transaction)."""
    stale = [int(row[0]) for row in conn.execute("SELECT job_id FROM transcript_words_stale")]
    for job_id in stale:
        reindex(conn, job_id)
    conn.execute("DELETE FROM transcript_words_stale")


def match_query(text: str) -> str | None:
    """An FTS5 query for what a person typed: every word, each as a prefix ("mayo" finds
    "mayor"); None when nothing searchable was typed. Quotes keep FTS5 syntax out of it."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def search(conn: sqlite3.Connection, text: str) -> list[int]:
    """Job ids whose transcript contains every typed word (as a word prefix), best first."""
    query = match_query(text)
    if query is None:
        return []
    rows = conn.execute(
        "SELECT rowid FROM transcript_words WHERE transcript_words MATCH ? ORDER BY rank",
        (query,),
    )
    return [int(row[0]) for row in rows]
