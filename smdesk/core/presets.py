"""Named starting points for a new transcription ("Interview, 2 speakers", "Meeting", …).

A preset is a function of the options last used, so what a preset does not decide (the language,
the custom vocabulary, the translations) carries over: a journalist who works in German keeps
German when choosing "Meeting". Users' own presets are complete option sets, saved by name.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping

from smdesk.core.options import JobOptions, SummaryOptions

LAST_USED = "Last used"

Preset = Callable[[JobOptions], JobOptions]


def _interview(base: JobOptions) -> JobOptions:
    # Two voices who take turns: speaker labels, the most accurate model, no summary.
    return dataclasses.replace(base, operating_point="enhanced", diarization="speaker",
                               speaker_sensitivity=None, summary=None)


def _video_subtitles(base: JobOptions) -> JobOptions:
    # Speakers are still told apart, for the dash form of two-speaker subtitles.
    # The subtitle rules themselves are chosen when exporting (Netflix, BBC, vertical, custom).
    return dataclasses.replace(base, operating_point="enhanced", diarization="speaker",
                               speaker_sensitivity=None, summary=None)


def _meeting(base: JobOptions) -> JobOptions:
    # Many voices, some alike: a little more sensitive; a detailed summary in bullet points.
    return dataclasses.replace(
        base, operating_point="enhanced", diarization="speaker", speaker_sensitivity=0.6,
        summary=SummaryOptions(content_type="conversational", length="detailed",
                               style="bullets"))


BUILTIN_PRESETS: Mapping[str, Preset] = {
    "Interview, 2 speakers": _interview,
    "Video subtitles": _video_subtitles,
    "Meeting": _meeting,
}


class PresetError(ValueError):
    """A preset name or a saved preset file a user must fix (str() is the sentence)."""


def check_preset_name(name: str, existing: Mapping[str, str]) -> str:
    """The cleaned name for a new user preset.

    Raises:
        PresetError: the name is empty or is one of the built-in names.
    """
    cleaned = " ".join(name.split())
    if not cleaned:
        raise PresetError("Give the preset a name.")
    if cleaned == LAST_USED or cleaned in BUILTIN_PRESETS:
        raise PresetError(f"“{cleaned}” is a built-in preset; choose another name.")
    return cleaned


def read_user_presets(text: str | None) -> dict[str, str]:
    """Saved presets (name → options JSON) from their settings value; unreadable → none."""
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    presets: dict[str, str] = {}
    for name, options_json in data.items():
        if not isinstance(name, str) or not isinstance(options_json, str):
            continue
        try:
            JobOptions.from_json(options_json)
        except (ValueError, TypeError, KeyError):
            continue  # one damaged preset does not hide the others
        presets[name] = options_json
    return presets


def write_user_presets(presets: Mapping[str, str]) -> str:
    return json.dumps(dict(sorted(presets.items())), ensure_ascii=False)


def rename_voice_in_options_json(options_json: str, old: str, new: str) -> str | None:
    """Stored options JSON with the chosen voice `old` renamed `new`; None when unchanged."""
    try:
        renamed = JobOptions.from_json(options_json).with_voice_renamed(old, new)
    except (ValueError, TypeError, KeyError):
        return None  # unreadable options are left for their reader to report
    return None if renamed is None else renamed.to_json()


def rename_voice_in_presets(presets: Mapping[str, str], old: str, new: str) -> dict[str, str]:
    """The user's presets with the chosen voice `old` renamed `new` wherever it is chosen."""
    return {name: rename_voice_in_options_json(options_json, old, new) or options_json
            for name, options_json in presets.items()}


def apply_preset(name: str, last_used: JobOptions, user_presets: Mapping[str, str]) -> JobOptions:
    """The options preset ``name`` gives, starting from ``last_used``.

    Raises:
        PresetError: there is no preset of that name.
    """
    if name == LAST_USED:
        return dataclasses.replace(last_used)
    builtin = BUILTIN_PRESETS.get(name)
    if builtin is not None:
        return builtin(last_used)
    if name in user_presets:
        return JobOptions.from_json(user_presets[name])
    raise PresetError(f"There is no preset called “{name}”.")


def preset_names(user_presets: Mapping[str, str]) -> list[str]:
    """Last used, then the built-in presets, then the user's own A–Z."""
    return [LAST_USED, *BUILTIN_PRESETS, *sorted(user_presets, key=str.casefold)]


def matching_preset(options: JobOptions, last_used: JobOptions,
                    user_presets: Mapping[str, str]) -> str | None:
    """The name of the preset that gives exactly ``options``, if any (for the picker's label)."""
    for name in preset_names(user_presets):
        if apply_preset(name, last_used, user_presets) == options:
            return name
    return None
