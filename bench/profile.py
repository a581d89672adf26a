"""Where a request's CPU goes, in process: each scenario's product and ceiling requests called
as ASGI (no socket, no uvicorn, no wrk), one at a time, on a data set `make bench` loaded.

`python -m bench.profile [scenario ...] [--requests N] [--profile]` with the same `BENCH_*`
settings as the benchmark (and `BENCH_REUSE`'s data set: nothing is loaded here). For each
scenario it prints the process CPU per request of the product and of the ceiling (best of a few
alternating rounds: the steadiest figure on a shared machine) and, with `--profile`, the
functions that take the product's time (cProfile, by own time and by cumulative time).
"""

import argparse
import asyncio
import cProfile
import io
import itertools
import os
import pstats
import time
from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import create_async_engine
from starlette.types import Message

from bench.config import BenchSettings
from bench.run import app_settings
from bench.scenarios import Line, Scenario, build_fixtures, scenarios
from carechart.core.pagination import CursorCodec

ROUNDS = 3
_counter = itertools.count()


def _scope(line: Line, token: str) -> tuple[dict[str, Any], bytes]:
    path, _, query = line.path.partition("?")
    body = line.body.replace("{n}", f"profile-{time.time_ns()}-{next(_counter)}").encode()
    headers = [
        (b"host", b"bench"),
        (b"authorization", f"Bearer {token}".encode()),
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": line.method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8765),
        "state": {},
    }
    return scope, body


async def _call(app: FastAPI, line: Line, token: str) -> int:
    """One request through the whole app; its status."""
    scope, body = _scope(line, token)
    status = 0

    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def _cpu_per_request(app: FastAPI, lines: list[Line], token: str, n: int, want: int) -> float:
    """Process CPU milliseconds per request over `n` requests cycling through `lines`."""
    started = time.process_time()
    for i in range(n):
        status = await _call(app, lines[i % len(lines)], token)
        if status != want:
            raise RuntimeError(f"{lines[i % len(lines)].path}: {status}, expected {want}")
    return (time.process_time() - started) / n * 1000


async def _measure(app: FastAPI, scenario: Scenario, token: str, n: int) -> tuple[float, float]:
    best = {"product": float("inf"), "ceiling": float("inf")}
    for _ in range(ROUNDS):
        for side, lines in (("product", scenario.product), ("ceiling", scenario.ceiling)):
            await _cpu_per_request(app, lines, token, max(10, n // 10), scenario.status)
            spent = await _cpu_per_request(app, lines, token, n, scenario.status)
            best[side] = min(best[side], spent)
    return best["product"], best["ceiling"]


async def _profile(app: FastAPI, scenario: Scenario, token: str, n: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    await _cpu_per_request(app, scenario.product, token, n, scenario.status)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(45)
    return out.getvalue()


async def main_async(names: list[str], requests: int, profile: bool) -> None:
    bench = BenchSettings()
    settings = app_settings(bench)
    os.environ.update(
        DATABASE_URL=bench.database_url,
        REDIS_URL=bench.redis_url,
        LOG_LEVEL="WARNING",
        ENVIRONMENT="development",
        SUMMARY_PROVIDER="local",
    )
    from bench.app import create_bench_app  # reads the settings just set

    engine = create_async_engine(bench.database_url)
    try:
        fx = await build_fixtures(engine, settings, bench.patients, bench.seed)
    finally:
        await engine.dispose()
    codec = CursorCodec(settings.secret_key.get_secret_value().encode())
    chosen = [s for s in scenarios(fx, codec) if not names or s.name in names]
    app = create_bench_app()
    async with app.router.lifespan_context(app):
        print(f"{'scenario':<18} {'product ms':>10} {'ceiling ms':>10} {'ratio':>6}")
        for scenario in chosen:
            product, ceiling = await _measure(app, scenario, fx.token, requests)
            print(
                f"{scenario.name:<18} {product:>10.3f} {ceiling:>10.3f} {ceiling / product:>6.0%}"
            )
        if profile:
            for scenario in chosen:
                print(f"\n===== {scenario.name} =====")
                print(await _profile(app, scenario, fx.token, requests))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("scenario", nargs="*", help="scenario names (all when none)")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="also print cProfile tables")
    args = parser.parse_args(argv)
    asyncio.run(main_async(args.scenario, args.requests, args.profile))


if __name__ == "__main__":
    main()
