"""The job history on real SQLite files: lifecycle, guards, search, transcripts, threads."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from smdesk.store.history import (
    History,
    HistoryError,
    JobRecord,
    Phase,
    PhaseError,
    UnknownJobError,
)
from smdesk.store.schema import SCHEMA_VERSION

OPTIONS = '{"language": "en", "diarization": "speaker"}'


def add_job(
    history: History, name: str = "interview.mp3", fingerprint: str = "f" * 64
) -> JobRecord:
    return history.add(
        source_path=f"/home/me/audio/{name}", size=1234, fingerprint=fingerprint, duration=42.5,
        options_json=OPTIONS, endpoint="eu1",
    )


def submitted(history: History, name: str = "interview.mp3", remote_id: str = "r1") -> JobRecord:
    job = add_job(history, name)
    history.begin_upload(job.id)
    return history.set_remote_id(job.id, remote_id)


def transcript_json(words: int = 3) -> str:
    results = [
        {"type": "word", "start_time": i * 0.5, "end_time": i * 0.5 + 0.4,
         "alternatives": [{"content": f"word{i}", "confidence": 0.9, "speaker": "S1"}]}
        for i in range(words)
    ]
    return json.dumps({"format": "2.9", "job": {"id": "r1"}, "results": results})


def test_new_database_uses_wal_foreign_keys_and_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    History.open(path).close()
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        raw.close()
    with History.open(path) as history:
        conn = history._conn
        assert conn is not None
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_add_records_everything_in_queued(history: History) -> None:
    job = add_job(history, "My Interview.m4a")
    assert job.phase is Phase.QUEUED and job.file_name == "My Interview.m4a"
    assert job.source_path == "/home/me/audio/My Interview.m4a"
    assert (job.size, job.duration, job.endpoint, job.options_json) == (1234, 42.5, "eu1", OPTIONS)
    assert job.remote_id is None and job.upload_attempts == 0 and not job.has_transcript
    assert job.needs_upload and not job.can_reattach and not job.upload_was_interrupted
    assert history.get(job.id) == job
    assert history.get(job.id + 100) is None


def test_full_lifecycle_writes_each_phase_and_timestamp(history: History) -> None:
    job = add_job(history)
    uploading = history.begin_upload(job.id)
    assert uploading.phase is Phase.UPLOADING and uploading.upload_attempts == 1
    assert uploading.upload_started_at is not None and uploading.upload_was_interrupted
    sent = history.set_remote_id(job.id, "abc123")
    assert sent.phase is Phase.SUBMITTED and sent.remote_id == "abc123"
    assert sent.submitted_at is not None and sent.can_reattach and not sent.needs_upload
    assert history.set_phase(job.id, Phase.TRANSCRIBING).phase is Phase.TRANSCRIBING
    assert history.set_phase(job.id, "downloading").phase is Phase.DOWNLOADING
    done = history.save_transcript(job.id, transcript_json())
    assert done.phase is Phase.DONE and done.has_transcript and done.finished_at is not None
    assert done.updated_at >= done.created_at and not done.can_reattach
    assert history.unfinished() == []


def test_failed_keeps_the_error_and_retry_starts_a_fresh_upload(history: History) -> None:
    job = submitted(history, remote_id="old")
    failed = history.set_phase(job.id, Phase.FAILED, error="The server rejected the file.")
    assert failed.error == "The server rejected the file." and failed.finished_at is not None
    retry = history.begin_upload(job.id)
    assert retry.phase is Phase.UPLOADING and retry.upload_attempts == 2
    assert retry.remote_id is None and retry.error is None and retry.finished_at is None
    assert history.set_remote_id(job.id, "new").remote_id == "new"


@pytest.mark.parametrize("phase", [Phase.SUBMITTED, Phase.TRANSCRIBING, Phase.DOWNLOADING])
def test_job_on_the_server_is_never_uploaded_again(history: History, phase: Phase) -> None:
    job = submitted(history)
    history.set_phase(job.id, phase)
    with pytest.raises(PhaseError, match="will not be uploaded again"):
        history.begin_upload(job.id)
    for back in (Phase.QUEUED, Phase.UPLOADING):
        with pytest.raises(PhaseError):
            history.set_phase(job.id, back)
    after = history.get(job.id)
    assert after is not None and after.phase is phase and after.remote_id == "r1"
    assert after.upload_attempts == 1


def test_done_job_is_never_uploaded_again_and_late_failures_are_ignored(history: History) -> None:
    job = submitted(history)
    history.save_transcript(job.id, transcript_json())
    with pytest.raises(PhaseError):
        history.begin_upload(job.id)
    assert history.set_phase(job.id, Phase.CANCELLED).phase is Phase.DONE
    assert history.set_phase(job.id, Phase.FAILED, error="late").phase is Phase.DONE
    assert history.load_transcript(job.id) == transcript_json()


def test_server_phases_need_a_remote_id_and_done_needs_a_transcript(history: History) -> None:
    job = add_job(history)
    with pytest.raises(PhaseError, match="no server job id"):
        history.set_phase(job.id, Phase.TRANSCRIBING)
    with pytest.raises(PhaseError, match="no stored transcript"):
        history.set_phase(job.id, Phase.DONE)
    record = history.get(job.id)
    assert record is not None and record.phase is Phase.QUEUED


def test_remote_id_arriving_after_cancel_is_kept_for_deletion(history: History) -> None:
    job = add_job(history)
    history.begin_upload(job.id)
    history.set_phase(job.id, Phase.CANCELLED)
    late = history.set_remote_id(job.id, "late-id")
    assert late.phase is Phase.CANCELLED and late.remote_id == "late-id"
    assert late.finished_at is not None


def test_remote_id_is_idempotent_but_never_silently_replaced(history: History) -> None:
    job = submitted(history, remote_id="first")
    history.set_phase(job.id, Phase.TRANSCRIBING)
    again = history.set_remote_id(job.id, "first")
    assert again.phase is Phase.TRANSCRIBING
    with pytest.raises(PhaseError, match="already attached to server job first"):
        history.set_remote_id(job.id, "second")
    with pytest.raises(ValueError):
        history.set_remote_id(job.id, "")


def test_unknown_job_raises_a_plain_sentence(history: History) -> None:
    with pytest.raises(UnknownJobError, match="There is no job 99 in the history"):
        history.set_phase(99, Phase.FAILED)
    with pytest.raises(LookupError):
        history.begin_upload(99)
    history.delete(99)  # idempotent
    history.mark_remote_deleted(99)


def test_unfinished_lists_resumable_jobs_oldest_first(history: History) -> None:
    queued = add_job(history, "a.wav")
    cut_off = add_job(history, "b.wav")
    history.begin_upload(cut_off.id)
    on_server = submitted(history, "c.wav")
    finished = submitted(history, "d.wav", remote_id="r4")
    history.save_transcript(finished.id, transcript_json())
    failed = add_job(history, "e.wav")
    history.set_phase(failed.id, Phase.FAILED, error="x")
    resumable = history.unfinished()
    assert [r.file_name for r in resumable] == ["a.wav", "b.wav", "c.wav"]
    by_name = {r.file_name: r for r in resumable}
    assert by_name["a.wav"].needs_upload and not by_name["a.wav"].upload_was_interrupted
    assert by_name["b.wav"].needs_upload and by_name["b.wav"].upload_was_interrupted
    assert by_name["c.wav"].can_reattach and not by_name["c.wav"].needs_upload
    assert queued.id != on_server.id


def test_restart_sees_what_was_committed(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with History.open(path) as history:
        job = submitted(history, remote_id="srv-1")
        history.set_phase(job.id, Phase.TRANSCRIBING)
        done = submitted(history, "done.mp3", remote_id="srv-2")
        history.save_transcript(done.id, transcript_json(10))
    with History.open(path) as reopened:
        [resume] = reopened.unfinished()
        assert resume.remote_id == "srv-1" and resume.phase is Phase.TRANSCRIBING
        assert reopened.load_transcript(done.id) == transcript_json(10)


def test_list_is_newest_first_with_limit(history: History) -> None:
    for name in ("one.mp3", "two.mp3", "three.mp3"):
        add_job(history, name)
    assert [r.file_name for r in history.list()] == ["three.mp3", "two.mp3", "one.mp3"]
    assert [r.file_name for r in history.list(limit=2)] == ["three.mp3", "two.mp3"]


def test_search_matches_file_name_case_insensitively_including_non_ascii(history: History) -> None:
    for name in ("Ärger im Büro.mp3", "board MEETING.wav", "interview.ogg"):
        add_job(history, name)
    assert [r.file_name for r in history.list("meeting")] == ["board MEETING.wav"]
    assert [r.file_name for r in history.list("äRGER")] == ["Ärger im Büro.mp3"]
    assert [r.file_name for r in history.list("  .ogg ")] == ["interview.ogg"]
    assert len(history.list("")) == 3 and len(history.list(None)) == 3
    assert history.list("nothing like it") == []


def test_search_treats_wildcards_and_backslash_literally(history: History) -> None:
    for name in ("50%_final.mp3", "500 final.mp3", "a_b.wav", "axb.wav", r"back\slash.wav"):
        add_job(history, name)
    assert [r.file_name for r in history.list("50%_")] == ["50%_final.mp3"]
    assert [r.file_name for r in history.list("%")] == ["50%_final.mp3"]
    assert [r.file_name for r in history.list("a_b")] == ["a_b.wav"]
    assert [r.file_name for r in history.list("\\")] == [r"back\slash.wav"]
    assert history.list("'; DROP TABLE jobs; --") == []
    assert len(history.list()) == 5


def test_large_transcript_round_trips_exactly(history: History) -> None:
    job = submitted(history)
    big = transcript_json(40_000)
    assert len(big) > 4_000_000
    history.save_transcript(job.id, big)
    assert history.load_transcript(job.id) == big
    listed = history.list()[0]
    assert listed.has_transcript and listed.phase is Phase.DONE


def test_saving_the_transcript_again_keeps_the_original_finish_time(history: History) -> None:
    job = submitted(history)
    first = history.save_transcript(job.id, transcript_json(2))
    again = history.save_transcript(job.id, transcript_json(5))
    assert again.finished_at == first.finished_at
    assert history.load_transcript(job.id) == transcript_json(5)


@pytest.mark.parametrize("bad", ["{not json", "[1, 2]", ""])
def test_invalid_transcript_is_refused_and_changes_nothing(history: History, bad: str) -> None:
    job = submitted(history)
    with pytest.raises(ValueError, match=f"job {job.id}"):
        history.save_transcript(job.id, bad)
    after = history.get(job.id)
    assert after is not None and after.phase is Phase.SUBMITTED and not after.has_transcript
    assert history.load_transcript(job.id) is None


def test_delete_removes_job_and_transcript(history: History) -> None:
    job = submitted(history)
    history.save_transcript(job.id, transcript_json())
    keep = add_job(history, "keep.mp3")
    history.delete(job.id)
    assert history.get(job.id) is None and history.load_transcript(job.id) is None
    conn = history._conn
    assert conn is not None
    assert conn.execute("SELECT COUNT(*) FROM transcripts").fetchone()[0] == 0
    assert [r.id for r in history.list()] == [keep.id]


def test_mark_remote_deleted(history: History) -> None:
    job = submitted(history)
    history.mark_remote_deleted(job.id)
    record = history.get(job.id)
    assert record is not None and record.remote_deleted and record.remote_id == "r1"


def test_find_by_fingerprint_compares_options_as_json(history: History) -> None:
    first = add_job(history, "a.mp3", fingerprint="same")
    add_job(history, "b.mp3", fingerprint="other")
    other_options = history.add(
        source_path="/x/a-copy.mp3", size=1, fingerprint="same", duration=None,
        options_json='{"language": "de"}', endpoint="eu1",
    )
    assert [r.id for r in history.find_by_fingerprint("same")] == [other_options.id, first.id]
    reordered = '{ "diarization": "speaker",  "language": "en" }'
    assert [r.id for r in history.find_by_fingerprint("same", reordered)] == [first.id]
    assert history.find_by_fingerprint("missing") == []


def test_closed_history_raises_a_plain_error(tmp_path: Path) -> None:
    history = History.open(tmp_path / "h.sqlite3")
    history.close()
    history.close()  # idempotent
    with pytest.raises(HistoryError, match="is closed"):
        history.list()
    with pytest.raises(HistoryError, match="is closed"):
        add_job(history)


def test_two_threads_share_one_history(history: History) -> None:
    errors: list[BaseException] = []

    def worker(prefix: str) -> None:
        try:
            for i in range(100):
                job = add_job(history, f"{prefix}-{i}.wav")
                history.begin_upload(job.id)
                history.set_remote_id(job.id, f"{prefix}{i}")
                history.list(prefix)
        except BaseException as exc:  # reported to the main thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(p,)) for p in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    records = history.list()
    assert len(records) == 200 and {r.phase for r in records} == {Phase.SUBMITTED}
    assert len({r.remote_id for r in records}) == 200
    assert history.quick_check()


def test_two_connections_write_concurrently(tmp_path: Path) -> None:
    # Like two smdesk windows: separate connections on one file; busy_timeout serialises writers.
    path = tmp_path / "h.sqlite3"
    first, second = History.open(path), History.open(path)
    errors: list[BaseException] = []

    def worker(history: History, prefix: str) -> None:
        try:
            for i in range(100):
                add_job(history, f"{prefix}-{i}.wav")
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=worker, args=(first, "a")),
        threading.Thread(target=worker, args=(second, "b")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert len(first.list()) == 200 and len(second.list("b-")) == 100
    finally:
        first.close()
        second.close()
