"""Custom dictionary text parsing and limits."""

from __future__ import annotations

from smdesk.core.vocab import VocabEntry, format_vocab_text, parse_vocab_text


def test_parses_words_sounds_like_comments_and_blank_lines() -> None:
    text = (
        "# names in this interview\n"
        "\n"
        "Speechmatics\n"
        "Kubernetes: koo ber net ees, cube er net ease\n"
        "  Nguyen = win  \n"
        "Siobhan\tshiv awn; shi von\n"
        "New   York  City\n"
    )
    entries, warnings = parse_vocab_text(text)
    assert entries == [
        VocabEntry("Speechmatics"),
        VocabEntry("Kubernetes", ("koo ber net ees", "cube er net ease")),
        VocabEntry("Nguyen", ("win",)),
        VocabEntry("Siobhan", ("shiv awn", "shi von")),
        VocabEntry("New York City"),
    ]
    assert warnings == []


def test_duplicates_are_merged_keeping_all_spellings_once() -> None:
    entries, warnings = parse_vocab_text("Nguyen: win\nSpeechmatics\nNguyen: win, nuh win\nNguyen")
    assert entries == [VocabEntry("Nguyen", ("win", "nuh win")), VocabEntry("Speechmatics")]
    assert warnings == []


def test_entries_longer_than_six_words_are_warned_with_their_line() -> None:
    entries, warnings = parse_vocab_text("ok\n\nthe quick brown fox jumps over it\n")
    assert len(entries) == 2
    assert warnings == [
        'Line 3: "the quick brown fox jumps over it" has 7 words, and Speechmatics silently '
        "ignores entries longer than 6 words; shorten it."
    ]


def test_missing_word_before_separator_is_skipped_with_a_warning() -> None:
    entries, warnings = parse_vocab_text("Alpha\n: sounds\n")
    assert entries == [VocabEntry("Alpha")]
    assert warnings == ["Line 2 has no word before the separator; it was skipped."]


def test_more_than_1000_entries_is_warned() -> None:
    entries, warnings = parse_vocab_text("\n".join(f"word{i}" for i in range(1002)))
    assert len(entries) == 1002
    assert warnings == [
        "The custom dictionary has 1002 entries, but Speechmatics accepts at most 1000 per job; "
        "remove 2."
    ]


def test_exactly_1000_entries_is_fine() -> None:
    assert parse_vocab_text("\n".join(f"w{i}" for i in range(1000)))[1] == []


def test_empty_text() -> None:
    assert parse_vocab_text("") == ([], [])
    assert parse_vocab_text("# only a comment\n\n   \n") == ([], [])


def test_format_parses_back_to_the_same_entries() -> None:
    entries = [VocabEntry("Kubernetes", ("koo ber net ees",)), VocabEntry("Speechmatics")]
    text = format_vocab_text(entries)
    assert text == "Kubernetes: koo ber net ees\nSpeechmatics\n"
    assert parse_vocab_text(text) == (entries, [])
    assert format_vocab_text([]) == ""


def test_entry_to_api() -> None:
    assert VocabEntry("a").to_api() == {"content": "a"}
    assert VocabEntry("a", ("b",)).to_api() == {"content": "a", "sounds_like": ["b"]}
