"""A subtitle preview: the cues an SRT/WebVTT export would write, each with its measures and the
rules it breaks, and the checker's verdict for the whole file.

One layout (``make_cues`` is the costly part, ~1 s on a 3-hour transcript), measured once, and
its text for the preview list (~40 ms for 3,000 cues): the app computes both off the UI thread
and only puts the text on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from smdesk.core.export.choices import ExportChoices
from smdesk.core.export.cues import RuleBreak, check_cues, describe_breaks
from smdesk.core.export.subtitle_files import SubtitleCheck, subtitle_cues, vtt_time
from smdesk.core.subtitles import RULES, Cue, display_width
from smdesk.core.transcript import Transcript

__all__ = ["PreviewCue", "SubtitlePreview", "cue_block", "preview_subtitles"]


@dataclass(frozen=True, slots=True)
class PreviewCue:
    """One cue as the file will hold it, with what a subtitler checks at a glance."""

    number: int  # 1-based, as in the file
    start: float
    end: float
    lines: tuple[str, ...]
    widths: tuple[int, ...]  # display width of each line (wide characters count 2)
    cps: float | None  # characters a second under the rules' counting; None for a 0 s cue
    problems: tuple[str, ...]  # "reads too fast (23.1 characters a second (limit 20))"
    first_word: int | None  # where it starts in the transcript (None for translations)


@dataclass(frozen=True, slots=True)
class SubtitlePreview:
    cues: tuple[PreviewCue, ...]
    check: SubtitleCheck
    text: str = ""  # the cues as the preview lists them (cue_block), an empty line between
    cue_lines: tuple[int, ...] = ()  # the line of ``text`` where each cue starts

    @property
    def problem_cues(self) -> int:
        return sum(1 for cue in self.cues if cue.problems)


def cue_block(cue: PreviewCue) -> str:
    """ "#12  00:00:41.200 → 00:00:44.000  2.80 s  23.1 cps  ⚠ reads too fast (…)", then one
    line per subtitle line with its width first. A problem is said in words, not only shown."""
    cps = f"{cue.cps:.1f} cps" if cue.cps is not None else "— cps"
    head = (f"#{cue.number}  {vtt_time(cue.start)} → {vtt_time(cue.end)}  "
            f"{cue.end - cue.start:.2f} s  {cps}")
    if cue.problems:
        head += "  ⚠ " + "; ".join(cue.problems)
    lines = [f"{width:>5} │ {line}" for width, line in zip(cue.widths, cue.lines, strict=True)]
    return "\n".join([head, *lines])


def _chars(cue: Cue, count_spaces: bool) -> int:
    """Characters read, as the checker counts them (line breaks never count)."""
    text = "".join(cue.lines)
    return len(text) if count_spaces else len("".join(text.split()))


def _problem(item: RuleBreak) -> str:
    singular = RULES.get(item.rule, (f"breaks {item.rule}", ""))[0]
    return f"{singular} ({item.detail})"


def preview_subtitles(transcript: Transcript, choices: ExportChoices) -> SubtitlePreview:
    """The cues of ``choices`` (a translation's if ``choices.translation``) and their check.

    Raises:
        ValueError: one sentence, e.g. the chosen translation does not exist.
    """
    rules = choices.subtitle_rules
    cues = subtitle_cues(transcript, choices)
    breaks = check_cues(cues, rules)
    by_cue: dict[int, list[str]] = {}
    for item in breaks:
        by_cue.setdefault(item.cue_number, []).append(_problem(item))
    rows = []
    for number, cue in enumerate(cues, start=1):
        duration = cue.end - cue.start
        chars = _chars(cue, rules.cps_counts_spaces)
        rows.append(PreviewCue(
            number=number, start=cue.start, end=cue.end, lines=cue.lines,
            widths=tuple(display_width(line) for line in cue.lines),
            cps=chars / duration if duration > 0 else None,
            problems=tuple(by_cue.get(number, ())), first_word=cue.first_word))
    places = {b.cue_number: cues[b.cue_number - 1].first_word for b in breaks}
    check = SubtitleCheck(describe_breaks(breaks), tuple(breaks), places)
    blocks = [cue_block(row) for row in rows]
    starts, line = [], 0
    for block in blocks:
        starts.append(line)
        line += block.count("\n") + 2  # the block and the empty line after it
    return SubtitlePreview(tuple(rows), check, "\n\n".join(blocks), tuple(starts))
