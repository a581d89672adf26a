"""Starting the worker and the API as a newcomer does: clear errors, quiet JSON-only logs.

Real processes (`python -m worker`, uvicorn as `make serve` runs it), their output read as a
person reading the terminal would: one JSON object per line, no colour codes, no traceback.
"""

import json
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
from redis.asyncio import Redis

from carechart.core.config import Settings
from tests.hardening.conftest import (
    eventually,
    free_port,
    serve_api,
    start_worker,
    stop,
    worker_env,
)
from worker.main import WorkerSettings

STARTUP_S = 90.0  # the drug vocabulary is built at start-up; the machine may be loaded


def json_lines(log: Path) -> list[dict[str, Any]]:
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]  # fails on any line that is not JSON
    assert all(isinstance(entry, dict) for entry in entries)
    return entries


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of the TCP sockets listening on `port` (Linux's /proc/net/tcp)."""
    addresses = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        host, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            addresses.add(socket.inet_ntoa(bytes.fromhex(host)[::-1]))
    return addresses


async def test_a_taken_metrics_port_stops_the_worker_with_one_line_naming_the_setting(
    settings: Settings, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        process = start_worker(worker_env(settings, WORKER_METRICS_PORT=str(port)), log)
        try:
            process.wait(STARTUP_S)
        except subprocess.TimeoutExpired:
            stop(process)
            raise AssertionError(f"the worker kept running:\n{log.read_text()}") from None

    assert process.returncode == 2
    assert "Traceback" not in log.read_text()
    last = json_lines(log)[-1]
    assert last["level"] == "CRITICAL"
    assert f"127.0.0.1:{port}" in last["message"]
    assert "WORKER_METRICS_PORT" in last["message"]


async def test_worker_metrics_listen_on_this_machine_only_unless_told_otherwise(
    settings: Settings, tmp_path: Path
) -> None:
    port = free_port()
    log = tmp_path / "worker.log"
    process = start_worker(worker_env(settings, WORKER_METRICS_PORT=str(port)), log)
    try:
        assert await eventually(lambda: _listening_addresses(port), timeout_s=STARTUP_S)
        assert _listening_addresses(port) == {"127.0.0.1"}
    finally:
        stop(process)


async def test_worker_logs_are_json_lines_without_queue_depth_chatter(
    settings: Settings, tmp_path: Path
) -> None:
    port = free_port()
    log = tmp_path / "worker.log"
    env = worker_env(settings, WORKER_METRICS_PORT=str(port), WORKER_METRICS_HOST="0.0.0.0")  # noqa: S104
    queue = Redis.from_url(settings.redis_url)
    # A job due in a day waits in the queue: the gauge reads 1 once the worker has sampled it.
    await queue.zadd(WorkerSettings.queue_name, {"not-a-real-job": (time.time() + 86400) * 1000})
    process = start_worker(env, log)

    def sampled() -> bool:
        try:
            metrics = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2).text
        except httpx.HTTPError:
            return False
        return "\ncarechart_summary_queue_depth 1.0" in metrics

    try:
        assert await eventually(sampled, timeout_s=STARTUP_S)
        assert _listening_addresses(port) == {"0.0.0.0"}  # noqa: S104
    finally:
        stop(process)
        await queue.zrem(WorkerSettings.queue_name, "not-a-real-job")
        await queue.aclose()

    text = log.read_text()
    entries = json_lines(log)
    messages = [entry["message"] for entry in entries]
    assert "worker started" in messages
    assert any(m.startswith("Starting worker for") for m in messages)  # arq's, once, as JSON
    assert sum(m.startswith("Starting worker for") for m in messages) == 1
    assert "queue_depth" not in text
    assert "\x1b" not in text


def test_the_api_logs_json_lines_without_colour_codes(settings: Settings, tmp_path: Path) -> None:
    log = tmp_path / "api.log"
    with serve_api(settings, log) as base_url:
        assert httpx.get(f"{base_url}/health", timeout=10).status_code == 200

    text = log.read_text()
    entries = json_lines(log)
    assert any(entry["logger"] == "uvicorn.error" for entry in entries)  # uvicorn's own lines
    assert "color_message" not in text
    assert "\x1b" not in text
