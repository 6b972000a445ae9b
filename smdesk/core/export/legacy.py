"""The per-format functions the transcript pane's Export menu and older callers use.

Thin wrappers over the one renderer (:func:`smdesk.core.export.render`), so they give the same
text as every other export: ``to_srt``/``to_vtt`` lay cues out with the subtitle engine under
the Netflix rules at the given line width and line count.
"""

from __future__ import annotations

import dataclasses

from smdesk.core.export.choices import ExportChoices
from smdesk.core.export.cues import PRESETS, SubtitleRules
from smdesk.core.export.subtitle_files import render_srt, render_vtt
from smdesk.core.export.text import render_txt
from smdesk.core.transcript import Transcript

__all__ = ["layout_rules", "to_srt", "to_txt", "to_vtt"]


def to_txt(
    t: Transcript,
    *,
    speaker_names: bool = True,
    timestamps: bool = True,
    include_summary: bool = False,
    translation: str | None = None,
) -> str:
    """One paragraph per speaker turn (``[00:01:23] Speaker 1: Text.``), see core.export.text."""
    return render_txt(t, ExportChoices(
        speaker_names=speaker_names, timestamps="turn" if timestamps else "none",
        include_summary=include_summary, translation=translation))


def layout_rules(max_line_length: int, max_lines: int) -> SubtitleRules:
    """Netflix's rules with another line width and line count (a "Custom" preset)."""
    return dataclasses.replace(PRESETS["netflix"], name="custom", label="Custom",
                               max_chars_per_line=max_line_length, max_lines=max_lines)


def to_srt(t: Transcript, *, max_line_length: int = 42, max_lines: int = 2,
           speaker_labels: bool = False) -> str:
    choices = ExportChoices(subtitle_rules=layout_rules(max_line_length, max_lines),
                            subtitle_speaker_labels=speaker_labels)
    return render_srt(t, choices)


def to_vtt(t: Transcript, *, max_line_length: int = 42, max_lines: int = 2,
           speaker_labels: bool = True) -> str:
    """WebVTT; ``speaker_labels`` gives each cue its speaker's voice tag (``<v Name>``)."""
    choices = ExportChoices(speaker_names=speaker_labels,
                            subtitle_rules=layout_rules(max_line_length, max_lines))
    return render_vtt(t, choices)
