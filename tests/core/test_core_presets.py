"""Presets: named starting points that keep what they do not decide (language, vocabulary)."""

import pytest

from smdesk.core.options import JobOptions, VocabEntry
from smdesk.core.presets import (
    BUILTIN_PRESETS,
    LAST_USED,
    PresetError,
    apply_preset,
    check_preset_name,
    matching_preset,
    preset_names,
    read_user_presets,
    write_user_presets,
)

GERMAN = JobOptions(language="de", diarization="none", translation_targets=["en"],
                    vocab=[VocabEntry("Scholz")])


def test_builtin_presets_keep_language_vocabulary_and_translations() -> None:
    for name in BUILTIN_PRESETS:
        options = apply_preset(name, GERMAN, {})
        assert options.language == "de" and options.vocab == GERMAN.vocab
        assert options.translation_targets == ["en"]
        assert options.diarization == "speaker" and options.validate() == []
    assert apply_preset("Meeting", GERMAN, {}).summary is not None
    assert apply_preset("Interview, 2 speakers", GERMAN, {}).summary is None
    assert apply_preset(LAST_USED, GERMAN, {}) == GERMAN


def test_user_presets_round_trip_and_damaged_entries_are_skipped() -> None:
    saved = {"Calls": JobOptions(diarization="channel").to_json()}
    text = write_user_presets(saved)
    assert read_user_presets(text) == saved
    assert read_user_presets('{"Calls": "not json", "Ok": 3}') == {}
    assert read_user_presets("[1, 2]") == {} and read_user_presets(None) == {}
    assert preset_names(saved) == [LAST_USED, *BUILTIN_PRESETS, "Calls"]
    assert apply_preset("Calls", GERMAN, saved).diarization == "channel"
    with pytest.raises(PresetError):
        apply_preset("Nope", GERMAN, saved)


def test_names_are_cleaned_and_builtin_names_refused() -> None:
    assert check_preset_name("  Phone   calls ", {}) == "Phone calls"
    for bad in ("", "   ", "Meeting", LAST_USED):
        with pytest.raises(PresetError):
            check_preset_name(bad, {})


def test_matching_preset_names_the_options_shown() -> None:
    meeting = apply_preset("Meeting", GERMAN, {})
    assert matching_preset(meeting, GERMAN, {}) == "Meeting"
    assert matching_preset(GERMAN, GERMAN, {}) == LAST_USED
    assert matching_preset(JobOptions(language="ja", diarization="channel"), GERMAN, {}) is None


def test_a_renamed_voice_stays_chosen_in_options_and_presets() -> None:
    from smdesk.core.presets import rename_voice_in_options_json, rename_voice_in_presets

    options = JobOptions(recognise_voices="chosen", chosen_voices=["ana ruiz", "Ben"])
    renamed = options.with_voice_renamed("Ana Ruiz", "Dr Ana Ruiz")
    assert renamed is not None and renamed.chosen_voices == ["Dr Ana Ruiz", "Ben"]
    assert options.with_voice_renamed("Cleo", "Dr Cleo") is None
    merged = options.with_voice_renamed("Ben", "Ana Ruiz")  # two names for one voice: once
    assert merged is not None and merged.chosen_voices == ["ana ruiz"]
    presets = {"Mine": options.to_json(), "Other": JobOptions().to_json()}
    after = rename_voice_in_presets(presets, "Ben", "Ben Okafor")
    assert JobOptions.from_json(after["Mine"]).chosen_voices == ["ana ruiz", "Ben Okafor"]
    assert after["Other"] == presets["Other"]
    assert rename_voice_in_options_json("{not json", "Ben", "B") is None
