"""The app's open (HistoryAccess.load_parsed_transcript) keeps the parsed form on the history
thread after a parse, and the next open, the edited copy's and its original's, comes from it."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from smdesk.app.controllers import db as db_module
from smdesk.app.controllers.db import HistoryAccess
from smdesk.core import edits
from smdesk.core.transcript import Transcript
from smdesk.store.history import History
from tests.app.conftest import run
from tests.app.test_transcript_session import finished_job, interview_json
from tests.core.same_transcript import assert_same


def test_the_second_open_comes_from_the_kept_form(loop: asyncio.AbstractEventLoop,
                                                  tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    job = finished_job(path)
    db = HistoryAccess(History.open(path))
    try:
        first = run(loop, db.load_parsed_transcript(job))
        assert first is not None
        run(loop, db.settled())  # the keep scheduled by the load is done
        again = db.history.open_transcript(job)
        assert again is not None and again.keep is None
        assert_same(again.transcript, first)

        edits.rename_speaker(first, "S2", "Jon Berg")
        run(loop, db.save_edits(job, first.snapshot().to_json_text, revision=1))
        edited = run(loop, db.load_parsed_transcript(job))
        original = run(loop, db.load_parsed_transcript(job, original=True))
        run(loop, db.settled())
        assert edited is not None and edited.speaker_name("S2") == "Jon Berg"
        for copy, expected in ((False, edited), (True, original)):
            kept = db.history.open_transcript(job, copy)
            assert kept is not None and kept.keep is None
            assert expected is not None
            assert_same(kept.transcript, expected)
        assert_same(kept.transcript, Transcript.from_json_v2(json.loads(interview_json())))
    finally:
        db.close()


def test_autosave_keeps_the_edited_form_once_saving_pauses(
        loop: asyncio.AbstractEventLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_module, "KEEP_AFTER_SAVE_S", 1.0)
    path = tmp_path / "history.sqlite3"
    job = finished_job(path)
    db = HistoryAccess(History.open(path))
    try:
        t = Transcript.from_json_text(interview_json())
        for revision, name in enumerate(["Jo", "Jon", "Jon Berg"], start=1):  # typing a name
            edits.rename_speaker(t, "S2", name)
            snapshot = t.snapshot()
            run(loop, db.save_edits(job, snapshot.to_json_text, revision, snapshot))
        with db.history._reading() as conn:
            assert conn.execute("SELECT count(*) FROM word_caches").fetchone()[0] == 0
        run(loop, db.settled())  # the keep, once, for the last save
        kept = db.history.open_transcript(job)
        assert kept is not None and kept.keep is None
        assert kept.transcript.speaker_name("S2") == "Jon Berg"
        assert_same(kept.transcript, Transcript.from_json_text(t.snapshot().to_json_text()))
    finally:
        db.close()


def test_a_result_arriving_is_kept_so_even_its_first_open_skips_the_parse(
        loop: asyncio.AbstractEventLoop, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with History.open(path) as history:
        job = history.add(source_path="/audio/talk.ogg", size=10, fingerprint="f" * 64,
                          duration=3.0, options_json="{}", endpoint="eu1")
        history.begin_upload(job.id)
        history.set_remote_id(job.id, "srv-1")
    db = HistoryAccess(History.open(path))
    try:
        raw = json.loads(interview_json())
        record = run(loop, db.save_result(job.id, raw))
        assert record.phase.name == "DONE"
        run(loop, db.settled())
        kept = db.history.open_transcript(job.id)
        assert kept is not None and kept.keep is None
        assert_same(kept.transcript, Transcript.from_json_text(json.dumps(raw)))
    finally:
        db.close()
