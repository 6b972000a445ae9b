"""Validation of the submitted `config` part, with the API's 400 bodies."""

from __future__ import annotations

import json
from typing import Any

from smdesk.sandbox.upload import UploadError

DIARIZATION_MODES = frozenset({"none", "speaker", "channel"})
MAX_TRANSLATION_TARGETS = 5


def _invalid(reason: str | None = None) -> UploadError:
    detail = "Job config JSON is invalid" + (f". Error: {reason}" if reason else "")
    return UploadError(400, "Job rejected", detail)


def parse_config(text: str | None) -> dict[str, Any]:
    """The job config as a dict, or UploadError with the API's 400 body."""
    if text is None:
        raise _invalid("the config form field is missing")
    try:
        config = json.loads(text)
    except ValueError:
        raise _invalid() from None
    if not isinstance(config, dict):
        raise _invalid("config must be a JSON object")
    if config.get("type") != "transcription":
        raise _invalid("type must be 'transcription'")
    tc = config.get("transcription_config")
    if not isinstance(tc, dict):
        raise _invalid("transcription_config is required for transcription jobs")
    if not isinstance(tc.get("language"), str) or not tc["language"]:
        raise UploadError(400, "No language selected")
    if tc.get("diarization") is not None and tc["diarization"] not in DIARIZATION_MODES:
        raise _invalid(f"diarization must be one of {', '.join(sorted(DIARIZATION_MODES))}")
    labels = tc.get("channel_diarization_labels")
    if labels is not None and not (
        isinstance(labels, list) and all(isinstance(x, str) for x in labels)
    ):
        raise _invalid("channel_diarization_labels must be a list of strings")
    _check_translation(config.get("translation_config"))
    _check_output(config.get("output_config"))
    fetch = config.get("fetch_data")
    if fetch is not None and not (isinstance(fetch, dict) and isinstance(fetch.get("url"), str)):
        raise _invalid("fetch_data.url is required")
    return config


def _check_translation(tr: Any) -> None:
    if tr is None:
        return
    targets = tr.get("target_languages") if isinstance(tr, dict) else None
    if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
        raise _invalid("translation_config.target_languages must be a list of language codes")
    if len(targets) > MAX_TRANSLATION_TARGETS:
        raise _invalid(f"at most {MAX_TRANSLATION_TARGETS} translation target languages")


def _check_output(output: Any) -> None:
    if output is None:
        return
    overrides = output.get("srt_overrides") if isinstance(output, dict) else None
    if overrides is None:
        return
    for key in ("max_line_length", "max_lines"):
        value = overrides.get(key) if isinstance(overrides, dict) else None
        bad = not isinstance(value, int) or isinstance(value, bool) or value < 1
        if value is not None and bad:
            raise _invalid(f"output_config.srt_overrides.{key} must be a positive integer")
