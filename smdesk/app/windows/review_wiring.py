"""The reviewing choices remembered across restarts: the words-to-check threshold and the find
bar's "Match case" and "Whole words". Connections only (settings through PreferencesController)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from smdesk.app.controllers.preferences import PreferencesController
from smdesk.app.transcript.pane import TranscriptPane

SAVE_DELAY_MS = 500  # a spin box stepped by the wheel or held arrows saves once


def remember_review_choices(pane: TranscriptPane, prefs: PreferencesController,
                            parent: QObject) -> None:
    settings = prefs.settings
    pane.set_threshold(settings.review_threshold)
    bar = pane.find_bar
    bar.match_case.setChecked(settings.find_match_case)
    bar.whole_word.setChecked(settings.find_whole_word)
    save = QTimer(parent)
    save.setSingleShot(True)
    save.setInterval(SAVE_DELAY_MS)
    save.timeout.connect(lambda: prefs.update(
        review_threshold=round(pane.review_bar.threshold.value(), 2)))
    pane.review_bar.threshold_changed.connect(lambda _value: save.start())
    bar.match_case.toggled.connect(lambda on: prefs.update(find_match_case=on))
    bar.whole_word.toggled.connect(lambda on: prefs.update(find_whole_word=on))
