"""Cancel, retry, concurrency and the privacy notice, through the real controllers and window."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QDialog, QMessageBox

from smdesk.app.models.job_table import Column
from smdesk.store.history import Phase
from tests.app.conftest import drop_files, run, wait_until


def _view(ctx, job_id):
    return ctx.jobs.view(job_id)


def _add(ctx, loop, *paths):
    ctx.window.add_paths([str(p) for p in paths])
    return run(loop, wait_until(lambda: [v.id for v in ctx.jobs.views()]
                                if len(ctx.jobs.views()) == len(paths) else None))


def test_cancel_deletes_the_server_job(apps, make_sandbox, audio, loop):
    sandbox = make_sandbox(processing_seconds=60)
    ctx = apps.account(sandbox)
    [job_id] = _add(ctx, loop, audio())
    run(loop, wait_until(lambda: _view(ctx, job_id).record.phase is Phase.TRANSCRIBING))
    remote_id = _view(ctx, job_id).record.remote_id

    ctx.window.queue.select_job(job_id)
    assert ctx.window.queue.btn_cancel.isEnabled()
    ctx.window.queue.btn_cancel.click()

    run(loop, wait_until(lambda: _view(ctx, job_id).record.remote_deleted, what="server delete"))
    record = _view(ctx, job_id).record
    assert record.phase is Phase.CANCELLED
    assert sandbox.sandbox.job_status(remote_id) == "deleted"
    assert ctx.window.queue.btn_retry.isEnabled()


def test_cancel_of_a_queued_job_sends_nothing(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox, concurrency=1)
    sandbox.sandbox.faults.set_latency(0.5, "submit")
    first, second = _add(ctx, loop, audio("a.ogg"), audio("b.ogg"))
    queued = first if _view(ctx, first).record.phase is Phase.QUEUED else second
    ctx.jobs.cancel(queued)
    others = [j for j in (first, second) if j != queued]
    run(loop, wait_until(lambda: _view(ctx, others[0]).record.phase is Phase.DONE))
    assert _view(ctx, queued).record.phase is Phase.CANCELLED
    assert sandbox.sandbox.stats.uploads == 1


def test_concurrency_limit_is_respected(apps, make_sandbox, audio, loop):
    sandbox = make_sandbox(processing_seconds=0.5)
    ctx = apps.account(sandbox, concurrency=2)
    ids = _add(ctx, loop, *(audio(f"f{i}.ogg") for i in range(5)))
    most = 0

    async def scenario():
        nonlocal most
        while not all(_view(ctx, j).record.phase is Phase.DONE for j in ids):
            active = sum(1 for j in ids if ctx.jobs.is_active(j))
            most = max(most, active)
            await asyncio.sleep(0.02)

    run(loop, scenario(), timeout=30)
    assert most == 2
    assert sandbox.sandbox.stats.uploads == 5


def test_rejected_job_fails_with_reason_and_retry_uploads_again(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox)
    sandbox.sandbox.faults.reject_next_jobs(1, message="The audio could not be decoded")
    [job_id] = _add(ctx, loop, audio())
    run(loop, wait_until(lambda: _view(ctx, job_id).record.phase is Phase.FAILED))
    record = _view(ctx, job_id).record
    assert "could not be decoded" in record.error
    assert "Failed:" in ctx.window.model.index(0, Column.STATUS).data()

    ctx.window.queue.select_job(job_id)
    assert ctx.window.queue.btn_retry.isEnabled()
    ctx.window.queue.btn_retry.click()
    run(loop, wait_until(lambda: _view(ctx, job_id).record.phase is Phase.DONE))
    assert sandbox.sandbox.stats.uploads == 2
    assert _view(ctx, job_id).record.upload_attempts == 2


def test_privacy_notice_before_first_upload(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox, privacy_accepted=False)
    drop_files(ctx.window.drop_zone, [audio()])
    run(loop, wait_until(lambda: ctx.window.flows.privacy_dialog is not None, what="notice"))
    dialog = ctx.window.flows.privacy_dialog
    assert "7 days" in dialog.notice.text()
    assert sandbox.sandbox.stats.uploads == 0  # nothing left before the user agreed
    dialog.delete_after.setChecked(True)
    dialog.done(QDialog.DialogCode.Accepted)

    [view] = ctx.jobs.views()
    run(loop, wait_until(lambda: _view(ctx, view.id).record.remote_deleted, what="server delete"))
    record = _view(ctx, view.id).record
    assert record.phase is Phase.DONE
    assert sandbox.sandbox.job_status(record.remote_id) == "deleted"
    assert ctx.prefs.settings.privacy_notice_accepted
    assert ctx.prefs.settings.delete_after_download


def test_declined_privacy_notice_uploads_nothing(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox, privacy_accepted=False)
    [job_id] = _add(ctx, loop, audio())
    run(loop, wait_until(lambda: ctx.window.flows.privacy_dialog is not None))
    ctx.window.flows.privacy_dialog.reject()
    run(loop, wait_until(lambda: "Nothing was uploaded" in ctx.window.notices.text()))
    assert _view(ctx, job_id).record.phase is Phase.QUEUED
    assert sandbox.sandbox.stats.uploads == 0
    assert not ctx.prefs.settings.privacy_notice_accepted


def test_delete_job_locally_and_on_server(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox)
    [job_id] = _add(ctx, loop, audio())
    run(loop, wait_until(lambda: _view(ctx, job_id).record.phase is Phase.DONE))
    remote_id = _view(ctx, job_id).record.remote_id
    run(loop, wait_until(lambda: ctx.window.shown_job == job_id))
    queue = ctx.window.queue
    queue.select_job(job_id)
    queue.btn_delete.click()  # asks first; answering Cancel keeps everything
    queue.delete_box.button(QMessageBox.StandardButton.Cancel).click()
    assert ctx.db.history.get(job_id) is not None

    queue.btn_delete.click()
    box = queue.delete_box
    assert "interview.ogg" in box.text()
    box.checkBox().setChecked(True)  # also on the server
    remove = next(b for b in box.buttons() if b.text() == "Remove")
    remove.click()
    run(loop, wait_until(lambda: ctx.jobs.view(job_id) is None, what="removed"))
    assert ctx.window.model.rowCount() == 0
    assert ctx.db.history.get(job_id) is None
    assert ctx.window.pane.transcript() is None
    assert sandbox.sandbox.job_status(remote_id) == "deleted"
