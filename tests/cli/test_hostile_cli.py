"""The CLI under hostile conditions: plain http to the internet, an untrusted certificate."""

from __future__ import annotations

from pathlib import Path

import pytest

from smdesk.cli import main
from tests.untrusted_tls import untrusted_tls_server


@pytest.mark.parametrize(
    ("url", "real"),
    [("http://134744072/v2", "8.8.8.8"), ("http://[2001:4860:4860::8888]/v2", "2001:4860")],
)
def test_plain_http_to_the_internet_is_refused_before_anything_is_sent(
    url: str, real: str, interview: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SPEECHMATICS_API_KEY", "cli-secret-key-123456")
    assert main(["transcribe", str(interview), "--url", url, "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--url" in err
    assert real in err and "unencrypted" in err and "--allow-insecure-http" in err
    assert "cli-secret-key" not in err


def test_the_environment_url_obeys_the_same_policy(
    interview: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SPEECHMATICS_API_KEY", "cli-secret-key-123456")
    monkeypatch.setenv("SPEECHMATICS_BATCH_URL", "http://0x08080808/v2")
    assert main(["transcribe", str(interview), "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "SPEECHMATICS_BATCH_URL" in err and "8.8.8.8" in err


def test_the_insecure_opt_in_lets_a_local_sandbox_url_through_unchanged(
    sandbox, interview: Path, tmp_path: Path,
) -> None:
    out = tmp_path / "o"
    assert main(["transcribe", str(interview), "--allow-insecure-http", "-o", str(out)]) == 0
    assert (out / "interview.txt").exists()


def test_an_untrusted_certificate_is_named_and_not_retried(
    interview: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SPEECHMATICS_API_KEY", "cli-secret-key-123456")
    with untrusted_tls_server(tmp_path) as (url, connections):
        code = main(["transcribe", str(interview), "--url", url, "-q", "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 1
    line = next(x for x in err.splitlines() if x.startswith("interview.ogg:"))
    assert "not trusted" in line and "certificate authority" in line
    assert "internet connection" not in line
    assert len(connections) == 1


def _jobs(sandbox) -> int:
    return len(sandbox.sandbox.jobs)


def test_a_lost_submit_reply_continues_with_the_job_it_created(
    sandbox, interview: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    sandbox.sandbox.faults.register_next_jobs_late(0.5)  # and listed a little late, too
    sandbox.sandbox.faults.lose_next_replies(1)
    before = _jobs(sandbox)
    out = tmp_path / "o"
    assert main(["transcribe", str(interview), "-q", "-o", str(out)]) == 0
    assert (out / "interview.txt").exists()
    assert _jobs(sandbox) == before + 1  # no second, billed job
    assert "reply to the upload was lost" in capsys.readouterr().err


def test_a_lost_reply_whose_job_cannot_be_found_says_not_to_run_again_blindly(
    sandbox, interview: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("smdesk.cli.recover.LOST_REPLY_PATIENCE", 0.3)
    monkeypatch.setattr("smdesk.cli.recover.LOST_REPLY_INTERVAL", 0.1)
    sandbox.sandbox.faults.register_next_jobs_late(30)
    sandbox.sandbox.faults.lose_next_replies(1)
    assert main(["transcribe", str(interview), "-q", "-o", str(tmp_path / "o")]) == 1
    line = next(x for x in capsys.readouterr().err.splitlines() if x.startswith("interview.ogg"))
    assert "may be transcribing" in line and "portal.speechmatics.com" in line
    assert "try again" not in line and "could not connect" not in line


def test_a_file_named_like_an_option_is_named_with_the_way_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["transcribe", "-q", "-rf.wav"]) == 2
    err = capsys.readouterr().err
    assert "-rf.wav" in err and "./-rf.wav" in err and "--" in err


def test_odd_and_broken_files_each_get_a_line_and_the_good_one_completes(
    sandbox, interview: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    import os
    import shutil
    import struct

    from tests.cli.conftest import write_tone

    corrupt = write_tone(tmp_path / "corrupt.wav")
    data = bytearray(corrupt.read_bytes())
    data[16:20] = struct.pack("<I", 0xFFFFFFF0)  # wave raised RuntimeError: a traceback before
    corrupt.write_bytes(bytes(data))
    odd = os.fsdecode(os.fsencode(tmp_path) + b"/take\xff.ogg")
    shutil.copy(interview, odd)
    out = tmp_path / "o"
    assert main(["transcribe", str(corrupt), odd, str(interview), "-q", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unexpected error" not in err
    assert "corrupt.wav" in err and "cannot be read" in err
    assert (out / "interview.txt").exists()
    assert [p for p in out.iterdir() if p.name.startswith("take")]  # the odd name went through


def test_a_file_gone_before_upload_keeps_its_sentence(tmp_path: Path) -> None:
    from smdesk.batch import AsyncClient
    from smdesk.cli.errors import describe_error
    from smdesk.cli.transcribe import Endpoint

    gone = tmp_path / "gone.wav"

    async def submit() -> None:
        async with AsyncClient(api_key="k" * 20, url="http://127.0.0.1:9/v2") as client:
            await client.submit_job(str(gone))

    import asyncio

    with pytest.raises(FileNotFoundError) as caught:
        asyncio.run(submit())
    assert str(caught.value) == f"The audio file '{gone}' does not exist; check the path."
    line = describe_error(caught.value, Endpoint("http://127.0.0.1:9/v2", "k" * 20, "X"))
    assert "gone.wav" in line and "no longer there" in line and "Errno" not in line


def test_too_many_vocab_entries_are_said_once(
    interview: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    vocab = tmp_path / "names.txt"
    vocab.write_text("\n".join(f"name{i}" for i in range(2000)), encoding="utf-8")
    assert main(["transcribe", "--sandbox", "--vocab", str(vocab), str(interview)]) == 2
    err = capsys.readouterr().err
    assert err.count("2000 entries") == 1


def test_a_name_too_long_for_the_outputs_is_refused_before_upload(
    sandbox, interview: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    import shutil

    long_name = tmp_path / ("a" * 241 + ".ogg")  # 245 characters: fine as audio, not as .txt temp
    shutil.copy(interview, long_name)
    uploads = sandbox.sandbox.stats.uploads
    out = tmp_path / "o"
    assert main(["transcribe", str(long_name), str(interview), "-q", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "too long" in err and "rename" in err
    assert sandbox.sandbox.stats.uploads == uploads + 1  # only the good file was uploaded
    assert (out / "interview.txt").exists()


def test_a_transcript_that_cannot_be_saved_is_kept_and_can_be_exported(
    sandbox, interview: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "o"
    (out / "interview.txt").mkdir(parents=True)  # the output name is taken by a folder
    assert main(["transcribe", str(interview), "-q", "-o", str(out)]) == 1
    line = next(x for x in capsys.readouterr().err.splitlines() if x.startswith("interview.ogg"))
    assert "kept in" in line and "smdesk export" in line
    kept = Path(line.split("kept in ", 1)[1].split(": `", 1)[0])
    assert kept.exists()
    again = tmp_path / "again"
    assert main(["export", str(kept), "--format", "txt", "--output-dir", str(again)]) == 0
    assert "Speaker" in next(again.glob("*.txt")).read_text(encoding="utf-8")
