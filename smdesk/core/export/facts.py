"""The facts an export's header lists: file, date, length, language."""

from __future__ import annotations

from smdesk.core.export.choices import ExportChoices, ExportMeta
from smdesk.core.formatting import format_duration
from smdesk.core.languages import language_name
from smdesk.core.transcript import Transcript


def recording_facts(
    transcript: Transcript, choices: ExportChoices, meta: ExportMeta
) -> list[tuple[str, str]]:
    """(label, value) pairs, leaving out what is not known."""
    facts: list[tuple[str, str]] = []
    if meta.source_name:
        facts.append(("File", meta.source_name))
    if meta.created:
        facts.append(("Date", meta.created))
    if transcript.duration > 0:
        facts.append(("Length", format_duration(transcript.duration)))
    if transcript.language:
        facts.append(("Language", language_name(transcript.language)))
    if choices.translation is not None:
        facts.append(("Translation", language_name(choices.translation)))
    return facts
