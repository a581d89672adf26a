"""What a client learns of how an upload was read: encoding, repair, pages, OCR, why no text."""

import io
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from PIL import Image
from sqlalchemy import text

from carechart.main import create_app
from carechart.notes.analysis import NoteProcessing
from carechart.notes.service import reextract_notes
from tests.conftest import TestUser, create_patient
from tests.notes.ingest.support import image_bytes, scan, text_layer_pdf


@pytest.fixture
async def without_ocr(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app with OCR turned off (OCR_ENABLED=false), on the test database."""
    application = create_app(app.state.settings.model_copy(update={"ocr_enabled": False}))
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


async def _upload(
    client: httpx.AsyncClient, user: TestUser, data: bytes, filename: str, media_type: str
) -> dict[str, object]:
    patient = await create_patient(client, user)
    response = await client.post(
        f"/patients/{patient['id']}/notes",
        files={"file": (filename, io.BytesIO(data), media_type)},
        data={"taken_at": "2025-03-14"},
        headers=user.headers,
    )
    assert response.status_code == 201, response.text
    note: dict[str, object] = response.json()
    # What was answered at upload is what a later read and the listing show.
    read = await client.get(str(note["url"]), headers=user.headers)
    assert read.json()["ingest"] == note["ingest"]
    listing = await client.get(f"/patients/{patient['id']}/notes", headers=user.headers)
    assert listing.json()["items"][0]["ingest"] == note["ingest"]
    return note


async def test_text_file_with_mojibake_says_it_was_repaired_and_its_encoding(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    # UTF-8 text that was once decoded as cp1252 and saved again: "°" became "Â°".
    garbled = "S: Temp 98.2°F, afebrile.\nA: Viral URI".encode().decode("cp1252").encode()

    note = await _upload(client, clinician, garbled, "visit.txt", "text/plain")

    assert "98.2°F" in str(note["content"])
    assert note["ingest"] == {
        "encoding": "utf-8",
        "encoding_repaired": True,
        "pages": None,
        "ocr_confidence": None,
        "no_text_reason": None,
        "warnings": [],
    }


async def test_pdf_with_a_text_layer_reports_its_pages_and_no_ocr(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    pdf = text_layer_pdf("S: Cough for 3 days.", "P: Benzonatate 100 mg PO TID PRN.")

    note = await _upload(client, clinician, pdf, "visit.pdf", "application/pdf")

    assert note["extraction_method"] == "pdf_text_layer"
    assert note["ingest"] == {
        "encoding": None,
        "encoding_repaired": False,
        "pages": 2,
        "ocr_confidence": None,
        "no_text_reason": None,
        "warnings": [],
    }


async def test_png_read_by_ocr_reports_the_mean_confidence_of_its_words(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    note = await _upload(client, clinician, image_bytes(scan(), "PNG"), "scan.png", "image/png")

    ingest = note["ingest"]
    assert isinstance(ingest, dict)
    assert (note["extraction_method"], note["has_text"]) == ("ocr", True)
    assert (ingest["pages"], ingest["no_text_reason"], ingest["warnings"]) == (1, None, [])
    assert 50 < ingest["ocr_confidence"] <= 100
    assert ingest["ocr_confidence"] == note["ocr_confidence"]


async def test_blank_image_says_ocr_found_no_text(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    blank = image_bytes(Image.new("RGB", (400, 300), "white"), "PNG")

    note = await _upload(client, clinician, blank, "blank.png", "image/png")

    assert (note["has_text"], note["content"]) == (False, "")
    assert note["ingest"] == {
        "encoding": None,
        "encoding_repaired": False,
        "pages": 1,
        "ocr_confidence": None,
        "no_text_reason": "ocr_found_no_text",
        "warnings": ["no text found"],
    }


async def test_file_named_as_another_type_is_read_and_warned_about(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    note = await _upload(client, clinician, b"A: Hypertension", "scan.png", "image/png")

    ingest = note["ingest"]
    assert isinstance(ingest, dict)
    assert ingest["warnings"] == [
        "the content is text/plain, unlike the file name or declared type"
    ]


async def test_scanned_pdf_with_ocr_off_says_why_it_has_no_text(
    without_ocr: httpx.AsyncClient, clinician: TestUser
) -> None:
    scanned = image_bytes(scan(), "PDF")

    note = await _upload(without_ocr, clinician, scanned, "scan.pdf", "application/pdf")

    assert (note["has_text"], note["extraction_method"]) == (False, "none")
    assert note["ingest"] == {
        "encoding": None,
        "encoding_repaired": False,
        "pages": 1,
        "ocr_confidence": None,
        "no_text_reason": "ocr_disabled",
        "warnings": ["OCR unavailable: it is disabled", "no text found"],
    }


async def test_a_file_read_again_by_the_reextraction_says_how_it_was_read(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    note = await _upload(client, clinician, "A: Café au lait spots".encode("cp1252"), "n.txt", "")
    async with app.state.engine.begin() as conn:
        # As an upload whose reading ran past its limit leaves it.
        await conn.execute(
            text(
                "UPDATE note SET content = '', has_text = false, extraction_method = 'none', "
                "analysis_status = 'timed_out', extractor_version = 'none', "
                "no_text_reason = 'read_time_limit', text_encoding = NULL, ingest_warnings = NULL"
            )
        )
    processing = NoteProcessing.configured(app.state.settings, app.state.cpu_pool)
    async with app.state.sessionmaker() as session:
        assert await reextract_notes(session=session, processing=processing) == 1

    again = (await client.get(str(note["url"]), headers=clinician.headers)).json()
    assert (again["has_text"], again["content"]) == (True, "A: Café au lait spots")
    assert again["ingest"] == note["ingest"]  # as at upload: read from cp1252, with text
    assert isinstance(note["ingest"], dict)
    assert (note["ingest"]["encoding"], note["ingest"]["no_text_reason"]) == ("cp1252", None)
