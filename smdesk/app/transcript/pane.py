"""The transcript pane: composition only.

Header (title, details, Follow / Editing / Speakers / Find / Export), the player bar's slot, the
find-and-replace bar, the words-to-check bar, the tabs (transcript, summary, translations) with
the speakers list beside them, and a line that tells the clicked word's time. The work is in
document.py (text ↔ words), editing.py (typing → session edits), search.py (find/replace),
speaker_flow.py, review.py, tabs.py and reading.py (follow-along and clicks). Exporting is the
export dialog's job: the Export button only asks for it (``export_requested``).

Signals for neighbours: ``word_activated(index)`` (seek: a click while reading, Ctrl+click while
editing, a paragraph's time), ``play_word_requested(index)`` (a word to check, played from a
second before), ``sample_requested(start, end)`` (a speaker's sample), ``following_changed``,
``export_requested`` (the Export button: the window opens the export dialog for this transcript).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QLabel, QMenu, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from smdesk.app.transcript.changes import attach_changes
from smdesk.app.transcript.context_menu import build_context_menu
from smdesk.app.transcript.document import DEFAULT_THRESHOLD, TranscriptDocument
from smdesk.app.transcript.find import FindBar
from smdesk.app.transcript.pane_actions import build_pane_actions
from smdesk.app.transcript.pane_header import PaneHeader
from smdesk.app.transcript.pane_text import describe, quote_text
from smdesk.app.transcript.reading import ReadingFlow
from smdesk.app.transcript.review import ReviewBar, ReviewFlow
from smdesk.app.transcript.search import SearchFlow
from smdesk.app.transcript.side_panels import SidePanels
from smdesk.app.transcript.speaker_flow import SpeakerFlow
from smdesk.app.transcript.speakers import SpeakersPanel
from smdesk.app.transcript.tabs import TranscriptTabs
from smdesk.app.transcript.text_view import TextView
from smdesk.app.widgets.inline_message import InlineMessage, Level
from smdesk.core.transcript import Transcript

PLACEHOLDER = "Select a finished job to read its transcript."


class TranscriptPane(QWidget):
    word_activated = Signal(int)
    play_word_requested = Signal(int)
    sample_requested = Signal(float, float)
    following_changed = Signal(bool)
    speaker_menu_requested = Signal(str, QMenu)
    status_message = Signal(str)
    remember_voice_requested = Signal(str)  # speaker id: "Remember this voice as…" (voices)
    export_requested = Signal()  # the Export button

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._transcript: Transcript | None = None
        self._session: Any = None
        self._doc: TranscriptDocument | None = None
        self.reading = ReadingFlow(self)
        self.source_path: str | None = None  # the shown transcript's recording, if known
        self._threshold = DEFAULT_THRESHOLD
        self._context_menu: QMenu | None = None
        self.speaker_flow = SpeakerFlow(self._warn)
        self.review = ReviewFlow(self.show_word, self.play_word_requested.emit,
                                 self.status_message.emit)
        self._build_ui()
        self.side = SidePanels(self.review_bar, self.review, self.speakers,
                               self.header.speakers_button, lambda: self._session is not None,
                               self)
        self.set_transcript(None)

    # -- public API -----------------------------------------------------------------------
    def set_transcript(self, t: Transcript | None, *, title: str = "",
                       source_path: str | None = None) -> None:
        """Show ``t`` (None: the placeholder); ``source_path`` is the recording's, if known."""
        self._transcript = t
        self.side.show(t)
        self.source_path = source_path
        self.reading.reset()
        self.message.clear()
        self.word_label.setText("")
        self.tabs.clear_all()
        self._bind_document(None)
        self.header.set_shown(t is not None)
        if t is None:
            self._session = None
            self.header.title_label.setText("")
            self.header.meta_label.setText("")
            self.find_bar.close_bar()
            self.stack.setCurrentIndex(0)
            self._update_actions()
            return
        self.header.title_label.setText(title or "Transcript")
        self.header.meta_label.setText(describe(t))
        doc = self.tabs.show_transcript(t, self._session, self.palette(), self._reading_font(),
                                        self._threshold)
        self._bind_document(doc)
        self.stack.setCurrentIndex(1)
        self.side.refresh()
        self._update_actions()
        if self.find_bar.isVisible():
            self.search.search(near=0)

    def set_session(self, session: Any) -> None:
        """Edit through ``session`` (a TranscriptSession); None: read-only."""
        self._session = session
        if session is not None:  # a replaced session's late signals are ignored, not unhooked
            session.changed.connect(
                lambda change, s=session: self._on_changed(change) if s is self._session else None)
        if self.tabs.bridge is not None:
            self.tabs.bridge.bind(session)
        self.speaker_flow.session = self.review.session = session
        self.changes_flow.bind(session)
        self._update_actions()

    def session(self) -> Any:
        return self._session

    def show_refusal(self, sentence: str) -> None:
        """An edit the session refused: say why and show the model's text again."""
        self._warn(sentence)
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
        return self.tabs.views[0] if self.tabs.views else None

    def document(self) -> TranscriptDocument | None:
        return self._doc

    def tab_titles(self) -> list[str]:
        return self.tabs.titles()

    def set_player_bar(self, bar: QWidget) -> None:
        """Put the player's bar under the header (the player feature owns it)."""
        self.player_slot.addWidget(bar)

    # -- follow-along (reading.py) --------------------------------------------------------
    def highlight_word(self, index: int | None) -> None:
        """Mark the word being spoken; the view scrolls with it while following."""
        self.reading.highlight_word(index)

    def highlight_time(self, seconds: float) -> None:
        self.reading.highlight_time(seconds)

    def scroll_to_word(self, index: int) -> None:
        self.reading.scroll_to_word(index)

    def show_word(self, index: int) -> None:
        """Reveal and select word ``index`` and focus the text (subtitle checker, navigator)."""
        self.reading.show_word(index)

    def following(self) -> bool:
        return self.reading.following

    def set_following(self, following: bool) -> None:
        self.reading.set_following(following)

    def editing(self) -> bool:
        return self.header.edit_button.isChecked()

    # -- find / replace, words to check, quote, speakers ----------------------------------
    def find(self) -> None:  # type: ignore[override]  # contract name; QWidget.find is static
        """Open the find bar (Ctrl+F), prefilled with the selected text if any."""
        self._open_find(replace=False)

    def replace(self) -> None:
        """Open find and replace (Ctrl+H)."""
        self._open_find(replace=True)

    def _open_find(self, *, replace: bool) -> None:
        if self._transcript is None:
            return
        view = self.tabs.current_view()
        selected = view.textCursor().selectedText() if view is not None else ""
        self.find_bar.open_bar(selected if "\u2029" not in selected else "", replace=replace)
        self.search.search()

    def find_next(self) -> None:
        self.search.step(1)

    def find_previous(self) -> None:
        self.search.step(-1)

    def match_status(self) -> str:
        return self.search.status()

    def next_uncertain(self) -> int | None:
        return self.review.jump(1)

    def previous_uncertain(self) -> int | None:
        return self.review.jump(-1)

    def accept_word(self) -> None:
        self.review.accept()

    def set_threshold(self, value: float) -> None:
        self._threshold = value
        self.review_bar.set_threshold(value)
        if self._doc is not None:
            self._doc.threshold = value
            self._doc.rebuild()
        self.side.refresh()

    def copy_quote(self) -> None:
        """Copy the selection as “…” — Speaker, 00:12:34 (the time of its first word)."""
        doc = self._doc
        words = doc.selected_words() if doc is not None else None
        if doc is None or words is None or doc.transcript is None:
            return
        text = quote_text(doc.transcript, *words)
        QGuiApplication.clipboard().setText(text)
        self.status_message.emit(f"Copied the quote: {text}")

    def give_to_speaker(self, speaker: str | None, *, whole_paragraph: bool) -> None:
        self.speaker_flow.give(speaker, whole_paragraph=whole_paragraph)

    def speaker_at(self, position: int) -> str | None:
        """The speaker of the paragraph at ``position`` (None if undiarized or unknown)."""
        doc, t = self._doc, self._transcript
        if doc is None or t is None or not t.is_diarized:
            return None
        block = doc.view.document().findBlock(position)
        p = block.blockNumber() // 3
        if p >= len(doc.layout.paragraphs):
            return None
        speaker = doc.layout.paragraphs[p].speaker
        return None if speaker in ("", "UU") else speaker

    def _add_remember_voice(self, speaker: str, menu: QMenu) -> None:
        t = self._transcript
        if t is None or not t.is_diarized or speaker in ("", "UU"):
            return
        menu.addSeparator()
        action = menu.addAction(f"Remember this voice ({t.speaker_name(speaker)}) as…")
        action.setStatusTip("Keep this voice so later jobs name the speaker by themselves")
        action.triggered.connect(lambda: self.remember_voice_requested.emit(speaker))

    def _speaker_menu(self, point: QPoint) -> None:
        """The text's context menu at ``point`` (a right-click), with the speaker's actions."""
        if self._doc is None:
            return
        menu = self.context_menu_at(point)
        # Python owns the menu: keep it until the next one (WA_DeleteOnClose would delete it
        # under Python and crash later, at garbage collection)
        self._context_menu = menu
        menu.popup(self._doc.view.viewport().mapToGlobal(point))

    def context_menu_at(self, point: QPoint) -> QMenu:
        return build_context_menu(self, point)

    # -- construction ---------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.actions_ = build_pane_actions(self, {
            "find": self.find, "replace": self.replace, "find_next": self.find_next,
            "find_previous": self.find_previous, "next_uncertain": self.next_uncertain,
            "previous_uncertain": self.previous_uncertain, "accept_word": self.accept_word,
            "copy_quote": self.copy_quote})
        self.find_action, self.replace_action = self.actions_.find, self.actions_.replace
        self.header = PaneHeader(self, self.find)
        self.header.export_button.clicked.connect(self.export_requested)
        self.header.follow_button.toggled.connect(self.set_following)
        self.follow_button = self.header.follow_button
        self.export_button = self.header.export_button
        self.title_label, self.meta_label = self.header.title_label, self.header.meta_label
        self.player_slot = QVBoxLayout()
        self.player_slot.setContentsMargins(0, 0, 0, 0)
        self.message = InlineMessage(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.tabs = TranscriptTabs(self)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.search = SearchFlow(self.find_bar, self.tabs.current_view, self)
        self.search.message.connect(self.status_message)
        self.review_bar = ReviewBar(self)
        self.review_bar.set_threshold(self._threshold)
        self.review_bar.threshold_changed.connect(self.set_threshold)
        self.review.attach(self.review_bar)  # previous / next / accept / the checked words
        self.speakers = SpeakersPanel(self)
        self.speakers.rename_requested.connect(self.speaker_flow.rename)
        self.speakers.merge_requested.connect(self.speaker_flow.merge)
        self.speakers.sample_requested.connect(self.sample_requested)
        self.speakers.speaker_menu_requested.connect(self.speaker_menu_requested)
        self.speaker_menu_requested.connect(self._add_remember_voice)
        self.header.speakers_button.toggled.connect(self.speakers.setVisible)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.setObjectName("transcript_speakers_splitter")
        body.addWidget(self.tabs)
        body.addWidget(self.speakers)
        body.setStretchFactor(0, 4)
        body.setStretchFactor(1, 1)
        body.setCollapsible(0, False)
        self.changes_flow = attach_changes(self, body)  # under the speakers list
        self.changes = self.changes_flow.panel
        self.placeholder = QLabel(PLACEHOLDER, self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)  # the disabled text colour: muted, theme-aware
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(body)
        self.word_label = QLabel(self)
        self.word_label.setAccessibleName("Clicked word")
        self.word_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        page = QVBoxLayout(self)
        for widget in (self.header, self.message, self.find_bar, self.review_bar):
            page.addWidget(widget)
        page.insertLayout(1, self.player_slot)
        page.addWidget(self.stack, 1)
        page.addWidget(self.word_label)
        self.setAccessibleName("Transcript")

    def _bind_document(self, doc: TranscriptDocument | None) -> None:
        self._doc = doc
        self.speaker_flow.doc = self.review.doc = doc
        self.search.bridge = self.tabs.bridge
        bridge, editor = self.tabs.bridge, self.tabs.name_editor
        if doc is None or bridge is None or editor is None:
            return
        view = doc.view
        bridge.message.connect(self.status_message)
        view.position_clicked.connect(self.reading.clicked)
        view.manual_scroll.connect(lambda: self.set_following(False))
        view.edit_started.connect(lambda: self.header.edit_button.setChecked(True))
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._speaker_menu)
        editor.committed.connect(self.speaker_flow.rename)
        self.name_editor = self.speaker_flow.editor = editor

    def _reading_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)  # reading text: a little larger than UI text
        return font

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange) and self._doc:
            self._doc.restyle(self.palette(), self._reading_font())
            if self._transcript is not None:
                self.tabs.show_others(self._transcript, self.palette(), self._reading_font())
            if self.find_bar.isVisible():
                self.search.search()

    # -- reactions ------------------------------------------------------------------------
    def _on_changed(self, change: Any) -> None:
        """The session applied an edit (typing, undo, redo, rename…): re-render what it touched."""
        if self._doc is None or self._transcript is None:
            return
        self._doc.refresh(change)
        if change is not None:
            self.reading.edited(change)
        if change is not None and (change.turns_changed or change.names_changed):
            self.tabs.show_others(self._transcript, self.palette(), self._reading_font())
            self.header.meta_label.setText(describe(self._transcript))
        self.side.refresh_soon()  # counters and the speaker list: after typing settles

    def _warn(self, sentence: str) -> None:
        self.message.show_message(sentence, Level.WARNING)

    def _on_tab_changed(self, _index: int) -> None:
        if self.find_bar.isVisible():
            self.search.search()

    def _update_actions(self) -> None:
        a, t = self.actions_, self._transcript
        has_words = bool(t and t.words)
        for action in (a.find, a.replace):
            action.setEnabled(t is not None)
        for action in (a.next_uncertain, a.previous_uncertain, a.copy_quote):
            action.setEnabled(has_words)
        a.accept_word.setEnabled(has_words and self._session is not None)
        self.header.set_editable(self._session is not None)
