"""The transcript tab's document: a TextView showing a Transcript, kept in step with its edits.

Owns the DocLayout (paragraph ↔ block map) and the character formats, answers "which word is at
this position / where is word n", and re-renders only the paragraphs a core ``Change`` touched
(a keystroke rewrites one block; a split, join or speaker change rebuilds, keeping the place).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtGui import QFont, QPalette, QTextCursor

from smdesk.app.transcript.layout import (
    BLOCKS_PER_PARAGRAPH,
    BODY,
    HEADER,
    DocLayout,
    ParagraphView,
    block_role,
    from_qt,
    paragraph_view,
    shows_names,
    to_qt,
    transcript_layout,
)
from smdesk.app.transcript.render import (
    Formats,
    body_block,
    make_qt_document,
    rerender_paragraph,
    speaker_order,
)
from smdesk.app.transcript.text_view import TextView
from smdesk.core.transcript import UNCERTAIN_THRESHOLD, Transcript
from smdesk.core.words import PUNCTUATION

DEFAULT_THRESHOLD = UNCERTAIN_THRESHOLD  # below it a word is "to check" (adjustable in the bar)


class TranscriptDocument:
    def __init__(self, view: TextView) -> None:
        self.view = view
        self.transcript: Transcript | None = None
        self.layout = DocLayout()
        self.threshold = DEFAULT_THRESHOLD
        self._formats: Formats | None = None
        self._font = QFont()

    # -- building -------------------------------------------------------------------------
    def show(self, transcript: Transcript, palette: QPalette, font: QFont) -> None:
        self.transcript = transcript
        self._font = font
        self._build(palette)

    def restyle(self, palette: QPalette, font: QFont) -> None:
        """Re-derive colours after a theme switch (light ↔ dark), keeping the place."""
        self._font = font
        self.rebuild(palette)

    def rebuild(self, palette: QPalette | None = None) -> None:
        """Render everything again, keeping the scroll position, caret and current mark."""
        if self.transcript is None:
            return
        view = self.view
        scroll = view.verticalScrollBar().value()
        cursor = view.textCursor()
        block_place = (cursor.blockNumber(), cursor.block().text(), cursor.positionInBlock())
        caret = self._caret_word()
        count = len(self.layout.paragraphs)
        mark = view.current_mark()
        marked = self.word_at(mark[0]) if mark is not None else None
        self._build(palette or (self._formats.palette if self._formats else view.palette()))
        if len(self.layout.paragraphs) == count:  # same blocks: the caret stays in its block
            self._restore_in_block(*block_place)
        elif caret is not None:
            self._restore_caret(*caret)
        view.verticalScrollBar().setValue(scroll)
        if marked is not None:
            self.mark_word(marked, scroll=False)

    def _build(self, palette: QPalette) -> None:
        t = self.transcript
        assert t is not None
        self.layout = transcript_layout(t)
        self._formats = Formats(palette, speaker_order(self.layout, t.speakers()))
        document = make_qt_document(self.layout, self._formats, self._font, self.is_uncertain)
        with self.view.syncing():
            self.view.set_content(document)
        self.view.expected_blocks = self.blocks_expected()

    # -- keeping in step ------------------------------------------------------------------
    def refresh(self, change: Any) -> None:
        """Re-render after an edit; ``change`` is core.edits.Change (None: nothing changed)."""
        t = self.transcript
        if t is None or change is None:
            return
        paragraphs = t.paragraphs()
        touched = self._touched(change, paragraphs)
        if touched is None:
            self.rebuild()
            return
        first_p, last_p = touched
        self.layout.firsts = [p.first for p in paragraphs]
        for p in range(first_p, last_p + 1):
            self.refresh_paragraph(p)

    def _touched(self, change: Any, paragraphs: list[Any]) -> tuple[int, int] | None:
        """The paragraphs to re-render in place, or None when the structure changed (a split,
        join, new or merged speaker, renamed speaker): then everything is rebuilt."""
        layout = self.layout
        if change.names_changed or len(paragraphs) != len(layout.paragraphs):
            return None
        first_p = self._paragraph_for(change.first_word, paragraphs)
        last_p = self._paragraph_for(max(change.first_word, change.last_word), paragraphs)
        if not change.turns_changed:
            return first_p, last_p
        delta = change.word_delta
        for p, paragraph in enumerate(paragraphs):  # O(paragraphs): cheap next to a rebuild
            if paragraph.speaker != layout.paragraphs[p].speaker:
                return None
            expected = layout.firsts[p] + (delta if p > last_p else 0)
            if not first_p <= p <= last_p and paragraph.first != expected:
                return None
        return first_p, last_p

    def refresh_paragraph(self, p: int) -> None:
        """Make block ``p`` show the model's paragraph p (keeping the caret where it was)."""
        t = self.transcript
        assert t is not None and self._formats is not None
        paragraph = t.paragraphs()[p]
        fresh = paragraph_view(t, paragraph, named=shows_names(t), hours=self.layout.hours)
        self.layout.firsts[p] = paragraph.first
        old = self.layout.paragraphs[p]
        block = body_block(self.view.document(), p)
        shown = block.text()
        header = fresh.header != old.header
        if shown != fresh.text and _non_space(shown) == _non_space(fresh.text):
            fresh = _aligned(fresh, shown)  # only spacing differs (a space just typed): keep it
        self.layout.paragraphs[p] = fresh
        caret = self.view.textCursor()
        caret_offset = caret.position() - block.position() if caret.block() == block else None
        rewrite = shown != fresh.text
        with self.view.syncing():
            rerender_paragraph(self.view.document(), p, fresh, paragraph.first, self._formats,
                               self.is_uncertain, text=rewrite, header=header)
        if rewrite and caret_offset is not None:
            self._place_caret(p, _same_place(shown, from_qt(shown, caret_offset), fresh.text))

    def _paragraph_for(self, word: int, paragraphs: list[Any]) -> int:
        word = max(0, min(word, len(self.transcript.words) - 1 if self.transcript else 0))
        low, high = 0, len(paragraphs) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if paragraphs[middle].first <= word:
                low = middle
            else:
                high = middle - 1
        return low

    # -- words and positions --------------------------------------------------------------
    def is_uncertain(self, index: int) -> bool:
        t = self.transcript
        if t is None:
            return False
        word = t.words[index]
        return (word.confidence is not None and word.confidence < self.threshold
                and word.kind != PUNCTUATION and not word.checked)

    def word_range(self, word: int) -> tuple[int, int] | None:
        """Document positions (UTF-16) of ``word``, or None if it is not shown."""
        found = self.layout.locate(word)
        if found is None:
            return None
        p, start, end = found
        block = body_block(self.view.document(), p)
        text = self.layout.paragraphs[p].text
        return block.position() + to_qt(text, start), block.position() + to_qt(text, end)

    def word_at(self, position: int) -> int | None:
        """The word at a document position (or the nearest before it in its paragraph)."""
        block = self.view.document().findBlock(position)
        p, role = block_role(block.blockNumber())
        if role != BODY or p >= len(self.layout.paragraphs):
            return None
        offset = from_qt(block.text(), position - block.position())
        return self.layout.word_at(p, offset)

    def header_hit(self, position: int) -> tuple[int, bool] | None:
        """(paragraph, on the name) when ``position`` is in a paragraph's header line."""
        block = self.view.document().findBlock(position)
        p, role = block_role(block.blockNumber())
        if role != HEADER or p >= len(self.layout.paragraphs):
            return None
        view = self.layout.paragraphs[p]
        offset = from_qt(block.text(), position - block.position())
        return p, bool(view.name) and offset <= len(view.name)

    def paragraph_first_word(self, p: int) -> int | None:
        first = self.layout.firsts[p] if 0 <= p < len(self.layout.firsts) else -1
        return first if first >= 0 else None

    def selected_words(self) -> tuple[int, int] | None:
        """First and last word of the selection (or the word at the caret)."""
        cursor = self.view.textCursor()
        first = self.word_at(cursor.selectionStart())
        end = cursor.selectionEnd() - (1 if cursor.hasSelection() else 0)
        last = self.word_at(max(cursor.selectionStart(), end))
        if first is None and last is None:
            return None
        if first is None:
            first = last
        if last is None:
            last = first
        assert first is not None and last is not None
        if cursor.hasSelection() and self.word_range(first) is not None:
            stop = (self.word_range(first) or (0, 0))[1]
            if cursor.selectionStart() >= stop and first < last:
                first += 1  # the selection starts in the gap after ``first``
        return min(first, last), max(first, last)

    def caret_word(self) -> int | None:
        return self.word_at(self.view.textCursor().position())

    def mark_word(self, word: int, *, scroll: bool = True) -> bool:
        found = self.word_range(word)
        if found is None:
            return False
        self.view.mark_current(*found, scroll=scroll)
        return True

    def body_offsets(self, p: int) -> tuple[int, str]:
        """(document position, text) of paragraph p's body block."""
        block = body_block(self.view.document(), p)
        return block.position(), block.text()

    # -- caret ----------------------------------------------------------------------------
    def _caret_word(self) -> tuple[int, int] | None:
        position = self.view.textCursor().position()
        word = self.word_at(position)
        if word is None:
            return None
        found = self.word_range(word)
        return (word, position - found[0]) if found is not None else None

    def _restore_caret(self, word: int, offset: int) -> None:
        t = self.transcript
        if t is None or not t.words:
            return
        found = self.word_range(min(word, len(t.words) - 1))
        if found is None:
            return
        cursor = QTextCursor(self.view.document())
        limit = self.view.document().characterCount() - 1
        cursor.setPosition(min(found[0] + max(offset, 0), limit))
        self.view.setTextCursor(cursor)

    def _restore_in_block(self, number: int, old_text: str, qt_offset: int) -> None:
        block = self.view.document().findBlockByNumber(number)
        if not block.isValid():
            return
        offset = _same_place(old_text, from_qt(old_text, qt_offset), block.text())
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(block.position() + to_qt(block.text(), offset))
        self.view.setTextCursor(cursor)

    def _place_caret(self, p: int, offset: int) -> None:
        block = body_block(self.view.document(), p)
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(block.position() + to_qt(block.text(), min(offset, len(block.text()))))
        self.view.setTextCursor(cursor)

    def blocks_expected(self) -> int:
        return max(1, len(self.layout.paragraphs) * BLOCKS_PER_PARAGRAPH + 1)


def _non_space(text: str) -> str:
    return "".join(text.split())


def _aligned(view: ParagraphView, shown: str) -> ParagraphView:
    """``view`` with its text as ``shown`` (same characters, other spacing) and spans moved."""
    where = [index for index, ch in enumerate(shown) if not ch.isspace()]
    rank: dict[int, int] = {}
    count = 0
    for index, ch in enumerate(view.text):
        if not ch.isspace():
            rank[index] = count
            count += 1
    starts = [where[rank[s]] if s in rank else 0 for s in view.starts]
    ends = [where[rank[e - 1]] + 1 if e - 1 in rank else s for s, e in zip(view.starts,
                                                                          view.ends, strict=True)]
    return replace(view, text=shown, starts=starts, ends=ends)


def _same_place(old: str, offset: int, new: str) -> int:
    """Where ``offset`` in ``old`` lands in ``new`` when only spacing changed around it:
    the same number of non-space characters before it."""
    seen = sum(1 for ch in old[:offset] if not ch.isspace())
    if seen == 0:
        return 0
    for index, ch in enumerate(new):
        if not ch.isspace():
            seen -= 1
            if seen == 0:
                after = index + 1
                if offset > 0 and old[offset - 1].isspace() and after < len(new) and (
                        new[after].isspace()):
                    after += 1  # the caret was after a space: stay after it
                return after
    return len(new)
