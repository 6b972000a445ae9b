"""Speaker intents from the text and the speakers list, turned into session edits: rename (from
the inline name editor or the list), merge, and give a paragraph or a selection to a speaker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QTextCursor

from smdesk.app.transcript.document import TranscriptDocument
from smdesk.app.transcript.layout import BLOCKS_PER_PARAGRAPH, HEADER
from smdesk.app.transcript.speakers import NameEditor

Refused = Callable[[str], None]


class SpeakerFlow:
    def __init__(self, refused: Refused) -> None:
        self.session: Any = None
        self.doc: TranscriptDocument | None = None
        self.editor: NameEditor | None = None  # the text's inline name editor
        self._refused = refused

    def rename(self, speaker: str, name: str) -> None:
        self._call("rename_speaker", speaker, name)

    def merge(self, source: str, into: str) -> None:
        self._call("merge_speakers", source, into)

    def give(self, speaker: str | None, *, whole_paragraph: bool) -> None:
        """Give the selected words (or the caret's paragraph) to ``speaker`` (None: new)."""
        doc = self.doc
        words = doc.selected_words() if doc is not None else None
        if doc is None or words is None or doc.transcript is None:
            return
        first, last = words
        if whole_paragraph:
            t = doc.transcript
            paragraph = t.paragraphs()[t.paragraph_index_of(first)]
            first, last = paragraph.first, paragraph.last
        if self._call("give_to_speaker", first, last, speaker) and speaker is None:
            self._name_new_speaker(first)

    def _name_new_speaker(self, first: int) -> None:
        """A new speaker is called "Speaker N": open the name editor on it at once, as if its
        name had been clicked (Escape keeps "Speaker N")."""
        doc, editor = self.doc, self.editor
        if doc is None or editor is None or doc.transcript is None:
            return
        paragraph = doc.transcript.paragraph_index_of(first)
        if 0 <= paragraph < len(doc.layout.paragraphs):
            self.open_name_editor(editor, paragraph)

    def open_name_editor(self, editor: NameEditor, paragraph: int) -> None:
        """The inline editor over paragraph ``paragraph``'s speaker name."""
        doc = self.doc
        if doc is None or self.session is None:
            return
        view = doc.layout.paragraphs[paragraph]
        block = doc.view.document().findBlockByNumber(paragraph * BLOCKS_PER_PARAGRAPH + HEADER)
        rect = doc.view.cursorRect(QTextCursor(block))
        rect.setWidth(doc.view.fontMetrics().horizontalAdvance(view.name) + 12)
        editor.open_at(rect, view.speaker, view.name)

    def _call(self, name: str, *args: object) -> bool:
        """Run the session's edit; whether it was applied."""
        if self.session is None:
            return False
        try:
            return bool(getattr(self.session, name)(*args))
        except ValueError as exc:  # a session that raises instead of signalling refused(str)
            self._refused(str(exc))
            return False
