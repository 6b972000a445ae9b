"""Wiring of known voices into the main window: the menu action and its window, "Remember
this voice as…" on a transcript's speaker, and the names every options panel offers."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLabel, QMainWindow

from smdesk.app.controllers.db import HistoryAccess
from smdesk.app.controllers.tasks import TaskRegistry
from smdesk.app.controllers.voices import VoicesController
from smdesk.app.transcript.pane import TranscriptPane
from smdesk.app.widgets.inline_message import Level
from smdesk.app.widgets.notice_area import NoticeArea
from smdesk.app.windows.known_voices import KnownVoicesWindow
from smdesk.app.windows.main_actions import MainActions
from smdesk.core.voices import VOICE_ID_SENTENCE, voice_identifiers

NO_IDENTIFIERS = (
    "{name} has no voice identifier in this transcript (it was made before smdesk asked "
    "Speechmatics for them); transcribe the recording again to remember this voice."
)


class VoiceFlows:
    def __init__(self, window: QMainWindow, acts: MainActions, pane: TranscriptPane,
                 notices: NoticeArea, db: HistoryAccess, tasks: TaskRegistry) -> None:
        self.window, self.pane, self.notices = window, pane, notices
        self.controller = VoicesController(db, tasks)
        self.voices_window: KnownVoicesWindow | None = None
        acts.known_voices.triggered.connect(self.show_window)
        pane.remember_voice_requested.connect(self.ask_name)
        self.controller.remembered.connect(lambda text: notices.show_lines([text], Level.INFO))
        self.controller.failed.connect(self._failed)
        self.controller.refresh()

    def show_window(self) -> KnownVoicesWindow:
        if self.voices_window is None:
            self.voices_window = KnownVoicesWindow(self.window)
            self.voices_window.rename_requested.connect(self.controller.rename)
            self.voices_window.delete_requested.connect(self.controller.delete)
            self.controller.voices_changed.connect(self.voices_window.show_voices)
        self.voices_window.show_voices(self.controller.voices)
        self.voices_window.show()
        self.voices_window.raise_()
        self.voices_window.activateWindow()
        return self.voices_window

    def ask_name(self, speaker: str) -> None:
        transcript = self.pane.transcript()
        if transcript is None:
            return
        name = transcript.speaker_name(speaker)
        identifiers = voice_identifiers(transcript.to_json_v2(), speaker)
        if not identifiers:
            self.notices.show_lines([NO_IDENTIFIERS.format(name=name)], Level.WARNING)
            return
        job_id = getattr(self.window, "shown_job", None)
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle("Remember this voice")
        dialog.setLabelText(f"{VOICE_ID_SENTENCE}\n\nRemember the voice of {name} as:")
        dialog.setTextValue(name)  # the name the user gave this speaker, by default
        for label in dialog.findChildren(QLabel):  # the sentence wraps instead of widening
            label.setWordWrap(True)
        dialog.resize(460, dialog.sizeHint().height())
        dialog.textValueSelected.connect(
            lambda text: self.controller.remember(text, identifiers, job_id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _failed(self, text: str) -> None:
        if self.voices_window is not None and self.voices_window.isVisible():
            self.voices_window.show_error(text)
        else:
            self.notices.show_lines([text], Level.ERROR)
