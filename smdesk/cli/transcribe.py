"""`smdesk transcribe`: check the inputs, run the jobs concurrently, write the outputs."""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smdesk.cli.common import (
    DEFAULT_OUTPUT_DIR,
    DEFAULT_URL,
    EXIT_FAILED,
    EXIT_OK,
    FORMATS,
    KEY_ENV,
    PORTAL_URL,
    SANDBOX_PROCESSING_SECONDS,
    SUBTITLE_PRESETS,
    URL_ENV,
    Parser,
    UsageError,
)
from smdesk.cli.errors import describe_error, scrub
from smdesk.cli.outputs import save_outputs
from smdesk.cli.progress import ProgressDisplay
from smdesk.cli.recover import find_lost_job, now, tagged
from smdesk.cli.voices import load_known_voices, parse_voice_names, submit_recognising_voices

INSECURE_OPT_IN = "add --allow-insecure-http"

if TYPE_CHECKING:
    from smdesk.core.options import JobOptions
    from smdesk.core.voices import KnownVoice
    from smdesk.media import MediaInfo

# ---------------------------------------------------------------------------------------------
# smdesk transcribe: arguments -> a checked plan


@dataclass
class Plan:
    """Everything `transcribe` needs, checked before the first byte is uploaded."""

    files: list[MediaInfo]
    rejected: list[str]            # one line per input file that failed the local check
    options: JobOptions
    formats: tuple[str, ...]
    output_dir: Path
    print_transcript: bool
    quiet: bool
    concurrency: int
    delete_after: bool
    subtitle_preset: str = "netflix"
    known_voices: list[KnownVoice] = field(default_factory=list)  # --voices, resolved


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="smdesk transcribe",
                formatter_class=argparse.RawDescriptionHelpFormatter,
                description="Transcribe audio/video files with Speechmatics and write "
                            "<output-dir>/<name>.<format> for each.",
                epilog=f"The API key comes from ${KEY_ENV} (or --api-key-env), else from the key "
                       "saved by the desktop app.\nExit status: 0 all files done, 1 some file "
                       "failed (one line each on stderr), 2 bad arguments, 130 interrupted.")
    p.add_argument("files", nargs="+", metavar="FILE", help="audio or video files")
    p.add_argument("--language", "-l", default="en", help="language code, or 'auto' (default en)")
    p.add_argument("--operating-point", choices=("standard", "enhanced"), default="enhanced",
                   help="accuracy model (default enhanced)")
    p.add_argument("--diarization", choices=("none", "speaker", "channel"), default="speaker",
                   help="label speakers (default), stereo channels, or neither")
    p.add_argument("--translate", action="append", default=[], metavar="LANGS",
                   help="also translate into these languages, e.g. es,fr")
    p.add_argument("--summary", action="store_true", help="also write a summary")
    p.add_argument("--voices", metavar="NAMES",
                   help="name these known voices (remembered in the app), e.g. 'Ana,Ben' or all")
    p.add_argument("--vocab", type=Path, metavar="FILE",
                   help="custom words, one per line ('word' or 'word: sounds, like')")
    p.add_argument("--format", "-f", action="append", default=[], metavar="FMT",
                   help=f"{', '.join(FORMATS)} (repeat or comma-separate; default txt)")
    p.add_argument("--subtitle-preset", choices=SUBTITLE_PRESETS, default="netflix",
                   help="subtitle rules for srt/vtt, laid out here (default netflix)")
    p.add_argument("--output-dir", "-o", type=Path, default=DEFAULT_OUTPUT_DIR, metavar="DIR",
                   help="where to write transcripts (default ./transcripts; existing files "
                        "with the same name are replaced)")
    p.add_argument("--print", dest="print_transcript", action="store_true",
                   help="also print each text transcript to stdout")
    p.add_argument("--concurrency", "-j", type=int, default=3, metavar="N",
                   help="files uploading at once (default 3)")
    p.add_argument("--sandbox", action="store_true",
                   help="use a built-in offline server instead of Speechmatics (no account "
                        "needed; the transcript is simulated)")
    p.add_argument("--url", help=f"Batch API URL (default ${URL_ENV} or {DEFAULT_URL})")
    p.add_argument("--allow-insecure-http", action="store_true",
                   help="send the API key over plain http even to a server outside this "
                        "computer and its private networks (unencrypted: anyone on the way "
                        "can read it)")
    p.add_argument("--api-key-env", default=KEY_ENV, metavar="NAME",
                   help=f"environment variable holding the API key (default {KEY_ENV})")
    p.add_argument("--delete-after-download", action="store_true",
                   help="delete each job from Speechmatics once its transcript is saved")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    return p


def _split_list(values: list[str]) -> list[str]:
    """`--x a,b --x c` -> [a, b, c], lower-case, without duplicates."""
    items = [v.strip().lower() for value in values for v in value.split(",")]
    return list(dict.fromkeys(v for v in items if v))


def make_plan(ns: argparse.Namespace) -> Plan:
    formats = tuple(_split_list(ns.format)) or ("txt",)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"--format: '{unknown[0]}' is not a format smdesk writes; "
                         f"use {', '.join(FORMATS)}.")
    if not 1 <= ns.concurrency <= 20:
        raise UsageError("--concurrency must be between 1 and 20.")
    options = build_options(ns)
    voices = load_known_voices(parse_voice_names(ns.voices), options.diarization)
    if voices:
        options.recognise_voices, options.chosen_voices = "chosen", [v.name for v in voices]
    output_dir = check_output_dir(ns.output_dir)
    files, rejected = check_files(ns.files)
    check_name_clashes(files)
    files, rejected = _only_writable(files, rejected, output_dir, formats, options)
    return Plan(files, rejected, options, formats, output_dir, ns.print_transcript, ns.quiet,
                ns.concurrency, ns.delete_after_download, ns.subtitle_preset, voices)


def _only_writable(files: list[MediaInfo], rejected: list[str], output_dir: Path,
                   formats: tuple[str, ...], options: JobOptions,
                   ) -> tuple[list[MediaInfo], list[str]]:
    """Files whose outputs cannot be written are refused now, before they are billed."""
    from smdesk.cli.outputs import OutputError, check_room

    try:
        too_long = check_room(output_dir, [f.path.stem for f in files], formats, options)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    rejected = rejected + [f"{f.path.name}: {too_long[f.path.stem]}" for f in files
                           if f.path.stem in too_long]
    return [f for f in files if f.path.stem not in too_long], rejected


def build_options(ns: argparse.Namespace) -> JobOptions:
    from smdesk.core.languages import LANGUAGES, translation_targets
    from smdesk.core.options import JobOptions, SummaryOptions

    language = ns.language.strip()
    if language not in LANGUAGES:
        raise UsageError(f"--language: '{language}' is not a Speechmatics language code; "
                         "use e.g. en, es, de, or auto.")
    targets = _split_list(ns.translate)
    if targets:
        allowed = translation_targets(language)
        bad = [t for t in targets if t not in allowed]
        if bad:
            choices = ", ".join(sorted(allowed)) or "none"
            raise UsageError(f"--translate: Speechmatics cannot translate "
                             f"{LANGUAGES[language]} into '{bad[0]}'; choose from: {choices}.")
    options = JobOptions(language=language, operating_point=ns.operating_point,
                         diarization=ns.diarization, translation_targets=targets,
                         summary=SummaryOptions() if ns.summary else None,
                         vocab=read_vocab(ns.vocab) if ns.vocab else [])
    # Warnings were printed by read_vocab (with line numbers); only what stops the run is left.
    problems = [issue.message for issue in options.issues() if issue.blocking]
    if problems:
        raise UsageError("\n".join(problems))
    return options


def read_vocab(path: Path) -> list[Any]:
    from smdesk.core.vocab import parse_vocab_text, too_many_entries_message

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"--vocab: {path} does not exist; give a text file with one word "
                         "or phrase per line.") from None
    except UnicodeDecodeError:
        raise UsageError(f"--vocab: {path} is not UTF-8 text; save it as UTF-8.") from None
    except OSError as exc:
        raise UsageError(f"--vocab: {path} could not be read ({exc.strerror}); "
                         "check the path and its permissions.") from None
    entries, warnings = parse_vocab_text(text)
    stopping = too_many_entries_message(len(entries))  # said once, as the error that stops the run
    for warning in (w for w in warnings if w != stopping):
        print(f"smdesk transcribe: --vocab {path.name}: {warning}", file=sys.stderr)
    return list(entries)


def check_output_dir(path: Path) -> Path:
    if path.exists() and not path.is_dir():
        raise UsageError(f"--output-dir: {path} is a file, not a folder; choose a folder.")
    existing = next(p for p in (path, *path.absolute().parents) if p.exists())
    if not os.access(existing, os.W_OK):
        raise UsageError(f"--output-dir: {existing} is not writable; choose another folder.")
    return path


def check_files(names: list[str]) -> tuple[list[MediaInfo], list[str]]:
    """Local checks for every file (before any upload); bad files become one-line reasons."""
    from smdesk.media import MediaError, check_media_file

    files: list[MediaInfo] = []
    rejected: list[str] = []
    seen: set[Path] = set()
    for name in names:
        try:
            info = check_media_file(name)
        except (FileNotFoundError, MediaError) as exc:  # the message names the file
            rejected.append(str(exc))
            continue
        except OSError as exc:
            rejected.append(f"{name}: could not be read ({exc.strerror or exc}); "
                            "check its permissions.")
            continue
        if info.path.resolve() not in seen:
            seen.add(info.path.resolve())
            files.append(info)
    return files, rejected


def check_name_clashes(files: list[MediaInfo]) -> None:
    by_stem: dict[str, Path] = {}
    for info in files:
        other = by_stem.setdefault(info.path.stem, info.path)
        if other != info.path:
            raise UsageError(f"{other} and {info.path} would both be saved as "
                             f"{info.path.stem}.*; transcribe them in separate runs "
                             "with different --output-dir.")


# ---------------------------------------------------------------------------------------------
# Credentials


@dataclass(frozen=True)
class Endpoint:
    url: str
    api_key: str
    key_env: str
    sandbox: bool = False
    allow_insecure_http: bool = False

    def __repr__(self) -> str:  # never show the key
        return f"Endpoint(url={self.url!r}, sandbox={self.sandbox})"


def find_api_key(env_name: str) -> str | None:
    key = os.environ.get(env_name, "").strip()
    if key:
        return key
    try:  # the key the desktop app saved, if the keyring works here
        from smdesk.store.secrets import KeyringSecretStore, keyring_available

        return KeyringSecretStore().get_api_key() if keyring_available() else None
    except Exception:  # a broken keyring must not stop a user who can set the variable
        return None


def remote_endpoint(ns: argparse.Namespace) -> Endpoint:
    url = (ns.url or os.environ.get(URL_ENV) or DEFAULT_URL).strip()
    if not url.startswith(("https://", "http://")):
        raise UsageError(f"--url: '{url}' is not a web address; use e.g. {DEFAULT_URL}.")
    from smdesk.batch.connection import insecure_url_error

    refused = None if ns.allow_insecure_http else insecure_url_error(url, INSECURE_OPT_IN)
    if refused is not None:
        raise UsageError(f"{'--url' if ns.url else URL_ENV}: {refused}")
    key = find_api_key(ns.api_key_env)
    if not key:
        raise UsageError(f"No Speechmatics API key: set {ns.api_key_env} (get a key at "
                         f"{PORTAL_URL}), save one in the smdesk app, or add --sandbox to "
                         "try smdesk offline.")
    return Endpoint(url=url, api_key=key, key_env=ns.api_key_env,
                    allow_insecure_http=ns.allow_insecure_http)


def transcribe_command(args: list[str]) -> int:
    _never_fail_on_encoding()
    parser = build_parser()
    refuse_dash_names(parser, args)
    ns = parser.parse_args(args)
    plan = make_plan(ns)
    if not ns.sandbox:
        return run_plan(plan, remote_endpoint(ns))
    from smdesk.sandbox import SandboxThread

    key = "sandbox-" + secrets.token_hex(8)
    with SandboxThread(api_key=key, processing_seconds=SANDBOX_PROCESSING_SECONDS) as sandbox:
        if not plan.quiet:
            print(f"smdesk: using the offline sandbox at {sandbox.url} (simulated transcripts, "
                  "nothing leaves this computer)", file=sys.stderr)
        return run_plan(plan, Endpoint(sandbox.url, key, ns.api_key_env, sandbox=True))


def refuse_dash_names(parser: argparse.ArgumentParser, args: list[str]) -> None:
    """A file whose name starts with '-' (say -rf.wav) would be taken for an option: name it
    and say how to pass it, rather than argparse's "arguments are required: FILE"."""
    options = parser._option_string_actions  # argparse keeps no public map of its options
    takes_value = False
    for arg in args:
        if arg == "--":
            return
        if takes_value or not arg.startswith("-") or arg == "-":
            takes_value = False
            continue
        name = arg.split("=", 1)[0]
        action = options.get(name) or (options.get(arg[:2]) if not arg.startswith("--") else None)
        if action is not None:  # "-o DIR" takes the next word; "-ftxt", "--format=txt" do not
            takes_value = arg in options and action.nargs != 0
            continue
        if arg.startswith("--") and any(o.startswith(name) for o in options):
            continue  # an abbreviation argparse will expand (or report as ambiguous)
        raise UsageError(f"{arg} is not an option; if it is a file, write ./{arg} or put -- "
                         f"before it: smdesk transcribe -- {arg}")


def _never_fail_on_encoding() -> None:
    """A transcript or file name the console encoding cannot show (say cp1252 when redirected
    on Windows) must not crash the run after the work is done: substitute instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def run_plan(plan: Plan, endpoint: Endpoint) -> int:
    for line in plan.rejected:
        print(line, file=sys.stderr)
    if not plan.files:
        return EXIT_FAILED
    outcomes = asyncio.run(transcribe_all(plan, endpoint))
    report_stream = sys.stderr if plan.print_transcript else sys.stdout
    several = len(plan.files) > 1
    for outcome in outcomes:
        if outcome.error is None:
            print(outcome.summary_line(), file=report_stream)
            if plan.print_transcript and outcome.text is not None:
                if several:  # say which file each printed transcript is, as `head` does
                    sys.stdout.write(f"==> {outcome.source.name} <==\n")
                sys.stdout.write(outcome.text.rstrip("\n") + "\n")
    for outcome in outcomes:
        for note in outcome.notes:
            print(f"{outcome.source.name}: {note}", file=sys.stderr)
        if outcome.error is not None:
            print(f"{outcome.source.name}: {outcome.error}", file=sys.stderr)
    failed = bool(plan.rejected) or any(o.error is not None for o in outcomes)
    return EXIT_FAILED if failed else EXIT_OK


# ---------------------------------------------------------------------------------------------
# Running the jobs


@dataclass
class Outcome:
    source: Path
    outputs: list[Path] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    text: str | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)  # it worked, but not quite as asked

    def summary_line(self) -> str:
        where = ", ".join(str(p) for p in self.outputs)
        who = f" ({len(self.speakers)} speakers: {', '.join(self.speakers)})" \
            if len(self.speakers) > 1 else ""
        return f"{self.source.name} → {where}{who}"


async def transcribe_all(plan: Plan, endpoint: Endpoint) -> list[Outcome]:
    from smdesk.batch import AsyncClient, ConfigurationError, ConnectionConfig, JobConfig
    from smdesk.batch.connection import check_destination

    if not endpoint.allow_insecure_http:
        try:  # a host name over plain http: where does it really lead?
            await check_destination(endpoint.url, INSECURE_OPT_IN)
        except ConfigurationError as exc:
            raise UsageError(str(exc)) from None
    config = JobConfig.from_dict(plan.options.to_config_dict(plan.known_voices))
    display = ProgressDisplay([f.path.name for f in plan.files], sys.stderr, quiet=plan.quiet)
    upload_slots = asyncio.Semaphore(plan.concurrency)
    try:
        connection = ConnectionConfig(allow_insecure_http=endpoint.allow_insecure_http)
        async with AsyncClient(api_key=endpoint.api_key, url=endpoint.url,
                               conn_config=connection) as client:
            jobs = [_transcribe_one(i, info, client, config, upload_slots, plan, display, endpoint)
                    for i, info in enumerate(plan.files)]
            return list(await asyncio.gather(*jobs))
    finally:
        display.close()


async def _transcribe_one(index: int, info: MediaInfo, client: Any, config: Any,
                          upload_slots: asyncio.Semaphore, plan: Plan,
                          display: ProgressDisplay, endpoint: Endpoint) -> Outcome:
    outcome = Outcome(info.path)
    try:
        async with upload_slots:
            display.set_phase(index, "uploading")
            config, reference = tagged(config)
            started = now()
            try:
                job, refused = await submit_recognising_voices(
                    client, config, str(info.path), filename=info.path.name,
                    progress=lambda sent, total: display.set_bytes(index, sent, total))
                job_id = job.id
            except Exception as exc:  # a lost reply: look for the job before giving up
                job_id, refused = await find_lost_job(
                    client, exc, reference=reference, filename=info.path.name, since=started
                ), None
                outcome.notes.append(f"the reply to the upload was lost; continuing with job "
                                     f"{job_id}, which it created (not uploaded twice)")
            outcome.notes += [refused] if refused else []
        display.set_phase(index, "transcribing")

        def on_status(details: Any) -> None:
            if str(getattr(details.status, "value", details.status)) == "done":
                display.set_phase(index, "downloading")

        result = await client.wait_for_completion(job_id, on_status=on_status)
        save_outputs(outcome, getattr(result, "raw", None), plan)
        if plan.delete_after:
            await _delete_quietly(client, job_id, info.path.name)
        display.set_phase(index, "done")
    except Exception as exc:  # every failure becomes one line for this file; others go on
        outcome.error = scrub(describe_error(exc, endpoint), endpoint.api_key)
        if os.environ.get("SMDESK_DEBUG"):
            traceback.print_exc()
        display.set_phase(index, "failed")
    return outcome


async def _delete_quietly(client: Any, job_id: str, name: str) -> None:
    try:
        await client.delete_job(job_id)
    except Exception as exc:
        print(f"{name}: transcript saved, but the job could not be deleted from Speechmatics "
              f"({type(exc).__name__}); delete job {job_id} in the portal.", file=sys.stderr)


