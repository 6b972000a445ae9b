"""Typing into the transcript becomes edits of the word model, through the open session.

The view reports *which* paragraph changed; :func:`layout.typed_edit` works out *which words*
and their new text; the session (smdesk/app/controllers/transcript_session.py, owned by the
editing-core work) applies the edit on its QUndoStack and signals ``changed(Change)``, after
which the document re-renders the touched paragraphs. When an edit is refused (one sentence
from core's EditError) the paragraph goes back to what the model says.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from smdesk.app.transcript.document import TranscriptDocument
from smdesk.app.transcript.layout import from_qt, typed_edit
from smdesk.app.transcript.text_view import TextView


class EditSession(Protocol):
    """What the pane needs from a TranscriptSession (duck-typed, so tests can use the real one)."""

    def replace_text(self, first: int, last: int, text: str) -> object: ...
    def split_paragraph(self, at: int) -> object: ...
    def join_paragraphs(self, paragraph: int) -> object: ...


class EditBridge(QObject):
    """Connects a TextView's edit intents to a session; ``message(str)`` explains refusals."""

    message = Signal(str)

    def __init__(self, document: TranscriptDocument, view: TextView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.view = view
        self.session: Any = None
        view.body_edited.connect(self.paragraph_typed)
        view.split_requested.connect(self.split_at)
        view.join_requested.connect(self.join_with_next)
        view.refused.connect(self.message)
        view.reset_requested.connect(document.rebuild)

    def bind(self, session: Any) -> None:
        self.session = session
        self.view.set_editable(session is not None)

    # -- intents --------------------------------------------------------------------------
    def paragraph_typed(self, p: int) -> None:
        doc = self.document
        if self.session is None or p >= len(doc.layout.paragraphs):
            return
        shown = doc.body_offsets(p)[1]
        before = doc.layout.paragraphs[p]
        first = doc.layout.firsts[p]
        edit = typed_edit(before.text, before.starts, before.ends, shown)
        if edit is None or first < 0:
            doc.refresh_paragraph(p)
            return
        token_first, token_last, text = edit
        count = len(doc.layout.paragraphs)
        if self._call("replace_text", first + token_first, first + token_last, text) and (
                len(doc.layout.paragraphs) == count):
            doc.refresh_paragraph(p)  # also when the model did not change (spacing only)

    def replace_many(self, p: int, ranges: list[tuple[int, int]], text: str) -> bool:
        """Replace body character ranges (Python offsets, sorted) of paragraph p with ``text``
        in one edit (Find and Replace)."""
        doc = self.document
        before = doc.layout.paragraphs[p]
        first = doc.layout.firsts[p]
        if self.session is None or first < 0 or not ranges:
            return False
        parts: list[str] = []
        last = 0
        for start, end in ranges:
            parts.append(before.text[last:start])
            parts.append(text)
            last = end
        parts.append(before.text[last:])
        edit = typed_edit(before.text, before.starts, before.ends, "".join(parts))
        if edit is None:
            return False
        token_first, token_last, replacement = edit
        return self._call("replace_text", first + token_first, first + token_last, replacement)

    def split_at(self, p: int, qt_offset: int) -> None:
        doc = self.document
        if self.session is None or doc.layout.firsts[p] < 0:
            return
        view = doc.layout.paragraphs[p]
        offset = from_qt(doc.body_offsets(p)[1], qt_offset)
        token = next((i for i, start in enumerate(view.starts) if start >= offset), None)
        if token is None or token == 0:
            where = "end" if token is None else "start"
            self.message.emit(f"The cursor is at the {where} of the paragraph: put it before "
                              "the word that should start the new paragraph.")
            return
        self._call("split_paragraph", doc.layout.firsts[p] + token)

    def join_with_next(self, p: int) -> None:
        if self.session is not None and p + 1 < len(self.document.layout.paragraphs):
            self._call("join_paragraphs", p)

    def _call(self, name: str, *args: object) -> bool:
        """Call a session intent; a refused edit (ValueError/EditError) puts the text back."""
        try:
            getattr(self.session, name)(*args)
        except ValueError as exc:
            self.message.emit(str(exc))
            self.document.rebuild()
            return False
        return True
