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


PROPOSING = (
    "Office Visit - Encounter Date: 2024-03-15\n"
    "A: Type 2 diabetes mellitus, above goal. Hypertension.\n"
    "P: Continue metformin 500 mg PO BID. Consider adding empagliflozin at the next visit if the "
    "A1c stays above 8. RTC 3 months. Cardiology referral placed.\n"
)


def _claims(note_id: str, name: str, quote: str, status: str) -> dict[str, Any]:
    return _med(note_id, quote, name, "", status) | {"dose": None, "text": name}


async def test_a_model_claim_the_notes_do_not_support_is_stored_and_shown_unverified(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
) -> None:
    patient, note = await patient_with_note(openai_client, clinician, content=PROPOSING)
    nid = note["id"]
    suggested = "Consider adding empagliflozin at the next visit"
    plan = {"due": None, "state": "open"}
    draft = {
        "problems": [],
        "medications": [
            _claims(nid, "metformin", "Continue metformin 500 mg PO BID", "continued"),
            # An option the note only suggests, claimed as taken (worded three ways).
            _claims(nid, "empagliflozin", suggested, "continued"),
        ],
        "allergies": [],
        "observations": [],
        "plans": [
            _item(nid, "RTC 3 months", "Return to clinic in 3 months", **plan),
            _item(nid, "Cardiology referral placed", "See cardiology", **plan),
            # A quote that is in the note, beside a test the note never orders.
            _item(nid, "RTC 3 months", "Repeat CT chest in 3 months", **plan),
            _item(nid, "RTC 3 months", "Lipid panel before the 3-month visit", **plan),
            _item(nid, "RTC 3 months", "Start atorvastatin at the 3-month visit", **plan),
        ],
        "narrative": "Type 2 diabetes on metformin.",
    }
    fake_openai.script(ok_with(draft))
    url = f"/patients/{patient['id']}/summary"
    await openai_client.get(url, headers=clinician.headers)
    await run_worker(openai_app)
    summary = (await openai_client.get(url, headers=clinician.headers)).json()

    meds = _by_name(summary["sections"]["medications"])
    assert meds["metformin"]["verification"] == "verified"
    assert meds["empagliflozin"]["unverified"] is True
    assert any("not current" in r for r in meds["empagliflozin"]["reasons"])
    plans = {p["text"]: p for p in summary["sections"]["plans"]}
    assert plans["Return to clinic in 3 months"]["verification"] == "verified"
    assert plans["See cardiology"]["verification"] == "verified"
    for invented in (
        "Repeat CT chest in 3 months",
        "Lipid panel before the 3-month visit",
        "Start atorvastatin at the 3-month visit",
    ):
        assert plans[invented]["unverified"] is True, invented
    assert summary["verification"]["items"]["unverified"] == 4
    # Stored as served: the same summary read again by its own URL says the same.
    again = await openai_client.get(
        f"/patients/{patient['id']}/summaries/{summary['id']}", headers=clinician.headers
    )
    assert again.json()["sections"] == summary["sections"]


CLAIMS = (
    "Office Visit - Encounter Date: 2024-03-15\n"
    "ALLERGIES: Penicillin (hives).\n"
    "ROS: Denies chest pain. Family history: Mother with breast cancer.\n"
    "O: HbA1c 7.9 %. LDL 130 mg/dL.\n"
    "A: Type 2 diabetes mellitus. Hypertension.\n"
    "P: Continue metformin 500 mg PO BID. Stop lisinopril. RTC 3 months. Cardiology referral "
    "placed.\n"
)


async def test_claims_beyond_the_quote_are_stored_unverified_and_left_out_follow_ups_added(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
) -> None:
    patient, note = await patient_with_note(openai_client, clinician, content=CLAIMS)
    nid = note["id"]
    plan = {"due": None, "state": "open"}
    draft = {
        "problems": [
            _item(nid, "Denies chest pain", "Chest pain", name="Chest pain", status="active"),
            _item(nid, "breast cancer", "Breast cancer", name="Breast cancer", status="active"),
            _item(nid, "Hypertension", "Hypertension", name="Hypertension", status="active"),
        ],
        "medications": [
            _claims(nid, "lisinopril", "Stop lisinopril", "continued")
            | {"text": "Continue lisinopril"},
            _claims(nid, "metformin", "Continue metformin 500 mg PO BID", "stopped"),
        ],
        "allergies": [_item(nid, "Penicillin (hives)", "No known drug allergies")],
        "observations": [
            _item(nid, "HbA1c 7.9 %", "LDL 7.9"),
            _item(nid, "HbA1c 7.9 %", "HbA1c 7.9 %"),
        ],
        "plans": [
            _item(nid, "RTC 3 months", "Hospice referral", **plan),
            _item(nid, "RTC 3 months", "Return in 3 months; start Ozempic", **plan),
        ],
        "narrative": "Type 2 diabetes and hypertension.",
    }
    fake_openai.script(ok_with(draft))
    url = f"/patients/{patient['id']}/summary"
    await openai_client.get(url, headers=clinician.headers)
    await run_worker(openai_app)
    summary = (await openai_client.get(url, headers=clinician.headers)).json()
    sections = summary["sections"]

    problems = _by_name(sections["problems"])
    assert problems["chest pain"]["unverified"] is True
    assert problems["breast cancer"]["unverified"] is True
    assert problems["hypertension"]["verification"] == "verified"
    meds = _by_name(sections["medications"])
    assert meds["lisinopril"]["unverified"] is True
    assert meds["metformin"]["unverified"] is True
    assert sections["allergies"][0]["unverified"] is True
    observations = {o["text"]: o for o in sections["observations"]}
    assert observations["LDL 7.9"]["unverified"] is True
    assert observations["HbA1c 7.9 %"]["verification"] == "verified"
    plans = {p["text"]: p for p in sections["plans"]}
    assert plans["Hospice referral"]["unverified"] is True
    assert plans["Return in 3 months; start Ozempic"]["unverified"] is True
    # Neither drafted follow-up stands: both open ones come back from the chart, cited.
    added = [p for p in sections["plans"] if p["verification"] == "corrected"]
    assert {p["quote"].rstrip(".") for p in added} == {"RTC 3 months", "Cardiology referral placed"}
    assert all(p["citations"][0]["note_id"] == nid for p in added)
    assert summary["verification"]["items"]["unverified"] == 8
