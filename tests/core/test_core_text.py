"""Joining tokens per attaches_to / word_delimiter, spans, wrap groups."""

from __future__ import annotations

import itertools

from smdesk.core.text import (
    default_word_delimiter,
    glued_groups,
    join_text,
    join_words,
    utf16_spans,
    word_at_position,
)
from smdesk.core.transcript import Transcript
from smdesk.core.words import Word

from .factories import document, entity, punct, word


def tokens(*specs: str) -> list[Word]:
    """ "Yes" is a word; ",:previous" is punctuation attaching as given."""
    out = []
    for i, spec in enumerate(specs):
        if (
            ":" in spec
            and len(spec) > 1
            and spec.split(":")[1] in ("previous", "next", "both", "none")
        ):
            text, attach = spec.split(":")
            out.append(Word(text, float(i), float(i), "punctuation", attaches_to=attach))
        else:
            out.append(Word(spec, float(i), float(i) + 0.5))
    return out


def test_golden_join_rules_from_the_legacy_converter() -> None:
    words = tokens(
        "Yes", ",:previous", "*:next", "great", "for", "-:both", "sure", "&:none", "stuff"
    )
    assert join_text(words) == "Yes, *great for-sure & stuff"


def test_punctuation_without_attaches_to_glues_to_previous_word() -> None:
    words = [Word("Hello", 0, 1), Word("!", 1, 1, "punctuation"), Word("Bye", 2, 3)]
    assert join_text(words) == "Hello! Bye"


def test_words_with_empty_delimiter_join_without_spaces() -> None:
    words = [Word("That's", 0, 1), Word("amazing", 1, 2), Word(".", 2, 2, "punctuation")]
    assert join_text(words, delimiter="") == "That'samazing."


def test_leading_punctuation_attaching_previous_has_no_space_before() -> None:
    words = [Word(",", 0, 0, "punctuation", attaches_to="previous"), Word("so", 0, 1)]
    assert join_text(words) == ", so"


def test_spans_cover_each_token_exactly() -> None:
    words = tokens(
        "Yes", ",:previous", "*:next", "great", "for", "-:both", "sure", "&:none", "stuff"
    )
    text, spans = join_words(words)
    assert [index for index, _, _ in spans] == list(range(len(words)))
    for index, start, end in spans:
        assert text[start:end] == words[index].text
    # spans are ordered and never overlap
    assert all(a[2] <= b[1] for a, b in itertools.pairwise(spans))


def test_join_of_a_sub_range_reports_absolute_word_indexes() -> None:
    words = tokens("a", "b", "c", "d")
    text, spans = join_words(words, 1, 2)
    assert text == "b c"
    assert spans == [(1, 0, 1), (2, 2, 3)]


def test_per_language_delimiters_pick_by_the_token_language() -> None:
    words = [
        Word("我", 0, 1, language="cmn"),
        Word("们", 1, 2, language="cmn"),
        Word("hello", 2, 3, language="en"),
        Word("world", 3, 4, language="en"),
    ]
    text, _ = join_words(words, delimiter=" ", language_delimiters={"cmn": "", "en": " "})
    assert text == "我们 hello world"


def test_default_delimiter_is_empty_only_for_japanese_and_mandarin() -> None:
    assert default_word_delimiter("ja") == ""
    assert default_word_delimiter("cmn") == ""
    assert default_word_delimiter("en") == " "
    assert default_word_delimiter(None) == " "


def test_transcript_uses_the_documents_word_delimiter() -> None:
    results = [word("こんにちは", 0, 1), word("世界", 1, 2), punct("。", 2, is_eos=True)]
    t = Transcript.from_json_v2(document(results, language="ja", delimiter=""))
    assert t.text() == "こんにちは世界。"


def test_transcript_falls_back_to_language_default_delimiter() -> None:
    results = [word("你好", 0, 1), word("世界", 1, 2)]
    t = Transcript.from_json_v2(document(results, language="cmn", delimiter=None))
    assert t.word_delimiter == ""
    assert t.text() == "你好世界"


def test_entity_renders_its_written_form() -> None:
    results = [
        word("It", 0, 0.2),
        word("costs", 0.2, 0.5),
        entity("$2.05", ["two", "dollars", "five"], 0.5, 1.5),
        punct(".", 1.5, is_eos=True),
    ]
    t = Transcript.from_json_v2(document(results))
    assert t.text() == "It costs $2.05."
    assert [w.kind for w in t.words] == ["word", "word", "entity", "punctuation"]


def test_glued_groups_are_the_units_of_wrapping() -> None:
    words = tokens(
        "Yes", ",:previous", "*:next", "great", "for", "-:both", "sure", "&:none", "stuff"
    )
    groups = glued_groups(words, 0, len(words) - 1)
    texts = [join_text(words[a : b + 1]) for a, b in groups]
    assert texts == ["Yes,", "*great", "for-sure", "&", "stuff"]


def test_glued_groups_of_empty_range() -> None:
    assert glued_groups(tokens("a"), 1, 0) == []


def test_utf16_spans_shift_after_astral_characters() -> None:
    words = [Word("😀", 0, 1), Word("ok", 1, 2)]
    text, spans = join_words(words)
    assert spans == [(0, 0, 1), (1, 2, 4)]
    assert utf16_spans(text, spans) == [(0, 0, 2), (1, 3, 5)]


def test_utf16_spans_unchanged_for_bmp_text() -> None:
    words = [Word("héllo", 0, 1), Word("世界", 1, 2)]
    text, spans = join_words(words)
    assert utf16_spans(text, spans) == spans


def test_word_at_position_maps_clicks_to_words() -> None:
    words = tokens("Yes", ",:previous", "great", "stuff")
    text, spans = join_words(words)
    assert text == "Yes, great stuff"
    hits = [word_at_position(spans, position) for position in range(len(text) + 2)]
    # Y e s , _ g r e a t _ s t u f f (end)
    assert hits == [0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3]
    assert word_at_position(spans, -1) is None
    assert word_at_position([], 0) is None
