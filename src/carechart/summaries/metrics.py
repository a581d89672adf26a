"""Prometheus metrics of summary generation (exposed by the worker process)."""

from prometheus_client import Counter, Gauge, Histogram

JOBS = Counter(
    "carechart_summary_jobs_total",
    "Summary job runs by outcome (succeeded, retried, failed, skipped).",
    ["outcome"],
)
JOB_DURATION = Histogram(
    "carechart_summary_job_duration_seconds",
    "Time one summary job run takes.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300),
)
MODEL_LATENCY = Histogram(
    "carechart_model_request_duration_seconds",
    "Time a provider takes to write a summary (all its model calls).",
    ["provider"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
TOKENS = Counter(
    "carechart_model_tokens_total", "Model tokens used, by provider and kind.", ["provider", "kind"]
)
QUEUE_DEPTH = Gauge("carechart_summary_queue_depth", "Jobs waiting in the arq queue.")
