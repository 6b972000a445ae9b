"""The player in the real window: a finished job's transcript opens with its recording, plays with
the spoken word highlighted, clicking a word plays from it, keys work while typing, and a moved
recording is found again by fingerprint (or the transcript opens without it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from smdesk.app.controllers.playback import Availability
from smdesk.app.controllers.player import PlaybackState
from smdesk.app.windows.main_actions import PLAY_PAUSE_KEYS, SKIP_BACK_KEYS
from smdesk.sandbox.sample import SAMPLE_AUDIO
from tests.app.conftest import run, wait_until
from tests.app.sample_media import finished_sample_job

# A freeze (a GIL deadlock) is ended by pytest's faulthandler_timeout (pyproject.toml), which
# prints every stack; this bounds an ordinary slow test.
pytestmark = pytest.mark.timeout(60)


def _open(apps, sandbox, loop, tmp_path, *, remove_audio=False, **settings):
    record = finished_sample_job(tmp_path / "recordings")
    if remove_audio:
        Path(record.source_path).unlink()
    ctx = apps.sandbox_mode(sandbox, **settings)
    ctx.jobs.open_transcript(record.id)
    parts = ctx.playback

    async def opened():
        await wait_until(lambda: ctx.window.pane.transcript() is not None, what="transcript")
        await wait_until(lambda: parts.playback.recording().availability
                         not in (Availability.CHECKING, Availability.NONE), what="recording")

    run(loop, opened())
    return ctx, parts, record


def _marked_text(ctx) -> str:
    view = ctx.window.pane.transcript_view()
    mark = view.current_mark()
    assert mark is not None, "no word is highlighted"
    cursor = QTextCursor(view.document())
    cursor.setPosition(mark[0])
    cursor.setPosition(mark[1], QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_opening_a_transcript_loads_its_recording_and_plays_with_the_words(
        apps, sandbox, loop, tmp_path):
    ctx, parts, _record = _open(apps, sandbox, loop, tmp_path)
    bar, player, a = parts.bar, parts.player, parts.actions
    assert parts.playback.recording().availability is Availability.READY
    assert bar.isVisible() and a.play_pause.isEnabled()
    assert bar.elapsed_text() == "00:00 / 00:39"
    assert [m.title() for m in ctx.window.menuBar().findChildren(type(parts.menu))
            if m.title() == "&Playback"] == ["&Playback"]

    a.play_pause.trigger()
    run(loop, wait_until(lambda: player.position() > 1500, what="playing past 1.5 s"))
    assert player.state() is PlaybackState.PLAYING
    assert a.play_pause.text() == "&Pause"
    transcript = ctx.window.pane.transcript()
    a.play_pause.trigger()
    spoken = transcript.words[parts.playback.follower.current()]
    assert spoken.start <= player.position() / 1000 + 0.05
    assert _marked_text(ctx) == spoken.text
    assert bar.elapsed_text().startswith("00:0")
    assert bar.slider.value() == player.position()


def test_clicking_a_word_plays_from_it(apps, sandbox, loop, tmp_path):
    ctx, parts, _record = _open(apps, sandbox, loop, tmp_path)
    transcript = ctx.window.pane.transcript()
    view = ctx.window.pane.transcript_view()
    counts: dict[str, int] = {}
    for w in transcript.words:
        counts[w.text] = counts.get(w.text, 0) + 1
    word_index = next(i for i, w in enumerate(transcript.words)
                      if w.start > 15 and len(w.text) > 5 and counts[w.text] == 1)
    word = transcript.words[word_index]
    at = ctx.window.pane.document().word_range(word_index)[0]  # the view maps words itself
    cursor = QTextCursor(view.document())
    cursor.setPosition(at + 1)
    view.ensureCursorVisible()
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    point = view.cursorRect(cursor).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(point.x(), point.y()))
    player = parts.player
    run(loop, wait_until(lambda: player.state() is PlaybackState.PLAYING, what="playing"))
    assert word.start * 1000 - 50 <= player.position() <= word.start * 1000 + 1500
    run(loop, wait_until(lambda: parts.playback.follower.current() >= word_index, what="follow"))
    player.pause()


def test_playback_keys_work_while_typing_in_the_transcript(apps, sandbox, loop, tmp_path):
    ctx, parts, _record = _open(apps, sandbox, loop, tmp_path)
    view = ctx.window.pane.transcript_view()
    view.setReadOnly(False)  # as while correcting: the keys must not type into the text
    ctx.window.activateWindow()
    view.setFocus()
    run(loop, wait_until(lambda: QApplication.focusWidget() is view, what="focus"))
    before = view.toPlainText()
    play = QKeySequence(PLAY_PAUSE_KEYS[0])[0]
    QTest.keyClick(view, play.key(), play.keyboardModifiers())
    player = parts.player
    run(loop, wait_until(lambda: player.state() is PlaybackState.PLAYING, what="Ctrl+Space"))
    player.seek(20_000)
    back = QKeySequence(SKIP_BACK_KEYS[0])[0]
    QTest.keyClick(view, back.key(), back.keyboardModifiers())
    assert 14_500 <= player.position() <= 16_000
    QTest.keyClick(view, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    assert player.rate() == 1.1
    QTest.keyClick(view, play.key(), play.keyboardModifiers())
    assert player.state() is PlaybackState.PAUSED
    assert view.toPlainText() == before


def test_no_shortcut_is_claimed_twice_or_is_a_text_editing_key(apps, sandbox, loop, tmp_path):
    ctx, _parts, _record = _open(apps, sandbox, loop, tmp_path)
    seen: dict[str, str] = {}
    for action in ctx.window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut:
            continue  # local to one widget (the pane's find keys)
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text} is claimed by {seen[text]!r} and {action.text()!r}"
            seen[text] = action.text()
    # Back/Forward are browser history keys; no smdesk widget navigates a history
    unused = {QKeySequence.StandardKey.Back, QKeySequence.StandardKey.Forward}
    standard = {k.toString() for std in QKeySequence.StandardKey if std not in unused
                for k in QKeySequence.keyBindings(std)}
    playback = {k.toString() for a in _parts.actions.transport() for k in a.shortcuts()}
    assert not playback & standard, f"text-editing keys taken: {playback & standard}"


def test_rate_volume_and_rewind_choices_are_remembered(apps, sandbox, loop, tmp_path):
    ctx, parts, _record = _open(apps, sandbox, loop, tmp_path)
    speeds = {a.data(): a for a in parts.bar.speed_group.actions()}
    speeds[1.5].trigger()
    parts.bar.volume.setValue(40)
    parts.actions.rewind_on_resume.setChecked(False)
    run(loop, wait_until(lambda: ctx.prefs.settings.playback_rate == 1.5, what="rate saved"))
    assert parts.player.rate() == 1.5 and parts.bar.speed_button.text() == "1.5×"
    assert ctx.prefs.settings.playback_volume == 0.4
    assert ctx.prefs.settings.rewind_on_resume is False
    apps.close(ctx)
    ctx2 = apps.sandbox_mode(sandbox)
    assert ctx2.playback.player.rate() == 1.5
    assert ctx2.playback.bar.volume.value() == 40
    assert not ctx2.playback.actions.rewind_on_resume.isChecked()


def test_a_moved_recording_is_said_and_found_again_by_fingerprint(apps, sandbox, loop, tmp_path):
    ctx, parts, record = _open(apps, sandbox, loop, tmp_path, remove_audio=True)
    playback, bar = parts.playback, parts.bar
    # the transcript is there without its recording
    assert ctx.window.pane.transcript() is not None
    assert playback.recording().availability is Availability.MISSING
    assert "interview.ogg is no longer in" in bar.problem.text()
    assert bar.locate_button.isVisibleTo(bar) and not parts.actions.play_pause.isEnabled()

    impostor = tmp_path / "elsewhere" / "other.ogg"
    impostor.parent.mkdir()
    shutil.copyfile(SAMPLE_AUDIO, impostor)
    with impostor.open("ab") as f:
        f.write(b"another recording")
    playback.locate(str(impostor))
    run(loop, wait_until(lambda: "not the recording" in bar.problem.text(), what="refused"))
    assert playback.recording().availability is Availability.MISSING
    assert ctx.jobs.view(record.id).record.source_path == record.source_path

    moved = tmp_path / "elsewhere" / "interview (copy).ogg"
    shutil.copyfile(SAMPLE_AUDIO, moved)
    playback.locate(str(moved))
    run(loop, wait_until(lambda: playback.recording().availability is Availability.READY,
                         what="located"))
    assert not bar.problem.isVisibleTo(bar) and parts.actions.play_pause.isEnabled()
    assert ctx.jobs.view(record.id).record.source_path == str(moved)
    stored = run(loop, ctx.db.get(record.id))
    assert stored.source_path == str(moved) and stored.file_name == "interview (copy).ogg"
    assert stored.fingerprint == record.fingerprint
    # the header and the window say the file's new name, as the queue row does
    pane = ctx.window.pane
    assert pane.header.title_label.text() == "interview (copy).ogg"
    assert ctx.window.windowTitle().startswith("interview (copy).ogg")
    assert pane.source_path == str(moved)


def test_with_a_session_edits_remap_the_spoken_word_and_locate_sets_its_media(
        apps, sandbox, loop, tmp_path):
    from smdesk.app.controllers.transcript_session import TranscriptSession

    ctx, parts, record = _open(apps, sandbox, loop, tmp_path)
    playback, player = parts.playback, parts.player
    transcript = ctx.window.pane.transcript()
    session = TranscriptSession(record.id, transcript, ctx.db, ctx.tasks,
                                media_path=record.source_path)
    playback.open(record, transcript, session)
    run(loop, wait_until(lambda: player.has_media(), what="loaded"))
    seen: list[int] = []
    playback.word_changed.connect(seen.append)
    target = next(i for i, w in enumerate(transcript.words)
                  if w.start > 20 and not w.is_punctuation)
    spoken_text = transcript.words[target].text
    player.seek(round(transcript.words[target].start * 1000) + 1)
    assert playback.follower.current() == target
    assert session.delete_words(0, 2)  # three words fewer before the spoken one
    assert seen[-1] == target - 3
    assert transcript.words[playback.follower.current()].text == spoken_text
    session.undo_stack.undo()
    assert seen[-1] == target

    moved = tmp_path / "moved" / "interview.ogg"
    moved.parent.mkdir()
    Path(record.source_path).rename(moved)
    playback.locate(str(moved))
    run(loop, wait_until(lambda: session.media_path == str(moved), what="media path"))
    run(loop, session.flush())
    session.close()
