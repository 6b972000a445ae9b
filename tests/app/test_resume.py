"""Quit or crash at any phase, start a NEW app on the same history: the job finishes, nothing is
uploaded twice, no duplicate server job appears, and finished transcripts survive everything."""

from __future__ import annotations

import time

import pytest

from smdesk.app.messages import SANDBOX_LOST_JOB
from smdesk.batch import AsyncClient
from smdesk.store.history import Phase
from tests.app.conftest import SANDBOX_KEY, run, wait_until


def _start_job(ctx, loop, path):
    ctx.window.add_paths([str(path)])
    return run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0].id))


def _stop_at(apps, ctx, loop, path, phase):
    """Queue `path`; kill all job work the moment the history says `phase` (before the next
    network step), as a quit or crash would; then close the app."""
    reached = []

    def on_change(view):
        if view.record.phase is phase and not reached:
            reached.append(view.id)
            ctx.jobs.stop_now()

    ctx.jobs.job_changed.connect(on_change)
    ctx.window.add_paths([str(path)])
    run(loop, wait_until(lambda: reached, what=f"phase {phase}"))
    run(loop, wait_until(lambda: not any(ctx.jobs.is_active(v.id) for v in ctx.jobs.views())))
    apps.close(ctx)
    return reached[0]


def _finish(ctx, loop, job_id):
    run(loop, wait_until(lambda: ctx.jobs.view(job_id).record.phase.is_final), timeout=30)
    return ctx.jobs.view(job_id).record


@pytest.mark.parametrize(
    "phase", [Phase.UPLOADING, Phase.SUBMITTED, Phase.TRANSCRIBING, Phase.DOWNLOADING]
)
def test_restart_at_each_phase_finishes_without_second_upload(apps, sandbox, audio, loop, phase):
    first = apps.account(sandbox)
    job_id = _stop_at(apps, first, loop, audio(), phase)

    second = apps.account(sandbox)  # a new window, controllers and History on the same file
    record = _finish(second, loop, job_id)

    assert record.phase is Phase.DONE
    assert record.has_transcript
    assert sandbox.sandbox.stats.uploads == 1
    assert len(sandbox.sandbox.jobs) == 1  # no duplicate job at Speechmatics
    run(loop, wait_until(lambda: second.window.pane.transcript() is not None))


def test_upload_that_reached_the_server_is_reattached_not_repeated(apps, sandbox, audio, loop):
    path = audio("reply lost.ogg")
    first = apps.account(sandbox)
    job_id = _stop_at(apps, first, loop, path, Phase.UPLOADING)
    assert sandbox.sandbox.stats.uploads == 0

    async def upload_as_the_lost_request_did():
        async with AsyncClient(api_key=SANDBOX_KEY, url=sandbox.url) as client:
            details = await client.submit_job(str(path), filename=path.name)
            return details.id

    server_id = run(loop, upload_as_the_lost_request_did())

    second = apps.account(sandbox)
    record = _finish(second, loop, job_id)
    assert record.phase is Phase.DONE
    assert record.remote_id == server_id
    assert sandbox.sandbox.stats.uploads == 1
    assert len(sandbox.sandbox.jobs) == 1


def test_earlier_server_job_with_the_same_name_is_not_taken(apps, sandbox, audio, loop):
    """Another upload of the same file (from another computer, seconds earlier) is not ours."""
    path = audio("weekly.ogg")

    async def earlier_upload():
        config = {"type": "transcription", "transcription_config": {"language": "en"},
                  "tracking": {"reference": "smdesk-another-install-1-1"}}
        async with AsyncClient(api_key=SANDBOX_KEY, url=sandbox.url) as client:
            return (await client.submit_job(str(path), config=config, filename=path.name)).id

    old_id = run(loop, earlier_upload())
    first = apps.account(sandbox)
    job_id = _stop_at(apps, first, loop, path, Phase.UPLOADING)

    second = apps.account(sandbox)
    record = _finish(second, loop, job_id)
    assert record.phase is Phase.DONE
    assert record.remote_id != old_id
    assert sandbox.sandbox.stats.uploads == 2


def test_sandbox_jobs_wait_for_the_sandbox_and_fail_clearly_when_it_lost_them(
    apps, make_sandbox, audio, loop
):
    old_sandbox = make_sandbox(processing_seconds=30)
    first = apps.sandbox_mode(old_sandbox)
    job_id = _stop_at(apps, first, loop, audio(), Phase.TRANSCRIBING)
    old_sandbox.stop()

    # restarted without the sandbox: the job waits and says why
    second = apps.account(make_sandbox())
    run(loop, wait_until(lambda: second.jobs.view(job_id).waiting))
    assert "sandbox" in second.jobs.view(job_id).note
    apps.close(second)

    new_sandbox = make_sandbox()
    third = apps.sandbox_mode(new_sandbox)
    record = _finish(third, loop, job_id)
    assert record.phase is Phase.FAILED
    assert record.error == SANDBOX_LOST_JOB

    third.jobs.retry(job_id)  # Retry uploads the file again to the running sandbox
    run(loop, wait_until(lambda: not third.jobs.view(job_id).record.phase.is_final))
    record = _finish(third, loop, job_id)
    assert record.phase is Phase.DONE
    assert new_sandbox.sandbox.stats.uploads == 1


def test_finished_transcript_opens_offline_after_server_expired(apps, make_sandbox, audio, loop):
    sandbox = make_sandbox()
    first = apps.account(sandbox)
    job_id = _start_job(first, loop, audio())
    record = _finish(first, loop, job_id)
    sandbox.sandbox.expire_job(record.remote_id)
    apps.close(first)
    sandbox.stop()  # offline from here on

    second = apps.account(sandbox)
    assert second.jobs.view(job_id).record.phase is Phase.DONE
    second.window.queue.edit_search.setText("INTERV")
    assert second.window.queue.proxy.rowCount() == 1
    second.window.queue.edit_search.setText("nothing like it")
    assert second.window.queue.proxy.rowCount() == 0
    second.window.queue.edit_search.clear()
    second.window.queue.select_job(job_id)
    second.window.queue.btn_open.click()
    run(loop, wait_until(lambda: second.window.shown_job == job_id))
    assert second.window.pane.transcript().words


def test_job_resumes_on_the_endpoint_it_was_submitted_to(apps, make_sandbox, audio, loop):
    original = make_sandbox(processing_seconds=1)
    first = apps.account(original)
    job_id = _stop_at(apps, first, loop, audio(), Phase.TRANSCRIBING)

    elsewhere = make_sandbox()
    second = apps.account(elsewhere)  # the endpoint setting now points somewhere else
    record = _finish(second, loop, job_id)
    assert record.phase is Phase.DONE
    assert record.endpoint == original.url
    assert original.sandbox.stats.uploads == 1
    assert elsewhere.sandbox.stats.requests["job"] == 0
    assert len(elsewhere.sandbox.jobs) == 0


def _phase_in_db(home, job_id=1):
    import sqlite3

    path = home / "data" / "history.sqlite3"
    if not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute("SELECT phase FROM jobs WHERE id = ?", (job_id,)).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


@pytest.mark.parametrize("phase", ["uploading", "transcribing"])
def test_app_killed_with_sigkill_resumes_without_second_upload(
    apps, make_sandbox, audio, loop, smdesk_home, phase
):
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.app.conftest import write_settings

    sandbox = make_sandbox(processing_seconds=3)
    if phase == "uploading":
        sandbox.sandbox.faults.set_latency(1.5, "submit")  # the upload hangs past the kill
    write_settings(privacy_notice_accepted=True)
    env = dict(os.environ, SMDESK_HOME=str(smdesk_home), QT_QPA_PLATFORM="offscreen",
               SPEECHMATICS_API_KEY=SANDBOX_KEY, SPEECHMATICS_BATCH_URL=sandbox.url)
    process = subprocess.Popen([sys.executable, "-m", "smdesk.app", str(audio())], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while _phase_in_db(smdesk_home) != phase:
            assert process.poll() is None, "the app exited on its own"
            assert time.monotonic() < deadline, f"the job never reached {phase}"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)  # no cleanup at all
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    sandbox.sandbox.faults.clear()

    again = apps.account(sandbox)
    record = _finish(again, loop, 1)
    assert record.phase is Phase.DONE
    assert sandbox.sandbox.stats.uploads == 1
    assert len(sandbox.sandbox.jobs) == 1


def test_restart_says_the_job_goes_on_and_keeps_its_clock(apps, sandbox, audio, loop):
    first = apps.account(sandbox)
    job_id = _stop_at(apps, first, loop, audio(), Phase.TRANSCRIBING)
    restarted_at = time.time()

    second = apps.account(sandbox)
    assert second.window.notices.text() == (
        "Continuing 1 unfinished job from last time; nothing is uploaded again.")
    view = second.jobs.view(job_id)
    if view.record.phase is Phase.TRANSCRIBING:  # may already be done: the sandbox is quick
        assert view.phase_since < restarted_at  # the elapsed time goes on, not from 0
    _finish(second, loop, job_id)
    assert sandbox.sandbox.stats.uploads == 1


def test_fresh_start_without_unfinished_jobs_says_nothing(apps, sandbox):
    ctx = apps.account(sandbox)
    assert ctx.window.notices.text() == ""
