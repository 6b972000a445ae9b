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
        kept = keep_unsaved(raw, outcome.source.stem)  # it was paid for: never lose it
        if isinstance(exc, AtomicWriteError):  # already one sentence naming the file
            raise OutputError(f"{str(exc).rstrip('.')}; {kept}") from exc
        raise OutputError(f"could not write in {plan.output_dir} ({exc.strerror or exc}); "
                          f"check --output-dir is a writable folder; {kept}") from exc
    outcome.speakers = [transcript.speaker_name(s) for s in transcript.speakers()]
    outcome.text = _plain_text(transcript)


def keep_unsaved(raw: dict[str, Any], stem: str) -> str:
    """Keep the json-v2 of a transcript whose outputs could not be written; how to get it."""
    import time

    from smdesk.store.atomic import atomic_write_text
    from smdesk.store.paths import data_dir

    try:
        folder = data_dir() / "unsaved-transcripts"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{stem[:80]}.json"
        atomic_write_text(path, json.dumps(raw, ensure_ascii=False))
    except OSError:
        return "the transcript could not be kept either (the disk may be full)."
    return (f"the transcript is kept in {path}: `smdesk export \"{path}\" --output-dir DIR` "
            "writes it without transcribing again.")


# Longest name atomic_write adds around a file name: ".<name>." + 8 random + ".tmp".
_TEMP_EXTRA = 14
MIN_FREE_BYTES = 20_000_000  # transcripts are small; less than this and a write may fail


def output_names(stem: str, formats: tuple[str, ...], options: Any) -> list[str]:
    """Every file name a job of `stem` may write (formats, translations, summary)."""
    names = [f"{stem}.{fmt}" for fmt in formats]
    names += [f"{stem}.{lang}.txt" for lang in getattr(options, "translation_targets", [])]
    if getattr(options, "summary", None) is not None:
        names.append(f"{stem}.summary.txt")
    return names


def check_room(output_dir: Path, stems: list[str], formats: tuple[str, ...],
               options: Any) -> dict[str, str]:
    """Before anything is uploaded (and billed): can every output be written? Returns a
    sentence per stem whose names are too long; raises OutputError when the folder has no
    room at all."""
    import os
    import shutil

    existing = next(p for p in (output_dir, *output_dir.absolute().parents) if p.exists())
    try:
        free = shutil.disk_usage(existing).free
        name_max = os.pathconf(existing, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # no pathconf on Windows
        free, name_max = None, 255
    if free is not None and free < MIN_FREE_BYTES:
        raise OutputError(f"--output-dir: {existing} has only {free // 1000:,} kB free; free "
                          "some space or choose another folder before transcribing.")
    too_long: dict[str, str] = {}
    for stem in stems:
        longest = max(output_names(stem, formats, options), key=lambda n: len(os.fsencode(n)))
        needed = len(os.fsencode(longest)) + _TEMP_EXTRA  # bytes, as the file system counts
        if needed > name_max:
            too_long[stem] = (
                f"its name is too long for the output files here ({needed} bytes needed, at "
                f"most {name_max}); "
                "rename the file (shorter) or copy it under a shorter name."
            )
    return too_long


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
    """What ``--print`` shows: the text export without the summary."""
    from smdesk.core.export import TXT, ExportChoices, render

    return render(transcript, TXT, ExportChoices(include_summary=False)).decode("utf-8")


