"""Recomputing derived data for every note after the extractor improves."""

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from carechart.notes.analysis import NoteProcessing
from carechart.notes.nlp import EXTRACTOR_VERSION
from carechart.notes.service import reextract_notes
from tests.conftest import TestUser, create_patient


async def test_reextract_updates_notes_made_by_an_older_extractor_and_keeps_client_types(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    base = f"/patients/{patient['id']}/notes"
    typed = await client.post(
        base,
        json={"taken_at": "2024-03-15", "content": "A: Hypertension", "note_type": "consult"},
        headers=clinician.headers,
    )
    plain = await client.post(
        base,
        json={"taken_at": "2024-03-16", "content": "P: Start lisinopril 10 mg PO daily."},
        headers=clinician.headers,
    )
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE note SET extractor_version = '0.0.1', derived = '{}'::jsonb, "
                "note_type = 'other'  WHERE id = :id"
            ),
            {"id": plain.json()["id"]},
        )
        await conn.execute(
            text("UPDATE note SET extractor_version = '0.0.1' WHERE id = :id"),
            {"id": typed.json()["id"]},
        )

    processing = NoteProcessing.configured(app.state.settings, app.state.cpu_pool)
    async with app.state.sessionmaker() as session:
        assert await reextract_notes(session=session, processing=processing) == 2
    async with app.state.sessionmaker() as session:
        assert await reextract_notes(session=session, processing=processing) == 0  # all current now

    again = (await client.get(plain.json()["url"], headers=clinician.headers)).json()
    assert again["extractor_version"] == EXTRACTOR_VERSION
    assert [m["name"].lower() for m in again["derived"]["medications"]] == ["lisinopril"]
    kept = (await client.get(typed.json()["url"], headers=clinician.headers)).json()
    assert kept["note_type"] == {**kept["note_type"], "value": "consult", "source": "client"}
