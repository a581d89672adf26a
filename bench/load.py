"""Driving the API: the server process under test, wrk runs, and the server's memory."""

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.config import ROOT, BenchSettings
from bench.scenarios import Line

WRK_SCRIPT = Path(__file__).with_name("wrk.lua")
# Import and warm-up (the NLP models) took over a minute on a machine busy with other work.
START_TIMEOUT_S = 180.0


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("wrk is needed for the load: `apt-get install wrk` (Debian, Ubuntu)")
    return path


# --- the server under test ----------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime and stime are fields 14 and 15 of stat(5); fields[0] here is field 3.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_bytes(pid: int) -> int:
    """Resident memory of a process (VmRSS), 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return 0
    return 0


@dataclass
class Server:
    """`uvicorn bench.app:create_bench_app --factory`, one worker, on loopback."""

    settings: BenchSettings
    log_level: str
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    rss_samples: list[tuple[float, int]] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://{self.settings.host}:{self.settings.port}"

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.settings.database_url,
            REDIS_URL=self.settings.redis_url,
            LOG_LEVEL=self.log_level,
            ENVIRONMENT="development",
            SUMMARY_PROVIDER="local",
        )
        return env

    def start(self) -> None:
        command = [
            sys.executable, "-m", "uvicorn", self.settings.app, "--factory",
            "--host", self.settings.host, "--port", str(self.settings.port),
            "--workers", "1", "--no-access-log", "--log-level", "warning",
        ]  # fmt: skip
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                command, cwd=ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited at start; see {self.log_path}")
            try:
                if httpx.get(self.base_url + "/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the server did not answer within {START_TIMEOUT_S} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def sample(self) -> int:
        rss = rss_bytes(self.pid)
        self.rss_samples.append((time.time(), rss))
        return rss


@contextmanager
def running(server: Server) -> Iterator[Server]:
    server.start()
    try:
        yield server
    finally:
        server.stop()


class MemoryWatch:
    """Samples the server's RSS in a thread while load runs; the peak of each window."""

    def __init__(self, server: Server, interval_s: float = 0.25) -> None:
        self.server = server
        self.interval_s = interval_s
        self._task: asyncio.Task[None] | None = None
        self.peak = 0

    async def _run(self) -> None:
        while True:
            self.peak = max(self.peak, self.server.sample())
            await asyncio.sleep(self.interval_s)

    async def __aenter__(self) -> "MemoryWatch":
        self.peak = self.server.sample()
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._task is not None
        self._task.cancel()
        self.peak = max(self.peak, self.server.sample())


# --- wrk ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    errors: dict[str, int]
    latency_ms: dict[str, float]
    peak_rss_mb: float
    server_cpu_s: float = 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "rps": round(self.rps, 1),
            "errors": self.errors,
            "latency_ms": self.latency_ms,
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            # The API process's own CPU per request: steadier than req/s on a shared machine.
            "server_cpu_ms_per_request": round(1000 * self.server_cpu_s / self.requests, 3)
            if self.requests
            else None,
        }


def parse_wrk(output: str, peak_rss: int, cpu_s: float) -> WrkResult:
    line = next((x for x in output.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    latency = data["latency_us"]
    return WrkResult(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        errors=data["errors"],
        latency_ms={
            "mean": round(latency["mean"] / 1000, 3),
            "max": round(latency["max"] / 1000, 3),
            **{f"p{k}": round(v / 1000, 3) for k, v in latency["percentiles"].items()},
        },
        peak_rss_mb=peak_rss / 2**20,
        server_cpu_s=cpu_s,
    )


async def run_wrk(
    server: Server,
    lines: list[Line],
    token: str,
    *,
    connections: int,
    seconds: float,
    workdir: Path,
) -> WrkResult:
    """One wrk run (one thread: the other core is the server's and PostgreSQL's)."""
    requests_file = workdir / "requests.tsv"
    requests_file.write_text("\n".join(line.render() for line in lines) + "\n", encoding="utf-8")
    command = [
        require_wrk(), "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
        "--timeout", "30s", "-s", str(WRK_SCRIPT), server.base_url,
        "--", str(requests_file), token, str(time.time_ns()),
    ]  # fmt: skip
    cpu_before = cpu_seconds(server.pid)
    async with MemoryWatch(server) as memory:
        process = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
        )
        output, _ = await asyncio.wait_for(process.communicate(), timeout=seconds + 60)
    cpu = cpu_seconds(server.pid) - cpu_before
    return parse_wrk(output.decode(), memory.peak, cpu)
