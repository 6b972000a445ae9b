"""Every code example of the speechmatics-batch 0.4.7 README, run against the sandbox.

The example sources below are verbatim copies of the README. Before running, `adapt()` makes
only these substitutions:
  * `from speechmatics.batch import` -> `from smdesk.batch import` (the import line);
  * `"your-api-key"` -> the sandbox's key;
  * `"https://asr.api.speechmatics.com/v2"` -> the sandbox URL (Connection Configuration only).
The examples that read SPEECHMATICS_API_KEY get it (and SPEECHMATICS_BATCH_URL, and the JWT
example SM_MANAGEMENT_PLATFORM_URL) from the `sandbox_thread` fixture. "audio.wav" is a real WAV
file in the test's working directory. The JWT snippet uses top-level `await`; it is compiled
with PyCF_ALLOW_TOP_LEVEL_AWAIT and run with asyncio.run instead of being edited. The Logging
snippet configures the root logger, so it runs with Quick Start as a script in a subprocess.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smdesk.sandbox import SandboxThread
from tests.batch.conftest import API_KEY, SANDBOX_TEXT, write_wav

QUICK_START = '''
import asyncio
from speechmatics.batch import AsyncClient

async def main():
    # Create a client using environment variable SPEECHMATICS_API_KEY
    async with AsyncClient() as client:
        # Simple transcription
        result = await client.transcribe("audio.wav")
        print(result.transcript_text)

asyncio.run(main())
'''

JWT_AUTH = '''
from speechmatics.batch import AsyncClient, JWTAuth

auth = JWTAuth("your-api-key", ttl=60)

async with AsyncClient(auth=auth) as client:
    # Tokens are cached and auto-refreshed automatically
    result = await client.transcribe("audio.wav")
    print(result.transcript_text)
'''

BASIC_JOB_WORKFLOW = '''
import asyncio
from speechmatics.batch import AsyncClient, JobConfig, JobType, TranscriptionConfig

async def main():
    # Create client with explicit API key
    async with AsyncClient(api_key="your-api-key") as client:

        # Configure transcription
        config = JobConfig(
            type=JobType.TRANSCRIPTION,
            transcription_config=TranscriptionConfig(
                language="en",
                enable_entities=True,
                diarization="speaker"
            )
        )

        # Submit job
        job = await client.submit_job("audio.wav", config=config)
        print(f"Job submitted: {job.id}")

        # Wait for completion
        result = await client.wait_for_completion(
            job.id,
            polling_interval=2.0,
            timeout=300.0
        )

        # Access results
        print(f"Transcript: {result.transcript_text}")
        print(f"Confidence: {result.confidence}")

asyncio.run(main())
'''

ADVANCED_CONFIGURATION = '''
import asyncio
from speechmatics.batch import (
    AsyncClient,
    JobConfig,
    JobType,
    OperatingPoint,
    TranscriptionConfig,
    TranslationConfig,
    SummarizationConfig
)

async def main():
    async with AsyncClient(api_key="your-api-key") as client:

        # Advanced job configuration
        config = JobConfig(
            type=JobType.TRANSCRIPTION,
            transcription_config=TranscriptionConfig(
                language="en",
                operating_point=OperatingPoint.ENHANCED,
                enable_entities=True,
                diarization="speaker",
            ),
            translation_config=TranslationConfig(target_languages=["es", "fr"]),
            summarization_config=SummarizationConfig(
                content_type="conversational", summary_length="brief"
            ),
        )

        result = await client.transcribe("audio.wav", config=config)

        # Access advanced features
        if result.summary:
            print(f"Summary: {result.summary}")
        if result.translations:
            print(f"Translations: {result.translations}")

asyncio.run(main())
'''

MANUAL_JOB_MANAGEMENT = '''
import asyncio
from speechmatics.batch import AsyncClient, JobStatus

async def main():
    async with AsyncClient() as client:

        # Submit job
        job = await client.submit_job("audio.wav")

        # Check job status
        job_details = await client.get_job_info(job.id)
        print(f"Status: {job_details.status}")

        # Wait for completion manually
        while job_details.status == JobStatus.RUNNING:
            await asyncio.sleep(5)
            job_details = await client.get_job_info(job.id)

        if job_details.status == JobStatus.DONE:
            # Get transcript
            transcript = await client.get_transcript(job.id)
            print(transcript.transcript_text)
        else:
            print(f"Job failed with status: {job_details.status}")

asyncio.run(main())
'''

OUTPUT_FORMATS = '''
import asyncio
from speechmatics.batch import AsyncClient, FormatType

async def main():
    async with AsyncClient() as client:
        job = await client.submit_job("audio.wav")

        # Get JSON format (default)
        json_result = await client.get_transcript(job.id, format_type=FormatType.JSON)
        print(json_result.transcript_text)

        # Get plain text
        txt_result = await client.get_transcript(job.id, format_type=FormatType.TXT)
        print(txt_result)

        # Get SRT subtitles
        srt_result = await client.get_transcript(job.id, format_type=FormatType.SRT)
        print(srt_result)

asyncio.run(main())
'''

ERROR_HANDLING = '''
import asyncio
from speechmatics.batch import (
    AsyncClient,
    BatchError,
    AuthenticationError,
    JobError,
    TimeoutError
)

async def main():
    try:
        async with AsyncClient() as client:
            result = await client.transcribe("audio.wav", timeout=120.0)
            print(result.transcript_text)

    except AuthenticationError:
        print("Invalid API key")
    except BatchError as e:
        print(f"Job submission failed: {e}")
    except JobError as e:
        print(f"Job processing failed: {e}")
    except TimeoutError as e:
        print(f"Job timed out: {e}")
    except FileNotFoundError:
        print("Audio file not found")

asyncio.run(main())
'''

CONNECTION_CONFIGURATION = '''
import asyncio
from speechmatics.batch import AsyncClient, ConnectionConfig

async def main():
    # Custom connection settings
    config = ConnectionConfig(
        url="https://asr.api.speechmatics.com/v2",
        api_key="your-api-key",
        connect_timeout=30.0,
        operation_timeout=600.0
    )

    async with AsyncClient(conn_config=config) as client:
        result = await client.transcribe("audio.wav")
        print(result.transcript_text)

asyncio.run(main())
'''


LOGGING = """
import logging
import sys

logging.basicConfig(
    level=logging.DEBUG,
    format='%(asctime)s - %(name)s - %(levelname)s - %(message)s',
    handlers=[
        logging.StreamHandler(sys.stdout)
    ]
)
"""


def adapt(source: str, url: str | None = None) -> str:
    code = source.replace("from speechmatics.batch import", "from smdesk.batch import")
    code = code.replace('"your-api-key"', repr(API_KEY))
    if url is not None:
        code = code.replace('"https://asr.api.speechmatics.com/v2"', repr(url))
    return code


def run_example(source: str, url: str | None = None) -> None:
    code = compile(adapt(source, url), "<README example>", "exec",
                   flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)  # fmt: skip
    result = eval(code, {"__name__": "__readme__"})
    if inspect.iscoroutine(result):  # the snippet used top-level await
        asyncio.run(result)


@pytest.fixture
def in_audio_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_wav(tmp_path / "audio.wav", seconds=1.0)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.usefixtures("in_audio_dir")
def test_quick_start(sandbox_thread: SandboxThread, capsys: pytest.CaptureFixture[str]) -> None:
    run_example(QUICK_START)
    assert capsys.readouterr().out.strip() == SANDBOX_TEXT


@pytest.mark.usefixtures("in_audio_dir")
def test_jwt_authentication(
    sandbox_thread: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    run_example(JWT_AUTH)
    assert capsys.readouterr().out.strip() == SANDBOX_TEXT
    assert sandbox_thread.sandbox.stats.requests["mint"] == 1  # the JWT was minted and reused


@pytest.mark.usefixtures("in_audio_dir")
def test_basic_job_workflow(
    sandbox_thread: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    run_example(BASIC_JOB_WORKFLOW)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Job submitted: ")
    assert lines[1] == f"Transcript: SPEAKER S1: {SANDBOX_TEXT}"
    assert 0.0 < float(lines[2].removeprefix("Confidence: ")) <= 1.0
    job = sandbox_thread.sandbox.jobs[lines[0].removeprefix("Job submitted: ")]
    assert job.config["transcription_config"]["diarization"] == "speaker"


@pytest.mark.usefixtures("in_audio_dir")
def test_advanced_configuration(
    sandbox_thread: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    run_example(ADVANCED_CONFIGURATION)
    out = capsys.readouterr().out
    assert out.startswith("Summary: {'content': ")
    assert "Translations: {'es': [" in out and "'fr': [" in out
    (job,) = sandbox_thread.sandbox.jobs.values()
    assert job.config["transcription_config"]["operating_point"] == "enhanced"
    assert job.config["summarization_config"] == {
        "content_type": "conversational", "summary_length": "brief"
    }  # fmt: skip


@pytest.mark.usefixtures("in_audio_dir")
def test_manual_job_management(
    sandbox_thread: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    run_example(MANUAL_JOB_MANAGEMENT)
    lines = capsys.readouterr().out.splitlines()
    # The sandbox holds the first status request like the real API (default wait), so the
    # job is usually done at once; either way the example must end with the transcript.
    assert lines[0] in ("Status: done", "Status: running")
    assert lines[-1] == SANDBOX_TEXT


@pytest.mark.usefixtures("in_audio_dir")
def test_output_formats(sandbox_thread: SandboxThread, capsys: pytest.CaptureFixture[str]) -> None:
    # The example asks for the transcript right after submitting; like the real API the
    # sandbox holds GET /transcript briefly (default wait), long enough for a short job.
    run_example(OUTPUT_FORMATS)
    out = capsys.readouterr().out
    assert out.startswith(SANDBOX_TEXT + "\n")
    assert f"SPEAKER: S1\n{SANDBOX_TEXT}" in out or f"\n{SANDBOX_TEXT}\n" in out
    assert "00:00:00," in out and " --> " in out  # the SRT cue


@pytest.mark.usefixtures("in_audio_dir")
def test_error_handling_success(
    sandbox_thread: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    run_example(ERROR_HANDLING)
    assert capsys.readouterr().out.strip() == SANDBOX_TEXT


def test_error_handling_missing_file(
    sandbox_thread: SandboxThread,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # no audio.wav here
    run_example(ERROR_HANDLING)
    assert capsys.readouterr().out.strip() == "Audio file not found"
    assert sandbox_thread.sandbox.stats.requests["submit"] == 0  # failed before any traffic


@pytest.mark.usefixtures("in_audio_dir")
def test_error_handling_bad_key(
    sandbox_thread: SandboxThread,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SPEECHMATICS_API_KEY", "wrong-key")
    run_example(ERROR_HANDLING)
    assert capsys.readouterr().out.strip() == "Invalid API key"


@pytest.mark.usefixtures("in_audio_dir")
def test_error_handling_rejected_job(
    sandbox_thread: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox_thread.sandbox.faults.reject_next_jobs(1, "Job rejected due to invalid audio")
    run_example(ERROR_HANDLING)
    out = capsys.readouterr().out.strip()
    # BatchError is the root of every client error, so its branch comes first in the example.
    assert out.startswith("Job submission failed: Job ")
    assert "was rejected: Job rejected due to invalid audio" in out


@pytest.mark.usefixtures("in_audio_dir")
def test_connection_configuration(
    sandbox_thread: SandboxThread,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("SPEECHMATICS_API_KEY")
    monkeypatch.delenv("SPEECHMATICS_BATCH_URL")  # url= and api_key= must be what is used
    run_example(CONNECTION_CONFIGURATION, url=sandbox_thread.url)
    assert capsys.readouterr().out.strip() == SANDBOX_TEXT


def test_logging_then_quick_start_as_a_script(
    sandbox_thread: SandboxThread, in_audio_dir: Path
) -> None:
    # basicConfig() configures the whole process, so this pair runs as its own script.
    done = subprocess.run(
        [sys.executable, "-c", LOGGING + adapt(QUICK_START)], cwd=in_audio_dir,
        env=dict(os.environ), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith(SANDBOX_TEXT)
    assert " - smdesk.batch.client - INFO - Job submitted (job_id=" in done.stdout
    assert " - smdesk.batch.client - INFO - Job done (job_id=" in done.stdout
    assert API_KEY not in done.stdout + done.stderr
