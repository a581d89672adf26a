"""Idempotency-Key on POST: a retry gets the first answer, never a second patient, note or job."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from starlette.types import Message, Receive, Scope, Send

from carechart.idempotency.service import purge_expired
from tests.conftest import TestUser, assert_problem, create_patient
from tests.summaries.conftest import SOAP, run_worker

PERSON = {"given_name": "Ada", "family_name": "Lovelace", "date_of_birth": "1980-12-10"}


def keyed(user: TestUser, key: str) -> dict[str, str]:
    return {**user.headers, "Idempotency-Key": key}


async def _count(app: FastAPI, table: str) -> int:
    async with app.state.engine.connect() as conn:
        return int((await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


async def test_a_retried_create_gets_the_first_answer_and_makes_one_patient(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    key = str(uuid.uuid4())
    first = await client.post("/patients", json=PERSON, headers=keyed(clinician, key))
    again = await client.post("/patients", json=PERSON, headers=keyed(clinician, key))

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert await _count(app, "patient") == 1


async def test_the_same_key_with_another_body_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    key = str(uuid.uuid4())
    await client.post("/patients", json=PERSON, headers=keyed(clinician, key))

    other = await client.post(
        "/patients", json={**PERSON, "given_name": "Grace"}, headers=keyed(clinician, key)
    )

    assert_problem(other, 422, "idempotency-key-reused")
    assert await _count(app, "patient") == 1


async def test_the_same_json_in_another_key_order_is_the_same_request(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    key = str(uuid.uuid4())
    reordered = dict(reversed(list(PERSON.items())))
    first = await client.post("/patients", json=PERSON, headers=keyed(clinician, key))
    again = await client.post("/patients", json=reordered, headers=keyed(clinician, key))

    assert again.json()["id"] == first.json()["id"]
    assert await _count(app, "patient") == 1


async def test_keys_belong_to_one_user_and_one_route(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser, admin: TestUser
) -> None:
    key = "shared-key-1"
    mine = await client.post("/patients", json=PERSON, headers=keyed(clinician, key))
    theirs = await client.post("/patients", json=PERSON, headers=keyed(admin, key))
    note = await client.post(
        f"/patients/{mine.json()['id']}/notes",
        json={"taken_at": "2024-03-15", "content": "A: Hypertension"},
        headers=keyed(clinician, key),
    )

    assert theirs.status_code == 201
    assert theirs.json()["id"] != mine.json()["id"]
    assert note.status_code == 201
    assert await _count(app, "patient") == 2


async def test_concurrent_requests_with_one_key_make_one_patient(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    key = str(uuid.uuid4())

    answers = await asyncio.gather(
        *(client.post("/patients", json=PERSON, headers=keyed(clinician, key)) for _ in range(10))
    )

    assert {a.status_code for a in answers} <= {201, 409}
    created = {a.json()["id"] for a in answers if a.status_code == 201}
    assert len(created) == 1
    for refused in (a for a in answers if a.status_code == 409):
        assert_problem(refused, 409, "idempotency-key-in-use")
        assert refused.headers["retry-after"] == "1"
    assert await _count(app, "patient") == 1


class LosesFirstResponse:
    """Between client and app, like a proxy whose upstream connection broke: the first
    request reaches the app (which commits), but its answer never reaches the client."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.lost = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.lost:
            await self.app(scope, receive, send)
            return
        self.lost += 1

        async def swallow(message: Message) -> None:
            return None

        await self.app(scope, receive, swallow)
        await send({"type": "http.response.start", "status": 502, "headers": []})
        await send({"type": "http.response.body", "body": b""})


@pytest.fixture
async def lossy(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=LosesFirstResponse(app))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def test_a_retry_after_a_committed_but_lost_answer_gets_that_answer(
    lossy: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    key = str(uuid.uuid4())
    lost = await lossy.post("/patients", json=PERSON, headers=keyed(clinician, key))
    assert lost.status_code == 502
    assert await _count(app, "patient") == 1  # it was written all the same

    retry = await lossy.post("/patients", json=PERSON, headers=keyed(clinician, key))

    assert retry.status_code == 201
    assert retry.headers["idempotent-replayed"] == "true"
    assert await _count(app, "patient") == 1


async def test_a_retried_file_upload_gets_the_first_note_despite_a_new_multipart_boundary(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    url, key = f"/patients/{patient['id']}/notes", str(uuid.uuid4())
    files = {"file": ("visit.txt", SOAP.encode(), "text/plain")}

    first = await client.post(url, files=files, headers=keyed(clinician, key))
    again = await client.post(url, files=files, headers=keyed(clinician, key))

    assert first.status_code == 201, first.text
    assert again.status_code == 201  # not 409 duplicate-note: it is the same request
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["location"] == first.headers["location"]
    assert await _count(app, "note") == 1


async def test_a_retried_summary_request_answers_as_the_first_did_and_shares_its_job(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    await client.post(
        f"/patients/{patient['id']}/notes",
        json={"taken_at": "2024-03-15", "content": SOAP},
        headers=clinician.headers,
    )
    url, key = f"/patients/{patient['id']}/summary", str(uuid.uuid4())
    first = await client.post(url, json={"force": True}, headers=keyed(clinician, key))
    await run_worker(app)

    again = await client.post(url, json={"force": True}, headers=keyed(clinician, key))

    assert first.status_code == again.status_code == 202
    assert again.json()["job_id"] == first.json()["job_id"]
    assert again.headers["location"] == first.headers["location"]
    assert await _count(app, "summary_job") == 1


async def test_stored_answers_hold_no_key_and_go_with_their_patient(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    key = f"key-{uuid.uuid4()}"
    created = await client.post("/patients", json=PERSON, headers=keyed(clinician, key))
    async with app.state.engine.connect() as conn:
        row = (await conn.execute(text("SELECT * FROM idempotency_record"))).one()._mapping
    stored = {k: v for k, v in row.items() if k != "body"}
    assert key not in str(stored)
    assert "Lovelace" not in str(stored)  # the request is kept as a digest only
    assert row["patient_id"] == uuid.UUID(created.json()["id"])

    deleted = await client.delete(f"/patients/{created.json()['id']}", headers=clinician.headers)

    assert deleted.status_code == 204
    assert await _count(app, "idempotency_record") == 0


async def test_after_24_hours_a_key_is_forgotten_and_purged(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    key = str(uuid.uuid4())
    first = await client.post("/patients", json=PERSON, headers=keyed(clinician, key))
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text("UPDATE idempotency_record SET expires_at = now() - interval '1 second'")
        )

    again = await client.post("/patients", json=PERSON, headers=keyed(clinician, key))
    assert again.status_code == 201
    assert again.json()["id"] != first.json()["id"]  # a new request: the old answer is gone
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text("UPDATE idempotency_record SET expires_at = now() - interval '1 s'")
        )
    async with app.state.sessionmaker() as session:
        assert await purge_expired(session=session) == 1
    assert await _count(app, "idempotency_record") == 0


@pytest.mark.parametrize("key", ["", "has space", "x" * 256, "caf\u00e9"])
async def test_a_malformed_key_is_refused(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser, key: str
) -> None:
    headers: dict[str, Any] = {**clinician.headers, "Idempotency-Key": key.encode()}

    response = await client.post("/patients", json=PERSON, headers=headers)

    assert_problem(response, 422, "validation-error")
    assert await _count(app, "patient") == 0


async def test_a_refused_request_is_not_remembered(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    await create_patient(client, clinician, mrn="MRN-1")
    key = str(uuid.uuid4())
    body = {**PERSON, "mrn": "MRN-1"}
    assert (
        await client.post("/patients", json=body, headers=keyed(clinician, key))
    ).status_code == 409
    async with app.state.engine.begin() as conn:
        await conn.execute(text("UPDATE patient SET mrn = 'MRN-2'"))

    retried = await client.post("/patients", json=body, headers=keyed(clinician, key))

    assert retried.status_code == 201
