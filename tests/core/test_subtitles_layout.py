"""How the engine lays cues out: line breaks, joins, timing, scripts, labels, edits."""

from __future__ import annotations

import itertools
from typing import Any

from smdesk.core.edits import rename_speaker, replace_text
from smdesk.core.subtitles import PRESETS, check_cues, display_width, make_cues
from smdesk.core.subtitles import make_translation_cues as translation_cues
from smdesk.core.transcript import Transcript

from .factories import document, punct, word

NETFLIX, BBC, VERTICAL = PRESETS["netflix"], PRESETS["bbc"], PRESETS["vertical"]


def spoken(text: str, *, start: float = 0.0, rate: float = 2.5, speaker: str = "S1",
           language: str = "en") -> list[dict[str, Any]]:
    """``text`` as json-v2 results, one word every 1/rate s, punctuation glued."""
    results: list[dict[str, Any]] = []
    now = start
    for piece in text.split():
        core = piece.rstrip(".,?!")
        results.append(word(core, round(now, 3), round(now + 0.8 / rate, 3), speaker=speaker,
                            language=language))
        now += 1 / rate
        for mark in piece[len(core):]:
            results.append(punct(mark, results[-1]["end_time"], is_eos=mark in ".?!",
                                 speaker=speaker, language=language))
    return results


def transcript(*parts: list[dict[str, Any]], **kwargs: Any) -> Transcript:
    return Transcript.from_json_v2(document([r for part in parts for r in part], **kwargs))


def test_two_lines_break_where_a_reader_expects() -> None:
    t = transcript(spoken("I went to the market and bought some bread with my sister yesterday."))
    (cue,) = make_cues(t, NETFLIX)
    assert len(cue.lines) == 2
    first, second = cue.lines
    assert first.split()[-1] not in {"the", "to", "my", "with", "some"}
    # "and bought some bread with my sister yesterday." is too long: before the preposition
    assert second.startswith("with ")


def test_names_and_titles_stay_together() -> None:
    t = transcript(spoken("One of the first people to congratulate him was none other than "
                          "Sir Alex Ferguson at the ground.", rate=2.0))
    lines = [line for cue in make_cues(t, BBC) for line in cue.lines]
    assert not any(line.endswith(("Sir", "Alex")) for line in lines), lines
    t = transcript(spoken("Sorry about all this, Mr. Burdett, it will not happen again."))
    lines = [line for cue in make_cues(t, BBC) for line in cue.lines]
    assert not any(line.endswith("Mr.") for line in lines), lines


def test_lines_are_balanced_not_filled_greedily() -> None:
    t = transcript(spoken("Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu."))
    (cue,) = make_cues(t, BBC)
    first, second = cue.lines
    assert abs(len(first) - len(second)) <= 6 and len(first) <= len(second), cue.lines


def test_one_line_when_it_fits_and_short_sentences_joined() -> None:
    t = transcript(spoken("Okay. Let's go."))
    cues = make_cues(t, NETFLIX)
    assert [c.lines for c in cues] == [("Okay. Let's go.",)]


def test_no_one_word_tail_cue() -> None:
    text = ("We spent most of the money on the new building in the centre of town "
            "and the rest on the people who run it last year.")
    cues = make_cues(transcript(spoken(text)), BBC)
    assert len(cues) >= 2
    assert all(len(" ".join(c.lines).split()) > 2 for c in cues), [c.lines for c in cues]


def test_a_short_cue_is_extended_into_silence_not_beyond() -> None:
    t = transcript(spoken("Yes."), spoken("Then we left.", start=5.0))
    yes = make_cues(t, NETFLIX)[0]
    assert yes.lines == ("Yes.",)
    assert yes.end - yes.start >= NETFLIX.min_duration - 0.0005
    assert yes.end <= 0.32 + NETFLIX.min_duration + 0.001  # only what the rule needs


def test_cues_keep_the_gap_and_never_start_much_before_speech() -> None:
    t = Transcript.from_json_v2(document(spoken(
        "Fast talk goes on and on without a single pause between all of these words here "
        "so the subtitles have to follow each other closely, with the minimum gap.", rate=4.0)))
    cues = make_cues(t, NETFLIX)
    for before, after in itertools.pairwise(cues):
        assert after.start - before.end >= NETFLIX.min_gap - 0.0005
    for cue in cues:
        assert cue.first_word is not None
        assert cue.start >= t.words[cue.first_word].start - NETFLIX.max_lead - 0.0005


def test_zero_length_words_still_give_increasing_non_empty_cues() -> None:
    doc = document([word("a", 1.0, 1.0), word("b", 1.0, 1.0, speaker="S2"),
                    word("c", 1.0, 1.0, speaker="S3")])
    cues = make_cues(Transcript.from_json_v2(doc), NETFLIX)
    assert all(c.end > c.start for c in cues)
    assert all(a.end <= b.start for a, b in itertools.pairwise(cues))
    assert [w for c in cues for line in c.lines for w in line.lstrip("-").split()] == list("abc")


def test_vertical_video_is_one_short_line_and_never_dash_form() -> None:
    t = transcript(spoken("Which platform?"), spoken("Four.", start=1.0, speaker="S2"),
                   spoken("I went to the market and bought some bread.", start=2.0))
    cues = make_cues(t, VERTICAL)
    assert all(len(c.lines) == 1 and len(c.lines[0]) <= 26 for c in cues)
    assert all(len(set(c.line_speakers)) == 1 for c in cues)


def test_speaker_labels_count_toward_the_width_and_follow_renames() -> None:
    t = transcript(spoken("I went to the market and bought some bread with my sister."),
                   spoken("Did you?", start=6.0, speaker="S2"))
    rename_speaker(t, "S1", "Alexandra Fitzgerald-Smythe")
    cues = make_cues(t, BBC, speaker_labels=True)
    assert cues[0].lines[0].startswith("[Alexandra Fitzgerald-Smythe] ")
    assert all(len(line) <= BBC.max_chars_per_line for c in cues for line in c.lines)
    assert any("[Speaker 2]" in line for c in cues for line in c.lines)


def test_edits_show_in_the_cues() -> None:
    t = transcript(spoken("We met the minister today."))
    replace_text(t, 3, 3, "Prime Minister")
    (cue,) = make_cues(t, NETFLIX)
    assert cue.lines == ("We met the Prime Minister today.",)


def test_undiarized_transcripts_get_no_labels() -> None:
    t = transcript(spoken("Hello there.", speaker="UU"))
    assert make_cues(t, NETFLIX, speaker_labels=True)[0].lines == ("Hello there.",)


def _japanese() -> Transcript:
    tokens = ["今日", "は", "東京", "で", "新しい", "プロジェクト", "について", "話し", "ました",
              "。", "明日", "は", "大阪", "に", "行き", "ます", "。"]
    results = []
    now = 0.0
    for token in tokens:
        if token == "。":
            results.append(punct(token, now, is_eos=True, language="ja"))
        else:
            results.append(word(token, round(now, 2), round(now + 0.3, 2), language="ja"))
            now += 0.35
    return Transcript.from_json_v2(document(results, language="ja", delimiter=""))


def test_japanese_is_laid_out_by_characters_with_wide_width() -> None:
    rules = VERTICAL  # 26 columns: 13 wide characters a line
    cues = make_cues(_japanese(), rules)
    text = "".join(line for c in cues for line in c.lines)
    assert text == "今日は東京で新しいプロジェクトについて話しました。明日は大阪に行きます。"
    for cue in cues:
        for line in cue.lines:
            assert " " not in line
            assert display_width(line) <= 26
            assert not line.startswith("。")
    assert not [b for b in check_cues(cues, rules) if b.rule == "line_length"]


def test_a_word_wider_than_a_line_in_chinese_is_cut_by_characters() -> None:
    long = "中华人民共和国全国人民代表大会常务委员会"  # 20 characters, 40 columns
    doc = document([word(long, 0.0, 3.0, language="cmn"), punct("。", 3.0, is_eos=True)],
                   language="cmn", delimiter="")
    cues = make_cues(Transcript.from_json_v2(doc), VERTICAL)
    assert "".join(line for c in cues for line in c.lines) == long + "。"
    assert all(display_width(line) <= 26 for c in cues for line in c.lines)


def test_right_to_left_lines_stay_in_logical_order_and_dash_lines_get_a_mark() -> None:
    t = transcript(spoken("מה שלומך?", language="he"),
                   spoken("טוב.", start=0.8, speaker="S2", language="he"),
                   spoken("ואתה?", start=1.3, language="he"), language="he")
    cues = make_cues(t, NETFLIX)
    assert cues[0].lines == ("\u200f-מה שלומך?", "\u200f-טוב.")
    assert check_cues(cues, NETFLIX) == []


def test_translations_without_spaces_are_laid_out_by_characters() -> None:
    doc = document(spoken("Hello, how are you today? I am fine."), translations={"zh": [
        {"start_time": 0.0, "end_time": 3.0, "content": "你好，你今天怎么样？我很好。",
         "speaker": "S1"}]})
    cues = translation_cues(Transcript.from_json_v2(doc), "zh", VERTICAL)
    assert "".join(line for c in cues for line in c.lines) == "你好，你今天怎么样？我很好。"
    assert all(not line.startswith(("，", "？", "。")) for c in cues for line in c.lines)


def test_empty_transcript_has_no_cues() -> None:
    assert make_cues(Transcript.from_json_v2(document([])), NETFLIX) == []


def test_overlapping_channels_give_no_overlapping_cues_and_lose_no_words() -> None:
    """Channel diarization: both sides talk at once, results come in start-time order."""
    left = spoken("I think we should start.", speaker="UU")
    left += spoken("The meeting has a long agenda and everyone is already here.", start=5.6,
                   speaker="UU")
    right = spoken("Sorry, can you hear me? My connection is bad today.", start=1.1,
                   speaker="UU")
    for result in left:
        result["channel"] = "channel_1"
    for result in right:
        result["channel"] = "channel_2"
    results = sorted(left + right, key=lambda r: (r["start_time"], r["type"] != "word"))
    doc = document(results)
    doc["metadata"]["transcription_config"]["diarization"] = "channel"
    t = Transcript.from_json_v2(doc)
    cues = make_cues(t, NETFLIX)
    assert all(b.start - a.end >= NETFLIX.min_gap - 0.0005 for a, b in itertools.pairwise(cues))
    shown = [w for c in cues for line in c.lines for w in line.lstrip("\u200f-").split()]
    assert len(shown) == sum(1 for w in t.words if w.kind == "word")
    # Each side's sentence stays whole: the two talking at once share a cue in dash form.
    assert cues[0].lines == ("-I think we should start.", "-Sorry, can you hear me?")
    assert cues[0].line_speakers == ("channel_1", "channel_2")
    assert check_cues(cues, NETFLIX) == []
