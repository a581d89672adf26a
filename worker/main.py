"""arq WorkerSettings: `arq worker.main.WorkerSettings` (and `arq --check` for health)."""

import asyncio
import logging
from typing import Any, ClassVar

from arq import cron
from arq.connections import RedisSettings
from prometheus_client import start_http_server

from carechart.core.config import get_settings
from carechart.core.db import create_engine, create_sessionmaker
from carechart.core.logging import configure_logging
from carechart.notes.nlp import warm_up
from carechart.summaries import metrics
from carechart.summaries.generation import Generation
from carechart.summaries.providers.factory import build_provider
from carechart.summaries.tasks import generate_summary

logger = logging.getLogger("carechart.worker")
settings = get_settings()


async def startup(ctx: dict[str, Any]) -> None:
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
    metrics.QUEUE_DEPTH.set(await ctx["redis"].zcard(WorkerSettings.queue_name))


# Also every 15 s, so the gauge moves while no job starts (an idle or stuck worker).
QUEUE_DEPTH_CRON = cron(record_queue_depth, second={0, 15, 30, 45}, run_at_startup=True)


class WorkerSettings:
    """Read by the arq CLI. Job arguments are opaque ids only: arq logs them."""

    functions: ClassVar[list[Any]] = [generate_summary]
    on_startup = startup
    on_shutdown = shutdown
    on_job_start = record_queue_depth
    cron_jobs: ClassVar[list[Any]] = [QUEUE_DEPTH_CRON]
    redis_settings = RedisSettings.from_dsn(settings.redis_url)
    queue_name = "arq:queue"
    # Above the model's timeout, so a slow model fails as a timeout, not as a killed job.
    job_timeout = settings.summary_job_timeout_s
    # Retries are decided by the job (Retry with backoff); this only bounds them.
    max_tries = settings.summary_max_attempts + 1
    keep_result = 60
    health_check_interval = settings.worker_health_check_interval_s
    allow_abort_jobs = True
