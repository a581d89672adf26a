"""The seed loader: the admin and the sample patients with their notes, however often it runs."""

from collections.abc import Callable
from datetime import UTC, datetime, time
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

import seed.loader
from carechart.core.config import Settings
from carechart.notes.nlp import analyse
from seed.loader import NOTES_DIR, SamplePatient, load, sample_patients
from tests.conftest import TestUser, workers

INPATIENT = "samuel-whitfield"


async def _seed(app: FastAPI, settings: Settings, *, with_samples: bool = True) -> Any:
    async with app.state.sessionmaker() as session:
        return await load(
            session=session, settings=settings, with_samples=with_samples, **workers(app, settings)
        )


def _counts(report: Any) -> tuple[Any, ...]:
    return (
        report.admin_created,
        report.patients_created,
        report.patients_present,
        report.notes_created,
        report.notes_present,
    )


async def _rows(app: FastAPI, sql: str) -> list[Any]:
    async with app.state.engine.connect() as conn:
        return [tuple(row) for row in (await conn.execute(text(sql))).all()]


async def _patient_notes(
    client: httpx.AsyncClient, user: TestUser, sample: SamplePatient
) -> list[dict[str, Any]]:
    """The patient's notes through the API, oldest first, each with its text."""
    found = await client.get("/patients", params={"mrn": sample.patient.mrn}, headers=user.headers)
    [patient] = found.json()["items"]
    listing = await client.get(
        f"/patients/{patient['id']}/notes",
        params={"sort": "taken_at", "limit": 100},
        headers=user.headers,
    )
    assert listing.status_code == 200, listing.text
    notes = []
    for item in listing.json()["items"]:
        response = await client.get(item["url"], headers=user.headers)
        notes.append(response.json())
    return notes


def _expected_taken_at(sample: SamplePatient, filename: str) -> datetime:
    """The manifest's time, else the start of the encounter date written in the note."""
    [note] = [n for n in sample.notes if n.file == filename]
    if note.taken_at is not None:
        return note.taken_at
    found = analyse(sample.note_path(note).read_text(encoding="utf-8")).encounter_date
    assert found is not None, f"{filename} states no date and the manifest gives none"
    return datetime.combine(found.value, time(0), tzinfo=UTC)


def test_every_note_file_is_in_the_manifest_and_every_listed_file_exists() -> None:
    samples = sample_patients()
    listed = {sample.note_path(note) for sample in samples for note in sample.notes}
    on_disk = set(NOTES_DIR.glob("*/*.txt"))
    assert listed == on_disk
    assert {p.parent.name for p in on_disk} == {s.slug for s in samples}
    assert len(samples) >= 5
    for sample in samples:
        assert sample.patient.mrn is not None
        assert sample.patient.mrn.startswith("CC-SEED-")
        assert [n.file for n in sample.notes] == sorted(n.file for n in sample.notes)


async def test_loading_twice_creates_the_admin_once_and_no_duplicate_patients_or_notes(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient
) -> None:
    samples = sample_patients()
    note_count = sum(len(s.notes) for s in samples)

    first = await _seed(app, settings)
    second = await _seed(app, settings)

    assert _counts(first) == (True, len(samples), 0, note_count, 0)
    assert _counts(second) == (False, 0, len(samples), 0, note_count)
    admins = await _rows(app, "SELECT email, role FROM app_user")
    assert admins == [(settings.admin_email, "admin")]
    per_patient = await _rows(
        app,
        "SELECT p.mrn, count(n.id), count(n.duplicate_of) FROM patient p "
        "LEFT JOIN note n ON n.patient_id = p.id GROUP BY p.mrn",
    )
    assert sorted(per_patient) == sorted((s.patient.mrn, len(s.notes), 0) for s in samples)


async def test_a_note_stored_by_another_loader_meanwhile_is_counted_present_not_an_error(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    note_count = sum(len(s.notes) for s in sample_patients())
    await _seed(app, settings)

    async def nothing_stored_yet(*_: Any) -> set[str]:
        return set()

    # As if another loader stored every note between this loader's check and its upload.
    monkeypatch.setattr(seed.loader, "stored_hashes", nothing_stored_yet)
    again = await _seed(app, settings)

    assert (again.notes_created, again.notes_present) == (0, note_count)
    assert await _rows(app, "SELECT count(*) FROM note") == [(note_count,)]


async def test_every_seeded_note_has_text_a_classified_type_and_the_date_it_was_taken(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient, viewer: TestUser
) -> None:
    await _seed(app, settings)

    for sample in sample_patients():
        notes = await _patient_notes(client, viewer, sample)
        assert [n["file"]["filename"] for n in notes] == [n.file for n in sample.notes]
        for note in notes:
            filename = note["file"]["filename"]
            assert note["has_text"] is True, filename
            assert note["content"].strip(), filename
            assert note["note_type"]["source"] == "classifier", filename
            assert note["note_type"]["value"] != "other", filename
            assert note["note_type"]["cues"], filename
            assert note["author"], filename
            taken_at = datetime.fromisoformat(note["taken_at"])
            assert taken_at == _expected_taken_at(sample, filename), filename


async def test_the_inpatient_stay_reads_admission_then_progress_then_discharge_in_time_order(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient, viewer: TestUser
) -> None:
    await _seed(app, settings)
    [stay] = [s for s in sample_patients() if s.slug == INPATIENT]

    notes = await _patient_notes(client, viewer, stay)

    assert [n["note_type"]["value"] for n in notes] == [
        "admission",
        "progress",
        "progress",
        "discharge",
    ]
    taken = [datetime.fromisoformat(n["taken_at"]) for n in notes]
    assert taken == sorted(taken)
    assert len(set(taken)) == len(taken)
    assert [t.date().isoformat() for t in taken] == [
        "2025-03-03",
        "2025-03-04",
        "2025-03-05",
        "2025-03-06",
    ]


async def test_the_seed_logs_counts_and_never_a_name_an_mrn_or_note_text(
    app: FastAPI,
    settings: Settings,
    client: httpx.AsyncClient,
    captured_logs: Callable[[], str],
) -> None:
    await _seed(app, settings)

    logs = captured_logs().lower()
    for sample in sample_patients():
        assert sample.patient.family_name.lower() not in logs
        assert str(sample.patient.mrn).lower() not in logs
    for phrase in ("atrial fibrillation", "lisinopril", "hypothyroidism"):
        assert phrase not in logs


async def test_the_seeded_admin_signs_in_with_the_configured_password(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient
) -> None:
    report = await _seed(app, settings, with_samples=False)

    response = await client.post(
        "/auth/token",
        data={
            "username": settings.admin_email,
            "password": settings.admin_password.get_secret_value(),
        },
    )

    assert response.status_code == 200, response.text
    me = await client.get(
        "/auth/me", headers={"Authorization": f"Bearer {response.json()['access_token']}"}
    )
    assert me.json()["role"] == "admin"
    assert _counts(report) == (True, 0, 0, 0, 0)
    assert await _rows(app, "SELECT count(*) FROM patient") == [(0,)]
    assert await _rows(app, "SELECT count(*) FROM note") == [(0,)]
