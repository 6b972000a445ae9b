"""`smdesk transcribe --voices NAME,NAME`: recognise the app's known voices by name.

Voices are remembered in the app ("Remember this voice as…"); they live in its history database.
A server that refuses the identifiers (400) gets the job again without them, so the transcript
still arrives, with numbered speakers, and the user is told why.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from smdesk.cli.common import UsageError

if TYPE_CHECKING:
    from smdesk.core.voices import KnownVoice



def parse_voice_names(value: str | None) -> list[str]:
    if value is None:
        return []
    return list(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))


def load_known_voices(names: list[str], diarization: str) -> list[KnownVoice]:
    """The known voices called `names` ("all" = every one). Raises UsageError in one line."""
    if not names:
        return []
    if diarization != "speaker":
        raise UsageError("--voices needs --diarization speaker (voices are told apart by sound).")
    known = _stored_voices()
    if not known:
        raise UsageError("--voices: there are no known voices yet; in the app, right-click a "
                         "speaker of a finished transcript and choose Remember this voice as….")
    if [n.casefold() for n in names] == ["all"]:
        return known
    by_name = {voice.name.casefold(): voice for voice in known}
    missing = [n for n in names if n.casefold() not in by_name]
    if missing:
        have = ", ".join(v.name for v in known)
        raise UsageError(f"--voices: there is no known voice called {missing[0]!r}; "
                         f"known voices: {have} (or all).")
    return [by_name[n.casefold()] for n in names]


def _stored_voices() -> list[KnownVoice]:
    from smdesk.store import History, HistoryError, history_path
    from smdesk.store.voices import VoiceStore

    path = history_path()
    if not path.exists():
        return []
    try:
        with History.open(path) as history:
            return VoiceStore(history).known_voices()
    except HistoryError as exc:
        raise UsageError(f"--voices: {exc}") from None


def sent_voice_names(config: Any) -> list[str]:
    """Labels of the `speakers` a batch JobConfig carries."""
    tc = getattr(config, "transcription_config", None)
    sdc = getattr(tc, "speaker_diarization_config", None)
    return [s.label for s in getattr(sdc, "speakers", None) or []]


def without_speakers(config: Any) -> Any:
    """A copy of a batch JobConfig that still asks for identifiers but names nobody."""
    changed = copy.deepcopy(config)
    changed.transcription_config.speaker_diarization_config.speakers = None
    return changed


async def submit_recognising_voices(client: Any, config: Any, source: str,
                                    **kwargs: Any) -> tuple[Any, str | None]:
    """submit_job; if the server refuses the voices, again without them (and why)."""
    from smdesk.batch import ConfigurationError
    from smdesk.core.voices import REFUSED_VOICES

    try:
        return await client.submit_job(source, config=config, **kwargs), None
    except ConfigurationError as exc:
        names = sent_voice_names(config)
        if not names or exc.status_code not in (400, 422):
            raise
    # A 400 means no job was created, so a second submission cannot bill twice.
    job = await client.submit_job(source, config=without_speakers(config), **kwargs)
    return job, REFUSED_VOICES.format(names=", ".join(names))
