"""The chart is built in a worker thread, never on the event loop that serves every request."""

import asyncio
import threading
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from carechart.notes import service
from carechart.notes.chart_schemas import Chart
from carechart.notes.models import Note
from carechart.notes.nlp import analyse

_TEXT = "Plan: continue lisinopril 10 mg PO daily. Start metformin 500 mg BID."


def _stored(text: str, status: str = "complete") -> Note:
    return Note(
        id=uuid.uuid4(),
        taken_at=datetime(2025, 11, 3, tzinfo=UTC),
        note_type="progress",
        title=None,
        author=None,
        has_text=True,
        derived=analyse(text).model_dump(mode="json"),
        analysis_status=status,
    )


def _spy_threads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    threads: list[int] = []
    real = service.build_chart

    def recording(*args: Any, **kwargs: Any) -> Chart:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "build_chart", recording)
    return threads


async def test_the_chart_is_merged_outside_the_event_loop_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads = _spy_threads(monkeypatch)
    chart = await service.chart_of(uuid.uuid4(), [_stored(_TEXT)])
    assert threads
    assert threads[0] != threading.get_ident()
    assert {m.name.lower() for m in chart.current_medications} >= {"lisinopril", "metformin"}


async def test_the_loop_answers_other_work_while_a_long_record_is_merged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started, release = threading.Event(), threading.Event()
    real = service.build_chart

    def slow(*args: Any, **kwargs: Any) -> Chart:
        started.set()
        release.wait(timeout=30)  # the chart is held until the loop has shown it runs
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "build_chart", slow)
    building = asyncio.create_task(service.chart_of(uuid.uuid4(), [_stored(_TEXT)]))
    assert await asyncio.to_thread(started.wait, 30)
    assert not building.done()  # the loop ran this line while the chart was being built
    release.set()
    assert (await building).current_medications


async def test_a_note_left_unanalysed_still_gives_no_derived_data_to_the_chart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _spy_threads(monkeypatch)
    chart = await service.chart_of(uuid.uuid4(), [_stored(_TEXT, status="timed_out")])
    assert not chart.current_medications
