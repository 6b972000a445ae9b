"""SandboxThread (GUI/CLI use) and `python -m smdesk.sandbox` (serve)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from speechmatics.batch import Client, FormatType

from smdesk.sandbox import SandboxThread
from tests.sandbox.conftest import KEY


def get(url: str, key: str = KEY) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_thread_serves_and_is_controllable_from_this_thread(wav: Path) -> None:
    with SandboxThread(api_key=KEY, processing_seconds=60) as thread:
        assert thread.url.startswith("http://127.0.0.1:") and thread.url.endswith("/v2")
        assert get(f"{thread.url}/jobs") == (200, {"jobs": []})
        thread.sandbox.faults.fail_next("list", status=502)
        assert get(f"{thread.url}/jobs")[0] == 502
        with Client(api_key=KEY, url=thread.url) as client:
            job = client.submit_job(str(wav))
            assert thread.sandbox.job_status(job.id) == "running"
            thread.sandbox.finish_job(job.id)  # crosses into the sandbox loop
            assert thread.sandbox.job_status(job.id) == "done"
            text = client.get_transcript(job.id, format_type=FormatType.TXT)
            assert isinstance(text, str) and text.startswith("This is sandbox text")
        assert thread.sandbox.stats.requests["list"] == 2
        url = thread.url
    with pytest.raises(urllib.error.URLError):
        get(f"{url}/jobs")  # stopped: nothing listens any more


def test_start_raises_when_the_port_is_taken() -> None:
    with SandboxThread(api_key=KEY) as first:
        second = SandboxThread(api_key=KEY, port=first.sandbox.port)
        with pytest.raises(OSError):
            second.start()
        second.stop()  # harmless after a failed start
        assert get(f"{first.url}/jobs")[0] == 200


def test_serve_prints_url_and_key_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "smdesk.sandbox", "--port", "0", "--api-key", "cli-key"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        key_line = proc.stdout.readline()
        url = first.rsplit(" at ", 1)[1].strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/v2")
        assert "cli-key" in key_line
        assert get(f"{url}/jobs", key="cli-key")[0] == 200
        assert get(f"{url}/jobs", key="other")[0] == 401
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "sandbox stopped" in out
