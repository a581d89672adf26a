"""What a clinician reconciling a patient's notes keeps off the current list: drugs only an
encounter had going (an operation, an ED visit, a stay), courses whose stated length has run out,
and proposals nobody has taken up yet.

Each rule is shown on short stories of two or three notes, written in several ways (no
database).
"""

from datetime import date

import pytest

from carechart.notes.nlp import MedicationStatus
from carechart.notes.nlp.courses import course_length
from tests.notes.stories import chart_medication as _find
from tests.notes.stories import current_names as _current
from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

# --- A drug only an encounter had going is a drug of that encounter ----------------------------

# A child admitted for orbital cellulitis: weight-based orders of the stay, beside a home drug.
STAYS = {
    "orders in the plan": "ADMISSION HISTORY AND PHYSICAL\nDate of Admission: 12/20/2025\n"
    "HISTORY OF PRESENT ILLNESS: 6-year-old with left periorbital swelling for 2 days.\n"
    "HOME MEDICATIONS: Cetirizine 5 mg PO daily.\n"
    "ASSESSMENT AND PLAN:\n1. Orbital cellulitis - start ampicillin-sulbactam 810 mg IV q6h.\n"
    "2. Pain and fever - acetaminophen 240 mg PO q6h PRN (15 mg/kg); ibuprofen 160 mg PO q6h "
    "PRN (10 mg/kg).",
    "capitals, a progress note after": "ADMISSION H&P\nADMISSION DATE: 12/20/2025\n"
    "MEDICATIONS AT HOME: CETIRIZINE 5 MG DAILY\nPLAN:\n- START AMPICILLIN-SULBACTAM 810 MG IV "
    "EVERY 6 HOURS\n- ACETAMINOPHEN 240 MG PO EVERY 6 HOURS AS NEEDED\n"
    "- IBUPROFEN 160 MG PO EVERY 6 HOURS AS NEEDED",
}
STAY_PROGRESS = _note(
    "2025-12-21T09:00:00",
    "PROGRESS NOTE - HOSPITAL DAY 2\nDate of Service: 12/21/2025\nSUBJECTIVE: Swelling "
    "better.\nASSESSMENT AND PLAN:\n1. Orbital cellulitis - improving, continue "
    "ampicillin-sulbactam.",
)
WELL_VISIT = _note(
    "2026-08-18T10:00:00",
    "WELL CHILD VISIT\nDate of Service: 08/18/2026\nHISTORY: Admitted in December for orbital "
    "cellulitis, recovered fully.\nCURRENT MEDICATIONS: Cetirizine 5 mg daily.\n"
    "ASSESSMENT: Healthy 7-year-old.\nPLAN: Routine care, return in 1 year.",
)


@pytest.mark.parametrize("admission", STAYS.values(), ids=STAYS.keys())
def test_drugs_only_a_past_stay_ordered_are_given_there_not_current(admission: str) -> None:
    stay = _note("2025-12-20T20:00:00", admission)
    chart = _chart(stay, STAY_PROGRESS, WELL_VISIT)

    assert _current(chart) == {"cetirizine"}
    for name in ("ampicillin / sulbactam", "acetaminophen", "ibuprofen"):
        assert _find(chart, name).status is MedicationStatus.GIVEN, name
    # Started there and continued the next day: the stay's drug, its latest order cited.
    antibiotic = _find(chart, "ampicillin / sulbactam")
    assert antibiotic.given_during is not None
    assert antibiotic.given_during.note_id == STAY_PROGRESS.id
    assert antibiotic.stop_reason is None
    assert _find(chart, "cetirizine").given_during is None


def test_drugs_of_a_stay_that_is_still_the_latest_news_stay_current() -> None:
    # No note after the stay: its orders are what the patient receives now.
    stay = _note("2025-12-20T20:00:00", STAYS["orders in the plan"])
    chart = _chart(stay, STAY_PROGRESS)

    assert {"ampicillin / sulbactam", "cetirizine"} <= _current(chart)
    assert all(m.given_during is None for m in chart.given_medications)


# An ED visit whose course treated chest pain, then a visit to the office.
ED_VISITS = {
    "ED course narrative": "EMERGENCY DEPARTMENT NOTE\nDate of Service: 02/10/2025\n"
    "HOME MEDICATIONS: Atorvastatin 40 mg daily.\n"
    "ED COURSE: Nitroglycerin 0.4 mg SL was started every 5 minutes for chest pain with relief; "
    "heparin infusion started.\nDISPOSITION: Discharged home after negative troponins.",
    "medical decision making": "ED NOTE\nDATE OF SERVICE: 02/10/2025\nMEDICATIONS: "
    "atorvastatin 40 mg daily\nMEDICAL DECISION MAKING: Started nitroglycerin 0.4 mg SL q5 min "
    "x3 and a heparin drip per ACS protocol.\nDISPOSITION: Home.",
}
OFFICE_AFTER_ED = _note(
    "2025-02-24T10:00:00",
    "FOLLOW-UP VISIT\nDate of Service: 02/24/2025\nSeen in the ED two weeks ago for chest "
    "pain, stress test normal.\nMEDICATIONS: Atorvastatin 40 mg daily.\nASSESSMENT: Chest pain, "
    "resolved.\nPLAN: Continue atorvastatin.",
)


@pytest.mark.parametrize("visit", ED_VISITS.values(), ids=ED_VISITS.keys())
def test_what_an_ed_course_started_is_not_current_after_the_visit(visit: str) -> None:
    chart = _chart(_note("2025-02-10T08:00:00", visit), OFFICE_AFTER_ED)

    assert _current(chart) == {"atorvastatin"}
    assert "nitroglycerin" not in _current(chart)


# Orders that leave with the patient: a list, a prescription, words of a drug taken at home.
CARRIED_HOME = {
    "discharge prescriptions": "EMERGENCY DEPARTMENT NOTE\nDate of Service: 05/14/2025\n"
    "ED COURSE: Cellulitis of the left leg, first dose given.\n"
    "DISCHARGE PRESCRIPTIONS:\n1. Cephalexin 500 mg PO QID\n",
    "sent home with": "EMERGENCY DEPARTMENT NOTE\nDate of Service: 05/14/2025\n"
    "ED COURSE: Cellulitis of the left leg. Sent home with cephalexin 500 mg PO QID.",
    "operative plan": "OPERATIVE REPORT\nDate of Surgery: 05/14/2025\nPROCEDURE: Excision of "
    "an infected sebaceous cyst, left leg.\nPLAN: Start cephalexin 500 mg PO QID. Wound check "
    "next week.",
}


@pytest.mark.parametrize("encounter", CARRIED_HOME.values(), ids=CARRIED_HOME.keys())
def test_a_drug_an_encounter_sends_home_with_the_patient_stays_current(encounter: str) -> None:
    later = _note(
        "2025-05-16T10:00:00",
        "TELEPHONE NOTE\nDate of Service: 05/16/2025\nLeg less red. Reviewed wound care.",
    )
    chart = _chart(_note("2025-05-14T08:00:00", encounter), later)

    assert "cephalexin" in _current(chart)
    assert _find(chart, "cephalexin").given_during is None


def test_a_home_drug_a_stay_continues_stays_current_after_the_stay() -> None:
    admission = _note(
        "2025-09-04T20:00:00",
        "ADMISSION H&P\nDate of Admission: 09/04/2025\nHISTORY OF PRESENT ILLNESS: Takes "
        "apixaban 5 mg BID for atrial fibrillation.\nPLAN:\n1. Pneumonia - start ceftriaxone 1 g "
        "IV daily.\n2. Atrial fibrillation - continue apixaban 5 mg BID.",
    )
    visit = _note(
        "2025-10-02T10:00:00",
        "OFFICE VISIT\nDate of Service: 10/02/2025\nPneumonia resolved.\nPLAN: Recheck in 3 "
        "months.",
    )
    chart = _chart(admission, visit)

    assert "apixaban" in _current(chart)
    assert _find(chart, "ceftriaxone").status is MedicationStatus.GIVEN


# --- A course with a stated length ends when that length has passed ----------------------------

COURSES = {
    "x 7 days": ("Start doxycycline 100 mg PO BID x 7 days.", "doxycycline", date(2025, 3, 7)),
    "for ten days": (
        "Nitrofurantoin 100 mg PO BID for ten days.",
        "nitrofurantoin",
        date(2025, 3, 10),
    ),
    "5-day course": ("Start a 5-day course of azithromycin 250 mg daily.", "azithromycin", None),
    "taper over 12 days": (
        "Start prednisone taper over 12 days, beginning at 40 mg.",
        "prednisone",
        date(2025, 3, 12),
    ),
    "steps of a taper": (
        "Prednisone 40 mg daily x 5 days, then 20 mg daily x 5 days, then stop.",
        "prednisone",
        date(2025, 3, 10),
    ),
}


@pytest.mark.parametrize(("order", "drug", "last_day"), COURSES.values(), ids=COURSES.keys())
def test_a_course_whose_stated_length_passed_before_the_latest_note_is_completed(
    order: str, drug: str, last_day: date | None
) -> None:
    visit = _note(
        "2025-03-01T10:00:00",
        "OFFICE VISIT\nDate of Service: 03/01/2025\nMEDICATIONS: Lisinopril 10 mg daily.\n"
        f"PLAN: {order} Continue lisinopril 10 mg daily.",
    )
    later = _note(
        "2025-04-15T10:00:00",
        "FOLLOW-UP VISIT\nDate of Service: 04/15/2025\nFeels well. Blood pressure at goal.\n"
        "PLAN: Return in 6 months.",
    )
    chart = _chart(visit, later)

    ended = _find(chart, drug)
    assert (ended.status, ended.stop_reason) == (MedicationStatus.STOPPED, "course_completed")
    if last_day is not None:
        assert ended.course_end == last_day
    assert ended.course_end is not None
    assert ended.course_end < date(2025, 4, 15)
    assert "lisinopril" in _current(chart)


def test_a_course_still_running_at_the_latest_note_stays_current() -> None:
    visit = _note(
        "2025-03-01T10:00:00",
        "OFFICE VISIT\nDate of Service: 03/01/2025\nPLAN: Start amoxicillin 500 mg PO TID x 10 "
        "days.",
    )
    call = _note(
        "2025-03-05T10:00:00",
        "TELEPHONE NOTE\nDate of Service: 03/05/2025\nEar pain better. Tolerating it.",
    )
    chart = _chart(visit, call)

    assert "amoxicillin" in _current(chart)
    assert _find(chart, "amoxicillin").course_end is None


def test_a_course_a_later_note_has_going_again_is_not_ended_by_the_first() -> None:
    first = _note(
        "2025-03-01T10:00:00",
        "OFFICE VISIT\nDate of Service: 03/01/2025\nPLAN: Start doxycycline 100 mg PO BID x 7 "
        "days.",
    )
    again = _note(
        "2025-03-20T10:00:00",
        "OFFICE VISIT\nDate of Service: 03/20/2025\nRash back. PLAN: Continue doxycycline 100 mg "
        "PO BID.",
    )
    later = _note(
        "2025-04-20T10:00:00",
        "TELEPHONE NOTE\nDate of Service: 04/20/2025\nDoing well.",
    )
    chart = _chart(first, again, later)

    assert "doxycycline" in _current(chart)


@pytest.mark.parametrize(
    "text",
    [
        "Start sertraline 25 mg PO daily x 7 days, then 50 mg daily",
        "Increase vitamin D to 4,000 IU daily for 8 weeks, then back to 2,000 IU",
        "Lokelma 10 g daily for 2 more days, then reassess",
        "MiraLAX 17 g PO daily PRN no BM x 2 days",
        "has been taking ibuprofen for 2 weeks",
        "metformin 500 mg daily",
        "phenylephrine 2.5%, 1 drop x3 at 5-minute intervals",
    ],
)
def test_orders_that_state_no_end_have_no_course_length(text: str) -> None:
    assert course_length(text) is None


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("doxycycline 100 mg BID x 7 days", 7),
        ("Keflex 500 mg QID x7d", 7),
        ("nitrofurantoin 100 mg BID for five days", 5),
        ("terbinafine 250 mg daily for 6 weeks", 42),
        ("a 5-day course of azithromycin", 5),
        ("oxycodone 5 mg at bedtime as needed for 1 week, then stop; continue the rest", 7),
        ("prednisone 40 mg x 5 days, then 20 mg x 5 days, then off", 10),
    ],
)
def test_stated_course_lengths_add_up_to_their_days(text: str, days: int) -> None:
    length = course_length(text)
    assert length is not None
    assert length.days == days


# --- A proposal stays a proposal until a later note shows the drug taken -----------------------

PROPOSALS = {
    "consult letter": "RHEUMATOLOGY CONSULTATION\nDate of Service: 03/06/2025\n"
    "MEDICATIONS: Methotrexate 15 mg weekly.\nRECOMMENDATIONS: Consider adding "
    "hydroxychloroquine 200 mg BID if synovitis persists. Continue methotrexate.",
    "options in capitals": "RHEUMATOLOGY CONSULT\nDATE OF SERVICE: 03/06/2025\n"
    "MEDICATIONS: METHOTREXATE 15 MG WEEKLY\nRECOMMENDATIONS: HYDROXYCHLOROQUINE COULD BE "
    "ADDED IF SYNOVITIS PERSISTS. CONTINUE METHOTREXATE.",
    "letter to the GP": "Dear Dr. Amari,\nDate: 03/06/2025\nI saw your patient today. She "
    "takes methotrexate 15 mg weekly. I would suggest hydroxychloroquine 200 mg twice daily "
    "as a next step if her wrists stay swollen.\nYours sincerely,\nDr. Lenz",
}
PCP_LIST = _note(
    "2025-04-10T10:00:00",
    "OFFICE VISIT\nDate of Service: 04/10/2025\nCURRENT MEDICATIONS:\n1. Methotrexate 15 mg "
    "weekly\n2. Folic acid 1 mg daily\nASSESSMENT: Rheumatoid arthritis, stable.",
)


@pytest.mark.parametrize("consult", PROPOSALS.values(), ids=PROPOSALS.keys())
def test_a_consultants_proposal_stays_proposed_while_no_note_shows_it_taken(consult: str) -> None:
    chart = _chart(_note("2025-03-06T10:00:00", consult), PCP_LIST)

    assert "hydroxychloroquine" not in _current(chart)
    proposal = _find(chart, "hydroxychloroquine")
    assert proposal.status is MedicationStatus.PROPOSED
    assert proposal.stop_reason is None  # a later list that leaves it out stops nothing
    assert "methotrexate" in _current(chart)


@pytest.mark.parametrize("consult", PROPOSALS.values(), ids=PROPOSALS.keys())
def test_a_proposal_a_later_note_shows_taken_becomes_current(consult: str) -> None:
    taken = _note(
        "2025-05-01T10:00:00",
        "OFFICE VISIT\nDate of Service: 05/01/2025\nCURRENT MEDICATIONS:\n1. Methotrexate 15 mg "
        "weekly\n2. Hydroxychloroquine 200 mg BID, started 04/2025\nASSESSMENT: Rheumatoid "
        "arthritis, improving.\nPLAN: Continue hydroxychloroquine.",
    )
    chart = _chart(_note("2025-03-06T10:00:00", consult), taken)

    assert {"hydroxychloroquine", "methotrexate"} <= _current(chart)


# Lists whose heading says what the encounter gave, not what the patient takes.
GIVEN_LISTS = {
    "intra-procedure medications": (
        "PROCEDURE NOTE\nDate of Service: 06/02/2025\nPROCEDURE: Colonoscopy.\n"
        "Medications (intra-procedure): midazolam 2 mg IV, fentanyl 50 mcg IV, glucagon 0.5 mg "
        "IV.\nFINDINGS: Two small polyps removed.\nPLAN: Resume diet.",
        "glucagon",
    ),
    "inpatient MAR": (
        "PROGRESS NOTE - HOSPITAL DAY 3\nDate of Service: 06/02/2025\n"
        "Current Medications (inpatient MAR):\n1. Piperacillin-tazobactam 3.375 g IV q8h\n"
        "2. Heparin 5,000 units SC q8h\nASSESSMENT AND PLAN: Cholangitis, improving.",
        "piperacillin / tazobactam",
    ),
}


@pytest.mark.parametrize(("encounter", "drug"), GIVEN_LISTS.values(), ids=GIVEN_LISTS.keys())
def test_a_list_of_what_the_encounter_gave_is_no_home_list(encounter: str, drug: str) -> None:
    visit = _note(
        "2025-06-20T10:00:00",
        "FOLLOW-UP VISIT\nDate of Service: 06/20/2025\nMEDICATIONS: Lisinopril 10 mg daily.\n"
        "ASSESSMENT: Doing well.\nPLAN: Continue lisinopril.",
    )
    chart = _chart(_note("2025-06-02T08:00:00", encounter), visit)

    assert drug not in _current(chart)
    assert _current(chart) == {"lisinopril"}


# --- A bowel preparation is used up by its procedure ------------------------------------------

PREPARATIONS = {
    "brand, prescription sent": "GASTROENTEROLOGY CONSULTATION\nDate of Service: 07/07/2025\n"
    "MEDICATIONS: Omeprazole 20 mg daily.\nPLAN: Colonoscopy on 07/21. GoLYTELY 4 L split "
    "dose the evening before and the morning of, prescription sent. Continue omeprazole.",
    "electrolyte solution": "OFFICE VISIT\nDate of Service: 07/07/2025\nMEDICATIONS: "
    "Omeprazole 20 mg daily.\nPLAN: Start polyethylene glycol-electrolyte solution 4 L as "
    "directed before the colonoscopy. Continue omeprazole 20 mg daily.",
    "called a prep": "OFFICE VISIT\nDate of Service: 07/07/2025\nMEDICATIONS: Omeprazole 20 mg "
    "daily.\nPLAN: Suprep bowel prep kit as directed for the colonoscopy. Continue omeprazole "
    "20 mg daily.",
}


@pytest.mark.parametrize("order", PREPARATIONS.values(), ids=PREPARATIONS.keys())
def test_a_bowel_preparation_is_never_a_current_drug(order: str) -> None:
    after = _note(
        "2025-07-24T10:00:00",
        "TELEPHONE NOTE\nDate of Service: 07/24/2025\nColonoscopy normal, repeat in 10 years.",
    )
    chart = _chart(_note("2025-07-07T10:00:00", order), after)

    assert _current(chart) == {"omeprazole"}


def test_a_daily_laxative_of_the_same_ingredient_stays_current() -> None:
    visit = _note(
        "2025-07-07T10:00:00",
        "OFFICE VISIT\nDate of Service: 07/07/2025\nPLAN: Constipation - start MiraLAX 17 g PO "
        "daily.",
    )
    call = _note(
        "2025-07-24T10:00:00",
        "TELEPHONE NOTE\nDate of Service: 07/24/2025\nBowels regular now.",
    )

    assert "polyethylene glycol 3350" in _current(_chart(visit, call))


# --- A drug the chart had going, told later as past, was stopped in between --------------------


@pytest.mark.parametrize(
    ("later", "drug"),
    [
        (
            "HPI: Infection in March resolved with doxycycline. Feels well.\nA: Rosacea.\n",
            "doxycycline",
        ),
        (
            "HPI: She was on sertraline until last spring.\nA: Depression, in remission.\n",
            "sertraline",
        ),
        ("HPI: Previously on naproxen, which upset her stomach.\nA: Osteoarthritis.\n", "naproxen"),
    ],
)
def test_a_drug_told_as_past_after_an_earlier_note_had_it_going_is_stopped(
    later: str, drug: str
) -> None:
    first = _note(
        "2025-02-01",
        "Office Visit 02/01/2025\nA: Cellulitis. Depression. Osteoarthritis.\n"
        "P: Start doxycycline 100 mg PO BID. Continue sertraline 50 mg daily. "
        "Continue naproxen 500 mg BID.\n",
    )
    chart = _chart(first, _note("2025-06-01", "Office Visit 06/01/2025\n" + later))
    told = _find(chart, drug)
    assert told.status is MedicationStatus.STOPPED
    assert drug not in _current(chart)


def test_a_drug_only_ever_told_as_past_stays_a_history() -> None:
    chart = _chart(
        _note("2025-02-01", "Office Visit 02/01/2025\nA: Depression.\nP: Continue sertraline.\n"),
        _note(
            "2025-06-01",
            "Office Visit 06/01/2025\nHPI: Failed fluoxetine in 2019.\nA: Depression.\n",
        ),
    )
    fluoxetine = _find(chart, "fluoxetine")
    assert fluoxetine.status is MedicationStatus.HISTORICAL


# --- A length that belongs to a pause or to a drug continued never ends the drug ---------------

# Days of a pause before a procedure, or counted down to an event: not the length of a course.
PAUSES = [
    "Continue warfarin 5 mg daily, hold for 5 days before colonoscopy.",
    "Apixaban 5 mg BID - hold x 2 days prior to the biopsy.",
    "Clopidogrel 75 mg daily: stop for 7 days before surgery.",
    "Aspirin 81 mg daily; withhold for 5 days ahead of the procedure.",
    "Metformin 500 mg BID, skip for 2 days after contrast.",
    "Ibuprofen 400 mg TID, pause x 3 days.",
]


@pytest.mark.parametrize("text", PAUSES)
def test_a_pause_states_no_course(text: str) -> None:
    assert course_length(text) is None


@pytest.mark.parametrize(
    "text", ["Doxycycline 100 mg BID x 7 days.", "Prednisone taper off over 12 days."]
)
def test_a_course_still_states_its_length(text: str) -> None:
    assert course_length(text) is not None


CHRONIC_WITH_A_LENGTH = {
    "hold before a colonoscopy": (
        "warfarin",
        "FOLLOW-UP VISIT\nDate of Service: 03/02/2026\nCURRENT MEDICATIONS: Warfarin 5 mg "
        "daily. Lisinopril 10 mg daily.\nASSESSMENT AND PLAN:\n1. Atrial fibrillation - "
        "continue warfarin 5 mg daily, hold for 5 days before colonoscopy.\n2. Hypertension - "
        "continue lisinopril 10 mg daily.",
    ),
    "a sig with a length beside a continued drug": (
        "metformin",
        "FOLLOW-UP VISIT\nDate of Service: 03/02/2026\nMEDICATIONS: Metformin 500 mg BID, "
        "Atorvastatin 40 mg daily.\nPLAN:\n1. Type 2 diabetes - continue metformin 500 mg BID, "
        "take with food for 2 weeks to ease the nausea.\n2. Hyperlipidemia - continue "
        "atorvastatin 40 mg daily.",
    ),
}


@pytest.mark.parametrize(
    ("name", "visit"), CHRONIC_WITH_A_LENGTH.values(), ids=CHRONIC_WITH_A_LENGTH.keys()
)
def test_a_length_beside_a_continued_drug_never_stops_it(name: str, visit: str) -> None:
    later = _note(
        "2026-05-10T10:00:00",
        "FOLLOW-UP VISIT\nDate of Service: 05/10/2026\nSUBJECTIVE: Sprained left ankle "
        "playing tennis.\nASSESSMENT AND PLAN:\n1. Ankle sprain - rest, ice, elevation.",
    )
    chart = _chart(_note("2026-03-02T10:00:00", visit), later)

    medication = _find(chart, name)
    assert medication.status is not MedicationStatus.STOPPED
    assert medication.stop_reason != "course_completed"
    assert name in _current(chart)


def test_a_course_an_urgent_care_started_still_ends() -> None:
    urgent = _note(
        "2026-03-02T10:00:00",
        "URGENT CARE VISIT\nDate of Service: 03/02/2026\nSUBJECTIVE: Cough and fever.\n"
        "ASSESSMENT: Community-acquired pneumonia.\nPLAN: Start amoxicillin 1 g PO TID x 7 days.",
    )
    later = _note(
        "2026-05-10T10:00:00",
        "FOLLOW-UP VISIT\nDate of Service: 05/10/2026\nSUBJECTIVE: Sprained left ankle.\n"
        "ASSESSMENT AND PLAN:\n1. Ankle sprain - rest, ice, elevation.",
    )
    chart = _chart(urgent, later)

    amoxicillin = _find(chart, "amoxicillin")
    assert amoxicillin.status is MedicationStatus.STOPPED
    assert amoxicillin.stop_reason == "course_completed"


# --- A stay's order that may go home stays current until a discharge list says otherwise -------

NEW_HOME_DRUGS = {
    "apixaban in the plan": (
        "apixaban",
        "ADMISSION HISTORY AND PHYSICAL\nDate of Admission: 03/02/2026\nHISTORY OF PRESENT "
        "ILLNESS: 70-year-old with palpitations, new atrial fibrillation.\nHOME MEDICATIONS: "
        "Lisinopril 10 mg daily.\nASSESSMENT AND PLAN:\n1. New atrial fibrillation - start "
        "apixaban 5 mg BID. Rate control with metoprolol.",
    ),
    "rivaroxaban, numbered orders": (
        "rivaroxaban",
        "ADMISSION H&P\nADMISSION DATE: 03/02/2026\nHPI: Left leg swelling, DVT on duplex.\n"
        "HOME MEDICATIONS: Lisinopril 10 mg daily.\nPLAN:\n1. Left femoral DVT: Rivaroxaban "
        "15 mg PO BID with food.\n2. Hypertension: continue lisinopril.",
    ),
}
DISCHARGE_WITHOUT_A_LIST = _note(
    "2026-03-05T12:00:00",
    "DISCHARGE SUMMARY\nDate of Admission: 03/02/2026\nDate of Discharge: 03/05/2026\n"
    "HOSPITAL COURSE: Stable, tolerated the plan. Discharged home in good condition.\n"
    "FOLLOW-UP: Primary care in 1 week.",
)


@pytest.mark.parametrize(("name", "admission"), NEW_HOME_DRUGS.values(), ids=NEW_HOME_DRUGS.keys())
def test_a_new_anticoagulant_a_stay_started_stays_current(name: str, admission: str) -> None:
    chart = _chart(_note("2026-03-02T20:00:00", admission), DISCHARGE_WITHOUT_A_LIST)

    anticoagulant = _find(chart, name)
    assert anticoagulant.given_during is None
    assert anticoagulant.status is not MedicationStatus.GIVEN
    assert name in _current(chart)


def test_a_stay_only_order_still_ends_with_the_stay() -> None:
    admission = _note(
        "2026-03-02T20:00:00",
        "ADMISSION HISTORY AND PHYSICAL\nDate of Admission: 03/02/2026\nHOME MEDICATIONS: "
        "Lisinopril 10 mg daily.\nASSESSMENT AND PLAN:\n1. Cellulitis - start cefazolin 2 g IV "
        "q8h.\n2. VTE prophylaxis - enoxaparin 40 mg SC daily while inpatient.",
    )
    chart = _chart(admission, DISCHARGE_WITHOUT_A_LIST)

    assert "cefazolin" not in _current(chart)
    assert "enoxaparin" not in _current(chart)
    assert "lisinopril" in _current(chart)


@pytest.mark.parametrize(
    "order",
    [
        "Pain - oxycodone 5 mg PO q4h PRN severe pain.",
        "Nausea - ondansetron 4 mg PO q8h as needed.",
        "Insomnia - melatonin 3 mg PO nightly PRN sleep.",
    ],
)
def test_an_as_needed_order_of_a_stay_ends_with_it(order: str) -> None:
    admission = _note(
        "2026-03-02T20:00:00",
        "ADMISSION HISTORY AND PHYSICAL\nDate of Admission: 03/02/2026\nHOME MEDICATIONS: "
        f"Lisinopril 10 mg daily.\nASSESSMENT AND PLAN:\n1. {order}",
    )
    chart = _chart(admission, DISCHARGE_WITHOUT_A_LIST)

    assert _current(chart) == {"lisinopril"}
