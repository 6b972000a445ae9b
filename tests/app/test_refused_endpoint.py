"""A SPEECHMATICS_BATCH_URL the http policy refuses: the person is told, nothing is sent."""

from __future__ import annotations

import asyncio

from smdesk.app.controllers.session import ENV_URL, Mode
from smdesk.store.history import Phase
from smdesk.store.secrets import MemorySecretStore
from tests.app.conftest import run, wait_until, write_settings

REFUSED = "http://134744072/v2"  # 8.8.8.8 spelled as an integer


def test_a_refused_env_url_is_told_and_nothing_goes_elsewhere(apps, audio, loop, monkeypatch):
    monkeypatch.setenv(ENV_URL, REFUSED)
    write_settings(privacy_notice_accepted=True)
    ctx = apps._build(MemorySecretStore("a-key-that-must-stay-home"))
    run(loop, ctx.start())
    assert ctx.session.mode is Mode.ACCOUNT
    problem = ctx.session.endpoint_problem
    assert problem is not None and ENV_URL in problem and "8.8.8.8" in problem
    run(loop, wait_until(lambda: "8.8.8.8" in ctx.window.notices.text(), what="the notice"))
    assert "refused" in ctx.window.connection_label.text()

    ctx.window.add_paths([str(audio())])
    view = run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0]))
    run(loop, asyncio.sleep(0.5))  # give a (wrong) upload the time to start
    view = ctx.jobs.view(view.id)
    assert view.record.endpoint == REFUSED  # not silently the public Speechmatics endpoint
    assert view.record.phase is Phase.QUEUED and view.record.upload_started_at is None
    assert ctx.session.client_for(REFUSED) is None
    assert view.waiting and view.note == problem  # the row says why it does not start
