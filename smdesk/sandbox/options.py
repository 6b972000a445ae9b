"""Sandbox settings and the command-line flags that fill them."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from smdesk.media import MAX_UPLOAD_BYTES
from smdesk.sandbox.faults import FAULT_KINDS, FaultPlan


@dataclass
class SandboxOptions:
    api_key: str = "sandbox-key"
    host: str = "127.0.0.1"
    port: int = 0
    processing_factor: float = 0.1  # processing time = factor * audio duration
    processing_seconds: float | None = None  # fixed processing time, overrides the factor
    realism: bool = False  # also send what the real API sends and speechmatics-batch 1.1.0 rejects
    spool_dir: Path | None = None  # uploads are streamed to disk here (a temp dir by default)
    max_upload_bytes: int = MAX_UPLOAD_BYTES  # uploads of this size or more are rejected (400)
    default_wait: float = 0.0  # server-side wait applied to GET job/transcript without ?wait
    startup_faults: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, status, n)
    startup_latency: float = 0.0
    # Speaker identifiers carry this number; a sandbox with another one refuses them (400).
    voice_generation: int = 1

    def __repr__(self) -> str:  # never show the key
        return (
            f"SandboxOptions(host={self.host!r}, port={self.port}, "
            f"processing_factor={self.processing_factor}, "
            f"processing_seconds={self.processing_seconds}, realism={self.realism})"
        )

    def apply_startup_faults(self, plan: FaultPlan) -> None:
        for kind, status, count in self.startup_faults:
            plan.fail_next(kind, count=count, status=status)
        if self.startup_latency > 0:
            plan.set_latency(self.startup_latency)


def _fault_spec(text: str) -> tuple[str, int, int]:
    parts = text.split(":")
    if len(parts) not in (2, 3) or parts[0] not in FAULT_KINDS:
        raise argparse.ArgumentTypeError(
            f"--fail {text!r}: use KIND:STATUS[:COUNT] with KIND one of {', '.join(FAULT_KINDS)}"
        )
    try:
        status = int(parts[1])
        count = int(parts[2]) if len(parts) == 3 else 1
    except ValueError:
        message = f"--fail {text!r}: STATUS and COUNT must be numbers"
        raise argparse.ArgumentTypeError(message) from None
    if not 400 <= status <= 599 or count < 1:
        raise argparse.ArgumentTypeError(f"--fail {text!r}: STATUS 400-599 and COUNT >= 1")
    return parts[0], status, count


def _positive_bytes(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number of bytes")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the sandbox flags (used by `smdesk sandbox` and `python -m smdesk.sandbox`)."""
    d = SandboxOptions()
    parser.add_argument("--host", default=d.host, help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (0 picks a free one)")
    parser.add_argument("--api-key", default=d.api_key, help="the key clients must send")
    parser.add_argument(
        "--processing-factor",
        type=float,
        default=d.processing_factor,
        help="processing time as a fraction of the audio duration",
    )
    parser.add_argument(
        "--processing-seconds",
        type=float,
        default=None,
        help="fixed processing time per job (overrides the factor)",
    )
    parser.add_argument(
        "--realism",
        action="store_true",
        help="also send fields the real API sends that speechmatics-batch 1.1.0 cannot parse",
    )
    parser.add_argument("--spool-dir", type=Path, default=None, help="where uploads are stored")
    parser.add_argument(
        "--max-upload-bytes",
        type=_positive_bytes,
        default=d.max_upload_bytes,
        metavar="BYTES",
        help=f"reject uploads of this size or more with 400 (default {d.max_upload_bytes:_}, "
        "the API's limit; raise it to test larger files)",
    )
    parser.add_argument(
        "--fail",
        type=_fault_spec,
        action="append",
        default=[],
        metavar="KIND:STATUS[:COUNT]",
        help="fail the next COUNT requests of KIND with STATUS",
    )
    parser.add_argument(
        "--latency", type=float, default=0.0, metavar="SECONDS", help="delay every response"
    )
    parser.add_argument(
        "--voice-generation", type=int, default=d.voice_generation, metavar="N",
        help="speaker identifiers from another generation are refused (test re-enrolling)",
    )  # fmt: skip


def options_from_args(ns: argparse.Namespace) -> SandboxOptions:
    return SandboxOptions(
        api_key=ns.api_key,
        host=ns.host,
        port=ns.port,
        processing_factor=ns.processing_factor,
        processing_seconds=ns.processing_seconds,
        realism=ns.realism,
        spool_dir=ns.spool_dir,
        max_upload_bytes=ns.max_upload_bytes,
        startup_faults=list(ns.fail),
        startup_latency=ns.latency,
        voice_generation=ns.voice_generation,
    )
