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
    from smdesk.store.atomic import AtomicWriteError, atomic_write_text

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
        for path, text in rendered.items():
            atomic_write_text(path, text)
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
                   stem: str) -> dict[Path, str]:
    from smdesk.core.export import to_srt, to_txt

    out: dict[Path, str] = {}
    for fmt in plan.formats:
        path = plan.output_dir / f"{stem}.{fmt}"
        if fmt == "txt":
            out[path] = to_txt(transcript)
        elif fmt == "srt":
            out[path] = to_srt(transcript, max_line_length=plan.options.srt_max_line_length,
                               max_lines=plan.options.srt_max_lines)
        else:
            out[path] = json.dumps(raw, ensure_ascii=False, indent=2) + "\n"
    for language in transcript.translations:
        out[plan.output_dir / f"{stem}.{language}.txt"] = to_txt(transcript, translation=language)
    if transcript.summary:
        out[plan.output_dir / f"{stem}.summary.txt"] = transcript.summary.rstrip() + "\n"
    return out


def _plain_text(transcript: Transcript) -> str:
    from smdesk.core.export import to_txt

    return to_txt(transcript)


