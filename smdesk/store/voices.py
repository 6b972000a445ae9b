"""Known voices in the history database: a name and that voice's speaker identifiers.

Identifiers never leave this computer except in the ``speakers`` of a job the user asked to
recognise them. Deleting a voice deletes its identifiers, and the freed pages are overwritten.
Blocking like every store call: use it from an executor on the event loop.
"""

from __future__ import annotations

import builtins
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass

from smdesk.core.presets import rename_voice_in_options_json
from smdesk.core.voices import KnownVoice, label_problem
from smdesk.store.history import History, HistoryError, Phase

__all__ = ["VoiceError", "VoiceRecord", "VoiceStore"]


class VoiceError(ValueError):
    """A voice the user cannot store as asked (one sentence saying what to do)."""


@dataclass(frozen=True)
class VoiceRecord:
    id: int
    name: str
    identifiers: tuple[str, ...]  # oldest first
    created_at: float
    updated_at: float

    def known(self) -> KnownVoice:
        return KnownVoice(self.name, self.identifiers)


def _clean_name(name: str) -> str:
    problem = label_problem(name)
    if problem is not None:
        raise VoiceError(problem)
    return " ".join(name.split())


class VoiceStore:
    """Known voices kept in a :class:`History` database (it shares its connection and lock)."""

    def __init__(self, history: History) -> None:
        self._history = history

    def list(self) -> list[VoiceRecord]:
        with self._history._reading() as conn:
            rows = conn.execute("SELECT * FROM voices ORDER BY name_key").fetchall()
            return [self._record(conn, row) for row in rows]

    def known_voices(self) -> builtins.list[KnownVoice]:
        return [record.known() for record in self.list()]

    def get(self, voice_id: int) -> VoiceRecord | None:
        with self._history._reading() as conn:
            row = conn.execute("SELECT * FROM voices WHERE id = ?", (voice_id,)).fetchone()
            return None if row is None else self._record(conn, row)

    def remember(
        self, name: str, identifiers: Iterable[str], *, source_job_id: int | None = None
    ) -> VoiceRecord:
        """Store `identifiers` under `name`; a name already known gains them (same person)."""
        name = _clean_name(name)
        ids = [i for i in dict.fromkeys(identifiers) if i]
        if not ids:
            raise VoiceError(
                "This speaker has no voice identifier (the job was transcribed without asking "
                "for them); transcribe the recording again to remember this voice."
            )
        now = time.time()
        with self._history._writing() as conn:
            row = conn.execute(
                "SELECT id FROM voices WHERE name_key = ?", (name.casefold(),)
            ).fetchone()
            if row is None:
                voice_id = conn.execute(
                    "INSERT INTO voices (name, name_key, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?)", (name, name.casefold(), now, now),
                ).lastrowid  # fmt: skip
            else:
                voice_id = row["id"]
                conn.execute("UPDATE voices SET updated_at = ? WHERE id = ?", (now, voice_id))
            conn.executemany(
                "INSERT OR IGNORE INTO voice_identifiers "
                "(voice_id, identifier, source_job_id, added_at) VALUES (?, ?, ?, ?)",
                [(voice_id, i, source_job_id, now) for i in ids],
            )
            return self._record(conn, self._row(conn, int(voice_id or 0)))

    def rename(self, voice_id: int, name: str) -> VoiceRecord:
        """Rename a voice; jobs not yet sent that chose it by its old name choose the new one."""
        name = _clean_name(name)
        with self._history._writing() as conn:
            old_name = str(self._row(conn, voice_id)["name"])
            try:
                conn.execute(
                    "UPDATE voices SET name = ?, name_key = ?, updated_at = ? WHERE id = ?",
                    (name, name.casefold(), time.time(), voice_id),
                )
            except sqlite3.IntegrityError:
                raise VoiceError(
                    f"A voice called {name!r} already exists; choose another name or delete "
                    "that voice first."
                ) from None
            _rename_in_unsent_jobs(conn, old_name, name)
            return self._record(conn, self._row(conn, voice_id))

    def delete(self, voice_id: int) -> None:
        """Delete the voice and its identifiers, overwriting them on disk."""
        with self._history._reading() as conn:
            conn.execute("PRAGMA secure_delete = ON")  # zero the freed pages, not just unlink
        with self._history._writing() as conn:
            conn.execute("DELETE FROM voice_identifiers WHERE voice_id = ?", (voice_id,))
            conn.execute("DELETE FROM voices WHERE id = ?", (voice_id,))
        with self._history._reading() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # old pages leave the WAL too

    @staticmethod
    def _row(conn: sqlite3.Connection, voice_id: int) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM voices WHERE id = ?", (voice_id,)).fetchone()
        if row is None:
            raise HistoryError(f"Known voice {voice_id} no longer exists.")
        return row  # type: ignore[no-any-return]

    @staticmethod
    def _record(conn: sqlite3.Connection, row: sqlite3.Row) -> VoiceRecord:
        ids = conn.execute(
            "SELECT identifier FROM voice_identifiers WHERE voice_id = ? "
            "ORDER BY added_at, rowid", (row["id"],),
        ).fetchall()  # fmt: skip
        return VoiceRecord(
            id=int(row["id"]), name=str(row["name"]),
            identifiers=tuple(str(r["identifier"]) for r in ids),
            created_at=float(row["created_at"]), updated_at=float(row["updated_at"]),
        )  # fmt: skip


def _rename_in_unsent_jobs(conn: sqlite3.Connection, old: str, new: str) -> None:
    """Jobs with no server job yet (queued, or failed before the upload) will still send their
    options: their chosen voices follow the rename. Sent jobs keep the record of what was sent."""
    rows = conn.execute(
        "SELECT id, options_json FROM jobs WHERE remote_id IS NULL AND phase != ?",
        (str(Phase.DONE),),
    ).fetchall()
    for row in rows:
        renamed = rename_voice_in_options_json(row["options_json"], old, new)
        if renamed is not None:
            conn.execute("UPDATE jobs SET options_json = ? WHERE id = ?", (renamed, row["id"]))
