"""Uploading notes as JSON or as files, and every way an upload can be refused."""

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import TestUser, assert_problem, create_patient
from tests.notes.helpers import note_count, upload_file

SOAP = (
    "SOAP Note - Encounter Date: 2024-03-15 (Follow-up)\n"
    "S: Pt returns for lipid f/u. Denies chest pain or SOB.\n"
    "O: BP 128/82, HR 72, Temp 98.6°F\n"
    "A: Hyperlipidemia\n"
    "P: Start atorvastatin 20 mg PO QD. RTC 3 months.\n"
    "Signed: Dr. Ana Rivera"
)


async def _json_note(
    client: httpx.AsyncClient, user: TestUser, patient_id: str, **overrides: Any
) -> httpx.Response:
    body: dict[str, Any] = {"taken_at": "2024-03-15T09:30:00Z", "content": SOAP}
    body.update(overrides)
    return await client.post(f"/patients/{patient_id}/notes", json=body, headers=user.headers)


async def test_json_note_is_stored_with_location_and_derived_data(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    response = await _json_note(client, clinician, patient["id"], title="Lipids")
    assert response.status_code == 201, response.text
    note = response.json()
    assert response.headers["location"] == f"/patients/{patient['id']}/notes/{note['id']}"
    assert note["taken_at"] == "2024-03-15T09:30:00Z"
    assert note["title"] == "Lipids"
    assert note["source"] == "json"
    assert note["has_text"] is True
    assert note["content"] == SOAP
    assert note["note_type"]["source"] == "classifier"
    assert note["file"]["sha256"] == hashlib.sha256(SOAP.encode()).hexdigest()
    assert note["derived"]["encounter_date"]["value"] == "2024-03-15"


# What differs between two notes of the same text: who and when, not what was answered.
_OWN = {"id", "patient_id", "url", "file_url", "created_at"}


async def test_a_json_note_is_answered_alike_on_its_one_statement_and_its_orm_paths(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    # Without an Idempotency-Key a JSON note is written by one statement; with one, through
    # the ORM. The 201 is the same, and is what a read of the stored note answers.
    one = await create_patient(client, clinician)
    two = await create_patient(client, clinician, given_name="Grace", family_name="Hopper")
    body = {"taken_at": "2024-03-15T09:30:00Z", "content": SOAP, "title": "Lipids"}
    plain = await client.post(f"/patients/{one['id']}/notes", json=body, headers=clinician.headers)
    keyed = await client.post(
        f"/patients/{two['id']}/notes",
        json=body,
        headers={**clinician.headers, "Idempotency-Key": "one-statement-or-orm"},
    )

    assert plain.status_code == keyed.status_code == 201, (plain.text, keyed.text)
    answered = {k: v for k, v in plain.json().items() if k not in _OWN}
    assert answered == {k: v for k, v in keyed.json().items() if k not in _OWN}
    for response in (plain, keyed):
        stored = await client.get(response.headers["location"], headers=clinician.headers)
        assert stored.json() == response.json()


async def test_note_type_sent_by_the_client_wins_and_is_marked(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    response = await _json_note(client, clinician, patient["id"], note_type="consult")
    assert response.status_code == 201
    assert response.json()["note_type"]["value"] == "consult"
    assert response.json()["note_type"]["source"] == "client"


@pytest.mark.parametrize(
    ("taken_at", "expected"),
    [
        ("2024-03-15", "2024-03-15T00:00:00Z"),
        ("2024-03-15T10:00:00", "2024-03-15T10:00:00Z"),
        ("2024-03-15T10:00:00+02:00", "2024-03-15T08:00:00Z"),
    ],
)
async def test_taken_at_date_alone_means_that_day_and_no_zone_means_utc(
    client: httpx.AsyncClient, clinician: TestUser, taken_at: str, expected: str
) -> None:
    patient = await create_patient(client, clinician)
    response = await _json_note(client, clinician, patient["id"], taken_at=taken_at)
    assert response.status_code == 201, response.text
    assert response.json()["taken_at"] == expected


async def test_taken_at_more_than_five_minutes_ahead_is_refused(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    future = (datetime.now(UTC) + timedelta(minutes=10)).isoformat()
    response = await _json_note(client, clinician, patient["id"], taken_at=future)
    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "taken_at"]
    assert await note_count(app) == 0


async def test_taken_at_a_minute_ahead_is_accepted_as_clock_skew(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    soon = (datetime.now(UTC) + timedelta(minutes=1)).isoformat()
    response = await _json_note(client, clinician, patient["id"], taken_at=soon)
    assert response.status_code == 201


@pytest.mark.parametrize("content", ["", "   \n\t  "])
async def test_empty_or_whitespace_note_is_refused(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI, content: str
) -> None:
    patient = await create_patient(client, clinician)
    response = await _json_note(client, clinician, patient["id"], content=content)
    assert_problem(response, 422)
    assert await note_count(app) == 0


async def test_unknown_json_field_is_refused(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    response = await _json_note(client, clinician, patient["id"], colour="blue")
    body = assert_problem(response, 422)
    # A key may be patient data: counted, not named (tests/core/test_validation_echoes_nothing).
    assert body["errors"] == [
        {
            "loc": ["body"],
            "msg": body["errors"][0]["msg"],
            "type": "extra_forbidden",
        }
    ]
    assert body["errors"][0]["msg"].startswith("1 unknown field sent")
    assert "colour" not in response.text


async def test_text_file_without_taken_at_uses_the_encounter_date_in_the_note(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    response = await upload_file(client, clinician, patient["id"], SOAP.encode())
    assert response.status_code == 201, response.text
    note = response.json()
    assert note["taken_at"] == "2024-03-15T00:00:00Z"
    assert note["source"] == "file"
    assert note["file"]["filename"] == "note.txt"
    assert note["file"]["media_type"].startswith("text/")


async def test_file_without_taken_at_or_encounter_date_is_refused_saying_so(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    response = await upload_file(client, clinician, patient["id"], b"S: cough for 3 days\nA: URI")
    body = assert_problem(response, 422, "missing-taken-at")
    assert "taken_at" in body["detail"]
    assert await note_count(app) == 0


async def test_a_date_in_the_narrative_is_no_encounter_date_so_taken_at_is_still_required(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    consult = (
        b"REASON FOR CONSULTATION: Kidney stone.\n"
        b"HISTORY OF PRESENT ILLNESS: Seen in the emergency department on 06/02/2025 with colic.\n"
    )
    response = await upload_file(client, clinician, patient["id"], consult)
    assert_problem(response, 422, "missing-taken-at")
    assert await note_count(app) == 0


async def test_taken_at_dates_the_relative_plans_of_a_note_without_a_date_line(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    visit = (
        "Assessment: Essential hypertension, improving on lisinopril.\n"
        "Plan: Continue lisinopril 10 mg daily. RTC 3 months with a BMP before the visit."
    )
    response = await _json_note(
        client, clinician, patient["id"], content=visit, taken_at="2025-01-31T16:00:00Z"
    )
    assert response.status_code == 201, response.text
    derived = response.json()["derived"]
    assert derived["encounter_date"] is None
    [follow_up] = [p for p in derived["plans"] if p["kind"] == "follow_up"]
    assert (follow_up["due"], follow_up["due_text"]) == ("2025-04-30", "3 months")
    assert "no encounter date found" not in derived["warnings"]


async def test_cp1252_mojibake_upload_is_repaired_but_the_original_bytes_are_kept(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    broken = SOAP.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    response = await upload_file(client, clinician, patient["id"], broken, taken_at="2024-03-15")
    assert response.status_code == 201, response.text
    note = response.json()
    assert "98.6°F" in note["content"]
    assert "Â°" not in note["content"]
    download = await client.get(note["file_url"], headers=clinician.headers)
    assert download.content == broken


async def test_same_bytes_twice_for_one_patient_is_a_conflict_pointing_at_the_first(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    first = await upload_file(client, clinician, patient["id"], SOAP.encode())
    second = await upload_file(client, clinician, patient["id"], SOAP.encode(), filename="copy.txt")
    body = assert_problem(second, 409, "duplicate-note")
    assert body["existing_note"] == first.json()["url"]
    assert second.headers["location"] == first.json()["url"]
    assert await note_count(app) == 1


async def test_allow_duplicate_stores_the_same_bytes_again_and_says_what_it_copies(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    first = await upload_file(client, clinician, patient["id"], SOAP.encode())
    again = await upload_file(
        client, clinician, patient["id"], SOAP.encode(), params={"allow_duplicate": "true"}
    )
    assert again.status_code == 201, again.text
    assert again.json()["duplicate_of"] == first.json()["id"]
    assert await note_count(app) == 2


async def test_same_bytes_for_another_patient_is_not_a_duplicate(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    one = await create_patient(client, clinician)
    two = await create_patient(client, clinician, given_name="Grace", family_name="Hopper")
    assert (await upload_file(client, clinician, one["id"], SOAP.encode())).status_code == 201
    assert (await upload_file(client, clinician, two["id"], SOAP.encode())).status_code == 201


async def test_unsupported_file_type_is_415_whatever_its_name(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    zipped = b"PK\x03\x04" + b"\x00" * 200
    response = await upload_file(
        client, clinician, patient["id"], zipped, filename="note.txt", taken_at="2024-03-15"
    )
    assert_problem(response, 415, "unsupported-file-type")
    assert await note_count(app) == 0


# Text a JSON note may hold whose bytes, sent as a file, are of a type no reader takes.
REFUSED_AS_FILES = [
    pytest.param(
        "MZ\u0090\u0001 This program cannot be run in DOS mode.\nBP 120/80",
        "setup.exe",
        "application/x-msdownload",
        id="executable",
    ),
    pytest.param("{\\rtf1\\ansi BP 128/82. Start metformin.}", "note.rtf", "text/rtf", id="rtf"),
    pytest.param("%!PS-Adobe-3.0\nBP 128/82", "note.ps", "application/postscript", id="postscript"),
    pytest.param(
        "\u0001\u0002\u0003\u0004\u0005\u0006 BP 120/80 \u0007\u0008\u000e\u000f",
        "note.bin",
        "application/octet-stream",
        id="control-bytes",
    ),
]


@pytest.mark.parametrize(("content", "filename", "media_type"), REFUSED_AS_FILES)
async def test_a_file_of_a_refused_type_is_415_even_when_it_copies_a_stored_note(
    client: httpx.AsyncClient,
    clinician: TestUser,
    app: FastAPI,
    content: str,
    filename: str,
    media_type: str,
) -> None:
    patient = await create_patient(client, clinician)
    stored = await _json_note(client, clinician, patient["id"], content=content)
    assert stored.status_code == 201, stored.text

    response = await upload_file(
        client, clinician, patient["id"], content.encode(), filename, media_type
    )

    assert_problem(response, 415, "unsupported-file-type")
    assert await note_count(app) == 1


async def test_a_text_file_copying_a_json_note_is_still_a_conflict(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    stored = await _json_note(client, clinician, patient["id"])

    response = await upload_file(client, clinician, patient["id"], SOAP.encode(), "note.exe")

    body = assert_problem(response, 409, "duplicate-note")
    assert body["existing_note"] == stored.json()["url"]
    assert await note_count(app) == 1


async def test_pdf_named_file_that_is_text_is_judged_by_its_content(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    response = await upload_file(
        client,
        clinician,
        patient["id"],
        SOAP.encode(),
        filename="scan.pdf",
        media_type="application/pdf",
    )
    assert response.status_code == 201, response.text
    assert response.json()["file"]["media_type"].startswith("text/")
    assert response.json()["file"]["declared_media_type"] == "application/pdf"


async def test_corrupt_pdf_is_422_with_a_clear_detail(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    response = await upload_file(
        client,
        clinician,
        patient["id"],
        b"%PDF-1.7\n%garbage that is not a pdf",
        filename="x.pdf",
        media_type="application/pdf",
        taken_at="2024-03-15",
    )
    body = assert_problem(response, 422, "corrupt-file")
    assert "PDF" in body["detail"]
    assert await note_count(app) == 0


async def test_upload_over_the_size_limit_is_413_and_nothing_is_stored(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    limit = app.state.settings.max_upload_bytes
    response = await upload_file(
        client, clinician, patient["id"], b"a" * (limit + 1), taken_at="2024-03-15"
    )
    assert_problem(response, 413, "content-too-large")
    assert await note_count(app) == 0


async def test_other_content_types_are_415(client: httpx.AsyncClient, clinician: TestUser) -> None:
    patient = await create_patient(client, clinician)
    response = await client.post(
        f"/patients/{patient['id']}/notes",
        content=SOAP.encode(),
        headers={**clinician.headers, "Content-Type": "text/plain"},
    )
    assert_problem(response, 415, "unsupported-content-type")


async def test_multipart_without_a_file_part_is_422(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    response = await client.post(
        f"/patients/{patient['id']}/notes",
        data={"taken_at": "2024-03-15"},
        files={"other": ("x.txt", b"hello", "text/plain")},
        headers=clinician.headers,
    )
    assert_problem(response, 422)


async def test_viewer_cannot_upload_and_unknown_patient_is_404(
    client: httpx.AsyncClient, clinician: TestUser, viewer: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    assert_problem(await _json_note(client, viewer, patient["id"]), 403)
    missing = "00000000-0000-4000-8000-000000000000"
    assert_problem(await _json_note(client, clinician, missing), 404, "patient-not-found")
