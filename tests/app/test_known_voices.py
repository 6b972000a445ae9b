"""Known voices through the real window and a sandbox over loopback: remember a speaker from
its context menu, rename and delete in the Known voices window, recognise in a new job, and a
server that no longer accepts the identifiers."""

from __future__ import annotations

import sqlite3

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox

from smdesk.store.history import Phase
from smdesk.store.paths import history_path
from tests.app.conftest import run, wait_until


def _done_transcript(ctx, loop, job_ids_before):
    async def scenario():
        new = await wait_until(lambda: [v.id for v in ctx.jobs.views()
                                        if v.id not in job_ids_before], what="a queued job")
        await wait_until(lambda: ctx.jobs.view(new[0]).record.phase is Phase.DONE, what="done")
        ctx.jobs.open_transcript(new[0])
        await wait_until(lambda: ctx.window.shown_job == new[0], what="its transcript shown")
        return new[0]

    return run(loop, scenario())


def transcribe(ctx, loop, path, **options):
    before = {v.id for v in ctx.jobs.views()}
    chosen = ctx.window.options_flows.last_used()
    chosen.diarization = "speaker"
    for name, value in options.items():
        setattr(chosen, name, value)
    ctx.window.options_flows.set_last_used(chosen)
    ctx.window.add_paths([str(path)])
    return _done_transcript(ctx, loop, before)


def top_level(kind):
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert found, f"no {kind.__name__} is open"
    return found[-1]


def answer_name(text):
    dialog = top_level(QInputDialog)
    dialog.setTextValue(text)
    dialog.accept()


def remember_from_context_menu(ctx, loop, speaker_name, new_name):
    pane = ctx.window.pane
    view = pane.transcript_view()
    position = view.toPlainText().index(speaker_name)
    cursor = QTextCursor(view.document())
    cursor.setPosition(position + 1)
    pane._speaker_menu(view.cursorRect(cursor).center())  # what a right-click there opens
    menu = top_level(QMenu)
    [action] = [a for a in menu.actions() if a.text().startswith("Remember this voice")]
    assert speaker_name in action.text()
    action.trigger()
    menu.close()
    answer_name(new_name)
    controller = ctx.voices.controller
    run(loop, wait_until(lambda: any(v.name == new_name for v in controller.voices),
                         what=f"{new_name} remembered"))


def test_remember_rename_recognise_and_delete(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox)
    first = audio("interview.ogg")
    transcribe(ctx, loop, first)
    remember_from_context_menu(ctx, loop, "Speaker 2", "Dr Rivera")
    assert "is now a known voice" in ctx.window.notices.text()

    window = ctx.voices.show_window()
    assert "stays on this computer" in window.explanation.text()
    assert window.list.count() == 1 and "Dr Rivera" in window.list.item(0).text()
    window._ask_rename()
    answer_name("Dr Ana Rivera")
    controller = ctx.voices.controller
    run(loop, wait_until(lambda: [v.name for v in controller.voices] == ["Dr Ana Rivera"],
                         what="renamed"))
    assert "Dr Ana Rivera" in window.list.item(0).text()

    # A new job recognising known voices arrives with the name; the other voice stays numbered.
    second = audio("again.ogg", same_as_sample=True)
    transcribe(ctx, loop, second, recognise_voices="all")
    transcript = ctx.window.pane.transcript()
    assert "Dr Ana Rivera" in [transcript.speaker_name(s) for s in transcript.speakers()]
    assert "Speaker 1" in [transcript.speaker_name(s) for s in transcript.speakers()]

    window._ask_delete()
    box = top_level(QMessageBox)
    [delete] = [b for b in box.buttons() if b.text() == "Delete"]
    delete.click()
    run(loop, wait_until(lambda: controller.voices == [], what="deleted"))
    assert window.list.count() == 0 and window.empty.isVisibleTo(window)
    assert window.empty.text().endswith("choose “Remember this voice as…”.")  # the menu's words
    with sqlite3.connect(history_path()) as raw:
        assert raw.execute("SELECT COUNT(*) FROM voice_identifiers").fetchone()[0] == 0


def test_refused_identifiers_run_without_names_and_say_why(apps, make_sandbox, audio, loop):
    old = make_sandbox()
    ctx = apps.account(old)
    transcribe(ctx, loop, audio("interview.ogg"))
    remember_from_context_menu(ctx, loop, "Speaker 2", "Guest")
    apps.close(ctx)

    newer = make_sandbox(voice_generation=2)  # the server no longer accepts those identifiers
    ctx = apps.account(newer)
    transcribe(ctx, loop, audio("later.ogg", same_as_sample=True), recognise_voices="all")
    transcript = ctx.window.pane.transcript()
    names = [transcript.speaker_name(s) for s in transcript.speakers()]
    assert "Guest" not in names and "Speaker 2" in names
    assert "no longer accepts the stored voice identifiers of Guest" in ctx.window.notices.text()
    assert newer.sandbox.stats.uploads == 1  # the refused submission created no job


def test_undiarized_paragraphs_offer_no_voice(apps, sandbox, audio, loop):
    ctx = apps.account(sandbox)
    transcribe(ctx, loop, audio("interview.ogg"), diarization="none")
    pane = ctx.window.pane
    assert pane.speaker_at(5) is None


def test_options_panel_offers_the_known_voices(qapp):
    from smdesk.app.models.voice_names import shared_voice_names
    from smdesk.app.widgets.options_panel import OptionsPanel
    from smdesk.core.options import JobOptions

    shared_voice_names().set_names(["Ana Ruiz", "Ben Okafor"])
    try:
        panel = OptionsPanel()
        panel.set_options(JobOptions(recognise_voices="chosen", chosen_voices=["Ben Okafor"]))
        picker = panel.voices
        ticked = [a.text() for a in picker.menu.actions() if a.isChecked()]
        assert ticked == ["Ben Okafor"] and picker.choose.isVisibleTo(panel)
        [ana] = [a for a in picker.menu.actions() if a.text() == "Ana Ruiz"]
        ana.setChecked(True)
        options = panel.options()
        assert (options.recognise_voices, options.chosen_voices) == (
            "chosen", ["Ben Okafor", "Ana Ruiz"])
        panel.diarization.setCurrentIndex(panel.diarization.findData("none"))
        assert not picker.isEnabled()
    finally:
        shared_voice_names().set_names([])


def test_a_renamed_voice_stays_chosen_everywhere(apps, sandbox, loop):
    """Voices are chosen by name: a rename in Known voices must reach an open options panel,
    the last used options and the saved presets, or the voice silently drops out."""
    from smdesk.app.widgets.options_panel import OptionsPanel
    from smdesk.core.options import JobOptions
    from smdesk.core.presets import read_user_presets, write_user_presets
    from smdesk.store.history import History
    from smdesk.store.voices import VoiceStore

    with History.open(history_path()) as history:
        VoiceStore(history).remember("Dr Rivera", ["id-1"])
    ctx = apps.account(sandbox)
    controller = ctx.voices.controller
    run(loop, wait_until(lambda: [v.name for v in controller.voices] == ["Dr Rivera"],
                         what="the voice loaded"))
    chosen = JobOptions(diarization="speaker", recognise_voices="chosen",
                        chosen_voices=["Dr Rivera"])
    ctx.window.options_flows.set_last_used(chosen)
    ctx.prefs.update(user_presets_json=write_user_presets({"Rivera": chosen.to_json()}))
    panel = OptionsPanel()
    panel.set_options(chosen)

    controller.rename(controller.voices[0].id, "Dr Ana Rivera")
    run(loop, wait_until(lambda: [v.name for v in controller.voices] == ["Dr Ana Rivera"],
                         what="renamed"))
    assert panel.options().chosen_voices == ["Dr Ana Rivera"]
    ticked = [a.text() for a in panel.voices.menu.actions() if a.isChecked()]
    assert ticked == ["Dr Ana Rivera"]  # not a ghost entry for the old name
    assert ctx.window.options_flows.last_used().chosen_voices == ["Dr Ana Rivera"]
    presets = read_user_presets(ctx.prefs.settings.user_presets_json)
    assert JobOptions.from_json(presets["Rivera"]).chosen_voices == ["Dr Ana Rivera"]
    panel.deleteLater()
