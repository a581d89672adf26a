"""Reconciliation across an encounter: which note's word on a drug or a problem the chart keeps.

Each rule is shown on short stories of two or three notes, written in several ways (no
database): an operation, an ED visit, a hospital stay, visits to the office.
"""

import dataclasses
import uuid

import pytest

from tests.notes.stories import chart_medication as _find
from tests.notes.stories import current_names as _current
from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

# --- A dose given at an operation or in the ED is never current --------------------------------

PREOP = _note(
    "2025-03-01T09:00:00",
    "PREOPERATIVE EVALUATION\nDate of Service: 03/01/2025\nCURRENT MEDICATIONS:\n"
    "1. Metoprolol tartrate 25 mg PO BID\n2. Ondansetron 4 mg PO q8h PRN nausea\n"
    "3. Ketorolac 10 mg PO q6h PRN pain\n4. Atorvastatin 40 mg PO nightly\n"
    "ASSESSMENT AND PLAN:\n1. Right hip osteoarthritis - right total hip arthroplasty.\n"
    "2. Hypertension - continue metoprolol.",
)

OPERATIONS = {
    "narrative": "OPERATIVE REPORT\nDate of Surgery: 03/05/2025\nPROCEDURE: Right total hip "
    "arthroplasty.\nDESCRIPTION OF PROCEDURE: Cefazolin 2 g IV was given before incision. "
    "Ondansetron 4 mg IV and ketorolac 30 mg IV were given at closure.",
    "capitals and fields": "OPERATIVE REPORT\nDATE OF SURGERY: 03/05/2025\nPROCEDURE: RIGHT "
    "TOTAL HIP ARTHROPLASTY\nANESTHESIA: Spinal.\nMEDICATIONS: Ancef 2 g IV, Zofran 4 mg IV, "
    "Toradol 30 mg IV.\nFINDINGS: Severe degenerative change of the femoral head.",
    "post-operative orders by vein": "OPERATIVE REPORT\nDate of Surgery: 03/05/2025\n"
    "PROCEDURE: Right total hip arthroplasty.\nPOSTOPERATIVE PLAN:\n- Cefazolin 2 g IV q8h x 2 "
    "doses\n- Ondansetron 4 mg IV q6h PRN nausea\n- Ketorolac 15 mg IV q6h x 24 hours",
}


@pytest.mark.parametrize("operation", OPERATIONS.values(), ids=OPERATIONS.keys())
def test_drugs_given_at_an_operation_are_never_current_whatever_earlier_notes_said(
    operation: str,
) -> None:
    chart = _chart(PREOP, _note("2025-03-05T09:00:00", operation))

    current = _current(chart)
    assert not current & {"cefazolin", "ondansetron", "ketorolac"}
    assert {"ondansetron", "ketorolac"} <= {m.name for m in chart.given_medications}
    # Home drugs the operation did not touch stay current.
    assert {"metoprolol", "atorvastatin"} <= current


def test_prescriptions_written_at_the_operation_start_drugs_to_take_home() -> None:
    operation = _note(
        "2025-03-05T09:00:00",
        "OPERATIVE REPORT\nDate of Surgery: 03/05/2025\nPROCEDURE: Laparoscopic "
        "cholecystectomy.\nDESCRIPTION OF PROCEDURE: Cefazolin 2 g IV before incision.\n"
        "DISCHARGE PRESCRIPTIONS:\n1. Oxycodone 5 mg PO q4h PRN severe pain #12\n"
        "2. Docusate 100 mg PO BID while taking oxycodone",
    )
    chart = _chart(PREOP, operation)

    assert {"oxycodone", "docusate"} <= _current(chart)
    assert "cefazolin" not in _current(chart)


def test_a_home_drug_given_at_the_operation_is_current_again_once_a_later_visit_continues_it() -> (
    None
):
    operation = _note(
        "2025-03-05T09:00:00",
        "OPERATIVE REPORT\nDate of Surgery: 03/05/2025\nPROCEDURE: Right total hip "
        "arthroplasty.\nDESCRIPTION OF PROCEDURE: Metoprolol 5 mg IV was given for a heart "
        "rate of 110.",
    )
    visit = _note(
        "2025-03-19T09:00:00",
        "POSTOPERATIVE VISIT\nDate of Service: 03/19/2025\nASSESSMENT AND PLAN:\n"
        "1. Hypertension - continue metoprolol tartrate 25 mg BID.",
    )

    assert "metoprolol" not in _current(_chart(PREOP, operation))
    assert "metoprolol" in _current(_chart(PREOP, operation, visit))


ED_VISITS = {
    "ED course": "EMERGENCY DEPARTMENT NOTE\nDate of Service: 04/01/2025\nED COURSE: Patient "
    "received Toradol 30 mg IV and ondansetron 4 mg IV with relief.\nASSESSMENT: Renal colic.",
    "medical decision making": "ED PROVIDER NOTE\nDATE OF SERVICE: 04/01/2025\nMEDICAL "
    "DECISION MAKING: Given ketorolac 30 mg IV x1 and Zofran 4 mg IV. Pain resolved.\n"
    "IMPRESSION: Right renal colic.",
}


@pytest.mark.parametrize("visit", ED_VISITS.values(), ids=ED_VISITS.keys())
def test_doses_of_an_ed_visit_are_never_current_even_for_a_drug_taken_at_home(
    visit: str,
) -> None:
    office = _note(
        "2025-02-01T09:00:00",
        "OFFICE VISIT\nDate of Service: 02/01/2025\nMEDICATIONS:\n- Lisinopril 10 mg daily\n"
        "- Ondansetron 4 mg ODT q8h PRN nausea\n- Ketorolac 10 mg PO q6h PRN",
    )
    chart = _chart(office, _note("2025-04-01T09:00:00", visit))

    assert _current(chart) == {"lisinopril"}
    assert {"ondansetron", "ketorolac"} <= {m.name for m in chart.given_medications}


HOME_AND_GIVEN = {
    "ED": "EMERGENCY DEPARTMENT NOTE\nDate of Service: 04/01/2025\nHOME MEDICATIONS: Lisinopril "
    "10 mg daily, Zofran 4 mg ODT PRN nausea.\nED COURSE: Patient received ondansetron 4 mg IV "
    "and morphine 4 mg IV with improvement.\nASSESSMENT: Right renal colic.",
    "infusion visit": "ONCOLOGY INFUSION VISIT\nCURRENT MEDICATIONS:\n - lisinopril 10 mg daily\n"
    " - ondansetron 8 mg PO q8h PRN\nTREATMENT GIVEN TODAY:\n - ondansetron 16 mg IV and "
    "dexamethasone 12 mg IV premedication\n - oxaliplatin 130 mg/m2 IV over 2 hours",
    "operation": "OPERATIVE REPORT\nHOME MEDICATIONS: Lisinopril 10 mg daily; ondansetron 4 mg "
    "PO PRN nausea.\nPROCEDURE: Laparoscopic cholecystectomy.\nDESCRIPTION OF PROCEDURE: "
    "Ondansetron 4 mg IV and morphine 4 mg IV were given at closure.",
}


@pytest.mark.parametrize("note", HOME_AND_GIVEN.values(), ids=HOME_AND_GIVEN.keys())
def test_a_home_drug_the_note_lists_and_also_gives_goes_on(note: str) -> None:
    """The home metoprolol given the morning of surgery: the note lists it as the patient's own,
    so a dose given there does not end it (the labelling guide's reading of writer C's notes)."""
    chart = _chart(_note("2025-04-01T09:00:00", note))

    assert {"lisinopril", "ondansetron"} <= _current(chart)
    assert not _current(chart) & {"morphine", "dexamethasone", "oxaliplatin"}


# --- A hospital stay and its discharge list ---------------------------------------------------

ADMISSION = _note(
    "2025-09-01T09:00:00",
    "HISTORY AND PHYSICAL\nDate of Admission: 09/01/2025\nHOME MEDICATIONS:\n"
    "1. Lisinopril 20 mg PO daily\n2. Metformin 1000 mg PO BID\n3. Atorvastatin 40 mg nightly\n"
    "ASSESSMENT AND PLAN:\n1. Heart failure - furosemide 40 mg IV BID.\n"
    "2. AKI - hold lisinopril.",
)


@pytest.mark.parametrize(
    "order",
    [
        "Heparin 5000 units SC q8h was given for DVT prophylaxis.",
        "DVT PROPHYLAXIS: heparin 5,000 units subcutaneously every 8 hours, given.",
        "Received heparin 5000 units SC TID.",
    ],
)
def test_an_order_repeated_through_the_stay_ends_with_the_discharge_list_that_leaves_it_out(
    order: str,
) -> None:
    progress = _note(
        "2025-09-03T09:00:00",
        f"PROGRESS NOTE\nDate of Service: 09/03/2025\nASSESSMENT AND PLAN:\n1. {order}\n"
        "2. Potassium chloride 40 mEq PO once given for K 3.2.",
    )
    discharge = _note(
        "2025-09-05T09:00:00",
        "DISCHARGE SUMMARY\nDate of Discharge: 09/05/2025\nDISCHARGE MEDICATIONS:\n"
        "CONTINUE: Metformin 1000 mg PO BID\nCONTINUE: Atorvastatin 40 mg nightly\n"
        "CHANGED: Furosemide 40 mg PO daily (new)\nHOLD: Lisinopril until PCP visit",
    )
    chart = _chart(ADMISSION, progress, discharge)

    heparin = _find(chart, "heparin")
    assert (heparin.status, heparin.stop_reason) == ("stopped", "ended_at_discharge")
    assert heparin.ended_at_discharge is not None
    assert heparin.ended_at_discharge.note_id == discharge.id
    # A single dose is what it was: given, not a drug the discharge stopped.
    assert _find(chart, "potassium chloride").status == "given"
    assert _current(chart) == {"metformin", "atorvastatin", "furosemide"}
    assert [m.name for m in chart.held_medications] == ["lisinopril"]


def test_a_drug_held_in_the_stay_and_resumed_on_the_discharge_list_is_current() -> None:
    discharge = _note(
        "2025-09-05T09:00:00",
        "DISCHARGE SUMMARY\nDate of Discharge: 09/05/2025\nDISCHARGE MEDICATIONS:\n"
        "1. Lisinopril 20 mg PO daily - RESUME\n2. Metformin 1000 mg PO BID - continue\n"
        "3. Atorvastatin 40 mg nightly - continue",
    )
    chart = _chart(ADMISSION, discharge)

    assert _current(chart) == {"lisinopril", "metformin", "atorvastatin"}
    assert _find(chart, "furosemide").stop_reason == "ended_at_discharge"


def test_an_admission_home_list_stays_current_until_a_later_note_changes_it() -> None:
    progress = _note(
        "2025-09-03T09:00:00",
        "PROGRESS NOTE\nDate of Service: 09/03/2025\nASSESSMENT AND PLAN:\n"
        "1. Heart failure - improving, continue IV furosemide.\n2. AKI - continue to hold "
        "lisinopril.",
    )
    chart = _chart(ADMISSION, progress)

    assert {"metformin", "atorvastatin"} <= _current(chart)
    assert [m.name for m in chart.held_medications] == ["lisinopril"]


# --- A later visit's list of current medications ----------------------------------------------

DISCHARGE = _note(
    "2025-09-05T09:00:00",
    "DISCHARGE SUMMARY\nDate of Discharge: 09/05/2025\nDISCHARGE MEDICATIONS:\n"
    "NEW: Acetaminophen 650 mg PO q6h PRN pain\nNEW: Metoprolol succinate 25 mg PO daily\n"
    "CONTINUE: Metformin 1000 mg PO BID\nCONTINUE: Atorvastatin 40 mg nightly",
)

LATER_LISTS = {
    "list then plan": "OFFICE VISIT\nDate of Service: 09/20/2025\nCURRENT MEDICATIONS:\n"
    "Metoprolol succinate 25 mg daily\nMetformin 1000 mg BID\nAtorvastatin 40 mg nightly\n"
    "ASSESSMENT AND PLAN:\n1. Heart failure - euvolemic, continue metoprolol.",
    "one line": "Follow-up Visit\nDOS: 09/20/2025\nMedications: metoprolol succinate 25 mg qd, "
    "metformin 1000 mg bid, Lipitor 40 mg qhs.\nAssessment: HFrEF, stable. Continue current "
    "medications.",
}


@pytest.mark.parametrize("visit", LATER_LISTS.values(), ids=LATER_LISTS.keys())
def test_a_later_visits_medication_list_supersedes_the_discharge_list(visit: str) -> None:
    office = _note("2025-09-20T09:00:00", visit)
    chart = _chart(ADMISSION, DISCHARGE, office)

    assert _current(chart) == {"metoprolol", "metformin", "atorvastatin"}
    dropped = _find(chart, "acetaminophen")
    assert (dropped.status, dropped.stop_reason) == ("stopped", "not_on_later_list")
    assert dropped.superseded_by is not None
    assert dropped.superseded_by.note_id == office.id
    assert dropped.ended_at_discharge is None


def test_a_later_note_without_a_medication_list_supersedes_nothing() -> None:
    call = _note(
        "2025-09-10T09:00:00",
        "TELEPHONE ENCOUNTER\nDate: 09/10/2025\nPatient called about dizziness. Advised to take "
        "metoprolol with food. Will see in clinic.",
    )
    chart = _chart(ADMISSION, DISCHARGE, call)

    assert _current(chart) == {"acetaminophen", "metoprolol", "metformin", "atorvastatin"}


def test_a_later_list_naming_the_parts_of_a_combination_keeps_it() -> None:
    first = _note(
        "2025-01-10T09:00:00",
        "OFFICE VISIT\nDate of Service: 01/10/2025\nMEDICATIONS:\n- Hyzaar 50-12.5 mg daily\n"
        "- Atorvastatin 20 mg daily",
    )
    later = _note(
        "2025-04-10T09:00:00",
        "OFFICE VISIT\nDate of Service: 04/10/2025\nMEDICATIONS:\n- Losartan 50 mg daily\n"
        "- Hydrochlorothiazide 12.5 mg daily\n- Atorvastatin 20 mg daily",
    )
    chart = _chart(first, later)

    assert "losartan / hydrochlorothiazide" in _current(chart)
    assert chart.stopped_medications == []


# --- One drug across brand, generic and combination names -------------------------------------


@pytest.mark.parametrize(
    ("first", "later"),
    [
        ("Hyzaar 50-12.5 mg daily", "losartan-hydrochlorothiazide 50-12.5 mg daily"),
        ("Tylenol 500 mg PRN", "acetaminophen 500 mg PRN"),
        ("Lipitor 20 mg nightly", "atorvastatin 20 mg nightly"),
    ],
)
def test_brand_and_generic_names_across_notes_are_one_medication(first: str, later: str) -> None:
    chart = _chart(
        _note("2025-01-10T09:00:00", f"OFFICE VISIT\nMEDICATIONS:\n- {first}\n- Aspirin 81 mg"),
        _note("2025-03-10T09:00:00", f"OFFICE VISIT\nMEDICATIONS:\n- {later}\n- Aspirin 81 mg"),
    )

    assert len(chart.current_medications) == 2
    merged = next(m for m in chart.current_medications if m.name != "aspirin")
    assert len(merged.sources) == 2


@pytest.mark.parametrize(
    ("first", "later", "combination"),
    [
        (
            "2. Long-term steroid use - start calcium/vitamin D.",
            "MEDICATIONS:\n  calcium carbonate 600 mg / vitamin D3 400 IU PO BID\n  "
            "prednisone 5 mg daily",
            "calcium carbonate / cholecalciferol",
        ),
        (
            "2. Hypertension - continue Hyzaar 50-12.5 mg daily.",
            "Medications: losartan 50 mg + hydrochlorothiazide 12.5 mg once daily; prednisone "
            "5 mg daily.",
            "hydrochlorothiazide / losartan",
        ),
    ],
)
def test_a_combination_a_later_note_writes_by_its_ingredients_is_one_medication(
    first: str, later: str, combination: str
) -> None:
    chart = _chart(
        _note(
            "2025-01-10T09:00:00",
            f"OFFICE VISIT\nASSESSMENT AND PLAN:\n1. Arthritis - prednisone 5 mg daily.\n{first}",
        ),
        _note("2025-04-10T09:00:00", f"OFFICE VISIT\n{later}\nASSESSMENT: Stable."),
    )

    names = sorted(m.name for m in chart.current_medications)
    assert len(names) == 2, names
    merged = next(m for m in chart.current_medications if m.name != "prednisone")
    assert " / ".join(sorted(merged.name.split(" / "))) == combination
    assert {s.taken_at.month for s in merged.sources} == {1, 4}


def test_an_ingredient_taken_on_its_own_after_the_combination_stays_its_own_drug() -> None:
    operation = _note(
        "2025-03-05T09:00:00",
        "OPERATIVE REPORT\nPROCEDURE: Open right inguinal hernia repair.\nDISCHARGE "
        "PRESCRIPTIONS:\n1. Norco 5/325 1 tab PO q6h PRN severe pain #10",
    )
    visit = _note(
        "2025-03-19T09:00:00",
        "POSTOPERATIVE VISIT\nSUBJECTIVE: Used hydrocodone for two days only, then stopped it. "
        "Now takes acetaminophen 500 mg as needed for soreness.\nASSESSMENT: Healing well.",
    )
    chart = _chart(operation, visit)

    assert "acetaminophen" in _current(chart)
    norco = _find(chart, "hydrocodone / acetaminophen")
    assert [s.note_id for s in norco.sources] == [operation.id]


def test_a_proposed_drug_is_current_once_a_later_note_starts_it_and_a_declined_one_never() -> None:
    first = _note(
        "2025-01-10T09:00:00",
        "OFFICE VISIT\nASSESSMENT AND PLAN:\n1. Insomnia - could try trazodone 50 mg at "
        "bedtime.\n2. Hypertension - continue amlodipine 5 mg daily.",
    )
    later = _note(
        "2025-02-10T09:00:00",
        "OFFICE VISIT\nASSESSMENT AND PLAN:\n1. Insomnia - start trazodone 50 mg at bedtime.\n"
        "2. Hypertension - continue amlodipine.",
    )

    assert _current(_chart(first)) == {"amlodipine"}
    assert _current(_chart(first, later)) == {"amlodipine", "trazodone"}


# --- Problems a later note finds absent --------------------------------------------------------

DENIED = {
    "ruled out": (
        "ED PROVIDER NOTE\nIMPRESSION:\n1. Community-acquired pneumonia.\n2. Hypertension.",
        "PROGRESS NOTE\nASSESSMENT AND PLAN:\n1. Pneumonia ruled out - CT chest shows "
        "atelectasis only.\n2. Hypertension - continue amlodipine.",
        "pneumonia",
    ),
    "denied at the next visit": (
        "URGENT CARE NOTE\nASSESSMENT:\n1. Fever.\n2. Hypertension.",
        "FOLLOW-UP VISIT\nSUBJECTIVE: Feels well. Denies fever or chills.\nASSESSMENT:\n"
        "1. Hypertension - at goal.",
        "fever",
    ),
    "absent on examination": (
        "OFFICE VISIT\nASSESSMENT AND PLAN:\n1. Bilateral lower extremity edema - furosemide.\n"
        "2. Hypertension.",
        "OFFICE VISIT\nEXAM: No lower extremity edema.\nASSESSMENT AND PLAN:\n"
        "1. Hypertension - stable.",
        "edema",
    ),
}


@pytest.mark.parametrize(("first", "later", "word"), DENIED.values(), ids=DENIED.keys())
def test_a_problem_a_later_note_finds_absent_leaves_the_active_list(
    first: str, later: str, word: str
) -> None:
    notes = (_note("2025-05-01T09:00:00", first), _note("2025-05-10T09:00:00", later))
    chart = _chart(*notes)

    assert not any(word in p.text.lower() for p in chart.problems)
    assert any(word in p.text.lower() for p in chart.resolved_problems)
    assert any("hypertension" in p.text.lower() for p in chart.problems)


def test_a_vague_denial_or_a_later_assessment_keeps_the_problem_active() -> None:
    first = _note("2025-05-01T09:00:00", "ED NOTE\nIMPRESSION:\n1. Chest pain, musculoskeletal.")
    # A call, which leaves the visit's problems standing (a visit that takes stock without the
    # symptom ends it: tests/notes/test_chart_problem_probes.py).
    vague = _note(
        "2025-05-10T09:00:00",
        "TELEPHONE NOTE\nPatient called: no pain today. Asks about BP log.\nASSESSMENT:\n"
        "1. Hypertension.",
    )
    again = _note(
        "2025-05-20T09:00:00",
        "OFFICE VISIT\nSUBJECTIVE: No chest pain at rest.\nASSESSMENT:\n1. Chest pain with "
        "exertion - stress test.",
    )

    assert any("chest pain" in p.text.lower() for p in _chart(first, vague).problems)
    assert any("chest pain" in p.text.lower() for p in _chart(first, again).problems)


# --- Notes taken at the same time ----------------------------------------------------------------


@pytest.mark.parametrize("first_id", [0, 1])
def test_notes_of_one_time_follow_the_course_of_the_encounter_whatever_their_ids(
    first_id: int,
) -> None:
    """A client that sends dates only gives the admission and the discharge one time: the
    discharge list still has the last word, whichever note's id sorts first."""
    admission = _note(
        "2025-09-05T00:00:00",
        "HISTORY AND PHYSICAL\nHOME MEDICATIONS:\n1. Lisinopril 20 mg PO daily\n"
        "2. Naproxen 500 mg PO BID\nASSESSMENT AND PLAN:\n1. Chest pain - observe. Continue "
        "lisinopril and naproxen.",
    )
    discharge = _note(
        "2025-09-05T00:00:00",
        "DISCHARGE SUMMARY\nDISCHARGE MEDICATIONS:\nCONTINUE: Lisinopril 20 mg PO daily\n"
        "STOP: Naproxen",
    )
    ids = sorted([uuid.uuid4(), uuid.uuid4()], key=str)
    admission = dataclasses.replace(admission, id=ids[first_id])
    discharge = dataclasses.replace(discharge, id=ids[1 - first_id])

    chart = _chart(discharge, admission)

    assert _current(chart) == {"lisinopril"}
    assert _find(chart, "naproxen").status == "stopped"
