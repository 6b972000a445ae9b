"""What the queue says for each phase (pure text, no Qt)."""

from __future__ import annotations

import dataclasses

from smdesk.app.models.job_status import progress_value, queue_summary, status_text
from smdesk.app.models.job_view import JobView
from smdesk.store.history import JobRecord, Phase

BASE = JobRecord(
    id=1, source_path="/x/interview.m4a", file_name="interview.m4a", size=27_000_000,
    fingerprint="f", duration=1800.0, options_json="{}", endpoint="https://e/v2",
    remote_id=None, phase=Phase.QUEUED, error=None, created_at=0.0, updated_at=0.0,
    submitted_at=None, finished_at=None, has_transcript=False, remote_deleted=False,
    upload_attempts=0,
)


def view(phase: Phase, **changes: object) -> JobView:
    record_changes = {k: v for k, v in changes.items() if k in JobRecord.__dataclass_fields__}
    view_changes = {k: v for k, v in changes.items() if k not in record_changes}
    record = dataclasses.replace(BASE, phase=phase, **record_changes)  # type: ignore[arg-type]
    return JobView(record, **view_changes)  # type: ignore[arg-type]


def test_uploading_shows_bytes_and_percent():
    v = view(Phase.UPLOADING, sent=13_500_000, total=27_000_000)
    assert status_text(v, 0) == "Uploading 50% (13.5 MB of 27.0 MB)"
    assert progress_value(v, 0) == 50


def test_transcribing_shows_elapsed_and_estimate_never_100():
    v = view(Phase.TRANSCRIBING, phase_since=100.0, estimate=900.0)
    assert status_text(v, 175.0) == (
        "Transcribing at Speechmatics · 01:15 so far, usually about 15:00"
    )
    assert progress_value(v, 175.0) == 8
    assert progress_value(v, 5000.0) == 95


def test_failed_shows_the_reason_and_no_bar():
    v = view(Phase.FAILED, error="Speechmatics had a server problem (HTTP 503).")
    assert status_text(v, 0) == "Failed: Speechmatics had a server problem (HTTP 503)."
    assert progress_value(v, 0) == -1


def test_notes_and_waiting_and_done_states():
    assert status_text(view(Phase.QUEUED, note="Waiting for the sandbox."), 0) == (
        "Waiting for the sandbox."
    )
    assert status_text(view(Phase.SUBMITTED), 0) == "Waiting at Speechmatics"
    assert status_text(view(Phase.DOWNLOADING), 0) == "Downloading"
    assert status_text(view(Phase.DONE, remote_deleted=True), 0) == "Done · server copy deleted"
    assert status_text(view(Phase.CANCELLED), 0) == "Cancelled"


def test_long_upload_shows_time_left():
    v = view(Phase.UPLOADING, sent=9_000_000, total=27_000_000, phase_since=0.0)
    assert status_text(v, 60.0).endswith("about 2 min left")


def test_queue_summary_counts_unfinished_audio():
    views = [view(Phase.UPLOADING), view(Phase.QUEUED, duration=600.0), view(Phase.DONE)]
    assert queue_summary(views) == "To do: 2 files, 40 min 00 s of audio"
    assert queue_summary([view(Phase.DONE)]) == ""


def test_short_transcribing_text_fits_the_column():
    v = view(Phase.TRANSCRIBING, phase_since=100.0, estimate=30.0)
    assert status_text(v, 102.0, short=True) == "Transcribing · 00:02 of about 00:30"
    assert progress_value(view(Phase.QUEUED), 0) == -1


def test_a_done_job_says_it_was_edited():
    assert status_text(view(Phase.DONE), 0) == "Done"
    assert status_text(view(Phase.DONE, edited_at=5.0), 0) == "Done · edited"
    assert status_text(view(Phase.DONE, edited_at=5.0, remote_deleted=True), 0) == (
        "Done · edited · server copy deleted")
