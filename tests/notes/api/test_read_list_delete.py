"""Listing, searching, reading, downloading and deleting notes; never across patients."""

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from tests.conftest import TestUser, assert_problem, create_patient
from tests.notes.helpers import add_note


async def test_list_is_newest_first_and_pages_visit_every_note_once(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    ids = []
    for day in range(1, 8):
        # Pairs share a taken_at: the id breaks the tie so no note is skipped or repeated.
        note = await add_note(
            client,
            clinician,
            patient["id"],
            f"2024-03-{(day + 1) // 2:02d}",
            f"Progress note number {day}: stable.",
        )
        ids.append(note["id"])
    seen: list[str] = []
    url: str | None = f"/patients/{patient['id']}/notes?limit=3"
    while url:
        page = await client.get(url, headers=clinician.headers)
        assert page.status_code == 200, page.text
        body = page.json()
        seen += [n["id"] for n in body["items"]]
        assert body["has_more"] == (body["next_cursor"] is not None)
        assert "content" not in body["items"][0]
        url = (
            f"/patients/{patient['id']}/notes?limit=3&cursor={body['next_cursor']}"
            if body["next_cursor"]
            else None
        )
    assert sorted(seen) == sorted(ids)
    assert len(seen) == len(set(seen)) == 7
    assert seen[0] in ids[-2:]  # newest first: one of the two taken on the last day


async def test_list_sorts_oldest_first_on_request_and_filters_by_dates_and_type(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    a = await add_note(
        client,
        clinician,
        patient["id"],
        "2024-01-10",
        "Knee pain. Plan PT.",
        note_type="physical_therapy",
    )
    b = await add_note(
        client,
        clinician,
        patient["id"],
        "2024-02-10",
        "Flu vaccine given.",
        note_type="immunization",
    )
    c = await add_note(
        client, clinician, patient["id"], "2024-03-10", "Discharged home.", note_type="discharge"
    )
    base = f"/patients/{patient['id']}/notes"
    oldest = (await client.get(f"{base}?sort=taken_at", headers=clinician.headers)).json()
    assert [n["id"] for n in oldest["items"]] == [a["id"], b["id"], c["id"]]
    window = await client.get(
        f"{base}?taken_after=2024-02-01T00:00:00Z&taken_before=2024-03-01T00:00:00Z&include_total=true",
        headers=clinician.headers,
    )
    assert [n["id"] for n in window.json()["items"]] == [b["id"]]
    assert window.json()["total"] == 1
    typed = await client.get(f"{base}?note_type=discharge", headers=clinician.headers)
    assert [n["id"] for n in typed.json()["items"]] == [c["id"]]
    bad = await client.get(f"{base}?sort=title", headers=clinician.headers)
    assert "taken_at" in assert_problem(bad, 422)["errors"][0]["msg"]


async def test_a_listed_note_shows_what_its_read_shows_but_the_text_and_derived_data(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    classified = await add_note(
        client,
        clinician,
        patient["id"],
        "2024-03-10",
        "Emergency Department visit. Chief complaint: chest pain. Discharged home.",
    )
    typed = await add_note(
        client, clinician, patient["id"], "2024-03-11", "Seen today.", note_type="progress"
    )
    scanned = await client.post(
        f"/patients/{patient['id']}/notes",
        files={"file": ("scan.png", b"A: Hypertension", "image/png")},
        data={"taken_at": "2024-03-12"},
        headers=clinician.headers,
    )
    assert scanned.status_code == 201, scanned.text
    bare = await add_note(client, clinician, patient["id"], "2024-03-13", "Older row shape.")
    async with app.state.engine.begin() as conn:
        # A row stored before the classifier reported its confidence and cues.
        await conn.execute(
            text("UPDATE note SET derived = derived - 'note_type' WHERE id = :id"),
            {"id": bare["id"]},
        )
    base = f"/patients/{patient['id']}/notes"
    reads = {}
    for note in (classified, typed, scanned.json(), bare):
        read = (await client.get(note["url"], headers=clinician.headers)).json()
        reads[read["id"]] = {
            k: v for k, v in read.items() if k not in ("content", "derived", "extractor_version")
        }
    assert reads[classified["id"]]["note_type"]["cues"]
    assert reads[scanned.json()["id"]]["ingest"]["warnings"]
    assert reads[bare["id"]]["note_type"]["confidence"] == 1.0
    assert reads[bare["id"]]["note_type"]["cues"] == []
    # The one-statement listing (no filter) and the ORM listing (a total asked for) alike.
    for query in ("", "?sort=taken_at", "?include_total=true"):
        listed = (await client.get(f"{base}{query}", headers=clinician.headers)).json()
        assert {n["id"]: n for n in listed["items"]} == reads


async def test_full_text_search_finds_notes_by_words_and_their_stems(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    statin = await add_note(
        client,
        clinician,
        patient["id"],
        "2024-03-15",
        "A: Hyperlipidemia. P: Started atorvastatin 20 mg daily.",
    )
    await add_note(
        client, clinician, patient["id"], "2024-03-16", "A: Seasonal allergies. P: Loratadine."
    )
    base = f"/patients/{patient['id']}/notes"
    found = (await client.get(f"{base}?q=atorvastatin", headers=clinician.headers)).json()
    assert [n["id"] for n in found["items"]] == [statin["id"]]
    stemmed = (await client.get(f"{base}?q=start", headers=clinician.headers)).json()
    assert [n["id"] for n in stemmed["items"]] == [statin["id"]]
    none = (await client.get(f"{base}?q=insulin", headers=clinician.headers)).json()
    assert none["items"] == []


async def test_full_text_search_is_answered_from_the_gin_index(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO note (id, patient_id, taken_at, note_type, note_type_source, content,"
                " has_text, source, media_type, extraction_method, content_sha256, size_bytes,"
                " derived, extractor_version)"
                " SELECT gen_random_uuid(), :pid, now(), 'other', 'classifier',"
                " 'routine visit ' || g || CASE WHEN g % 500 = 0 THEN ' atorvastatin' ELSE '' END,"
                " true, 'json', 'text/plain', 'text', md5(g::text), 10, '{}', 'x'"
                " FROM generate_series(1, 3000) AS g"
            ),
            {"pid": patient["id"]},
        )
        await conn.execute(text("ANALYZE note"))
        plan = "\n".join(
            (
                await conn.execute(
                    text(
                        "EXPLAIN SELECT id FROM note WHERE patient_id = :pid"
                        " AND search @@ websearch_to_tsquery('english', 'atorvastatin')"
                    ),
                    {"pid": patient["id"]},
                )
            ).scalars()
        )
    assert "ix_note_search" in plan, plan


async def test_read_returns_text_and_derived_data_and_download_returns_the_bytes(
    client: httpx.AsyncClient, clinician: TestUser, viewer: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    response = await client.post(
        f"/patients/{patient['id']}/notes",
        files={"file": ("visite été.txt", b"Encounter Date: 2024-03-15\nS: ok", "text/plain")},
        headers=clinician.headers,
    )
    note = response.json()
    read = await client.get(note["url"], headers=viewer.headers)
    assert read.status_code == 200
    assert read.json()["content"].startswith("Encounter Date")
    assert "sections" in read.json()["derived"]
    download = await client.get(note["file_url"], headers=viewer.headers)
    assert download.status_code == 200
    assert download.content == b"Encounter Date: 2024-03-15\nS: ok"
    assert download.headers["content-type"].startswith("text/plain")
    disposition = download.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''visite%20%C3%A9t%C3%A9.txt" in disposition


async def test_a_note_is_never_reachable_through_another_patients_url(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    owner = await create_patient(client, clinician)
    other = await create_patient(client, clinician, given_name="Grace", family_name="Hopper")
    note = await add_note(client, clinician, owner["id"], "2024-03-15", "Private to the owner.")
    wrong = f"/patients/{other['id']}/notes/{note['id']}"
    assert_problem(await client.get(wrong, headers=clinician.headers), 404, "note-not-found")
    assert_problem(await client.get(f"{wrong}/file", headers=clinician.headers), 404)
    assert_problem(await client.delete(wrong, headers=clinician.headers), 404)
    still = await client.get(note["url"], headers=clinician.headers)
    assert still.status_code == 200


async def test_delete_removes_the_note_and_its_file(
    client: httpx.AsyncClient, clinician: TestUser, viewer: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    note = await add_note(client, clinician, patient["id"], "2024-03-15", "To be removed.")
    assert_problem(await client.delete(note["url"], headers=viewer.headers), 403)
    assert (await client.delete(note["url"], headers=clinician.headers)).status_code == 204
    assert_problem(await client.get(note["url"], headers=clinician.headers), 404)
    async with app.state.engine.connect() as conn:
        files = (await conn.execute(text("SELECT count(*) FROM note_file"))).scalar_one()
    assert files == 0


async def test_deleting_a_patient_removes_their_notes(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    await add_note(client, clinician, patient["id"], "2024-03-15", "Attached to the patient.")
    assert (
        await client.delete(f"/patients/{patient['id']}", headers=clinician.headers)
    ).status_code == 204
    async with app.state.engine.connect() as conn:
        notes = (await conn.execute(text("SELECT count(*) FROM note"))).scalar_one()
    assert notes == 0


async def test_note_reads_and_writes_are_audited_with_the_patient(
    client: httpx.AsyncClient, clinician: TestUser, admin: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    note = await add_note(client, clinician, patient["id"], "2024-03-15", "Audited note.")
    await client.get(note["url"], headers=clinician.headers)
    await client.get(note["file_url"], headers=clinician.headers)
    await client.delete(note["url"], headers=clinician.headers)
    events = (
        await client.get(f"/audit-events?patient_id={patient['id']}", headers=admin.headers)
    ).json()["items"]
    note_events = [(e["action"], e["outcome"]) for e in events if e["resource_type"] == "note"]
    assert note_events == [
        ("delete", "success"),
        ("download", "success"),
        ("read", "success"),
        ("create", "success"),
    ]
