"""The pane's Export menu: formats, one entry per translation, and the text-export options."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from smdesk.app.controllers.export import ExportChoices
from smdesk.core.languages import language_name
from smdesk.core.transcript import Transcript


class ExportMenu(QMenu):
    def __init__(self, parent: QWidget, *, txt: Callable[[], object], srt: Callable[[], object],
                 vtt: Callable[[], object], translation: Callable[[str], object]) -> None:
        super().__init__(parent)
        self._export_translation = translation
        self.addAction("&Text file (.txt)…", txt)
        self.addAction("&Subtitles (.srt)…", srt)
        self.addAction("&WebVTT subtitles (.vtt)…", vtt)
        self.translation_menu = self.addMenu("T&ranslation as text")
        self.addSeparator()
        self.include_speakers = self._option("Include speaker &names", checked=True)
        self.include_timestamps = self._option("Include time&stamps in text", checked=True)
        self.include_summary = self._option("Put the summary at the top of the te&xt")

    def _option(self, text: str, *, checked: bool = False) -> QAction:
        action = self.addAction(text)
        action.setCheckable(True)
        action.setChecked(checked)
        return action

    def show_transcript(self, t: Transcript) -> None:
        """Offer what this transcript has: its translations, the summary option."""
        self.translation_menu.clear()
        for code in t.translations:
            action = self.translation_menu.addAction(f"{language_name(code)}…")
            action.triggered.connect(lambda _=False, code=code: self._export_translation(code))
        self.translation_menu.menuAction().setVisible(bool(t.translations))
        self.include_summary.setVisible(bool(t.summary))

    def choices(self, srt: tuple[int, int], translation: str | None) -> ExportChoices:
        return ExportChoices(
            speaker_names=self.include_speakers.isChecked(),
            timestamps=self.include_timestamps.isChecked(),
            include_summary=self.include_summary.isChecked() and translation is None,
            srt_max_line_length=srt[0], srt_max_lines=srt[1], translation=translation)
