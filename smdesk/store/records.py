"""What the job history stores about a job: its phase and record (see smdesk.store.history)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum


class Phase(StrEnum):
    QUEUED = "queued"
    UPLOADING = "uploading"
    SUBMITTED = "submitted"
    TRANSCRIBING = "transcribing"
    DOWNLOADING = "downloading"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in FINAL_PHASES


FINAL_PHASES = frozenset({Phase.DONE, Phase.FAILED, Phase.CANCELLED})
SERVER_PHASES = frozenset({Phase.SUBMITTED, Phase.TRANSCRIBING, Phase.DOWNLOADING})
PRE_UPLOAD_PHASES = frozenset({Phase.QUEUED, Phase.UPLOADING})


@dataclass(frozen=True)
class JobRecord:
    id: int
    source_path: str
    file_name: str
    size: int
    fingerprint: str
    duration: float | None
    options_json: str
    endpoint: str
    remote_id: str | None
    phase: Phase
    error: str | None
    created_at: float
    updated_at: float
    submitted_at: float | None
    finished_at: float | None
    has_transcript: bool
    remote_deleted: bool
    upload_attempts: int
    upload_started_at: float | None = None  # when the latest upload began (reattach window)
    edited_at: float | None = None  # when the user's edits were last saved; None: as transcribed

    @property
    def is_edited(self) -> bool:
        """The transcript has the user's edits (History.load_transcript returns them)."""
        return self.edited_at is not None

    @property
    def is_final(self) -> bool:
        return self.phase.is_final

    @property
    def needs_upload(self) -> bool:
        """On restart: nothing reached the server (as far as we know), so upload (again)."""
        return self.phase in PRE_UPLOAD_PHASES and self.remote_id is None

    @property
    def upload_was_interrupted(self) -> bool:
        """An upload began but no server id came back: find the server job before re-uploading."""
        return self.phase is Phase.UPLOADING and self.remote_id is None

    @property
    def can_reattach(self) -> bool:
        """On restart: a server job exists for this record; poll/fetch it, never upload again."""
        return self.remote_id is not None and not self.phase.is_final


def record_from_row(row: sqlite3.Row) -> JobRecord:
    return JobRecord(
        id=row["id"],
        source_path=row["source_path"],
        file_name=row["file_name"],
        size=row["size"],
        fingerprint=row["fingerprint"],
        duration=row["duration"],
        options_json=row["options_json"],
        endpoint=row["endpoint"],
        remote_id=row["remote_id"],
        phase=Phase(row["phase"]),
        error=row["error"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        submitted_at=row["submitted_at"],
        finished_at=row["finished_at"],
        has_transcript=bool(row["has_transcript"]),
        remote_deleted=bool(row["remote_deleted"]),
        upload_attempts=row["upload_attempts"],
        upload_started_at=row["upload_started_at"],
        edited_at=row["edited_at"] if "edited_at" in row.keys() else None,  # noqa: SIM118
    )
