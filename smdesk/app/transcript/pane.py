"""The transcript viewer: speaker paragraphs, summary and translation tabs, find, export.

One QTextDocument per tab (no per-word widgets); a sorted array of word positions and start
times maps clicks to times and times to highlighted words (see layout.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smdesk.app.controllers.export import (
    SRT,
    TXT,
    VTT,
    ExportError,
    ExportFormat,
    default_export_path,
    render,
    with_suffix,
    write_export,
)
from smdesk.app.transcript.export_menu import ExportMenu
from smdesk.app.transcript.find import FindBar
from smdesk.app.transcript.layout import (
    TextLayout,
    build_layout,
    transcript_layout,
    translation_blocks,
)
from smdesk.app.transcript.render import build_document
from smdesk.app.transcript.text_view import TextView
from smdesk.app.widgets.inline_message import InlineMessage, Level
from smdesk.core.formatting import format_duration
from smdesk.core.languages import language_name
from smdesk.core.transcript import Transcript

SavePathChooser = Callable[[str, str, str], str | None]  # (title, default path, filter) -> path

PLACEHOLDER = "Select a finished job to read its transcript."


class TranscriptPane(QWidget):
    word_clicked = Signal(float)
    status_message = Signal(str)
    remember_voice_requested = Signal(str)  # speaker id, from a paragraph's context menu

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._transcript: Transcript | None = None
        self._layout = TextLayout()
        self._title = ""
        self._source_path: str | None = None
        self._srt = (37, 2)
        self._current_span: int | None = None
        self._views: list[TextView] = []
        self._contents: list[tuple[TextLayout, list[str]]] = []  # per tab, to restyle
        self._matches: list[int] = []
        self._match_index = -1
        self._choose_save_path: SavePathChooser = self._ask_save_path
        self._context_menu: QMenu | None = None
        self._build_ui()
        self.set_transcript(None)

    # -- public API -----------------------------------------------------------------------
    def set_transcript(self, t: Transcript | None, *, title: str = "",
                       source_path: str | None = None, srt_max_line_length: int = 37,
                       srt_max_lines: int = 2) -> None:
        self._transcript = t
        self._title = title
        self._source_path = source_path
        self._srt = (srt_max_line_length, srt_max_lines)
        self._current_span = None
        self.message.clear()
        self.tabs.clear()  # removes the pages without deleting them
        for view in self._views:
            view.deleteLater()
        self._views = []
        self._contents = []
        self._matches, self._match_index = [], -1
        enabled = t is not None
        self.export_button.setEnabled(enabled)
        self.find_action.setEnabled(enabled)
        self.find_button.setEnabled(enabled)
        if t is None:
            self._layout = TextLayout()
            self.title_label.setText("")
            self.meta_label.setText("")
            self.find_bar.close_bar()
            self.stack.setCurrentIndex(0)
            return
        self.export_menu.show_transcript(t)
        self.title_label.setText(title or "Transcript")
        self.meta_label.setText(self._describe(t))
        self._layout = transcript_layout(t)
        self._add_tab("&Transcript", self._layout, t.speakers(),
                      "" if t.words else "This transcript contains no speech.")
        if t.summary:
            self._add_text_tab("&Summary", t.summary.strip())
        for language in t.translations:
            layout = build_layout(translation_blocks(t, language), hours=t.duration >= 3600)
            name = language_name(language)
            self._add_tab(f"{name} translation", layout, t.speakers(), "")
        self.stack.setCurrentIndex(1)
        if self.find_bar.isVisible():
            self._search(self.find_bar.field.text())

    def set_placeholder(self, text: str = "") -> None:
        """What the pane says while no transcript is open (e.g. why the selected job failed)."""
        self.placeholder.setText(text or PLACEHOLDER)

    def transcript(self) -> Transcript | None:
        return self._transcript

    def highlight_time(self, seconds: float) -> None:
        """Mark the word being spoken at ``seconds`` and scroll it into view if needed."""
        span = self._layout.span_for_time(seconds)
        if span == self._current_span or not self._views:
            return
        self._current_span = span
        view = self._views[0]
        if span is None:
            view.clear_current()
            return
        view.mark_current(self._layout.word_starts[span], self._layout.word_ends[span])

    def find(self) -> None:  # type: ignore[override]  # contract name; QWidget.find is static
        """Open the find bar (Ctrl+F), prefilled with the selected text if any."""
        if self._transcript is None:
            return
        selected = self._view().textCursor().selectedText() if self._views else ""
        self.find_bar.open_bar(selected if "\u2029" not in selected else "")
        self._search(self.find_bar.field.text())

    def find_next(self) -> None:
        self._step_match(1)

    def find_previous(self) -> None:
        self._step_match(-1)

    def export_txt(self) -> Path | None:
        return self._export(TXT)

    def export_srt(self) -> Path | None:
        return self._export(SRT)

    def export_vtt(self) -> Path | None:
        return self._export(VTT)

    def export_translation(self, language: str) -> Path | None:
        """Export one translation as text (interview.es.txt)."""
        return self._export(TXT, translation=language)

    def set_save_path_chooser(self, fn: SavePathChooser) -> None:
        self._choose_save_path = fn

    def transcript_view(self) -> TextView | None:
        return self._views[0] if self._views else None

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i).replace("&", "") for i in range(self.tabs.count())]

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
        self.find_action = QAction("&Find…", self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.find)
        self.addAction(self.find_action)
        for keys, step in ((QKeySequence.StandardKey.FindNext, self.find_next),
                           (QKeySequence.StandardKey.FindPrevious, self.find_previous)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(step)
            self.addAction(action)
        self.find_button = QToolButton(self)
        self.find_button.setDefaultAction(self.find_action)
        self.find_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.find_button.setAccessibleName("Find in transcript")
        self.find_button.setToolTip("Find in the transcript (Ctrl+F)")
        self.export_button = QToolButton(self)
        self.export_button.setText("&Export")
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
        header.addWidget(self.find_button)
        header.addWidget(self.export_button)
        self.message = InlineMessage(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.find_bar.query_changed.connect(self._search)
        self.find_bar.next_requested.connect(self.find_next)
        self.find_bar.previous_requested.connect(self.find_previous)
        self.find_bar.closed.connect(self._on_find_closed)
        self.tabs = QTabWidget(self)
        self.tabs.setTabBarAutoHide(True)
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        placeholder = QLabel(PLACEHOLDER, self)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        self.placeholder = placeholder
        placeholder.setEnabled(False)  # the palette's disabled text colour: muted, theme-aware
        self.stack = QStackedWidget(self)
        self.stack.addWidget(placeholder)
        self.stack.addWidget(self.tabs)
        page = QVBoxLayout(self)
        page.addLayout(header)
        page.addWidget(self.message)
        page.addWidget(self.find_bar)
        page.addWidget(self.stack, 1)
        self.setAccessibleName("Transcript")

    def _add_tab(self, title: str, layout: TextLayout, speakers: list[str], empty: str) -> None:
        view = TextView(self.tabs)
        view.setAccessibleName(title.replace("&", ""))
        view.set_content(build_document(layout, view.palette(), self._reading_font(), speakers),
                         layout.text)
        self._contents.append((layout, speakers))
        if empty:
            view.setPlaceholderText(empty)
        if not self._views:
            view.position_clicked.connect(self._on_position_clicked)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(self._speaker_menu)
        self._views.append(view)
        self.tabs.addTab(view, title)

    def _reading_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)  # reading text: a little larger than UI text
        return font

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange) and self._views:
            self._restyle()

    def _restyle(self) -> None:
        """Re-derive speaker colours after a theme switch (light ↔ dark), keeping the place."""
        for view, (layout, speakers) in zip(self._views, self._contents, strict=True):
            scroll = view.verticalScrollBar().value()
            mark = view.current_mark()
            view.set_content(build_document(layout, self.palette(), self._reading_font(),
                                            speakers), layout.text)
            view.verticalScrollBar().setValue(scroll)
            if mark is not None:
                view.mark_current(*mark, scroll=False)
        if self.find_bar.isVisible():
            self._search(self.find_bar.field.text())

    def _add_text_tab(self, title: str, text: str) -> None:
        self._add_tab(title, TextLayout(text=text), [], "")

    # -- reactions ------------------------------------------------------------------------
    def _on_position_clicked(self, position: int) -> None:
        t = self._transcript
        if t is None:
            return
        span = self._layout.span_at(position)
        if span is not None:
            word = t.words[self._layout.word_indexes[span]]
            self._current_span = span
            self._views[0].mark_current(self._layout.word_starts[span],
                                        self._layout.word_ends[span], scroll=False)
            self.word_clicked.emit(float(word.start))
            return
        header = self._layout.header_at(position)
        if header is not None:
            self.word_clicked.emit(float(header.seconds))

    def speaker_at(self, position: int) -> str | None:
        """The speaker of the transcript paragraph at ``position`` (None if undiarized)."""
        header = self._layout.header_at(position)
        t = self._transcript
        if header is None or t is None or not t.is_diarized or header.speaker in ("", "UU"):
            return None
        return header.speaker

    def _speaker_menu(self, point: QPoint) -> None:
        view = self._views[0]
        menu = view.createStandardContextMenu(point)
        speaker = self.speaker_at(view.cursorForPosition(point).position())
        if speaker is not None and self._transcript is not None:
            menu.addSeparator()
            name = self._transcript.speaker_name(speaker)
            action = menu.addAction(f"Remember this voice ({name}) as…")
            action.setStatusTip("Keep this voice so later jobs name the speaker by themselves")
            action.triggered.connect(lambda: self.remember_voice_requested.emit(speaker))
        # createStandardContextMenu gives Python the ownership: keep it until the next menu
        # (WA_DeleteOnClose would delete it under Python and crash later, at garbage collection).
        self._context_menu = menu
        menu.popup(view.viewport().mapToGlobal(point))

    def _on_tab_changed(self, _index: int) -> None:
        if self.find_bar.isVisible():
            self._search(self.find_bar.field.text())

    def _on_find_closed(self) -> None:
        for view in self._views:
            view.mark_matches([], 0)
        self._matches, self._match_index = [], -1
        if self._views:
            self._view().setFocus()

    def _view(self) -> TextView:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, TextView) else self._views[0]

    def _search(self, text: str) -> None:
        if not self._views:
            return
        view = self._view()
        self._matches = view.find_all(text)
        view.mark_matches(self._matches, len(text.encode("utf-16-le")) // 2)
        self._match_index = -1
        if self._matches:
            self._step_match(1)
        else:
            self.find_bar.set_count(0, 0)

    def _step_match(self, step: int) -> None:
        if not self._matches:
            return
        self._match_index = (self._match_index + step) % len(self._matches)
        start = self._matches[self._match_index]
        length = len(self.find_bar.field.text().encode("utf-16-le")) // 2
        self._view().select_range(start, start + length)
        self.find_bar.set_count(self._match_index + 1, len(self._matches))

    def match_status(self) -> str:
        return self.find_bar.count.text()

    # -- export ---------------------------------------------------------------------------
    def _export(self, fmt: ExportFormat, translation: str | None = None) -> Path | None:
        t = self._transcript
        if t is None:
            return None
        default = default_export_path(self._source_path, self._title, fmt, tag=translation or "")
        what = f"{language_name(translation)} translation" if translation else fmt.label
        chosen = self._choose_save_path(f"Export {what}", str(default), fmt.file_filter)
        if not chosen:
            return None
        path = with_suffix(chosen, fmt)
        text = render(t, fmt, self.export_menu.choices(self._srt, translation))
        try:
            write_export(path, text)
        except ExportError as exc:
            self.message.show_message(str(exc), Level.ERROR)
            self.status_message.emit(str(exc))
            return None
        self.message.clear()
        self.status_message.emit(f"Exported to {path}")
        return path

    def _ask_save_path(self, title: str, default: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, title, default, file_filter)
        return path or None

    @staticmethod
    def _describe(t: Transcript) -> str:
        parts = []
        if t.duration:
            parts.append(format_duration(t.duration))
        if t.language:
            parts.append(language_name(t.language))
        speakers = [s for s in t.speakers() if s != "UU"]
        if len(speakers) > 1:
            parts.append(f"{len(speakers)} speakers")
        return " · ".join(parts)
