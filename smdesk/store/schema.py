"""The history database schema as an ordered list of migrations (``PRAGMA user_version``).

Migration ``n`` (1-based) upgrades a database at version ``n - 1`` to version ``n``. Never edit a
released migration; append a new one. Each runs inside one transaction together with the
``user_version`` bump, so a crash mid-upgrade leaves the old version intact.
"""

from __future__ import annotations

from typing import Final

from smdesk.store import transcript_cache, transcript_search

# v1: jobs and their transcripts. Transcripts live in their own table so listing and searching the
# history never reads megabytes of JSON.
_V1: Final = (
    """
    CREATE TABLE jobs (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        source_path     TEXT    NOT NULL,
        file_name       TEXT    NOT NULL,
        size            INTEGER NOT NULL,
        fingerprint     TEXT    NOT NULL,
        duration        REAL,
        options_json    TEXT    NOT NULL,
        endpoint        TEXT    NOT NULL,
        remote_id       TEXT,
        phase           TEXT    NOT NULL,
        error           TEXT,
        created_at      REAL    NOT NULL,
        updated_at      REAL    NOT NULL,
        submitted_at    REAL,
        finished_at     REAL,
        remote_deleted  INTEGER NOT NULL DEFAULT 0,
        upload_attempts INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE transcripts (
        job_id INTEGER PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
        json   TEXT NOT NULL
    )
    """,
    "CREATE INDEX jobs_file_name ON jobs(file_name)",
    "CREATE INDEX jobs_phase ON jobs(phase)",
)

# v2: when the latest upload began (the window in which the app looks for a server job whose POST
# reply was lost), and an index for the duplicate check by fingerprint.
_V2: Final = (
    "ALTER TABLE jobs ADD COLUMN upload_started_at REAL",
    "CREATE INDEX jobs_fingerprint ON jobs(fingerprint)",
)

# v3: the user's edited copy next to the server's original json-v2 (smdesk.store.edited_copy).
_V3_EDITS: Final = (
    "ALTER TABLE transcripts ADD COLUMN edited_json TEXT",
    "ALTER TABLE transcripts ADD COLUMN edit_revision INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE transcripts ADD COLUMN edited_at REAL",
)

# v4: the words inside transcripts, for the queue's search box (smdesk.store.transcript_search).
_V4_WORD_SEARCH: Final = transcript_search.MIGRATION

# v5: known voices (smdesk.store.voices): a name and the speaker identifiers Speechmatics gave
# that voice; deleting a voice deletes its identifiers (ON DELETE CASCADE).
_V5_VOICES: Final = (
    """
    CREATE TABLE IF NOT EXISTS voices (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL,
        name_key   TEXT NOT NULL UNIQUE,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS voice_identifiers (
        voice_id      INTEGER NOT NULL REFERENCES voices(id) ON DELETE CASCADE,
        identifier    TEXT    NOT NULL,
        source_job_id INTEGER,
        added_at      REAL    NOT NULL,
        PRIMARY KEY (voice_id, identifier)
    )
    """,
)

# v6: which transcripts' words must be reindexed before the next search (edits mark them).
_V6_STALE_WORDS: Final = transcript_search.STALE_MIGRATION

# v7: each transcript's parsed form, so opening it skips the json-v2 parse
# (smdesk.store.transcript_cache); filled when saved or first opened.
_V7_WORD_CACHES: Final = transcript_cache.MIGRATION

MIGRATIONS: Final[tuple[tuple[str, ...], ...]] = (
    _V1, _V2, _V3_EDITS, _V4_WORD_SEARCH, _V5_VOICES, _V6_STALE_WORDS, _V7_WORD_CACHES,
)
SCHEMA_VERSION: Final = len(MIGRATIONS)
