"""Text exports: TXT for reading and quoting, SRT and WebVTT subtitles.

All pure: they return the file's text; writing it (atomically) is the caller's job.
"""

from __future__ import annotations

from datetime import timedelta

import srt

from smdesk.core.formatting import format_timestamp
from smdesk.core.subtitles.legacy import Cue, build_cues
from smdesk.core.transcript import Paragraph, Transcript
from smdesk.core.words import UNKNOWN_SPEAKER, TranslationSegment

__all__ = ["to_srt", "to_txt", "to_vtt"]


def _shows_names(transcript: Transcript) -> bool:
    """Names carry no information for an undiarized transcript (everything "Unknown speaker")."""
    return transcript.speakers() not in ([], [UNKNOWN_SPEAKER])


def _txt_block(start: float, name: str | None, text: str, timestamps: bool) -> str:
    head = []
    if timestamps:
        head.append(f"[{format_timestamp(start, always_hours=True)}]")
    if name is not None:
        head.append(f"{name}:")
    return " ".join([*head, text])


def _split_long(transcript: Transcript, p: Paragraph, seconds: float | None) -> list[Paragraph]:
    """Break a long turn at sentence ends every ``seconds`` or so (monologues, no diarization)."""
    if seconds is None or p.end - p.start <= seconds:
        return [p]
    words = transcript.words
    parts: list[Paragraph] = []
    first = p.first
    for index in range(p.first, p.last):
        word = words[index]
        if word.is_eos and word.end - words[first].start >= seconds:
            end = max(w.end for w in words[first : index + 1])
            parts.append(Paragraph(p.speaker, p.channel, words[first].start, end, first, index))
            first = index + 1
    end = max(w.end for w in words[first : p.last + 1])
    parts.append(Paragraph(p.speaker, p.channel, words[first].start, end, first, p.last))
    return parts


def to_txt(
    t: Transcript,
    *,
    speaker_names: bool = True,
    timestamps: bool = True,
    include_summary: bool = False,
    translation: str | None = None,
    paragraph_seconds: float | None = 60.0,
) -> str:
    """One paragraph per speaker turn, a blank line between them::

        [00:01:23] Speaker 1: Text of the turn.

    ``translation`` ("es") exports that translation instead of the original words.
    ``include_summary`` puts the summary first. Turns longer than ``paragraph_seconds`` are
    split at sentence ends (None: never), so a monologue does not become one huge line.
    """
    show_names = speaker_names and _shows_names(t)
    blocks: list[str] = []
    if include_summary and t.summary:
        blocks.append("Summary\n\n" + t.summary.strip())
        blocks.append("Transcript")
    if translation is not None:
        blocks.extend(_translation_blocks(t, translation, show_names, timestamps))
    else:
        for turn in t.paragraphs():
            name = t.speaker_name(turn.speaker) if show_names else None
            for part in _split_long(t, turn, paragraph_seconds):
                text, _ = t.paragraph_text(part)
                blocks.append(_txt_block(part.start, name, text, timestamps))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _translation_blocks(
    t: Transcript, language: str, show_names: bool, timestamps: bool
) -> list[str]:
    segments = t.translations.get(language)
    if segments is None:
        raise ValueError(f"This transcript has no {language!r} translation.")
    turns: list[list[TranslationSegment]] = []
    for segment in segments:
        if turns and turns[-1][-1].speaker == segment.speaker:
            turns[-1].append(segment)
        else:
            turns.append([segment])
    blocks = []
    for turn in turns:
        speaker = turn[0].speaker
        name = t.speaker_name(speaker) if show_names and speaker is not None else None
        text = " ".join(segment.text.strip() for segment in turn if segment.text.strip())
        blocks.append(_txt_block(turn[0].start, name, text, timestamps))
    return blocks


def to_srt(
    t: Transcript,
    *,
    max_line_length: int = 37,
    max_lines: int = 2,
    speaker_labels: str = "change",
    max_gap: float = 1.5,
    max_duration: float = 7.0,
) -> str:
    """SubRip subtitles from word timings (see :mod:`smdesk.core.subtitles` for the rules).

    ``speaker_labels``: "change" starts each speaker's turn with "[Name]", "always" every cue,
    "never" none. Undiarized transcripts never get names. A cue also ends at a pause longer
    than ``max_gap`` seconds and before it would last longer than ``max_duration``.
    """
    cues = build_cues(
        t,
        max_line_length=max_line_length,
        max_lines=max_lines,
        speaker_labels=speaker_labels,
        max_gap=max_gap,
        max_duration=max_duration,
    )
    subtitles = [
        srt.Subtitle(
            index=number,
            start=timedelta(milliseconds=cue.start_ms),
            end=timedelta(milliseconds=cue.end_ms),
            content="\n".join(cue.lines),
        )
        for number, cue in enumerate(cues, start=1)
    ]
    return str(srt.compose(subtitles))


def _vtt_time(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(
    t: Transcript,
    *,
    max_line_length: int = 37,
    max_lines: int = 2,
    speaker_labels: bool = True,
) -> str:
    """WebVTT subtitles; speakers become voice tags (``<v Speaker 1>``) that players can show."""
    cues: list[Cue] = build_cues(
        t, max_line_length=max_line_length, max_lines=max_lines, speaker_labels="never"
    )
    voices = speaker_labels and _shows_names(t)
    blocks = ["WEBVTT"]
    for cue in cues:
        text = "\n".join(_vtt_escape(line) for line in cue.lines)
        if voices:
            name = _vtt_escape(t.speaker_name(cue.speaker)).replace("\n", " ")
            text = f"<v {name}>{text}"
        blocks.append(f"{_vtt_time(cue.start_ms)} --> {_vtt_time(cue.end_ms)}\n{text}")
    return "\n\n".join(blocks) + "\n"
