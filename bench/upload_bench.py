"""Upload benchmark: client memory and throughput for a 1 GiB file (smdesk, official SDK, curl).

    .venv/bin/python bench/upload_bench.py [--size BYTES] [--runs N] [--random] [--json PATH]

A sandbox (`smdesk sandbox`) runs in its own process. Every client upload runs in a fresh process
whose resident memory (RSS) is sampled with psutil every 20 ms; we report the peak growth over the
RSS the process had just before the upload started, and the throughput (file size / time from the
start of the POST to the server's 201 reply).

The default file is exactly 1 GiB (1,073,741,824 bytes), as issue 2 asks. The real API refuses
uploads of 1 GB (1e9 bytes) or more, and by default so do the sandbox and smdesk.batch; to measure
1 GiB the bench raises both limits: the sandbox starts with `--max-upload-bytes` above the file
size and the smdesk client gets `ConnectionConfig(max_upload_bytes=...)` likewise. The official
SDK and curl have no client-side limit.
The file is a valid WAV header followed by a sparse hole (silence) unless --random is given.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

MiB = 1 << 20
DEFAULT_SIZE = 1 << 30  # 1 GiB
SAMPLE_INTERVAL = 0.02
RESULTS_DIR = Path(__file__).resolve().parent / "results"
CONFIG = '{"type": "transcription", "transcription_config": {"language": "en"}}'
CLIENTS = ("curl", "smdesk", "speechmatics-batch")


@dataclass
class Run:
    client: str
    seconds: float
    peak_rss_growth_mib: float
    baseline_rss_mib: float

    def throughput(self, size: int) -> float:
        return size / MiB / self.seconds


# --- the client processes ---------------------------------------------------------------------


def upload_limit(size: int) -> int:
    """A limit (client and sandbox) that lets a file of `size` bytes through: the API's 1 GB
    limit refuses `size` >= limit, so anything above the file size will do."""
    return max(size + 1, 1_000_000_000)


async def _child_upload(
    client_name: str, url: str, key: str, path: str, size: int
) -> dict[str, object]:
    """Runs in the measured process: set up, say READY, wait for GO, upload once."""
    kwargs: dict[str, object] = {}
    if client_name == "smdesk":
        from smdesk.batch import AsyncClient
        from smdesk.batch import ConnectionConfig as SmdeskConfig

        kwargs["conn_config"] = SmdeskConfig(max_upload_bytes=upload_limit(size))
    else:
        from speechmatics.batch import AsyncClient, ConnectionConfig

        # the SDK shares one 300 s timeout with the whole upload
        kwargs["conn_config"] = ConnectionConfig(operation_timeout=3600.0)
    async with AsyncClient(api_key=key, url=url, **kwargs) as client:
        print("READY", flush=True)
        sys.stdin.readline()
        start = time.perf_counter()
        job = await client.submit_job(path)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "job_id": job.id}


def child_main(ns: argparse.Namespace) -> int:
    size = os.path.getsize(ns.file)
    result = asyncio.run(_child_upload(ns.child, ns.url, os.environ["BENCH_KEY"], ns.file, size))
    print(json.dumps(result), flush=True)
    return 0


# --- measuring --------------------------------------------------------------------------------


class RssSampler:
    """Samples one process's RSS in a background thread; `.peak` is the highest seen."""

    def __init__(self, pid: int) -> None:
        self._process = psutil.Process(pid)
        self.first = self.peak = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _rss(self) -> int:
        try:
            return int(self._process.memory_info().rss)
        except psutil.Error:  # the process has exited
            return 0

    def current(self) -> int:
        return self._rss()

    def _loop(self) -> None:
        while not self._stop.wait(SAMPLE_INTERVAL):
            self.peak = max(self.peak, self._rss())

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_python_client(name: str, url: str, key: str, path: Path) -> Run:
    env = {**os.environ, "BENCH_KEY": key}
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", name, "--url", url, "--file", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdin and proc.stdout
    if proc.stdout.readline().strip() != "READY":
        raise RuntimeError(f"{name} client did not start")
    sampler = RssSampler(proc.pid)
    baseline = sampler.current()
    sampler.peak = baseline
    proc.stdin.write("GO\n")
    proc.stdin.flush()
    line = proc.stdout.readline()
    sampler.stop()
    proc.wait(timeout=60)
    if proc.returncode != 0 or not line:
        raise RuntimeError(f"{name} upload failed (exit {proc.returncode})")
    seconds = float(json.loads(line)["seconds"])
    return Run(name, seconds, (sampler.peak - baseline) / MiB, baseline / MiB)


def run_curl(url: str, key: str, path: Path) -> Run:
    proc = subprocess.Popen(
        ["curl", "-sS", "--fail", "-o", "/dev/null", "-w", "%{time_total}",
         "-H", f"Authorization: Bearer {key}", "-F", f"config={CONFIG}",
         "-F", f"data_file=@{path};type=audio/wav", f"{url}/jobs"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = RssSampler(proc.pid)
    out, err = proc.communicate(timeout=3600)
    sampler.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"curl failed: {err.strip()}")
    return Run("curl", float(out), (sampler.peak - sampler.first) / MiB, sampler.first / MiB)


# --- setup ------------------------------------------------------------------------------------


def make_wav(path: Path, size: int, random_bytes: bool) -> None:
    """A WAV header (16 kHz mono 16-bit) whose data chunk fills the file; sparse by default."""
    data = size - 44
    header = (b"RIFF" + struct.pack("<I", size - 8) + b"WAVEfmt "
              + struct.pack("<IHHIIHH", 16, 1, 1, 16000, 32000, 2, 16)
              + b"data" + struct.pack("<I", data))
    with path.open("wb") as f:
        f.write(header)
        if random_bytes:
            for _ in range(data // (8 * MiB)):
                f.write(os.urandom(8 * MiB))
        f.truncate(size)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def sandbox_process(key: str, spool: Path, max_upload_bytes: int) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "smdesk", "sandbox", "--port", str(port), "--api-key", key,
         "--processing-seconds", "0", "--spool-dir", str(spool),
         "--max-upload-bytes", str(max_upload_bytes)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the sandbox did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/v2"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


# --- report -----------------------------------------------------------------------------------


def summarise(runs: list[Run], size: int) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for name in CLIENTS:
        mine = [r for r in runs if r.client == name]
        if mine:
            table[name] = {
                "median_mib_per_s": statistics.median(r.throughput(size) for r in mine),
                "median_seconds": statistics.median(r.seconds for r in mine),
                "max_peak_rss_growth_mib": max(r.peak_rss_growth_mib for r in mine),
                "runs": len(mine),
            }
    return table


def print_table(table: dict[str, dict[str, float]], size: int) -> None:
    curl = table.get("curl", {}).get("median_mib_per_s")
    print(f"\nUpload of {size:,} bytes ({size / MiB:.1f} MiB), median of runs, loopback sandbox")
    print(f"{'client':<20} {'runs':>4} {'seconds':>8} {'MiB/s':>8} {'% curl':>7} "
          f"{'peak RSS growth MiB':>20}")
    for name, row in table.items():
        share = f"{100 * row['median_mib_per_s'] / curl:.0f}%" if curl else "-"
        print(f"{name:<20} {row['runs']:>4.0f} {row['median_seconds']:>8.2f} "
              f"{row['median_mib_per_s']:>8.1f} {share:>7} "
              f"{row['max_peak_rss_growth_mib']:>20.1f}")
    smdesk = table.get("smdesk")
    if smdesk:
        print(f"\ntarget smdesk peak RSS growth <= 64 MiB: "
              f"{'PASS' if smdesk['max_peak_rss_growth_mib'] <= 64 else 'FAIL'}")
        if curl:
            share = smdesk["median_mib_per_s"] / curl
            print(f"target smdesk throughput >= 70% of curl: {'PASS' if share >= 0.7 else 'FAIL'}"
                  f" ({100 * share:.0f}%)")
    sdk = table.get("speechmatics-batch")
    if sdk:
        print(f"official SDK peak RSS growth > 1 GiB: "
              f"{'yes' if sdk['max_peak_rss_growth_mib'] > 1024 else 'no'} "
              f"({sdk['max_peak_rss_growth_mib']:.0f} MiB)")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=DEFAULT_SIZE, help="file size in bytes")
    p.add_argument("--runs", type=int, default=3, help="uploads per client")
    p.add_argument("--clients", default=",".join(CLIENTS),
                   help="comma list of " + ", ".join(CLIENTS))
    p.add_argument("--random", action="store_true", help="random content instead of a sparse file")
    p.add_argument("--dir", type=Path, default=None, help="where to put the test file")
    p.add_argument("--json", type=Path, default=RESULTS_DIR / "upload_bench.json",
                   help="write the results here")
    p.add_argument("--child", choices=("smdesk", "speechmatics-batch"), help=argparse.SUPPRESS)
    p.add_argument("--url", help=argparse.SUPPRESS)
    p.add_argument("--file", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    ns = parse_args(argv)
    if ns.child:
        return child_main(ns)
    clients = [c.strip() for c in ns.clients.split(",") if c.strip()]
    key = "bench-" + secrets.token_hex(8)
    spool_root = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(dir=ns.dir) as work, \
            tempfile.TemporaryDirectory(dir=spool_root) as spool:
        path = Path(work) / "bench-upload.wav"
        make_wav(path, ns.size, ns.random)
        runs: list[Run] = []
        with sandbox_process(key, Path(spool), upload_limit(ns.size)) as url:
            for i in range(ns.runs):
                for name in clients:
                    run = run_curl(url, key, path) if name == "curl" else \
                        run_python_client(name, url, key, path)
                    runs.append(run)
                    print(f"run {i + 1}: {name:<20} {run.seconds:7.2f} s "
                          f"{run.throughput(ns.size):8.1f} MiB/s  "
                          f"peak RSS +{run.peak_rss_growth_mib:.1f} MiB", flush=True)
    table = summarise(runs, ns.size)
    print_table(table, ns.size)
    ns.json.parent.mkdir(parents=True, exist_ok=True)
    ns.json.write_text(json.dumps({"size": ns.size, "random": ns.random, "summary": table,
                                   "runs": [asdict(r) for r in runs]}, indent=2))
    print(f"\nresults written to {ns.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
