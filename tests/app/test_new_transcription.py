"""The "New transcription" sheet: options for added files, presets, queued jobs, running again."""

from __future__ import annotations

from typing import Any

from smdesk.app.windows.new_transcription import CUSTOM, Purpose
from smdesk.core.options import JobOptions
from smdesk.core.presets import LAST_USED, read_user_presets
from smdesk.store.history import Phase
from tests.app.conftest import drop_files, run, wait_until


def _sheet(ctx: Any, loop: Any) -> Any:
    return run(loop, wait_until(lambda: ctx.window.options_flows.sheet, what="the sheet"))


def _options_of(ctx: Any, job_id: int) -> JobOptions:
    return JobOptions.from_json(ctx.jobs.view(job_id).record.options_json)


def test_dropped_files_wait_for_the_sheet_and_get_its_options(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox, ask_options_on_add=True)
    first, second = audio("one.ogg"), audio("two.ogg")
    drop_files(ctx.window.drop_zone, [first])
    sheet = _sheet(ctx, loop)
    assert sheet.purpose is Purpose.NEW_FILES and sheet.isVisible()
    assert ctx.jobs.views() == []  # nothing is queued (or paid for) before the user says so
    drop_files(ctx.window.drop_zone, [second])  # a second drop joins the same batch
    assert ctx.window.options_flows.sheet is sheet
    assert "2 files: one.ogg, two.ogg" in sheet.files_label.text()
    assert sheet.ok_button.text() == "&Transcribe 2 files"

    sheet.choose_preset("Meeting")
    assert sheet.options().summary is not None and sheet.options().diarization == "speaker"
    sheet.ok_button.click()
    run(loop, wait_until(lambda: len(ctx.jobs.views()) == 2, what="two jobs"))
    for view in ctx.jobs.views():
        assert _options_of(ctx, view.id).summary is not None
    assert ctx.window.options_flows.last_used().summary is not None  # "Last used" next time
    assert ctx.window.options_flows.sheet is None


def test_cancelling_the_sheet_queues_nothing(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox, ask_options_on_add=True)
    ctx.window.add_paths([str(audio())])
    _sheet(ctx, loop).reject()
    run(loop, wait_until(lambda: ctx.window.options_flows.sheet is None, what="sheet closed"))
    assert ctx.jobs.views() == []


def test_presets_follow_the_options_and_user_presets_are_kept(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox, ask_options_on_add=True)
    ctx.window.add_paths([str(audio())])
    sheet = _sheet(ctx, loop)
    assert sheet.preset.currentText() == LAST_USED
    sheet.panel.diarization.setCurrentIndex(sheet.panel.diarization.findData("none"))
    assert sheet.preset.currentText() == CUSTOM  # changed by hand: no preset claims it
    sheet.save_preset("  Phone   calls ")
    assert sheet.preset.currentText() == "Phone calls"
    sheet.save_preset("Meeting")  # built-in names are refused with a sentence
    assert "built-in preset" in sheet.notice.text()
    sheet.reject()
    run(loop, ctx.prefs.flush())
    saved = read_user_presets(ctx.prefs.settings.user_presets_json)
    assert JobOptions.from_json(saved["Phone calls"]).diarization == "none"

    ctx.window.add_paths([str(audio("later.ogg"))])
    again = _sheet(ctx, loop)
    again.choose_preset("Phone calls")
    assert again.options().diarization == "none" and again.delete_button.isEnabled()
    again.delete_preset()
    assert again.preset.findText("Phone calls") < 0


def test_turning_the_sheet_off_queues_with_the_last_options(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox, ask_options_on_add=True)
    ctx.window.add_paths([str(audio())])
    sheet = _sheet(ctx, loop)
    sheet.panel.language.set_code("de")
    sheet.ask_checkbox.setChecked(False)
    sheet.ok_button.click()
    run(loop, wait_until(lambda: len(ctx.jobs.views()) == 1, what="queued"))
    assert ctx.prefs.settings.ask_options_on_add is False
    ctx.window.add_paths([str(audio("next.ogg"))])
    run(loop, wait_until(lambda: len(ctx.jobs.views()) == 2, what="queued without asking"))
    assert ctx.window.options_flows.sheet is None
    assert all(_options_of(ctx, v.id).language == "de" for v in ctx.jobs.views())


def test_a_queued_job_takes_new_options_until_it_starts(apps, audio, loop):
    ctx = apps.fresh()  # not connected: the job waits in the queue
    ctx.window.flows.key_dialog.reject()
    ctx.window.add_paths([str(audio())])
    job_id = run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0].id))
    assert ctx.jobs.can_change_options(job_id)
    ctx.window.options_flows.edit_queued(job_id)
    sheet = _sheet(ctx, loop)
    assert sheet.purpose is Purpose.EDIT_QUEUED
    sheet.panel.language.set_code("fr")
    sheet.ok_button.click()
    run(loop, wait_until(lambda: _options_of(ctx, job_id).language == "fr", what="new options"))
    stored = run(loop, ctx.db.call(ctx.db.history.get, job_id))
    assert JobOptions.from_json(stored.options_json).language == "fr"


def test_a_started_job_keeps_its_options(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox)
    ctx.window.add_paths([str(audio())])
    job_id = run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0].id))
    run(loop, wait_until(lambda: ctx.jobs.view(job_id).record.phase is Phase.DONE, what="done"))
    assert not ctx.jobs.can_change_options(job_id)
    assert run(loop, ctx.jobs.change_options(job_id, JobOptions(language="fr").to_json())) is False
    assert _options_of(ctx, job_id).language == "en"


def test_running_a_finished_file_again_says_it_is_billed_again(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox)
    ctx.window.add_paths([str(audio())])
    job_id = run(loop, wait_until(lambda: ctx.jobs.views() and ctx.jobs.views()[0].id))
    run(loop, wait_until(lambda: ctx.jobs.view(job_id).record.phase is Phase.DONE, what="done"))
    ctx.window.options_flows.run_again(job_id)
    sheet = _sheet(ctx, loop)
    assert sheet.purpose is Purpose.RUN_AGAIN
    assert "billed again" in sheet.billing.text() and "interview.ogg" in sheet.billing.text()
    sheet.panel.diarization.setCurrentIndex(sheet.panel.diarization.findData("none"))
    sheet.ok_button.click()
    run(loop, wait_until(lambda: len(ctx.jobs.views()) == 2, what="a second job"))
    newest = ctx.jobs.views()[0]
    assert newest.id != job_id and _options_of(ctx, newest.id).diarization == "none"
    assert ctx.jobs.view(job_id).record.phase is Phase.DONE  # the earlier transcript stays


def test_the_sheet_names_folders_as_folders() -> None:
    from smdesk.app.windows.new_transcription import files_sentence

    assert files_sentence(["/a/one.ogg"]) == "1 file: one.ogg"
    assert files_sentence(["/a/Interviews", "/a/x.ogg"], frozenset({"/a/Interviews"})) == (
        "1 folder and 1 file: Interviews (folder), x.ogg")
    many = [f"/a/{n}.ogg" for n in range(6)]
    assert files_sentence(many) == "6 files: 0.ogg, 1.ogg, 2.ogg, 3.ogg and 2 more"
