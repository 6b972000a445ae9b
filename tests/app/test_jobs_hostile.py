"""Never bill twice: a lost reply for an oddly named file, a job the API registers late."""

from __future__ import annotations

import pytest

from smdesk.store.history import Phase
from tests.app.conftest import run, wait_until


def _run_one(ctx, loop, path):
    ctx.window.add_paths([str(path)])
    job_id = run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0].id))
    run(loop, wait_until(lambda: ctx.jobs.view(job_id).record.phase.is_final), timeout=30)
    return ctx.jobs.view(job_id).record


@pytest.mark.parametrize("name", ["  interview.ogg", "\tinterview.ogg", "take\x071.ogg"])
def test_a_lost_reply_for_an_odd_name_reattaches_instead_of_a_second_job(
    name, apps, sandbox, audio, loop
):
    ctx = apps.account(sandbox)
    sandbox.sandbox.faults.lose_next_replies(1)  # the job is created, its id never arrives
    record = _run_one(ctx, loop, audio(name))
    assert record.phase is Phase.DONE, record.error
    assert len(sandbox.sandbox.jobs) == 1  # one billed job, not two
    assert record.remote_id in sandbox.sandbox.jobs


def test_a_job_registered_late_is_waited_for_before_uploading_again(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox)
    sandbox.sandbox.faults.register_next_jobs_late(0.6)  # invisible for 0.6 s after arriving
    sandbox.sandbox.faults.lose_next_replies(1)
    record = _run_one(ctx, loop, audio())
    assert record.phase is Phase.DONE, record.error
    assert len(sandbox.sandbox.jobs) == 1
    assert record.upload_attempts == 1


def test_uploads_work_with_asyncio_debug_mode(apps, sandbox, audio, loop):
    """PYTHONASYNCIODEBUG=1 was reported to break every upload from the app; debug mode turns
    on asyncio's thread-safety and slow-callback checks, so this guards the whole upload path."""
    loop.set_debug(True)
    try:
        ctx = apps.account(sandbox)
        record = _run_one(ctx, loop, audio())
    finally:
        loop.set_debug(False)
    assert record.phase is Phase.DONE, record.error
