"""The text of a transcript view and the maps between characters, words and times.

Pure Python (no Qt) so it is cheap to build for a 3-hour transcript and easy to test. The
document is one string: per paragraph a header line ("Speaker 1  01:02:03"), the paragraph text,
then a blank line. Offsets are converted to UTF-16 code units at the end, because that is how
QTextDocument counts positions (an emoji is one Python character but two Qt positions).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from smdesk.core.formatting import format_timestamp
from smdesk.core.transcript import Transcript

HEADER_GAP = "  "


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph to show: who, when, the text and its word spans (paragraph-relative)."""

    speaker: str
    name: str
    start: float
    text: str
    spans: Sequence[tuple[int, int, int]] = ()


@dataclass(frozen=True, slots=True)
class Header:
    speaker: str
    start: int  # document position of the name
    name_end: int
    end: int  # end of the timestamp
    seconds: float
    text_end: int  # end of the paragraph body: header clicks and body clicks map to this block


@dataclass(slots=True)
class TextLayout:
    text: str = ""
    headers: list[Header] = field(default_factory=list)
    header_starts: list[int] = field(default_factory=list)
    word_starts: list[int] = field(default_factory=list)  # sorted document positions
    word_ends: list[int] = field(default_factory=list)
    word_indexes: list[int] = field(default_factory=list)  # Transcript.words index per span
    # highlight by time: start times (sorted) and the span number each belongs to
    times: list[float] = field(default_factory=list)
    time_spans: list[int] = field(default_factory=list)

    def span_at(self, position: int) -> int | None:
        """The span under ``position``, or the nearest span before it in the same paragraph."""
        found = bisect.bisect_right(self.word_starts, position) - 1
        if found < 0:
            return None
        header = self.header_at(position)
        if header is not None and self.word_starts[found] < header.start:
            return None  # in a header (or before any word of this paragraph)
        return found

    def header_at(self, position: int) -> Header | None:
        """The paragraph (header + body) containing ``position``."""
        index = bisect.bisect_right(self.header_starts, position) - 1
        return self.headers[index] if index >= 0 else None

    def span_for_time(self, seconds: float) -> int | None:
        """The last spoken word starting at or before ``seconds`` (None before the first)."""
        found = bisect.bisect_right(self.times, seconds) - 1
        return self.time_spans[found] if found >= 0 else None


def build_layout(blocks: Iterable[Block], *, spoken: Sequence[bool] | None = None,
                 word_times: Sequence[float] | None = None, hours: bool = False) -> TextLayout:
    """Lay out ``blocks``; ``spoken``/``word_times`` (per transcript word) enable time mapping.

    ``hours``: write every timestamp as h:mm:ss, so a long file's stamps line up."""
    layout = TextLayout()
    parts: list[str] = []
    position = 0
    for block in blocks:
        stamp = format_timestamp(block.start, always_hours=hours)
        header_line = f"{block.name}{HEADER_GAP}{stamp}"
        header_start = position
        name_end = position + len(block.name)
        body_start = position + len(header_line) + 1
        for word_index, start, end in block.spans:
            layout.word_starts.append(body_start + start)
            layout.word_ends.append(body_start + end)
            layout.word_indexes.append(word_index)
        parts.append(header_line)
        parts.append(block.text)
        parts.append("")
        text_end = body_start + len(block.text)
        layout.headers.append(Header(block.speaker, header_start, name_end,
                                     header_start + len(header_line), block.start, text_end))
        position = text_end + 2  # "\n" after the body and the blank line's "\n"
    layout.text = "\n".join(parts).rstrip("\n")
    layout.header_starts = [h.start for h in layout.headers]
    if word_times is not None and spoken is not None:
        _index_times(layout, spoken, word_times)
    _to_utf16(layout)
    return layout


def _index_times(layout: TextLayout, spoken: Sequence[bool], word_times: Sequence[float]) -> None:
    pairs = [(word_times[w], span) for span, w in enumerate(layout.word_indexes) if spoken[w]]
    if any(pairs[i][0] > pairs[i + 1][0] for i in range(len(pairs) - 1)):
        pairs.sort()
    layout.times = [t for t, _ in pairs]
    layout.time_spans = [s for _, s in pairs]


def _to_utf16(layout: TextLayout) -> None:
    if layout.text.isascii():
        return
    astral = [i for i, ch in enumerate(layout.text) if ord(ch) > 0xFFFF]
    if not astral:
        return

    def shift(position: int) -> int:
        return position + bisect.bisect_left(astral, position)

    layout.word_starts = [shift(p) for p in layout.word_starts]
    layout.word_ends = [shift(p) for p in layout.word_ends]
    layout.headers = [Header(h.speaker, shift(h.start), shift(h.name_end), shift(h.end),
                             h.seconds, shift(h.text_end)) for h in layout.headers]
    layout.header_starts = [h.start for h in layout.headers]


def transcript_blocks(transcript: Transcript) -> list[Block]:
    """One block per speaker turn, named as the transcript names its speakers."""
    blocks: list[Block] = []
    for paragraph in transcript.paragraphs():
        text, spans = transcript.paragraph_text(paragraph)
        name = transcript.speaker_name(paragraph.speaker)
        blocks.append(Block(paragraph.speaker, name, paragraph.start, text, spans))
    return blocks


def translation_blocks(transcript: Transcript, language: str) -> list[Block]:
    """Translated sentences grouped into one block per consecutive speaker."""
    blocks: list[Block] = []
    current: list[str] = []
    speaker: str | None = None
    start = 0.0
    for segment in transcript.translations.get(language, []):
        if current and segment.speaker != speaker:
            blocks.append(_translation_block(transcript, speaker, start, current))
            current = []
        if not current:
            speaker, start = segment.speaker, segment.start
        current.append(segment.text.strip())
    if current:
        blocks.append(_translation_block(transcript, speaker, start, current))
    return blocks


def _translation_block(transcript: Transcript, speaker: str | None, start: float,
                       sentences: list[str]) -> Block:
    name = transcript.speaker_name(speaker) if speaker else "Translation"
    return Block(speaker or "", name, start, " ".join(s for s in sentences if s))


def transcript_layout(transcript: Transcript) -> TextLayout:
    words = transcript.words
    spoken = [w.kind != "punctuation" for w in words]
    times = [w.start for w in words]
    return build_layout(transcript_blocks(transcript), spoken=spoken, word_times=times,
                        hours=transcript.duration >= 3600)
