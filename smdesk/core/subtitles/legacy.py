"""Breaking a transcript into subtitle cues from word timings.

A cue ends at a speaker change, a sentence end, a pause longer than ``max_gap``, when it would
last longer than ``max_duration``, or when its text would not fit in ``max_lines`` lines of
``max_line_length`` characters. Lines wrap between words only (a word glued to punctuation, like
"for-sure," counts as one word); a single word longer than a line stands alone on its line.
Times are whole milliseconds, strictly increasing and never overlapping.
"""

from __future__ import annotations

from dataclasses import dataclass

from smdesk.core.text import glued_groups, join_words
from smdesk.core.transcript import Transcript
from smdesk.core.words import UNKNOWN_SPEAKER

SPEAKER_LABEL_MODES = ("change", "always", "never")
MIN_CUE_MS = 700  # short cues are stretched up to this if the next cue leaves room

# start, end (seconds), lines, speaker, first and last word index
_RawCue = tuple[float, float, list[str], str, int, int]


@dataclass(frozen=True, slots=True)
class Cue:
    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    speaker: str
    first: int  # word index range, inclusive
    last: int


@dataclass(slots=True)
class _Group:
    """Tokens written without a delimiter between them: the unit of wrapping."""

    text: str
    separator: str  # written before this group when it does not start a line
    start: float
    end: float
    sentence_end: bool
    first: int
    last: int


@dataclass(slots=True)
class _CueBuilder:
    max_line_length: int
    max_lines: int
    lines: list[str]
    first: int = -1
    last: int = -1
    start: float = 0.0
    end: float = 0.0

    def _joins_last_line(self, group: _Group, separator: str) -> bool:
        if not self.lines:
            return False
        width = len(self.lines[-1]) + len(separator) + len(group.text)
        return width <= self.max_line_length

    def fits(self, group: _Group, separator: str) -> bool:
        return self._joins_last_line(group, separator) or len(self.lines) < self.max_lines

    def add(self, group: _Group, separator: str) -> None:
        if self.first < 0:
            self.first, self.start = group.first, group.start
        if self._joins_last_line(group, separator):
            self.lines[-1] += separator + group.text
        else:
            self.lines.append(group.text)
        self.last = group.last
        self.end = max(self.end, group.end)


def _groups(transcript: Transcript, first: int, last: int) -> list[_Group]:
    words = transcript.words
    groups = []
    for group_first, group_last in glued_groups(words, first, last):
        text, _ = join_words(words, group_first, group_last, delimiter="")
        head = words[group_first]
        separator = transcript.word_delimiter
        if head.language is not None:
            separator = transcript.language_delimiters.get(head.language, separator)
        members = words[group_first : group_last + 1]
        groups.append(
            _Group(
                text=text,
                separator=separator,
                start=min(w.start for w in members),
                end=max(w.end for w in members),
                sentence_end=any(w.is_eos for w in members),
                first=group_first,
                last=group_last,
            )
        )
    return groups


def _label_speakers(transcript: Transcript, mode: str) -> bool:
    if mode not in SPEAKER_LABEL_MODES:
        raise ValueError(f"Speaker labels must be one of {', '.join(SPEAKER_LABEL_MODES)}.")
    # An undiarized transcript is all "UU": names would add nothing.
    return mode != "never" and transcript.speakers() not in ([], [UNKNOWN_SPEAKER])


def _label(transcript: Transcript, speaker: str, max_line_length: int) -> str | None:
    """ "[Name]"; None for an unnamed unknown speaker (noise) or a name wider than a line."""
    if speaker == UNKNOWN_SPEAKER and speaker not in transcript.speaker_names:
        return None
    text = f"[{transcript.speaker_name(speaker)}]"
    return text if len(text) <= max_line_length else None


def build_cues(
    transcript: Transcript,
    *,
    max_line_length: int = 37,
    max_lines: int = 2,
    speaker_labels: str = "change",
    max_gap: float = 1.5,
    max_duration: float = 7.0,
) -> list[Cue]:
    """Cues for the whole transcript. ``speaker_labels``: "change" puts "[Name]" at the start
    of the first cue of each turn, "always" on every cue, "never" nowhere; names are only shown
    when the transcript has more than one speaker or a known one."""
    if max_line_length < 1 or max_lines < 1:
        raise ValueError("Subtitle lines need at least 1 character and 1 line per caption.")
    label = _label_speakers(transcript, speaker_labels)
    raw: list[_RawCue] = []
    for paragraph in transcript.paragraphs():
        label_text = _label(transcript, paragraph.speaker, max_line_length) if label else None
        first_of_turn = True
        builder: _CueBuilder | None = None
        for group in _groups(transcript, paragraph.first, paragraph.last):
            if builder is not None and (
                not builder.fits(group, group.separator)
                or group.start - builder.end > max_gap
                or group.end - builder.start > max_duration
            ):
                raw.append(_finish(builder, paragraph.speaker))
                builder = None
            separator = group.separator
            if builder is None:
                builder = _CueBuilder(max_line_length, max_lines, [])
                if label_text and (first_of_turn or speaker_labels == "always"):
                    # The label is a word of its own: it wraps like one and is followed by a
                    # space even in languages written without spaces.
                    builder.lines.append(label_text)
                    separator = " "
                    if not builder.fits(group, separator):
                        builder.lines.clear()  # one-line captions too narrow for the name
                first_of_turn = False
            builder.add(group, separator)
            if group.sentence_end:
                raw.append(_finish(builder, paragraph.speaker))
                builder = None
        if builder is not None:
            raw.append(_finish(builder, paragraph.speaker))
    return _timed(raw)


def _finish(builder: _CueBuilder, speaker: str) -> _RawCue:
    return builder.start, builder.end, builder.lines, speaker, builder.first, builder.last


def _timed(raw: list[_RawCue]) -> list[Cue]:
    """Whole milliseconds, no overlaps, no empty cues; short cues stretched where there is room."""
    starts: list[int] = []
    ends: list[int] = []
    previous_end = 0
    for start, end, *_ in raw:
        start_ms = max(round(start * 1000), previous_end)
        end_ms = max(round(end * 1000), start_ms + 1)
        starts.append(start_ms)
        ends.append(end_ms)
        previous_end = end_ms
    cues = []
    for index, (_, _, lines, speaker, first, last) in enumerate(raw):
        limit = starts[index + 1] if index + 1 < len(raw) else starts[index] + MIN_CUE_MS
        end_ms = max(ends[index], min(starts[index] + MIN_CUE_MS, limit))
        cues.append(Cue(starts[index], end_ms, tuple(lines), speaker, first, last))
    return cues
