"""The rule checker: which cues break which rule of a preset, in words a user understands.

It measures only what is in the cues (as a subtitle file would show them), so it checks any
cue list, ours or imported: line width (East Asian wide characters count 2), lines, reading
speed, duration, gap and overlap, and that a cue with two speakers uses the dash form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from smdesk.core.subtitles.cue import Cue
from smdesk.core.subtitles.rules import SubtitleRules
from smdesk.core.subtitles.units import display_width

__all__ = ["RULES", "RuleBreak", "check_cues", "cue_chars", "cue_words", "describe_breaks"]

TOLERANCE = 0.0005  # half a millisecond: times are whole milliseconds

# rule id -> (singular phrase, plural phrase) after "N cue(s)"
RULES: dict[str, tuple[str, str]] = {
    "line_length": ("has a line too long", "have a line too long"),
    "lines": ("has too many lines", "have too many lines"),
    "reading_speed": ("reads too fast", "read too fast"),
    "words_per_minute": ("has too many words a minute", "have too many words a minute"),
    "min_duration": ("is too short", "are too short"),
    "max_duration": ("is too long", "are too long"),
    "gap": ("follows the previous one too closely", "follow the previous one too closely"),
    "overlap": ("overlaps the previous one", "overlap the previous one"),
    "dual_speaker": ("mixes speakers without dashes", "mix speakers without dashes"),
}
_LISTED = 12


@dataclass(frozen=True, slots=True)
class RuleBreak:
    cue_number: int  # 1-based, as in the subtitle file
    rule: str  # a key of RULES
    detail: str


def cue_chars(cue: Cue, *, count_spaces: bool = True) -> int:
    """Characters read (line breaks not counted)."""
    text = "".join(cue.lines)
    return len(text) if count_spaces else len("".join(text.split()))


def cue_words(cue: Cue) -> int:
    return sum(1 for line in cue.lines for piece in line.split() if any(c.isalnum() for c in piece))


def _cue_breaks(number: int, cue: Cue, rules: SubtitleRules) -> list[RuleBreak]:
    found: list[RuleBreak] = []
    widest = max((display_width(line) for line in cue.lines), default=0)
    if widest > rules.max_chars_per_line:
        found.append(RuleBreak(number, "line_length",
                               f"{widest} characters (limit {rules.max_chars_per_line})"))
    if len(cue.lines) > rules.max_lines:
        detail = f"{len(cue.lines)} lines (limit {rules.max_lines})"
        found.append(RuleBreak(number, "lines", detail))
    duration = cue.end - cue.start
    if rules.max_cps is not None and duration > 0:
        cps = cue_chars(cue, count_spaces=rules.cps_counts_spaces) / duration
        if cps > rules.max_cps + 1e-9:
            found.append(RuleBreak(number, "reading_speed",
                                   f"{cps:.1f} characters a second (limit {rules.max_cps:g})"))
    if rules.max_wpm is not None and duration > 0:
        wpm = cue_words(cue) * 60 / duration
        if wpm > rules.max_wpm + 1e-9:
            found.append(RuleBreak(number, "words_per_minute",
                                   f"{wpm:.0f} words a minute (limit {rules.max_wpm:g})"))
    if duration < rules.min_duration - TOLERANCE:
        found.append(RuleBreak(number, "min_duration",
                               f"{duration:.3f} s (minimum {rules.min_duration:.3f} s)"))
    if duration > rules.max_duration + TOLERANCE:
        found.append(RuleBreak(number, "max_duration",
                               f"{duration:.3f} s (maximum {rules.max_duration:g} s)"))
    if len(set(cue.line_speakers)) > 1 and not _dash_form(cue, rules):
        found.append(RuleBreak(number, "dual_speaker", "two speakers need a dash on each line"))
    return found


def _dash_form(cue: Cue, rules: SubtitleRules) -> bool:
    dash = rules.dual_speaker_dash.strip() or "-"
    return len(cue.lines) == 2 and all(line.lstrip("\u200f\u200e").startswith(dash)
                                       for line in cue.lines)


def check_cues(cues: Sequence[Cue], rules: SubtitleRules) -> list[RuleBreak]:
    """Every hard-rule break, in cue order."""
    found: list[RuleBreak] = []
    for number, cue in enumerate(cues, start=1):
        if number > 1:
            gap = cue.start - cues[number - 2].end
            if gap < -TOLERANCE:
                found.append(RuleBreak(number, "overlap", f"starts {-gap:.3f} s before it ends"))
            elif gap < rules.min_gap - TOLERANCE:
                found.append(RuleBreak(number, "gap",
                                       f"{gap:.3f} s gap (minimum {rules.min_gap:.3f} s)"))
        found.extend(_cue_breaks(number, cue, rules))
    return found


def describe_breaks(breaks: Sequence[RuleBreak]) -> str:
    """ "0 problems", or one clause per rule: "3 cues read too fast: 12, 40, 77; …"."""
    if not breaks:
        return "0 problems"
    by_rule: dict[str, list[int]] = {}
    for item in breaks:
        numbers = by_rule.setdefault(item.rule, [])
        if not numbers or numbers[-1] != item.cue_number:
            numbers.append(item.cue_number)
    clauses = []
    for rule in sorted(by_rule, key=lambda r: (list(RULES).index(r) if r in RULES else len(RULES))):
        numbers = by_rule[rule]
        singular, plural = RULES.get(rule, (f"breaks {rule}", f"break {rule}"))
        listed = ", ".join(str(n) for n in numbers[:_LISTED])
        if len(numbers) > _LISTED:
            listed += f" and {len(numbers) - _LISTED} more"
        noun = "cue" if len(numbers) == 1 else "cues"
        verb = singular if len(numbers) == 1 else plural
        clauses.append(f"{len(numbers)} {noun} {verb}: {listed}")
    return "; ".join(clauses)
