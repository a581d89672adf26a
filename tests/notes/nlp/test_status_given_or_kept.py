"""Medication status between a dose of the encounter and a drug the patient goes on taking
(issue 11): what the note says goes on is continued, what it lists as the stay's alone was
given, a start told of another visit is no start of this one. Each class is held by phrasings of
other hospitals and by counter-cases that keep their reading."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus

_PROGRESS = """HOSPITAL MEDICINE PROGRESS NOTE - HD 3
Interval events: afebrile, telemetry unremarkable. Inpatient since 03/02.

Home medications:
{home}

Assessment and plan:
1. {order}
2. Continue telemetry.
"""


@pytest.mark.parametrize(
    ("home", "order", "drug"),
    [
        ("Albuterol HFA 2 puffs q4h PRN", "COPD - continue albuterol PRN wheeze", "albuterol"),
        ("Oxycodone 5 mg q6h PRN", "Pain - cont oxycodone 5 mg q6h prn", "oxycodone"),
        ("Hydroxyzine 25 mg qHS PRN", "Itch - continuing hydroxyzine PRN itch", "hydroxyzine"),
    ],
)
def test_an_order_as_needed_the_plan_continues_goes_on(home: str, order: str, drug: str) -> None:
    assert status_of(_PROGRESS.format(home=home, order=order), drug) is S.CONTINUED


@pytest.mark.parametrize(
    "order",
    ["Nausea - ondansetron 4 mg IV q8h PRN", "Nausea - ondansetron 4 mg IV q8h as needed"],
)
def test_an_order_as_needed_of_the_stay_is_still_a_dose_of_the_stay(order: str) -> None:
    text = _PROGRESS.format(home="Lisinopril 10 mg daily", order=order)
    assert status_of(text, "ondansetron") is S.GIVEN


_DISCHARGE = """DISCHARGE SUMMARY
Hospital course: Pyelonephritis treated with IV antibiotics, improved.

Discharge medications:
START cefpodoxime 200 mg PO q12h through 07/21
CONTINUE lisinopril 10 mg daily
{label}: ceftriaxone, enoxaparin, ketorolac.
"""


@pytest.mark.parametrize(
    "label",
    [
        "Inpatient only (not continued)",
        "Hospital use only",
        "In-house use only",
        "Given only while admitted",
        "Used only during the hospitalization",
        "In-hospital-only (not continued)",
        "Inpatient-only",
    ],
)
@pytest.mark.parametrize("drug", ["ceftriaxone", "enoxaparin", "ketorolac"])
def test_a_discharge_line_of_drugs_of_the_stay_alone_lists_doses_given(
    label: str, drug: str
) -> None:
    assert status_of(_DISCHARGE.format(label=label), drug) is S.GIVEN


@pytest.mark.parametrize("label", ["STOPPED (hospital only)", "Discontinued - inpatient only"])
def test_a_stop_label_of_drugs_of_the_stay_keeps_its_own_verdict(label: str) -> None:
    assert status_of(_DISCHARGE.format(label=label), "ketorolac") is S.STOPPED


_FOLLOW_UP = """FAMILY MEDICINE - OFFICE VISIT
Reason for visit: follow-up after ED visit for hypoglycemia last week.

{heading}
 - carvedilol 12.5 mg PO BID
 - levothyroxine 75 mcg PO daily
 - atorvastatin 80 mg PO qHS

A/P:
1. Hypoglycemia - resolved. Glucagon nasal 3 mg prescribed.
2. HFrEF - continue carvedilol.
"""


@pytest.mark.parametrize(
    "heading",
    [
        "Meds (as listed on ED discharge):",
        "Medications per recent hospital discharge summary:",
        "Discharge medications (from outside hospital paperwork):",
        "Medication list from last discharge:",
    ],
)
@pytest.mark.parametrize("drug", ["levothyroxine", "atorvastatin", "carvedilol"])
def test_another_encounters_discharge_list_copied_into_a_visit_is_taken_since(
    heading: str, drug: str
) -> None:
    assert status_of(_FOLLOW_UP.format(heading=heading), drug) is S.CONTINUED


@pytest.mark.parametrize(
    "heading", ["Meds (as listed on ED discharge):", "Medications per discharge summary:"]
)
def test_a_drug_the_visit_prescribes_beside_that_list_is_started(heading: str) -> None:
    assert status_of(_FOLLOW_UP.format(heading=heading), "glucagon") is S.STARTED


@pytest.mark.parametrize(
    "rule",
    [
        "Sick-day plan: if not eating, halve glargine and hold Jardiance.",
        "If vomiting or unable to drink, hold Jardiance and call.",
        "On sick days, hold Jardiance until eating again.",
        "When fasting for a procedure: hold Jardiance for 3 days.",
    ],
)
def test_a_hold_set_on_a_condition_before_the_verb_leaves_the_drug_going(rule: str) -> None:
    text = (
        "Progress note\nMedications: Jardiance 10 mg daily, glargine 20 units qHS.\n\n"
        f"Plan:\n1. Continue Jardiance 10 mg daily.\n2. {rule}\n"
    )
    assert status_of(text, "empagliflozin") is S.CONTINUED


@pytest.mark.parametrize(
    "story",
    [
        "He stopped the naproxen after your visit and has started the Jardiance without problems.",
        "She has now started Jardiance, no side effects.",
        "Patient started taking Jardiance as advised and tolerates it.",
        "Pt has already begun the Jardiance you suggested.",
    ],
)
def test_a_start_the_patient_made_before_the_visit_then_continued_goes_on(story: str) -> None:
    text = (
        "Dear Dr Lee,\n\nI saw your patient today in the kidney clinic.\n"
        f"{story}\n\nRecommendations:\n1. Please continue empagliflozin 10 mg daily.\n"
    )
    assert status_of(text, "empagliflozin", note_type="consult") is S.CONTINUED


@pytest.mark.parametrize(
    "start",
    [
        "In the ED she was started on a heparin drip.",
        "Heparin bolus 5000 units given in the ED, drip started.",
    ],
)
def test_a_start_at_this_encounter_then_continued_is_still_new(start: str) -> None:
    text = (
        "EMERGENCY DEPARTMENT NOTE\nHPI: 70F with chest pain.\n"
        f"ED course: {start}\n\nPlan: Continue heparin infusion per ACS nomogram. Admit.\n"
    )
    assert status_of(text, "heparin", note_type="emergency") is S.STARTED


@pytest.mark.parametrize(
    "course",
    [
        "Prenatal course: Levothyroxine 50 mcg for subclinical hypothyroidism. PNV daily.",
        "Pregnancy course: on levothyroxine 50 mcg since booking.",
        "Clinical course: levothyroxine 50 mcg for hypothyroidism, TSH normal.",
    ],
)
def test_a_drug_a_course_only_names_then_continued_goes_on(course: str) -> None:
    text = (
        "OB TRIAGE NOTE\nHPI: 30 y/o G2P1 at 34w with headache.\n"
        f"{course}\n\nPlan:\n- Continue levothyroxine.\n"
    )
    assert status_of(text, "levothyroxine") is S.CONTINUED


@pytest.mark.parametrize("line", ["14:10 Ceftriaxone 1 g IV.", "1410 - ceftriaxone 1 g IV"])
def test_a_dose_an_ed_course_times_then_continued_is_new(line: str) -> None:
    text = (
        "EMERGENCY DEPARTMENT NOTE\nHPI: 70F with fever and dysuria.\n"
        f"ED course:\n{line}\n\nPlan: Continue ceftriaxone 1 g IV daily. Admit to medicine.\n"
    )
    assert status_of(text, "ceftriaxone", note_type="emergency") is S.STARTED


_ADMISSION_PLAN = """ADMISSION H&P
HPI: 70M with COPD exacerbation. Inpatient admission to the floor, telemetry.
Home medications: lisinopril 10 mg daily.

Assessment and plan:
1. {order}
2. Continue lisinopril.
"""


@pytest.mark.parametrize(
    ("order", "drug"),
    [
        ("Doxycycline 100 mg PO BID x5 days given purulent sputum", "doxycycline"),
        ("Cefpodoxime 200 mg PO BID x7 days given culture results", "cefpodoxime"),
        ("Azithromycin 250 mg daily x4 days given atypical features on CXR", "azithromycin"),
    ],
)
def test_given_as_a_preposition_after_an_order_is_no_dose(order: str, drug: str) -> None:
    assert status_of(_ADMISSION_PLAN.format(order=order), drug) is S.STARTED


@pytest.mark.parametrize(
    ("order", "drug"),
    [
        ("Ceftriaxone 1 g IV given in the ED at 14:00", "ceftriaxone"),
        ("Methylprednisolone 125 mg IV given x1", "methylprednisolone"),
        ("Ondansetron 4 mg IV given today for nausea", "ondansetron"),
    ],
)
def test_given_of_a_dose_is_still_a_dose(order: str, drug: str) -> None:
    assert status_of(_ADMISSION_PLAN.format(order=order), drug) is S.GIVEN


@pytest.mark.parametrize(
    "order",
    [
        "Prednisone 40 mg PO daily x5 days (day 1 = today)",
        "Prednisone 40 mg PO daily, day 1 of 5 today",
        "Prednisone 40 mg PO daily x5 days (day 1 = today, IV solumedrol given in ED)",
    ],
)
def test_the_first_day_of_a_course_is_its_start(order: str) -> None:
    assert status_of(_ADMISSION_PLAN.format(order=order), "prednisone") is S.STARTED


@pytest.mark.parametrize(
    "order",
    ["Prednisone 40 mg PO daily (day 3 of 5)", "Prednisone 40 mg daily, back on since day 1"],
)
def test_a_later_day_of_a_course_goes_on(order: str) -> None:
    assert status_of(_ADMISSION_PLAN.format(order=order), "prednisone") is S.CONTINUED


@pytest.mark.parametrize(
    "order",
    [
        "Hypokalemia - KCl 10 mEq IV x4 runs, recheck BMP",
        "Hypokalemia - KCl 40 mEq PO x2 today",
        "Hypokalemia - potassium chloride 20 mEq IV x 3 bags now",
    ],
)
def test_the_doses_of_this_day_alone_are_given(order: str) -> None:
    assert status_of(_ADMISSION_PLAN.format(order=order), "potassium") is S.GIVEN


_ENDOSCOPY = """ENDOSCOPY REPORT
Procedure: Colonoscopy to the cecum.
{heading}: Monitored anesthesia care. Propofol total 250 mg IV, fentanyl 50 mcg IV,
glycopyrrolate 0.2 mg IV.
Pre-procedure: ASA II. Other home meds: losartan 50 mg daily, rosuvastatin 10 mg daily.
Findings: two small polyps removed.
"""


@pytest.mark.parametrize(
    "heading",
    ["Medications / Sedation", "Medications administered", "Medications (intra-procedure)"],
)
@pytest.mark.parametrize("drug", ["propofol", "fentanyl", "glycopyrrolate"])
def test_a_medication_heading_of_the_room_lists_doses_given(heading: str, drug: str) -> None:
    assert status_of(_ENDOSCOPY.format(heading=heading), drug) is S.GIVEN


@pytest.mark.parametrize("drug", ["losartan", "rosuvastatin"])
def test_home_drugs_after_that_list_are_still_taken(drug: str) -> None:
    text = _ENDOSCOPY.format(heading="Medications / Sedation")
    assert status_of(text, drug) is S.CONTINUED


@pytest.mark.parametrize(
    "heading",
    [
        "MEDICATIONS AT START OF VISIT (brown-bag review, 9 items):",
        "Medications at the start of the appointment:",
        "Medications on arrival:",
    ],
)
@pytest.mark.parametrize("drug", ["metformin", "acetaminophen"])
def test_the_list_the_visit_opens_with_is_taken(heading: str, drug: str) -> None:
    text = (
        "Geriatric visit\nHPI: two falls since Christmas.\n\n"
        f"{heading}\n 1. metformin 500 mg BID\n 2. acetaminophen 500 mg q8h PRN\n"
        " 3. glipizide 5 mg BID\n\nPLAN:\n a) STOP glipizide today.\n"
    )
    assert status_of(text, drug) is S.CONTINUED


@pytest.mark.parametrize(
    "line",
    [
        "VTE ppx: heparin SC 5000 q12h.",
        "DVT prophylaxis - heparin 5,000 units SC q8h",
        "- VTE prophylaxis with heparin 5000 SC TID",
    ],
)
def test_a_drug_under_the_stays_prophylaxis_label_is_given(line: str) -> None:
    text = (
        "HOSPITAL PROGRESS NOTE - HD 2\nInterval events: afebrile on telemetry.\n\n"
        f"Assessment and plan:\n1. Pneumonia - ceftriaxone day 2.\n{line}\n"
    )
    assert status_of(text, "heparin") is S.GIVEN


@pytest.mark.parametrize(
    "story",
    [
        "Hx of 2 UTIs in past year, last one treated with Bactrim.",
        "Previous episode treated with Bactrim by her PCP.",
        "Last flare was treated with Bactrim, resolved.",
    ],
)
def test_a_course_of_an_earlier_episode_is_historical(story: str) -> None:
    text = (
        "ADMISSION H&P\nCC: flank pain and fever.\n"
        f"HPI: 34F with pyelonephritis. {story}\n\nPlan:\n- ceftriaxone 1 g IV q24h\n"
    )
    assert status_of(text, "sulfamethoxazole") is S.HISTORICAL


@pytest.mark.parametrize("heading", ["Since discharge:", "Since last visit:", "Since surgery:"])
def test_an_interval_heading_ends_the_operation_it_follows(heading: str) -> None:
    text = (
        "Orthopaedic clinic - post-operative review\n\n"
        "Operation: R TKA 28/01/2026 under spinal. Cefazolin intra-op.\n\n"
        f"{heading} pain improving. Taking paracetamol 1 g QDS regularly.\n\n"
        "Impression:\n1. Recovering well. Paracetamol continue.\n"
    )
    assert status_of(text, "paracetamol") is S.CONTINUED
