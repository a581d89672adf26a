"""`python -m worker`: run the summary worker (arq's Worker, made to ride out Redis outages)."""

from arq.worker import get_kwargs

from worker.main import ResilientWorker, WorkerSettings


def main() -> None:
    # The settings class as a mapping: what arq's own command line reads from it.
    ResilientWorker(**get_kwargs(dict(vars(WorkerSettings)))).run()


if __name__ == "__main__":
    main()
