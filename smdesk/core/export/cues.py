"""The subtitle engine as the exporters see it: the `subtitles` package's published API.

One import point, so the exporters never reach into the engine's modules.
"""

from __future__ import annotations

from smdesk.core.subtitles import (
    PRESETS,
    Cue,
    RuleBreak,
    SubtitleRules,
    check_cues,
    describe_breaks,
    make_cues,
    make_translation_cues,
)

__all__ = [
    "PRESETS",
    "Cue",
    "RuleBreak",
    "SubtitleRules",
    "check_cues",
    "describe_breaks",
    "make_cues",
    "make_translation_cues",
]
