"""Job processing: fetch (loopback only), probe, wait the processing time, build the transcript."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import ipaddress
import logging
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import aiohttp

from smdesk.media import probe_audio
from smdesk.sandbox.jobs import DONE, EXPIRED, REJECTED, RUNNING, Job, iso_ms, utc_now
from smdesk.sandbox.jsonv2 import build_transcript, translation_supported
from smdesk.sandbox.sample import sample_for
from smdesk.sandbox.transcribe import sample_tokens, sandbox_tokens
from smdesk.sandbox.voices import identify_speakers

log = logging.getLogger(__name__)
INVALID_AUDIO = "Job rejected due to invalid audio: the file contains no audio that can be decoded"
FETCH_CHUNK = 1 << 20


class FetchError(Exception):
    pass


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # any other name would need DNS and could leave the machine


class Processor:
    """Runs each job's lifecycle as a task on the sandbox loop."""

    def __init__(
        self,
        spool_dir: Path,
        *,
        processing_factor: float,
        processing_seconds: float | None,
        max_bytes: int,
    ) -> None:
        self.spool_dir = spool_dir
        self.processing_factor = processing_factor
        self.processing_seconds = processing_seconds
        self.max_bytes = max_bytes

    def start(self, job: Job) -> None:
        job.log(f"Job {job.id} accepted")
        job.task = asyncio.get_running_loop().create_task(self._run(job), name=f"job-{job.id}")

    def processing_time(self, duration: float) -> float:
        if self.processing_seconds is not None:
            return max(0.0, self.processing_seconds)
        return max(0.0, self.processing_factor * duration)

    async def _run(self, job: Job) -> None:
        try:
            if job.fetch_url is not None:
                try:
                    await self._fetch(job)
                except FetchError as e:
                    job.duration = 0
                    reject(job, f"unable to fetch audio: {e}")
                    return
            if job.duration is None and job.spool_path is not None:
                job.duration, job.channels = await asyncio.to_thread(probe_audio, job.spool_path)
            with contextlib.suppress(TimeoutError):
                delay = self.processing_time(job.duration or 0.0)
                await asyncio.wait_for(job.finish_now.wait(), delay)
            if job.status == RUNNING:
                await complete_async(job)
        except asyncio.CancelledError:
            raise
        except Exception:  # a sandbox bug must not leave the job running forever
            log.exception("sandbox job %s failed", job.id)
            if job.status == RUNNING:
                reject(job, "Internal error while processing the job")

    async def _fetch(self, job: Job) -> None:
        url = job.fetch_url or ""
        parts = urlsplit(url)
        job.log(f"Fetching {parts.scheme}://{parts.hostname or ''}")
        if parts.scheme == "file":
            path = Path(url2pathname(parts.path))
            if not await asyncio.to_thread(path.is_file):
                raise FetchError("file not found")
            job.spool_path, job.owns_spool = path, False
            job.size = (await asyncio.to_thread(path.stat)).st_size
            job.sha256 = await asyncio.to_thread(_sha256_file, path)
            return
        if parts.scheme not in ("http", "https") or not is_loopback_host(parts.hostname):
            raise FetchError(
                "the sandbox only fetches file:// URLs and http(s) URLs on a loopback address "
                f"(got {parts.scheme}://{parts.hostname or ''})"
            )
        headers = _auth_headers(job.config.get("fetch_data") or {})
        await self._fetch_http(job, url, headers)

    async def _fetch_http(self, job: Job, url: str, headers: dict[str, str]) -> None:
        fd, name = tempfile.mkstemp(prefix="fetch-", dir=self.spool_dir)
        job.spool_path = Path(name)
        digest = hashlib.sha256()
        timeout = aiohttp.ClientTimeout(total=300, connect=10)
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.get(url, headers=headers, allow_redirects=False) as resp,
            ):
                if resp.status != 200:
                    raise FetchError(f"http status code {resp.status}")
                with open(fd, "wb") as f:  # noqa: ASYNC230 - small chunks to the page cache
                    async for chunk in resp.content.iter_chunked(FETCH_CHUNK):
                        job.size += len(chunk)
                        if job.size >= self.max_bytes:
                            raise FetchError("file is larger than the sandbox limit")
                        f.write(chunk)
                        digest.update(chunk)
        except (aiohttp.ClientError, TimeoutError) as e:
            raise FetchError(f"connection failed ({type(e).__name__})") from None
        job.sha256 = digest.hexdigest()


def _auth_headers(fetch_data: dict[str, Any]) -> dict[str, str]:
    headers = {"User-Agent": "Speechmatics-API/2.0"}
    for line in fetch_data.get("auth_headers") or []:
        key, sep, value = str(line).partition(":")
        if sep:
            headers[key.strip()] = value.strip()
    return headers


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(FETCH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def reject(job: Job, message: str) -> None:
    job.add_error(message)
    job.log(message, "ERROR")
    job.leave_running(REJECTED)


def expire(job: Job) -> None:
    """Retention elapsed: transcript and audio are gone."""
    if job.task is not None and not job.task.done():
        job.task.cancel()
    job.transcript = None
    job.log_lines.clear()
    job.leave_running(EXPIRED)


def complete(job: Job) -> None:
    """Finish a running job now: reject it if it must be, else build its transcript."""
    if job.status != RUNNING:
        return
    if job.duration is None and job.spool_path is not None:
        job.duration, job.channels = probe_audio(job.spool_path)
    _apply(job, _outcome(job))


async def complete_async(job: Job) -> None:
    """complete(), with the transcript built off the loop (10 h of audio is ~90k words)."""
    outcome = await asyncio.to_thread(_outcome, job)
    if job.status == RUNNING:  # it may have been deleted or expired meanwhile
        _apply(job, outcome)


def _outcome(job: Job) -> str | tuple[dict[str, Any], bool]:
    """A rejection message, or (transcript, from_sample). Reads the job, changes nothing."""
    problem = _rejection_reason(job)
    if problem:
        return problem
    duration = float(job.duration or 0.0)
    sample = sample_for(job.sha256)
    tokens = sample_tokens(sample) if sample else sandbox_tokens(job.sha256 or "0" * 64, duration)
    tokens, speakers = identify_speakers(
        tokens, job.config.get("transcription_config") or {}, sha256=job.sha256,
        is_sample=sample is not None, generation=job.voice_generation,
    )  # fmt: skip
    info: dict[str, Any] = {
        "created_at": iso_ms(job.created_at),
        "data_name": job.data_name,
        "duration": round(duration),
        "id": job.id,
    }
    if job.config.get("tracking"):
        info["tracking"] = job.config["tracking"]
    transcript = build_transcript(
        job=info,
        config=job.config,
        tokens=tokens,
        channels=job.channels,
        created_at=iso_ms(utc_now()),
        speakers=speakers,
    )
    return transcript, sample is not None


def _apply(job: Job, outcome: str | tuple[dict[str, Any], bool]) -> None:
    if isinstance(outcome, str):
        reject(job, outcome)
        return
    job.transcript, from_sample = outcome
    source = "the bundled sample" if from_sample else "sandbox text"
    job.log(f"Transcribed {job.duration or 0:.1f} s of audio ({source})")
    job.leave_running(DONE)


def _rejection_reason(job: Job) -> str | None:
    if job.forced_rejection:
        return job.forced_rejection
    if not job.duration or job.duration <= 0:
        return INVALID_AUDIO
    tc = job.config.get("transcription_config") or {}
    language = str(tc.get("language") or "en")
    targets = (job.config.get("translation_config") or {}).get("target_languages") or []
    if language != "auto":
        for target in targets:
            if not translation_supported(language, str(target)):
                return f"Translation from {language} to {target} currently not supported"
    return None
