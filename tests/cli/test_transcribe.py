"""`smdesk transcribe` against the real sandbox over loopback HTTP: outputs, formats, progress."""

from __future__ import annotations

import json
from pathlib import Path

import keyring.core
import pytest
import srt

from smdesk.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from smdesk import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"smdesk {__version__}"


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "smdesk transcribe" in out and "smdesk sandbox" in out


def test_transcribe_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", "--help"]) == 0
    assert "--diarization" in capsys.readouterr().out


def test_writes_speaker_labelled_txt_srt_and_raw_json(
        sandbox, interview: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "out"
    code = main(["transcribe", str(interview), "--format", "txt,srt", "-f", "json",
                 "--output-dir", str(out_dir)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    txt = (out_dir / "interview.txt").read_text(encoding="utf-8")
    assert "Speaker 1" in txt and "Speaker 2" in txt
    subtitles = list(srt.parse((out_dir / "interview.srt").read_text(encoding="utf-8")))
    assert subtitles and all(s.end > s.start for s in subtitles)
    # Laid out locally under the default Netflix preset (42 characters a line).
    assert all(len(line) <= 42 for s in subtitles for line in s.content.splitlines())
    raw = json.loads((out_dir / "interview.json").read_text(encoding="utf-8"))
    assert raw["results"] and {"S1", "S2"} <= {
        r["alternatives"][0].get("speaker") for r in raw["results"]}
    # stdout names every file written, and the speakers found
    assert str(out_dir / "interview.txt") in captured.out
    assert str(out_dir / "interview.srt") in captured.out
    assert "2 speakers" in captured.out


def test_default_is_txt_in_transcripts_folder_of_cwd(
        sandbox, interview: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(interview)]) == 0
    assert sorted(p.name for p in (tmp_path / "transcripts").iterdir()) == ["interview.txt"]
    assert not list(interview.parent.glob("interview.*.txt"))


def test_print_puts_the_transcript_on_stdout_and_the_report_on_stderr(
        sandbox, interview: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(interview), "--print", "-o", str(tmp_path / "o")]) == 0
    captured = capsys.readouterr()
    assert captured.out == (tmp_path / "o" / "interview.txt").read_text(encoding="utf-8")
    assert "interview.ogg →" in captured.err


def test_progress_lines_on_a_non_terminal(
        sandbox, interview: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(interview), "-o", str(tmp_path)]) == 0
    err = capsys.readouterr().err.splitlines()
    phases = [line.split(": ", 1)[1] for line in err if line.startswith("interview.ogg: ")]
    assert phases[0] == "uploading" and phases[-1] == "done"
    assert phases.index("transcribing") < phases.index("done")
    assert "\x1b[" not in "".join(err)  # no terminal control codes in logs


def test_quiet_prints_no_progress(
        sandbox, interview: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(interview), "-q", "-o", str(tmp_path)]) == 0
    assert capsys.readouterr().err == ""


def test_several_files_run_concurrently_with_one_upload_at_a_time(
        sandbox, interview: Path, tone: Path, tmp_path: Path) -> None:
    assert main(["transcribe", str(interview), str(tone), "-j", "1", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "interview.txt").exists() and (tmp_path / "tone.txt").exists()


def test_options_reach_the_server(sandbox, interview: Path, tmp_path: Path) -> None:
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("Speechmatics\nsmdesk: ess em desk\n", encoding="utf-8")
    before = set(sandbox.sandbox.jobs)
    code = main(["transcribe", str(interview), "--translate", "es", "--translate", "fr",
                 "--summary", "--vocab", str(vocab), "--operating-point", "standard",
                 "--diarization", "speaker", "-f", "json", "-o", str(tmp_path / "o")])
    assert code == 0
    [job_id] = set(sandbox.sandbox.jobs) - before
    config = sandbox.sandbox.jobs[job_id].config
    transcription = config["transcription_config"]
    assert transcription["operating_point"] == "standard"
    assert transcription["diarization"] == "speaker"
    assert {v["content"] for v in transcription["additional_vocab"]} == {"Speechmatics", "smdesk"}
    assert sorted(config["translation_config"]["target_languages"]) == ["es", "fr"]
    assert "summarization_config" in config
    out = tmp_path / "o"
    assert json.loads((out / "interview.json").read_text(encoding="utf-8"))["job"]["id"] == job_id
    for language in ("es", "fr"):  # one readable file per translation, speakers kept
        assert "Speaker 1" in (out / f"interview.{language}.txt").read_text(encoding="utf-8")
    assert (out / "interview.summary.txt").read_text(encoding="utf-8").strip()


def test_delete_after_download_deletes_the_remote_job(
        sandbox, interview: Path, tmp_path: Path) -> None:
    before = sandbox.sandbox.stats.requests["delete"]
    assert main(["transcribe", str(interview), "--delete-after-download",
                 "-o", str(tmp_path)]) == 0
    assert sandbox.sandbox.stats.requests["delete"] == before + 1


def test_rerun_replaces_existing_output(sandbox, interview: Path, tmp_path: Path) -> None:
    target = tmp_path / "interview.txt"
    target.write_text("old", encoding="utf-8")
    assert main(["transcribe", str(interview), "-o", str(tmp_path)]) == 0
    assert "Speaker 1" in target.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]


@pytest.mark.keyring
def test_uses_the_key_saved_in_the_keyring(sandbox, interview: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """No environment variable: the key the desktop app saved in the keyring is used."""
    import os

    from smdesk.store.secrets import KeyringSecretStore

    if not os.environ.get("SMDESK_SECRET_SERVICE"):
        pytest.skip("needs the private Secret Service started by tests/run.sh")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    keyring.core.init_backend()  # the real Secret Service, not the fail backend of the fixture
    store = KeyringSecretStore()
    store.set_api_key(os.environ["SPEECHMATICS_API_KEY"])
    monkeypatch.delenv("SPEECHMATICS_API_KEY")
    try:
        assert main(["transcribe", str(interview), "-o", str(tmp_path)]) == 0
    finally:
        store.delete_api_key()
    assert (tmp_path / "interview.txt").exists()


def test_print_names_each_file_when_there_are_several(
        sandbox, interview: Path, tone: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(interview), str(tone), "--print", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.index("==> interview.ogg <==") < out.index("==> tone.wav <==")
    assert (tmp_path / "interview.txt").read_text(encoding="utf-8") in out


def test_other_arguments_go_to_the_desktop_app(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`smdesk [FILE...] [--sandbox]` is the app's command line: its parser sees the arguments
    (an unknown option stops it before any window opens)."""
    pytest.importorskip("smdesk.app.main")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # a display exists, as on a desktop
    assert main(["--no-such-option"]) == 2
    err = capsys.readouterr().err
    assert "--sandbox" in err and "--no-such-option" in err
