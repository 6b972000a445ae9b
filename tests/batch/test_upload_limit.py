"""ConnectionConfig.max_upload_bytes: the client's own limit, and the server's, both ways."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from smdesk.batch import (
    MAX_UPLOAD_BYTES,
    AsyncClient,
    ConfigurationError,
    ConnectionConfig,
    JobStatus,
)
from smdesk.sandbox import Sandbox
from tests.batch.conftest import API_KEY, SANDBOX_TEXT, fast_retries, write_wav

# 8 kHz mono 16-bit WAV: 16,000 bytes per second plus a 44-byte header
BYTES_PER_SECOND = 16_000


def wav_of_about(tmp_path: Path, name: str, size: int) -> Path:
    path = write_wav(tmp_path / name, seconds=size / BYTES_PER_SECOND)
    assert abs(path.stat().st_size - size) < 100
    return path


def test_default_limit_is_the_apis() -> None:
    assert ConnectionConfig().max_upload_bytes == MAX_UPLOAD_BYTES == 1_000_000_000


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "100"])
def test_limit_must_be_a_positive_whole_number(bad: object) -> None:
    with pytest.raises(ConfigurationError, match="max_upload_bytes must be a positive"):
        ConnectionConfig(max_upload_bytes=bad)  # type: ignore[arg-type]


async def test_small_client_limit_refuses_before_any_request(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    audio = wav_of_about(tmp_path, "twenty-kb.wav", 20_000)
    config = fast_retries(max_upload_bytes=10_000)
    async with AsyncClient(api_key=API_KEY, url=sandbox.url, conn_config=config) as client:
        with pytest.raises(ConfigurationError) as caught:
            await client.submit_job(audio)
        with pytest.raises(ConfigurationError, match="10,000 bytes"):
            await client.submit_job(io.BytesIO(audio.read_bytes()))  # seekable stream: size known
        with pytest.raises(ConfigurationError, match="10,000 bytes"):
            await client.submit_job(audio.read_bytes())
    message = str(caught.value)
    assert "twenty-kb.wav" in message and "20,044 bytes" in message
    assert "upload limit of 10,000 bytes" in message and "max_upload_bytes" in message
    assert "1 GB" not in message  # the configured limit, not the API's, is what refused it
    assert sandbox.stats.requests["submit"] == 0 and sum(sandbox.stats.requests.values()) == 0
    assert not sandbox.jobs


async def test_file_at_the_limit_is_refused_and_just_under_is_sent(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    audio = wav_of_about(tmp_path, "exact.wav", 20_000)
    size = audio.stat().st_size
    at_limit = fast_retries(max_upload_bytes=size)
    async with AsyncClient(api_key=API_KEY, url=sandbox.url, conn_config=at_limit) as client:
        with pytest.raises(ConfigurationError, match=f"upload limit of {size:,} bytes"):
            await client.submit_job(audio)
    assert sandbox.stats.requests["submit"] == 0
    above = fast_retries(max_upload_bytes=size + 1)
    async with AsyncClient(api_key=API_KEY, url=sandbox.url, conn_config=above) as client:
        job = await client.submit_job(audio)
    assert sandbox.jobs[job.id].size == size


async def test_server_limit_below_the_client_limit_is_a_clear_error(tmp_path: Path) -> None:
    audio = wav_of_about(tmp_path, "forty-kb.wav", 40_000)
    config = fast_retries(max_upload_bytes=50_000)
    async with (
        Sandbox(api_key=API_KEY, processing_seconds=0.1, max_upload_bytes=30_000) as sb,
        AsyncClient(api_key=API_KEY, url=sb.url, conn_config=config) as client,
    ):
        with pytest.raises(ConfigurationError) as caught:
            await client.submit_job(audio)
        assert sb.stats.requests["submit"] == 1 and not sb.jobs
    error = caught.value
    assert error.status_code == 400
    assert "refused" in str(error) and "30000 bytes" in str(error)  # the server's own detail
    assert "Traceback" not in str(error) and "\n" not in str(error)


async def test_raised_limits_on_both_sides_accept_the_job(tmp_path: Path) -> None:
    audio = wav_of_about(tmp_path, "forty-kb.wav", 40_000)
    config = fast_retries(max_upload_bytes=50_000)
    async with (
        Sandbox(api_key=API_KEY, processing_seconds=0.1, max_upload_bytes=100_000) as sb,
        AsyncClient(api_key=API_KEY, url=sb.url, conn_config=config) as client,
    ):
        job = await client.submit_job(audio)
        assert sb.jobs[job.id].size == audio.stat().st_size
        result = await client.wait_for_completion(
            job.id, polling_interval=0.05, min_polling_interval=0.01
        )
        assert (await client.get_job_info(job.id)).status is JobStatus.DONE
    assert result.transcript_text == SANDBOX_TEXT
