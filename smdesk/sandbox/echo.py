"""How a job's config is echoed back: SDK-safe by default, like the real API with realism."""

from __future__ import annotations

import copy
from typing import Any

# Keys speechmatics-batch 1.1.0's JobConfig.from_dict accepts (it builds dataclasses with **kwargs).
_KNOWN: dict[str, frozenset[str] | None] = {
    "type": None,
    "fetch_data": frozenset({"url"}),  # auth_headers are secrets: never echoed
    "transcription_config": frozenset(
        {
            "language",
            "model",
            "operating_point",
            "output_locale",
            "diarization",
            "domain",
            "max_delay_mode",
            "additional_vocab",
            "punctuation_overrides",
            "speaker_diarization_config",
            "enable_entities",
            "enable_partials",
            "language_hints_strict",
            "channel_diarization_labels",
            "language_hints",
            "max_delay",
            "transcript_filtering_config",
            "audio_filtering_config",
        }
    ),
    "alignment_config": frozenset({"language"}),
    "notification_config": frozenset({"url", "contents", "method"}),
    "tracking": frozenset({"title", "reference", "tags"}),
    "translation_config": frozenset({"target_languages", "enable_partials"}),
    "language_identification_config": frozenset({"expected_languages"}),
    "summarization_config": frozenset({"content_type", "summary_length", "summary_type"}),
    "sentiment_analysis_config": frozenset({"enable_sentiment"}),
    "topic_detection_config": frozenset({"topics"}),
    "auto_chapters_config": frozenset({"enable_chapters"}),
    "audio_events_config": frozenset({"types"}),
    "output_config": frozenset({"generate_lattice", "srt_overrides"}),
}
_NESTED = {
    "transcript_filtering_config": frozenset({"remove_disfluencies", "replacements"}),
    "audio_filtering_config": frozenset({"volume_threshold"}),
}


def _strip_secrets(config: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(config)
    if isinstance(out.get("fetch_data"), dict):
        out["fetch_data"].pop("auth_headers", None)
    for item in out.get("notification_config") or []:
        if isinstance(item, dict):
            item.pop("auth_headers", None)
    return out


def _filter(value: dict[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key not in allowed or item is None:
            continue
        if key in _NESTED and isinstance(item, dict):
            item = _filter(item, _NESTED[key])
        out[key] = item
    return out


def sdk_safe_config(config: dict[str, Any]) -> dict[str, Any]:
    """Only keys and shapes speechmatics-batch 1.1.0 can parse; no nulls."""
    src = _strip_secrets(config)
    out: dict[str, Any] = {}
    for key, value in src.items():
        if key not in _KNOWN or value is None:
            continue
        allowed = _KNOWN[key]
        if allowed is None:
            out[key] = value
        elif key == "notification_config" and isinstance(value, list):
            out[key] = [_filter(v, allowed) for v in value if isinstance(v, dict) and v.get("url")]
        elif isinstance(value, dict):
            out[key] = _filter(value, allowed)
    tc = out.get("transcription_config")
    if isinstance(tc, dict) and "model" in tc and "operating_point" in tc:
        tc.pop("operating_point")  # the SDK refuses both at once
    return out


def realistic_config(config: dict[str, Any]) -> dict[str, Any]:
    """What the real API echoes: the config as submitted plus explicit nulls for unset fields."""
    out = _strip_secrets(config)
    out.setdefault("notification_config", None)
    tc = out.get("transcription_config")
    if isinstance(tc, dict):
        tc.setdefault("additional_vocab", None)
        tc.setdefault("channel_diarization_labels", None)
    return out
