"""`smdesk export`: write transcripts (json-v2 files or history jobs) in any format, locally.

    smdesk export SOURCE... --format txt,docx,md,srt,vtt,json,csv --subtitle-preset netflix
                  --output-dir DIR

A SOURCE is a json-v2 file, or a job of the history by its number or its file name. Each source
gives DIR/<stem>.<ext> (and <stem>.<lang>.<ext> per translation), written atomically, all or
none; a source that fails gets one line on stderr and the others go on.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from smdesk.cli.common import DEFAULT_OUTPUT_DIR, EXIT_FAILED, EXIT_OK, Parser, UsageError

if TYPE_CHECKING:
    from smdesk.core.export import ExportChoices, ExportFormat, ExportMeta
    from smdesk.core.transcript import Transcript
    from smdesk.store import History, JobRecord

PRESET_NAMES = ("netflix", "bbc", "vertical")


class SourceError(Exception):
    """This source cannot be exported; str() is the user's sentence (names the source)."""


@dataclass
class Loaded:
    transcript: Transcript
    stem: str
    meta: ExportMeta


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="smdesk export",
               formatter_class=argparse.RawDescriptionHelpFormatter,
               description="Export transcripts, rendered here from the words, times and "
                           "speakers (with your edits and speaker names), in any format.",
               epilog="SOURCE: a json-v2 file, or a job of the history by its number or file "
                      "name.\nExit status: 0 all exported, 1 some source failed (one line each "
                      "on stderr), 2 bad arguments.")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--format", "-f", action="append", default=[], metavar="FMT",
                   help="txt, qda, docx, md, srt, vtt, json, csv (comma-separate or repeat; "
                        "default txt)")
    p.add_argument("--subtitle-preset", choices=PRESET_NAMES, default=None,
                   help="subtitle rules for srt/vtt (default netflix, with the line length "
                        "and lines the transcript's own srt_overrides ask for)")
    p.add_argument("--speaker-labels", action="store_true",
                   help="put speaker names inside subtitle cues (off by default)")
    p.add_argument("--no-speaker-names", action="store_true",
                   help="leave speaker names out of text, documents and voice tags")
    p.add_argument("--timestamps", choices=("turn", "interval", "none"), default="turn",
                   help="a time at each speaker turn (default), every --interval seconds, "
                        "or none")
    p.add_argument("--interval", type=float, default=30.0, metavar="SECONDS",
                   help="seconds between timestamps with --timestamps interval (default 30)")
    p.add_argument("--no-summary", action="store_true", help="leave the summary out")
    p.add_argument("--translations", default="all", metavar="LANGS",
                   help="translations to export too: all (default), none, or e.g. es,fr")
    p.add_argument("--output-dir", "-o", type=Path, default=DEFAULT_OUTPUT_DIR, metavar="DIR",
                   help="where to write (default ./transcripts; same names are replaced)")
    return p


def make_choices(ns: argparse.Namespace) -> tuple[list[ExportFormat], ExportChoices]:
    from smdesk.core.export import PRESETS, ExportChoices, parse_formats

    try:
        formats = parse_formats(",".join(ns.format) or "txt")
        choices = ExportChoices(
            speaker_names=not ns.no_speaker_names, timestamps=ns.timestamps,
            interval=ns.interval, include_summary=not ns.no_summary,
            subtitle_rules=PRESETS[ns.subtitle_preset or "netflix"],
            subtitle_speaker_labels=ns.speaker_labels)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return formats, choices


def with_own_overrides(choices: ExportChoices, loaded: Loaded) -> ExportChoices:
    """The transcript's output_config.srt_overrides, as the API's own SRT would apply them."""
    import dataclasses

    overrides, base = loaded.transcript.srt_overrides, choices.subtitle_rules
    if not overrides:
        return choices
    rules = dataclasses.replace(
        base, name="custom", label="The transcript's own",
        max_chars_per_line=overrides.get("max_line_length", base.max_chars_per_line),
        max_lines=overrides.get("max_lines", base.max_lines),
    )  # fmt: skip
    return dataclasses.replace(choices, subtitle_rules=rules)


def translations_wanted(value: str) -> list[str] | None:
    """None: all the transcript has; [] none; else the codes given."""
    value = value.strip().lower()
    if value == "all":
        return None
    if value in ("", "none"):
        return []
    return list(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))


def export_command(args: list[str]) -> int:
    from smdesk.cli.transcribe import check_output_dir

    ns = build_parser().parse_args(args)
    formats, choices = make_choices(ns)
    output_dir = check_output_dir(ns.output_dir)
    wanted = translations_wanted(ns.translations)
    history: History | None = None
    failed = False
    seen_stems: dict[str, str] = {}
    try:
        for source in ns.sources:
            try:
                if not Path(source).is_file() and history is None:
                    history = open_history()
                loaded = load_source(source, history)
                other = seen_stems.setdefault(loaded.stem, source)
                if other != source:
                    raise SourceError(f"{source}: would be saved as {loaded.stem}.* like "
                                      f"{other}; export it in a separate run with another "
                                      "--output-dir.")
                own = choices if ns.subtitle_preset else with_own_overrides(choices, loaded)
                written = write_source(loaded, formats, own, wanted, output_dir)
            except SourceError as exc:
                print(str(exc), file=sys.stderr)
                failed = True
                continue
            print(f"{source} → {', '.join(str(p) for p in written)}")
    finally:
        if history is not None:
            history.close()
    return EXIT_FAILED if failed else EXIT_OK


def open_history() -> History | None:
    """The app's job history, or None (with nothing created) when there is none yet."""
    from smdesk.store import History, HistoryError, history_path

    path = history_path()
    if not path.exists():
        return None
    try:
        return History.open(path)
    except HistoryError as exc:
        raise SourceError(f"the job history could not be opened: {exc}") from exc


def write_source(loaded: Loaded, formats: list[ExportFormat], choices: ExportChoices,
                 wanted: list[str] | None, output_dir: Path) -> list[Path]:
    from smdesk.core.export.bundle import export_bundle
    from smdesk.store.exports import write_files

    if wanted:
        missing = [code for code in wanted if code not in loaded.transcript.translations]
        have = ", ".join(loaded.transcript.translations) or "none"
        if missing:
            raise SourceError(f"{loaded.meta.title}: has no {missing[0]!r} translation "
                              f"(it has: {have}); change --translations.")
    try:
        files = export_bundle(loaded.transcript, formats, choices, loaded.meta, loaded.stem,
                              wanted)
    except ValueError as exc:
        raise SourceError(f"{loaded.meta.title}: {exc}") from exc
    try:
        return write_files(output_dir, files)
    except OSError as exc:
        raise SourceError(str(exc)) from exc


def load_source(source: str, history: History | None) -> Loaded:
    path = Path(source)
    if path.is_file():
        return load_json_file(path)
    if history is None:
        raise SourceError(f"{source}: no such file, and there is no job history yet; give a "
                          "json-v2 file or the number of a job transcribed with smdesk.")
    return load_job(source, history)


def load_json_file(path: Path) -> Loaded:
    from smdesk.core.export import ExportMeta
    from smdesk.core.export.bundle import source_stem
    from smdesk.core.transcript import Transcript

    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
        transcript = Transcript.from_json_v2(data)
    except OSError as exc:
        raise SourceError(f"{path}: could not be read ({exc.strerror or exc}); check the path "
                          "and its permissions.") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SourceError(f"{path}: is not a JSON file; give a Speechmatics json-v2 "
                          "transcript.") from None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise SourceError(f"{path}: {str(exc).rstrip('.')}; give a Speechmatics json-v2 "
                          "transcript.") from None
    job = data.get("job") if isinstance(data.get("job"), dict) else {}
    data_name = str(job.get("data_name") or "")
    created = str(job.get("created_at") or "")
    meta = ExportMeta(title=path.stem, source_name=data_name or path.name,
                      created=created[:16].replace("T", " "))
    return Loaded(transcript, source_stem(path.name), meta)


def load_job(source: str, history: History) -> Loaded:
    from smdesk.core.export import ExportMeta
    from smdesk.core.export.bundle import source_stem
    record = find_job(source, history)
    try:  # the kept parsed form when there is one (3 hours: 0.05 s instead of a 0.3 s parse)
        opened = history.open_transcript(record.id)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        reason = str(exc).rstrip(".")
        raise SourceError(f"{source}: the stored transcript of job {record.id} could not be "
                          f"read ({reason}).") from None
    if opened is None:
        raise SourceError(f"{source}: job {record.id} ({record.file_name}) has no transcript "
                          f"yet (it is {record.phase}); export it once it is done.")
    transcript = opened.transcript
    created = time.strftime("%Y-%m-%d %H:%M", time.localtime(record.created_at))
    meta = ExportMeta(title=Path(record.file_name).stem, source_name=record.file_name,
                      created=created)
    return Loaded(transcript, source_stem(record.file_name), meta)


def find_job(source: str, history: History) -> JobRecord:
    if source.isdigit():
        record = history.get(int(source))
        if record is None:
            raise SourceError(f"{source}: there is no job {source} in the history; "
                              "`smdesk` lists the jobs in its window.")
        return record
    name = Path(source).name
    matches = [r for r in history.list() if r.file_name == name]
    if not matches:
        raise SourceError(f"{source}: no such file, and no job of the history has that file "
                          "name; give a json-v2 file, a job number or a transcribed file name.")
    done = [r for r in matches if r.has_transcript]
    if len(done) > 1:
        ids = ", ".join(str(r.id) for r in done)
        raise SourceError(f"{source}: several jobs have that file name ({ids}); give the job "
                          "number instead.")
    return (done or matches)[0]

