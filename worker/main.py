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
from carechart.summaries.tasks import generate_summary

logger = logging.getLogger("carechart.worker")
settings = get_settings()

# Redis unreachable, a connection reset, a timeout: worth waiting for, never worth exiting.
TRANSIENT = (RedisError, OSError)
BACKOFF_FIRST_S = 0.5
BACKOFF_MAX_S = 10.0


async def startup(ctx: dict[str, Any]) -> None:
    if "generation" in ctx:  # the worker starts again after an outage: keep what it has
        return
    configure_logging(settings.log_level)
    await asyncio.to_thread(warm_up)  # charts name drugs by the vocabulary: build it once
    engine = create_engine(settings)
    provider = build_provider(settings)
    ctx["engine"] = engine
    ctx["provider"] = provider
    ctx["generation"] = Generation(create_sessionmaker(engine), settings, provider)
    if settings.worker_metrics_port and not ctx.get("metrics_started"):
        start_http_server(settings.worker_metrics_port)
        ctx["metrics_started"] = True
    logger.info("worker started", extra={"provider": provider.name})


async def shutdown(ctx: dict[str, Any]) -> None:
    close = getattr(ctx.get("provider"), "close", None)
    if close is not None:
        await close()
    await ctx["engine"].dispose()


async def record_queue_depth(ctx: dict[str, Any]) -> None:
    # A gauge is not worth failing a job start for; the poll loop reports the outage.
    with contextlib.suppress(*TRANSIENT):
        metrics.QUEUE_DEPTH.set(await ctx["redis"].zcard(WorkerSettings.queue_name))


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


# Also every 15 s, so the gauge moves while no job starts (an idle or stuck worker).
QUEUE_DEPTH_CRON = cron(record_queue_depth, second={0, 15, 30, 45}, run_at_startup=True)
RECOVERY_CRON = cron(recover_summary_jobs, second={5, 35}, run_at_startup=True)
PURGE_CRON = cron(purge_idempotency_records, minute=17, second=0)


class WorkerSettings:
    """Read by arq (and by ResilientWorker). Job arguments are opaque ids only: arq logs them."""

    functions: ClassVar[list[Any]] = [generate_summary]
    on_startup = startup
    on_shutdown = shutdown
    on_job_start = record_queue_depth
    cron_jobs: ClassVar[list[Any]] = [QUEUE_DEPTH_CRON, RECOVERY_CRON, PURGE_CRON]
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
