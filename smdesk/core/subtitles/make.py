"""make_cues and make_translation_cues: units -> cue spans -> lines -> times."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from smdesk.core.subtitles.cue import Cue
from smdesk.core.subtitles.lines import break_costs, layout_lines
from smdesk.core.subtitles.rules import SubtitleRules
from smdesk.core.subtitles.segment import CueSpan, choose_cues
from smdesk.core.subtitles.tables import Tables
from smdesk.core.subtitles.timing import Clock, chain, ms
from smdesk.core.subtitles.units import Unit, transcript_units, translation_units
from smdesk.core.transcript import Transcript
from smdesk.core.words import UNKNOWN_SPEAKER

__all__ = ["make_cues", "make_translation_cues"]

_RLM = "\u200f"


def make_cues(
    transcript: Transcript, rules: SubtitleRules, *, speaker_labels: bool = False
) -> list[Cue]:
    """Cues for the transcript's current words and speaker names, under ``rules``.

    ``speaker_labels`` puts "[Name]" before the first words of each speaker's turn (counted in
    the line width); an undiarized transcript never gets labels.
    """
    if not transcript.words:
        return []
    units = transcript_units(transcript, rules.max_chars_per_line)
    labels = speaker_labels and transcript.is_diarized
    return _build(units, _texts(units, transcript.speaker_name if labels else None), rules)


def make_translation_cues(
    transcript: Transcript,
    language: str,
    rules: SubtitleRules,
    *,
    speaker_labels: bool = False,
) -> list[Cue]:
    """Cues for a translation, from its segments' own times and speakers.

    Raises ValueError (one sentence) when the transcript has no such translation.
    """
    segments = transcript.translations.get(language)
    if segments is None:
        raise ValueError(f"This transcript has no {language!r} translation.")
    units = translation_units(segments, language)
    labels = speaker_labels and len({u.speaker for u in units} - {UNKNOWN_SPEAKER}) > 0
    return _build(units, _texts(units, transcript.speaker_name if labels else None), rules)


def _texts(units: list[Unit], name_of: Callable[[str], str] | None) -> list[str]:
    """The units' texts as shown: "[Name] " before the first unit of each named turn."""
    if name_of is None:
        return [u.text for u in units]
    return [
        f"[{name_of(u.speaker)}] {u.text}"
        if u.turn_start and u.speaker != UNKNOWN_SPEAKER
        else u.text
        for u in units
    ]


def _build(units: list[Unit], texts: list[str], rules: SubtitleRules) -> list[Cue]:
    costs = break_costs(units)
    tables = Tables(units, texts, rules)
    spans = choose_cues(units, tables, costs, rules)
    speech_ends = [ms(max(u.end for u in units[s.first : s.last + 1])) for s in spans]
    times = chain([(s.start, s.end) for s in spans], speech_ends, Clock.of(rules))
    cues = []
    for span, (start, end) in zip(spans, times, strict=True):
        lines, speakers = _lines(span, units, texts, tables, costs, rules)
        cues.append(
            Cue(start, end, lines, speakers, units[span.first].first, units[span.last].last)
        )
    return cues


def _lines(
    span: CueSpan,
    units: list[Unit],
    texts: list[str],
    tables: Tables,
    costs: list[float],
    rules: SubtitleRules,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    def text_of(a: int, b: int) -> str:
        return texts[a] + "".join(units[k].separator + texts[k] for k in range(a + 1, b + 1))

    if span.split is not None:
        dash = rules.dual_speaker_dash
        parts = ((span.first, span.split - 1), (span.split, span.last))
        lines = tuple(_directed(dash + text_of(a, b)) for a, b in parts)
        return lines, (units[span.first].speaker, units[span.split].speaker)
    a, b = span.first, span.last
    separators = ["", *(units[k].separator for k in range(a + 1, b + 1))]
    laid = layout_lines(texts[a : b + 1], separators, costs[a : b + 1],
                        rules.max_chars_per_line, rules.max_lines,
                        widths=tables.text_widths[a : b + 1],
                        separator_widths=[0, *tables.sep_widths[a + 1 : b + 1]])
    lines = tuple(_directed(line) for line in laid)
    return lines, (units[a].speaker,) * len(lines)


def _directed(line: str) -> str:
    """A right-to-left line that starts with a neutral character (a dash, a digit, a bracket)
    gets a right-to-left mark first, so players lay it out right to left."""
    if line.isascii():
        return line  # no right-to-left letters
    first_strong = next(
        (unicodedata.bidirectional(ch) for ch in line
         if unicodedata.bidirectional(ch) in ("L", "R", "AL")),
        None,
    )
    if first_strong is None and any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in line):
        return _RLM + line
    if line and first_strong in ("R", "AL") and unicodedata.bidirectional(line[0]) not in (
        "R", "AL"
    ):
        return _RLM + line
    return line
