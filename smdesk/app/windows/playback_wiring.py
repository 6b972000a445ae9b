"""Wiring of the transcript's player: the Playback menu, the player bar in the pane, the player
and TranscriptPlayback. Connections only; the work is in controllers/player.py and playback.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QVBoxLayout

from smdesk import APP_DISPLAY_NAME
from smdesk.app.controllers.db import HistoryAccess
from smdesk.app.controllers.jobs import JobsController
from smdesk.app.controllers.playback import Availability, Recording, TranscriptPlayback
from smdesk.app.controllers.player import DEFAULT_REWIND_SECONDS, PlaybackState, QtPlayer
from smdesk.app.controllers.preferences import PreferencesController
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.transcript.player_bar import PlayerBar
from smdesk.app.windows.main_actions import (
    PlaybackActions,
    add_playback_menu,
    build_playback_actions,
)
from smdesk.core.transcript import Transcript
from smdesk.media import SUPPORTED_EXTENSIONS
from smdesk.store.history import JobRecord

SKIP_SECONDS = 5.0
SAVE_DELAY_MS = 600  # a volume drag is one settings write, not fifty


@dataclass
class PlaybackParts:
    playback: TranscriptPlayback
    player: QtPlayer
    bar: PlayerBar
    actions: PlaybackActions
    menu: QMenu


def install_playback(window: QMainWindow, db: HistoryAccess, tasks: TaskRegistry,
                     prefs: PreferencesController, jobs: JobsController) -> PlaybackParts:
    """Give ``window`` (with a ``pane``: the TranscriptPane) its player."""
    pane: Any = window.pane  # type: ignore[attr-defined]
    player = QtPlayer(window)
    playback = TranscriptPlayback(player, db, tasks, window)
    actions = build_playback_actions(window, SKIP_SECONDS)
    menu = add_playback_menu(window.menuBar(), actions)
    bar = PlayerBar(pane)
    bar.use_actions(actions.play_pause, actions.skip_back, actions.skip_forward)
    _place_bar(pane, bar)
    player.set_video_output(bar.video)
    parts = PlaybackParts(playback, player, bar, actions, menu)
    _connect_transport(parts)
    playback.recording_changed.connect(lambda r: _show_recording(parts, r, pane))
    _connect_view(parts, pane)
    _connect_jobs(parts, window, pane, jobs)
    _remember_choices(parts, prefs, window)
    _show_recording(parts, playback.recording(), pane)
    closed = getattr(window, "closed", None)
    if closed is not None:  # stop the sound with the window, before its widgets go
        closed.connect(lambda: playback.open(None, None))
    return parts


def _place_bar(pane: Any, bar: PlayerBar) -> None:
    place = getattr(pane, "set_player_bar", None)
    if callable(place):
        place(bar)
        return
    layout = pane.layout()
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(1, bar)  # under the title and the buttons


def _connect_transport(parts: PlaybackParts) -> None:
    a, player, bar = parts.actions, parts.player, parts.bar
    a.play_pause.triggered.connect(player.toggle)
    a.skip_back.triggered.connect(lambda: player.skip(-SKIP_SECONDS))
    a.skip_forward.triggered.connect(lambda: player.skip(SKIP_SECONDS))
    a.slower.triggered.connect(player.slower)
    a.faster.triggered.connect(player.faster)
    a.normal_speed.triggered.connect(lambda: player.set_rate(1.0))
    bar.seek_requested.connect(player.seek)
    bar.rate_requested.connect(player.set_rate)
    bar.volume_requested.connect(player.set_volume)
    player.position_changed.connect(bar.set_position)
    player.duration_changed.connect(bar.set_duration)
    player.state_changed.connect(lambda s: bar.set_playing(s is PlaybackState.PLAYING))
    player.rate_changed.connect(bar.set_rate)
    player.volume_changed.connect(bar.set_volume)
    player.has_video_changed.connect(bar.show_video)


def _connect_view(parts: PlaybackParts, pane: Any) -> None:
    playback, player = parts.playback, parts.player
    if hasattr(pane, "word_activated"):
        pane.word_activated.connect(playback.activate_word)
    else:  # the pane before word indexes: it reports the clicked word's time
        pane.word_clicked.connect(
            lambda seconds: player.play_from(round(seconds * 1000)) if player.has_media() else None)
    if hasattr(pane, "play_word_requested"):  # words to check; a speaker's sample
        pane.play_word_requested.connect(playback.play_word_in_context)
        pane.sample_requested.connect(playback.play_span)
    if hasattr(pane, "highlight_word"):
        playback.word_changed.connect(lambda i: pane.highlight_word(i if i >= 0 else None))
    else:
        playback.word_changed.connect(lambda _i: pane.highlight_time(player.position() / 1000))


def _connect_jobs(parts: PlaybackParts, window: QMainWindow, pane: Any,
                  jobs: JobsController) -> None:
    playback = parts.playback

    def shown(job_id: int, transcript: Transcript) -> None:
        view = jobs.view(job_id)
        if view is not None and pane.transcript() is transcript:  # the window did show it
            playback.open(view.record, transcript)

    def removed(job_id: int) -> None:
        if playback.job_id() == job_id:
            playback.open(None, None)

    def shown_by_window(record: JobRecord, document: Any) -> None:
        # MainWindow.transcript_shown(record, TranscriptSession or Transcript)
        if record is None or document is None:
            playback.open(None, None)
        elif isinstance(document, Transcript):
            playback.open(record, document)
        else:
            playback.open(record, document.transcript, document)

    signal = getattr(window, "transcript_shown", None)
    if signal is not None:
        signal.connect(shown_by_window)
    else:
        jobs.transcript_ready.connect(shown)
    jobs.job_removed.connect(removed)
    playback.record_changed.connect(jobs.record_changed)
    playback.record_changed.connect(lambda record: _show_located(window, pane, record))
    playback.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
    parts.bar.locate_requested.connect(lambda: _choose_recording(window, playback))


def _show_located(window: QMainWindow, pane: Any, record: JobRecord) -> None:
    """The located recording's name in the header and the window title (the queue row follows
    record_changed); an export made next goes beside the file where it is now."""
    if getattr(window, "shown_job", record.id) != record.id:
        return
    pane.source_path = record.source_path
    pane.header.title_label.setText(record.file_name)
    window.setWindowTitle(f"{record.file_name} — {APP_DISPLAY_NAME}")


def _choose_recording(window: QMainWindow, playback: TranscriptPlayback) -> None:
    recording = playback.recording()
    dialog = QFileDialog(window, "Locate the recording")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    names = " ".join(f"*{e}" for e in sorted(SUPPORTED_EXTENSIONS))
    dialog.setNameFilters([f"Audio and video ({names})", "All files (*)"])
    if recording.path:
        dialog.selectFile(recording.path)
    dialog.fileSelected.connect(playback.locate)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def _remember_choices(parts: PlaybackParts, prefs: PreferencesController,
                      parent: QObject) -> None:
    player, a, settings = parts.player, parts.actions, prefs.settings
    player.set_rate(settings.playback_rate)
    player.set_volume(settings.playback_volume)
    parts.bar.set_rate(player.rate())
    a.rewind_on_resume.setChecked(settings.rewind_on_resume)
    player.set_rewind_on_resume(DEFAULT_REWIND_SECONDS if settings.rewind_on_resume else 0)

    def rewind(on: bool) -> None:
        player.set_rewind_on_resume(DEFAULT_REWIND_SECONDS if on else 0)
        prefs.update(rewind_on_resume=on)

    a.rewind_on_resume.toggled.connect(rewind)
    save = QTimer(parent)
    save.setSingleShot(True)
    save.setInterval(SAVE_DELAY_MS)
    save.timeout.connect(lambda: prefs.update(playback_rate=player.rate(),
                                              playback_volume=round(player.volume(), 2)))
    player.rate_changed.connect(save.start)
    player.volume_changed.connect(save.start)


def _show_recording(parts: PlaybackParts, recording: Recording, pane: Any) -> None:
    ready = recording.availability is Availability.READY
    parts.bar.set_recording(recording.problem, ready=ready, can_locate=recording.can_locate)
    parts.bar.setVisible(recording.availability is not Availability.NONE)
    for action in parts.actions.transport():
        action.setEnabled(ready)
    speakers = getattr(pane, "speakers", None)
    if speakers is not None:  # "▶ Sample" without a recording to play did nothing
        speakers.set_can_play(ready)
