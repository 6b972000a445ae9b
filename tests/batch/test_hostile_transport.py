"""Hostile network: an echoed key, plain http to the internet, an untrusted certificate."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smdesk.batch import (
    AsyncClient,
    ConfigurationError,
    ConnectionConfig,
    JWTAuth,
    TransportError,
)
from smdesk.batch._http import trust_advice
from smdesk.batch._wire import Endpoint, RawResponse, error_for
from smdesk.batch.errors import CertificateError, redact_text
from smdesk.batch.url_policy import host_address, insecure_http_reason
from smdesk.sandbox import Sandbox
from tests.batch.conftest import API_KEY, fast_retries
from tests.untrusted_tls import untrusted_tls_server

LONG_KEY = "sk-" + "A1b2C3d4E5" * 4  # long enough that a cut could leave a telling prefix


# -- an error body that echoes the request --------------------------------------------------
async def test_an_echoed_key_is_redacted_before_the_message_is_shortened() -> None:
    """Wherever the echoed key falls, also across the point where the message is cut, no
    part of it survives (it was cut first and redacted after, leaving the first characters)."""
    async with Sandbox(api_key=LONG_KEY, processing_seconds=0.1) as sandbox:
        client = AsyncClient(api_key=LONG_KEY, url=sandbox.url)
        for prefix in range(0, 320, 20):  # steps shorter than the key: one run straddles
            fault = {"echo_request": True, "echo_prefix": "x" * prefix}
            sandbox.faults.fail_next("list", status=400, **fault)
            with pytest.raises(ConfigurationError) as caught:
                await client.list_jobs()
            message = str(caught.value)
            assert LONG_KEY[:6] not in message, (prefix, message)
        await client.close()


def test_a_key_across_the_cut_is_redacted_whole() -> None:
    for offset in range(250, 300):
        detail = "x" * offset + f"Authorization: {LONG_KEY} tail"
        response = RawResponse(400, {"content-type": "application/json"},
                               json.dumps({"error": detail}).encode(), "rid")  # fmt: skip
        message = str(error_for(response, Endpoint.LIST, secrets=[LONG_KEY]))
        assert LONG_KEY[:4] not in message, offset


def test_redaction_catches_the_key_in_every_form() -> None:
    text = (
        f"auth=Bearer {LONG_KEY}; raw {LONG_KEY}; url token=Bearer%20{LONG_KEY}; "
        "jwt Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig and a bearer token."
    )
    cleaned = redact_text(text, [LONG_KEY])
    assert LONG_KEY not in cleaned and "eyJhbGci" not in cleaned
    assert cleaned.count("<redacted>") == 4
    assert cleaned.endswith("a bearer token.")  # ordinary words survive


async def test_echoed_key_never_reaches_the_error(sandbox: Sandbox, audio_file: Path) -> None:
    sandbox.faults.fail_next("submit", status=400, echo_request=True, echo_prefix="y" * 250)
    async with AsyncClient(api_key=API_KEY, url=sandbox.url) as client:
        with pytest.raises(ConfigurationError) as caught:
            await client.submit_job(audio_file)
    assert API_KEY[:8] not in str(caught.value) and API_KEY[:8] not in repr(caught.value)


# -- plain http only to this machine and private networks -----------------------------------
@pytest.mark.parametrize(
    ("url", "real"),
    [
        ("http://134744072/v2", "8.8.8.8"),  # an integer host
        ("http://0x08080808/v2", "8.8.8.8"),  # hex
        ("http://8.8.8.8:8080/v2", "8.8.8.8"),
        ("http://[2001:4860:4860::8888]/v2", "2001:4860:4860::8888"),  # IPv6 literal
        ("http://[::ffff:8.8.8.8]/v2", "8.8.8.8"),  # IPv4-mapped IPv6
        ("http://1.1/v2", "1.0.0.1"),  # short form
    ],
)
def test_plain_http_to_a_public_address_is_refused(url: str, real: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        AsyncClient(api_key=API_KEY, url=url)
    message = str(caught.value)
    assert real in message and "unencrypted" in message and "allow_insecure_http" in message
    assert API_KEY not in message
    assert message.count(".") >= 1 and message.endswith(".")
    # The explicit, insecure-named opt-in accepts it.
    AsyncClient(api_key=API_KEY, url=url, conn_config=ConnectionConfig(allow_insecure_http=True))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/v2", "http://2130706433:8000/v2",  # 127.0.0.1 as an integer
        "http://[::1]:8000/v2", "http://localhost:8000/v2", "http://10.1.2.3/v2",
        "http://192.168.0.10:8082/v2", "http://[fd00::5]/v2", "https://8.8.8.8/v2",
    ],
)  # fmt: skip
def test_plain_http_to_local_and_private_addresses_is_accepted(url: str) -> None:
    assert insecure_http_reason(url) is None
    AsyncClient(api_key=API_KEY, url=url)


def test_host_literals_are_read_as_the_os_reads_them() -> None:
    assert str(host_address("134744072")) == "8.8.8.8"
    assert str(host_address("0x7f000001")) == "127.0.0.1"
    assert str(host_address("[fe80::1%eth0]")) == "fe80::1"
    assert host_address("asr.example.com") is None and host_address("deadbeef.lan") is None


async def test_a_host_name_is_judged_on_the_addresses_it_resolves_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The DNS answer is the only thing substituted: the name resolves to a public address."""
    real_getaddrinfo = asyncio.get_running_loop().getaddrinfo

    async def fake_dns(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "asr.intranet.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.4.4", 80))]
        return await real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(asyncio.get_running_loop(), "getaddrinfo", fake_dns)
    async with AsyncClient(api_key=API_KEY, url="http://asr.intranet.example/v2") as client:
        with pytest.raises(ConfigurationError, match=r"unencrypted.*8\.8\.4\.4"):
            await client.list_jobs()


async def test_a_host_name_resolving_to_loopback_is_used(sandbox: Sandbox) -> None:
    port = sandbox.url.split("//")[1].split("/")[0].rsplit(":", 1)[1]
    async with AsyncClient(api_key=API_KEY, url=f"http://localhost:{port}/v2") as client:
        assert await client.list_jobs() == []


# -- an untrusted certificate ------------------------------------------------------------------
@pytest.fixture
def untrusted_server(tmp_path: Path) -> Iterator[tuple[str, list[int]]]:
    with untrusted_tls_server(tmp_path) as server:
        yield server


async def test_an_untrusted_certificate_is_said_plainly_and_not_retried(
    untrusted_server: tuple[str, list[int]],
) -> None:
    url, connections = untrusted_server
    config = fast_retries(max_retries=5)
    async with AsyncClient(api_key=API_KEY, url=url, conn_config=config) as client:
        with pytest.raises(CertificateError) as caught:
            await client.list_jobs()
    message = str(caught.value)
    assert "127.0.0.1" in message and "not trusted" in message
    assert trust_advice() in message  # where this OS keeps trusted certificates
    assert isinstance(caught.value, TransportError) and not caught.value.transient
    assert len(connections) == 1  # one attempt: retrying cannot make a certificate trusted


def test_the_trust_advice_names_each_systems_store() -> None:
    assert "Trusted Root" in trust_advice("win32") and "Keychain" in trust_advice("darwin")
    assert "SSL_CERT_FILE" in trust_advice("linux")


# -- a stalled upload and a lost reply, as submit_job's caller sees them ----------------------
async def test_a_stalled_upload_says_so_and_that_no_job_was_made(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    big = tmp_path / "big.wav"
    big.write_bytes(b"RIFF" + b"\0" * 4 + b"WAVE" + b"\0" * 40_000_000)  # fills any socket buffer
    sandbox.faults.stall_next_upload(after_bytes=100_000, seconds=30)
    config = fast_retries(upload_idle_timeout=0.5)
    async with AsyncClient(api_key=API_KEY, url=sandbox.url, conn_config=config) as client:
        with pytest.raises(TransportError) as caught:
            await client.submit_job(big)
    assert "stalled" in str(caught.value) and caught.value.job_may_exist is False
    assert not sandbox.jobs


async def test_a_lost_reply_says_the_job_may_exist_and_recovery_finds_it(
    sandbox: Sandbox, audio_file: Path
) -> None:
    from smdesk.batch import JobConfig
    from smdesk.batch.recovery import find_submitted_job, with_reference

    sandbox.faults.lose_next_replies(1)
    sandbox.faults.register_next_jobs_late(0.4)
    config = JobConfig.from_dict(with_reference(
        {"type": "transcription", "transcription_config": {"language": "en"}}, "ref-123"))
    async with AsyncClient(api_key=API_KEY, url=sandbox.url, conn_config=fast_retries()) as client:
        with pytest.raises(TransportError) as caught:
            await client.submit_job(audio_file, config=config, filename="  odd\x07name.wav")
        assert caught.value.job_may_exist is True and "may exist" in str(caught.value)
        found = await find_submitted_job(
            lambda: client.list_jobs(), reference="ref-123", filename="  odd\x07name.wav",
            since=0.0, patience=2.0, interval=0.1)
    assert found is not None and list(sandbox.jobs) == [found]


# -- the management platform gets the same plain-http policy -------------------------------------
def test_jwt_refuses_to_send_the_key_over_http_to_a_public_address() -> None:
    with pytest.raises(ConfigurationError, match=r"unencrypted.*8\.8\.8\.8.*allow_insecure_http"):
        JWTAuth(API_KEY, mp_url="http://8.8.8.8")
    assert JWTAuth(API_KEY, mp_url="http://8.8.8.8", allow_insecure_http=True).mp_url


async def test_jwt_judges_a_management_host_name_on_its_addresses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def public_dns(host: str, *args: Any, **kwargs: Any) -> Any:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.4.4", 80))]

    monkeypatch.setattr(asyncio.get_running_loop(), "getaddrinfo", public_dns)
    auth = JWTAuth(API_KEY, mp_url="http://mp.intranet.example")
    with pytest.raises(ConfigurationError, match=r"unencrypted.*8\.8\.4\.4"):
        await auth.get_token()
    assert auth.mint_count == 0


async def test_jwt_mints_over_http_on_this_computer(sandbox: Sandbox) -> None:
    port = sandbox.mp_url.split("//")[1].split("/")[0].rsplit(":", 1)[1]
    auth = JWTAuth(API_KEY, mp_url=f"http://localhost:{port}")
    assert await auth.get_token() != API_KEY
