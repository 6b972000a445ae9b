"""translation_languages: the translations a stored json-v2 text really has, read without
building its words, agreeing with what the transcript reader (and so the export) finds."""

from __future__ import annotations

import json

from smdesk.core.export.languages import translation_languages
from smdesk.core.transcript import Transcript
from tests.core.factories import document, punct, word
from tests.core.realworld import FILES, needs_realworld


def _doc(translations: object) -> dict[str, object]:
    doc = document([word("Hola", 0.1, 0.4, speaker="S1"), punct(".", 0.4, is_eos=True,
                                                                speaker="S1")])
    if translations is not None:
        doc["translations"] = translations
    return doc


def test_lists_the_translations_the_text_has_sorted() -> None:
    segment = {"start_time": 0.1, "end_time": 0.4, "content": "Hello.", "speaker": "S1"}
    text = json.dumps(_doc({"fr": [segment], "de": [segment], "es": []}))
    assert translation_languages(text) == ("de", "es", "fr")
    assert translation_languages(text) == tuple(sorted(Transcript.from_json_text(text)
                                                       .translations))


def test_none_broken_or_odd_translations_give_nothing() -> None:
    assert translation_languages(json.dumps(_doc(None))) == ()
    assert translation_languages(json.dumps(_doc(["fr"]))) == ()
    assert translation_languages(json.dumps(_doc({"fr": "Bonjour"}))) == ()
    assert translation_languages('{"results": [') == ()
    assert translation_languages("[1, 2]") == ()


def test_a_repeated_key_falls_back_to_the_full_parse() -> None:
    # the streaming decoder refuses repeated keys; json.loads keeps the last value, as the reader
    text = '{"translations": {"fr": []}, "results": [], "translations": {"it": []}}'
    assert translation_languages(text) == ("it",)


@needs_realworld
def test_agrees_with_the_reader_on_every_real_file() -> None:
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        expected = tuple(sorted(Transcript.from_json_text(text).translations))
        assert translation_languages(text) == expected, path.name
