"""Constants and argument plumbing shared by the `smdesk` sub-commands."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

KEY_ENV = "SPEECHMATICS_API_KEY"
URL_ENV = "SPEECHMATICS_BATCH_URL"
DEFAULT_URL = "https://asr.api.speechmatics.com/v2"
PORTAL_URL = "https://portal.speechmatics.com/"
FORMATS = ("txt", "qda", "docx", "md", "srt", "vtt", "json", "csv")  # as core.export.FORMATS
SUBTITLE_PRESETS = ("netflix", "bbc", "vertical")  # as core.export.PRESETS
DEFAULT_OUTPUT_DIR = Path("transcripts")
# --sandbox pretends every file takes this long to transcribe: long enough to see the phases.
SANDBOX_PROCESSING_SECONDS = 1.0
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

def top_help() -> str:
    """`smdesk --help`; names the bundled sample by its real path (a source tree or a bundle)."""
    from smdesk.sandbox.sample import SAMPLE_AUDIO  # imported here: --version stays instant

    return f"""\
usage: smdesk [FILE...] [--sandbox]      open the desktop app (queueing FILEs)
       smdesk transcribe FILE... [opts]  transcribe files from the command line
       smdesk export SOURCE... [opts]    export transcripts (json-v2 files or history jobs)
       smdesk sandbox [opts]             run the offline Speechmatics-compatible server
       smdesk --version

Try it without an account:  smdesk transcribe --sandbox "{SAMPLE_AUDIO}"
The API key is read from ${KEY_ENV} (or the key saved by the desktop app);
get one at {PORTAL_URL}. `smdesk transcribe --help` lists the options."""


class UsageError(Exception):
    """A bad argument or input detected before any upload; str() is the message for the user."""


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `main()` decides the exit code and output."""

    def error(self, message: str) -> Any:  # argparse's signature is NoReturn; we raise
        raise UsageError(f"{self.prog}: {message}")


