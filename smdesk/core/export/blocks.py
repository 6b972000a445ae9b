"""The paragraphs every text-like export writes: speaker, start/end time and text.

One implementation for TXT, the QDA text, Markdown, DOCX and CSV, for the transcript and for
each translation, so the formats cannot disagree about where a paragraph starts or who speaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from smdesk.core.export.choices import ExportChoices
from smdesk.core.transcript import Paragraph, Transcript
from smdesk.core.words import TranslationSegment

# A monologue is still split into readable paragraphs, each with its time.
LONG_TURN_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Block:
    """One exported paragraph. ``name`` is None when speaker names are not shown."""

    start: float
    end: float
    speaker: str | None
    name: str | None
    text: str


def shows_names(transcript: Transcript) -> bool:
    """Names carry no information for an undiarized transcript (everything "Unknown speaker")."""
    return transcript.is_diarized


def export_blocks(transcript: Transcript, choices: ExportChoices) -> list[Block]:
    """The paragraphs of the transcript, or of ``choices.translation``.

    Raises:
        ValueError: the transcript has no translation into ``choices.translation``.
    """
    names = choices.speaker_names and shows_names(transcript)
    if choices.translation is not None:
        return _translation_blocks(transcript, choices, names)
    blocks: list[Block] = []
    for turn in transcript.paragraphs():
        for part in _split(transcript, turn, split_seconds(choices)):
            text, _ = transcript.paragraph_text(part)
            name = transcript.speaker_name(part.speaker) if names else None
            blocks.append(Block(part.start, part.end, part.speaker, name, text))
    return blocks


def split_seconds(choices: ExportChoices) -> float:
    """How long a paragraph may grow before it is split at the next sentence end."""
    return choices.interval if choices.timestamps == "interval" else LONG_TURN_SECONDS


def _split(transcript: Transcript, p: Paragraph, seconds: float) -> list[Paragraph]:
    """Break a turn at the first sentence end after every ``seconds``."""
    if p.end - p.start <= seconds:
        return [p]
    words = transcript.words
    parts: list[Paragraph] = []
    first = p.first
    for index in range(p.first, p.last):
        word = words[index]
        if word.is_eos and word.end - words[first].start >= seconds:
            parts.append(_part(transcript, p, first, index))
            first = index + 1
    parts.append(_part(transcript, p, first, p.last))
    return parts


def _part(transcript: Transcript, p: Paragraph, first: int, last: int) -> Paragraph:
    words = transcript.words
    end = max(w.end for w in words[first : last + 1])
    return Paragraph(p.speaker, p.channel, words[first].start, end, first, last)


def translation_segments(transcript: Transcript, language: str) -> list[TranslationSegment]:
    """The segments of one translation.

    Raises:
        ValueError: there is no such translation (one sentence for the user).
    """
    segments = transcript.translations.get(language)
    if segments is None:
        have = ", ".join(transcript.translations) or "none"
        raise ValueError(
            f"This transcript has no {language!r} translation (it has: {have}); "
            "choose one of its translations."
        )
    return segments


def _translation_blocks(
    transcript: Transcript, choices: ExportChoices, names: bool
) -> list[Block]:
    """Consecutive segments of one speaker form a paragraph, split after ``interval`` s."""
    segments = translation_segments(transcript, choices.translation or "")
    groups: list[list[TranslationSegment]] = []
    for segment in segments:
        if not segment.text.strip():
            continue
        last = groups[-1] if groups else None
        if (
            last is not None
            and last[-1].speaker == segment.speaker
            and segment.end - last[0].start <= split_seconds(choices)
        ):
            last.append(segment)
        else:
            groups.append([segment])
    blocks = []
    for group in groups:
        speaker = group[0].speaker
        name = transcript.speaker_name(speaker) if names and speaker is not None else None
        text = " ".join(s.text.strip() for s in group)
        blocks.append(Block(group[0].start, max(s.end for s in group), speaker, name, text))
    return blocks
