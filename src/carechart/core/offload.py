"""Bounded pools that keep CPU-bound work off the event loop: killable processes, and threads.

One request's CPU work (parsing a PDF, OCR, repairing and analysing a note's text) must never
stall the others, which share one event loop. `ProcessPool` runs it in worker processes
(pebble): a task past its time limit has its worker killed and replaced, which no thread can
offer, and the GIL stays with the API. `ThreadPool` is for C code that releases the GIL and has
a bounded cost (argon2). Both admit as many tasks as they have workers; a request that cannot
get a worker within `queue_timeout_s` is answered 503 with `Retry-After` (`PoolBusy`) rather
than queued without bound.
"""

import asyncio
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pebble

from carechart.core.errors import ServiceUnavailable

logger = logging.getLogger("carechart.offload")

T = TypeVar("T")

# Worker processes run below the API's priority: under load the kernel serves the event loop
# (every other request) first, and the analysis of one large note waits instead.
WORKER_NICENESS = 10
# A worker is replaced after this many tasks, so that one huge note's heap is not kept forever.
TASKS_PER_WORKER = 200
BUSY_RETRY_AFTER_S = 5


class PoolBusy(ServiceUnavailable):
    slug = "busy"
    title = "Server busy"

    def __init__(self) -> None:
        super().__init__(
            "Every worker is busy with other requests; retry shortly",
            headers={"Retry-After": str(BUSY_RETRY_AFTER_S)},
        )


class WorkTimedOut(Exception):
    """The task ran past its time limit; its worker process was killed."""

    def __init__(self, limit_s: float) -> None:
        self.limit_s = limit_s
        super().__init__(f"past its {limit_s:g} s limit")


class WorkerDied(Exception):
    """The worker process ended during the task (killed, out of memory, a crash)."""


def _worker_init() -> None:
    os.nice(WORKER_NICENESS)
    # Ctrl-C reaches the whole process group: the API stops the pool itself, cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Slots:
    """At most `size` tasks at once; waiting for one is bounded by `timeout_s`."""

    def __init__(self, size: int, timeout_s: float) -> None:
        self._semaphore = asyncio.Semaphore(size)
        self._timeout_s = timeout_s

    async def acquire(self) -> None:
        try:
            await asyncio.wait_for(self._semaphore.acquire(), self._timeout_s)
        except TimeoutError:
            raise PoolBusy() from None

    def release(self) -> None:
        self._semaphore.release()


class ProcessPool:
    """Worker processes for CPU-bound functions, each task with a time limit.

    Workers come from a fork server (a clean process that imported `preload` once), never forked
    from the API process with its threads and open connections. `start()` them before serving:
    starting them (seconds of imports) on a request's path would stall the event loop.
    """

    def __init__(
        self, *, workers: int, queue_timeout_s: float, preload: Sequence[str] = ()
    ) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
        self._pool = pebble.ProcessPool(
            max_workers=workers,
            max_tasks=TASKS_PER_WORKER,
            initializer=_worker_init,
            context=context,
        )
        self._slots = _Slots(workers, queue_timeout_s)

    async def start(self) -> None:
        """Start the fork server and the workers, from a thread, and wait until they answer."""
        future = await asyncio.to_thread(self._pool.schedule, int)
        await asyncio.wrap_future(future)

    async def run(self, function: Callable[..., T], *args: Any, timeout_s: float) -> T:
        """`function(*args)` in a worker; WorkTimedOut past `timeout_s`, PoolBusy if no worker.

        `function` and its arguments must be picklable (module-level functions, plain data).
        Cancelling the caller (a client gone) kills the worker too.
        """
        await self._slots.acquire()
        try:
            future = self._pool.schedule(function, args=args, timeout=timeout_s)
            try:
                return await asyncio.wrap_future(future)
            except TimeoutError:
                raise WorkTimedOut(timeout_s) from None
            except pebble.ProcessExpired as exc:
                raise WorkerDied(f"exit code {exc.exitcode}") from None
        finally:
            self._slots.release()

    async def close(self, timeout_s: float = 10.0) -> None:
        """Stop the workers (a running task is abandoned) and wait for them, bounded."""
        self._pool.stop()  # type: ignore[no-untyped-call]
        try:
            await asyncio.to_thread(self._pool.join, timeout_s)
        except TimeoutError:
            logger.warning("worker processes did not stop in time")


class ThreadPool:
    """Threads for C code that releases the GIL (argon2), with bounded admission."""

    def __init__(self, *, workers: int, queue_timeout_s: float, name: str) -> None:
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._slots = _Slots(workers, queue_timeout_s)

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        await self._slots.acquire()
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)
        finally:
            self._slots.release()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
