"""The cue: what a subtitle file holds for one subtitle."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Cue"]


@dataclass(frozen=True, slots=True)
class Cue:
    """One subtitle: times in seconds (whole milliseconds), its lines, the speaker of each line.

    A dual-speaker cue has two lines in dash form and two speaker ids. ``first_word`` and
    ``last_word`` are the transcript word indexes it shows (None for translations), so a
    checker result can take the user to the place in the transcript.
    """

    start: float
    end: float
    lines: tuple[str, ...]
    line_speakers: tuple[str, ...]
    first_word: int | None = None
    last_word: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def duration(self) -> float:
        return self.end - self.start
