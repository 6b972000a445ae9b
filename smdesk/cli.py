"""The `smdesk` command: `transcribe` files, run a local `sandbox` server, or open the desktop app.

    smdesk transcribe FILE... [options]   transcribe from the command line (see `--help`)
    smdesk sandbox [--port P] [...]       run the offline Speechmatics-compatible server
    smdesk [FILE...] [--sandbox]          open the desktop app (queueing FILEs)
    smdesk --version

Heavy imports (aiohttp, the client, the sandbox, Qt) happen inside the command that needs them, so
`smdesk --version` and argument errors stay instant.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from smdesk import __version__

if TYPE_CHECKING:
    from smdesk.core.options import JobOptions
    from smdesk.core.transcript import Transcript
    from smdesk.media import MediaInfo

KEY_ENV = "SPEECHMATICS_API_KEY"
URL_ENV = "SPEECHMATICS_BATCH_URL"
DEFAULT_URL = "https://asr.api.speechmatics.com/v2"
PORTAL_URL = "https://portal.speechmatics.com/"
FORMATS = ("txt", "srt", "json")
DEFAULT_OUTPUT_DIR = Path("transcripts")
# --sandbox pretends every file takes this long to transcribe: long enough to see the phases.
SANDBOX_PROCESSING_SECONDS = 1.0
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

TOP_HELP = f"""\
usage: smdesk [FILE...] [--sandbox]      open the desktop app (queueing FILEs)
       smdesk transcribe FILE... [opts]  transcribe files from the command line
       smdesk sandbox [opts]             run the offline Speechmatics-compatible server
       smdesk --version

Try it without an account:  smdesk transcribe --sandbox resources/sample-interview.ogg
The API key is read from ${KEY_ENV} (or the key saved by the desktop app);
get one at {PORTAL_URL}. `smdesk transcribe --help` lists the options."""


class UsageError(Exception):
    """A bad argument or input detected before any upload; str() is the message for the user."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `main()` decides the exit code and output."""

    def error(self, message: str) -> Any:  # argparse's signature is NoReturn; we raise
        raise UsageError(f"{self.prog}: {message}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `smdesk` command; returns the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else None
    try:
        if command == "transcribe":
            return transcribe_command(args[1:])
        if command == "sandbox":
            return sandbox_command(args[1:])
        if command in ("--version", "-V"):
            print(f"smdesk {__version__}")
            return EXIT_OK
        if command in ("-h", "--help", "help"):
            print(TOP_HELP)
            return EXIT_OK
        return open_gui(args)
    except UsageError as exc:
        prefix = f"smdesk {command}: " if command in ("transcribe", "sandbox") else "smdesk: "
        for line in str(exc).splitlines():
            print(line if line.startswith("smdesk") else prefix + line, file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # argparse --help
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except KeyboardInterrupt:
        print("\nsmdesk: interrupted; jobs already submitted keep running on the server.",
              file=sys.stderr)
        return EXIT_INTERRUPTED


def open_gui(args: list[str]) -> int:
    try:
        from smdesk.app.main import main as gui_main
    except ImportError as exc:
        print(f"smdesk: the desktop app could not start ({exc}); "
              "use `smdesk transcribe FILE...` to transcribe from the command line.",
              file=sys.stderr)
        return EXIT_FAILED
    return int(gui_main(args))


def sandbox_command(args: list[str]) -> int:
    from smdesk.sandbox import add_arguments, options_from_args, serve

    parser = _Parser(prog="smdesk sandbox",
                     description="Run an offline Speechmatics-compatible Batch API server.")
    add_arguments(parser)
    options = options_from_args(parser.parse_args(args))
    try:
        serve(options)
    except OSError as exc:
        print(f"smdesk sandbox: could not listen on {options.host}:{options.port} "
              f"({exc.strerror or exc}); pick another --port.", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        pass
    return EXIT_OK


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


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="smdesk transcribe",
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
    p.add_argument("--vocab", type=Path, metavar="FILE",
                   help="custom words, one per line ('word' or 'word: sounds, like')")
    p.add_argument("--format", "-f", action="append", default=[], metavar="FMT",
                   help="txt, srt and/or json (repeat or comma-separate; default txt)")
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
                         "use txt, srt or json.")
    if not 1 <= ns.concurrency <= 20:
        raise UsageError("--concurrency must be between 1 and 20.")
    options = build_options(ns)
    output_dir = check_output_dir(ns.output_dir)
    files, rejected = check_files(ns.files)
    check_name_clashes(files)
    return Plan(files, rejected, options, formats, output_dir, ns.print_transcript, ns.quiet,
                ns.concurrency, ns.delete_after_download)


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
    problems = options.validate()
    if problems:
        raise UsageError("\n".join(problems))
    return options


def read_vocab(path: Path) -> list[Any]:
    from smdesk.core.vocab import parse_vocab_text

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
    for warning in warnings:
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
    key = find_api_key(ns.api_key_env)
    if not key:
        raise UsageError(f"No Speechmatics API key: set {ns.api_key_env} (get a key at "
                         f"{PORTAL_URL}), save one in the smdesk app, or add --sandbox to "
                         "try smdesk offline.")
    return Endpoint(url=url, api_key=key, key_env=ns.api_key_env)


def transcribe_command(args: list[str]) -> int:
    _never_fail_on_encoding()
    ns = build_parser().parse_args(args)
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

    def summary_line(self) -> str:
        where = ", ".join(str(p) for p in self.outputs)
        who = f" ({len(self.speakers)} speakers: {', '.join(self.speakers)})" \
            if len(self.speakers) > 1 else ""
        return f"{self.source.name} → {where}{who}"


async def transcribe_all(plan: Plan, endpoint: Endpoint) -> list[Outcome]:
    from smdesk.batch import AsyncClient, JobConfig

    config = JobConfig.from_dict(plan.options.to_config_dict())
    display = ProgressDisplay([f.path.name for f in plan.files], sys.stderr, quiet=plan.quiet)
    upload_slots = asyncio.Semaphore(plan.concurrency)
    try:
        async with AsyncClient(api_key=endpoint.api_key, url=endpoint.url) as client:
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
            job = await client.submit_job(
                str(info.path), config=config, filename=info.path.name,
                progress=lambda sent, total: display.set_bytes(index, sent, total))
        display.set_phase(index, "transcribing")

        def on_status(details: Any) -> None:
            if str(getattr(details.status, "value", details.status)) == "done":
                display.set_phase(index, "downloading")

        result = await client.wait_for_completion(job.id, on_status=on_status)
        save_outputs(outcome, getattr(result, "raw", None), plan)
        if plan.delete_after:
            await _delete_quietly(client, job.id, info.path.name)
        display.set_phase(index, "done")
    except Exception as exc:  # every failure becomes one line for this file; others go on
        outcome.error = _scrub(describe_error(exc, endpoint), endpoint.api_key)
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


def describe_error(exc: BaseException, endpoint: Endpoint) -> str:
    """One sentence for the user: what went wrong and what to do."""
    from smdesk import batch

    if isinstance(exc, OutputError):
        return str(exc)
    if isinstance(exc, batch.AuthenticationError):
        if endpoint.sandbox:
            return "the sandbox did not accept its own key; this is a bug in smdesk."
        return (f"That API key was not accepted by Speechmatics. Check it at {PORTAL_URL} "
                f"or set {endpoint.key_env}.")
    status = getattr(exc, "status_code", None)
    if isinstance(exc, batch.RequestTimeoutError):
        return (f"{endpoint.url} stopped answering; check your internet connection "
                "and try again.")
    if isinstance(exc, batch.TimeoutError):
        return "Speechmatics did not finish in time; the job may still complete, try again later."
    if isinstance(exc, batch.ConnectionError) or (
            isinstance(exc, batch.BatchError) and status is None and _caused_by_oserror(exc)):
        return (f"could not connect to {endpoint.url}; check your internet connection "
                f"(or {URL_ENV}/--url) and try again.")
    if status == 429:
        return "Speechmatics is limiting requests from this account (HTTP 429); " \
               "try again in a minute or use a lower --concurrency."
    if status is not None and status >= 500:
        return f"the Speechmatics service had an error (HTTP {status}); try again later."
    message = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, batch.BatchError):
        return message
    return f"unexpected error ({type(exc).__name__}: {message}); " \
           "run again with SMDESK_DEBUG=1 for details."


def _caused_by_oserror(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _scrub(message: str, secret: str) -> str:
    """Defence in depth: a server echoing the key must not get it printed. Real keys are long;
    scrubbing a very short test key would mangle ordinary words."""
    return message.replace(secret, "***") if len(secret) >= 8 else message


# ---------------------------------------------------------------------------------------------
# Progress on stderr


@dataclass
class _FileProgress:
    name: str
    phase: str = "waiting"
    sent: int = 0
    total: int | None = None
    last_step: int = -1   # last 25 % step announced in line mode


class ProgressDisplay:
    """Per-file phase and upload %: redrawn in place on a terminal, tidy lines otherwise.

    The client may report bytes from another thread, so every update takes a lock.
    """

    REDRAW_INTERVAL = 0.1

    def __init__(self, names: list[str], stream: TextIO, *, quiet: bool = False,
                 live: bool | None = None) -> None:
        self._files = [_FileProgress(n) for n in names]
        self._stream = stream
        self._quiet = quiet
        self._live = _is_terminal(stream) if live is None else live
        self._lock = threading.Lock()
        self._drawn_lines = 0
        self._last_draw = 0.0
        self._width = max(20, max(len(n) for n in names) if names else 20)

    def set_phase(self, index: int, phase: str) -> None:
        with self._lock:
            state = self._files[index]
            if state.phase == phase:
                return
            state.phase = phase
            self._emit(state, force=True, line=f"{state.name}: {phase}")

    def set_bytes(self, index: int, sent: int, total: int | None) -> None:
        with self._lock:
            state = self._files[index]
            state.sent, state.total = sent, total
            step = _percent(sent, total) // 25 if total else -1
            line = None
            if step > state.last_step and 0 < step < 4:
                state.last_step = step
                line = f"{state.name}: uploaded {step * 25}%"
            self._emit(state, force=False, line=line)

    def close(self) -> None:
        with self._lock:
            if self._live and not self._quiet:
                self._redraw()
            self._quiet = True

    def _emit(self, state: _FileProgress, *, force: bool, line: str | None) -> None:
        if self._quiet:
            return
        if not self._live:
            if line:
                self._stream.write(line + "\n")
                self._stream.flush()
            return
        now = time.monotonic()
        if force or now - self._last_draw >= self.REDRAW_INTERVAL:
            self._last_draw = now
            self._redraw()

    def _redraw(self) -> None:
        columns = shutil.get_terminal_size((80, 24)).columns
        out = [f"\x1b[{self._drawn_lines}F"] if self._drawn_lines else []
        for state in self._files:
            out.append("\x1b[2K" + self._render(state)[: columns - 1] + "\n")
        self._drawn_lines = len(self._files)
        self._stream.write("".join(out))
        self._stream.flush()

    def _render(self, state: _FileProgress) -> str:
        from smdesk.core.formatting import format_bytes

        text = f"{state.name:<{self._width}}  {state.phase:<12}"
        if state.phase == "uploading" and state.total:
            percent = _percent(state.sent, state.total)
            bar = "#" * (percent // 10) + "." * (10 - percent // 10)
            text += (f" [{bar}] {percent:3d}%  {format_bytes(state.sent)} / "
                     f"{format_bytes(state.total)}")
        return text


def _percent(sent: int, total: int | None) -> int:
    return min(100, sent * 100 // total) if total else 0


def _is_terminal(stream: TextIO) -> bool:
    isatty: Callable[[], bool] | None = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"
