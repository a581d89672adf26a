"""A duplicate upload is answered 409 even when every worker is busy judging its type."""

import asyncio
from typing import Any, cast

import pytest

from carechart.core.offload import PoolBusy, WorkerDied, WorkTimedOut
from carechart.notes.analysis import NoteProcessing, RawNote, refuse_unsupported


class _Pool:
    def __init__(self, error: Exception) -> None:
        self.error = error

    async def run(self, *_args: Any, **_kwargs: Any) -> None:
        raise self.error


@pytest.mark.parametrize("error", [PoolBusy(), WorkTimedOut(1.0), WorkerDied()])
def test_a_busy_timed_out_or_dead_worker_refuses_nothing(error: Exception) -> None:
    processing = cast(
        NoteProcessing, type("P", (), {"pool": _Pool(error), "extraction_timeout_s": 1.0})()
    )
    asyncio.run(refuse_unsupported(processing, RawNote(data=b"%PDF-1.4 ...")))


def test_another_error_still_propagates() -> None:
    processing = cast(
        NoteProcessing,
        type("P", (), {"pool": _Pool(ValueError("x")), "extraction_timeout_s": 1.0})(),
    )
    with pytest.raises(ValueError, match="x"):
        asyncio.run(refuse_unsupported(processing, RawNote(data=b"%PDF-1.4 ...")))
