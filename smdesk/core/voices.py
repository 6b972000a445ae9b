"""Known voices: speakers Speechmatics has heard before, recognised by name in new jobs.

A job asked with ``get_speakers`` returns voice identifiers per speaker; sending them back as
``speaker_diarization_config.speakers`` makes the next transcript arrive with those names.
Pure: the store keeps the voices, the pipeline asks for them at submit time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MAX_IDENTIFIERS",
    "RECOGNISE_MODES",
    "REFUSED_VOICES",
    "VOICE_ID_SENTENCE",
    "KnownVoice",
    "choose_voices",
    "label_problem",
    "speakers_config",
    "voice_identifiers",
    "voice_labels",
    "without_speakers",
]

MAX_IDENTIFIERS = 50  # per job, over every voice (the API's limit)
RECOGNISE_MODES: dict[str, str] = {
    "off": "Off",
    "all": "All known voices",
    "chosen": "Chosen voices",
}
VOICE_ID_SENTENCE = (
    "A voice identifier is a code Speechmatics computes from how a person sounds, so it can "
    "recognise that voice in later recordings; it stays on this computer until you delete it."
)
REFUSED_VOICES = (
    "Speechmatics no longer accepts the stored voice identifiers of {names}, so the speakers "
    "are numbered; remember those voices again from this transcript."
)
_RESERVED = re.compile(r"^(S\d+|UU)$", re.IGNORECASE)


@dataclass(frozen=True)
class KnownVoice:
    name: str
    identifiers: tuple[str, ...]


def label_problem(name: str) -> str | None:
    """Why `name` cannot name a voice (one sentence), or None."""
    stripped = name.strip()
    if not stripped:
        return "A voice needs a name."
    if _RESERVED.match(stripped):
        return f"{stripped!r} is how Speechmatics numbers unknown speakers; choose a real name."
    if len(stripped) > 100:
        return "A voice name can be at most 100 characters."
    return None


def rename_voice_in(names: Sequence[str], old: str, new: str) -> list[str] | None:
    """`names` with the voice `old` (in any case) called `new`, each voice once (its first
    spelling); None when `old` is not among them. Voices are chosen by name, so a rename in
    Known voices must reach every choice made by the old name, or the voice drops out."""
    key = old.casefold()
    if not any(name.casefold() == key for name in names):
        return None
    unique: dict[str, str] = {}
    for name in (new if name.casefold() == key else name for name in names):
        unique.setdefault(name.casefold(), name)
    return list(unique.values())


def choose_voices(
    mode: str, chosen: Sequence[str], known: Sequence[KnownVoice]
) -> list[KnownVoice]:
    """The voices a job recognises: none, all known, or the chosen ones that still exist."""
    if mode == "all":
        return list(known)
    if mode == "chosen":
        by_name = {voice.name.casefold(): voice for voice in known}
        picked = (by_name.get(name.casefold()) for name in dict.fromkeys(chosen))
        return [voice for voice in picked if voice is not None]
    return []


def speakers_config(voices: Sequence[KnownVoice]) -> list[dict[str, Any]]:
    """``speakers`` for the API: valid names, unique identifiers, at most MAX_IDENTIFIERS.

    Newest identifiers are last in each voice, so past the limit the oldest are left out.
    """
    budget = MAX_IDENTIFIERS
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for index, voice in enumerate(voices):
        if label_problem(voice.name) is not None:
            continue
        fresh = [i for i in dict.fromkeys(voice.identifiers) if i and i not in seen]
        share = budget // (len(voices) - index)  # a fair share of what is left
        kept = fresh[-share:] if share else []
        if kept:
            seen.update(kept)
            budget -= len(kept)
            out.append({"label": voice.name.strip(), "speaker_identifiers": kept})
    return out


def voice_identifiers(document: Mapping[str, Any], speaker: str) -> list[str]:
    """The identifiers a json-v2 transcript's top-level ``speakers`` gives `speaker` (e.g. "S1")."""
    speakers = document.get("speakers")
    for entry in speakers if isinstance(speakers, list) else []:
        if isinstance(entry, Mapping) and entry.get("label") == speaker:
            ids = entry.get("speaker_identifiers")
            return [i for i in ids if isinstance(i, str) and i] if isinstance(ids, list) else []
    return []


def voice_labels(config: Mapping[str, Any]) -> list[str]:
    """Names of the known voices an API JobConfig dict sends."""
    sdc = (config.get("transcription_config") or {}).get("speaker_diarization_config") or {}
    return [str(s.get("label")) for s in sdc.get("speakers") or [] if isinstance(s, Mapping)]


def without_speakers(config: Mapping[str, Any]) -> dict[str, Any]:
    """The same JobConfig dict, still asking for identifiers but naming nobody."""
    tc = dict(config.get("transcription_config") or {})
    sdc = {k: v for k, v in (tc.get("speaker_diarization_config") or {}).items()
           if k != "speakers"}  # fmt: skip
    tc["speaker_diarization_config"] = sdc
    return {**config, "transcription_config": tc}
