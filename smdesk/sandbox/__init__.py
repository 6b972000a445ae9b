"""smdesk.sandbox: a local server that answers like the Speechmatics Batch API v2.

async with Sandbox(processing_seconds=0.2) as sandbox:
    client = AsyncClient(api_key=sandbox.options.api_key, url=sandbox.url)
"""

from smdesk.sandbox.faults import FaultPlan
from smdesk.sandbox.options import SandboxOptions, add_arguments, options_from_args
from smdesk.sandbox.runner import RequestRecord, Sandbox, SandboxStats, SandboxThread, serve

__all__ = [
    "FaultPlan",
    "RequestRecord",
    "Sandbox",
    "SandboxOptions",
    "SandboxStats",
    "SandboxThread",
    "add_arguments",
    "options_from_args",
    "serve",
]
