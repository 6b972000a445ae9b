"""The text of a transcript view, paragraph by paragraph, and the maps between text and words.

Pure Python (no Qt), so it is cheap for a 3-hour transcript and easy to test. The document has
three blocks per paragraph: a header ("Speaker 1  01:02:03"), the body text, a blank line. So
QTextBlock ``3p`` is paragraph ``p``'s header and ``3p + 1`` its body; token spans are relative
to the body block, which is what lets an edit re-render one paragraph without touching the rest.
Spans count Python characters; :func:`to_qt`/:func:`from_qt` convert a block's offsets to the
UTF-16 units QTextDocument counts (an emoji is one Python character but two Qt positions).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from smdesk.core.formatting import format_timestamp
from smdesk.core.transcript import Paragraph, Transcript

HEADER_GAP = "  "
BLOCKS_PER_PARAGRAPH = 3
HEADER, BODY, GAP = 0, 1, 2


@dataclass(slots=True)
class ParagraphView:
    """One paragraph as shown: who (``name`` empty when nobody is named), when, and the text.

    Token ``i`` is word ``first + i`` of the transcript and spans ``starts[i]..ends[i]``.
    """

    speaker: str
    name: str
    seconds: float
    stamp: str
    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    @property
    def header(self) -> str:
        return f"{self.name}{HEADER_GAP}{self.stamp}" if self.name else self.stamp

    def token_at(self, offset: int) -> int | None:
        """The token under body ``offset``, or the nearest one before it (None before any)."""
        found = bisect.bisect_right(self.starts, offset) - 1
        return found if found >= 0 else None


@dataclass(slots=True)
class DocLayout:
    """Every paragraph of one view; ``firsts[p]`` is paragraph p's first word (-1: no words)."""

    paragraphs: list[ParagraphView] = field(default_factory=list)
    firsts: list[int] = field(default_factory=list)
    hours: bool = False

    def text(self) -> str:
        """The whole document text (each paragraph: header, body, blank line)."""
        return "".join(f"{p.header}\n{p.text}\n\n" for p in self.paragraphs)

    def paragraph_of_word(self, word: int) -> int | None:
        index = bisect.bisect_right(self.firsts, word) - 1
        if index < 0 or self.firsts[index] < 0:
            return None
        return index if word - self.firsts[index] < len(self.paragraphs[index].starts) else None

    def locate(self, word: int) -> tuple[int, int, int] | None:
        """(paragraph, start, end) of ``word`` in its body block, or None if not shown."""
        p = self.paragraph_of_word(word)
        if p is None:
            return None
        token = word - self.firsts[p]
        view = self.paragraphs[p]
        return p, view.starts[token], view.ends[token]

    def word_at(self, paragraph: int, offset: int) -> int | None:
        """The word under ``offset`` of ``paragraph``'s body (or the nearest before it)."""
        if not 0 <= paragraph < len(self.paragraphs) or self.firsts[paragraph] < 0:
            return None
        token = self.paragraphs[paragraph].token_at(offset)
        return None if token is None else self.firsts[paragraph] + token


def block_role(block_number: int) -> tuple[int, int]:
    """(paragraph, HEADER | BODY | GAP) of a document block."""
    return divmod(block_number, BLOCKS_PER_PARAGRAPH)


def paragraph_view(transcript: Transcript, paragraph: Paragraph, *, named: bool,
                   hours: bool) -> ParagraphView:
    text, spans = transcript.paragraph_text(paragraph)
    name = transcript.speaker_name(paragraph.speaker) if named else ""
    return ParagraphView(paragraph.speaker, name, paragraph.start,
                         format_timestamp(paragraph.start, always_hours=hours), text,
                         [start for _, start, _ in spans], [end for _, _, end in spans])


def shows_names(transcript: Transcript) -> bool:
    """Name the speakers only when the transcript was diarized (no "Unknown speaker" header)."""
    return transcript.is_diarized


def transcript_layout(transcript: Transcript) -> DocLayout:
    hours = transcript.duration >= 3600
    named = shows_names(transcript)
    paragraphs = transcript.paragraphs()
    return DocLayout([paragraph_view(transcript, p, named=named, hours=hours) for p in paragraphs],
                     [p.first for p in paragraphs], hours)


def translation_layout(transcript: Transcript, language: str) -> DocLayout:
    """Translated sentences grouped into one paragraph per consecutive speaker (no word map)."""
    hours = transcript.duration >= 3600
    named = shows_names(transcript)
    layout = DocLayout(hours=hours)
    current: list[str] = []
    speaker: str | None = None
    start = 0.0

    def close() -> None:
        name = transcript.speaker_name(speaker) if speaker and named else ""
        layout.paragraphs.append(ParagraphView(
            speaker or "", name, start, format_timestamp(start, always_hours=hours),
            " ".join(s for s in current if s)))
        layout.firsts.append(-1)

    for segment in transcript.translations.get(language, []):
        if current and segment.speaker != speaker:
            close()
            current = []
        if not current:
            speaker, start = segment.speaker, segment.start
        current.append(segment.text.strip())
    if current:
        close()
    return layout


def to_qt(text: str, offset: int) -> int:
    """A Python-character offset in ``text`` as a UTF-16 offset (what Qt counts)."""
    if text.isascii():
        return offset
    return offset + sum(1 for ch in text[:offset] if ord(ch) > 0xFFFF)


def from_qt(text: str, offset: int) -> int:
    """A UTF-16 offset in ``text`` as a Python-character offset."""
    if text.isascii():
        return offset
    units = 0
    for index, ch in enumerate(text):
        if units >= offset:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def typed_edit(old: str, starts: Sequence[int], ends: Sequence[int],
               new: str) -> tuple[int, int, str] | None:
    """Map a paragraph body edited in place (``old`` → ``new``) to a token replacement.

    Returns (first token, last token, their new text): every token touching the changed
    characters, widened to whole tokens, so the core's token diff sees complete words. None when
    nothing changed or the paragraph has no tokens.
    """
    if old == new or not starts:
        return None
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    changed_start, changed_end = prefix, len(old) - suffix
    first = bisect.bisect_left(ends, changed_start)  # first token ending at/after the change
    last = bisect.bisect_right(starts, changed_end) - 1  # last token starting at/before its end
    first = min(first, len(starts) - 1)
    last = max(last, first)
    start, end = min(starts[first], changed_start), max(ends[last], changed_end)
    replacement = new[start:end + len(new) - len(old)]
    return first, last, replacement
