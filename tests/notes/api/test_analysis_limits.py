"""A note whose analysis runs past its time limit is stored all the same, says why it has no
derived data, and is analysed by the re-extraction later (issue 10, item 1)."""

import random
import string
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from carechart.notes.analysis import NoteProcessing
from carechart.notes.nlp import EXTRACTOR_VERSION
from carechart.notes.service import reextract_notes
from tests.conftest import TestUser, assert_problem, client_for, create_patient, running_app

MEDICATION_LINES = "\n".join(
    f"- {drug} {dose} mg PO daily"
    for drug, dose in [("lisinopril", 10), ("atorvastatin", 20), ("metformin", 500)] * 12_000
)


@pytest.fixture
async def hurried_app(app: FastAPI) -> AsyncIterator[FastAPI]:
    """The app with an analysis limit no real note can meet, on the test database."""
    async with running_app(app.state.settings, note_analysis_timeout_s=0.01) as application:
        yield application


@pytest.fixture
async def hurried(hurried_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(hurried_app) as client:
        yield client


async def test_a_note_past_the_analysis_limit_is_stored_and_marked_as_not_analysed(
    hurried: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(hurried, clinician)
    body = {"taken_at": "2024-03-15", "note_type": "progress", "content": MEDICATION_LINES}
    response = await hurried.post(
        f"/patients/{patient['id']}/notes", json=body, headers=clinician.headers
    )

    assert response.status_code == 201, response.text[:300]
    note = response.json()
    assert note["analysis_status"] == "timed_out"
    assert note["analysis_error"] == "the analysis ran past its 0.01 s limit"
    assert note["derived"] == {}
    assert note["content"] == MEDICATION_LINES
    assert note["note_type"]["value"] == "progress"  # the client's type stands
    stored = (await hurried.get(note["url"], headers=clinician.headers)).json()
    assert (stored["analysis_status"], stored["analysis_error"]) == (
        "timed_out",
        note["analysis_error"],
    )
    listed = await hurried.get(f"/patients/{patient['id']}/notes", headers=clinician.headers)
    assert listed.json()["items"][0]["analysis_status"] == "timed_out"
    chart = await hurried.get(f"/patients/{patient['id']}/chart", headers=clinician.headers)
    assert chart.status_code == 200


async def test_without_taken_at_a_note_that_could_not_be_analysed_asks_for_one(
    hurried: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(hurried, clinician)
    data = f"Encounter Date: 2024-03-15\n{MEDICATION_LINES}".encode()
    files = {"file": ("medications.txt", data, "text/plain")}
    response = await hurried.post(
        f"/patients/{patient['id']}/notes", files=files, headers=clinician.headers
    )

    problem = assert_problem(response, 422, "missing-taken-at")
    assert "ran past its 0.01 s limit" in problem["detail"]
    listed = await hurried.get(f"/patients/{patient['id']}/notes", headers=clinician.headers)
    assert listed.json()["items"] == []


async def test_the_reextraction_analyses_notes_left_unanalysed_and_reads_lost_text_again(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    url = f"/patients/{patient['id']}/notes"
    json_note = await client.post(
        url,
        json={"taken_at": "2024-03-15", "content": "P: Start lisinopril 10 mg PO daily."},
        headers=clinician.headers,
    )
    files = {"file": ("visit.txt", b"A: Hypertension\nP: Start amlodipine 5 mg PO daily.")}
    file_note = await client.post(
        url, files=files, data={"taken_at": "2024-03-16"}, headers=clinician.headers
    )
    async with app.state.engine.begin() as conn:
        # As an upload past its limits leaves them: no derived data; the file's text unread.
        await conn.execute(
            text(
                "UPDATE note SET analysis_status = 'timed_out', analysis_error = 'past its limit',"
                " derived = '{}'::jsonb, extractor_version = 'none', note_type = 'other',"
                " note_type_source = 'none'"
            )
        )
        await conn.execute(
            text("UPDATE note SET content = '', has_text = false WHERE id = :id"),
            {"id": file_note.json()["id"]},
        )

    processing = NoteProcessing.configured(app.state.settings, app.state.cpu_pool)
    async with app.state.sessionmaker() as session:
        assert await reextract_notes(session=session, processing=processing) == 2

    for response, drug in ((json_note, "lisinopril"), (file_note, "amlodipine")):
        again = (await client.get(response.json()["url"], headers=clinician.headers)).json()
        assert (again["analysis_status"], again["analysis_error"]) == ("complete", None)
        assert again["extractor_version"] == EXTRACTOR_VERSION
        assert again["has_text"] is True
        assert drug in again["content"]
        assert [m["name"].lower() for m in again["derived"]["medications"]] == [drug]
        assert again["note_type"]["source"] == "classifier"


async def test_a_long_note_of_distinct_words_is_stored_and_searchable_by_its_beginning(
    hurried: httpx.AsyncClient, clinician: TestUser
) -> None:
    # About 2 MB of distinct words: their full-text vector would be past tsvector's 1 MiB.
    rng = random.Random(10)
    words = ["".join(rng.choices(string.ascii_lowercase, k=9)) for _ in range(200_000)]
    content = "Hypertension follow-up. " + " ".join(words)
    patient = await create_patient(hurried, clinician)
    url = f"/patients/{patient['id']}/notes"

    response = await hurried.post(
        url, json={"taken_at": "2024-03-15", "content": content}, headers=clinician.headers
    )

    assert response.status_code == 201, response.text[:300]
    assert len(response.json()["content"]) == len(content)
    found = await hurried.get(url, params={"q": "hypertension"}, headers=clinician.headers)
    assert [n["id"] for n in found.json()["items"]] == [response.json()["id"]]
