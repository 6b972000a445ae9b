"""The `smdesk` command: `transcribe` files, run a local `sandbox` server, or open the desktop app.

    smdesk transcribe FILE... [options]   transcribe from the command line (see `--help`)
    smdesk export SOURCE... [options]     export transcripts in any format (see `--help`)
    smdesk sandbox [--port P] [...]       run the offline Speechmatics-compatible server
    smdesk [FILE...] [--sandbox]          open the desktop app (queueing FILEs)
    smdesk --version

Heavy imports (aiohttp, the client, the sandbox, Qt) happen inside the command that needs them, so
`smdesk --version` and argument errors stay instant.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

from smdesk import __version__
from smdesk.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Parser,
    UsageError,
    top_help,
)
from smdesk.cli.progress import ProgressDisplay
from smdesk.cli.transcribe import transcribe_command

__all__ = ["ProgressDisplay", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `smdesk` command; returns the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else None
    try:
        if command == "transcribe":
            return transcribe_command(args[1:])
        if command == "sandbox":
            return sandbox_command(args[1:])
        if command == "export":
            from smdesk.cli.export import export_command

            return export_command(args[1:])
        if command in ("--version", "-V"):
            print(f"smdesk {__version__}")
            return EXIT_OK
        if command in ("-h", "--help", "help"):
            print(top_help())
            return EXIT_OK
        return open_gui(args)
    except UsageError as exc:
        known = command in ("transcribe", "sandbox", "export")
        prefix = f"smdesk {command}: " if known else "smdesk: "
        for line in str(exc).splitlines():
            print(line if line.startswith("smdesk") else prefix + line, file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # argparse --help
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except KeyboardInterrupt:
        print("\nsmdesk: interrupted; jobs already submitted keep running on the server.",
              file=sys.stderr)
        return EXIT_INTERRUPTED


def display_problem(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why the window cannot open here (Linux without a display), else None.

    Without this check Qt aborts with a message about platform plugins that tells a user nothing.
    """
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return ("smdesk: no graphical display was found (DISPLAY and WAYLAND_DISPLAY are not set); "
            "start smdesk from a desktop session, or use `smdesk transcribe FILE...`.")


def open_gui(args: list[str]) -> int:
    problem = display_problem(os.environ)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_FAILED
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

    parser = Parser(prog="smdesk sandbox",
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


