"""The pane's side panels kept current: the words-to-check counter and the speakers list.

They are refreshed a moment after typing settles, never per key. Both used to walk every word
(11 ms at 3 hours, after nearly every key of steady typing); now the counters read the
transcript's kept-up-to-date indexes, and the speakers list, whose talk times do walk every word,
is refilled only when a turn, a time or a name changed (``Transcript.layout_revision``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractButton

from smdesk.app.transcript.review import ReviewBar, ReviewFlow
from smdesk.app.transcript.speakers import SpeakersPanel, speaker_rows
from smdesk.core.transcript import Transcript

AFTER_TYPING_MS = 120
NO_SPEAKERS_TIP = "This transcript was made without speaker diarization: it has no speakers to name"


class SidePanels(QObject):
    def __init__(self, review_bar: ReviewBar, review: ReviewFlow, speakers: SpeakersPanel,
                 speakers_button: QAbstractButton, editable: Callable[[], bool],
                 parent: QObject) -> None:
        super().__init__(parent)
        self.review_bar, self.review, self.speakers = review_bar, review, speakers
        self.speakers_button = speakers_button
        self.transcript: Transcript | None = None
        self._editable = editable  # the pane has a session to edit through
        self._rows_key: tuple[object, ...] | None = None
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(AFTER_TYPING_MS)
        self._later.timeout.connect(self.refresh)

    def show(self, t: Transcript | None) -> None:
        """A new transcript (None: none): the list is filled again and holds no old one."""
        self.transcript, self._rows_key = t, None
        self._later.stop()
        if t is None:
            self.review_bar.hide()
            self.speakers.set_speakers([])

    def refresh_soon(self) -> None:
        self._later.start()  # restarted by every change

    def refresh(self) -> None:
        t = self.transcript
        if t is None:
            return
        self.review_bar.set_count(self.review.count(), editable=self._editable(),
                                  checked=len(self.review.checked_words()))
        self.review_bar.setVisible(bool(t.words))
        rows_key = (t, t.layout_revision, tuple(t.speaker_name(s) for s in t.speakers()))
        if rows_key != self._rows_key:
            self._rows_key = rows_key
            self.speakers.set_speakers(speaker_rows(t))
        # without diarization there is only "Unknown speaker": nothing to name, merge or play
        diarized = t.is_diarized
        button = self.speakers_button
        button.setEnabled(diarized)
        button.setToolTip("Show the speakers list" if diarized else NO_SPEAKERS_TIP)
        self.speakers.setVisible(button.isChecked() and bool(t.words) and diarized)
