"""search_languages: what the language box offers for typed text, best first."""

from smdesk.core.languages import LANGUAGES, search_languages

CODES = sorted(LANGUAGES, key=lambda c: LANGUAGES[c].casefold())


def test_an_exact_name_comes_before_packs_that_contain_it() -> None:
    found = search_languages("English", CODES)
    assert found[0] == "en"
    assert set(found[1:]) >= {"ar_en", "cmn_en", "en_ms"}


def test_name_starts_before_later_words_before_anywhere() -> None:
    assert search_languages("man", CODES)[0] == "cmn"  # "Mandarin" starts with it
    found = search_languages("tamil", CODES)
    assert found[0] == "ta" and "cmn_en_ms_ta" in found and "en_ta" in found


def test_codes_match_and_nothing_matches_nothing() -> None:
    assert search_languages("SV", CODES)[0] == "sv"
    assert search_languages("klingon", CODES) == []
    assert search_languages("  ", CODES) == CODES
