"""The status model's switch through the API: off by default and invisible, on it marks what it
made, and a missing or broken weights file stops the app at start-up rather than at an upload."""

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from carechart.core.config import Settings
from carechart.notes.analysis import NoteProcessing
from carechart.notes.nlp import EXTRACTOR_VERSION, StatusModelError, extractor_version
from carechart.notes.nlp import status_model as sm
from carechart.notes.service import reextract_notes
from tests.conftest import TestUser, client_for, create_patient, running_app

NOTE = """Clinic follow-up 03/02/2024

MEDICATIONS:
- metformin 500 mg PO twice daily
- atorvastatin 20 mg PO nightly

PLAN:
Continue metformin and atorvastatin.
"""
MARKED = extractor_version(status_model=True)


@pytest.fixture
async def model_app(app: FastAPI) -> AsyncIterator[FastAPI]:
    """The app with the status model on, on the test database."""
    async with running_app(app.state.settings, status_model_enabled=True) as application:
        yield application


async def _upload(client: httpx.AsyncClient, user: TestUser) -> dict[str, object]:
    patient = await create_patient(client, user)
    response = await client.post(
        f"/patients/{patient['id']}/notes",
        json={"taken_at": "2024-03-02", "content": NOTE},
        headers=user.headers,
    )
    assert response.status_code == 201, response.text[:300]
    body: dict[str, object] = response.json()
    return body


async def test_switched_off_by_default_a_note_is_analysed_by_the_rules_alone(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    assert app.state.settings.status_model_enabled is False
    note = await _upload(client, clinician)
    assert note["extractor_version"] == EXTRACTOR_VERSION
    assert "status_source" not in json.dumps(note["derived"])


async def test_switched_on_a_note_records_the_model_in_its_version_and_keeps_its_evidence(
    model_app: FastAPI, clinician: TestUser
) -> None:
    async with client_for(model_app) as client:
        note = await _upload(client, clinician)
        derived = note["derived"]
        assert isinstance(derived, dict)
        assert note["extractor_version"] == MARKED
        meds = derived["medications"]
        assert sorted(m["name"] for m in meds) == ["atorvastatin", "metformin"]
        for med in meds:
            assert NOTE[med["start"] : med["end"]] == med["text"]
            assert med.get("status_source", "rules") in ("rules", "model")
        chart = await client.get(f"/patients/{note['patient_id']}/chart", headers=clinician.headers)
        assert chart.status_code == 200, chart.text[:300]


async def test_turning_the_model_on_or_off_re_extracts_the_notes_the_other_setting_made(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    note = await _upload(client, clinician)
    settings: Settings = app.state.settings
    on = NoteProcessing.configured(
        settings.model_copy(update={"status_model_enabled": True}), app.state.cpu_pool
    )
    off = NoteProcessing.configured(settings, app.state.cpu_pool)
    async with app.state.sessionmaker() as session:
        assert await reextract_notes(session=session, processing=on) == 1
    async with app.state.sessionmaker() as session:
        assert await reextract_notes(session=session, processing=on) == 0  # current now
    stored = (await client.get(str(note["url"]), headers=clinician.headers)).json()
    assert stored["extractor_version"] == MARKED
    async with app.state.sessionmaker() as session:
        assert await reextract_notes(session=session, processing=off) == 1
    stored = (await client.get(str(note["url"]), headers=clinician.headers)).json()
    assert stored["extractor_version"] == EXTRACTOR_VERSION
    assert stored["derived"] == note["derived"]


async def test_a_status_the_model_set_is_served_with_its_source_and_charted(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    note = await _upload(client, clinician)
    derived = note["derived"]
    assert isinstance(derived, dict)
    stopped = {**derived["medications"][0], "status": "stopped", "status_source": "model"}
    derived = {**derived, "medications": [stopped, *derived["medications"][1:]]}
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text("UPDATE note SET derived = CAST(:derived AS jsonb) WHERE id = :id"),
            {"derived": json.dumps(derived), "id": note["id"]},
        )
    stored = (await client.get(str(note["url"]), headers=clinician.headers)).json()
    assert stored["derived"]["medications"][0]["status_source"] == "model"
    chart = await client.get(f"/patients/{note['patient_id']}/chart", headers=clinician.headers)
    assert chart.status_code == 200, chart.text[:300]
    assert [m["name"] for m in chart.json()["stopped_medications"]] == [stopped["name"]]
    assert stopped["name"] not in [m["name"] for m in chart.json()["current_medications"]]


@pytest.mark.parametrize("content", [None, '{"format": "carechart-status-model/1"}'])
async def test_a_missing_or_broken_weights_file_stops_the_start_up_with_the_model_on(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | None
) -> None:
    weights = tmp_path / "weights.json"
    if content is not None:
        weights.write_text(content)
    monkeypatch.setattr(sm, "WEIGHTS", weights)
    sm.packaged_status_model.cache_clear()
    try:
        with pytest.raises(StatusModelError, match=r"status model: .*weights\.json"):
            async with running_app(settings, status_model_enabled=True):
                pass  # pragma: no cover - never reached
        async with running_app(settings) as application:  # off: the file is not needed
            assert application.state.cpu_pool is not None
    finally:
        sm.packaged_status_model.cache_clear()
