"""The `smdesk` command in real processes: the README's first command, `smdesk sandbox`."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
SMDESK = BIN / "smdesk"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPEECHMATICS_")}
    env.update(SMDESK_HOME=str(tmp_path / "home"),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", **extra)
    return env


@pytest.mark.skipif(not SMDESK.exists(), reason="the smdesk script is not installed in this venv")
def test_readme_first_command_works_offline(sample_audio: Path, tmp_path: Path) -> None:
    done = subprocess.run([str(SMDESK), "transcribe", "--sandbox", str(sample_audio)],
                          cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "sample-interview.ogg → transcripts/sample-interview.txt" in done.stdout
    text = (tmp_path / "transcripts" / "sample-interview.txt").read_text(encoding="utf-8")
    assert "Speaker 1" in text and "Speaker 2" in text
    assert "Traceback" not in done.stderr


def test_python_dash_m_version() -> None:
    done = subprocess.run([sys.executable, "-m", "smdesk", "--version"], capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 0
    assert re.fullmatch(r"smdesk \d+\.\d+\.\d+\S*\n", done.stdout)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_port(port: int, proc: subprocess.Popen[str], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"smdesk sandbox did not listen on {port}")


def test_sandbox_command_serves_a_separate_transcribe_run(
        interview: Path, tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "smdesk", "sandbox", "--port", str(port), "--api-key", "k-123"],
        env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_port(port, server)
        done = subprocess.run(
            [sys.executable, "-m", "smdesk", "transcribe", str(interview), "-f", "srt"],
            cwd=tmp_path, capture_output=True, text=True, timeout=60,
            env=_env(tmp_path, SPEECHMATICS_API_KEY="k-123",
                     SPEECHMATICS_BATCH_URL=f"http://127.0.0.1:{port}/v2"))
        assert done.returncode == 0, done.stderr
        assert (tmp_path / "transcripts" / "interview.srt").stat().st_size > 0
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_terminal_gets_a_live_display(sample_audio: Path, tmp_path: Path) -> None:
    """On a terminal the progress lines are redrawn in place instead of appended."""
    import pty

    controller, terminal = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "smdesk", "transcribe", "--sandbox", str(sample_audio)],
            cwd=tmp_path, env=_env(tmp_path, TERM="xterm"), stdout=subprocess.PIPE,
            stderr=terminal, text=True)
        os.close(terminal)
        screen = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            screen += chunk
        assert proc.wait(timeout=60) == 0
    finally:
        os.close(controller)
    text = screen.decode("utf-8", "replace")
    assert "\x1b[1F\x1b[2Ksample-interview.ogg" in text  # moved up and redrew the file's line
    assert "sample-interview.ogg: uploading" not in text  # not the log-style lines


def test_ctrl_c_while_transcribing_exits_130_without_output(
        sample_audio: Path, tmp_path: Path) -> None:
    import signal

    proc = subprocess.Popen(
        [sys.executable, "-m", "smdesk", "transcribe", "--sandbox", str(sample_audio)],
        cwd=tmp_path, env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    assert proc.stderr is not None
    for line in proc.stderr:  # the sandbox takes a second to "transcribe": interrupt then
        if line.strip() == "sample-interview.ogg: transcribing":
            proc.send_signal(signal.SIGINT)
            break
    rest = proc.stderr.read()
    assert proc.wait(timeout=30) == 130
    assert "interrupted" in rest and "Traceback" not in rest
    assert not (tmp_path / "transcripts").exists()
