"""The arq worker process: `python -m worker` (and `arq --check worker.main.WorkerSettings`).

`ResilientWorker` is arq's Worker, except that a Redis outage is waited out with backoff
instead of ending the process (arq's own loop exits on the first connection error, leaving
its jobs behind). PostgreSQL outages are handled by the job itself (summaries.generation).
"""

import asyncio
import contextlib
import logging
import random
from dataclasses import asdict
from typing import Any, ClassVar

from arq import cron
from arq.connections import RedisSettings
from arq.worker import Worker
from prometheus_client import start_http_server
from redis.exceptions import RedisError

from carechart.core.config import get_settings
from carechart.core.db import create_engine, create_sessionmaker, is_disconnect
from carechart.core.logging import configure_logging
from carechart.idempotency.service import purge_expired
from carechart.notes.nlp import warm_up
from carechart.summaries import metrics
from carechart.summaries.generation import Generation
from carechart.summaries.providers.factory import build_provider
from carechart.summaries.recovery import sweep
from carechart.summaries.tasks import SUMMARY_TASK

logger = logging.getLogger("carechart.worker")
settings = get_settings()

# Redis unreachable, a connection reset, a timeout: worth waiting for, never worth exiting.
TRANSIENT = (RedisError, OSError)
BACKOFF_FIRST_S = 0.5
BACKOFF_MAX_S = 10.0


class MetricsPortTaken(SystemExit):
    """The metrics port is in use: a setting to change, not an outage to wait out."""


def start_metrics_server() -> None:
    host, port = settings.worker_metrics_host, settings.worker_metrics_port
    try:
        start_http_server(port, addr=host)
    except OSError as exc:
        # One line naming the setting, then exit: not a traceback, and never a retry loop
        # (ResilientWorker waits out OSErrors, which would hide this for ever).
        message = (
            f"worker metrics: cannot listen on {host}:{port} ({exc.strerror}); set "
            "WORKER_METRICS_PORT to a free port, or to 0 to turn the worker's metrics off"
        )
        logger.critical(message)
        raise MetricsPortTaken(2) from None


async def startup(ctx: dict[str, Any]) -> None:
    if "generation" in ctx:  # the worker starts again after an outage: keep what it has
        return
    configure_logging(settings.log_level)
    if settings.worker_metrics_port and not ctx.get("metrics_started"):
        start_metrics_server()
        ctx["metrics_started"] = True
    await asyncio.to_thread(warm_up)  # charts name drugs by the vocabulary: build it once
    engine = create_engine(settings)
    provider = build_provider(settings)
    ctx["engine"] = engine
    ctx["provider"] = provider
    ctx["generation"] = Generation(create_sessionmaker(engine), settings, provider)
    ctx["queue_depth_sampler"] = asyncio.create_task(sample_queue_depth(ctx))
    logger.info("worker started", extra={"provider": provider.name})


async def shutdown(ctx: dict[str, Any]) -> None:
    # Also after a start-up that failed half-way (the metrics port taken): close what exists.
    sampler = ctx.get("queue_depth_sampler")
    if sampler is not None:
        sampler.cancel()
    close = getattr(ctx.get("provider"), "close", None)
    if close is not None:
        await close()
    if "engine" in ctx:
        await ctx["engine"].dispose()


async def record_queue_depth(ctx: dict[str, Any]) -> None:
    # A gauge is not worth failing a job start for; the poll loop reports the outage.
    with contextlib.suppress(*TRANSIENT):
        metrics.QUEUE_DEPTH.set(await ctx["redis"].zcard(WorkerSettings.queue_name))


async def sample_queue_depth(ctx: dict[str, Any]) -> None:
    """Every 15 s, so the gauge moves while no job starts (an idle or stuck worker).

    A task of the worker's own rather than an arq cron job: arq logs every job it runs at
    INFO, which would be two log lines every 15 s saying nothing.
    """
    while True:
        await record_queue_depth(ctx)
        await asyncio.sleep(QUEUE_DEPTH_INTERVAL_S)


async def recover_summary_jobs(ctx: dict[str, Any]) -> None:
    """Queue again (or fail) jobs whose worker died, and hand lost queued jobs back to arq."""
    generation: Generation = ctx["generation"]
    try:
        async with generation.sessionmaker() as session:
            result = await sweep(session=session, queue=ctx["redis"], settings=settings)
    except Exception as exc:
        if not is_disconnect(exc):
            raise
        logger.warning("database unreachable; recovery sweep skipped")
        return
    if any(asdict(result).values()):
        logger.info("summary jobs recovered", extra=asdict(result))


async def purge_idempotency_records(ctx: dict[str, Any]) -> None:
    """Answers kept for Idempotency-Keys live 24 hours (they may hold patient data)."""
    generation: Generation = ctx["generation"]
    async with generation.sessionmaker() as session:
        purged = await purge_expired(session=session)
    if purged:
        logger.info("idempotency records purged", extra={"count": purged})


QUEUE_DEPTH_INTERVAL_S = 15.0
RECOVERY_CRON = cron(recover_summary_jobs, second={5, 35}, run_at_startup=True)
PURGE_CRON = cron(purge_idempotency_records, minute=17, second=0)


class WorkerSettings:
    """Read by arq (and by ResilientWorker). Job arguments are opaque ids only: arq logs them."""

    functions: ClassVar[list[Any]] = [SUMMARY_TASK]
    on_startup = startup
    on_shutdown = shutdown
    on_job_start = record_queue_depth
    cron_jobs: ClassVar[list[Any]] = [RECOVERY_CRON, PURGE_CRON]
    redis_settings = RedisSettings.from_dsn(settings.redis_url)
    queue_name = "arq:queue"
    # Above the model's timeout, so a slow model fails as a timeout, not as a killed job.
    job_timeout = settings.summary_job_timeout_s
    # Retries are decided by the job (Retry with backoff); this only bounds them.
    max_tries = settings.summary_max_attempts + 1
    keep_result = 60
    health_check_interval = settings.worker_health_check_interval_s
    allow_abort_jobs = True


class ResilientWorker(Worker):
    """Waits out Redis outages (starting up, polling, recording health) with capped backoff."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._failures = 0

    async def main(self) -> None:
        while True:
            try:
                await super().main()
                return
            except TRANSIENT as exc:
                await self._wait_out(exc)

    async def _poll_iteration(self) -> None:
        try:
            await super()._poll_iteration()
        except TRANSIENT as exc:
            await self._wait_out(exc)
            return
        if self._failures:
            logger.info("redis reachable again", extra={"failures": self._failures})
            self._failures = 0

    async def close(self) -> None:
        try:
            await super().close()
        except TRANSIENT as exc:
            logger.warning(
                "redis unreachable at shutdown", extra={"error_type": type(exc).__name__}
            )

    async def _wait_out(self, exc: BaseException) -> None:
        self._failures += 1
        ceiling = min(BACKOFF_MAX_S, BACKOFF_FIRST_S * 2 ** (self._failures - 1))
        delay = random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not security
        logger.warning(
            "redis unreachable; worker waiting",
            extra={"error_type": type(exc).__name__, "retry_in_s": round(delay, 2)},
        )
        await asyncio.sleep(delay)
