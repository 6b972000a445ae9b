"""Searching the words inside transcripts (the queue's search box), with SQLite FTS5.

``transcript_words`` holds one row per transcript (rowid = job id): the words of the edited copy,
or of the original when there is none. The words are taken from the stored json-v2 by SQL itself
(JSON1), so the migration's backfill and every later update use one definition of "the words".
Rows go when their transcript goes (a trigger), including when a job is removed.
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

_TOKEN = re.compile(r"\w+", re.UNICODE)


def reindex(conn: sqlite3.Connection, job_id: int) -> None:
    """Index the job's current words (call inside the transaction that changed them)."""
    conn.execute("DELETE FROM transcript_words WHERE rowid = ?", (job_id,))
    conn.execute(
        f"INSERT INTO transcript_words (rowid, text) SELECT t.job_id, {_WORDS_OF_ROW}"
        " FROM transcripts AS t WHERE t.job_id = ? AND json_valid(coalesce(t.edited_json, t.json))",
        (job_id,),
    )


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
