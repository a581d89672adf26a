"""The arq task of the summaries slice: its only argument is the job's opaque id."""

import uuid
from typing import Any

from arq import Retry
from arq.worker import func

from carechart.summaries.generation import Generation, RetryLater, run_job
from carechart.summaries.recovery import TASK_NAME


async def generate_summary(ctx: dict[str, Any], job_id: str) -> str:
    generation: Generation = ctx["generation"]
    try:
        return await run_job(generation, uuid.UUID(job_id))
    except RetryLater as later:
        raise Retry(defer=later.delay_s) from later


# Registered under the name jobs are enqueued with, not under whatever the function is called.
SUMMARY_TASK = func(generate_summary, name=TASK_NAME)
