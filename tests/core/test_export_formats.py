"""Every export format, read back with its own library: speakers, times and text."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from typing import Any

import docx
import pytest
import srt
import webvtt

from smdesk.core import edits
from smdesk.core.export import (
    CSV,
    DOCX,
    FORMATS,
    JSON,
    MARKDOWN,
    QDA,
    SRT,
    TXT,
    VTT,
    ExportChoices,
    ExportMeta,
    file_name,
    parse_formats,
    render,
)
from smdesk.core.transcript import Transcript

from .factories import document, make_json_v2, punct, word

META = ExportMeta(title="Budget interview", source_name="budget.m4a", created="2026-12-01 10:04")


def interview() -> Transcript:
    """Two speakers, renamed, with one word edited: every export must show the edited state."""
    doc: dict[str, Any] = document(
        [
            word("Which", 0.5, 0.8, speaker="S1"),
            word("platform", 0.8, 1.3, speaker="S1"),
            punct("?", 1.3, is_eos=True, speaker="S1"),
            word("Four", 2.0, 2.4, speaker="S2"),
            punct(".", 2.4, is_eos=True, speaker="S2"),
            word("We", 70.0, 70.2, speaker="S1"),
            word("spent", 70.2, 70.6, speaker="S1"),
            word("<three>", 70.6, 71.0, speaker="S1"),
            word("million", 71.0, 71.5, speaker="S1"),
            punct(".", 71.5, is_eos=True, speaker="S1"),
        ],
        translations={
            "es": [
                {"start_time": 0.5, "end_time": 1.3, "content": "¿Qué plataforma?",
                 "speaker": "S1"},
                {"start_time": 2.0, "end_time": 2.4, "content": "Cuatro.", "speaker": "S2"},
                {"start_time": 70.0, "end_time": 71.5, "content": "Gastamos tres millones.",
                 "speaker": "S1"},
            ]
        },
        summary={"content": "A talk about money."},
    )
    t = Transcript.from_json_v2(doc)
    edits.rename_speaker(t, "S1", "Ana Ruiz")
    edits.rename_speaker(t, "S2", "Ben")
    edits.replace_text(t, 7, 7, "three")
    return t


def text_of(fmt: Any, t: Transcript, **choices: Any) -> str:
    return render(t, fmt, ExportChoices(**choices), META).decode("utf-8")


# -- TXT and QDA text --------------------------------------------------------------------------


def test_txt_has_summary_then_named_stamped_turns_with_the_edit() -> None:
    text = text_of(TXT, interview())
    assert text.startswith("Summary\n\nA talk about money.\n\nTranscript\n\n")
    assert "[00:00:00] Ana Ruiz: Which platform?" in text
    assert "[00:00:02] Ben: Four." in text
    assert "[00:01:10] Ana Ruiz: We spent three million." in text
    assert "<three>" not in text


def test_txt_without_names_stamps_or_summary() -> None:
    text = text_of(TXT, interview(), speaker_names=False, timestamps="none", include_summary=False)
    assert text == "Which platform?\n\nFour.\n\nWe spent three million.\n"


def test_txt_interval_stamps_split_a_monologue_every_n_seconds() -> None:
    results: list[dict[str, Any]] = []
    for i in range(40):  # 40 sentences, 2 s each, one speaker
        results += [word(f"w{i}", 2.0 * i, 2.0 * i + 1.5), punct(".", 2.0 * i + 1.5, is_eos=True)]
    t = Transcript.from_json_v2(document(results))
    stamps = re.findall(r"^\[(\d\d:\d\d:\d\d)\]", text_of(TXT, t, timestamps="interval",
                                                          interval=10.0), re.M)
    assert stamps[:4] == ["00:00:00", "00:00:12", "00:00:24", "00:00:36"]
    assert len(re.findall(r"^\[", text_of(TXT, t), re.M)) == 2  # turn mode: split at a minute


def test_qda_text_uses_f4_time_marks_at_paragraph_ends() -> None:
    text = text_of(QDA, interview())
    paragraphs = text.strip().split("\n\n")
    assert paragraphs == [
        "Ana Ruiz: Which platform? #00:00:01-3#",
        "Ben: Four. #00:00:02-4#",
        "Ana Ruiz: We spent three million. #00:01:11-5#",
    ]


# -- DOCX --------------------------------------------------------------------------------------


def test_docx_reads_back_with_title_facts_summary_and_bold_named_speakers() -> None:
    data = render(interview(), DOCX, ExportChoices(), META)
    doc = docx.Document(io.BytesIO(data))
    paragraphs = doc.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == "Budget interview"
    texts = [p.text for p in paragraphs]
    assert "File: budget.m4a" in texts and "Date: 2026-12-01 10:04" in texts
    assert "Length: 1 min 12 s" in texts and "Language: English" in texts
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Summary", "Transcript"]
    turns = [p for p in paragraphs if p.style.name == "Transcript Turn"]
    assert [p.text for p in turns][-3:] == [
        "[00:00:00] Ana Ruiz: Which platform?",
        "[00:00:02] Ben: Four.",
        "[00:01:10] Ana Ruiz: We spent three million.",
    ]
    speaker_runs = [r for p in turns for r in p.runs if r.style.name == "Transcript Speaker"]
    assert [r.text for r in speaker_runs] == ["Ana Ruiz: ", "Ben: ", "Ana Ruiz: "]
    # Bold lives in the named style, so restyling it in Word changes every name at once.
    assert doc.styles["Transcript Speaker"].font.bold is True
    assert all(r.bold is None for r in speaker_runs)
    assert doc.core_properties.title == "Budget interview"


def test_docx_of_a_translation_has_the_translated_turns() -> None:
    data = render(interview(), DOCX, ExportChoices(translation="es", timestamps="none"), META)
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Ana Ruiz: ¿Qué plataforma?" in texts and "Ben: Cuatro." in texts
    assert "Translation: Spanish" in texts and "Summary" not in texts


def test_docx_survives_control_characters_in_the_text() -> None:
    t = interview()
    edits.replace_text(t, 0, 0, "Wh\x07ich")
    data = render(t, DOCX, ExportChoices(), META)
    assert "Which platform?" in [p.text for p in docx.Document(io.BytesIO(data)).paragraphs][-3]


# -- Markdown ----------------------------------------------------------------------------------


def test_markdown_has_headings_facts_and_escapes_what_speakers_said() -> None:
    t = interview()
    edits.replace_text(t, 3, 3, "*Four*")
    text = text_of(MARKDOWN, t)
    assert text.startswith("# Budget interview\n\n- **File:** budget.m4a\n")
    assert "## Summary\n\nA talk about money.\n\n## Transcript\n" in text
    assert "\\[00:00:02\\] **Ben:** \\*Four\\*." in text


# -- SRT and WebVTT ----------------------------------------------------------------------------


def test_srt_reads_back_with_word_times_and_no_speaker_labels_by_default() -> None:
    t = interview()
    subs = list(srt.parse(text_of(SRT, t)))
    joined = " ".join(s.content.replace("\n", " ") for s in subs)
    assert joined == "Which platform? Four. We spent three million."
    assert "Ana" not in joined and "[" not in joined
    assert subs[0].start.total_seconds() == pytest.approx(0.5)
    assert subs[-1].start.total_seconds() == pytest.approx(70.0)
    for a, b in itertools.pairwise(subs):
        assert a.end <= b.start


def test_vtt_reads_back_with_voice_tags_for_the_named_speakers() -> None:
    captions = webvtt.from_string(text_of(VTT, interview())).captions
    assert [c.voice for c in captions] == ["Ana Ruiz", "Ben", "Ana Ruiz"]
    assert [c.text for c in captions] == ["Which platform?", "Four.", "We spent three million."]
    assert captions[2].start_in_seconds == pytest.approx(70.0, abs=0.01)


def test_vtt_without_names_has_no_voice_tags() -> None:
    text = text_of(VTT, interview(), speaker_names=False)
    assert "<v" not in text
    assert webvtt.from_string(text).captions[1].text == "Four."


def test_translated_subtitles_use_the_segments_own_times() -> None:
    subs = list(srt.parse(text_of(SRT, interview(), translation="es")))
    assert [s.content for s in subs] == ["¿Qué plataforma?", "Cuatro.", "Gastamos tres millones."]
    assert subs[2].start.total_seconds() == pytest.approx(70.0)
    captions = webvtt.from_string(text_of(VTT, interview(), translation="es")).captions
    assert [c.voice for c in captions] == ["Ana Ruiz", "Ben", "Ana Ruiz"]


# -- JSON and CSV ------------------------------------------------------------------------------


def test_json_reads_back_into_the_same_edited_named_transcript() -> None:
    t = interview()
    back = Transcript.from_json_v2(json.loads(text_of(JSON, t)))
    assert [w.text for w in back.words] == [w.text for w in t.words]
    assert [(w.start, w.end, w.speaker) for w in back.words] == [
        (w.start, w.end, w.speaker) for w in t.words
    ]
    assert back.speaker_name("S1") == "Ana Ruiz" and back.speaker_name("S2") == "Ben"
    assert back.summary == t.summary and back.translations == t.translations
    assert back.to_json_v2() == t.to_json_v2()


def test_json_of_a_translation_lists_its_segments() -> None:
    data = json.loads(text_of(JSON, interview(), translation="es"))
    assert data["language"] == "es"
    assert [s["content"] for s in data["translation"]][1] == "Cuatro."


def test_csv_reads_back_one_row_per_turn() -> None:
    data = render(interview(), CSV, ExportChoices(), META)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["start"], r["end"], r["speaker"], r["text"]) for r in rows] == [
        ("00:00:00.500", "00:00:01.300", "Ana Ruiz", "Which platform?"),
        ("00:00:02.000", "00:00:02.400", "Ben", "Four."),
        ("00:01:10.000", "00:01:11.500", "Ana Ruiz", "We spent three million."),
    ]


def test_csv_quotes_commas_quotes_and_newlines_in_text() -> None:
    t = interview()
    edits.replace_text(t, 3, 3, 'Four, "maybe"')
    rows = list(csv.reader(io.StringIO(render(t, CSV).decode("utf-8-sig"))))
    assert rows[2][3] == 'Four, "maybe".'


# -- every format ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(FORMATS))
def test_every_format_exports_each_translation_and_names_it(key: str) -> None:
    fmt = FORMATS[key]
    data = render(interview(), fmt, ExportChoices(translation="es"), META)
    if fmt is DOCX:
        data = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs).encode()
    text = data.decode("utf-8")
    assert "Cuatro." in text and "Four." not in text
    assert file_name("budget", fmt, "es") == f"budget.es.{fmt.extension}"


@pytest.mark.parametrize("key", list(FORMATS))
def test_a_missing_translation_is_one_sentence_naming_it(key: str) -> None:
    with pytest.raises(ValueError, match=r"no 'de' translation \(it has: es\)"):
        render(interview(), FORMATS[key], ExportChoices(translation="de"))


@pytest.mark.parametrize("key", list(FORMATS))
def test_every_format_of_an_empty_transcript_is_valid(key: str) -> None:
    t = Transcript.from_json_v2(document([]))
    data = render(t, FORMATS[key])
    if FORMATS[key] is SRT:
        assert list(srt.parse(data.decode())) == []
    if FORMATS[key] is VTT:
        assert webvtt.from_string(data.decode()).captions == []


def test_parse_formats_keeps_order_and_names_unknown_ones() -> None:
    assert [f.key for f in parse_formats("srt, TXT,markdown,srt")] == ["srt", "txt", "md"]
    with pytest.raises(ValueError, match=r"Unknown export format 'pdf'; choose from txt, qda"):
        parse_formats("txt,pdf")


def test_choices_refuse_an_unknown_timestamp_mode_or_interval() -> None:
    with pytest.raises(ValueError, match="Timestamps must be one of turn, interval, none"):
        ExportChoices(timestamps="sometimes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="positive"):
        ExportChoices(interval=0)


def test_a_long_synthetic_transcript_exports_consistently_across_formats() -> None:
    t = Transcript.from_json_v2(make_json_v2(2000))
    rows = list(csv.DictReader(io.StringIO(render(t, CSV).decode("utf-8-sig"))))
    paragraphs = text_of(TXT, t, include_summary=False).strip().split("\n\n")
    assert len(rows) == len(paragraphs)
    subs = list(srt.parse(text_of(SRT, t)))
    assert subs and all(a.end <= b.start for a, b in itertools.pairwise(subs))


# -- remembered preferences --------------------------------------------------------------------


def test_preferences_round_trip_through_json_with_custom_rules() -> None:
    import dataclasses

    from smdesk.core.export import PRESETS
    from smdesk.core.export.preferences import ExportPreferences

    rules = dataclasses.replace(PRESETS["bbc"], name="custom", label="Custom",
                                max_chars_per_line=30, max_wpm=160.0, min_gap_frames=3)
    prefs = ExportPreferences(
        formats=("srt", "vtt"), preset="custom", translations=("es",), folder="/tmp/x",
        auto_export=True, auto_folder="/tmp/auto", template="{name} {date}",
        choices=ExportChoices(speaker_names=False, timestamps="interval", interval=15.0,
                              include_summary=False, subtitle_rules=rules,
                              subtitle_speaker_labels=True))
    assert ExportPreferences.from_json(prefs.to_json()) == prefs
    netflix = ExportPreferences(preset="bbc", choices=ExportChoices(subtitle_rules=PRESETS["bbc"]))
    assert ExportPreferences.from_json(netflix.to_json()) == netflix


@pytest.mark.parametrize("text", [
    None, "", "not json", "[]", '{"formats": ["pdf"], "preset": "imax", "interval": -3, '
    '"timestamps": "often", "template": "{nope}", "custom_rules": {"max_lines": "two"}, '
    '"auto_export": "yes", "translations": "es"}',
])
def test_preferences_fall_back_to_defaults_field_by_field(text: str | None) -> None:
    from smdesk.core.export.preferences import ExportPreferences

    assert ExportPreferences.from_json(text) == ExportPreferences()


def test_template_names_files_and_refuses_unknown_fields() -> None:
    from smdesk.core.export.bundle import expand_template

    assert expand_template("{name} {date}", name="Budget: talk", date="2026-12-01") == (
        "Budget talk 2026-12-01")
    with pytest.raises(ValueError, match=r"unknown field \{nme\}; use \{name\}"):
        expand_template("{nme}", name="x")
