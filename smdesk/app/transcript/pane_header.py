"""The pane's header: title and details, and the Follow / Editing / Speakers / Changes / Find /
Export buttons (Export opens the export dialog). No mnemonic here takes a menu's letter (Alt+E is
the Edit menu, Alt+F the File menu)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget


class PaneHeader(QWidget):
    def __init__(self, parent: QWidget, find: Callable[[], None]) -> None:
        super().__init__(parent)
        self.title_label = QLabel(self)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        self.title_label.setAccessibleName("Transcript title")
        self.meta_label = QLabel(self)
        self.meta_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.meta_label.setAccessibleName("Transcript details")
        self.follow_button = self._toggle("Follow", "Scroll with the word being played; "
                                          "scrolling by hand pauses it", checked=True)
        self.edit_button = self._toggle("✎ Editing", "While editing, a click places the cursor; "
                                        "Ctrl+click plays from the word", checked=False)
        self.speakers_button = self._toggle("Speakers", "Show the speakers list", checked=True)
        self.changes_button = self._toggle(
            "Changes", "Show what was changed against the transcript as it arrived", checked=True)
        self.find_button = QToolButton(self)
        self.find_button.setText("Find")  # no mnemonic: Alt+F is the File menu
        self.find_button.clicked.connect(find)
        self.find_button.setAccessibleName("Find in transcript")
        self.find_button.setToolTip("Find and replace in the transcript (Ctrl+F, Ctrl+H)")
        self.export_button = QToolButton(self)
        self.export_button.setText("E&xport")  # not &Export: Alt+E opens the Edit menu
        self.export_button.setAccessibleName("Export transcript")
        # One export path: the export dialog, this transcript ticked (windows/export_flow.py)
        self.export_button.setToolTip("Export this transcript: text, Word, subtitles with a "
                                      "preview, Markdown, CSV or JSON")
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title_label)
        titles.addWidget(self.meta_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(titles, 1)
        for button in (self.follow_button, self.edit_button, self.speakers_button,
                       self.changes_button, self.find_button, self.export_button):
            row.addWidget(button)

    def _toggle(self, text: str, tip: str, *, checked: bool) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setChecked(checked)
        button.setToolTip(tip)
        button.setAccessibleName(text.strip("✎ "))
        return button

    def set_shown(self, shown: bool) -> None:
        """Without a transcript, buttons that act on one are disabled, not dead to a click."""
        for button in (self.follow_button, self.changes_button, self.find_button,
                       self.export_button):
            button.setEnabled(shown)
        if not shown:
            self.speakers_button.setEnabled(False)  # with one: enabled if it has speakers

    def set_editable(self, editable: bool) -> None:
        self.edit_button.setEnabled(editable)
        self.edit_button.setToolTip(
            "While editing, a click places the cursor; Ctrl+click plays from the word"
            if editable else "This transcript cannot be edited here")
