"""API key, endpoint and sandbox flows through the real dialogs, against a sandbox over HTTP."""

from __future__ import annotations

import os

import keyring
import pytest
from keyring.backends import fail

from smdesk.app.controllers.session import NO_KEYRING, Mode
from smdesk.app.errors import setup_logging
from smdesk.app.messages import KEY_REJECTED_HERE
from smdesk.store.history import Phase
from smdesk.store.paths import data_dir, log_dir, settings_path
from smdesk.store.secrets import KeyringSecretStore, MemorySecretStore
from tests.app.conftest import run, wait_until

SECRET = "sm-test-Secret-Key-0123456789abcdef"


def _dialog(ctx, loop):
    return run(loop, wait_until(lambda: ctx.window.flows.key_dialog, what="API key dialog"))


def _submit(dialog, key):
    dialog.key_field.setText(key)
    dialog.save_button.click()


def _run_one(ctx, loop, path):
    ctx.window.add_paths([str(path)])
    job_id = run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0].id))
    run(loop, wait_until(lambda: ctx.jobs.view(job_id).record.phase.is_final), timeout=30)
    return ctx.jobs.view(job_id).record


def test_first_start_rejects_a_wrong_key_then_accepts_the_right_one(apps, sandbox, loop):
    store = MemorySecretStore()
    ctx = apps.fresh(url=sandbox.url, secret_store=store)
    dialog = _dialog(ctx, loop)
    assert ctx.session.mode is Mode.NONE
    assert "portal.speechmatics.com" in dialog.link_label.text()

    _submit(dialog, "wrong-key")
    run(loop, wait_until(lambda: dialog.error_text(), what="error in the dialog"))
    assert dialog.error_text() == KEY_REJECTED_HERE
    assert "Account →" not in dialog.error_text()  # the user is already in that dialog
    assert store.get_api_key() is None

    _submit(dialog, "sandbox-key")
    run(loop, wait_until(lambda: ctx.session.mode is Mode.ACCOUNT, what="account mode"))
    assert store.get_api_key() == "sandbox-key"
    run(loop, wait_until(lambda: ctx.window.flows.key_dialog is None, what="dialog closed"))


def test_try_without_an_account_runs_the_in_process_sandbox(apps, audio, loop):
    ctx = apps.fresh()
    dialog = _dialog(ctx, loop)
    dialog.sandbox_button.click()
    run(loop, wait_until(lambda: ctx.session.mode is Mode.SANDBOX, what="sandbox mode"))
    assert "nothing leaves this computer" in ctx.window.connection_label.text()
    record = _run_one(ctx, loop, audio())
    assert record.phase is Phase.DONE
    assert record.endpoint == "sandbox"
    assert ctx.window.flows.privacy_dialog is None  # nothing leaves the machine: no notice
    assert ctx.session.sandbox.sandbox.stats.uploads == 1


def test_environment_key_overrides_the_stored_key(apps, sandbox, audio, loop, monkeypatch):
    monkeypatch.setenv("SPEECHMATICS_API_KEY", "sandbox-key")
    store = MemorySecretStore("stale-key")
    ctx = apps.account(sandbox, secret_store=store)
    assert ctx.session.mode is Mode.ACCOUNT
    assert _run_one(ctx, loop, audio()).phase is Phase.DONE
    assert store.get_api_key() == "stale-key"  # the session override is never written


def test_key_never_reaches_settings_database_or_log(apps, make_sandbox, audio, loop):
    sandbox = make_sandbox(api_key=SECRET)
    log_file = setup_logging(log_dir())
    ctx = apps.fresh(url=sandbox.url)
    _submit(_dialog(ctx, loop), SECRET)
    run(loop, wait_until(lambda: ctx.session.mode is Mode.ACCOUNT))
    assert _run_one(ctx, loop, audio()).phase is Phase.DONE
    assert SECRET not in repr(ctx.session)
    apps.close(ctx)
    for path in [settings_path(), log_file, *data_dir().iterdir()]:
        assert SECRET.encode() not in path.read_bytes(), path
    assert "Job submitted" in log_file.read_text() or log_file.stat().st_size > 0


def test_no_keyring_backend_says_so_and_uses_the_key_for_this_session(apps, sandbox, audio, loop):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        ctx = apps.fresh(url=sandbox.url, secret_store=KeyringSecretStore())
        dialog = _dialog(ctx, loop)
        assert "keyring" in dialog.error_text().lower()
        assert "this session only" in dialog.error_text()
        _submit(dialog, "sandbox-key")
        run(loop, wait_until(lambda: ctx.session.mode is Mode.ACCOUNT))
        assert ctx.session.keyring_missing
        assert _run_one(ctx, loop, audio()).phase is Phase.DONE
    finally:
        keyring.set_keyring(previous)


def test_keyring_failing_on_save_falls_back_to_session_key(apps, sandbox, loop):
    class SaveFails(MemorySecretStore):
        def set_api_key(self, key):
            from smdesk.store.secrets import SecretStoreUnavailable
            raise SecretStoreUnavailable("The system keyring is locked, so the API key could "
                                         "not be saved; unlock it and try again.")

    ctx = apps.fresh(url=sandbox.url, secret_store=SaveFails())
    _submit(_dialog(ctx, loop), "sandbox-key")
    run(loop, wait_until(lambda: ctx.session.mode is Mode.ACCOUNT))
    run(loop, wait_until(lambda: NO_KEYRING in ctx.window.notices.text()))


def test_settings_change_endpoint_and_concurrency(apps, sandbox, loop, monkeypatch):
    ctx = apps.account(sandbox)
    monkeypatch.delenv("SPEECHMATICS_BATCH_URL")
    ctx.window.acts.settings.trigger()
    dialog = ctx.window.flows.settings_dialog
    assert dialog is not None
    settings = dialog.current_settings()
    settings.endpoint = "eu1"
    settings.concurrency = 5
    dialog.settings_accepted.emit(settings)
    assert ctx.session.endpoint_url == "https://eu1.asr.api.speechmatics.com/v2"
    assert ctx.jobs.concurrency == 5
    assert "Europe" in ctx.window.connection_label.text()
    run(loop, ctx.prefs.flush())
    assert '"eu1"' in settings_path().read_text()


@pytest.mark.keyring
@pytest.mark.skipif(os.environ.get("SMDESK_SECRET_SERVICE") != "1",
                    reason="needs the real Secret Service from tests/run.sh")
def test_key_is_kept_in_the_real_secret_service(apps, sandbox, loop):
    store = KeyringSecretStore(service="smdesk-app-test")
    store.delete_api_key()
    try:
        ctx = apps.fresh(url=sandbox.url, secret_store=store)
        _submit(_dialog(ctx, loop), "sandbox-key")
        run(loop, wait_until(lambda: ctx.session.mode is Mode.ACCOUNT))
        assert store.get_api_key() == "sandbox-key"
        apps.close(ctx)

        second_store = KeyringSecretStore(service="smdesk-app-test")
        again = apps.fresh(url=sandbox.url, secret_store=second_store)
        assert again.session.mode is Mode.ACCOUNT  # no dialog on the second start
        assert again.window.flows.key_dialog is None

        run(loop, again.session.forget_key())
        assert store.get_api_key() is None
    finally:
        store.delete_api_key()


def test_files_dropped_before_choosing_follow_the_sandbox(apps, audio, loop):
    ctx = apps.fresh()
    dialog = _dialog(ctx, loop)
    ctx.window.add_paths([str(audio())])
    job = run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0]))
    assert job.record.phase is Phase.QUEUED
    dialog.sandbox_button.click()  # "Try without an account" after the drop
    run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0].record.phase
                         is Phase.DONE), timeout=30)
    [view] = ctx.jobs.views()
    assert view.record.endpoint == "sandbox"
    assert ctx.window.model.rowCount() == 1


def test_sandbox_start_keeps_the_stored_key_for_use_my_account(apps, sandbox, audio, loop,
                                                                monkeypatch):
    monkeypatch.setenv("SPEECHMATICS_BATCH_URL", sandbox.url)
    from tests.app.conftest import write_settings
    write_settings(privacy_notice_accepted=True)
    ctx = apps._build(MemorySecretStore("sandbox-key"))
    run(loop, ctx.start(sandbox=True))
    assert ctx.session.mode is Mode.SANDBOX
    ctx.window.acts.use_account.trigger()
    assert ctx.session.mode is Mode.ACCOUNT
    assert ctx.window.flows.key_dialog is None  # no need to type the key again
    record = _run_one(ctx, loop, audio())
    assert record.phase is Phase.DONE
    assert record.endpoint == sandbox.url
