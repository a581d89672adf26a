"""The worker pools: a task past its limit is killed, a dead worker is replaced, a full pool
answers busy, errors a client must see cross the process boundary intact."""

import asyncio
import os
import time
from collections.abc import AsyncIterator

import pytest

from carechart.core.errors import AppError
from carechart.core.offload import PoolBusy, ProcessPool, ThreadPool, WorkerDied, WorkTimedOut
from carechart.notes.exceptions import CorruptFile, EmptyNote, UnsupportedMediaType
from carechart.notes.ingest import OcrSettings
from carechart.notes.processing import read_text


@pytest.fixture
async def pool() -> AsyncIterator[ProcessPool]:
    workers = ProcessPool(workers=1, queue_timeout_s=0.5)
    try:
        yield workers
    finally:
        await workers.close()


async def test_a_task_past_its_limit_is_stopped_and_the_next_task_gets_a_fresh_worker(
    pool: ProcessPool,
) -> None:
    started = time.monotonic()
    with pytest.raises(WorkTimedOut):
        await pool.run(time.sleep, 60, timeout_s=0.5)
    assert time.monotonic() - started < 30  # not the 60 s the task asked for

    assert await pool.run(sum, [1, 2, 3], timeout_s=30) == 6


async def test_a_worker_that_dies_is_reported_and_replaced(pool: ProcessPool) -> None:
    with pytest.raises(WorkerDied):
        await pool.run(os.abort, timeout_s=30)
    assert await pool.run(len, "abc", timeout_s=30) == 3


async def test_workers_run_below_the_api_priority(pool: ProcessPool) -> None:
    assert await pool.run(os.nice, 0, timeout_s=30) > os.nice(0)


async def test_a_full_pool_answers_busy_instead_of_queueing_without_bound(
    pool: ProcessPool,
) -> None:
    running = asyncio.create_task(pool.run(time.sleep, 5, timeout_s=30))
    await asyncio.sleep(0.1)
    with pytest.raises(PoolBusy) as refused:
        await pool.run(len, "abc", timeout_s=30)
    assert refused.value.status == 503
    assert refused.value.headers["Retry-After"]
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running
    # Cancelling the caller killed the sleeping worker: the pool serves at once.
    assert await pool.run(len, "abcd", timeout_s=30) == 4


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"   \n\t  ", EmptyNote),
        (b"\x00\x01\x02\x03" * 100, UnsupportedMediaType),
        (b"%PDF-1.7\nnot really a pdf", CorruptFile),
    ],
)
async def test_an_upload_error_raised_in_a_worker_reaches_the_api_as_itself(
    pool: ProcessPool, data: bytes, expected: type[AppError]
) -> None:
    args = (data, None, "x.txt", None, OcrSettings())
    with pytest.raises(expected) as here:
        read_text(*args)
    with pytest.raises(expected) as there:
        await pool.run(read_text, *args, timeout_s=30)
    assert type(there.value) is expected
    assert (there.value.status, there.value.detail) == (here.value.status, here.value.detail)
    assert there.value.problem_type() == here.value.problem_type()


async def test_the_thread_pool_answers_busy_when_every_thread_is_taken() -> None:
    threads = ThreadPool(workers=1, queue_timeout_s=0.2, name="test")
    try:
        running = asyncio.create_task(threads.run(time.sleep, 1))
        await asyncio.sleep(0.05)
        with pytest.raises(PoolBusy):
            await threads.run(len, "abc")
        await running
        assert await threads.run(len, "abc") == 3
    finally:
        threads.close()
