"""Several formats and translations of one transcript at once, with their file names.

Used by the CLI's `export`, the app's export of selected jobs and the automatic export when a
job finishes, so all three name and fill the files the same way.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from pathlib import PurePath

from smdesk.core.export.choices import ExportChoices, ExportFormat, ExportMeta
from smdesk.core.export.render import file_name, render
from smdesk.core.export.subtitle_files import CueCache
from smdesk.core.transcript import Transcript

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
TEMPLATE_FIELDS = ("name", "date", "time", "id", "language")
DEFAULT_TEMPLATE = "{name}"
_FIELD = re.compile(r"\{([^{}]*)\}")


def safe_file_stem(title: str) -> str:
    """A file name stem from a free-form title ("Interview: 3/4" → "Interview 3 4")."""
    stem = _UNSAFE.sub(" ", title)
    stem = " ".join(stem.split()).strip(". ")
    return stem[:150] or "transcript"


def check_template(template: str) -> None:
    """Raises ValueError (one sentence) when the template names a field that does not exist."""
    for field in _FIELD.findall(template):
        if field not in TEMPLATE_FIELDS:
            known = ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
            raise ValueError(f"The file name template has an unknown field {{{field}}}; "
                             f"use {known}.")
    if not template.strip():
        raise ValueError(f"The file name template is empty; use for example {DEFAULT_TEMPLATE}.")


def expand_template(template: str, **values: str) -> str:
    """ "{name} {date}" with name="interview", date="2026-12-01" → "interview 2026-12-01".

    Raises:
        ValueError: an unknown field or an empty template (one sentence).
    """
    check_template(template)
    text = _FIELD.sub(lambda m: values.get(m.group(1), ""), template)
    return safe_file_stem(text)


def source_stem(source_name: str) -> str:
    """ "interviews/Budget talk.m4a" → "Budget talk"."""
    return safe_file_stem(PurePath(source_name.replace("\\", "/")).stem or source_name)


def export_bundle(
    transcript: Transcript,
    formats: Iterable[ExportFormat],
    choices: ExportChoices,
    meta: ExportMeta,
    stem: str,
    translations: Sequence[str] | None = None,
    *,
    cues: CueCache | None = None,
) -> dict[str, bytes]:
    """File name → bytes: each format of the transcript, then of each translation.

    ``translations`` None means every translation the transcript has; unknown codes raise the
    same one-sentence ValueError as :func:`render`. SRT and WebVTT share one layout of the cues
    (``cues``, to share it with a check after the export too).
    """
    languages = list(transcript.translations) if translations is None else list(translations)
    cues = cues if cues is not None else CueCache(transcript)
    files: dict[str, bytes] = {}
    for fmt in formats:
        base = dataclasses.replace(choices, translation=None)
        files[file_name(stem, fmt)] = render(transcript, fmt, base, meta, cues=cues)
        for language in languages:
            translated = dataclasses.replace(choices, translation=language)
            files[file_name(stem, fmt, language)] = render(transcript, fmt, translated, meta,
                                                           cues=cues)
    return files
