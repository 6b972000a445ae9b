"""Typing into the transcript becomes edits of the word model, through the open session.

The view reports *which* paragraph changed; :func:`layout.typed_edit` works out *which words*
and their new text; the session (smdesk/app/controllers/transcript_session.py, owned by the
editing-core work) applies the edit on its QUndoStack and signals ``changed(Change)``, after
which the document re-renders the touched paragraphs. When an edit is refused (one sentence
from core's EditError) the paragraph goes back to what the model says.
"""

from __future__ import annotations

import bisect
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
        edit = typed_edit(before.text, before.starts, before.ends,
                          _replaced(before.text, ranges, text))
        if edit is None:
            return False
        token_first, token_last, replacement = edit
        return self._call("replace_text", first + token_first, first + token_last, replacement)

    def match_spans(self, p: int, ranges: list[tuple[int, int]],
                    text: str) -> list[tuple[int, int, str]]:
        """(first word, last word, new text) for each match (body ranges of paragraph p, sorted)
        replaced by ``text``, for the session's ``replace_texts``. Only the matched words are
        rewritten: one edit from the first match to the last retyped every word between them,
        splitting entities ("12 hours" became "12" + "hours" with new times). Matches inside
        the same words are one span."""
        doc = self.document
        before, first = doc.layout.paragraphs[p], doc.layout.firsts[p]
        if first < 0 or not before.starts:
            return []
        groups: list[list[tuple[int, int]]] = []
        reach = -1  # the last token the current group touches
        for start, end in ranges:
            token_first = min(bisect.bisect_left(before.ends, start), len(before.starts) - 1)
            token_last = max(bisect.bisect_right(before.starts, end) - 1, token_first)
            if groups and token_first <= reach:
                groups[-1].append((start, end))
                reach = max(reach, token_last)
            else:
                groups.append([(start, end)])
                reach = token_last
        spans = []
        for group in groups:
            edit = typed_edit(before.text, before.starts, before.ends,
                              _replaced(before.text, group, text))
            if edit is not None:
                spans.append((first + edit[0], first + edit[1], edit[2]))
        return spans

    def replace_spans(self, spans: list[tuple[int, int, str]]) -> bool:
        """Apply ``match_spans`` of several paragraphs as one edit (one undo step)."""
        return bool(spans) and self.session is not None and self._call("replace_texts", spans)

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


def _replaced(text: str, ranges: list[tuple[int, int]], replacement: str) -> str:
    """``text`` with each of the (sorted, separate) ``ranges`` replaced."""
    parts: list[str] = []
    last = 0
    for start, end in ranges:
        parts += [text[last:start], replacement]
        last = end
    parts.append(text[last:])
    return "".join(parts)
