"""The transcript pane: composition only.

Header (title, details, Follow / Edit / Speakers / Find / Export), the player bar's slot, the
find-and-replace bar, the words-to-check bar, the tabs (transcript, summary, translations) with
the speakers list beside them, and a line that tells the clicked word's time. The pieces live
in their own modules: document.py (text ↔ words), editing.py (typing → session edits),
search.py (find/replace), speakers.py, review.py, export_flow.py.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.controllers.export import SRT, TXT, VTT
from smdesk.app.transcript.context_menu import build_context_menu
from smdesk.app.transcript.document import TranscriptDocument
from smdesk.app.transcript.editing import EditBridge
from smdesk.app.transcript.export_flow import ExportFlow, SavePathChooser
from smdesk.app.transcript.export_menu import ExportMenu
from smdesk.app.transcript.find import FindBar
from smdesk.app.transcript.layout import translation_layout
from smdesk.app.transcript.pane_actions import build_pane_actions
from smdesk.app.transcript.pane_text import (
    describe,
    named_summary,
    quote_text,
    word_info,
)
from smdesk.app.transcript.render import Formats, make_qt_document, plain_document
from smdesk.app.transcript.review import ReviewBar
from smdesk.app.transcript.search import SearchFlow
from smdesk.app.transcript.speakers import NameEditor, SpeakersPanel, speaker_rows
from smdesk.app.transcript.text_view import TextView
from smdesk.app.widgets.inline_message import InlineMessage, Level
from smdesk.core.languages import language_name
from smdesk.core.transcript import Transcript

PLACEHOLDER = "Select a finished job to read its transcript."


class TranscriptPane(QWidget):
    word_activated = Signal(int)  # seek there (player)
    play_word_requested = Signal(int)  # words to check: play it from a second before (player)
    sample_requested = Signal(float, float)  # play this stretch (player)
    following_changed = Signal(bool)
    speaker_menu_requested = Signal(str, QMenu)
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._transcript: Transcript | None = None
        self._session: Any = None
        self._views: list[TextView] = []
        self._doc: TranscriptDocument | None = None
        self._bridge: EditBridge | None = None
        self._current_word: int | None = None
        self._following = True
        self._threshold = 0.7
        self._build_ui()
        self.export_flow = ExportFlow(self, self.export_menu, self._export_outcome)
        self._later = QTimer(self)  # counters and the speaker list: after typing settles
        self._later.setSingleShot(True)
        self._later.setInterval(120)
        self._later.timeout.connect(self._refresh_side_panels)
        self.set_transcript(None)

    # -- public API -----------------------------------------------------------------------
    def set_transcript(self, t: Transcript | None, *, title: str = "",
                       source_path: str | None = None, srt_max_line_length: int = 37,
                       srt_max_lines: int = 2) -> None:
        self._transcript = t
        flow = self.export_flow
        flow.transcript, flow.title, flow.source_path = t, title, source_path
        flow.srt = (srt_max_line_length, srt_max_lines)
        self._current_word = None
        self.message.clear()
        self.word_label.setText("")
        self._clear_tabs()
        enabled = t is not None
        self.export_button.setEnabled(enabled)
        for action in (self.find_action, self.replace_action):
            action.setEnabled(enabled)
        if t is None:
            self._session = None
            self.title_label.setText("")
            self.meta_label.setText("")
            self.find_bar.close_bar()
            self.review_bar.hide()
            self.speakers.set_speakers([])
            self.stack.setCurrentIndex(0)
            self._update_actions()
            return
        self.export_menu.show_transcript(t)
        self.title_label.setText(title or "Transcript")
        self.meta_label.setText(describe(t))
        self._add_transcript_tab(t)
        self._add_other_tabs(t)
        self.stack.setCurrentIndex(1)
        self._refresh_side_panels()
        self._update_actions()
        if self.find_bar.isVisible():
            self.search.search(near=0)

    def set_session(self, session: Any) -> None:
        """Edit through ``session`` (a TranscriptSession); None: read-only."""
        if self._session is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # never connected
                self._session.changed.disconnect(self._on_changed)
        self._session = session
        if session is not None:
            session.changed.connect(self._on_changed)
        if self._bridge is not None:
            self._bridge.bind(session)
        self._update_actions()

    def session(self) -> Any:
        return self._session

    def show_refusal(self, sentence: str) -> None:
        """An edit the session refused: say why; the text already shows the model again."""
        self.message.show_message(sentence, Level.WARNING)
        if self._doc is not None:
            self._doc.rebuild()

    def show_save_problem(self, sentence: str) -> None:
        self.message.show_message(sentence, Level.ERROR)

    def set_placeholder(self, text: str = "") -> None:
        """What the pane says while no transcript is open (e.g. why the selected job failed)."""
        self.placeholder.setText(text or PLACEHOLDER)

    def transcript(self) -> Transcript | None:
        return self._transcript

    def transcript_view(self) -> TextView | None:
        return self._views[0] if self._views else None

    def document(self) -> TranscriptDocument | None:
        return self._doc

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i).replace("&", "") for i in range(self.tabs.count())]

    def set_player_bar(self, bar: QWidget) -> None:
        """Put the player's bar under the header (the player feature owns it)."""
        self.player_slot.addWidget(bar)

    # -- follow-along ---------------------------------------------------------------------
    def highlight_word(self, index: int | None) -> None:
        """Mark the word being spoken; the view scrolls with it while following."""
        if index == self._current_word or self._doc is None:
            return
        self._current_word = index
        if index is None:
            self._doc.view.clear_current()
        else:
            self._doc.mark_word(index, scroll=self._following)

    def highlight_time(self, seconds: float) -> None:
        """Mark the word being spoken at ``seconds`` (Transcript.word_index_at)."""
        if self._transcript is not None:
            self.highlight_word(self._transcript.word_index_at(seconds))

    def scroll_to_word(self, index: int) -> None:
        found = self._doc.word_range(index) if self._doc is not None else None
        if found is not None and self._doc is not None:
            self._doc.view.scroll_to(found[0])

    def show_word(self, index: int) -> None:
        """Reveal and select word ``index`` in the transcript tab (the subtitle checker's
        "go to", the words-to-check navigator) and give the text the focus."""
        found = self._doc.word_range(index) if self._doc is not None else None
        if found is None or self._doc is None:
            return
        self.tabs.setCurrentWidget(self._doc.view)
        self._doc.view.select_range(*found)
        self._doc.view.setFocus()
        self._show_word_info(index)

    def following(self) -> bool:
        return self._following

    def set_following(self, following: bool) -> None:
        changed = following != self._following
        self._following = following
        self.follow_button.setChecked(following)
        if following and self._current_word is not None:
            self.scroll_to_word(self._current_word)
        if changed:
            self.following_changed.emit(following)

    def editing(self) -> bool:
        return self.edit_button.isChecked()

    # -- find / replace -------------------------------------------------------------------
    def find(self) -> None:  # type: ignore[override]  # contract name; QWidget.find is static
        """Open the find bar (Ctrl+F), prefilled with the selected text if any."""
        self._open_find(replace=False)

    def replace(self) -> None:
        """Open find and replace (Ctrl+H)."""
        self._open_find(replace=True)

    def _open_find(self, *, replace: bool) -> None:
        if self._transcript is None:
            return
        view = self._view()
        selected = view.textCursor().selectedText() if view is not None else ""
        self.find_bar.open_bar(selected if "\u2029" not in selected else "", replace=replace)
        self.search.search()

    def find_next(self) -> None:
        self.search.step(1)

    def find_previous(self) -> None:
        self.search.step(-1)

    def match_status(self) -> str:
        return self.search.status()

    # -- words to check -------------------------------------------------------------------
    def next_uncertain(self) -> int | None:
        return self._jump_uncertain(1)

    def previous_uncertain(self) -> int | None:
        return self._jump_uncertain(-1)

    def _jump_uncertain(self, step: int) -> int | None:
        doc, t = self._doc, self._transcript
        if doc is None or t is None or not t.words:
            return None
        words = doc.selected_words()
        here = words[0] if words is not None else (-1 if step > 0 else len(t.words))
        count = len(t.words)
        for distance in range(1, count + 1):
            index = (here + step * distance) % count
            if doc.is_uncertain(index):
                self.show_word(index)
                self.play_word_requested.emit(index)
                return index
        self.status_message.emit("No words left to check.")
        return None

    def accept_word(self) -> None:
        """Mark the selected word as checked and go on to the next one (Ctrl+Enter)."""
        doc = self._doc
        words = doc.selected_words() if doc is not None else None
        if doc is None or words is None or self._session is None:
            return
        for index in range(words[0], words[1] + 1):
            if doc.is_uncertain(index):
                self._session.check_word(index)
        self.next_uncertain()

    def copy_quote(self) -> None:
        """Copy the selection as “…” — Speaker, 00:12:34 (the time of its first word)."""
        doc = self._doc
        words = doc.selected_words() if doc is not None else None
        if doc is None or words is None or doc.transcript is None:
            return
        text = quote_text(doc.transcript, *words)
        QGuiApplication.clipboard().setText(text)
        self.status_message.emit(f"Copied the quote: {text}")

    def set_threshold(self, value: float) -> None:
        self._threshold = value
        self.review_bar.set_threshold(value)
        if self._doc is not None:
            self._doc.threshold = value
            self._doc.rebuild()
        self._refresh_side_panels()

    # -- export ---------------------------------------------------------------------------
    def export_txt(self) -> Path | None:
        return self.export_flow.export(TXT)

    def export_srt(self) -> Path | None:
        return self.export_flow.export(SRT)

    def export_vtt(self) -> Path | None:
        return self.export_flow.export(VTT)

    def export_translation(self, language: str) -> Path | None:
        """Export one translation as text (interview.es.txt)."""
        return self.export_flow.export(TXT, translation=language)

    def set_save_path_chooser(self, fn: SavePathChooser) -> None:
        self.export_flow.choose_save_path = fn

    def _export_outcome(self, sentence: str, error: bool) -> None:
        if error:
            self.message.show_message(sentence, Level.ERROR)
        else:
            self.message.clear()
        self.status_message.emit(sentence)

    # -- construction ---------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.title_label = QLabel(self)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        self.title_label.setAccessibleName("Transcript title")
        self.meta_label = QLabel(self)
        self.meta_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.meta_label.setAccessibleName("Transcript details")
        self._build_actions()
        self.follow_button = self._toggle("Follow", "Scroll with the word being played; "
                                          "scrolling by hand pauses it", checked=True)
        self.follow_button.toggled.connect(self.set_following)
        self.edit_button = self._toggle("✎ Editing", "While editing, a click places the cursor; "
                                        "Ctrl+click plays from the word", checked=False)
        self.speakers_button = self._toggle("Speakers", "Show the speakers list", checked=True)
        self.find_button = QToolButton(self)
        self.find_button.setText("Find")  # no mnemonic: Alt+F is the File menu
        self.find_button.clicked.connect(self.find)
        self.find_button.setAccessibleName("Find in transcript")
        self.find_button.setToolTip("Find and replace in the transcript (Ctrl+F, Ctrl+H)")
        self.export_button = QToolButton(self)
        self.export_button.setText("E&xport")  # not &Export: Alt+E opens the Edit menu
        self.export_button.setAccessibleName("Export transcript")
        self.export_button.setToolTip("Save the transcript as text or subtitles")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = ExportMenu(self, txt=self.export_txt, srt=self.export_srt,
                                      vtt=self.export_vtt, translation=self.export_translation)
        self.export_button.setMenu(self.export_menu)
        self.include_speakers = self.export_menu.include_speakers
        self.include_timestamps = self.export_menu.include_timestamps
        self.include_summary = self.export_menu.include_summary
        self.translation_menu = self.export_menu.translation_menu
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title_label)
        titles.addWidget(self.meta_label)
        header.addLayout(titles, 1)
        for button in (self.follow_button, self.edit_button, self.speakers_button,
                       self.find_button, self.export_button):
            header.addWidget(button)
        self.player_slot = QVBoxLayout()
        self.player_slot.setContentsMargins(0, 0, 0, 0)
        self.message = InlineMessage(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.search = SearchFlow(self.find_bar, self._view, self)
        self.search.message.connect(self.status_message)
        self.review_bar = ReviewBar(self)
        self.review_bar.set_threshold(self._threshold)
        self.review_bar.previous_requested.connect(self.previous_uncertain)
        self.review_bar.next_requested.connect(self.next_uncertain)
        self.review_bar.accept_requested.connect(self.accept_word)
        self.review_bar.threshold_changed.connect(self.set_threshold)
        self.tabs = QTabWidget(self)
        self.tabs.setTabBarAutoHide(True)
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.speakers = SpeakersPanel(self)
        self.speakers.rename_requested.connect(self._rename)
        self.speakers.merge_requested.connect(self._merge)
        self.speakers.sample_requested.connect(self.sample_requested)
        self.speakers.speaker_menu_requested.connect(self.speaker_menu_requested)
        self.speakers_button.toggled.connect(self.speakers.setVisible)
        self.body_split = QSplitter(Qt.Orientation.Horizontal, self)
        self.body_split.setObjectName("transcript_speakers_splitter")
        self.body_split.addWidget(self.tabs)
        self.body_split.addWidget(self.speakers)
        self.body_split.setStretchFactor(0, 4)
        self.body_split.setStretchFactor(1, 1)
        self.body_split.setCollapsible(0, False)
        placeholder = QLabel(PLACEHOLDER, self)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        placeholder.setEnabled(False)  # the palette's disabled text colour: muted, theme-aware
        self.placeholder = placeholder
        self.stack = QStackedWidget(self)
        self.stack.addWidget(placeholder)
        self.stack.addWidget(self.body_split)
        self.word_label = QLabel(self)
        self.word_label.setAccessibleName("Clicked word")
        self.word_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        page = QVBoxLayout(self)
        page.addLayout(header)
        page.addLayout(self.player_slot)
        page.addWidget(self.message)
        page.addWidget(self.find_bar)
        page.addWidget(self.review_bar)
        page.addWidget(self.stack, 1)
        page.addWidget(self.word_label)
        self.setAccessibleName("Transcript")

    def _toggle(self, text: str, tip: str, *, checked: bool) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setChecked(checked)
        button.setToolTip(tip)
        button.setAccessibleName(text.strip("✎ "))
        return button

    def _build_actions(self) -> None:
        self.actions_ = build_pane_actions(self, {
            "find": self.find, "replace": self.replace, "find_next": self.find_next,
            "find_previous": self.find_previous, "next_uncertain": self.next_uncertain,
            "previous_uncertain": self.previous_uncertain, "accept_word": self.accept_word,
            "copy_quote": self.copy_quote})
        self.find_action = self.actions_.find
        self.replace_action = self.actions_.replace

    # -- tabs -----------------------------------------------------------------------------
    def _clear_tabs(self) -> None:
        self.tabs.clear()  # removes the pages without deleting them
        for view in self._views:
            view.deleteLater()
        self._views = []
        self._doc = None
        if self._bridge is not None:
            self._bridge.deleteLater()
        self._bridge = None
        self.search.bridge = None
        self.search.finder.clear()

    def _new_view(self, title: str) -> TextView:
        view = TextView(self.tabs)
        view.setAccessibleName(title.replace("&", ""))
        self._views.append(view)
        self.tabs.addTab(view, title)
        return view

    def _add_transcript_tab(self, t: Transcript) -> None:
        view = self._new_view("&Transcript")
        if not t.words:
            view.setPlaceholderText("This transcript contains no speech.")
        self._doc = TranscriptDocument(view)
        self._doc.threshold = self._threshold
        self._doc.show(t, self.palette(), self._reading_font())
        self._bridge = EditBridge(self._doc, view, self)
        self._bridge.message.connect(self.status_message)
        self._bridge.bind(self._session)
        self.search.bridge = self._bridge
        view.position_clicked.connect(self._on_clicked)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda point: self.context_menu_at(point).popup(view.viewport().mapToGlobal(point)))
        view.manual_scroll.connect(lambda: self.set_following(False))
        view.edit_started.connect(lambda: self.edit_button.setChecked(True))
        self.name_editor = NameEditor(view.viewport())
        self.name_editor.committed.connect(self._rename)

    def _add_other_tabs(self, t: Transcript) -> None:
        if t.summary:
            view = self._new_view("&Summary")
            view.set_content(plain_document(named_summary(t), self._reading_font()))
        for language in t.translations:
            layout = translation_layout(t, language)
            view = self._new_view(f"{language_name(language)} translation")
            formats = Formats(self.palette(), t.speakers())
            view.set_content(make_qt_document(layout, formats, self._reading_font()))

    def _refresh_other_tabs(self) -> None:
        t = self._transcript
        if t is None:
            return
        current = self.tabs.currentIndex()
        while self.tabs.count() > 1:
            view = self.tabs.widget(1)
            self.tabs.removeTab(1)
            if isinstance(view, TextView):
                self._views.remove(view)
                view.deleteLater()
        self._add_other_tabs(t)
        self.tabs.setCurrentIndex(current)

    def _reading_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)  # reading text: a little larger than UI text
        return font

    def _view(self) -> TextView | None:
        widget = self.tabs.currentWidget()
        if isinstance(widget, TextView):
            return widget
        return self._views[0] if self._views else None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange) and self._doc:
            self._doc.restyle(self.palette(), self._reading_font())
            self._refresh_other_tabs()
            if self.find_bar.isVisible():
                self.search.search()

    # -- reactions ------------------------------------------------------------------------
    def _on_changed(self, change: Any) -> None:
        """The session applied an edit (typing, undo, redo, rename…): re-render what it touched."""
        if self._doc is None:
            return
        self._doc.refresh(change)
        if change is not None and (change.turns_changed or getattr(change, "names_changed", 0)):
            self._refresh_other_tabs()
            self.meta_label.setText(describe(self._doc.transcript or Transcript()))
        self._later.start()

    def _refresh_side_panels(self) -> None:
        t, doc = self._transcript, self._doc
        if t is None or doc is None:
            return
        count = sum(1 for index in range(len(t.words)) if doc.is_uncertain(index))
        self.review_bar.set_count(count, editable=self._session is not None)
        self.review_bar.setVisible(bool(t.words))
        self.speakers.set_speakers(speaker_rows(t))
        self.speakers.setVisible(self.speakers_button.isChecked() and bool(t.words))

    def _on_clicked(self, position: int, ctrl: bool) -> None:
        doc = self._doc
        if doc is None:
            return
        header = doc.header_hit(position)
        if header is not None:
            paragraph, on_name = header
            if on_name and self._session is not None:
                self._open_name_editor(paragraph)
                return
            first = doc.paragraph_first_word(paragraph)
            if first is not None:
                self._show_word_info(first)
                self.word_activated.emit(first)
            return
        word = doc.word_at(position)
        if word is None:
            return
        self._show_word_info(word)
        if ctrl or not self.editing():
            self._current_word = word
            doc.mark_word(word, scroll=False)
            self.word_activated.emit(word)

    def _show_word_info(self, index: int) -> None:
        if self._transcript is not None:
            self.word_label.setText(word_info(self._transcript, index, self._doc))

    def _open_name_editor(self, paragraph: int) -> None:
        doc = self._doc
        if doc is None:
            return
        view = doc.layout.paragraphs[paragraph]
        block = doc.view.document().findBlockByNumber(paragraph * 3)
        cursor = QTextCursor(block)
        rect = doc.view.cursorRect(cursor)
        width = doc.view.fontMetrics().horizontalAdvance(view.name) + 12
        rect.setWidth(width)
        self.name_editor.open_at(rect, view.speaker, view.name)

    def _rename(self, speaker: str, name: str) -> None:
        if self._session is not None:
            self._call_session("rename_speaker", speaker, name)

    def _merge(self, source: str, into: str) -> None:
        if self._session is not None:
            self._call_session("merge_speakers", source, into)

    def give_to_speaker(self, speaker: str | None, *, whole_paragraph: bool) -> None:
        """Give the selected words (or the paragraph at the caret) to ``speaker`` (None: a new
        speaker)."""
        doc = self._doc
        words = doc.selected_words() if doc is not None else None
        if doc is None or words is None or self._session is None:
            return
        first, last = words
        if whole_paragraph:
            t = doc.transcript
            assert t is not None
            paragraph = t.paragraphs()[t.paragraph_index_of(first)]
            first, last = paragraph.first, paragraph.last
        self._call_session("give_to_speaker", first, last, speaker)

    def _call_session(self, name: str, *args: object) -> None:
        try:
            getattr(self._session, name)(*args)
        except ValueError as exc:
            self.message.show_message(str(exc), Level.WARNING)

    def _on_tab_changed(self, _index: int) -> None:
        if self.find_bar.isVisible():
            self.search.search()

    def _update_actions(self) -> None:
        has_words = bool(self._transcript and self._transcript.words)
        a = self.actions_
        for action in (a.next_uncertain, a.previous_uncertain, a.copy_quote):
            action.setEnabled(has_words)
        a.accept_word.setEnabled(has_words and self._session is not None)
        self.edit_button.setEnabled(self._session is not None)
        self.edit_button.setToolTip(
            "While editing, a click places the cursor; Ctrl+click plays from the word"
            if self._session is not None else "This transcript cannot be edited here")

    def context_menu_at(self, point: QPoint) -> QMenu:
        """The transcript's context menu (copy, give to speaker…); see context_menu.py."""
        return build_context_menu(self, point)
