"""Uploading PDFs and photos through the API: text layers, OCR with confidence, no text at all."""

import httpx
from fastapi import FastAPI
from PIL import Image

from tests.conftest import TestUser, assert_problem, create_patient
from tests.notes.helpers import upload_file
from tests.notes.ingest.support import SCAN_WORDS, image_bytes, scan, text_layer_pdf


async def test_pdf_text_layer_is_read_and_its_encounter_date_used(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    pdf = text_layer_pdf(
        "Encounter Date: 2025-03-14\nS: Cough for 3 days.\nA: Acute bronchitis\n"
        "P: Start benzonatate 100 mg PO TID PRN cough."
    )
    response = await upload_file(
        client, clinician, patient["id"], pdf, "visit.pdf", "application/pdf"
    )
    assert response.status_code == 201, response.text
    note = response.json()
    assert note["file"]["media_type"] == "application/pdf"
    assert note["extraction_method"] == "pdf_text_layer"
    assert note["taken_at"] == "2025-03-14T00:00:00Z"
    assert "benzonatate" in note["content"]
    assert note["ocr_confidence"] is None
    download = await client.get(note["file_url"], headers=clinician.headers)
    assert download.content == pdf
    assert download.headers["content-type"] == "application/pdf"


async def test_photo_of_a_note_is_read_by_ocr_with_its_confidence(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    photo = image_bytes(scan(), "JPEG", quality=90)
    response = await upload_file(
        client, clinician, patient["id"], photo, "photo.jpg", "image/jpeg", taken_at="2025-03-14"
    )
    assert response.status_code == 201, response.text
    note = response.json()
    assert note["extraction_method"] == "ocr"
    assert note["has_text"] is True
    assert note["ocr_confidence"] > 50
    words = note["content"].lower()
    assert all(word in words for word in SCAN_WORDS)


async def test_scanned_pdf_without_a_text_layer_goes_through_ocr(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    scanned = image_bytes(scan(), "PDF")
    response = await upload_file(
        client,
        clinician,
        patient["id"],
        scanned,
        "scan.pdf",
        "application/pdf",
        taken_at="2025-03-14",
    )
    assert response.status_code == 201, response.text
    assert response.json()["extraction_method"] == "pdf_ocr"
    assert "metoprolol" in response.json()["content"].lower()


async def test_image_with_no_text_is_stored_with_its_original_and_marked_as_such(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    blank = image_bytes(Image.new("RGB", (400, 300), "white"), "PNG")
    response = await upload_file(
        client, clinician, patient["id"], blank, "blank.png", "image/png", taken_at="2025-03-14"
    )
    assert response.status_code == 201, response.text
    note = response.json()
    assert note["has_text"] is False
    assert note["content"] == ""
    assert (await client.get(note["file_url"], headers=clinician.headers)).content == blank


async def test_image_without_text_or_taken_at_is_refused_asking_for_taken_at(
    client: httpx.AsyncClient, clinician: TestUser, app: FastAPI
) -> None:
    patient = await create_patient(client, clinician)
    blank = image_bytes(Image.new("RGB", (400, 300), "white"), "PNG")
    response = await upload_file(client, clinician, patient["id"], blank, "blank.png", "image/png")
    assert_problem(response, 422, "missing-taken-at")


async def test_truncated_image_is_422_saying_it_cannot_be_read(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    broken = image_bytes(scan(), "PNG")[:400]
    response = await upload_file(
        client, clinician, patient["id"], broken, "x.png", "image/png", taken_at="2025-03-14"
    )
    assert_problem(response, 422, "corrupt-file")
