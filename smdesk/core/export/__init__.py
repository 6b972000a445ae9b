"""Exports: every format rendered locally, at export time, from the (edited) transcript.

    from smdesk.core.export import FORMATS, ExportChoices, ExportMeta, render
    data = render(transcript, FORMATS["docx"], ExportChoices(translation="es"), ExportMeta(...))

One module per format (text, markdown, word, subtitle_files, data); ``blocks`` is the paragraph
model they share, ``cues`` the subtitle engine's API. All pure: bytes out, no I/O.
"""

from smdesk.core.export.choices import (
    CSV,
    DOCX,
    FORMATS,
    JSON,
    MARKDOWN,
    QDA,
    SRT,
    TIMESTAMP_MODES,
    TXT,
    VTT,
    ExportChoices,
    ExportFormat,
    ExportMeta,
    TimestampMode,
    parse_formats,
)
from smdesk.core.export.cues import PRESETS, SubtitleRules
from smdesk.core.export.render import file_name, render
from smdesk.core.export.subtitle_files import SubtitleCheck, check_subtitles

__all__ = [
    "CSV",
    "DOCX",
    "FORMATS",
    "JSON",
    "MARKDOWN",
    "PRESETS",
    "QDA",
    "SRT",
    "TIMESTAMP_MODES",
    "TXT",
    "VTT",
    "ExportChoices",
    "ExportFormat",
    "ExportMeta",
    "SubtitleCheck",
    "SubtitleRules",
    "TimestampMode",
    "check_subtitles",
    "file_name",
    "parse_formats",
    "render",
]
