"""Where the reader is in the pane: the word being played, and what a click on the text does.

Follow-along marks the word being spoken and scrolls with it while ``following`` (scrolling by
hand turns that off); a click on a word shows its time and, while reading (or with Ctrl while
editing), seeks there; a click on a paragraph's time seeks to its first word, one on a speaker's
name opens the name editor. The pane keeps the public methods and delegates here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smdesk.app.transcript.pane_text import word_info
from smdesk.core.edits import Change

if TYPE_CHECKING:
    from smdesk.app.transcript.pane import TranscriptPane


class ReadingFlow:
    def __init__(self, pane: TranscriptPane) -> None:
        self._pane = pane
        self.current: int | None = None  # the word marked as being spoken
        self.info_word: int | None = None  # the word the time line describes
        self.following = True

    def reset(self) -> None:
        self.current = None
        self.info_word = None

    def highlight_word(self, index: int | None) -> None:
        doc = self._pane.document()
        if index == self.current or doc is None:
            return
        self.current = index
        if index is None:
            doc.view.clear_current()
        else:
            doc.mark_word(index, scroll=self.following)

    def highlight_time(self, seconds: float) -> None:
        t = self._pane.transcript()
        if t is not None:
            self.highlight_word(t.word_index_at(seconds))

    def scroll_to_word(self, index: int) -> None:
        doc = self._pane.document()
        found = doc.word_range(index) if doc is not None else None
        if found is not None and doc is not None:
            doc.view.scroll_to(found[0])

    def show_word(self, index: int) -> None:
        """Reveal and select word ``index`` and focus the text (subtitle checker, navigator)."""
        pane, doc = self._pane, self._pane.document()
        found = doc.word_range(index) if doc is not None else None
        if found is None or doc is None:
            return
        pane.tabs.setCurrentWidget(doc.view)
        doc.view.select_range(*found)
        doc.view.setFocus()
        self.show_word_info(index)

    def set_following(self, following: bool) -> None:
        pane = self._pane
        changed = following != self.following
        self.following = following
        pane.header.follow_button.setChecked(following)
        if following and self.current is not None:
            self.scroll_to_word(self.current)
        if changed:
            pane.following_changed.emit(following)

    def clicked(self, position: int, ctrl: bool) -> None:
        pane, doc = self._pane, self._pane.document()
        if doc is None:
            return
        header = doc.header_hit(position)
        if header is not None:
            paragraph, on_name = header
            if on_name and pane.session() is not None:
                pane.speaker_flow.open_name_editor(pane.name_editor, paragraph)
                return
            first = doc.paragraph_first_word(paragraph)
            if first is not None:
                self.show_word_info(first)
                pane.word_activated.emit(first)
            return
        word = doc.word_at(position)
        if word is None:
            return
        word = self._spoken(word)
        self.show_word_info(word)
        if ctrl or not pane.editing():
            self.current = word
            doc.mark_word(word, scroll=False)
            pane.word_activated.emit(word)

    def _spoken(self, index: int) -> int:
        """The word a click on punctuation means: the word it belongs to (a click after
        "park." told the full stop's time, "“.” at 00:20.3 (until 00:20.3)")."""
        t = self._pane.transcript()
        if t is None or not t.words[index].is_punctuation:
            return index
        paragraph = t.paragraph_index_of(index)
        steps = (1, -1) if t.words[index].attaches_to == "next" else (-1, 1)  # "¿" of "¿Qué"
        for step in steps:
            other = index + step
            while 0 <= other < len(t.words) and t.words[other].is_punctuation:
                other += step
            if 0 <= other < len(t.words) and t.paragraph_index_of(other) == paragraph:
                return other
        return index

    def show_word_info(self, index: int) -> None:
        t = self._pane.transcript()
        if t is not None:
            self.info_word = index
            self._pane.word_label.setText(word_info(t, index, self._pane.document()))

    def edited(self, change: Change) -> None:
        """An edit may have changed the described word: describe it again, or say nothing once
        words were added or removed before it (its index now names another word)."""
        index, t = self.info_word, self._pane.transcript()
        if index is None or t is None or index < change.first_word:
            return
        if change.word_delta == 0 and index <= change.last_word:
            self.show_word_info(index)
        elif change.word_delta != 0:
            self.info_word = None
            self._pane.word_label.clear()
