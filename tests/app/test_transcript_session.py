"""TranscriptSession: edits through a real QUndoStack, autosaved into a real History file."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from smdesk.app.controllers.db import HistoryAccess
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.controllers.transcript_session import TranscriptSession
from smdesk.core.edits import Change
from smdesk.core.export import SRT, TXT, VTT, render
from smdesk.core.transcript import Transcript
from smdesk.store.history import History, HistoryError
from tests.app.conftest import run, wait_until
from tests.core.factories import document, punct, word

REPO = Path(__file__).resolve().parents[2]


def interview_json() -> str:
    return json.dumps(
        document(
            [
                word("Hello", 0.5, 0.9, speaker="S1"),
                punct(".", 0.9, is_eos=True, speaker="S1"),
                word("Hi", 1.4, 1.7, speaker="S2", confidence=0.4),
                word("Jon", 1.7, 2.1, speaker="S2", confidence=0.5),
                punct(".", 2.1, is_eos=True, speaker="S2"),
                word("How", 2.5, 2.7, speaker="S1"),
                word("are", 2.7, 2.8, speaker="S1"),
                word("you", 2.8, 3.0, speaker="S1"),
                punct("?", 3.0, is_eos=True, speaker="S1"),
            ]
        )
    )


def finished_job(path: Path) -> int:
    """A job in the history at ``path`` whose server transcript has arrived."""
    with History.open(path) as history:
        job = history.add(
            source_path="/audio/talk.ogg", size=10, fingerprint="f" * 64, duration=3.0,
            options_json="{}", endpoint="eu1",
        )
        history.begin_upload(job.id)
        history.set_remote_id(job.id, "srv-1")
        history.save_transcript(job.id, interview_json())
        return job.id


class Opened:
    """A session on a job of a real History file, as the window would hold it."""

    def __init__(self, path: Path, job_id: int, loop: asyncio.AbstractEventLoop) -> None:
        self.db = HistoryAccess(History.open(path))
        self.tasks = TaskRegistry()
        record = self.db.history.get(job_id)
        assert record is not None
        transcript = run(loop, self.db.load_parsed_transcript(job_id))
        assert transcript is not None
        self.session = TranscriptSession(
            job_id, transcript, self.db, self.tasks, media_path=record.source_path,
            edited=record.is_edited,
        )
        self.changes: list[Change] = []
        self.saves: list[object] = []
        self.refusals: list[str] = []
        self.session.changed.connect(self.changes.append)
        self.session.saved.connect(self.saves.append)
        self.session.refused.connect(self.refusals.append)

    def saved(self, loop: asyncio.AbstractEventLoop) -> None:
        count = len(self.saves)
        run(loop, wait_until(lambda: len(self.saves) > count, what="an autosave"))

    def close(self, loop: asyncio.AbstractEventLoop) -> None:
        if self.db.history._conn is None:  # closed already
            return
        self.session.close()  # saves what is left, as the window does when it closes
        run(loop, wait_until(lambda: not self.tasks.running(), what="the last save"))
        self.db.close()


@pytest.fixture(autouse=True)
def _collect_qt_garbage_here() -> Iterator[None]:
    # The history thread allocates a lot (JSON text); a garbage collection it triggers must not
    # be the one that frees an earlier test's Qt objects off the Qt thread.
    yield
    gc.collect()


@pytest.fixture
def history_path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


@pytest.fixture
def opened(
    history_path: Path, loop: asyncio.AbstractEventLoop
) -> Iterator[tuple[Opened, int]]:
    job_id = finished_job(history_path)
    session = Opened(history_path, job_id, loop)
    yield session, job_id
    session.close(loop)


def words_of(t: Transcript) -> list[str]:
    return [w.text for w in t.words]


def test_edit_undo_redo_then_restart_keeps_the_edits(history_path, loop, opened) -> None:
    first, job_id = opened
    s = first.session
    assert s.replace_text(3, 3, "John")
    assert s.rename_speaker("S2", "Grace")
    assert s.split_paragraph(6)
    assert words_of(s.transcript)[3] == "John" and len(s.transcript.paragraphs()) == 4
    s.undo_stack.undo()
    s.undo_stack.undo()
    assert s.transcript.speaker_name("S2") == "Speaker 2" and len(s.transcript.paragraphs()) == 3
    s.undo_stack.redo()
    assert s.transcript.speaker_name("S2") == "Grace"
    assert first.changes[-1].names_changed
    first.saved(loop)
    assert not s.has_unsaved_edits()
    first.close(loop)

    again = Opened(history_path, job_id, loop)  # a restart: a new History on the same file
    try:
        t = again.session.transcript
        assert words_of(t)[3] == "John" and t.speaker_name("S2") == "Grace"
        assert len(t.paragraphs()) == 3 and t.words[3].checked
        record = again.db.history.get(job_id)
        assert record is not None and record.is_edited and record.phase.is_final
        original = Transcript.from_json_v2(json.loads(again.db.history.load_transcript(
            job_id, original=True) or "{}"))
        assert words_of(original)[3] == "Jon"
        texts = [render(t, fmt).decode() for fmt in (TXT, SRT, VTT)]
        for text in texts:  # every export reads the edited copy
            assert "John" in text and "Jon" not in text
        assert "Grace" in texts[0]
    finally:
        again.close(loop)


def test_typing_in_one_word_is_one_undo_step(loop, opened) -> None:
    first, _ = opened
    s = first.session
    for typed in ("Jo", "Joh", "John"):
        assert s.replace_text(3, 3, typed)
    assert s.undo_stack.count() == 1
    s.undo_stack.undo()
    assert words_of(s.transcript)[3] == "Jon"
    s.undo_stack.redo()
    assert words_of(s.transcript)[3] == "John"
    assert s.replace_text(3, 3, "John Smith")  # a new word: its own step
    assert s.undo_stack.count() == 2


def test_an_autosave_between_keystrokes_keeps_one_undo_step(loop, opened) -> None:
    """A slow typist's word is saved between keystrokes; it must still undo as one word."""
    first, _ = opened
    s = first.session
    assert s.replace_text(3, 3, "Jo")
    first.saved(loop)
    assert not s.has_unsaved_edits()
    assert s.replace_text(3, 3, "John")
    assert s.has_unsaved_edits()  # merged into the saved step, but not saved yet
    assert s.undo_stack.count() == 1
    first.saved(loop)
    s.undo_stack.undo()
    assert words_of(s.transcript)[3] == "Jon" and s.has_unsaved_edits()


def test_a_refused_edit_says_why_and_changes_nothing(loop, opened) -> None:
    first, _ = opened
    s = first.session
    assert not s.split_paragraph(5)  # already starts a paragraph
    assert not s.rename_speaker("S9", "Nobody")
    assert len(first.refusals) == 2 and "already starts" in first.refusals[0]
    assert s.undo_stack.count() == 0 and not s.has_unsaved_edits()
    assert not s.replace_text(5, 7, "How are you")  # same text: no step
    assert s.undo_stack.count() == 0


def test_accepting_words_counts_down_the_uncertain_ones(loop, opened) -> None:
    first, _ = opened
    s = first.session
    assert s.transcript.uncertain_words() == [2, 3]
    s.check_word(2)
    assert s.transcript.uncertain_words() == [3]
    s.replace_text(3, 3, "John")
    assert s.transcript.uncertain_words() == []
    s.undo_stack.undo()
    assert s.transcript.uncertain_words() == [3]


def test_revert_to_original_is_undoable_and_the_job_reads_unedited(loop, opened) -> None:
    first, job_id = opened
    s = first.session
    s.replace_text(3, 3, "John")
    s.merge_speakers("S2", "S1")
    first.saved(loop)
    assert first.db.history.get(job_id).is_edited
    run(loop, wait_until(lambda: s.original() is not None, what="the original read"))
    s.revert_to_original()  # from the original already held
    run(loop, wait_until(lambda: words_of(s.transcript)[3] == "Jon", what="the revert"))
    assert s.transcript.speakers() == ["S1", "S2"]
    first.saved(loop)
    assert not first.db.history.get(job_id).is_edited
    assert first.db.history.load_transcript(job_id) == first.db.history.load_transcript(
        job_id, original=True
    )
    s.undo_stack.undo()
    assert words_of(s.transcript)[3] == "John"
    first.saved(loop)
    assert first.db.history.get(job_id).is_edited
    assert s.replace_text(3, 3, "Joan")
    original = s.original()
    assert original is not None and words_of(original)[3] == "Jon"  # never edited with it


def test_autosave_comes_within_a_second_even_while_typing(loop, opened) -> None:
    first, job_id = opened
    s = first.session
    started = time.monotonic()
    texts = iter(["J", "Jo", "Joh", "John", "Johnn", "Johnny"] * 4)

    async def type_steadily() -> None:
        while not first.saves:
            s.replace_text(3, 3, next(texts))
            await asyncio.sleep(0.15)  # faster than the idle delay: only the deadline saves

    run(loop, type_steadily(), timeout=5)
    assert time.monotonic() - started < 2.0
    assert first.db.history.get(job_id).is_edited


def test_a_failed_autosave_says_so_and_tries_again_by_itself(loop, opened, monkeypatch) -> None:
    first, job_id = opened
    s = first.session
    failures: list[str] = []
    s.failed.connect(failures.append)
    real_save = first.db.save_edits
    calls: list[int] = []

    async def disk_full_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise HistoryError("The job history /x is on a full disk; free some space.")
        return await real_save(*args, **kwargs)

    monkeypatch.setattr(first.db, "save_edits", disk_full_once)
    s._retry.setInterval(200)
    s.replace_text(3, 3, "John")
    run(loop, wait_until(lambda: failures, what="the failure"))
    assert "could not be saved yet" in failures[0] and s.has_unsaved_edits()
    first.saved(loop)  # no further edit needed
    assert not s.has_unsaved_edits() and len(calls) == 2
    assert "John" in (first.db.history.load_transcript(job_id) or "")


_KILLED_CHILD = """
import asyncio, sys, pathlib
from PySide6.QtCore import QCoreApplication
from smdesk.app.loop import QEventLoop
from smdesk.app.controllers.db import HistoryAccess
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.controllers.transcript_session import TranscriptSession
from smdesk.store.history import History, HistoryError

app = QCoreApplication([])
loop = QEventLoop(app)
asyncio.set_event_loop(loop)
db = HistoryAccess(History.open(pathlib.Path(sys.argv[1])))

async def main():
    transcript = await db.load_parsed_transcript(int(sys.argv[2]))
    session = TranscriptSession(int(sys.argv[2]), transcript, db, TaskRegistry())
    session.replace_text(3, 3, "John")
    print("edited", flush=True)
    await asyncio.sleep(3600)

loop.run_until_complete(main())
"""


def test_an_edit_survives_sigkill_right_after_it(history_path: Path) -> None:
    job_id = finished_job(history_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_KILLED_CHILD), str(history_path), str(job_id)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "edited", child.stderr.read() if child.stderr else ""
        time.sleep(1.5)
        child.send_signal(signal.SIGKILL)  # no cleanup, no flush
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    with History.open(history_path) as history:
        text = history.load_transcript(job_id)
        assert text is not None
        assert Transcript.from_json_v2(json.loads(text)).words[3].text == "John"
        record = history.get(job_id)
        assert record is not None and record.is_edited


def test_the_real_app_restarted_opens_the_edited_transcript(apps, sandbox, audio, loop) -> None:
    first = apps.account(sandbox)
    first.window.add_paths([str(audio())])
    job_id = run(loop, wait_until(lambda: first.jobs.views() and first.jobs.views()[0].id))
    run(loop, wait_until(lambda: first.jobs.view(job_id).record.phase.is_final), timeout=30)
    transcript = run(loop, first.db.load_parsed_transcript(job_id))
    assert transcript is not None
    speaker = transcript.words[0].speaker
    session = TranscriptSession(job_id, transcript, first.db, first.tasks)
    saves: list[object] = []
    session.saved.connect(saves.append)
    assert session.replace_text(0, 0, "Editedword")
    assert session.rename_speaker(speaker, "Ada Lovelace")
    session.undo_stack.undo()
    session.undo_stack.redo()
    run(loop, wait_until(lambda: saves, what="an autosave"))
    apps.close(first)

    second = apps.account(sandbox)  # a new window, controllers and History on the same file
    assert second.jobs.view(job_id).record.is_edited
    second.window.queue.select_job(job_id)
    second.window.queue.btn_open.click()
    run(loop, wait_until(lambda: second.window.shown_job == job_id))
    shown = second.window.pane.transcript()
    assert shown.words[0].text == "Editedword" and shown.words[0].checked
    assert shown.speaker_name(speaker) == "Ada Lovelace"
    assert sandbox.sandbox.stats.uploads == 1
