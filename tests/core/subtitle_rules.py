"""An independent subtitle rule checker for the tests.

It reads what a viewer gets (SRT text, parsed by the `srt` library) and the json-v2 the subtitles
were made from, and counts the breaks of the Netflix and BBC rules. It imports nothing of
smdesk.core.subtitles (nor of smdesk at all): the guides' numbers are written here again, from
the guides, so a wrong preset or a wrong engine cannot hide behind a checker that shares its code.

What it measures:
- hard rules: line width (East Asian wide characters count 2), lines, characters a second
  (spaces counted, line breaks not), words a minute, minimum and maximum duration, the gap in
  frames, overlaps, two speakers in one cue only in dash form (one speaker a line), and that
  every word of the transcript is shown, once, in order (``lost_words``);
- sync: a cue showing before its first word or after its last word by more than 1.5 s (BBC 5.2);
- soft rules (reported, not targets): lines ending on an article, preposition or conjunction,
  and one-word cues that end a sentence the previous cue began ("year.");
- a floor: the fewest reading-speed breaks any subtitling that keeps sync must have, per stretch
  of speech, given that a cue holds at most ``max_lines`` full lines.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import srt

HARD_RULES = (
    "line_length", "lines", "reading_speed", "words_per_minute", "min_duration", "max_duration",
    "gap", "overlap", "dual_speaker", "lost_words", "sync",
)
SOFT_RULES = ("bad_line_end", "orphan")
_TOLERANCE = 0.0005
_SYNC_LIMIT = 1.5
_BAD_LINE_ENDS = frozenset(
    "a an the of to in on at by for with from into and or but".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Guide:
    name: str
    max_chars: int
    max_lines: int
    max_cps: float | None
    max_wpm: float | None
    min_duration: float
    max_duration: float
    gap_frames: int
    fps: float
    lead: float  # how far a cue may start before speech (for the floor)
    linger: float  # how far it may end after speech (for the floor)


# Netflix Timed Text Style Guide (General Requirements; English (USA)): 42 characters, 2 lines,
# 20 characters a second for adults, 5/6 s to 7 s, 2 frames' gap, within 3 frames of the audio,
# out-time up to 12 frames past it.
NETFLIX = Guide("netflix", 42, 2, 20.0, None, 5 / 6, 7.0, 2, 25.0, 3 / 25, 12 / 25)
# BBC Subtitle Guidelines: 37 characters, 2 lines, 160-180 words a minute, 1 s to 7 s (issue 7),
# not more than 1.5 s before or after speech.
BBC = Guide("bbc", 37, 2, None, 180.0, 1.0, 7.0, 2, 25.0, 1.5, 1.5)
GUIDES = {"netflix": NETFLIX, "bbc": BBC}


@dataclass(frozen=True)
class Token:
    text: str  # a word with the punctuation glued to it
    speaker: str
    start: float
    end: float


@dataclass
class Report:
    breaks: dict[str, list[int]] = field(default_factory=dict)  # rule -> cue numbers
    cues: int = 0
    reading_floor: int = 0

    def add(self, rule: str, number: int) -> None:
        numbers = self.breaks.setdefault(rule, [])
        if number not in numbers:
            numbers.append(number)

    def count(self, rule: str) -> int:
        return len(self.breaks.get(rule, []))

    @property
    def hard(self) -> int:
        return sum(self.count(rule) for rule in HARD_RULES)

    def hard_breaks(self) -> dict[str, list[int]]:
        return {rule: self.breaks[rule] for rule in HARD_RULES if self.breaks.get(rule)}


def width(text: str) -> int:
    total = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def tokens(doc: Mapping[str, Any]) -> list[Token]:
    """The json-v2 words, punctuation glued as ``attaches_to`` says (previous by default)."""
    out: list[Token] = []
    glue_next = False
    for result in doc.get("results", []):
        alternatives = result.get("alternatives") or [{}]
        text = alternatives[0].get("content", "")
        speaker = alternatives[0].get("speaker") or "UU"
        kind = result.get("type")
        attaches = result.get("attaches_to") or ("previous" if kind == "punctuation" else "none")
        start, end = float(result["start_time"]), float(result["end_time"])
        if out and (glue_next or attaches in ("previous", "both")):
            last = out[-1]
            keep = last.speaker if kind == "punctuation" else speaker
            out[-1] = Token(last.text + text, keep, last.start, max(last.end, end))
        else:
            out.append(Token(text, speaker, start, end))
        glue_next = attaches in ("next", "both")
    return out


def _strip_line(line: str) -> str:
    line = line.lstrip("\u200f\u200e")
    if line.startswith("-"):
        line = line[1:].lstrip()
    return line


def _shown_chars(line: str) -> str:
    return "".join(ch for ch in line if unicodedata.category(ch) != "Cf")


def _align(subs: Sequence[srt.Subtitle], toks: Sequence[Token]) -> list[list[list[int]]] | None:
    """For each cue and line, the token indexes it shows; None if words are lost or reordered."""
    stream = []  # (char, token index) over the transcript without whitespace
    for index, token in enumerate(toks):
        stream.extend((ch, index) for ch in token.text if not ch.isspace())
    position = 0
    result: list[list[list[int]]] = []
    for sub in subs:
        cue: list[list[int]] = []
        for line in sub.content.split("\n"):
            owners: list[int] = []
            for ch in _strip_line(line):
                if ch.isspace() or unicodedata.category(ch) == "Cf":
                    continue
                if position >= len(stream) or stream[position][0] != ch:
                    return None
                owners.append(stream[position][1])
                position += 1
            cue.append(sorted(set(owners)))
        result.append(cue)
    return result if position == len(stream) else None


def check_srt(text: str, doc: Mapping[str, Any], guide: Guide) -> Report:
    subs = list(srt.parse(text))
    toks = tokens(doc)
    report = Report(cues=len(subs))
    gap = guide.gap_frames / guide.fps
    for number, sub in enumerate(subs, start=1):
        start, end = sub.start.total_seconds(), sub.end.total_seconds()
        lines = sub.content.split("\n")
        if max(width(line) for line in lines) > guide.max_chars:
            report.add("line_length", number)
        if len(lines) > guide.max_lines:
            report.add("lines", number)
        duration = end - start
        if guide.max_cps is not None and duration > 0:
            chars = sum(len(_shown_chars(line)) for line in lines)
            if chars / duration > guide.max_cps + 1e-9:
                report.add("reading_speed", number)
        if guide.max_wpm is not None and duration > 0:
            words = sum(1 for line in lines for p in line.split() if any(c.isalnum() for c in p))
            if words * 60 / duration > guide.max_wpm + 1e-9:
                report.add("words_per_minute", number)
        if duration < guide.min_duration - _TOLERANCE:
            report.add("min_duration", number)
        if duration > guide.max_duration + _TOLERANCE:
            report.add("max_duration", number)
        if number > 1:
            previous_end = subs[number - 2].end.total_seconds()
            if start < previous_end - _TOLERANCE:
                report.add("overlap", number)
            elif start - previous_end < gap - _TOLERANCE:
                report.add("gap", number)
        for line in lines:
            last = line.split()[-1].strip(".,;:!?\"'").lower() if line.split() else ""
            if last in _BAD_LINE_ENDS and line.rstrip()[-1:] not in ",;:.!?":
                report.add("bad_line_end", number)
    alignment = _align(subs, toks)
    if alignment is None:
        report.add("lost_words", 1)
        return report
    _check_speakers_and_sync(subs, alignment, toks, report)
    report.reading_floor = reading_floor(toks, guide)
    return report


def _check_speakers_and_sync(
    subs: Sequence[srt.Subtitle],
    alignment: list[list[list[int]]],
    toks: Sequence[Token],
    report: Report,
) -> None:
    for number, (sub, cue) in enumerate(zip(subs, alignment, strict=True), start=1):
        shown = sorted({i for line in cue for i in line})
        if not shown:
            continue
        speakers = {toks[i].speaker for i in shown}
        if len(speakers) > 1:
            lines = sub.content.split("\n")
            dashed = all(line.lstrip("\u200f\u200e").startswith("-") for line in lines)
            one_each = all(len({toks[i].speaker for i in line}) == 1 for line in cue)
            if not (len(lines) == 2 and dashed and one_each):
                report.add("dual_speaker", number)
        start, end = sub.start.total_seconds(), sub.end.total_seconds()
        speech_end = max(toks[i].end for i in shown)
        if start < toks[shown[0]].start - _SYNC_LIMIT or end > speech_end + _SYNC_LIMIT:
            report.add("sync", number)
        # "year." alone: the one-word tail of a sentence the previous cue began.
        starts_sentence = shown[0] == 0 or toks[shown[0] - 1].text[-1:] in ".?!"
        if len(shown) == 1 and end - start <= 1.0 and not starts_sentence:
            report.add("orphan", number)


def reading_floor(toks: Sequence[Token], guide: Guide) -> int:
    """The fewest cues that must read too fast, whatever the layout, if cues keep sync.

    Speech is cut into stretches at pauses longer than the maximum duration, which no cue can
    span without breaking that rule. A stretch's cues are on screen at most from its first
    word minus the lead to its last word plus the linger: W seconds. Readable cues show at most
    ``max_cps * W`` characters (``max_wpm * W / 60`` words) in all; the rest must go in cues
    that read too fast, each holding at most a full cue's worth.

    Characters: the stretch's text with its spaces, T, loses one space per cue boundary and per
    line break, at most ``max_lines`` per cue. With r readable cues (r <= W / min_duration,
    since they do not overlap) and u fast ones, ``T - (r + u) * max_lines <= max_cps * W +
    u * max_lines * max_chars``, which bounds u from below.
    """
    if not toks:
        return 0
    pause = guide.max_duration
    stretches: list[list[Token]] = [[toks[0]]]
    for token in toks[1:]:
        if token.start - max(t.end for t in stretches[-1]) > pause:
            stretches.append([token])
        else:
            stretches[-1].append(token)
    floor = 0
    for stretch in stretches:
        window = max(t.end for t in stretch) + guide.linger - (stretch[0].start - guide.lead)
        if guide.max_cps is not None:
            chars = sum(len(t.text) for t in stretch) + len(stretch) - 1
            readable = window / guide.min_duration
            excess = chars - guide.max_cps * window - readable * guide.max_lines
            capacity = guide.max_lines * guide.max_chars + guide.max_lines
        else:
            assert guide.max_wpm is not None
            words = sum(1 for t in stretch if any(c.isalnum() for c in t.text))
            excess = words - guide.max_wpm * window / 60
            capacity = guide.max_lines * (guide.max_chars + 1) // 2
        if excess > 0:
            floor += math.ceil(excess / capacity)
    return floor
