"""The pane's tabs: the transcript itself (editable through a session), the summary and one tab
per translation (read-only, re-rendered when speakers are renamed or merged)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QTabWidget, QWidget

from smdesk.app.transcript.document import TranscriptDocument
from smdesk.app.transcript.editing import EditBridge
from smdesk.app.transcript.layout import translation_layout
from smdesk.app.transcript.pane_text import named_summary
from smdesk.app.transcript.render import Formats, make_qt_document, plain_document
from smdesk.app.transcript.speakers import NameEditor
from smdesk.app.transcript.text_view import TextView
from smdesk.core.languages import language_name
from smdesk.core.transcript import Transcript


class TranscriptTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabBarAutoHide(True)
        self.setDocumentMode(True)
        self.views: list[TextView] = []
        self.languages: dict[QWidget, str] = {}  # a translation's tab -> its language code
        self.doc: TranscriptDocument | None = None
        self.bridge: EditBridge | None = None
        self.name_editor: NameEditor | None = None

    def show_transcript(self, t: Transcript, session: Any, palette: QPalette, font: QFont,
                        threshold: float) -> TranscriptDocument:
        self.clear_all()
        view = self._new_view("&Transcript")
        if not t.words:
            view.setPlaceholderText("This transcript contains no speech.")
        self.doc = TranscriptDocument(view)
        self.doc.threshold = threshold
        self.doc.show(t, palette, font)
        self.bridge = EditBridge(self.doc, view, self)
        self.bridge.bind(session)
        self.name_editor = NameEditor(view.viewport())
        self.show_others(t, palette, font)
        return self.doc

    def show_others(self, t: Transcript, palette: QPalette, font: QFont) -> None:
        """(Re)build the summary and translation tabs, keeping the current tab."""
        current = self.currentIndex()
        while self.count() > 1:
            view = self.widget(1)
            self.removeTab(1)
            if isinstance(view, TextView):
                self.views.remove(view)
                self.languages.pop(view, None)
                view.deleteLater()
        if t.summary:
            self._new_view("&Summary").set_content(plain_document(named_summary(t), font))
        for language in t.translations:
            # the language alone: "… translation" on every tab ran the bar out of room at
            # 1024 px once the speakers and changes column was open (its tip says the rest)
            name = language_name(language)
            view = self._new_view(name, tip=f"{name} translation (read only)")
            self.languages[view] = language
            view.set_content(make_qt_document(translation_layout(t, language),
                                              Formats(palette, t.speakers()), font))
        self.setCurrentIndex(max(0, current))

    def clear_all(self) -> None:
        self.clear()  # removes the pages without deleting them
        for view in self.views:
            view.deleteLater()
        self.views = []
        self.languages = {}
        self.doc = None
        if self.bridge is not None:
            self.bridge.deleteLater()
        self.bridge = None
        self.name_editor = None

    def current_view(self) -> TextView | None:
        widget = self.currentWidget()
        if isinstance(widget, TextView):
            return widget
        return self.views[0] if self.views else None

    def current_language(self) -> str | None:
        """The language of the translation shown, or None (the transcript or the summary)."""
        return self.languages.get(self.currentWidget())

    def titles(self) -> list[str]:
        return [self.tabText(i).replace("&", "") for i in range(self.count())]

    def _new_view(self, title: str, tip: str = "") -> TextView:
        view = TextView(self)
        view.setAccessibleName((tip or title).replace("&", "").removesuffix(" (read only)"))
        self.views.append(view)
        index = self.addTab(view, title)
        if tip:
            self.setTabToolTip(index, tip)
        return view
