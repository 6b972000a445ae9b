"""`smdesk transcribe --voices`: known voices from the app's history name the speakers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smdesk.cli import main
from smdesk.core.voices import voice_identifiers
from smdesk.sandbox import SandboxThread
from smdesk.store import History, history_path
from smdesk.store.voices import VoiceStore
from tests.cli.conftest import SANDBOX_KEY


def remember_guest(sandbox: SandboxThread, interview: Path, tmp_path: Path) -> None:
    """Transcribe once (identifiers always come back) and remember speaker 2 as the app would."""
    out = tmp_path / "first"
    assert main(["transcribe", str(interview), "-f", "json", "-o", str(out)]) == 0
    doc = json.loads((out / "interview.json").read_text(encoding="utf-8"))
    with History.open(history_path()) as history:
        VoiceStore(history).remember("Dr Rivera", voice_identifiers(doc, "S2"))


def test_known_voice_names_its_speaker(
        sandbox: SandboxThread, interview: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    remember_guest(sandbox, interview, tmp_path)
    out = tmp_path / "named"
    code = main(["transcribe", str(interview), "--voices", "dr rivera", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    txt = (out / "interview.txt").read_text(encoding="utf-8")
    assert "Dr Rivera" in txt and "Speaker 1" in txt and "Speaker 2" not in txt


def test_refused_identifiers_still_give_a_transcript_and_say_why(
        sandbox: SandboxThread, interview: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    remember_guest(sandbox, interview, tmp_path)
    # A newer server (another voice generation) no longer accepts them.
    newer_server = SandboxThread(api_key=SANDBOX_KEY, processing_seconds=0.05,
                                 voice_generation=2).start()
    monkeypatch.setenv("SPEECHMATICS_BATCH_URL", newer_server.url)
    try:
        out = tmp_path / "refused"
        capsys.readouterr()
        code = main(["transcribe", str(interview), "--voices", "all", "-o", str(out)])
        uploads = newer_server.sandbox.stats.uploads
    finally:
        newer_server.stop()
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "no longer accepts the stored voice identifiers of Dr Rivera" in captured.err
    txt = (out / "interview.txt").read_text(encoding="utf-8")
    assert "Speaker 2" in txt and "Dr Rivera" not in txt
    assert uploads == 1  # refused at submission, before a job existed: billed once


def test_unknown_voice_or_none_stored_is_one_line(
        sandbox: SandboxThread, interview: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(interview), "--voices", "Ana"]) == 2
    assert "no known voices yet" in capsys.readouterr().err
    remember_guest(sandbox, interview, tmp_path)
    capsys.readouterr()
    assert main(["transcribe", str(interview), "--voices", "Ana"]) == 2
    err = capsys.readouterr().err.strip()
    assert "no known voice called 'Ana'" in err and "Dr Rivera" in err and "\n" not in err
    assert main(["transcribe", str(interview), "--voices", "Dr Rivera",
                 "--diarization", "none"]) == 2
