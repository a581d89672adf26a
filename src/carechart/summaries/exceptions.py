"""Errors of the summaries slice."""

from carechart.core.errors import NotFound, ServiceUnavailable


class SummaryJobNotFound(NotFound):
    slug = "summary-job-not-found"
    title = "Summary job not found"

    def __init__(self) -> None:
        super().__init__("No summary job with this id")


class SummaryNotFound(NotFound):
    slug = "summary-not-found"
    title = "Summary not found"

    def __init__(self) -> None:
        super().__init__("This patient has no summary with this id")


class QueueUnavailable(ServiceUnavailable):
    slug = "queue-unavailable"
    title = "Summary queue unavailable"

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(
            "Summaries cannot be queued right now (the job queue is unreachable); "
            "cached summaries are still served. Retry later.",
            headers={"Retry-After": str(retry_after_s)},
        )
