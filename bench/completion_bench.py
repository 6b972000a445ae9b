"""Completion benchmark: how fast each client notices a finished job, and how many GETs it spends.

    .venv/bin/python bench/completion_bench.py [--jobs N] [--seconds S] [--json PATH]

An in-process sandbox takes S seconds (default 30) per job. N jobs per client (default 3) are
submitted at once, then smdesk.batch and the official speechmatics-batch 1.1.0 client each run
`wait_for_completion(job_id)` with default settings, all concurrently. Per job we report:
- latency: time from the sandbox marking the job done (its `finished_at`) to the client's
  `wait_for_completion` returning (this includes downloading the json-v2 transcript);
- GETs: requests the sandbox logged for that job (status polls + the transcript download).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from smdesk.sandbox import SandboxThread

RESULTS_DIR = Path(__file__).resolve().parent / "results"
REPO = Path(__file__).resolve().parents[1]


@dataclass
class Measurement:
    client: str
    job_id: str
    latency_s: float
    gets: int
    status_gets: int


def sample_audio() -> Path:
    try:
        from smdesk.sandbox import sample
    except ImportError:
        return REPO / "resources" / "sample-interview.ogg"
    return Path(sample.SAMPLE_AUDIO)


def make_client(name: str, url: str, key: str) -> Any:
    if name == "smdesk":
        from smdesk.batch import AsyncClient
    else:
        from speechmatics.batch import AsyncClient
    return AsyncClient(api_key=key, url=url)


async def wait_one(name: str, client: Any, job_id: str) -> tuple[str, str, float]:
    await client.wait_for_completion(job_id)
    return name, job_id, time.time()


async def run(thread: SandboxThread, key: str, jobs: int) -> list[tuple[str, str, float]]:
    audio = str(sample_audio())
    clients = {name: make_client(name, thread.url, key)
               for name in ("smdesk", "speechmatics-batch")}
    try:
        submitted = [(name, (await client.submit_job(audio)).id)
                     for _ in range(jobs) for name, client in clients.items()]
        waits = [wait_one(name, clients[name], job_id) for name, job_id in submitted]
        return list(await asyncio.gather(*waits))
    finally:
        for client in clients.values():
            await client.close()


def measure(thread: SandboxThread, finished: list[tuple[str, str, float]]) -> list[Measurement]:
    sandbox = thread.sandbox
    results = []
    for name, job_id, returned_at in finished:
        job = sandbox.jobs[job_id]
        done_at = job.finished_at.timestamp()
        gets = [r for r in sandbox.stats.log if r.method == "GET" and f"/jobs/{job_id}" in r.path]
        status_gets = [r for r in gets if r.path.rstrip("/").endswith(job_id)]
        results.append(Measurement(name, job_id, returned_at - done_at, len(gets),
                                   len(status_gets)))
    return results


def print_table(rows: list[Measurement], seconds: float) -> dict[str, dict[str, float]]:
    summary: dict[str, dict[str, float]] = {}
    print(f"\nwait_for_completion on {seconds:.0f} s sandbox jobs (default client settings)")
    print(f"{'client':<20} {'jobs':>4} {'latency mean s':>15} {'latency max s':>14} "
          f"{'GETs/job mean':>14} {'status GETs/job':>16}")
    for name in ("smdesk", "speechmatics-batch"):
        mine = [r for r in rows if r.client == name]
        summary[name] = {
            "jobs": len(mine),
            "latency_mean_s": statistics.mean(r.latency_s for r in mine),
            "latency_max_s": max(r.latency_s for r in mine),
            "gets_mean": statistics.mean(r.gets for r in mine),
            "status_gets_mean": statistics.mean(r.status_gets for r in mine),
        }
        s = summary[name]
        print(f"{name:<20} {s['jobs']:>4.0f} {s['latency_mean_s']:>15.2f} "
              f"{s['latency_max_s']:>14.2f} {s['gets_mean']:>14.1f} {s['status_gets_mean']:>16.1f}")
    ours, sdk = summary["smdesk"], summary["speechmatics-batch"]
    print(f"\ntarget smdesk latency <= 1.5 s (max over jobs): "
          f"{'PASS' if ours['latency_max_s'] <= 1.5 else 'FAIL'}")
    ratio = ours["gets_mean"] / sdk["gets_mean"]
    print(f"target smdesk GETs <= 1/3 of the SDK's: {'PASS' if ratio <= 1 / 3 else 'FAIL'} "
          f"({ours['gets_mean']:.1f} vs {sdk['gets_mean']:.1f}, ratio {ratio:.2f})")
    return summary


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jobs", type=int, default=3, help="jobs per client")
    p.add_argument("--seconds", type=float, default=30.0, help="processing time per job")
    p.add_argument("--json", type=Path, default=RESULTS_DIR / "completion_bench.json")
    p.add_argument("--default-wait", type=float, default=2.0,
                   help="seconds the server holds a status request sent without ?wait= (the "
                        "real API's documented default is 2 s)")
    ns = p.parse_args(argv)
    key = "bench-" + secrets.token_hex(8)
    with SandboxThread(api_key=key, processing_seconds=ns.seconds,
                       default_wait=ns.default_wait) as thread:
        finished = asyncio.run(run(thread, key, ns.jobs))
        rows = measure(thread, finished)
    for r in rows:
        print(f"{r.client:<20} job {r.job_id}: latency {r.latency_s:5.2f} s, {r.gets} GETs "
              f"({r.status_gets} status)")
    summary = print_table(rows, ns.seconds)
    ns.json.parent.mkdir(parents=True, exist_ok=True)
    ns.json.write_text(json.dumps({"seconds": ns.seconds, "summary": summary,
                                   "jobs": [asdict(r) for r in rows]}, indent=2))
    print(f"\nresults written to {ns.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
