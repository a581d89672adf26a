"""`python -m bench`: load the data set, drive the API with wrk, write results and the report.

Per scenario, product and ceiling take turns: a warm-up, a throughput run with
BENCH_CONCURRENCY connections, then a latency run with one connection. Then: one hundred
concurrent requests for a summary nobody has asked for yet (must make exactly one job), the
access log's cost (LOG_LEVEL=INFO against WARNING), and EXPLAIN of the paged queries.
"""

import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench import generate, middleware_cost, search_designs
from bench.config import RESULTS, ROOT, BenchSettings
from bench.load import Server, require_wrk, run_wrk, running
from bench.plans import explain_all
from bench.report import write_report
from bench.scenarios import Fixtures, Scenario, build_fixtures, scenarios
from carechart.core.config import Settings
from carechart.core.pagination import CursorCodec

MEMORY_TARGET_MB = 200
STAMPEDE_REQUESTS = 100
STAMPEDE_OPTIONS = {"focus": "medications"}
STAMPEDE_OPTIONS_KEY = "clinician|standard|medications"


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def app_settings(bench: BenchSettings) -> Settings:
    return Settings(
        _env_file=None,
        database_url=bench.database_url,
        redis_url=bench.redis_url,
        log_level="WARNING",
        summary_provider="local",
        access_token_expire_minutes=24 * 60,
    )


# --- the machine ------------------------------------------------------------------------------


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 2**20, 1)
    return 0.0


def _command(*args: str) -> str:
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=10, check=False)  # noqa: S603
    except OSError:
        return "unknown"
    output = (done.stdout or done.stderr).strip()
    return output.splitlines()[0] if output else ""


async def machine(bench: BenchSettings) -> dict[str, Any]:
    engine = create_async_engine(bench.database_url)
    try:
        async with engine.connect() as conn:
            pg = (await conn.execute(text("SELECT version()"))).scalar_one()
            names = (
                "shared_buffers", "work_mem", "effective_cache_size", "synchronous_commit",
                "jit", "max_connections", "random_page_cost",
            )  # fmt: skip
            rows = await conn.execute(
                text("SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(:n)"),
                {"n": list(names)},
            )
            pg_settings = {str(k): str(v) for k, v in rows.all()}
    finally:
        await engine.dispose()
    return {
        "cpus": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gib": _memory_gib(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "postgresql": pg.split(" on ")[0],
        "postgresql_settings": pg_settings,
        "wrk": _command("wrk", "--version").split(" [")[0],
        "packages": {
            name: version(name)
            for name in ("fastapi", "starlette", "uvicorn", "sqlalchemy", "asyncpg", "pydantic")
        },
        "load_average_at_start": os.getloadavg(),
        "git_commit": _command("git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"),
    }


# --- scenarios --------------------------------------------------------------------------------


async def check_once(server: Server, scenario: Scenario, token: str) -> None:
    """Each side answers its first request with the expected status before any load."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
        for side, lines in (("product", scenario.product), ("ceiling", scenario.ceiling)):
            line = lines[0]
            body = line.body.replace("{n}", f"check-{time.time_ns()}") if line.body else None
            response = await client.request(line.method, line.path, headers=headers, content=body)
            if response.status_code != scenario.status:
                raise RuntimeError(
                    f"{scenario.name} ({side}): {response.status_code}, expected "
                    f"{scenario.status}: {response.text[:300]}"
                )


async def drive(
    server: Server, scenario: Scenario, bench: BenchSettings, token: str, workdir: Path
) -> dict[str, Any]:
    """Both sides warm up first, then take turns, so neither profits from the other's caching."""
    sides = {"product": scenario.product, "ceiling": scenario.ceiling}
    result: dict[str, Any] = {"name": scenario.name, "title": scenario.title}
    measured: dict[str, dict[str, Any]] = {side: {} for side in sides}
    phases = (("warmup", bench.concurrency, bench.warmup_s),
              ("throughput", bench.concurrency, bench.duration_s),
              ("latency", 1, bench.duration_s))  # fmt: skip
    for phase, connections, seconds in phases:
        for side, lines in sides.items():
            run = await run_wrk(
                server, lines, token, connections=connections, seconds=seconds, workdir=workdir
            )
            if phase != "warmup":
                measured[side][phase] = run.as_dict()
    for side in sides:
        loaded, single = measured[side]["throughput"], measured[side]["latency"]
        failed = sum(loaded["errors"].values()) + sum(single["errors"].values())
        if failed:
            log(f"  {scenario.name:16} {side:7} {failed} requests failed or had another status")
        log(
            f"  {scenario.name:16} {side:7} {loaded['rps']:8.1f} rps  "
            f"p50 {single['latency_ms']['p50']:7.2f} ms (1 conn)  "
            f"p50 {loaded['latency_ms']['p50']:7.2f} ms ({bench.concurrency} conns)  "
            f"cpu {loaded['server_cpu_ms_per_request']} ms/req"
        )
    result.update(measured)
    ceiling_rps = measured["ceiling"]["throughput"]["rps"]
    result["ceiling_ratio"] = (
        round(measured["product"]["throughput"]["rps"] / ceiling_rps, 3) if ceiling_rps else None
    )
    result["target"] = judge(scenario, result)
    return result


def judge(scenario: Scenario, result: dict[str, Any]) -> dict[str, Any] | None:
    target = scenario.target
    if target is None:
        return None
    if target.p50_ms is not None:
        measured = result["product"]["latency"]["latency_ms"]["p50"]
        return {**asdict(target), "measured": measured, "met": measured < target.p50_ms}
    assert target.ceiling_ratio is not None
    ratio = result["ceiling_ratio"]
    return {**asdict(target), "measured": ratio, "met": ratio >= target.ceiling_ratio}


# --- one hundred concurrent summary requests ---------------------------------------------------


async def stampede(server: Server, bench: BenchSettings, fx: Fixtures) -> dict[str, Any]:
    path = f"/patients/{fx.stampede_patient}/summary"
    headers = {"Authorization": f"Bearer {fx.token}"}
    limits = httpx.Limits(max_connections=STAMPEDE_REQUESTS)
    async with httpx.AsyncClient(base_url=server.base_url, limits=limits, timeout=60) as client:
        responses = await asyncio.gather(
            *(
                client.get(path, params=STAMPEDE_OPTIONS, headers=headers)
                for _ in range(STAMPEDE_REQUESTS)
            )
        )
    statuses: dict[str, int] = {}
    for response in responses:
        statuses[str(response.status_code)] = statuses.get(str(response.status_code), 0) + 1
    job_ids = {r.json().get("job_id") for r in responses if r.status_code == 202}
    engine = create_async_engine(bench.database_url)
    try:
        async with engine.connect() as conn:
            jobs = (
                await conn.execute(
                    text(
                        "SELECT count(*) FROM summary_job "
                        "WHERE patient_id = :p AND options_key = :k"
                    ),
                    {"p": fx.stampede_patient, "k": STAMPEDE_OPTIONS_KEY},
                )
            ).scalar_one()
    finally:
        await engine.dispose()
    return {
        "requests": STAMPEDE_REQUESTS,
        "statuses": statuses,
        "distinct_job_ids_returned": len(job_ids),
        "jobs_in_database": jobs,
        "met": jobs == 1,
    }


# --- the whole run ----------------------------------------------------------------------------


async def prepare(bench: BenchSettings, settings: Settings) -> tuple[dict[str, Any], Fixtures]:
    if bench.reuse and await generate.dataset_matches(bench):
        log(f"reusing the data set in {bench.database_name}")
        load: dict[str, Any] = {"reused": True}
    else:
        log(f"loading {bench.patients} patients and {bench.notes} notes")
        report = await generate.load(bench)
        load = {"notes": report.notes, "seconds": report.seconds}
    log("fixtures: sample ids, deep cursors, misspelt names, cached summaries")
    engine = create_async_engine(bench.database_url)
    try:
        fx = await build_fixtures(engine, settings, bench.patients, bench.seed)
        async with engine.begin() as conn:
            await conn.execute(text("ANALYZE"))
    finally:
        await engine.dispose()
    return load, fx


async def run_scenarios(
    server: Server, bench: BenchSettings, fx: Fixtures, chosen: list[Scenario]
) -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory(prefix="carechart-bench-") as tmp:
        for scenario in chosen:
            await check_once(server, scenario, fx.token)
            results.append(await drive(server, scenario, bench, fx.token, Path(tmp)))
    return results


async def logging_cost(
    bench: BenchSettings, fx: Fixtures, all_scenarios: list[Scenario]
) -> dict[str, Any]:
    """get_patient and health on a fresh server at each level: WARNING, then INFO (the JSON
    access log, one line per request, written to a file)."""
    chosen = [s for s in all_scenarios if s.name in ("get_patient", "health")]
    results: dict[str, Any] = {}
    for level in ("WARNING", "INFO"):
        server = Server(bench, level, RESULTS / f"server-{level.lower()}.log.tmp")
        results[level] = {}
        with running(server), tempfile.TemporaryDirectory(prefix="carechart-bench-") as tmp:
            for scenario in chosen:
                for seconds in (bench.warmup_s, bench.duration_s):
                    loaded = await run_wrk(
                        server, scenario.product, fx.token, connections=bench.concurrency,
                        seconds=seconds, workdir=Path(tmp),
                    )  # fmt: skip
                results[level][scenario.name] = loaded.as_dict()
                log(f"  {scenario.name:16} {level:7} {loaded.rps:8.1f} rps")
    return results


async def under_load(
    bench: BenchSettings, fx: Fixtures, chosen: list[Scenario]
) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The scenarios, the stampede and the search designs on one server: (results, stampede,
    memory, search designs)."""
    designs: dict[str, Any] = {}
    server = Server(bench, "WARNING", RESULTS / "server.log.tmp")
    log(f"server: uvicorn, one worker, LOG_LEVEL=WARNING, {bench.concurrency} connections")
    with running(server):
        idle_rss = server.sample()
        results = await run_scenarios(server, bench, fx, chosen)
        log("one hundred concurrent requests for a new summary")
        herd = await stampede(server, bench, fx)
        final_rss = server.sample()
        if any(s.name == "search_misspelt" for s in chosen):
            log("search designs side by side: latency and recall@10 (one connection)")
            queries = list(zip(fx.searches, fx.search_names, strict=True))
            designs = await search_designs.compare(
                bench.database_url, server.base_url, fx.token, queries
            )
            for name, figures in designs.items():
                log(f"  {name[:52]:52} {figures}")
    peak = max((rss for _, rss in server.rss_samples), default=0)
    memory = {
        "idle_rss_mb": round(idle_rss / 2**20, 1),
        "peak_rss_mb": round(peak / 2**20, 1),
        "final_rss_mb": round(final_rss / 2**20, 1),
        "target_mb": MEMORY_TARGET_MB,
        "met": peak / 2**20 < MEMORY_TARGET_MB,
    }
    return results, herd, memory, designs


def meta(bench: BenchSettings, started: datetime) -> dict[str, Any]:
    return {
        "patients": bench.patients,
        "notes": bench.notes,
        "seed": bench.seed,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "warmup_s": bench.warmup_s,
        "duration_s": bench.duration_s,
        "concurrency": bench.concurrency,
        "load_average_at_end": os.getloadavg(),
    }


def save(bench: BenchSettings, document: dict[str, Any], partial: bool) -> Path:
    """results-N.json and the plans as text; a partial run goes to a .tmp file instead."""
    name = f"partial-{bench.patients}.json.tmp" if partial else f"results-{bench.patients}.json"
    path = RESULTS / name
    path.write_text(json.dumps(document, indent=2, default=str) + "\n", encoding="utf-8")
    if not partial:
        for plan in document["plans"].values():
            (RESULTS / f"plan-{bench.patients}-{plan['name']}.txt").write_text(
                f"-- {plan['path']}\n{plan['statement']}\n\n{plan['plan']}\n", encoding="utf-8"
            )
    log(f"results: {path.relative_to(ROOT)}")
    return path


async def main_async(bench: BenchSettings) -> Path:
    require_wrk()
    bench.check()
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    settings = app_settings(bench)
    load, fx = await prepare(bench, settings)
    info = await machine(bench)
    all_scenarios = scenarios(fx, CursorCodec(settings.secret_key.get_secret_value().encode()))
    only = {s for s in bench.only.split(",") if s}
    chosen = [s for s in all_scenarios if not only or s.name in only]
    log("middleware cost, in process")
    middleware = await middleware_cost.measure()
    log(f"  {middleware}")
    results, herd, memory, designs = await under_load(bench, fx, chosen)
    compare = bench.compare_logging and not only
    logging = await logging_cost(bench, fx, all_scenarios) if compare else {}
    log("EXPLAIN of the paged queries")
    plans = await explain_all(
        settings, fx.token, {s.name: s.product[0].path for s in all_scenarios}
    )
    document = {
        "meta": meta(bench, started),
        "machine": info,
        "load": load,
        "scenarios": results,
        "stampede": herd,
        "memory": memory,
        "logging": logging,
        "middleware": middleware,
        "search_designs": designs,
        "plans": {p.name: {"name": p.name, **p.as_dict()} for p in plans},
    }
    path = save(bench, document, partial=bool(only))
    if not only:
        log(f"report: {write_report().relative_to(ROOT)}")
    return path


def main() -> None:
    asyncio.run(main_async(BenchSettings()))
