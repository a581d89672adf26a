"""One verifier for every summary: planted errors from the fake OpenAI server are caught,
flagged or corrected, and the stored summary shows it."""

import uuid
from typing import Any

import httpx
from fastapi import FastAPI

from tests.conftest import TestUser
from tests.fakes.openai_server import FakeOpenAI, ok_with
from tests.summaries.conftest import patient_with_note, run_worker, summarised_patient

NOTE = (
    "Office Visit - Encounter Date: 2024-03-15\n"
    "Patient: Jonathan Collins, MRN 10001, DOB 05/23/1987\n"
    "ALLERGIES: Penicillin (hives).\n"
    "S: Returns for diabetes and blood pressure follow-up.\n"
    "O: BP 128/82. HbA1c 7.9 %.\n"
    "A: Type 2 diabetes mellitus. Hypertension.\n"
    "P: Continue metformin 500 mg PO BID. Continue lisinopril 10 mg PO daily. RTC 3 months.\n"
)


def _item(note_id: str, quote: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"text": text, "note_id": note_id, "quote": quote, **extra}


def _med(note_id: str, quote: str, name: str, dose: str, status: str) -> dict[str, Any]:
    return _item(note_id, quote, f"{name} {dose}", name=name, dose=dose, status=status)


def _draft(note_id: str, narrative: str) -> dict[str, Any]:
    return {
        "problems": [
            _item(
                note_id,
                "Type 2 diabetes mellitus",
                "Type 2 diabetes",
                name="Type 2 diabetes mellitus",
                status="active",
            ),
            # A made-up note id.
            _item(
                str(uuid.uuid4()),
                "Hypertension",
                "Hypertension",
                name="Hypertension",
                status="active",
            ),
        ],
        "medications": [
            _med(
                note_id,
                "Continue lisinopril 10 mg PO daily",
                "lisinopril",
                "10 mg daily",
                "continued",
            ),
            # A drug the notes never mention, with a real quote beside it.
            _med(
                note_id, "Continue metformin 500 mg PO BID", "warfarin", "5 mg daily", "continued"
            ),
            # Twice the written dose.
            _med(
                note_id, "Continue metformin 500 mg PO BID", "metformin", "1000 mg BID", "continued"
            ),
            # The documented allergen as a started drug.
            _med(note_id, "Penicillin (hives)", "penicillin", "500 mg four times a day", "started"),
        ],
        "allergies": [_item(note_id, "ALLERGIES: Penicillin (hives)", "Penicillin (hives)")],
        "observations": [_item(note_id, "BP 128/82", "BP 128/82")],
        "plans": [
            # A plan citing nothing.
            _item("", "", "Repeat lipid panel", due=None, state="open"),
            _item(note_id, "RTC 3 months", "Return in 3 months", due=None, state="open"),
        ],
        "narrative": narrative,
    }


async def _summary(
    client: httpx.AsyncClient, app: FastAPI, user: TestUser, fake: FakeOpenAI, narrative: str
) -> dict[str, Any]:
    patient, note = await patient_with_note(client, user, content=NOTE)
    fake.script(ok_with(_draft(note["id"], narrative)))
    url = f"/patients/{patient['id']}/summary"
    await client.get(url, headers=user.headers)
    await run_worker(app)
    answer = await client.get(url, headers=user.headers)
    assert answer.status_code == 200, answer.text
    summary: dict[str, Any] = answer.json()
    return summary


def _by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {(i["name"] or i["text"]).lower(): i for i in items}


async def test_planted_item_errors_are_caught_flagged_or_corrected_in_the_stored_summary(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
) -> None:
    summary = await _summary(
        openai_client, openai_app, clinician, fake_openai, "Type 2 diabetes on metformin."
    )
    meds = _by_name(summary["sections"]["medications"])
    assert meds["lisinopril"]["verification"] == "verified"
    assert meds["lisinopril"]["unverified"] is False
    assert meds["warfarin"]["verification"] == "unverified"
    assert "the cited note does not name it" in meds["warfarin"]["reasons"]
    assert meds["metformin"]["verification"] == "corrected"
    assert meds["metformin"]["dose"].startswith("500 mg")
    assert "1000" not in meds["metformin"]["text"]
    assert meds["penicillin"]["flags"] == ["allergy_conflict"]
    assert meds["penicillin"]["verification"] == "unverified"

    problems = _by_name(summary["sections"]["problems"])
    assert problems["type 2 diabetes mellitus"]["verification"] == "verified"
    assert problems["hypertension"]["verification"] == "unverified"
    assert problems["hypertension"]["citations"] == []
    assert "cites no note of this patient" in problems["hypertension"]["reasons"]

    plans = _by_name(summary["sections"]["plans"])
    assert plans["repeat lipid panel"]["unverified"] is True
    assert plans["return in 3 months"]["verification"] == "verified"

    report = summary["verification"]
    assert report["items"] == {"verified": 5, "corrected": 1, "unverified": 4}
    assert report["flagged"] == 1
    assert report["narrative"]["status"] == "backed"
    assert report["as_of"] == "2024-03-15"


async def test_a_narrative_with_invented_identity_drug_and_allergy_claim_is_rewritten(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
) -> None:
    narrative = (
        "Harold Baxter, MRN 4471298, is a 36-year-old man with diabetes on warfarin 5 mg daily. "
        "He has no known drug allergies."
    )
    summary = await _summary(openai_client, openai_app, clinician, fake_openai, narrative)
    text = summary["narrative"]
    for invented in ("Harold", "Baxter", "4471298", "warfarin", "no known drug allergies"):
        assert invented not in text
    assert "Narrative rewritten by Carechart" in text
    assert "Allergies: Penicillin" in text
    assert "As of 2024-03-15" in text
    report = summary["verification"]["narrative"]
    assert report["status"] == "rewritten"
    assert "names a drug no note or checked item mentions" in report["reasons"]
    assert "names a person the notes do not" in report["reasons"]
    assert (
        "says there are no known allergies although allergies are documented" in report["reasons"]
    )
    assert summary["verification"]["identifiers_removed"] >= 1


async def test_a_narrative_contradicting_the_items_is_rewritten(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
) -> None:
    narrative = "Metformin was stopped. Lisinopril 20 mg daily; penicillin was started."
    summary = await _summary(openai_client, openai_app, clinician, fake_openai, narrative)
    reasons = summary["verification"]["narrative"]["reasons"]
    assert summary["verification"]["narrative"]["status"] == "rewritten"
    assert "describes a current drug as stopped" in reasons
    assert "states a number or dose nothing backs" in reasons
    assert "describes a documented allergen as a medication" in reasons
    assert "Metformin was stopped" not in summary["narrative"]
    assert "metformin 500 mg" in summary["narrative"]


async def test_the_patients_own_identifiers_never_reach_the_stored_text(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
) -> None:
    narrative = "Jonathan Collins (MRN 10001, DOB 05/23/1987) has type 2 diabetes mellitus."
    summary = await _summary(openai_client, openai_app, clinician, fake_openai, narrative)
    stored = str(summary["narrative"]) + str(summary["sections"])
    for identifier in ("Jonathan", "Collins", "10001", "05/23/1987"):
        assert identifier not in stored
    assert summary["heading"]["name"] == "Jonathan Collins"
    assert summary["verification"]["identifiers_removed"] >= 3


async def test_a_local_summary_passes_its_own_verification(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    _, _, url = await summarised_patient(client, app, clinician, content=NOTE)
    summary = (await client.get(url, headers=clinician.headers)).json()
    report = summary["verification"]
    assert report["narrative"] == {"status": "backed", "reasons": []}
    assert report["items"]["unverified"] == 0
    assert "Allergies: Penicillin (hives)" in summary["narrative"]
