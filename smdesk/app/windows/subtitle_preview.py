"""The export dialog's subtitle preview: the checker's verdict and the cues as they will be written.

Renders a ``core.export.preview.SubtitlePreview`` (computed by SubtitlePreviewController) and
emits intents: ``language_changed`` (original or a translation), ``link_activated(href)`` (a
cue number in the verdict: go to its word), ``expanded_changed``. Problem cues are marked with
"⚠" and the rule they break in words, never by colour alone. A double-click (or Enter) on a
cue in the list goes to it in the transcript too, also for the cues the verdict leaves out
("… and 9 more"). Collapsible, so the dialog stays usable on a small screen.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeyEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smdesk.core.export.preview import SubtitlePreview
from smdesk.core.languages import language_name

UPDATING = "Updating…"
ORIGINAL = ""  # the language combo's value for the transcript's own words


def linked_check(job_id: int, summary: str, places: dict[int, int | None]) -> str:
    """The checker's sentence ("3 cues read too fast: 12, 40, 77; …") as rich text, each listed
    cue number linking to its first word in the transcript (``word:<job>:<index>:<cue>``)."""
    def link(token: str) -> str:
        word = places.get(int(token)) if token.isdigit() else None
        if word is None:
            return html.escape(token)
        return f'<a href="word:{job_id}:{word}:{token}">{token}</a>'

    clauses = []
    for clause in summary.split("; "):
        head, colon, listed = clause.partition(": ")
        if not colon:
            clauses.append(html.escape(clause))
            continue
        numbers = ", ".join(link(n) for n in listed.split(", "))
        clauses.append(f"{html.escape(head)}: {numbers}")
    return "; ".join(clauses)


class CueList(QPlainTextEdit):
    """The read-only list of cues; ``line_activated(line)`` on a double-click or Enter."""

    line_activated = Signal(int)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseDoubleClickEvent(event)
        self.line_activated.emit(self.cursorForPosition(event.position().toPoint()).blockNumber())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.line_activated.emit(self.textCursor().blockNumber())
            return
        super().keyPressEvent(event)


class SubtitlePreviewPanel(QWidget):
    language_changed = Signal()
    link_activated = Signal(str)
    expanded_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton(self)
        self.toggle.setText("Subtitle pre&view")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolTip("Show or hide the subtitles as they will be written")
        self.toggle.toggled.connect(self._toggled)
        self.language = QComboBox(self)
        self.language.setAccessibleName("Preview language")
        self.language.addItem("Original", ORIGINAL)
        self.language.currentIndexChanged.connect(self.language_changed)
        self.status = QLabel(self)
        self.status.setAccessibleName("Preview status")
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setAccessibleName("Subtitle check")
        self.verdict.linkActivated.connect(self._link)
        self._cue_lines: list[int] = []  # the line where each cue shown starts
        self._shown: tuple[int, SubtitlePreview] | None = None  # job id, what the list shows
        self.cues = CueList(self)
        self.cues.setReadOnly(True)
        self.cues.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.cues.line_activated.connect(self._line_activated)
        self.cues.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.cues.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.cues.setAccessibleName("Subtitles as they will be written")
        self.cues.setMinimumHeight(80)
        top = QHBoxLayout()
        top.addWidget(self.toggle)
        top.addWidget(self.language)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.verdict)
        layout.addWidget(self.cues, 1)

    # -- state ----------------------------------------------------------------------------
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def chosen_language(self) -> str | None:
        """None: the original words; else a translation's language code."""
        code = str(self.language.currentData() or "")
        return code or None

    def set_languages(self, codes: Sequence[str]) -> None:
        """The translations the preview can show (the current one kept if still offered)."""
        current = self.chosen_language() or ORIGINAL
        self.language.blockSignals(True)
        self.language.clear()
        self.language.addItem("Original", ORIGINAL)
        for code in codes:
            self.language.addItem(language_name(code), code)
        index = self.language.findData(current)
        self.language.setCurrentIndex(max(index, 0))
        self.language.blockSignals(False)
        self.language.setVisible(bool(codes))
        if index < 0 and current:
            self.language_changed.emit()

    def set_updating(self) -> None:
        self.status.setText(UPDATING)
        self.cues.setEnabled(False)  # what it shows is about to change (said in the status)

    def show_message(self, text: str) -> None:
        """Nothing to preview, and why (one sentence)."""
        self.status.setText("")
        self.verdict.setText(html.escape(text))
        self.cues.setPlainText("")
        self._cue_lines = []
        self._shown = None

    def show_preview(self, job_id: int, preview: SubtitlePreview, preset: str,
                     file_name: str) -> None:
        count = len(preview.cues)
        self.status.setText(f"{file_name}: {count} subtitle{'s' if count != 1 else ''}")
        check = preview.check
        verdict = linked_check(job_id, check.summary, check.places)
        self.verdict.setText(f"{html.escape(preset)}: {verdict}")
        self._cue_lines = list(preview.cue_lines)
        self._shown = (job_id, preview)
        scroll = self.cues.verticalScrollBar().value()
        self.cues.setPlainText(preview.text)  # laid out on the worker: only this is UI time
        self.cues.verticalScrollBar().setValue(scroll)  # keep the place while rules change
        self.cues.setEnabled(True)

    def scroll_to_cue(self, number: int) -> None:
        """Put cue ``number`` (1-based) at the top of the list and select its heading."""
        if not 1 <= number <= len(self._cue_lines):
            return
        block = self.cues.document().findBlockByNumber(self._cue_lines[number - 1])  # no wrapping
        cursor = QTextCursor(block)
        cursor.select(QTextCursor.SelectionType.LineUnderCursor)
        self.cues.setTextCursor(cursor)
        bar = self.cues.verticalScrollBar()
        bar.setValue(min(self._cue_lines[number - 1], bar.maximum()))

    def _line_activated(self, line: int) -> None:
        """Go to the cue at ``line`` of the list, as its link in the verdict would."""
        if self._shown is None or not self._cue_lines:
            return
        number = bisect.bisect_right(self._cue_lines, line)  # 1-based: the cue that line is in
        job_id, preview = self._shown
        word = preview.cues[number - 1].first_word if number >= 1 else None
        if word is not None:
            self._link(f"word:{job_id}:{word}:{number}")

    def _link(self, href: str) -> None:
        parts = href.split(":")
        if len(parts) == 4 and parts[3].isdigit():
            self.scroll_to_cue(int(parts[3]))
        self.link_activated.emit(href)

    def _toggled(self, expanded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.cues.setVisible(expanded)
        self.verdict.setVisible(expanded)
        self.language.setEnabled(expanded)
        self.expanded_changed.emit(expanded)
