"""Thousands of notes for one patient: listing, search, the chart and summaries keep answering.

The notes are copied in SQL from one uploaded through the API (same derived data), so that the
test spends its time on what the API does with them, not on uploading. It proves "keeps
answering", never a speed: bench/ measures speed, as ratios; a time bound here only flaked on a
loaded machine.
"""

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from tests.conftest import TestUser
from tests.summaries.conftest import patient_with_note, run_worker

NOTES = 2000


async def _copy_note(app: FastAPI, note_id: str, copies: int) -> None:
    """`copies` more notes like this one, a day apart, each with its own bytes."""
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text(
                """
                WITH copies AS (
                    SELECT gen_random_uuid() AS id, n FROM generate_series(1, :copies) AS n
                ), notes AS (
                    INSERT INTO note (id, patient_id, taken_at, title, author, note_type,
                        note_type_source, content, has_text, source, media_type,
                        extraction_method, ocr_confidence, content_sha256, filename,
                        declared_media_type, size_bytes, derived, extractor_version, created_by)
                    SELECT c.id, o.patient_id, o.taken_at - make_interval(days => c.n), o.title,
                        o.author, o.note_type, o.note_type_source,
                        o.content || E'\\nVisit ' || c.n, o.has_text, o.source, o.media_type,
                        o.extraction_method, o.ocr_confidence,
                        encode(sha256(convert_to(o.content || c.n, 'UTF8')), 'hex'), o.filename,
                        o.declared_media_type, o.size_bytes, o.derived, o.extractor_version,
                        o.created_by
                    FROM note o, copies c WHERE o.id = :note_id
                    RETURNING id
                )
                INSERT INTO note_file (note_id, data)
                SELECT id, convert_to('copied note', 'UTF8') FROM notes
                """
            ),
            {"copies": copies, "note_id": note_id},
        )


async def test_a_patient_with_thousands_of_notes_is_still_served(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    patient, note = await patient_with_note(client, clinician)
    await _copy_note(app, note["id"], NOTES - 1)
    base = f"/patients/{patient['id']}"
    headers = clinician.headers

    first = await client.get(
        f"{base}/notes", params={"limit": 100, "include_total": "true"}, headers=headers
    )
    assert first.status_code == 200
    assert first.json()["total"] == NOTES
    assert len(first.json()["items"]) == 100
    page = first.json()
    for _ in range(5):
        page = (
            await client.get(
                f"{base}/notes",
                params={"limit": 100, "cursor": page["next_cursor"]},
                headers=headers,
            )
        ).json()
    assert len(page["items"]) == 100

    found = await client.get(
        f"{base}/notes", params={"q": "atorvastatin", "limit": 5}, headers=headers
    )
    assert found.status_code == 200
    assert found.json()["items"]

    chart = await client.get(f"{base}/chart", headers=headers)
    assert chart.status_code == 200, chart.text
    assert chart.json()["generated_from"] == NOTES

    added = await client.post(
        f"{base}/notes",
        json={"taken_at": "2024-06-01", "content": "P: Continue atorvastatin."},
        headers=headers,
    )
    assert added.status_code == 201, added.text

    summary = await client.get(f"{base}/summary", headers=headers)
    assert summary.status_code == 202
    await run_worker(app)
    made = await client.get(f"{base}/summary", headers=headers)
    assert made.status_code == 200, made.text
    assert len(made.json()["sources"]) == NOTES + 1

    deleted = await client.delete(base, headers=headers)
    assert deleted.status_code == 204
    async with app.state.engine.connect() as conn:
        left = await conn.execute(text("SELECT count(*) FROM note"))
        assert left.scalar_one() == 0
