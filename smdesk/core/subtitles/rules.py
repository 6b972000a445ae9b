"""Subtitle rules as one value object, and the named presets.

Sources (read 2026-12; the numbers are the guides', the comments say where each comes from):
- Netflix, "Timed Text Style Guide: General Requirements" (partnerhelp.netflixstudios.com, article
  215758617): 5/6 s to 7 s per event, a 2-frame minimum gap "regardless of frame rate", 2 lines at
  most, "timed to the audio or, if necessary, within 3 frames", "the out-time can be extended up
  to 12 frames past the timecode at which the audio ends".
- Netflix, "English (USA) Timed Text Style Guide": 42 characters a line (spaces and punctuation
  included), adult reading speed up to 20 characters a second, dual speakers as "a hyphen without
  a space", one speaker a line.
- BBC, "Subtitle Guidelines" (bbc.github.io/subtitle-guidelines): 3.1 line length 68% of a 16:9
  picture, about 37 characters; 3.3 avoid 3 lines; 4.1 160-180 words a minute; 5.2 subtitles
  "should not anticipate speech by more than 1.5 seconds or hang up on the screen for more than
  1.5 seconds after speech has stopped"; the 1 s minimum and 7 s maximum are those of issue 7.
- "Vertical video" is not a broadcaster's guide: one short line that fits a 9:16 frame at a
  readable size, with Netflix's timing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["PRESETS", "SubtitleRules"]


@dataclass(frozen=True, slots=True)
class SubtitleRules:
    """Every rule a cue layout must follow; "custom" is any instance (dataclasses.replace).

    Hard rules (the checker counts them): line width, lines, reading speed (``max_cps``,
    ``max_wpm``; None = no limit), duration, gap, dual speakers in dash form. The last four
    fields steer the engine within what the guides allow: how far a cue may start before or end
    after its speech, and which pause always ends a cue.
    """

    name: str = "custom"
    label: str = "Custom"
    max_chars_per_line: int = 42
    max_lines: int = 2
    max_cps: float | None = 20.0
    max_wpm: float | None = None
    min_duration: float = 5 / 6
    max_duration: float = 7.0
    min_gap_frames: int = 2
    frame_rate: float = 25.0
    cps_counts_spaces: bool = True
    dual_speaker_dash: str = "-"
    max_lead: float = 0.12  # in-time before speech starts, seconds
    max_linger: float = 0.5  # out-time after speech ends, seconds
    max_pause: float = 3.0  # a silence this long always ends a cue (half of it costs)

    def __post_init__(self) -> None:
        problems = [
            (self.max_chars_per_line >= 1, "characters per line must be at least 1"),
            (self.max_lines >= 1, "lines per subtitle must be at least 1"),
            (self.max_cps is None or self.max_cps > 0, "characters per second must be above 0"),
            (self.max_wpm is None or self.max_wpm > 0, "words per minute must be above 0"),
            (self.min_duration >= 0, "the minimum duration cannot be negative"),
            (
                self.max_duration > 0 and self.max_duration >= self.min_duration,
                "the maximum duration must be above 0 and at least the minimum duration",
            ),
            (self.min_gap_frames >= 0, "the gap in frames cannot be negative"),
            (self.frame_rate > 0, "the frame rate must be above 0"),
            (self.max_lead >= 0 and self.max_linger >= 0, "lead and linger cannot be negative"),
            (self.max_pause > 0, "the pause that ends a subtitle must be above 0"),
        ]
        for ok, sentence in problems:
            if not ok:
                raise ValueError(f"Subtitle rules: {sentence}.")

    @property
    def min_gap(self) -> float:
        """The minimum gap between two cues, in seconds."""
        return self.min_gap_frames / self.frame_rate


_NETFLIX = SubtitleRules(
    name="netflix",
    label="Netflix (English)",
    max_chars_per_line=42,  # English (USA) guide: 42 characters per line
    max_lines=2,  # General Requirements: 2 lines maximum
    max_cps=20.0,  # English (USA) guide: adult programs up to 20 characters per second
    min_duration=5 / 6,  # General Requirements: 5/6 second minimum
    max_duration=7.0,  # General Requirements: 7 seconds maximum
    min_gap_frames=2,  # General Requirements: 2 frames minimum, regardless of frame rate
    dual_speaker_dash="-",  # English guide: "a hyphen without a space"
    max_lead=3 / 25,  # "within 3 frames of the audio"
    max_linger=12 / 25,  # "up to 12 frames past the timecode at which the audio ends"
)

_BBC = SubtitleRules(
    name="bbc",
    label="BBC",
    max_chars_per_line=37,  # 3.1: 68% of the width of a 16:9 picture, about 37 characters
    max_lines=2,  # 3.3: avoid 3 lines or more
    max_cps=None,  # the BBC measures speed in words
    max_wpm=180.0,  # 4.1: 160-180 words per minute
    min_duration=1.0,
    max_duration=7.0,
    min_gap_frames=2,  # at the BBC's 25 frames a second
    dual_speaker_dash="- ",  # issue 7's form: "- Which platform?" / "- Four."
    max_lead=1.5,  # 5.2: not anticipate speech by more than 1.5 s
    max_linger=1.5,  # 5.2: nor hang up for more than 1.5 s after speech
)

_VERTICAL = SubtitleRules(
    name="vertical",
    label="Vertical video",
    max_chars_per_line=26,
    max_lines=1,
    max_cps=20.0,
    min_duration=5 / 6,
    max_duration=7.0,
    min_gap_frames=2,
    max_lead=3 / 25,
    max_linger=12 / 25,
)

PRESETS: Mapping[str, SubtitleRules] = MappingProxyType(
    {rules.name: rules for rules in (_NETFLIX, _BBC, _VERTICAL)}
)
