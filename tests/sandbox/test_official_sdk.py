"""The official speechmatics-batch 1.1.0 SDK, unmodified, against the sandbox.

Default mode must be clean for it; realism mode sends what the real API sends and the SDK
cannot parse (proving the switch matters).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from speechmatics.batch import (
    AsyncClient,
    AuthenticationError,
    BatchError,
    FormatType,
    JobConfig,
    JobError,
    JobExpiredError,
    JobStatus,
    JobType,
    JWTAuth,
    OutputConfig,
    TranscriptionConfig,
    TranscriptNotReadyError,
    TranslationConfig,
)

from smdesk.sandbox import Sandbox
from smdesk.sandbox.sample import SAMPLE_AUDIO, SAMPLE_TRANSCRIPT
from tests.sandbox.conftest import KEY

FAST = {"polling_interval": 0.2, "min_polling_interval": 0.05, "timeout": 60}


@pytest.fixture
async def client(sandbox: Sandbox) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(api_key=KEY, url=sandbox.url) as c:
        yield c


async def test_submit_wait_and_all_three_formats(client: AsyncClient, sandbox: Sandbox) -> None:
    job = await client.submit_job(
        str(SAMPLE_AUDIO), transcription_config=TranscriptionConfig(diarization="speaker")
    )
    assert job.status == JobStatus.RUNNING
    transcript = await client.wait_for_completion(job.id, **FAST)
    assert transcript.transcript_text.startswith("SPEAKER S1: Good morning, and welcome")
    assert transcript.job.data_name == "sample-interview.ogg"
    assert all(r.alternatives and r.alternatives[0].language == "en" for r in transcript.results)
    txt = await client.get_transcript(job.id, format_type=FormatType.TXT)
    assert isinstance(txt, str) and txt.startswith("SPEAKER: S1\nGood morning, and welcome")
    srt_text = await client.get_transcript(job.id, format_type=FormatType.SRT)
    assert isinstance(srt_text, str) and srt_text.startswith("1\n00:00:00,400 --> ")
    # The SDK labels every upload audio/wav; the sandbox records what it was sent.
    assert sandbox.jobs[job.id].upload_content_type == "audio/wav"


async def test_sample_words_are_the_true_words(client: AsyncClient) -> None:
    import json

    truth = json.loads(SAMPLE_TRANSCRIPT.read_text())
    job = await client.submit_job(str(SAMPLE_AUDIO))
    transcript = await client.wait_for_completion(job.id, **FAST)
    words = [r.alternatives[0].content for r in transcript.results if r.alternatives]
    assert words == [w["text"] for w in truth["words"]]
    assert {r.alternatives[0].speaker for r in transcript.results if r.alternatives} == {"UU"}


async def test_list_get_and_delete(client: AsyncClient, sandbox: Sandbox, wav: Path) -> None:
    sandbox.processor.processing_seconds = 60
    job = await client.submit_job(str(wav))
    with pytest.raises(TranscriptNotReadyError):
        await client.get_transcript(job.id)
    with pytest.raises(JobError, match="pass force=True"):
        await client.delete_job(job.id)
    jobs = await client.list_jobs(limit=10)
    assert [j.id for j in jobs] == [job.id] and jobs[0].status == JobStatus.RUNNING
    info = await client.get_job_info(job.id)
    assert info.data_name == "tone.wav" and info.config is not None
    await client.delete_job(job.id, force=True)
    assert (await client.get_job_info(job.id)).status == JobStatus.DELETED


async def test_rich_config_round_trips_through_the_sdk(client: AsyncClient, wav: Path) -> None:
    config = JobConfig(
        type=JobType.TRANSCRIPTION,
        transcription_config=TranscriptionConfig(
            language="en", diarization="speaker", enable_entities=True
        ),
        translation_config=TranslationConfig(target_languages=["es", "fr"]),
        output_config=OutputConfig(srt_overrides={"max_line_length": 20, "max_lines": 1}),
    )
    job = await client.submit_job(str(wav), config=config)
    transcript = await client.wait_for_completion(job.id, **FAST)
    assert transcript.translations is not None and set(transcript.translations) == {"es", "fr"}
    info = await client.get_job_info(job.id)
    assert info.config is not None and info.config.output_config is not None
    assert info.config.output_config.srt_overrides == {"max_line_length": 20, "max_lines": 1}


async def test_sync_wait_submit_and_jwt_auth(sandbox: Sandbox, wav: Path) -> None:
    auth = JWTAuth(KEY, ttl=60, mp_url=sandbox.mp_url)
    async with AsyncClient(auth, url=sandbox.url) as client:
        job = await client.submit_job(str(wav), wait=30, format_type=FormatType.TXT)
        assert job.status == JobStatus.DONE
        assert isinstance(job.transcript, str) and "sandbox text" in job.transcript
    assert sandbox.stats.requests["mint"] == 1


async def test_wrong_key_is_authentication_error(sandbox: Sandbox) -> None:
    async with AsyncClient(api_key="wrong", url=sandbox.url) as client:
        with pytest.raises(AuthenticationError):
            await client.list_jobs()


async def test_polling_survives_transient_faults(
    client: AsyncClient, sandbox: Sandbox, wav: Path
) -> None:
    sandbox.faults.fail_next("job", count=3, status=503)
    job = await client.submit_job(str(wav))
    transcript = await client.wait_for_completion(job.id, **FAST)
    assert transcript.results
    statuses = [r.status for r in sandbox.stats.log if r.kind == "job"]
    assert statuses[:3] == [503, 503, 503] and statuses[-1] == 200


async def test_rejected_job_raises_job_error(
    client: AsyncClient, sandbox: Sandbox, wav: Path
) -> None:
    sandbox.faults.reject_next_jobs(1, "Job rejected due to invalid audio")
    job = await client.submit_job(str(wav))
    with pytest.raises(JobError, match="was rejected"):
        await client.wait_for_completion(job.id, **FAST)


async def test_default_mode_expired_job_is_410_which_the_sdk_understands(
    client: AsyncClient, sandbox: Sandbox, wav: Path
) -> None:
    job = await client.submit_job(str(wav))
    await client.wait_for_completion(job.id, **FAST)
    sandbox.expire_job(job.id)
    with pytest.raises(JobExpiredError):
        await client.get_job_info(job.id)
    with pytest.raises(JobExpiredError):
        await client.get_transcript(job.id)
    assert await client.list_jobs() == []  # hidden rather than unparseable


async def test_realism_output_breaks_the_sdk(tmp_path: Path, wav: Path) -> None:
    async with (
        Sandbox(api_key=KEY, processing_seconds=0.1, realism=True) as sandbox,
        AsyncClient(api_key=KEY, url=sandbox.url) as client,
    ):
        job = await client.submit_job(str(wav))
        # notification_config: null in the config echo -> JobConfig.from_dict TypeError.
        with pytest.raises(JobError):
            await client.get_job_info(job.id)
        with pytest.raises(BatchError):
            await client.list_jobs()
        sandbox.finish_job(job.id)
        transcript = await client.get_transcript(job.id)  # the transcript itself still parses
        assert transcript.results
        sandbox.expire_job(job.id)
        with pytest.raises(JobExpiredError):
            await client.get_transcript(job.id)


async def test_fetch_data_job_through_the_sdk(client: AsyncClient, wav: Path) -> None:
    from speechmatics.batch import FetchData

    config = JobConfig(
        type=JobType.TRANSCRIPTION,
        fetch_data=FetchData(url=wav.as_uri()),
        transcription_config=TranscriptionConfig(language="en"),
    )
    job = await client.submit_job(None, config=config)
    transcript = await client.wait_for_completion(job.id, **FAST)
    assert transcript.transcript_text.startswith("This is sandbox text")
    info = await client.get_job_info(job.id)
    assert info.config is not None and info.config.fetch_data is not None
    assert info.config.fetch_data.url == wav.as_uri()
