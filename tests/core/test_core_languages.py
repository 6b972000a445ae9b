"""Languages, translation pairs and summary labels (API reference §G)."""

from __future__ import annotations

from smdesk.core.languages import (
    LANGUAGES,
    MAX_TRANSLATION_TARGETS,
    SUMMARY_CONTENT_TYPES,
    SUMMARY_LENGTHS,
    SUMMARY_STYLES,
    is_translation_supported,
    language_name,
    translation_targets,
)

_PAIR_CODES = (
    "bg ca cmn cs da de el es et fi fr gl hi hr hu id it ja ko lt lv ms nl no pl pt ro ru sk sl sv "
    "tr uk vi"
)
ENGLISH_TARGETS = set(_PAIR_CODES.split())


def test_language_list_is_complete_and_auto_comes_first() -> None:
    assert next(iter(LANGUAGES)) == "auto"
    assert LANGUAGES["auto"] == "Detect automatically"
    assert len(LANGUAGES) == 62  # 61 languages + auto
    for code, name in {
        "en": "English",
        "cmn_en": "Mandarin & English",
        "yue": "Cantonese",
        "cy": "Welsh",
        "ug": "Uyghur",
        "tl": "Tagalog & English",
    }.items():
        assert LANGUAGES[code] == name
    assert "nn" not in LANGUAGES and "multi" not in LANGUAGES


def test_english_translates_into_exactly_the_listed_languages() -> None:
    assert set(translation_targets("en")) == ENGLISH_TARGETS
    assert len(ENGLISH_TARGETS) == 34


def test_each_listed_language_translates_into_english_only() -> None:
    for code in ENGLISH_TARGETS - {"no"}:
        assert translation_targets(code) == ["en"], code
    assert translation_targets("no") == ["en", "nn"]


def test_languages_without_pairs_have_no_targets() -> None:
    for code in ("cy", "ar", "th", "ar_en", "yue"):
        assert translation_targets(code) == []
    assert translation_targets("xx") == []


def test_targets_are_sorted_by_name() -> None:
    names = [language_name(code) for code in translation_targets("en")]
    assert names == sorted(names)
    assert names[0] == "Bulgarian"


def test_auto_offers_the_union_of_all_targets() -> None:
    assert set(translation_targets("auto")) == ENGLISH_TARGETS | {"en", "nn"}
    assert is_translation_supported("auto", "es")
    assert not is_translation_supported("auto", "cy")


def test_pair_checks() -> None:
    assert is_translation_supported("en", "de")
    assert is_translation_supported("de", "en")
    assert not is_translation_supported("de", "fr")
    assert is_translation_supported("no", "nn")
    assert not is_translation_supported("en", "nn")
    assert not is_translation_supported("en", "en")


def test_names_and_limits() -> None:
    assert language_name("nn") == "Norwegian Nynorsk"
    assert language_name("de") == "German"
    assert language_name("zz") == "zz"
    assert MAX_TRANSLATION_TARGETS == 5


def test_summary_choices_match_the_api_enums() -> None:
    assert list(SUMMARY_CONTENT_TYPES) == ["auto", "informative", "conversational"]
    assert list(SUMMARY_LENGTHS) == ["brief", "detailed"]
    assert list(SUMMARY_STYLES) == ["bullets", "paragraphs"]
    assert all(label for label in {**SUMMARY_CONTENT_TYPES, **SUMMARY_LENGTHS}.values())
