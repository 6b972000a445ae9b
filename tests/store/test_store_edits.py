"""Edits stored next to the server's original: save_edits, load_transcript(original), revert."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from smdesk.store.history import History, HistoryError, JobRecord, Phase


def submitted(history: History) -> JobRecord:
    job = history.add(
        source_path="/home/me/talk.mp3", size=9, fingerprint="f" * 64, duration=3.0,
        options_json="{}", endpoint="eu1",
    )
    history.begin_upload(job.id)
    return history.set_remote_id(job.id, "r1")


def transcript_json(words: int) -> str:
    results = [
        {"type": "word", "start_time": i, "end_time": i + 0.5,
         "alternatives": [{"content": f"w{i}", "confidence": 0.9, "speaker": "S1"}]}
        for i in range(words)
    ]
    return json.dumps({"format": "2.9", "results": results})


def version_2_database(path: Path) -> None:
    """A database as the last release left it (schema v2) with one finished job."""
    with History.open(path) as history:
        history.save_transcript(submitted(history).id, '{"results": []}')
    raw = sqlite3.connect(path)
    raw.executescript(
        "ALTER TABLE transcripts DROP COLUMN edited_json;"
        "ALTER TABLE transcripts DROP COLUMN edit_revision;"
        "ALTER TABLE transcripts DROP COLUMN edited_at;"
        "PRAGMA user_version = 2;"
    )
    raw.close()


def test_edits_keep_the_original_and_leave_phase_and_finish_time_alone(history: History) -> None:
    job = submitted(history)
    done = history.save_transcript(job.id, transcript_json(2))
    assert not done.is_edited
    edited = history.save_edits(job.id, transcript_json(5), revision=1)
    assert edited.is_edited and edited.phase is Phase.DONE
    assert edited.finished_at == done.finished_at
    assert history.load_transcript(job.id) == transcript_json(5)
    assert history.load_transcript(job.id, original=True) == transcript_json(2)
    assert history.edit_revision(job.id) == 1
    listed = history.list()[0]
    assert listed.is_edited and listed.edited_at is not None


def test_an_older_revision_arriving_late_is_ignored(history: History) -> None:
    job = submitted(history)
    history.save_transcript(job.id, transcript_json(2))
    history.save_edits(job.id, transcript_json(7), revision=5)
    history.save_edits(job.id, transcript_json(6), revision=4)
    assert history.load_transcript(job.id) == transcript_json(7)


def test_revert_to_original_forgets_the_edits(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with History.open(path) as history:
        job = submitted(history)
        history.save_transcript(job.id, transcript_json(2))
        history.save_edits(job.id, transcript_json(5), revision=3)
        reverted = history.revert_to_original(job.id, revision=4)
        assert not reverted.is_edited
    with History.open(path) as history:
        assert history.load_transcript(job.id) == transcript_json(2)
        assert history.edit_revision(job.id) == 4
        record = history.get(job.id)
        assert record is not None and not record.is_edited and record.phase is Phase.DONE


def test_edits_need_a_transcript_and_valid_json(history: History) -> None:
    job = submitted(history)
    with pytest.raises(HistoryError, match="no transcript"):
        history.save_edits(job.id, transcript_json(1), revision=1)
    history.save_transcript(job.id, transcript_json(2))
    with pytest.raises(ValueError, match=f"job {job.id}"):
        history.save_edits(job.id, "{broken", revision=1)
    assert history.load_transcript(job.id) == transcript_json(2)


def test_an_old_database_gains_the_edit_columns_and_keeps_its_transcripts(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    version_2_database(path)
    with History.open(path) as history:
        [record] = history.list()
        assert not record.is_edited and record.has_transcript
        history.save_edits(record.id, '{"results": [], "smdesk": {}}', revision=1)
        assert history.load_transcript(record.id, original=True) == '{"results": []}'
        assert history.load_transcript(record.id) == '{"results": [], "smdesk": {}}'
    raw = sqlite3.connect(path)
    columns = {row[1] for row in raw.execute("PRAGMA table_info(transcripts)")}
    raw.close()
    assert {"edited_json", "edit_revision", "edited_at"} <= columns
