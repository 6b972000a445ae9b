"""One export lays its subtitles out once: SRT, WebVTT and the check share the cues."""

from __future__ import annotations

import dataclasses

from smdesk.core import edits
from smdesk.core.export import FORMATS, ExportChoices, ExportMeta, render
from smdesk.core.export.bundle import export_bundle
from smdesk.core.export.subtitle_files import CueCache, check_subtitles
from smdesk.core.transcript import Transcript

from .factories import make_json_v2


def test_srt_and_webvtt_of_one_export_share_one_layout() -> None:
    t = Transcript.from_json_v2(make_json_v2(400, translations=True))
    choices = ExportChoices()
    cache = CueCache(t)
    first = cache.cues(choices)
    assert cache.cues(dataclasses.replace(choices, speaker_names=False)) is first  # same rules
    spanish = cache.cues(dataclasses.replace(choices, translation="es"))
    assert spanish is not first and cache.cues(choices) is first
    assert check_subtitles(t, choices, cache) == check_subtitles(t, choices)
    edits.replace_text(t, 0, 0, "Meanwhile")  # an edit between two uses: laid out afresh
    again = cache.cues(choices)
    assert again is not first and again[0].lines[0].startswith("Meanwhile")


def test_a_bundle_with_the_cache_writes_what_single_renders_write() -> None:
    t = Transcript.from_json_v2(make_json_v2(400, translations=True))
    formats = [FORMATS["srt"], FORMATS["vtt"]]
    meta = ExportMeta(title="talk")
    files = export_bundle(t, formats, ExportChoices(), meta, "talk")
    assert files == {
        "talk.srt": render(t, FORMATS["srt"], ExportChoices(), meta),
        "talk.es.srt": render(t, FORMATS["srt"], ExportChoices(translation="es"), meta),
        "talk.vtt": render(t, FORMATS["vtt"], ExportChoices(), meta),
        "talk.es.vtt": render(t, FORMATS["vtt"], ExportChoices(translation="es"), meta),
    }
