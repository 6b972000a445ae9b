"""Reading saved JobOptions tolerantly: old key names, missing keys, wrong types."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from smdesk.core.vocab import VocabEntry

# Older or alternative names -> current attribute name.
_ALIASES = {
    "model": "operating_point",
    "targets": "translation_targets",
    "target_languages": "translation_targets",
    "sensitivity": "speaker_sensitivity",
    "additional_vocab": "vocab",
    "max_line_length": "srt_max_line_length",
    "max_lines": "srt_max_lines",
    "entities": "enable_entities",
}
_SUMMARY_ALIASES = {"summary_length": "length", "summary_type": "style"}
_SUMMARY_KEYS = ("content_type", "length", "style")


def _string(value: object, default: str) -> str:
    return value if isinstance(value, str) and value else default


def _strings(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str) and item]


def _integer(value: object, default: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    return int(value) if math.isfinite(value) else default


def _sensitivity(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _summary(value: object) -> dict[str, str] | None:
    if value is True:
        return {}
    if not isinstance(value, Mapping):
        return None
    summary: dict[str, str] = {}
    for key, item in value.items():
        name = _SUMMARY_ALIASES.get(key, key)
        if name in _SUMMARY_KEYS and isinstance(item, str) and item:
            summary[name] = item
    return summary


def _vocab(value: object) -> list[VocabEntry]:
    entries: list[VocabEntry] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str) and item.strip():
            entries.append(VocabEntry(item.strip()))
        elif isinstance(item, Mapping) and isinstance(item.get("content"), str):
            content = item["content"].strip()
            if content:
                entries.append(VocabEntry(content, tuple(_strings(item.get("sounds_like")))))
    return entries


def options_from_mapping(data: Mapping[str, Any]) -> dict[str, Any]:
    """JobOptions keyword arguments (``summary`` as a dict of SummaryOptions fields, or None)."""
    values = {_ALIASES.get(key, key): item for key, item in data.items()}
    return {
        "language": _string(values.get("language"), "en"),
        "operating_point": _string(values.get("operating_point"), "enhanced"),
        "diarization": _string(values.get("diarization"), "speaker"),
        "speaker_sensitivity": _sensitivity(values.get("speaker_sensitivity")),
        "translation_targets": _strings(values.get("translation_targets")),
        "summary": _summary(values.get("summary")),
        "vocab": _vocab(values.get("vocab")),
        "srt_max_line_length": _integer(values.get("srt_max_line_length"), 37),
        "srt_max_lines": _integer(values.get("srt_max_lines"), 2),
        "enable_entities": values.get("enable_entities") is True,
        "expected_languages": _strings(values.get("expected_languages")),
        "recognise_voices": _string(values.get("recognise_voices"), "off"),
        "chosen_voices": _strings(values.get("chosen_voices")),
    }
