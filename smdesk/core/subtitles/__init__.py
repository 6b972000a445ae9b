"""Subtitles under broadcast rules: presets, the cue engine, and the rule checker.

    from smdesk.core.subtitles import PRESETS, make_cues, check_cues, describe_breaks
    cues = make_cues(transcript, PRESETS["netflix"])
    describe_breaks(check_cues(cues, PRESETS["netflix"]))   # "0 problems"

Modules: ``rules`` (SubtitleRules, PRESETS, with the guides cited), ``units`` (words -> units),
``segment`` (which units form a cue), ``lines`` (where lines break), ``timing`` (in/out times),
``check`` (the checker), ``make`` (the pipeline).
"""

from smdesk.core.subtitles.check import RULES, RuleBreak, check_cues, describe_breaks
from smdesk.core.subtitles.cue import Cue
from smdesk.core.subtitles.make import make_cues, make_translation_cues
from smdesk.core.subtitles.rules import PRESETS, SubtitleRules
from smdesk.core.subtitles.units import display_width

__all__ = [
    "PRESETS",
    "RULES",
    "Cue",
    "RuleBreak",
    "SubtitleRules",
    "check_cues",
    "describe_breaks",
    "display_width",
    "make_cues",
    "make_translation_cues",
]
