"""Code written for speechmatics-batch 1.1.0 gives the same results on smdesk.batch.

`program` uses the official API the way its users do (positional arguments, the blocking
Client, the result models' attributes); it runs once with each package against the same
sandbox, and the outputs must be equal.
"""

from __future__ import annotations

import json
import threading
import types
from pathlib import Path
from typing import Any

import pytest

official = pytest.importorskip("speechmatics.batch")

import smdesk.batch as ours  # noqa: E402
from smdesk.sandbox import SandboxThread  # noqa: E402
from tests.batch.conftest import API_KEY, write_wav  # noqa: E402

REALWORLD = Path("../shared/realworld/json-v2")


def value(x: Any) -> Any:
    return getattr(x, "value", x)


def program(sm: types.ModuleType, url: str, audio: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    conn = sm.ConnectionConfig(12.0, 90.0)
    out["conn"] = (conn.connect_timeout, conn.operation_timeout)
    out["lattice"] = sm.OutputConfig(True).generate_lattice
    tc = sm.TranscriptionConfig("de", sm.Model.STANDARD, None, "speaker")
    out["tc"] = (tc.language, value(tc.model), tc.output_locale, tc.diarization)
    out["filters"] = (
        sm.TranscriptFilteringConfig().remove_disfluencies,
        sm.AudioFilteringConfig().volume_threshold,
    )
    with pytest.raises(ValueError):
        sm.TranscriptionConfig(model=sm.Model.ENHANCED, operating_point="enhanced")
    with sm.Client(api_key=API_KEY, url=url) as client:
        config = sm.JobConfig(
            sm.JobType.TRANSCRIPTION,
            transcription_config=sm.TranscriptionConfig(
                diarization="speaker", speaker_diarization_config={"speaker_sensitivity": 0.6}
            ),
        )
        job = client.submit_job(str(audio), config=config)
        transcript = client.wait_for_completion(job.id, polling_interval=0.2)
        out["text"] = transcript.transcript_text
        first = transcript.results[0]
        out["first"] = (first.type, first.start_time, first.alternatives[0].content)
        out["speakers_in_text"] = sorted(
            {r.alternatives[0].speaker for r in transcript.results if r.alternatives}
        )
        out["metadata_config"] = transcript.metadata.transcription_config["diarization"]
        info = client.get_job_info(job.id)
        out["status"] = value(info.status)
        out["listed"] = job.id in [j.id for j in client.list_jobs()]
        srt = client.get_transcript(job.id, format_type=sm.FormatType.SRT)
        out["srt_first_line"] = srt.splitlines()[0]
        client.delete_job(job.id, force=True)
        enrol = sm.TranscriptionConfig(
            diarization="speaker", speaker_diarization_config={"get_speakers": True}
        )
        voices = client.transcribe(str(audio), transcription_config=enrol, polling_interval=0.2)
        out["voices"] = [(s.label, s.speaker_identifiers) for s in voices.speakers]
        known = {"label": "Ana", "speaker_identifiers": voices.speakers[0].speaker_identifiers}
        named = sm.TranscriptionConfig(
            diarization="speaker", speaker_diarization_config={"speakers": [known]}
        )
        again = client.transcribe(str(audio), transcription_config=named, polling_interval=0.2)
        out["named"] = again.transcript_text.splitlines()[0].split(":")[0]
    return out


def run_in_plain_thread(sm: types.ModuleType, url: str, audio: Path) -> dict[str, Any]:
    """Run `program` on a thread that has no event loop, as a script or a worker would."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["out"] = program(sm, url, audio)
        except BaseException as error:  # re-raised in the test thread
            result["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    if "error" in result:
        raise result["error"]
    return result["out"]


@pytest.fixture
def thread_sandbox() -> Any:
    with SandboxThread(api_key=API_KEY, processing_factor=0.0, processing_seconds=0.2) as sb:
        yield sb


def test_same_program_same_results(thread_sandbox: SandboxThread, tmp_path: Path) -> None:
    audio = write_wav(tmp_path / "tone.wav", seconds=3.0)
    theirs = run_in_plain_thread(official, thread_sandbox.url, audio)
    mine = run_in_plain_thread(ours, thread_sandbox.url, audio)
    assert mine == theirs
    assert theirs["conn"] == (12.0, 90.0) and theirs["lattice"] is True  # the program ran
    assert theirs["named"] == "SPEAKER Ana" and theirs["voices"]


def test_sync_client_inside_a_running_event_loop(
    thread_sandbox: SandboxThread, tmp_path: Path
) -> None:
    """Blocking code called from async code (a notebook cell, a callback) still works."""
    import asyncio

    audio = write_wav(tmp_path / "tone.wav", seconds=1.0)

    async def main() -> str:
        with ours.Client(api_key=API_KEY, url=thread_sandbox.url) as client:
            transcript = client.transcribe(audio, polling_interval=0.2)
        assert isinstance(transcript, ours.Transcript)
        return transcript.transcript_text

    assert "sandbox text" in asyncio.run(main())


class SyncOnlyAuth(ours.AuthBase):
    """A user's auth class written for the official blocking Client: only the sync method."""

    def __init__(self) -> None:
        self.calls = 0

    def get_auth_headers_sync(self) -> dict[str, str]:
        self.calls += 1
        return {"Authorization": f"Bearer {API_KEY}"}


def test_auth_subclass_with_only_the_sync_method(
    thread_sandbox: SandboxThread, tmp_path: Path
) -> None:
    auth = SyncOnlyAuth()
    with ours.Client(auth, url=thread_sandbox.url) as client:
        job = client.submit_job(write_wav(tmp_path / "a.wav"))
        assert client.get_job_info(job.id).id == job.id
    assert auth.calls >= 2


def test_auth_with_neither_method_says_so() -> None:
    class Empty(ours.AuthBase):
        pass

    with pytest.raises(NotImplementedError, match="neither"):
        Empty().get_auth_headers_sync()


def test_jwt_auth_sync_mints_once(thread_sandbox: SandboxThread) -> None:
    auth = ours.JWTAuth(API_KEY, mp_url=thread_sandbox.mp_url, request_id="support-42")
    assert auth.region == "eu"
    first = auth.get_auth_headers_sync()
    assert first == auth.get_auth_headers_sync()
    assert first["Authorization"] != f"Bearer {API_KEY}" and auth.mint_count == 1


def realworld_files() -> list[Path]:
    return sorted(REALWORLD.glob("*.json")) if REALWORLD.is_dir() else []


def plain(obj: Any, fields_of: Any) -> Any:
    """Values of `obj` under the official classes' field names only (ours may add fields)."""
    import dataclasses

    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        official_cls = fields_of(type(obj).__name__)
        return {f.name: plain(getattr(obj, f.name), fields_of) for f in
                dataclasses.fields(official_cls)}  # fmt: skip
    if isinstance(obj, list):
        return [plain(v, fields_of) for v in obj]
    if isinstance(obj, dict):
        return {k: plain(v, fields_of) for k, v in obj.items()}
    return value(obj)


@pytest.mark.skipif(not realworld_files(), reason="../shared/realworld/json-v2 is not present")
@pytest.mark.parametrize("path", realworld_files(), ids=lambda p: p.name)
def test_real_transcripts_parse_to_the_same_models(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        theirs = official.Transcript.from_dict(data)
    except (KeyError, TypeError, ValueError):
        pytest.skip(f"the official client cannot parse {path.name}")
    mine = ours.Transcript.from_dict(data)

    def official_class(name: str) -> Any:
        return getattr(official._models, name)

    assert plain(mine, official_class) == plain(theirs, official_class)
    if theirs.speakers:
        assert isinstance(mine.speakers[0], ours.SpeakerIdentifier)
        assert mine.speakers[0].label == theirs.speakers[0].label
