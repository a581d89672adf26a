"""What each middleware costs per request, measured in-process so that none grows silently.

The bench app is called directly as an ASGI application (no socket, no uvicorn) with
`GET /_ceiling/health`, whose endpoint does almost nothing: once with every middleware, once
without any, and once without each in turn. A middleware's cost is the time it adds to a
request: (all) - (all but it). Rounds alternate and the fastest of each variant is kept, to
see through other work on the machine.
"""

import asyncio
import logging
import time
from typing import Any

from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.types import Message

from bench.app import create_bench_app

PATH = "/_ceiling/health"
REQUESTS = 1000
WARM = 100
ROUNDS = 3


def _scope() -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": PATH,
        "raw_path": PATH.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"bench"), (b"x-request-id", b"bench-middleware-cost")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8765),
        "state": {},
    }


async def _receive() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _send(_message: Message) -> None:
    return None


async def _time_per_request(app: FastAPI, requests: int = REQUESTS) -> float:
    """Microseconds per request through the app's current middleware stack."""
    started = time.perf_counter()
    for _ in range(requests):
        await app(_scope(), _receive, _send)
    return (time.perf_counter() - started) / requests * 1e6


def _with(app: FastAPI, middleware: list[Middleware]) -> None:
    app.user_middleware = middleware
    app.middleware_stack = app.build_middleware_stack()


def _name(middleware: Middleware) -> str:
    return getattr(middleware.cls, "__name__", str(middleware.cls))


async def measure() -> dict[str, Any]:
    app = create_bench_app()
    # As the benchmarked server runs (LOG_LEVEL=WARNING): the access log is measured apart.
    logging.getLogger("carechart.access").setLevel(logging.WARNING)
    everything = list(app.user_middleware)
    variants: dict[str, list[Middleware]] = {"all": everything, "none": []}
    for m in everything:
        variants[f"without {_name(m)}"] = [other for other in everything if other is not m]
    best: dict[str, float] = {}
    for _ in range(ROUNDS):
        for name, middleware in variants.items():
            _with(app, middleware)
            await _time_per_request(app, WARM)
            spent = await _time_per_request(app)
            best[name] = min(best.get(name, spent), spent)
    _with(app, everything)
    return {
        "path": PATH,
        "requests_per_round": REQUESTS,
        "rounds": ROUNDS,
        "all_us": round(best["all"], 1),
        "none_us": round(best["none"], 1),
        "middleware": {
            _name(m): round(best["all"] - best[f"without {_name(m)}"], 1) for m in everything
        },
    }


def main() -> None:
    print(asyncio.run(measure()))


if __name__ == "__main__":
    main()
