"""The words-to-check threshold and the find options are remembered across restarts."""

from __future__ import annotations

import json

from smdesk.store.paths import settings_path
from smdesk.store.settings import SettingsStore
from tests.app.conftest import run, wait_until


def test_threshold_and_find_options_survive_a_restart(apps, sandbox, loop) -> None:
    ctx = apps.sandbox_mode(sandbox)
    pane = ctx.window.pane
    assert pane.review_bar.threshold.value() == 0.7 and not pane.find_bar.query().whole_word
    for _ in range(3):  # stepped like a wheel: saved once, when it settles
        pane.review_bar.threshold.stepUp()
    pane.find_bar.whole_word.setChecked(True)
    pane.find_bar.match_case.setChecked(True)
    run(loop, wait_until(lambda: ctx.prefs.settings.review_threshold == 0.85,
                         what="threshold saved"))
    apps.close(ctx)
    assert json.loads(settings_path().read_text(encoding="utf-8"))["review_threshold"] == 0.85
    ctx2 = apps.sandbox_mode(sandbox)
    again = ctx2.window.pane
    assert again.review_bar.threshold.value() == 0.85
    query = again.find_bar.query()
    assert query.whole_word and query.match_case


def test_a_threshold_out_of_range_in_the_settings_file_falls_back_to_the_default(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"concurrency": 2, "review_threshold": 7}), encoding="utf-8")
    settings = SettingsStore(path).load()
    assert settings.review_threshold == 0.7 and settings.concurrency == 2  # only it is dropped
