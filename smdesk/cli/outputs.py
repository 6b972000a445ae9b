"""Writing a finished job's transcript in the requested formats, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smdesk.cli.transcribe import Outcome, Plan
    from smdesk.core.transcript import Transcript

class OutputError(Exception):
    """Saving failed (bad transcript or disk); str() is the user's sentence."""


def save_outputs(outcome: Outcome, raw: object, plan: Plan) -> None:
    """Render every requested format from the json-v2, then write them all (atomically)."""
    from smdesk.core.transcript import Transcript
    from smdesk.store.atomic import AtomicWriteError, atomic_write_bytes

    if not isinstance(raw, dict):
        raise OutputError("the server's reply did not contain a json-v2 transcript; try again.")
    try:
        transcript = Transcript.from_json_v2(raw)
        rendered = render_formats(transcript, raw, plan, outcome.source.stem)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise OutputError(f"the transcript the server sent could not be read "
                          f"({type(exc).__name__}: {exc}); try again.") from exc
    try:
        plan.output_dir.mkdir(parents=True, exist_ok=True)
        for path, data in rendered.items():
            atomic_write_bytes(path, data)
            outcome.outputs.append(path)
    except OSError as exc:
        for written in outcome.outputs:  # all formats or none: no half-delivered result
            written.unlink(missing_ok=True)
        outcome.outputs.clear()
        if isinstance(exc, AtomicWriteError):  # already one sentence naming the file
            raise OutputError(str(exc)) from exc
        raise OutputError(f"could not write in {plan.output_dir} ({exc.strerror or exc}); "
                          "check --output-dir is a writable folder.") from exc
    outcome.speakers = [transcript.speaker_name(s) for s in transcript.speakers()]
    outcome.text = _plain_text(transcript)


def render_formats(transcript: Transcript, raw: dict[str, Any], plan: Plan,
                   stem: str) -> dict[Path, bytes]:
    """Every requested format and translation, laid out here (core.export), never the server's
    SRT; JSON is the server's document as received. Translations always get a text file."""
    from smdesk.core.export import FORMATS, PRESETS, TXT, ExportChoices, ExportMeta, file_name
    from smdesk.core.export.bundle import export_bundle

    choices = ExportChoices(include_summary=False, subtitle_rules=PRESETS[plan.subtitle_preset])
    formats = [FORMATS[f] for f in plan.formats if f != "json"]
    if transcript.translations and TXT not in formats:
        formats.append(TXT)
    files = export_bundle(transcript, formats, choices, ExportMeta(title=stem), stem)
    if "txt" not in plan.formats:
        files.pop(file_name(stem, TXT), None)
    out = {plan.output_dir / name: data for name, data in files.items()}
    if "json" in plan.formats:
        out[plan.output_dir / f"{stem}.json"] = (
            json.dumps(raw, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if transcript.summary:
        out[plan.output_dir / f"{stem}.summary.txt"] = (
            transcript.summary.rstrip() + "\n").encode("utf-8")
    return out


def _plain_text(transcript: Transcript) -> str:
    from smdesk.core.export import to_txt

    return to_txt(transcript)


