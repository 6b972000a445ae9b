"""The one entry point every export goes through (app dialog, automatic export, CLI).

``render(transcript, fmt, choices, meta) -> bytes``: the file's exact bytes, from the
transcript as it is now (the edited words and the speakers' names), with the choices given.
"""

from __future__ import annotations

from smdesk.core.export.choices import (
    CSV,
    DOCX,
    JSON,
    MARKDOWN,
    QDA,
    SRT,
    TXT,
    VTT,
    ExportChoices,
    ExportFormat,
    ExportMeta,
)
from smdesk.core.export.data import render_csv, render_json
from smdesk.core.export.markdown import render_markdown
from smdesk.core.export.subtitle_files import CueCache, render_srt, render_vtt
from smdesk.core.export.text import render_qda, render_txt
from smdesk.core.export.word import render_docx
from smdesk.core.transcript import Transcript


def render(
    transcript: Transcript,
    fmt: ExportFormat,
    choices: ExportChoices | None = None,
    meta: ExportMeta | None = None,
    *,
    cues: CueCache | None = None,
) -> bytes:
    """The file's bytes (UTF-8 for the text formats). ``cues``: the subtitle layouts of this
    export so far, so that its SRT and WebVTT files lay the cues out once.

    Raises:
        ValueError: one sentence for the user, e.g. the chosen translation does not exist.
    """
    choices = choices or ExportChoices()
    meta = meta or ExportMeta()
    if fmt == DOCX:
        return render_docx(transcript, choices, meta)
    if fmt == MARKDOWN:
        text = render_markdown(transcript, choices, meta)
    elif fmt == TXT:
        text = render_txt(transcript, choices)
    elif fmt == QDA:
        text = render_qda(transcript, choices)
    elif fmt == SRT:
        text = render_srt(transcript, choices, cues)
    elif fmt == VTT:
        text = render_vtt(transcript, choices, cues)
    elif fmt == JSON:
        text = render_json(transcript, choices)
    elif fmt == CSV:
        text = render_csv(transcript, choices)
    else:
        raise ValueError(f"smdesk cannot export {fmt.label} files.")
    return text.encode("utf-8")


def file_name(stem: str, fmt: ExportFormat, translation: str | None = None) -> str:
    """ "interview" → "interview.srt", or "interview.es.srt" for the Spanish translation."""
    tag = f".{translation}" if translation else ""
    return f"{stem}{tag}.{fmt.extension}"
