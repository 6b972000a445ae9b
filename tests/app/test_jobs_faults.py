"""The sandbox's injected faults are ridden out, or reported in one clear sentence."""

from __future__ import annotations

from smdesk.app.messages import KEY_REJECTED, SAVED_KEY_REJECTED
from smdesk.store.history import Phase
from tests.app.conftest import run, wait_until


def _run_one(ctx, loop, path, until=(Phase.DONE, Phase.FAILED)):
    ctx.window.add_paths([str(path)])
    job_id = run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0].id))
    run(loop, wait_until(lambda: ctx.jobs.view(job_id).record.phase in until), timeout=30)
    return ctx.jobs.view(job_id).record


def _server_jobs(sandbox):
    return len(sandbox.sandbox.jobs)


def test_cut_connection_mid_upload_is_retried_without_a_duplicate(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox)
    sandbox.sandbox.faults.cut_next_upload(1, after_bytes=32768)
    record = _run_one(ctx, loop, audio())
    assert record.phase is Phase.DONE
    assert record.upload_attempts == 2
    assert sandbox.sandbox.stats.uploads == 1
    assert _server_jobs(sandbox) == 1


def test_503_on_submit_is_retried(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox)
    sandbox.sandbox.faults.fail_next("submit", 2, status=503)
    record = _run_one(ctx, loop, audio())
    assert record.phase is Phase.DONE
    assert record.upload_attempts == 3
    assert _server_jobs(sandbox) == 1


def test_429_while_polling_and_downloading_is_ridden_out(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox)
    sandbox.sandbox.faults.fail_next("job", 3, status=429, retry_after=0)
    sandbox.sandbox.faults.fail_next("transcript", 2, status=503)
    record = _run_one(ctx, loop, audio())
    assert record.phase is Phase.DONE
    assert record.has_transcript


def test_persistent_server_errors_fail_with_a_clear_reason(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox)
    sandbox.sandbox.faults.fail_next("submit", 10, status=503)
    record = _run_one(ctx, loop, audio())
    assert record.phase is Phase.FAILED
    assert record.error == (
        "Speechmatics had a server problem (HTTP 503); try again in a few minutes."
    )
    assert _server_jobs(sandbox) == 0


def test_invalid_key_fails_jobs_with_a_clear_message(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox, key="not-the-right-key")
    record = _run_one(ctx, loop, audio())
    assert record.phase is Phase.FAILED
    assert record.error == KEY_REJECTED
    assert sandbox.sandbox.stats.uploads == 0
    # and the app asks for a working key, saying why
    dialog = run(loop, wait_until(lambda: ctx.window.flows.key_dialog))
    assert SAVED_KEY_REJECTED in dialog.error_text()


def test_unreachable_endpoint_is_reported(apps, make_sandbox, audio, loop):
    dead = make_sandbox()
    ctx = apps.account(dead)
    dead.stop()
    record = _run_one(ctx, loop, audio())
    assert record.phase is Phase.FAILED
    assert record.error.startswith("Could not reach 127.0.0.1")
