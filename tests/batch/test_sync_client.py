"""The blocking Client: AsyncClient on its own loop thread, usable from plain threads."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from smdesk.batch import BatchError, Client, ConfigurationError, JobDetails
from smdesk.sandbox import SandboxThread
from tests.batch.conftest import API_KEY, write_wav


@pytest.fixture
def server() -> Iterator[SandboxThread]:
    with SandboxThread(api_key=API_KEY, processing_factor=0.0, processing_seconds=0.2) as sb:
        yield sb


def test_many_threads_share_one_client(server: SandboxThread, tmp_path: Path) -> None:
    audio = write_wav(tmp_path / "a.wav")
    found: list[str] = []
    with Client(api_key=API_KEY, url=server.url) as client:
        def work() -> None:
            job = client.submit_job(audio)
            found.append(client.get_job_info(job.id).id)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert len(set(found)) == 4
        assert {j.id for j in client.list_jobs()} >= set(found)


def test_close_twice_and_use_again(server: SandboxThread, tmp_path: Path) -> None:
    client = Client(api_key=API_KEY, url=server.url)
    client.close()  # before any request: nothing started, nothing to stop
    assert client.list_jobs() == []
    client.close()
    client.close()
    job = client.submit_job(write_wav(tmp_path / "b.wav"))  # a fresh loop and session
    assert isinstance(job, JobDetails)
    client.close()
    assert not [t for t in threading.enumerate() if t.name == "smdesk-batch-client"]


def test_bad_arguments_raise_in_the_calling_thread() -> None:
    with pytest.raises(ConfigurationError):
        Client(api_key=API_KEY, url="ftp://nowhere")


def test_a_callback_calling_back_into_the_client_is_refused(
    server: SandboxThread, tmp_path: Path
) -> None:
    errors: list[BaseException] = []
    with Client(api_key=API_KEY, url=server.url) as client:
        def progress(sent: int, total: int | None) -> None:
            try:
                client.list_jobs()
            except BatchError as exc:
                errors.append(exc)

        client.submit_job(write_wav(tmp_path / "c.wav"), progress=progress)
    assert errors and "own callbacks" in str(errors[0])
