"""Each item is held to what it claims, not only to its quote being in the note: a problem the
note denies, a value of another test, a drug the note does not name, no allergies beside a
documented one, a drug called stopped that the chart keeps (or the reverse), and a follow-up the
quote does not book are never verified; the chart's open follow-ups a draft leaves out are put
back."""

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from carechart.notes.chart import ChartNote, build_chart
from carechart.notes.nlp import analyse
from carechart.summaries.picture import build_picture
from carechart.summaries.providers.base import SummaryDraft
from carechart.summaries.verify import Evidence, Identity, SourceText, verify

TODAY = date(2025, 3, 25)


def _evidence(*texts: str) -> Evidence:
    notes, sources = [], []
    for number, text in enumerate(texts):
        day = date(2025, 3, 4 + 7 * number)
        taken = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
        note = ChartNote(uuid.uuid4(), taken, "follow_up", None, None, True, analyse(text))
        notes.append(note)
        sources.append(SourceText(note.id, taken, (text,)))
    chart = build_chart(uuid.uuid4(), notes, TODAY)
    picture = build_picture(chart, {s.id: s.texts[0] for s in sources}, TODAY)
    return Evidence(sources, chart, picture, Identity(("Ann", "Lee"), "000000", date(1960, 1, 1)))


def _verified(evidence: Evidence, **sections: list[dict[str, Any]]) -> dict[str, Any]:
    empty: dict[str, Any] = {
        "problems": [],
        "medications": [],
        "allergies": [],
        "observations": [],
        "plans": [],
        "narrative": "",
    }
    draft = SummaryDraft.model_validate(empty | sections)
    done = verify(draft, evidence, age=65, lay=False, compose=lambda: "", composed_locally=True)
    return done.sections


def _one(evidence: Evidence, section: str, item: dict[str, Any], note: int = -1) -> dict[str, Any]:
    cited = {"note_id": str(evidence.sources[note].id)} | item
    found: dict[str, Any] = _verified(evidence, **{section: [cited]})[section][0]
    return found


# ---- problems the note denies, rules out or gives to a relative ----------------------------

REVIEW = (
    "Encounter Date: 2025-03-04\n"
    "CC: Follow-up.\n"
    "ROS: Denies chest pain. No shortness of breath or palpitations. Negative for fever.\n"
    "CTA chest: PE was ruled out.\n"
    "Family history: Mother with breast cancer. Father had colon cancer.\n"
    "PMH: Hypertension. Migraine in her 20s, none in years.\n"
    "A: Type 2 diabetes mellitus without complications. Sepsis (no pressors) complicated by "
    "lactic acidosis. Possible pneumonia, r/o tuberculosis.\n"
)
OWN_LINE_HEADINGS = (
    "Encounter Date: 2025-03-04\n"
    "FAMILY HISTORY:\n"
    "Coronary artery disease.\n"
    "Glaucoma.\n"
    "ASSESSMENT:\n"
    "Hypothyroidism.\n"
)
TRANSCRIPTION = (
    "HISTORY OF PRESENT ILLNESS:,  Flank pain. Her father has had kidney stones. She denies "
    "fever, chills, dysuria, vaginal discharge, or diarrhea.,PAST MEDICAL HISTORY:,  Migraines, "
    "hypothyroidism.,DIAGNOSIS:,  Right ureterolithiasis.\n"
)


def _problem(name: str, quote: str, status: str = "active") -> dict[str, Any]:
    return {"text": name, "name": name, "quote": quote, "status": status}


@pytest.mark.parametrize(
    ("text", "name", "quote"),
    [
        (REVIEW, "Chest pain", "Denies chest pain"),
        (REVIEW, "Chest pain", "chest pain"),
        (REVIEW, "Palpitations", "No shortness of breath or palpitations"),
        (REVIEW, "Fever", "Negative for fever"),
        (REVIEW, "PE", "PE was ruled out"),
        (REVIEW, "PE", "PE"),
        (REVIEW, "Breast cancer", "Mother with breast cancer"),
        (REVIEW, "Colon cancer", "colon cancer"),
        (REVIEW, "Tuberculosis", "r/o tuberculosis"),
        (OWN_LINE_HEADINGS, "Glaucoma", "Glaucoma"),
        (TRANSCRIPTION, "Kidney stones", "kidney stones"),
        (TRANSCRIPTION, "Diarrhea", "diarrhea"),
        # A family history under a heading in capitals only, on its own line or run in.
        ("FAMILY HISTORY\nBreast cancer - mother, age 60\n", "Breast cancer", "Breast cancer"),
        (",FAMILY HISTORY:, Breast cancer in mother.", "Breast cancer", "Breast cancer"),
        ("FAMILY HX\nColon cancer, age 52.\n", "Colon cancer", "Colon cancer"),
        (
            "PMH: HTN.\nFAMILY HISTORY\n  Type 2 diabetes (both parents)\n",
            "Type 2 diabetes",
            "Type 2 diabetes",
        ),
    ],
)
def test_a_problem_the_note_denies_rules_out_or_gives_a_relative_is_not_verified(
    text: str, name: str, quote: str
) -> None:
    item = _one(_evidence(text), "problems", _problem(name, quote))
    assert item["verification"] == "unverified", item
    assert any(r.startswith("the note") for r in item["reasons"])


@pytest.mark.parametrize(
    ("text", "name", "quote", "status"),
    [
        (REVIEW, "Hypertension", "Hypertension", "active"),
        (REVIEW, "Type 2 diabetes mellitus", "Type 2 diabetes mellitus without", "active"),
        (REVIEW, "Migraine", "Migraine in her 20s", "chronic"),
        (REVIEW, "Lactic acidosis", "lactic acidosis", "active"),
        (REVIEW, "Tuberculosis", "r/o tuberculosis", "uncertain"),
        (OWN_LINE_HEADINGS, "Hypothyroidism", "Hypothyroidism", "active"),
        (TRANSCRIPTION, "Hypothyroidism", "hypothyroidism", "chronic"),
        (TRANSCRIPTION, "Right ureterolithiasis", "Right ureterolithiasis", "active"),
        # A family history written on its heading's line, or ended by a blank line, ends there.
        ("Family history: noncontributory.\nHypertension.\n", "Hypertension", "Hypertension",
         "active"),
        ("FAMILY HISTORY:\nFather with MI.\n\n1. Hypertension.\n", "Hypertension",
         "Hypertension", "active"),
        # Denied in the review of systems, but the complaint of the visit elsewhere.
        ("CC: Chest pain since Monday.\nROS: Denies chest pain at rest.\n", "Chest pain",
         "chest pain", "active"),
        # A capitals heading after the family history is the one the problem stands under.
        ("FAMILY HISTORY\nMother with diabetes.\nASSESSMENT\nBreast cancer.\n",
         "Breast cancer", "Breast cancer", "active"),
        ("HISTORY OF PRESENT ILLNESS\nBreast cancer, on tamoxifen.\n", "Breast cancer",
         "Breast cancer", "active"),
    ],
)  # fmt: skip
def test_a_problem_the_note_gives_the_patient_is_verified(
    text: str, name: str, quote: str, status: str
) -> None:
    item = _one(_evidence(text), "problems", _problem(name, quote, status))
    assert item["verification"] == "verified", item


# ---- a lab or vital value belongs to the test it is given for ------------------------------

RESULTS = (
    "Encounter Date: 2025-03-04\n"
    "Vitals: BP 128/82, HR 72, Wt 82 kg.\n"
    "Labs: Potassium 4.1 mmol/L, Sodium 139, Creatinine 1.2 mg/dL, HbA1c 7.9 %, LDL 130 mg/dL, "
    "Hgb 10.1 g/dL.\n"
)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("LDL 7.9 (high)", "HbA1c 7.9 %"),
        ("Potassium 1.2", "Creatinine 1.2 mg/dL"),
        ("Creatinine 4.1 mg/dL", "Potassium 4.1 mmol/L"),
        ("HbA1c 7.9 mg/dL", "HbA1c 7.9 %"),
        ("Heart rate 139", "Sodium 139"),
        ("Hemoglobin 130", "LDL 130 mg/dL"),
        # A goal or stage beside it does not make another test's value its own.
        ("LDL 7.9 (goal < 100)", "HbA1c 7.9 %"),
        ("Creatinine 3 (CKD stage 3)", "Creatinine 1.2 mg/dL"),
        ("HbA1c 8.5 % (goal < 7)", "HbA1c 7.9 %"),
    ],
)
def test_a_value_of_another_test_or_in_another_unit_is_not_verified(text: str, quote: str) -> None:
    item = _one(_evidence(RESULTS), "observations", {"text": text, "quote": quote})
    assert item["verification"] == "unverified", item


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("HbA1c 7.9 % (high) on 2025-03-04", "HbA1c 7.9 %"),
        ("Potassium 4.1 mmol/L", "Potassium 4.1 mmol/L"),
        ("BP 128/82 mmHg", "BP 128/82"),
        ("blood pressure 128/82", "BP 128/82"),
        ("LDL 130", "LDL 130 mg/dL"),
        ("Hemoglobin 10.1 g/dL", "Hgb 10.1 g/dL"),
        ("heart rate 72", "HR 72"),
    ],
)
def test_a_value_of_the_test_it_names_is_verified(text: str, quote: str) -> None:
    item = _one(_evidence(RESULTS), "observations", {"text": text, "quote": quote})
    assert item["verification"] == "verified", item


GOALS = RESULTS + "A: DM2, goal < 7, target 6.5-7. HLD, goal <100. CKD stage 3a, eGFR > 60.\n"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("HbA1c 7.9 % (goal < 7)", "HbA1c 7.9 %"),
        ("HbA1c 7.9 %, target 6.5-7", "HbA1c 7.9 %"),
        ("LDL 130 mg/dL, goal <100", "LDL 130 mg/dL"),
        ("Creatinine 1.2 mg/dL (CKD stage 3)", "Creatinine 1.2 mg/dL"),
        ("Creatinine 1.2 mg/dL, CKD stage 3a, eGFR > 60", "Creatinine 1.2 mg/dL"),
        ("Potassium 4.1 mmol/L x2", "Potassium 4.1 mmol/L"),
    ],
)
def test_goals_limits_stages_and_counts_beside_a_result_are_not_results(
    text: str, quote: str
) -> None:
    item = _one(_evidence(GOALS), "observations", {"text": text, "quote": quote})
    assert item["verification"] == "verified", item


@pytest.mark.parametrize(
    ("text", "quote"),
    [("Potassium 4.6 on 2025-03-04", "K 4.6"), ("Magnesium 1.9", "Mg 1.9")],
)
def test_a_lab_named_after_a_drug_is_a_result_not_an_added_drug(text: str, quote: str) -> None:
    evidence = _evidence("Encounter Date: 2025-03-04\nLabs: Na 139, K 4.6, Mg 1.9, Cr 1.1.\n")
    item = _one(evidence, "observations", {"text": text, "quote": quote})
    assert item["verification"] == "verified", item


# ---- a drug the item's text adds ------------------------------------------------------------

VISIT = (
    "Encounter Date: 2025-03-04\n"
    "ALLERGIES: Penicillin (hives).\n"
    "A: Type 2 diabetes mellitus. Hypertension.\n"
    "Medications: Excedrin Migraine PRN.\n"
    "P: Continue metformin 500 mg PO BID. Stop lisinopril. RTC 3 months.\n"
)


def _med(text: str, name: str, status: str, quote: str) -> dict[str, Any]:
    return {"text": text, "name": name, "dose": None, "status": status, "quote": quote}


@pytest.mark.parametrize(
    ("section", "item"),
    [
        ("medications", _med("Continue metformin and start Ozempic", "metformin", "continued",
                             "Continue metformin 500 mg PO BID")),
        ("medications", _med("metformin with insulin glargine", "metformin", "continued",
                             "Continue metformin 500 mg PO BID")),
        ("problems", _problem("Type 2 diabetes mellitus on Jardiance", "Type 2 diabetes mellitus")
         | {"name": "Type 2 diabetes mellitus"}),
        ("allergies", {"text": "Penicillin (hives); also codeine", "quote": "Penicillin (hives)"}),
        ("plans", {"text": "Return in 3 months, start atorvastatin", "quote": "RTC 3 months",
                   "due": None, "state": "open"}),
    ],
)  # fmt: skip
def test_an_item_whose_text_adds_a_drug_the_note_does_not_name_is_not_verified(
    section: str, item: dict[str, Any]
) -> None:
    checked = _one(_evidence(VISIT), section, item)
    assert checked["verification"] == "unverified", checked


@pytest.mark.parametrize(
    ("section", "item"),
    [
        ("medications", _med("Continue metformin 500 mg twice daily", "metformin", "continued",
                             "Continue metformin 500 mg PO BID")),
        ("problems", _problem("Type 2 diabetes mellitus, on metformin", "Type 2 diabetes mellitus")
         | {"name": "Type 2 diabetes mellitus"}),
        ("allergies", {"text": "Penicillin (hives)", "quote": "Penicillin (hives)"}),
        # A combination's ingredients, where the note writes its brand.
        ("medications", _med("aspirin / acetaminophen / caffeine PRN",
                             "aspirin / acetaminophen / caffeine", "continued",
                             "Excedrin Migraine PRN")),
    ],
)  # fmt: skip
def test_an_item_whose_drugs_the_note_names_is_verified(section: str, item: dict[str, Any]) -> None:
    assert _one(_evidence(VISIT), section, item)["verification"] == "verified"


# ---- no known allergies beside a documented allergy -----------------------------------------

NO_ALLERGIES = "Encounter Date: 2025-03-04\nAllergies: NKDA.\nA: Hypertension.\n"
NO_ALLERGIES_LONG = "Encounter Date: 2025-03-04\nAllergies: No known drug allergies.\n"
LATER_ALLERGY = "Encounter Date: 2025-03-11\nAllergies: Sulfa (rash).\nA: Hypertension.\n"


@pytest.mark.parametrize(
    ("first", "text", "quote"),
    [
        (NO_ALLERGIES, "NKDA", "NKDA"),
        (NO_ALLERGIES, "No known drug allergies", "Allergies: NKDA"),
        (NO_ALLERGIES_LONG, "No allergies", "No known drug allergies"),
    ],
)
def test_no_known_allergies_is_not_verified_when_an_allergy_is_documented(
    first: str, text: str, quote: str
) -> None:
    evidence = _evidence(first, LATER_ALLERGY)
    item = _one(evidence, "allergies", {"text": text, "quote": quote}, note=0)
    assert item["verification"] == "unverified", item
    assert "allergies are documented" in " ".join(item["reasons"])


@pytest.mark.parametrize("first", [NO_ALLERGIES, NO_ALLERGIES_LONG])
def test_no_known_allergies_is_verified_when_none_is_documented(first: str) -> None:
    quote = "NKDA" if "NKDA" in first else "No known drug allergies"
    item = _one(_evidence(first), "allergies", {"text": "No known drug allergies", "quote": quote})
    assert item["verification"] == "verified", item


# ---- stopped or current, as the chart holds it ---------------------------------------------


@pytest.mark.parametrize(
    "item",
    [
        _med("metformin", "metformin", "stopped", "Continue metformin 500 mg PO BID"),
        _med("metformin", "metformin", "held", "Continue metformin 500 mg PO BID"),
        _med("Metformin was stopped", "metformin", "continued", "Continue metformin 500 mg PO BID"),
        _med("Discontinued metformin", "metformin", "changed", "metformin 500 mg"),
        _med("Continue lisinopril", "lisinopril", "continued", "Stop lisinopril"),
        _med("Still taking lisinopril daily", "lisinopril", "stopped", "Stop lisinopril"),
        # A taking word not denied still calls it current.
        _med(
            "Resumed lisinopril, not tolerating cough", "lisinopril", "stopped", "Stop lisinopril"
        ),
    ],
)
def test_a_drug_called_stopped_while_charted_current_or_the_reverse_is_not_verified(
    item: dict[str, Any],
) -> None:
    checked = _one(_evidence(VISIT), "medications", item)
    assert checked["verification"] == "unverified", checked


@pytest.mark.parametrize(
    ("item", "verification"),
    [
        (_med("lisinopril (stopped)", "lisinopril", "stopped", "Stop lisinopril"), "verified"),
        (_med("Continue metformin", "metformin", "continued", "Continue metformin"), "verified"),
        # A denied taking word does not call a stopped drug current.
        (
            _med("Lisinopril - not taking since March", "lisinopril", "stopped", "Stop lisinopril"),
            "verified",
        ),
        (
            _med("Lisinopril: do not restart", "lisinopril", "stopped", "Stop lisinopril"),
            "verified",
        ),
        (
            _med("Lisinopril - don't restart", "lisinopril", "stopped", "Stop lisinopril"),
            "verified",
        ),
        (
            _med("Declined to restart lisinopril", "lisinopril", "stopped", "Stop lisinopril"),
            "verified",
        ),
        (_med("Lisinopril never resumed", "lisinopril", "stopped", "Stop lisinopril"), "verified"),
        # Called current with no words saying so: the chart's status is put in.
        (_med("lisinopril", "lisinopril", "continued", "Stop lisinopril"), "corrected"),
    ],
)
def test_a_drug_as_the_chart_holds_it_is_verified_or_corrected(
    item: dict[str, Any], verification: str
) -> None:
    checked = _one(_evidence(VISIT), "medications", item)
    assert checked["verification"] == verification, checked


# ---- follow-ups: the quote books it, and none the chart holds is left out ------------------

PLANS = (
    "Encounter Date: 2025-03-04\n"
    "A: Metastatic pancreatic cancer. Discussed hospice; she declines for now.\n"
    "P: RTC 3 months. Cardiology referral placed. Refer to palliative care.\n"
)


def _plan(text: str, quote: str) -> dict[str, Any]:
    return {"text": text, "quote": quote, "due": None, "state": "open"}


@pytest.mark.parametrize(
    "item",
    [
        _plan("Hospice referral", "RTC 3 months"),
        _plan("Palliative care consult", "RTC 3 months"),
        _plan("Physical therapy referral", "Cardiology referral placed"),
        _plan("Sleep study in 3 months", "RTC 3 months"),
        _plan("Home health nursing visits", "RTC 3 months"),
        _plan("Hospice referral", "Refer to palliative care"),
    ],
)
def test_a_follow_up_the_quote_does_not_book_is_not_verified(item: dict[str, Any]) -> None:
    checked = _one(_evidence(PLANS), "plans", item)
    assert checked["verification"] == "unverified", checked


@pytest.mark.parametrize(
    "item",
    [
        _plan("Return to clinic in 3 months", "RTC 3 months"),
        _plan("Come back in 3 months", "RTC 3 months"),
        _plan("See cardiology", "Cardiology referral placed"),
        _plan("Palliative care referral", "Refer to palliative care"),
    ],
)
def test_a_reworded_follow_up_its_quote_books_is_verified(item: dict[str, Any]) -> None:
    assert _one(_evidence(PLANS), "plans", item)["verification"] == "verified"


def test_the_open_follow_ups_a_draft_leaves_out_are_put_back_from_the_chart() -> None:
    evidence = _evidence(PLANS)
    wanted = {f.cited.quote.rstrip(".") for f in evidence.picture.follow_ups}
    assert len(wanted) >= 3
    kept = {"note_id": str(evidence.sources[0].id)} | _plan("Return in 3 months", "RTC 3 months")
    plans = _verified(evidence, plans=[kept])["plans"]
    assert {p["quote"].rstrip(".") for p in plans} >= wanted
    added = [p for p in plans if p["text"] != "Return in 3 months"]
    assert len(added) == len(wanted) - 1
    assert all(p["verification"] == "corrected" for p in added)
    assert all("left out" in " ".join(p["reasons"]) for p in added)
    # Nothing is added twice, nor one the draft carries.
    assert len({p["quote"].rstrip(".") for p in plans}) == len(plans)


def test_a_draft_with_every_open_follow_up_gets_none_added() -> None:
    evidence = _evidence(PLANS)
    drafted = [
        {"note_id": str(evidence.sources[0].id)} | _plan(f.text, f.cited.quote)
        for f in evidence.picture.follow_ups
    ]
    plans = _verified(evidence, plans=drafted)["plans"]
    assert len(plans) == len(drafted)
    assert all(p["verification"] == "verified" for p in plans)
