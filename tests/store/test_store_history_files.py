"""The history file itself: migrations, newer/corrupt files, and crashes mid-way."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from smdesk.store.history import (
    History,
    HistoryCorruptError,
    HistoryError,
    HistoryTooNewError,
    Phase,
)
from smdesk.store.history_errors import move_aside
from smdesk.store.schema import SCHEMA_VERSION

# The version-1 schema as released, written out by hand so the test does not depend on schema.py.
V1_SCHEMA = """
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, source_path TEXT NOT NULL, file_name TEXT NOT NULL,
    size INTEGER NOT NULL, fingerprint TEXT NOT NULL, duration REAL, options_json TEXT NOT NULL,
    endpoint TEXT NOT NULL, remote_id TEXT, phase TEXT NOT NULL, error TEXT,
    created_at REAL NOT NULL, updated_at REAL NOT NULL, submitted_at REAL, finished_at REAL,
    remote_deleted INTEGER NOT NULL DEFAULT 0, upload_attempts INTEGER NOT NULL DEFAULT 0);
CREATE TABLE transcripts (
    job_id INTEGER PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE, json TEXT NOT NULL);
CREATE INDEX jobs_file_name ON jobs(file_name);
CREATE INDEX jobs_phase ON jobs(phase);
INSERT INTO jobs VALUES (7, '/old/talk.mp3', 'talk.mp3', 99, 'fp', 12.0, '{}', 'default',
    'srv-7', 'done', NULL, 1000.0, 1001.0, 1000.5, 1002.0, 0, 1);
INSERT INTO jobs VALUES (8, '/old/next.mp3', 'next.mp3', 5, 'fp2', NULL, '{}', 'default',
    'srv-8', 'transcribing', NULL, 1003.0, 1004.0, 1003.5, NULL, 0, 1);
INSERT INTO transcripts VALUES (7, '{"results": []}');
PRAGMA user_version = 1;
"""


def make_db(path: Path, script: str) -> None:
    raw = sqlite3.connect(path)
    try:
        raw.executescript(script)
    finally:
        raw.close()


def user_version(path: Path) -> int:
    raw = sqlite3.connect(path)
    try:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])
    finally:
        raw.close()


def run_python(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        capture_output=True, text=True, check=False, timeout=60,
    )


def test_version_1_database_is_upgraded_keeping_its_jobs(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_db(path, V1_SCHEMA)
    with History.open(path) as history:
        old = history.get(7)
        assert old is not None and old.phase is Phase.DONE and old.remote_id == "srv-7"
        assert old.upload_started_at is None and old.has_transcript
        assert history.load_transcript(7) == '{"results": []}'
        [resume] = history.unfinished()
        assert resume.id == 8 and resume.can_reattach
        assert history.begin_upload(history.add(
            source_path="/new.mp3", size=1, fingerprint="fp", duration=None, options_json="{}",
            endpoint="default").id).upload_started_at is not None
        assert [r.id for r in history.find_by_fingerprint("fp")][-1] == 7
    assert user_version(path) == SCHEMA_VERSION
    raw = sqlite3.connect(path)
    indexes = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    raw.close()
    assert "jobs_fingerprint" in indexes


def test_failed_upgrade_is_rolled_back_whole(tmp_path: Path) -> None:
    # A v1 file that already has an object named like one the v2 step creates: the step fails.
    path = tmp_path / "odd.sqlite3"
    make_db(path, V1_SCHEMA + "CREATE TABLE jobs_fingerprint (x);")
    with pytest.raises(HistoryError) as caught:
        History.open(path)
    assert str(path) in str(caught.value)
    assert user_version(path) == 1
    raw = sqlite3.connect(path)
    columns = [row[1] for row in raw.execute("PRAGMA table_info(jobs)")]
    count = raw.execute("SELECT COUNT(*) FROM jobs").fetchone()[0]
    raw.close()
    assert "upload_started_at" not in columns and count == 2  # the ALTER TABLE was undone too


def test_empty_file_becomes_a_new_history(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    with History.open(path) as history:
        assert history.list() == []
    assert user_version(path) == SCHEMA_VERSION


def test_newer_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    make_db(path, "CREATE TABLE jobs (id INTEGER PRIMARY KEY, x BLOB); PRAGMA user_version = 99;")
    before = path.read_bytes()
    with pytest.raises(HistoryTooNewError) as caught:
        History.open(path)
    message = str(caught.value)
    assert str(path) in message and "newer smdesk" in message and "schema 99" in message
    assert path.read_bytes() == before and user_version(path) == 99


def test_garbage_file_is_reported_as_corrupt_and_can_be_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database at all, just some text pretending to be one" * 100)
    with pytest.raises(HistoryCorruptError) as caught:
        History.open(path)
    assert caught.value.path == path and str(path) in str(caught.value)
    assert "move it aside" in str(caught.value)
    moved = move_aside(path)
    assert not path.exists() and moved.read_bytes().startswith(b"this is not a database")
    assert moved.name.startswith("history.sqlite3.corrupt-")
    with History.open(path) as fresh:
        assert fresh.list() == []


def test_damaged_pages_are_reported_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with History.open(path) as history:
        for i in range(300):
            history.add(source_path=f"/a/{i}.mp3", size=i, fingerprint=str(i), duration=None,
                        options_json="{}", endpoint="default")
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data), page):  # wreck every page but the header page
        data[offset:offset + page] = b"\xff" * min(page, len(data) - offset)
    path.write_bytes(bytes(data))
    with pytest.raises(HistoryCorruptError):  # at open or, at the latest, at the first read
        damaged = History.open(path)
        try:
            damaged.list()
        finally:
            damaged.close()


def test_unwritable_location_gives_a_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(HistoryError) as caught:
        History.open(blocker / "history.sqlite3")
    assert str(blocker) in str(caught.value) and "\n" not in str(caught.value)


def test_process_exit_right_after_a_phase_write_keeps_it(tmp_path: Path) -> None:
    # The app writes the phase, then starts the network step; dying there keeps the phase.
    path = tmp_path / "h.sqlite3"
    result = run_python(
        """
        import os, sys
        from smdesk.store.history import History
        history = History.open(sys.argv[1])
        job = history.add(source_path="/a/talk.mp3", size=1, fingerprint="fp", duration=None,
                          options_json="{}", endpoint="default")
        history.begin_upload(job.id)
        cut = history.add(source_path="/a/cut.mp3", size=1, fingerprint="fp2", duration=None,
                          options_json="{}", endpoint="default")
        history.set_remote_id(job.id, "srv-1")
        history.begin_upload(cut.id)
        os._exit(0)  # no close, no checkpoint: like a crash
        """,
        str(path),
    )
    assert result.returncode == 0, result.stderr
    with History.open(path) as history:
        assert history.quick_check()
        talk, cut = history.unfinished()
        assert talk.phase is Phase.SUBMITTED and talk.remote_id == "srv-1" and talk.can_reattach
        assert cut.phase is Phase.UPLOADING and cut.upload_was_interrupted
        assert cut.upload_attempts == 1


def test_process_dying_inside_a_transaction_leaves_no_trace(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    History.open(path).close()
    result = run_python(
        """
        import os, sqlite3, sys
        conn = sqlite3.connect(sys.argv[1], isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        for i in range(5000):
            conn.execute(
                "INSERT INTO jobs (source_path, file_name, size, fingerprint, options_json,"
                " endpoint, phase, created_at, updated_at) VALUES (?, ?, 1, 'f', '{}', 'd',"
                " 'queued', 0, 0)", (f"/x/{i}", f"{i}.mp3"))
        os._exit(0)  # dies before COMMIT
        """,
        str(path),
    )
    assert result.returncode == 0, result.stderr
    with History.open(path) as history:
        assert history.quick_check()
        assert history.list() == []


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_sigkill_during_heavy_writes_leaves_a_consistent_database(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(
            """
            import sys
            from smdesk.store.history import History, Phase
            history = History.open(sys.argv[1])
            transcript = '{"results": [' + ','.join(['{"type": "word"}'] * 5000) + ']}'
            n = 0
            while True:
                job = history.add(source_path=f"/a/{n}.mp3", size=n, fingerprint=str(n),
                                  duration=None, options_json="{}", endpoint="default")
                history.begin_upload(job.id)
                history.set_remote_id(job.id, f"srv-{n}")
                history.save_transcript(job.id, transcript)
                n += 1
                if n == 20:
                    print("busy", flush=True)
            """
        ), str(path)],
        stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "busy\n"  # well inside the write loop
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    with History.open(path) as history:
        assert history.quick_check()
        records = history.list()
        assert len(records) >= 20
        for record in records:  # every committed step is whole: no job half-way between steps
            if record.phase is Phase.DONE:
                assert record.has_transcript and record.remote_id == f"srv-{record.size}"
                assert history.load_transcript(record.id) is not None
            else:
                assert not record.has_transcript
