"""`smdesk export`: json-v2 files and history jobs to every format, with one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest
import srt

from smdesk.cli import main
from smdesk.store import History, history_path
from tests.core.factories import document, punct, word


def interview_doc() -> dict[str, Any]:
    return document(
        [
            word("Which", 0.5, 0.8, speaker="S1"),
            word("platform", 0.8, 1.3, speaker="S1"),
            punct("?", 1.3, is_eos=True, speaker="S1"),
            word("Four", 2.0, 2.4, speaker="S2"),
            punct(".", 2.4, is_eos=True, speaker="S2"),
        ],
        translations={"es": [
            {"start_time": 0.5, "end_time": 1.3, "content": "¿Qué plataforma?", "speaker": "S1"},
            {"start_time": 2.0, "end_time": 2.4, "content": "Cuatro.", "speaker": "S2"},
        ]},
        smdesk={"speaker_names": {"S1": "Ana Ruiz"}},
    )


@pytest.fixture
def json_file(tmp_path: Path) -> Path:
    path = tmp_path / "Budget talk.json"
    path.write_text(json.dumps(interview_doc()), encoding="utf-8")
    return path


def add_job(history: History, name: str, doc: dict[str, Any] | None) -> int:
    record = history.add(source_path=f"/recordings/{name}", size=10, fingerprint=name,
                         duration=3.0, options_json="{}", endpoint="sandbox")
    if doc is not None:
        history.save_transcript(record.id, json.dumps(doc))
    return record.id


def test_exports_a_json_file_in_every_format_with_translations(
        json_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code = main(["export", str(json_file), "--format", "txt,docx,md,srt,vtt,json,csv",
                 "-f", "qda", "--output-dir", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    names = sorted(p.name for p in out.iterdir())
    exts = ["csv", "docx", "json", "md", "qda.txt", "srt", "txt", "vtt"]
    assert names == sorted([f"Budget talk.{e}" for e in exts]
                           + [f"Budget talk.es.{e}" for e in exts])
    assert "Ana Ruiz: Which platform?" in (out / "Budget talk.txt").read_text(encoding="utf-8")
    spanish = list(srt.parse((out / "Budget talk.es.srt").read_text(encoding="utf-8")))
    assert [s.content for s in spanish] == ["¿Qué plataforma?", "Cuatro."]
    texts = [p.text for p in docx.Document(io.BytesIO((out / "Budget talk.docx").read_bytes()))
             .paragraphs]
    assert "[00:00:02] Speaker 2: Four." in texts
    assert str(out / "Budget talk.srt") in captured.out
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_subtitle_preset_and_labels_change_the_layout(json_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["export", str(json_file), "-f", "srt", "--subtitle-preset", "vertical",
                 "--translations", "none", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["Budget talk.srt"]
    plain = (out / "Budget talk.srt").read_text(encoding="utf-8")
    assert main(["export", str(json_file), "-f", "srt", "--speaker-labels",
                 "--translations", "none", "-o", str(out)]) == 0
    labelled = (out / "Budget talk.srt").read_text(encoding="utf-8")
    assert "Ana Ruiz" not in plain and "Ana Ruiz" in labelled


def test_exports_history_jobs_by_number_and_by_file_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with History.open(history_path()) as history:
        first = add_job(history, "budget.m4a", interview_doc())
        add_job(history, "other.wav", document([word("Hello", 0.0, 0.4)]))
    out = tmp_path / "out"
    code = main(["export", str(first), "other.wav", "-f", "txt", "--translations", "none",
                 "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["budget.txt", "other.txt"]
    assert (out / "other.txt").read_text(encoding="utf-8") == "[00:00:00] Speaker 1: Hello\n"


def test_a_history_job_reads_the_same_from_its_kept_form_and_bad_text_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with History.open(history_path()) as history:
        kept = add_job(history, "budget.m4a", interview_doc())
        parsed = add_job(history, "again.m4a", interview_doc())
        opened = history.open_transcript(kept)
        assert opened is not None and opened.keep is not None
        opened.keep()  # what the app does once a transcript is on screen
        bad = add_job(history, "bad.m4a", {"results": 5})
    out = tmp_path / "out"
    code = main(["export", str(kept), str(parsed), str(bad), "-f", "txt,srt",
                 "--translations", "none", "-o", str(out)])
    assert code == 1
    for ext in ("txt", "srt"):
        assert (out / f"budget.{ext}").read_bytes() == (out / f"again.{ext}").read_bytes()
    assert capsys.readouterr().err.splitlines() == [
        f"{bad}: the stored transcript of job {bad} could not be read (This is not a "
        "Speechmatics json-v2 transcript: it has no list of results)."]


def test_a_job_without_transcript_or_unknown_fails_alone_with_one_line(
        json_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with History.open(history_path()) as history:
        pending = add_job(history, "pending.m4a", None)
    out = tmp_path / "out"
    code = main(["export", str(pending), "999", "missing.wav", str(json_file), "-f", "txt",
                 "-o", str(out)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err == [
        f"{pending}: job {pending} (pending.m4a) has no transcript yet (it is queued); "
        "export it once it is done.",
        "999: there is no job 999 in the history; `smdesk` lists the jobs in its window.",
        "missing.wav: no such file, and no job of the history has that file name; give a "
        "json-v2 file, a job number or a transcribed file name.",
    ]
    assert (out / "Budget talk.txt").exists()  # the good source was still exported


@pytest.mark.parametrize(("content", "reason"), [
    (b"\xff\xfe not json", "is not a JSON file; give a Speechmatics json-v2 transcript."),
    (b'{"results": 5}', "This is not a Speechmatics json-v2 transcript: it has no list of "
                        "results; give a Speechmatics json-v2 transcript."),
])
def test_a_file_that_is_not_json_v2_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert main(["export", str(bad), "-o", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.strip() == f"{bad}: {reason}"
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_an_unknown_translation_names_the_ones_there_are(
        json_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(json_file), "--translations", "de", "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == (
        "Budget talk: has no 'de' translation (it has: es); change --translations.")


def test_bad_arguments_exit_2_with_one_line(
        json_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(json_file), "-f", "pdf"]) == 2
    assert capsys.readouterr().err.strip() == (
        "smdesk export: Unknown export format 'pdf'; choose from txt, qda, docx, md, srt, vtt, "
        "json, csv.")
    assert main(["export", str(json_file), "--timestamps", "interval", "--interval", "0"]) == 2
    assert "positive" in capsys.readouterr().err


def test_a_file_that_cannot_be_written_is_one_line_and_leaves_no_half_set(
        json_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    (out / "Budget talk.srt").mkdir(parents=True)  # a folder where the SRT must go
    assert main(["export", str(json_file), "-f", "txt,srt,vtt", "-o", str(out)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"Cannot save {out / 'Budget talk.srt'}: a folder with that name exists; "
        "choose another name.")
    assert sorted(p.name for p in out.iterdir()) == ["Budget talk.srt"]  # the txt was removed


def test_two_sources_with_the_same_stem_do_not_overwrite_each_other(
        json_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    twin = tmp_path / "twin" / "Budget talk.json"
    twin.parent.mkdir()
    twin.write_text(json.dumps(document([word("Other", 0.0, 0.5)])), encoding="utf-8")
    assert main(["export", str(json_file), str(twin), "--translations", "none",
                 "-o", str(tmp_path / "out")]) == 1
    assert "would be saved as Budget talk.* like" in capsys.readouterr().err
    assert "Which" in (tmp_path / "out" / "Budget talk.txt").read_text(encoding="utf-8")


def test_transcribe_lays_out_subtitles_with_the_chosen_preset(
        sandbox, interview: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    widths = {}
    for preset in ("netflix", "vertical"):
        out = tmp_path / preset
        code = main(["transcribe", str(interview), "-f", "srt,vtt,docx", "--subtitle-preset",
                     preset, "-o", str(out), "--quiet"])
        assert code == 0, capsys.readouterr().err
        assert sorted(p.name for p in out.iterdir()) == [
            "interview.docx", "interview.srt", "interview.vtt"]
        cues = list(srt.parse((out / "interview.srt").read_text(encoding="utf-8")))
        widths[preset] = (max(len(line) for c in cues for line in c.content.splitlines()),
                          max(len(c.content.splitlines()) for c in cues))
    assert widths["vertical"][1] == 1 and widths["netflix"][1] <= 2
    assert widths["netflix"][0] <= 42 and widths["vertical"][0] <= 32


def long_talk(overrides: dict[str, int] | None) -> dict[str, Any]:
    words = [word(f"word{i}", i * 0.3, i * 0.3 + 0.25, speaker="S1") for i in range(30)]
    doc = document([*words, punct(".", 9.0, is_eos=True, speaker="S1")])
    if overrides is not None:
        doc["metadata"]["output_config"] = {"srt_overrides": overrides}
    return doc


def cue_lines(path: Path) -> list[list[str]]:
    return [s.content.splitlines() for s in srt.parse(path.read_text(encoding="utf-8"))]


def test_a_files_own_srt_overrides_shape_its_subtitles(tmp_path: Path) -> None:
    source = tmp_path / "talk.json"
    source.write_text(json.dumps(long_talk({"max_line_length": 20, "max_lines": 1})), "utf-8")
    assert main(["export", str(source), "-f", "srt", "-o", str(tmp_path / "own")]) == 0
    own = cue_lines(tmp_path / "own" / "talk.srt")
    assert own and all(len(lines) == 1 and len(lines[0]) <= 20 for lines in own)
    # An explicit preset wins over the file's own layout.
    assert main(["export", str(source), "-f", "srt", "--subtitle-preset", "netflix",
                 "-o", str(tmp_path / "preset")]) == 0
    preset = cue_lines(tmp_path / "preset" / "talk.srt")
    assert max(len(line) for lines in preset for line in lines) > 20


def test_a_history_job_is_exported_with_its_saved_edits(tmp_path: Path) -> None:
    from smdesk.core import edits
    from smdesk.core.transcript import Transcript

    edited = Transcript.from_json_v2(interview_doc())
    edits.replace_text(edited, 3, 3, "Five")
    with History.open(history_path()) as history:
        job = add_job(history, "budget.m4a", interview_doc())
        history.save_edits(job, json.dumps(edited.to_json_v2()), 1)
    out = tmp_path / "out"
    assert main(["export", str(job), "-f", "txt", "--translations", "none", "-o", str(out)]) == 0
    assert "Speaker 2: Five." in (out / "budget.txt").read_text(encoding="utf-8")
