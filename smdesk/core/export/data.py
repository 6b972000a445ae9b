"""JSON (the json-v2 document with every edit and name applied) and CSV (start,end,speaker,text).

The JSON reads back into smdesk with ``Transcript.from_json_v2`` and loses nothing: edited
words, speaker changes, names and every field of the server's document smdesk does not use. A
translation's JSON is that language's segments in the json-v2 ``translations`` item shape.

The CSV starts with a UTF-8 byte order mark so that Excel shows accents and non-Latin scripts
right (Python's ``utf-8-sig`` and every other reader skip it); times are HH:MM:SS.mmm.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from smdesk.core.export.blocks import export_blocks, translation_segments
from smdesk.core.export.choices import ExportChoices
from smdesk.core.transcript import Transcript


def render_json(transcript: Transcript, choices: ExportChoices) -> str:
    document: dict[str, Any]
    if choices.translation is None:
        document = transcript.to_json_v2()
    else:
        segments = translation_segments(transcript, choices.translation)
        items: list[dict[str, Any]] = []
        for s in segments:
            item: dict[str, Any] = {"start_time": s.start, "end_time": s.end, "content": s.text}
            if s.speaker is not None:
                item["speaker"] = s.speaker
            items.append(item)
        document = {"language": choices.translation, "translation": items}
    # Not indented: a 3-hour document is 10 MB and indenting doubles the time to write it.
    return json.dumps(document, ensure_ascii=False) + "\n"


def csv_time(seconds: float) -> str:
    ms = round(max(seconds, 0.0) * 1000)
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def render_csv(transcript: Transcript, choices: ExportChoices) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(["start", "end", "speaker", "text"])
    for block in export_blocks(transcript, choices):
        writer.writerow([csv_time(block.start), csv_time(block.end), block.name or "",
                         block.text])
    return "\ufeff" + out.getvalue()
