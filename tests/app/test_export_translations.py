"""The export dialog offers the translations the ticked jobs really have: read from their stored
transcripts off the Qt thread (the options only say what was asked for), the shown one as it is
on screen; the preview's language box follows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from smdesk.app.controllers.export_jobs import planned_paths
from smdesk.core.options import JobOptions
from smdesk.store.history import History
from smdesk.store.paths import history_path
from tests.app.conftest import run, wait_until
from tests.app.test_export_dialog import export_and_wait, flow_of, tick_only
from tests.core.factories import document, punct, word


def translated(*codes: str) -> dict[str, Any]:
    words = [word("Which", 0.5, 0.8, speaker="S1"), word("platform", 0.8, 1.3, speaker="S1"),
             punct("?", 1.3, is_eos=True, speaker="S1")]
    segment = {"start_time": 0.5, "end_time": 1.3, "content": "?", "speaker": "S1"}
    return document(words, translations={
        code: [dict(segment, content=f"[{code}] platform?")] for code in codes})


def seed(tmp_path: Path, jobs: dict[str, tuple[dict[str, Any], list[str]]],
         duration: float | None = 3.0) -> dict[str, int]:
    """Finished jobs: name -> (json-v2, the translation targets their options asked for)."""
    ids = {}
    with History.open(history_path()) as history:
        for name, (doc, asked) in jobs.items():
            source = tmp_path / "recordings" / name
            source.parent.mkdir(exist_ok=True)
            source.write_bytes(b"audio")
            options = JobOptions(translation_targets=asked).to_json()
            record = history.add(source_path=str(source), size=5, fingerprint=name,
                                 duration=duration, options_json=options,
                                 endpoint="sandbox")
            history.save_transcript(record.id, json.dumps(doc))
            ids[name] = record.id
    return ids


def offered(dialog: Any) -> list[str]:
    return dialog.translations.offered() if dialog.translations.isVisibleTo(dialog) else []


def test_the_ticked_jobs_stored_translations_are_offered(apps, sandbox, loop, tmp_path) -> None:
    ids = seed(tmp_path, {
        "asked-de-got-es.m4a": (translated("es"), ["de", "es"]),  # German never arrived
        "french.m4a": (translated("fr"), ["fr"]),
        "none.m4a": (translated(), []),
    })
    ctx = apps.sandbox_mode(sandbox)
    dialog = flow_of(ctx).open(ticked=[ids["asked-de-got-es.m4a"]])
    run(loop, wait_until(lambda: offered(dialog) == ["es"], what="only what the job has"))
    dialog.format_boxes["srt"].setChecked(True)
    run(loop, wait_until(lambda: dialog.preview.language.isVisible(), what="a language box"))
    preview_languages = [dialog.preview.language.itemData(i)
                         for i in range(dialog.preview.language.count())]
    assert preview_languages == ["", "es"]  # the original and the one translation it has
    tick_only(dialog, {ids["asked-de-got-es.m4a"], ids["french.m4a"]}, {"txt"})
    assert offered(dialog) == ["fr", "es"]  # French, Spanish: in the order they read
    dialog.translations.boxes["fr"].setChecked(False)
    tick_only(dialog, {ids["none.m4a"]}, {"txt"})
    assert offered(dialog) == []  # no row for a job without translations
    tick_only(dialog, {ids["asked-de-got-es.m4a"], ids["french.m4a"]}, {"txt"})
    assert not dialog.translations.boxes["fr"].isChecked()  # its tick came back with it
    dialog.folder.setText(str(tmp_path / "out"))
    export_and_wait(loop, ctx, dialog)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "asked-de-got-es.es.txt", "asked-de-got-es.txt", "french.txt"]


def test_the_shown_job_offers_what_it_has_on_screen(apps, sandbox, loop, tmp_path) -> None:
    ids = seed(tmp_path, {"talk.m4a": (translated("es", "it"), ["de"])})
    ctx = apps.sandbox_mode(sandbox)
    ctx.jobs.open_transcript(ids["talk.m4a"])
    run(loop, wait_until(lambda: ctx.window.pane.transcript() is not None, what="shown"))
    dialog = flow_of(ctx).open()
    assert offered(dialog) == ["it", "es"]  # Italian, Spanish; at once: nothing to read
    tick_only(dialog, {ids["talk.m4a"]}, {"srt"})
    languages = dialog.preview.language
    assert [languages.itemText(i) for i in range(languages.count())] == [
        "Original", "Italian", "Spanish"]  # in the order of the boxes above


def test_a_job_of_unknown_length_is_listed_without_one(apps, sandbox, loop, tmp_path) -> None:
    seed(tmp_path, {"container.wav": (translated(), [])}, duration=None)
    dialog = flow_of(apps.sandbox_mode(sandbox)).open()
    text = dialog.job_list.item(0).text()
    assert text.startswith("container.wav  —  Today") and "unknown" not in text


def test_files_already_there_are_replaced_only_when_the_user_says_so(
        apps, sandbox, loop, tmp_path) -> None:
    ids = seed(tmp_path, {"talk.m4a": (translated("es"), ["es"])})
    ctx = apps.sandbox_mode(sandbox)
    out = tmp_path / "out"
    out.mkdir()
    (out / "talk.docx").write_bytes(b"edited in Word since")
    (out / "talk.es.txt").write_text("mine", encoding="utf-8")
    dialog = flow_of(ctx).open(ticked=[ids["talk.m4a"]])
    run(loop, wait_until(lambda: offered(dialog) == ["es"], what="its translation known"))
    tick_only(dialog, {ids["talk.m4a"]}, {"docx", "txt"})
    dialog.folder.setText(str(out))
    flow = flow_of(ctx)
    dialog.export_button.click()
    run(loop, wait_until(lambda: flow.question is not None, what="the question"))
    box = flow.question.box
    assert dialog.result_label.text().startswith("Waiting")  # not "Exporting…" meanwhile
    assert box.text() == f"2 files already exist in {out}. Replace them with this export?"
    assert box.informativeText() == "talk.docx\ntalk.es.txt"
    assert box.defaultButton() == box.button(box.StandardButton.Cancel)
    box.button(box.StandardButton.Cancel).click()
    run(loop, wait_until(lambda: flow.question is None, what="answered"))
    assert (out / "talk.docx").read_bytes() == b"edited in Word since"
    assert sorted(p.name for p in out.iterdir()) == ["talk.docx", "talk.es.txt"]
    assert "Nothing was exported" in dialog.result_label.text()
    assert dialog.export_button.isEnabled()

    reports: list[Any] = []
    ctx.exports.finished.connect(reports.append)
    dialog.export_button.click()
    run(loop, wait_until(lambda: flow.question is not None, what="asked again"))
    flow.question.replace_button.click()
    run(loop, wait_until(lambda: reports, what="the export"))
    assert sorted(p.name for p in out.iterdir()) == [
        "talk.docx", "talk.es.docx", "talk.es.txt", "talk.txt"]
    assert (out / "talk.docx").read_bytes().startswith(b"PK")  # a real DOCX now
    assert (out / "talk.es.txt").read_text(encoding="utf-8") != "mine"


def test_planned_paths_are_the_paths_an_export_writes(apps, sandbox, loop, tmp_path) -> None:
    ids = seed(tmp_path, {"talk.m4a": (translated("es", "fr"), [])})
    ctx = apps.sandbox_mode(sandbox)
    dialog = flow_of(ctx).open(ticked=[ids["talk.m4a"]])
    run(loop, wait_until(lambda: len(offered(dialog)) == 2, what="its translations known"))
    tick_only(dialog, {ids["talk.m4a"]}, {"srt", "md", "json"})
    dialog.translations.boxes["fr"].setChecked(False)
    prefs = dialog.preferences()
    record = ctx.jobs.view(ids["talk.m4a"]).record
    planned = planned_paths(record, prefs, ("es", "fr"))
    export_and_wait(loop, ctx, dialog)  # next to the recording: nothing there yet
    written = sorted((tmp_path / "recordings").glob("talk.*"))
    assert sorted(planned) == [p for p in written if p.name != "talk.m4a"]


def test_a_quick_export_from_a_translations_tab_writes_that_translation(
        apps, sandbox, loop, tmp_path) -> None:
    ids = seed(tmp_path, {"talk.m4a": (translated("es"), ["es"])})
    ctx = apps.sandbox_mode(sandbox)
    ctx.jobs.open_transcript(ids["talk.m4a"])
    run(loop, wait_until(lambda: ctx.window.pane.transcript() is not None, what="shown"))
    asked: list[str] = []

    def choose(title: str, default: str, _filter: str, then) -> None:
        asked.append(title)
        then(default)

    flow = flow_of(ctx)
    flow.quick.choose_save_path = choose
    pane = ctx.window.pane
    pane.tabs.setCurrentIndex(pane.tab_titles().index("Spanish"))
    ctx.window.acts.export_vtt.trigger()
    assert asked == ["Export as WebVTT subtitles (Spanish)"]
    spanish = (tmp_path / "recordings" / "talk.es.vtt").read_text("utf-8")
    assert "[es] platform?" in spanish
    pane.tabs.setCurrentIndex(0)  # the transcript's own words again
    ctx.window.acts.export_vtt.trigger()
    assert "Which platform?" in (tmp_path / "recordings" / "talk.vtt").read_text("utf-8")
