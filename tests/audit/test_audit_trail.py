"""The audit trail: every access to patient data is recorded, and no one can change it."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.conftest import TestUser, assert_problem, create_patient, walk_pages

MISSING_ID = "2f1c9a2e-0000-4000-8000-000000000000"


async def events(client: httpx.AsyncClient, admin: TestUser, **params: Any) -> list[dict[str, Any]]:
    """The whole trail matching `params`, newest first."""
    return await walk_pages(client, admin, "/audit-events", {"limit": 100, **params})


async def only_event(client: httpx.AsyncClient, admin: TestUser, request_id: str) -> dict[str, Any]:
    matching = [e for e in await events(client, admin) if e["request_id"] == request_id]
    assert len(matching) == 1, matching
    return matching[0]


def sent_id(name: str) -> dict[str, str]:
    return {"X-Request-ID": f"audit-{name}"}


async def test_each_patient_use_case_records_actor_action_resource_outcome_and_request_id(
    client: httpx.AsyncClient, admin: TestUser, clinician: TestUser
) -> None:
    started = datetime.now(UTC)
    h = {**clinician.headers}
    created = await client.post(
        "/patients",
        json={"given_name": "Ada", "family_name": "Lovelace", "date_of_birth": "1980-12-10"},
        headers={**h, **sent_id("create")},
    )
    pid = created.json()["id"]
    await client.get(f"/patients/{pid}", headers={**h, **sent_id("read")})
    await client.get("/patients", headers={**h, **sent_id("list")})
    await client.patch(
        f"/patients/{pid}", json={"sex": "female"}, headers={**h, **sent_id("update")}
    )
    await client.delete(f"/patients/{pid}", headers={**h, **sent_id("delete")})

    for action in ("create", "read", "list", "update", "delete"):
        event = await only_event(client, admin, f"audit-{action}")
        assert event["action"] == action
        assert event["actor_id"] == str(clinician.id)
        assert event["resource_type"] == "patient"
        assert event["outcome"] == "success"
        assert event["patient_ids"] == [pid]
        assert event["resource_id"] == (None if action == "list" else pid)
        occurred = datetime.fromisoformat(event["occurred_at"])
        assert started - timedelta(seconds=1) <= occurred <= datetime.now(UTC)


async def test_an_update_records_which_fields_changed_but_not_their_values(
    client: httpx.AsyncClient, admin: TestUser, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)

    await client.patch(
        f"/patients/{patient['id']}",
        json={"family_name": "Quimbyish"},
        headers={**clinician.headers, **sent_id("patch")},
    )

    event = await only_event(client, admin, "audit-patch")
    assert event["details"] == {"fields": ["family_name"]}
    assert "Quimbyish" not in str(event)


async def test_a_listing_records_which_patients_were_shown(
    client: httpx.AsyncClient, admin: TestUser, viewer: TestUser, clinician: TestUser
) -> None:
    shown = [await create_patient(client, clinician, given_name=f"P{i}") for i in range(3)]

    await client.get("/patients", params={"limit": 2}, headers={**viewer.headers, **sent_id("l")})

    event = await only_event(client, admin, "audit-l")
    assert event["actor_id"] == str(viewer.id)
    assert event["details"] == {"result_count": 2}
    assert set(event["patient_ids"]) < {p["id"] for p in shown}
    assert len(event["patient_ids"]) == 2


async def test_failed_attempts_are_recorded_with_their_outcome_and_change_nothing(
    client: httpx.AsyncClient, admin: TestUser, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician, mrn="MRN-A")
    other = await create_patient(client, clinician, mrn="MRN-B")
    h = clinician.headers

    await client.get(f"/patients/{MISSING_ID}", headers={**h, **sent_id("404")})
    await client.post(
        "/patients",
        json={"mrn": "MRN-A", "given_name": "X", "family_name": "Y", "date_of_birth": "2000-01-01"},
        headers={**h, **sent_id("409-create")},
    )
    await client.patch(
        f"/patients/{other['id']}", json={"mrn": "MRN-A"}, headers={**h, **sent_id("409-patch")}
    )
    await client.put(
        f"/patients/{patient['id']}",
        json={"mrn": "MRN-C", "given_name": "Z", "family_name": "Z", "date_of_birth": "2000-01-01"},
        headers={**h, **sent_id("412"), "If-Match": '"9"'},
    )
    await client.delete(
        f"/patients/{patient['id']}", headers={**h, **sent_id("412-delete"), "If-Match": '"9"'}
    )

    expected = {
        "404": ("read", "patient-not-found", MISSING_ID),
        "409-create": ("create", "duplicate-mrn", None),
        "409-patch": ("update", "duplicate-mrn", other["id"]),
        "412": ("update", "stale-etag", patient["id"]),
        "412-delete": ("delete", "stale-etag", patient["id"]),
    }
    for name, (action, outcome, resource_id) in expected.items():
        event = await only_event(client, admin, f"audit-{name}")
        assert (event["action"], event["outcome"]) == (action, outcome)
        assert event["resource_id"] == resource_id
        assert event["actor_id"] == str(clinician.id)
    listed = await client.get("/patients", params={"include_total": "true"}, headers=h)
    assert listed.json()["total"] == 2
    assert (await client.get(f"/patients/{patient['id']}", headers=h)).json() == patient
    assert (await client.get(f"/patients/{other['id']}", headers=h)).json() == other


async def test_the_event_is_committed_with_the_change_and_only_then(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    await create_patient(client, clinician)

    async with app.state.engine.connect() as conn:
        counts = (
            await conn.execute(
                text(
                    "SELECT (SELECT count(*) FROM patient), "
                    "(SELECT count(*) FROM audit_event WHERE action = 'create')"
                )
            )
        ).one()
    assert tuple(counts) == (1, 1)


@pytest.mark.parametrize("role", ["clinician", "viewer"])
async def test_only_admins_read_the_trail(
    client: httpx.AsyncClient, clinician: TestUser, viewer: TestUser, role: str
) -> None:
    user = clinician if role == "clinician" else viewer

    response = await client.get("/audit-events", headers=user.headers)

    assert_problem(response, 403, "role-not-allowed")


async def test_reading_the_trail_needs_a_token(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/audit-events"), 401, "not-authenticated")


async def test_the_trail_filters_by_patient_and_actor(
    client: httpx.AsyncClient, app: FastAPI, admin: TestUser, clinician: TestUser
) -> None:
    first = await create_patient(client, clinician)
    second = await create_patient(client, admin)
    await client.get(f"/patients/{first['id']}", headers=admin.headers)
    await client.get(f"/patients/{second['id']}", headers=clinician.headers)

    about_first = await events(client, admin, patient_id=first["id"])
    by_clinician = await events(client, admin, actor_id=str(clinician.id))
    both = await events(client, admin, patient_id=second["id"], actor_id=str(clinician.id))

    assert [(e["action"], e["actor_id"]) for e in about_first] == [
        ("read", str(admin.id)),
        ("create", str(clinician.id)),
    ]
    assert all(first["id"] in e["patient_ids"] for e in about_first)
    assert [(e["action"], e["resource_id"]) for e in by_clinician] == [
        ("read", second["id"]),
        ("create", first["id"]),
    ]
    assert [e["action"] for e in both] == ["read"]


async def test_the_trail_filters_by_time_after_inclusive_before_exclusive(
    client: httpx.AsyncClient, admin: TestUser, clinician: TestUser
) -> None:
    early = await create_patient(client, clinician)
    await asyncio.sleep(0.01)
    late = await create_patient(client, clinician)
    late_event = (await events(client, admin, patient_id=late["id"]))[0]
    boundary = late_event["occurred_at"]

    after = await events(client, admin, occurred_after=boundary)
    before = await events(client, admin, occurred_before=boundary)

    assert [e["id"] for e in after] == [late_event["id"]]
    assert [e["resource_id"] for e in before] == [early["id"]]


@pytest.mark.parametrize("name", ["patient_id", "actor_id", "occurred_after", "occurred_before"])
async def test_a_malformed_trail_filter_is_422(
    client: httpx.AsyncClient, admin: TestUser, name: str
) -> None:
    response = await client.get("/audit-events", params={name: "nope"}, headers=admin.headers)

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["query", name]


async def test_the_trail_pages_newest_first_through_every_event_once(
    client: httpx.AsyncClient, app: FastAPI, admin: TestUser, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    for _ in range(9):
        await client.get(f"/patients/{patient['id']}", headers=clinician.headers)
    async with app.state.engine.connect() as conn:
        stored = (
            await conn.execute(
                text("SELECT id FROM audit_event ORDER BY occurred_at DESC, id DESC")
            )
        ).scalars()
        expected = [str(i) for i in stored]

    paged = await walk_pages(client, admin, "/audit-events", {"limit": 3})

    assert len(expected) == 10
    assert [e["id"] for e in paged] == expected


async def test_reading_the_trail_is_not_itself_recorded(
    client: httpx.AsyncClient, admin: TestUser, clinician: TestUser
) -> None:
    await create_patient(client, clinician)

    first = await events(client, admin)
    second = await events(client, admin)

    assert first == second


async def test_a_trail_cursor_reused_with_another_filter_is_a_400_problem(
    client: httpx.AsyncClient, admin: TestUser, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    await client.get(f"/patients/{patient['id']}", headers=clinician.headers)
    page = (await client.get("/audit-events", params={"limit": 1}, headers=admin.headers)).json()

    response = await client.get(
        "/audit-events",
        params={"limit": 1, "cursor": page["next_cursor"], "actor_id": str(admin.id)},
        headers=admin.headers,
    )

    assert_problem(response, 400, "invalid-cursor")


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("target", ["collection", "item"])
async def test_no_endpoint_changes_or_deletes_the_trail(
    client: httpx.AsyncClient, admin: TestUser, clinician: TestUser, method: str, target: str
) -> None:
    await create_patient(client, clinician)
    before = await events(client, admin)
    path = "/audit-events" if target == "collection" else f"/audit-events/{before[0]['id']}"

    response = await client.request(method, path, json={"outcome": "forged"}, headers=admin.headers)

    assert response.status_code in {404, 405}
    assert_problem(response, response.status_code)
    assert await events(client, admin) == before


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET outcome = 'forged'",
        "DELETE FROM audit_event",
    ],
)
async def test_the_database_refuses_to_change_or_delete_audit_events(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser, statement: str
) -> None:
    await create_patient(client, clinician)

    with pytest.raises(DBAPIError, match="append-only"):
        async with app.state.engine.begin() as conn:
            await conn.execute(text(statement))

    async with app.state.engine.connect() as conn:
        rows = (await conn.execute(text("SELECT outcome FROM audit_event"))).scalars().all()
    assert rows == ["success"]
