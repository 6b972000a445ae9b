"""JobOptions: API config JSON, validation sentences, persistence."""

from __future__ import annotations

import json

import pytest

from smdesk.core.options import JobOptions, SummaryOptions, VocabEntry


def test_default_options_config_golden() -> None:
    assert JobOptions().to_config_dict() == {
        "type": "transcription",
        "transcription_config": {
            "language": "en",
            "operating_point": "enhanced",
            "diarization": "speaker",
            # Voice identifiers always come back, so any speaker can be remembered later.
            "speaker_diarization_config": {"get_speakers": True},
        },
    }


def test_full_options_config_golden() -> None:
    options = JobOptions(
        language="de",
        operating_point="standard",
        diarization="speaker",
        speaker_sensitivity=0.7,
        translation_targets=["en"],
        summary=SummaryOptions(
            content_type="conversational", length="detailed", style="paragraphs"
        ),
        vocab=[VocabEntry("Kubernetes", ("koo ber net ees",)), VocabEntry("Speechmatics")],
        srt_max_line_length=42,
        srt_max_lines=1,
        enable_entities=True,
    )
    assert options.to_config_dict() == {
        "type": "transcription",
        "transcription_config": {
            "language": "de",
            "operating_point": "standard",
            "diarization": "speaker",
            "speaker_diarization_config": {"speaker_sensitivity": 0.7, "get_speakers": True},
            "additional_vocab": [
                {"content": "Kubernetes", "sounds_like": ["koo ber net ees"]},
                {"content": "Speechmatics"},
            ],
            "enable_entities": True,
        },
        "translation_config": {"target_languages": ["en"]},
        "summarization_config": {
            "content_type": "conversational",
            "summary_length": "detailed",
            "summary_type": "paragraphs",
        },
    }
    json.dumps(options.to_config_dict())  # JSON-serialisable


def test_no_diarization_and_channel_diarization() -> None:
    config = JobOptions(diarization="none", speaker_sensitivity=0.5).to_config_dict()
    assert "diarization" not in config["transcription_config"]
    assert "speaker_diarization_config" not in config["transcription_config"]
    config = JobOptions(diarization="channel").to_config_dict()
    assert config["transcription_config"]["diarization"] == "channel"


def test_auto_language_adds_language_identification() -> None:
    config = JobOptions(language="auto").to_config_dict()
    assert config["transcription_config"]["language"] == "auto"
    assert config["language_identification_config"] == {}
    config = JobOptions(language="auto", expected_languages=["en", "fr"]).to_config_dict()
    assert config["language_identification_config"] == {"expected_languages": ["en", "fr"]}
    assert "language_identification_config" not in JobOptions().to_config_dict()


def test_describe() -> None:
    assert JobOptions().describe() == "English · speakers"
    options = JobOptions(
        language="en",
        operating_point="standard",
        translation_targets=["es", "fr"],
        summary=SummaryOptions(),
        vocab=[VocabEntry("a"), VocabEntry("b")],
    )
    assert (
        options.describe() == "English · standard · speakers · → es, fr · summary · 2 custom words"
    )
    assert JobOptions(language="auto", diarization="none").describe() == "Detect automatically"
    assert JobOptions(diarization="channel", vocab=[VocabEntry("x")]).describe() == (
        "English · channels · 1 custom word"
    )


def test_valid_options_have_no_issues() -> None:
    assert JobOptions().validate() == []
    assert (
        JobOptions(language="en", translation_targets=["es", "fr", "de", "ja", "cmn"]).validate()
        == []
    )
    assert JobOptions(language="no", translation_targets=["en", "nn"]).validate() == []
    assert JobOptions(language="auto", translation_targets=["en", "es"]).validate() == []


def test_too_many_translation_targets() -> None:
    options = JobOptions(translation_targets=["es", "fr", "de", "it", "pt", "nl"])
    assert options.validate() == [
        "Translation allows at most 5 target languages per job (6 are selected); remove 1."
    ]
    assert [i.field for i in options.issues()] == ["translation_targets"]


def test_unsupported_translation_pair_names_both_languages() -> None:
    assert JobOptions(language="fr", translation_targets=["de"]).validate() == [
        "Translation from French to German is not supported; remove 'de'."
    ]
    assert JobOptions(language="en", translation_targets=["nn"]).validate() == [
        "Translation from English to Norwegian Nynorsk is not supported; remove 'nn'."
    ]
    assert JobOptions(language="cy", translation_targets=["en"]).validate() != []


def test_duplicate_target() -> None:
    assert JobOptions(translation_targets=["es", "es"]).validate() == [
        "A translation target language is listed twice."
    ]


@pytest.mark.parametrize("value", [-0.1, 1.5, float("nan")])
def test_speaker_sensitivity_out_of_range(value: float) -> None:
    messages = JobOptions(speaker_sensitivity=value).validate()
    assert len(messages) == 1
    assert messages[0].startswith("Speaker sensitivity must be between 0 and 1")


def test_speaker_sensitivity_without_speaker_diarization_is_a_warning() -> None:
    issues = JobOptions(diarization="none", speaker_sensitivity=0.4).issues()
    assert [(i.field, i.blocking) for i in issues] == [("speaker_sensitivity", False)]


def test_vocab_limits() -> None:
    many = [VocabEntry(f"word{i}") for i in range(1001)]
    assert JobOptions(vocab=many).validate() == [
        "The custom dictionary has 1001 entries, but Speechmatics accepts at most 1000 per job; "
        "remove 1."
    ]
    long_entry = VocabEntry("one two three four five six seven")
    issues = JobOptions(vocab=[long_entry]).issues()
    assert [(i.field, i.blocking) for i in issues] == [("vocab", False)]
    assert issues[0].message == (
        'Custom dictionary entry "one two three four five six seven" has 7 words, and '
        "Speechmatics silently ignores entries longer than 6 words; shorten it."
    )
    assert JobOptions(vocab=[VocabEntry("  ")]).validate() == [
        "A custom dictionary entry is empty."
    ]


def test_unknown_values_are_named() -> None:
    options = JobOptions(
        language="xx",
        operating_point="turbo",
        diarization="both",
        summary=SummaryOptions(content_type="poetic", length="brief", style="haiku"),
    )
    messages = options.validate()
    assert "Language 'xx' is not a Speechmatics language; choose one from the list." in messages
    assert "Accuracy 'turbo' is unknown; choose Enhanced or Standard." in messages
    assert "Speaker detection 'both' is unknown; choose none, speaker or channel." in messages
    assert (
        "Summary content type 'poetic' is unknown; choose auto or informative or conversational."
        in messages
    )
    assert "Summary style 'haiku' is unknown; choose bullets or paragraphs." in messages
    assert len(messages) == 5


def test_srt_limits_must_be_sane() -> None:
    messages = JobOptions(srt_max_line_length=5, srt_max_lines=0).validate()
    assert messages == [
        "Subtitle line length must be between 10 and 100 characters (it is 5).",
        "Subtitle lines per caption must be between 1 and 5 (it is 0).",
    ]


def test_expected_languages_are_checked() -> None:
    assert JobOptions(language="auto", expected_languages=["en", "zz"]).validate() == [
        "Expected language 'zz' is not a Speechmatics language."
    ]


def test_json_round_trip() -> None:
    options = JobOptions(
        language="auto",
        translation_targets=["en"],
        summary=SummaryOptions(length="detailed"),
        vocab=[VocabEntry("Kubernetes", ("koo ber net ees",))],
        speaker_sensitivity=0.3,
        srt_max_line_length=42,
        enable_entities=True,
        expected_languages=["en", "de"],
    )
    assert JobOptions.from_json(options.to_json()) == options
    assert JobOptions.from_json(JobOptions().to_json()) == JobOptions()


def test_from_json_tolerates_old_names_extra_keys_and_bad_values() -> None:
    old = json.dumps(
        {
            "language": "fr",
            "model": "standard",
            "targets": ["en", 3],
            "summary": True,
            "additional_vocab": ["Macron", {"content": "Élysée", "sounds_like": ["elizay"]}, 7],
            "srt_max_line_length": "wide",
            "speaker_sensitivity": "high",
            "something_new": {"x": 1},
        }
    )
    options = JobOptions.from_json(old)
    assert options == JobOptions(
        language="fr",
        operating_point="standard",
        translation_targets=["en"],
        summary=SummaryOptions(),
        vocab=[VocabEntry("Macron"), VocabEntry("Élysée", ("elizay",))],
    )
    legacy_summary = JobOptions.from_json('{"summary": {"summary_length": "detailed"}}')
    assert legacy_summary.summary == SummaryOptions(length="detailed")
    assert JobOptions.from_json("{}") == JobOptions()


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", "null"])
def test_from_json_rejects_non_objects_with_a_sentence(text: str) -> None:
    with pytest.raises(ValueError, match="saved job options"):
        JobOptions.from_json(text)


def test_expected_language_that_cannot_be_detected_is_a_warning() -> None:
    issues = JobOptions(language="auto", expected_languages=["en", "ga"]).issues()
    assert [(i.field, i.blocking) for i in issues] == [("expected_languages", False)]
    assert issues[0].message == (
        "Irish cannot be detected automatically; choose it as the language instead."
    )
