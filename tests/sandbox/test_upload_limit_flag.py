"""--max-upload-bytes: the sandbox's upload limit from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from smdesk.media import MAX_UPLOAD_BYTES
from smdesk.sandbox import Sandbox, add_arguments, options_from_args
from tests.sandbox.conftest import KEY, authorised_session, config, job_form, write_wav


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


def test_default_is_the_apis_limit() -> None:
    assert options_from_args(parse()).max_upload_bytes == MAX_UPLOAD_BYTES == 1_000_000_000


def test_flag_raises_the_limit() -> None:
    options = options_from_args(parse("--max-upload-bytes", str(2 << 30)))
    assert options.max_upload_bytes == 2_147_483_648
    assert options_from_args(parse("--max-upload-bytes", "1_500_000_000")).max_upload_bytes == (
        1_500_000_000
    )


@pytest.mark.parametrize("bad", ["0", "-5", "1e9", "lots"])
def test_flag_refuses_what_is_not_a_positive_byte_count(
    bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        parse("--max-upload-bytes", bad)
    assert "not a positive whole number of bytes" in capsys.readouterr().err


async def test_sandbox_started_from_the_flag_enforces_it(tmp_path: Path) -> None:
    small = write_wav(tmp_path / "small.wav", seconds=0.5)  # ~8 KB
    large = write_wav(tmp_path / "large.wav", seconds=2.0)  # ~32 KB
    options = options_from_args(
        parse("--port", "0", "--api-key", KEY, "--max-upload-bytes", "20000")
    )
    async with (
        Sandbox(options) as sb,
        authorised_session(sb) as http,
    ):
        async with http.post("/v2/jobs", data=job_form(config(), large)) as resp:
            assert resp.status == 400
            assert "maximum of 20000 bytes" in (await resp.json())["detail"]
        async with http.post("/v2/jobs", data=job_form(config(), small)) as resp:
            assert resp.status == 201
        assert len(sb.jobs) == 1
