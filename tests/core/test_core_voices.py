"""Known voices in job options: which voices a job recognises and the `speakers` it sends."""

from __future__ import annotations

import pytest

from smdesk.core.options import JobOptions
from smdesk.core.voices import (
    MAX_IDENTIFIERS,
    KnownVoice,
    label_problem,
    speakers_config,
    voice_identifiers,
)

ANA = KnownVoice("Ana Ruiz", ("id-ana-1", "id-ana-2"))
BEN = KnownVoice("Ben Okafor", ("id-ben-1",))


def sent_speakers(options: JobOptions, voices: list[KnownVoice]) -> object:
    sdc = options.to_config_dict(voices)["transcription_config"]["speaker_diarization_config"]
    return sdc.get("speakers")


def test_all_known_voices_are_sent_by_name() -> None:
    options = JobOptions(recognise_voices="all")
    assert sent_speakers(options, [ANA, BEN]) == [
        {"label": "Ana Ruiz", "speaker_identifiers": ["id-ana-1", "id-ana-2"]},
        {"label": "Ben Okafor", "speaker_identifiers": ["id-ben-1"]},
    ]


def test_only_chosen_voices_that_still_exist_are_sent() -> None:
    options = JobOptions(recognise_voices="chosen", chosen_voices=["ben okafor", "Deleted"])
    assert sent_speakers(options, [ANA, BEN]) == [
        {"label": "Ben Okafor", "speaker_identifiers": ["id-ben-1"]}
    ]


def test_off_or_without_speaker_diarization_nothing_is_sent() -> None:
    assert sent_speakers(JobOptions(), [ANA]) is None
    config = JobOptions(diarization="none", recognise_voices="all").to_config_dict([ANA])
    assert "speaker_diarization_config" not in config["transcription_config"]
    warning = JobOptions(diarization="channel", recognise_voices="all").issues()
    assert [(i.field, i.blocking) for i in warning] == [("recognise_voices", False)]


def test_identifier_limit_is_shared_fairly_keeping_the_newest() -> None:
    many = KnownVoice("Many", tuple(f"m{i}" for i in range(80)))
    sent = speakers_config([many, BEN])
    counts = {s["label"]: len(s["speaker_identifiers"]) for s in sent}
    assert counts == {"Many": MAX_IDENTIFIERS // 2, "Ben Okafor": 1}
    assert sent[0]["speaker_identifiers"][-1] == "m79"  # the newest kept


def test_voice_choices_survive_saving() -> None:
    options = JobOptions(recognise_voices="chosen", chosen_voices=["Ana Ruiz"])
    again = JobOptions.from_json(options.to_json())
    assert (again.recognise_voices, again.chosen_voices) == ("chosen", ["Ana Ruiz"])
    assert "voices: Ana Ruiz" in again.describe()
    assert JobOptions.from_json('{"recognise_voices": 3}').recognise_voices == "off"


@pytest.mark.parametrize(("name", "ok"), [("Ana", True), ("", False), ("S2", False),
                                          ("uu", False), ("Sam", True)])
def test_voice_names(name: str, ok: bool) -> None:
    assert (label_problem(name) is None) is ok


def test_identifiers_of_a_speaker_in_a_transcript() -> None:
    doc = {"speakers": [{"label": "S1", "speaker_identifiers": ["a", "b"]},
                        {"label": "S2", "speaker_identifiers": "bad"}]}
    assert voice_identifiers(doc, "S1") == ["a", "b"]
    assert voice_identifiers(doc, "S2") == [] and voice_identifiers({}, "S1") == []
