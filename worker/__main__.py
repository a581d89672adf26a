"""`python -m worker`: run the summary worker (arq's Worker, made to ride out Redis outages)."""

from arq.worker import get_kwargs

from carechart.core.logging import configure_logging
from worker.main import ResilientWorker, WorkerSettings, settings


def main() -> None:
    # Before arq's first lines (start, Redis version), which would otherwise go nowhere.
    configure_logging(settings.log_level)
    # The settings class as a mapping: what arq's own command line reads from it.
    ResilientWorker(**get_kwargs(dict(vars(WorkerSettings)))).run()


if __name__ == "__main__":
    main()
