"""Bad input and failures: one clear line each, no traceback, no output file, right exit code."""

from __future__ import annotations

import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from smdesk.cli import main


def _outputs(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.txt")) if folder.exists() else []


_PROGRESS = re.compile(
    r".*: (waiting|uploading|transcribing|downloading|done|failed|uploaded \d+%)")


def _one_line_about(err: str, needle: str) -> str:
    """The single non-progress line of stderr that mentions `needle`."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines()
             if needle in line and not _PROGRESS.fullmatch(line)]
    assert len(lines) == 1, err
    return lines[0]


# --- files rejected before any upload -------------------------------------------------------


def _missing(tmp: Path) -> Path:
    return tmp / "nowhere.wav"


def _folder(tmp: Path) -> Path:
    (tmp / "folder.wav").mkdir()
    return tmp / "folder.wav"


def _empty(tmp: Path) -> Path:
    (tmp / "empty.wav").write_bytes(b"")
    return tmp / "empty.wav"


def _not_audio(tmp: Path) -> Path:
    (tmp / "letter.mp3").write_text("Dear Sir, this is not a recording.\n" * 20)
    return tmp / "letter.mp3"


def _wrong_extension(tmp: Path) -> Path:
    (tmp / "notes.docx").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    return tmp / "notes.docx"


def _huge(tmp: Path) -> Path:
    path = tmp / "huge.wav"
    with path.open("wb") as f:
        f.truncate(1_100_000_000)  # sparse: no disk used
    return path


@pytest.mark.parametrize(("make", "words"), [
    (_missing, "does not exist"),
    (_folder, "folder"),
    (_empty, "empty"),
    (_not_audio, "audio"),
    (_wrong_extension, "file type"),
    (_huge, "1 GB"),
])
def test_bad_file_is_refused_before_upload(
        make, words: str, sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = make(tmp_path)
    uploads = sandbox.sandbox.stats.requests["submit"]
    assert main(["transcribe", str(path), "-o", str(tmp_path / "out")]) == 1
    line = _one_line_about(capsys.readouterr().err, path.name)
    assert words in line
    assert sandbox.sandbox.stats.requests["submit"] == uploads
    assert not (tmp_path / "out").exists()


def _as_nobody() -> list[str]:
    """Root reads mode-000 files anyway, so as root run the command as `nobody` instead."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_unreadable_file(sample_audio: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="smdesk-cli-"))  # pytest's tmp dirs are root-only
    try:
        folder.chmod(0o777)
        locked = Path(shutil.copy(sample_audio, folder / "locked.ogg"))
        locked.chmod(0)
        done = subprocess.run(
            [*_as_nobody(), sys.executable, "-m", "smdesk", "transcribe", str(locked),
             "-o", str(folder / "out")],
            cwd=folder, capture_output=True, text=True, timeout=60,
            env={**os.environ, "SPEECHMATICS_API_KEY": "not-used-key", "HOME": str(folder),
                 "SPEECHMATICS_BATCH_URL": "http://127.0.0.1:9/v2"})
        assert done.returncode == 1
        line = _one_line_about(done.stderr, "locked.ogg")
        assert "permission" in line.lower()
        assert not (folder / "out").exists()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_good_files_still_complete_when_one_is_bad(
        sandbox, interview: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["transcribe", str(tmp_path / "gone.wav"), str(interview), "-o", str(out)]) == 1
    assert [p.name for p in _outputs(out)] == ["interview.txt"]
    _one_line_about(capsys.readouterr().err, "gone.wav")


# --- problems with the account or the server ------------------------------------------------


def test_wrong_api_key(sandbox, interview: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SPEECHMATICS_API_KEY", "wrong-key-0042")
    assert main(["transcribe", str(interview), "-o", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    line = _one_line_about(captured.err, "interview.ogg: ")
    assert line == ("interview.ogg: That API key was not accepted by Speechmatics. Check it at "
                    "https://portal.speechmatics.com/ or set SPEECHMATICS_API_KEY.")
    assert "wrong-key-0042" not in captured.err + captured.out
    assert not _outputs(tmp_path / "out")


def test_missing_api_key(sandbox, interview: Path, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("SPEECHMATICS_API_KEY")
    assert main(["transcribe", str(interview), "-o", str(tmp_path / "out")]) == 2
    line = _one_line_about(capsys.readouterr().err, "SPEECHMATICS_API_KEY")
    assert "--sandbox" in line and "portal.speechmatics.com" in line


def test_api_key_env_names_the_variable(sandbox, interview: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_SM_KEY", os.environ["SPEECHMATICS_API_KEY"])
    monkeypatch.delenv("SPEECHMATICS_API_KEY")
    assert main(["transcribe", str(interview), "--api-key-env", "MY_SM_KEY",
                 "-o", str(tmp_path)]) == 0


def _unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_server_down(interview: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{_unused_port()}/v2"
    monkeypatch.setenv("SPEECHMATICS_API_KEY", "some-key")
    assert main(["transcribe", str(interview), "--url", url, "-o", str(tmp_path / "out")]) == 1
    line = _one_line_about(capsys.readouterr().err, "interview.ogg: ")
    assert url in line and "connect" in line
    assert not _outputs(tmp_path / "out")


class _GarbageHandler(http.server.BaseHTTPRequestHandler):
    """Answers every request with a 200 HTML page: not what any Speechmatics client expects."""

    def _garbage(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        body = b"<html><body>Welcome to nginx!</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_DELETE = _garbage  # noqa: N815 (http.server names)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def garbage_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _GarbageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v2"
    server.shutdown()
    server.server_close()


def test_malformed_server_reply(garbage_server: str, interview: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SPEECHMATICS_API_KEY", "some-key")
    code = main(["transcribe", str(interview), "--url", garbage_server,
                 "-o", str(tmp_path / "out")])
    assert code == 1
    line = _one_line_about(capsys.readouterr().err, "interview.ogg: ")
    assert "unexpected error" not in line
    assert not _outputs(tmp_path / "out")


def test_rejected_job(sandbox, interview: Path, tone: Path, tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    sandbox.sandbox.faults.reject_next_jobs(1, message="The audio file is too short.")
    out = tmp_path / "out"
    code = main(["transcribe", str(tone), "-o", str(out)])
    assert code == 1
    line = _one_line_about(capsys.readouterr().err, "tone.wav: ")
    assert "reject" in line.lower()
    assert not _outputs(out)


def test_server_error_on_submit(sandbox, interview: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    sandbox.sandbox.faults.fail_next("submit", status=500)
    assert main(["transcribe", str(interview), "-o", str(tmp_path / "out")]) == 1
    assert "500" in _one_line_about(capsys.readouterr().err, "interview.ogg: ")
    assert not _outputs(tmp_path / "out")


# --- bad options: refused before anything happens (exit 2) ----------------------------------


@pytest.mark.parametrize(("args", "needle"), [
    (["--translate", "es,xx"], "--translate"),
    (["--language", "klingon"], "--language"),
    (["--format", "pdf"], "--format"),
    (["--vocab", "no-such-vocab.txt"], "--vocab"),
    (["--concurrency", "0"], "--concurrency"),
    (["--diarization", "everyone"], "--diarization"),
    (["--url", "ftp://example"], "--url"),
])
def test_bad_option(args: list[str], needle: str, sandbox, interview: Path, tmp_path: Path,
                    capsys: pytest.CaptureFixture[str]) -> None:
    submits = sandbox.sandbox.stats.requests["submit"]
    assert main(["transcribe", str(interview), *args, "-o", str(tmp_path / "out")]) == 2
    _one_line_about(capsys.readouterr().err, needle)
    assert sandbox.sandbox.stats.requests["submit"] == submits
    assert not (tmp_path / "out").exists()


def test_output_dir_that_is_a_file(sandbox, interview: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taken").write_text("x")
    assert main(["transcribe", str(interview), "-o", str(tmp_path / "taken")]) == 2
    _one_line_about(capsys.readouterr().err, "--output-dir")


def test_two_files_with_the_same_name(sandbox, interview: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other"
    other.mkdir()
    twin = other / "interview.ogg"
    twin.write_bytes(interview.read_bytes())
    assert main(["transcribe", str(interview), str(twin), "-o", str(tmp_path / "out")]) == 2
    _one_line_about(capsys.readouterr().err, "interview.*")


def test_failed_write_leaves_no_format_behind(sandbox, interview: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    (out / "interview.srt").mkdir(parents=True)  # the second format cannot be written
    assert main(["transcribe", str(interview), "-f", "txt,srt", "-o", str(out)]) == 1
    line = _one_line_about(capsys.readouterr().err, "interview.ogg: ")
    assert "save" in line and "interview.srt" in line
    assert not (out / "interview.txt").exists()
    assert [p.name for p in out.iterdir()] == ["interview.srt"]  # no temp files either
