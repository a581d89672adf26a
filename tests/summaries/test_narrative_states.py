"""A model's narrative is stored as backed only when the state it gives each drug is the chart's:
"takes empagliflozin" where the notes only consider adding it, a drug given once, stopped or
tried in the past called current, and a drug no note names are refused (the narrative is
rewritten from the checked chart), while the same drugs told as an option, one dose, a stop or
the past stand. Through the fake OpenAI server, the real provider and a real arq worker."""

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from carechart.summaries.verify import check_narrative
from tests.conftest import TestUser
from tests.fakes.openai_server import FakeOpenAI, ok_with
from tests.summaries.conftest import patient_with_note, run_worker
from tests.summaries.test_narrative_claims import _evidence_of

# Labelled by hand: metformin and losartan current, lisinopril stopped, ceftriaxone given once,
# empagliflozin proposed, sertraline historical.
VISIT = (
    "Office Visit - Encounter Date: 2024-03-15\n"
    "Meds: metformin 500 mg PO BID, lisinopril 10 mg daily.\n"
    "Hx: depression; failed sertraline in 2019.\n"
    "A: Type 2 diabetes mellitus, above goal. Hypertension with cough on lisinopril. Dysuria.\n"
    "P: Continue metformin 500 mg PO BID. Stop lisinopril (cough); start losartan 25 mg daily. "
    "Ceftriaxone 1 g IM given once in clinic. Consider adding empagliflozin at the next visit if "
    "the A1c stays above 8. RTC 3 months.\n"
)


async def _narrative_report(
    client: httpx.AsyncClient, app: FastAPI, user: TestUser, fake: FakeOpenAI, narrative: str
) -> tuple[str, dict[str, Any]]:
    patient, note = await patient_with_note(client, user, content=VISIT)
    medication = {
        "text": "metformin 500 mg BID",
        "note_id": note["id"],
        "quote": "Continue metformin 500 mg PO BID",
        "name": "metformin",
        "dose": "500 mg BID",
        "status": "continued",
    }
    draft = {
        "problems": [],
        "medications": [medication],
        "allergies": [],
        "observations": [],
        "plans": [],
        "narrative": narrative,
    }
    fake.script(ok_with(draft))
    url = f"/patients/{patient['id']}/summary"
    await client.get(url, headers=user.headers)
    await run_worker(app)
    summary = (await client.get(url, headers=user.headers)).json()
    stored = await client.get(
        f"/patients/{patient['id']}/summaries/{summary['id']}", headers=user.headers
    )
    assert stored.json()["verification"] == summary["verification"]
    return summary["narrative"], summary["verification"]["narrative"]


@pytest.mark.parametrize(
    ("narrative", "reason"),
    [
        ("Type 2 diabetes; takes empagliflozin.", "describes a proposed drug as current"),
        (
            "Current medications: metformin, empagliflozin, losartan.",
            "describes a proposed drug as current",
        ),
        ("She remains on ceftriaxone for dysuria.", "describes a drug given once as current"),
        ("Continues lisinopril.", "describes a stopped drug as current"),
        ("Depression, on sertraline.", "describes a past drug as current"),
        ("Takes metformin and warfarin.", "names a drug no note or checked item mentions"),
        (
            "Was given empagliflozin in clinic.",
            "describes a drug only proposed as given or stopped",
        ),
    ],
)
async def test_a_narrative_giving_a_drug_a_state_the_chart_does_not_hold_is_not_stored_backed(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
    narrative: str,
    reason: str,
) -> None:
    text, report = await _narrative_report(
        openai_client, openai_app, clinician, fake_openai, narrative
    )
    assert report["status"] == "rewritten"
    assert reason in report["reasons"]
    assert narrative not in text
    assert "Narrative rewritten by Carechart" in text


@pytest.mark.parametrize(
    "narrative",
    [
        "On metformin and losartan. Consider adding empagliflozin if the A1c stays above 8.",
        "Was given ceftriaxone once in clinic for dysuria.",
        "Received ceftriaxone in clinic; lisinopril stopped for cough; losartan started.",
        "Previously tried sertraline. Empagliflozin may be started at the next visit.",
        "Current: metformin 500 mg PO BID; losartan 25 mg daily. Could add empagliflozin.",
    ],
)
async def test_a_narrative_telling_an_option_one_dose_a_stop_or_the_past_is_still_backed(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
    narrative: str,
) -> None:
    text, report = await _narrative_report(
        openai_client, openai_app, clinician, fake_openai, narrative
    )
    assert report == {"status": "backed", "reasons": []}
    assert text == narrative


# The shapes the read sets' local summaries showed that are no claim of a drug taken now (each
# was refused by a first version of the check): a hold or an avoidance of a drug in use, a plan
# after a switch, a dose still to be given, a lab named like a drug beside a resumed drug.
PLANS = (
    "Encounter Date: 2025-03-25\n"
    "Labs: Potassium 4.1.\n"
    "P: Continue metformin 500 mg PO BID. Continue acetaminophen 500 mg PRN. Resume furosemide "
    "20 mg daily. If afebrile 48 h, switch to ciprofloxacin. Consider carvedilol.\n"
)


@pytest.mark.parametrize(
    "narrative",
    [
        "- Metformin remains on hold until tomorrow.",
        "- Avoid NSAIDs (use acetaminophen).",
        "- Then weekly blood tests while on ciprofloxacin.",
        "- Carvedilol to be given in the evening once BPs stable.",
        "- BMP (creatinine, potassium after furosemide resumed).",
    ],
)
def test_a_hold_a_plan_or_a_lab_is_no_claim_of_a_drug_taken_now(narrative: str) -> None:
    assert check_narrative(narrative, _evidence_of(PLANS), [], 64) == []


@pytest.mark.parametrize(
    ("narrative", "reason"),
    [
        ("- Takes ciprofloxacin.", "describes a proposed drug as current"),
        ("Current: metformin; carvedilol.", "describes a proposed drug as current"),
        ("Carvedilol was stopped.", "describes a drug only proposed as given or stopped"),
    ],
)
def test_the_same_drugs_called_taken_or_stopped_are_still_refused(
    narrative: str, reason: str
) -> None:
    assert reason in check_narrative(narrative, _evidence_of(PLANS), [], 64)
