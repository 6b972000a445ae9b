"""SRT (with the `srt` library) and WebVTT, from the subtitle engine's cues.

The cues are laid out at export time under the chosen rules (never the server's SRT), from the
edited transcript or from a translation's own segments. WebVTT names speakers with voice tags
(``<v Name>``), which players can show or hide; a two-speaker cue in dash form gets one voice
span per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import srt

from smdesk.core.export.blocks import shows_names, translation_segments
from smdesk.core.export.choices import ExportChoices
from smdesk.core.export.cues import (
    Cue,
    RuleBreak,
    check_cues,
    describe_breaks,
    make_cues,
    make_translation_cues,
)
from smdesk.core.transcript import Transcript


class CueCache:
    """The cues of one transcript, laid out once per rules, labels and language: an export of
    SRT and WebVTT, and the check after it, share one layout (0.5 s each at 3 hours). Kept for
    one export only; an edit of the transcript in between starts it afresh."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self._revision = transcript.revision
        self._cues: dict[tuple[object, ...], list[Cue]] = {}

    def cues(self, choices: ExportChoices) -> list[Cue]:
        if self.transcript.revision != self._revision:
            self._cues.clear()
            self._revision = self.transcript.revision
        key = (choices.subtitle_rules, choices.subtitle_speaker_labels, choices.translation)
        if key not in self._cues:
            self._cues[key] = subtitle_cues(self.transcript, choices)
        return self._cues[key]


def _cues_of(transcript: Transcript, choices: ExportChoices, cache: CueCache | None) -> list[Cue]:
    if cache is not None and cache.transcript is transcript:
        return cache.cues(choices)
    return subtitle_cues(transcript, choices)


def subtitle_cues(transcript: Transcript, choices: ExportChoices) -> list[Cue]:
    """The cues an SRT/VTT export of ``choices`` writes (translation cues for a translation)."""
    rules, labels = choices.subtitle_rules, choices.subtitle_speaker_labels
    if choices.translation is not None:
        translation_segments(transcript, choices.translation)  # one sentence if it is missing
        return make_translation_cues(transcript, choices.translation, rules,
                                     speaker_labels=labels)
    return make_cues(transcript, rules, speaker_labels=labels)


@dataclass(frozen=True, slots=True)
class SubtitleCheck:
    """The checker's verdict on an export: "0 problems" or what breaks which rule where.

    ``places`` maps each cue number named in ``breaks`` to its first word index (None for
    translation cues), so the app can jump to the place in the transcript.
    """

    summary: str
    breaks: tuple[RuleBreak, ...]
    places: dict[int, int | None]

    @property
    def ok(self) -> bool:
        return not self.breaks


def check_subtitles(
    transcript: Transcript, choices: ExportChoices, cache: CueCache | None = None
) -> SubtitleCheck:
    cues = _cues_of(transcript, choices, cache)
    breaks = tuple(check_cues(cues, choices.subtitle_rules))
    places = {b.cue_number: cues[b.cue_number - 1].first_word for b in breaks}
    return SubtitleCheck(describe_breaks(breaks), breaks, places)


def _delta(seconds: float) -> timedelta:
    return timedelta(milliseconds=round(max(seconds, 0.0) * 1000))


def render_srt(
    transcript: Transcript, choices: ExportChoices, cache: CueCache | None = None
) -> str:
    subtitles = [
        srt.Subtitle(index=n, start=_delta(c.start), end=_delta(c.end), content="\n".join(c.lines))
        for n, c in enumerate(_cues_of(transcript, choices, cache), start=1)
    ]
    return str(srt.compose(subtitles, reindex=False))


def vtt_time(seconds: float) -> str:
    ms = round(max(seconds, 0.0) * 1000)
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _voice(name: str) -> str:
    # A voice annotation ends at ">" and may not hold a line break.
    return _escape(" ".join(name.split()))


def _vtt_text(transcript: Transcript, cue: Cue, voices: bool) -> str:
    lines = [_escape(line) for line in cue.lines]
    speakers = [s for s in cue.line_speakers if s]
    if not voices or not speakers:
        return "\n".join(lines)
    if len(set(speakers)) == 1:
        return f"<v {_voice(transcript.speaker_name(speakers[0]))}>" + "\n".join(lines)
    return "\n".join(
        f"<v {_voice(transcript.speaker_name(speaker))}>{line}</v>" if speaker else line
        for line, speaker in zip(lines, cue.line_speakers, strict=False)
    )


def render_vtt(
    transcript: Transcript, choices: ExportChoices, cache: CueCache | None = None
) -> str:
    voices = choices.speaker_names and shows_names(transcript)
    blocks = ["WEBVTT"]
    for cue in _cues_of(transcript, choices, cache):
        timing = f"{vtt_time(cue.start)} --> {vtt_time(cue.end)}"
        blocks.append(f"{timing}\n{_vtt_text(transcript, cue, voices)}")
    return "\n\n".join(blocks) + "\n"
