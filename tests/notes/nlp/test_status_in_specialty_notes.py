"""Medication status in the shapes of specialty notes: an infusion visit's premedications, a
dialysis unit's rounding note, a consult's accepted recommendations, a nursing home's MAR, a
procedure report's medication line and a patient's discharge instructions."""

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication, medication_names

S = MedicationStatus

INFUSION_VISIT = """\
Hematology/Oncology Treatment Visit
Date of Service: 04/02/2025

Interval History:
Here for cycle 3 of R-CHOP. Progressed through bendamustine in 2023. Famotidine was tried for
reflux without benefit.

Current Medications:
- Allopurinol 300 mg daily
- Dexamethasone 8 mg daily on days 2-3 of each cycle
- Loratadine 10 mg daily

Plan:
1. Lymphoma: proceed with cycle 3. Premedications given today: diphenhydramine 25 mg IV,
dexamethasone 12 mg IV. Rituximab 375 mg/m2 IV infused over 4 hours; vincristine 1.4 mg/m2 IV
push given.
2. Neuropathy from vincristine: if it worsens, will consider dose reduction of vincristine.
Pregabalin could be tried at night.
3. Continue allopurinol PRN and ondansetron.
"""


def test_a_home_drug_given_as_a_premedication_is_still_taken() -> None:
    analysis = analyse(INFUSION_VISIT)
    assert medication(analysis, "dexamethasone").status is S.CONTINUED
    assert medication(analysis, "diphenhydramine").status is S.GIVEN


def test_a_proposed_change_to_a_drug_in_use_does_not_make_it_an_option() -> None:
    analysis = analyse(INFUSION_VISIT)
    assert medication(analysis, "vincristine").status is not S.PROPOSED
    assert medication(analysis, "pregabalin").status is S.PROPOSED


def test_drugs_progressed_through_or_tried_are_historical() -> None:
    analysis = analyse(INFUSION_VISIT)
    assert medication(analysis, "bendamustine").status is S.HISTORICAL
    assert medication(analysis, "famotidine").status is S.HISTORICAL


def test_a_sig_word_between_two_names_does_not_part_them() -> None:
    analysis = analyse(INFUSION_VISIT)
    assert medication(analysis, "ondansetron").status is S.CONTINUED


DIALYSIS_ROUNDS = """\
Hemodialysis Rounding Note
Date of Service: 06/11/2025

Medications:
  lanthanum 1000 mg TID with meals (not taking)
  midodrine 5 mg before each treatment
  calcitriol 0.25 mcg daily

Plan:
- Hyperphosphatemia: lanthanum stopped by the patient. Start sevelamer 800 mg TID with meals.
- Pruritus: hydroxyzine increase to 25 mg at bedtime.
- Nephrologist recommends discontinuing calcitriol; patient agrees.
"""


def test_a_denial_in_parentheses_does_not_deny_the_next_lines() -> None:
    names = medication_names(analyse(DIALYSIS_ROUNDS))
    assert {"midodrine", "calcitriol"} <= names


def test_an_order_written_after_the_name_changes_the_dose() -> None:
    assert medication(analyse(DIALYSIS_ROUNDS), "hydroxyzine").status is S.CHANGED


def test_an_accepted_recommendation_is_decided() -> None:
    assert medication(analyse(DIALYSIS_ROUNDS), "calcitriol").status is S.STOPPED


MAR_TRANSFER = """\
Transfer to Emergency Department from Oak Hill Skilled Nursing
Date: 03/03/2026

Current medications (per MAR):
Furosemide 20 mg PO daily - given 08:00
Cefalexin 500 mg PO QID (started 02/28 for cellulitis, day 4 of 7)
Sertraline 50 mg PO daily
"""


def test_a_dose_timed_on_a_mar_leaves_the_drug_continued() -> None:
    assert medication(analyse(MAR_TRANSFER), "furosemide").status is S.CONTINUED


def test_a_start_dated_before_the_note_on_a_current_list_is_continued() -> None:
    assert medication(analyse(MAR_TRANSFER), "cefalexin").status is S.CONTINUED


PROCEDURE_REPORT = """\
Procedure: Upper endoscopy with esophageal dilation
Date of Procedure: 09/09/2025
Indication: Solid-food dysphagia.
Pre-procedure: Warfarin held for 5 days. Metoprolol taken with a sip of water.
Medications: Midazolam 3 mg IV in divided doses. Fentanyl 75 mcg IV.
Findings: Schatzki ring at 38 cm, dilated to 18 mm.
Complications: None.
"""


def test_a_bare_medications_line_of_a_procedure_report_was_given() -> None:
    analysis = analyse(PROCEDURE_REPORT)
    assert medication(analysis, "midazolam").status is S.GIVEN
    assert medication(analysis, "fentanyl").status is S.GIVEN


def test_a_drug_taken_on_the_morning_of_a_procedure_goes_on() -> None:
    assert medication(analyse(PROCEDURE_REPORT), "metoprolol").status is S.CONTINUED


INSTRUCTIONS = """\
Discharge Instructions
Date of Discharge: 07/07/2025

While you were here you received: ketorolac 15 mg IV, an antacid (Mylanta with Donnatal),
and metoclopramide 10 mg IV.

STOP taking these:
  Naproxen - it can upset your stomach. Use acetaminophen 500 mg every 6 hours instead.
"""


def test_a_status_word_opening_a_colon_list_reaches_each_drug() -> None:
    analysis = analyse(INSTRUCTIONS)
    assert medication(analysis, "ketorolac").status is S.GIVEN
    assert medication(analysis, "metoclopramide").status is S.GIVEN


def test_the_replacement_of_a_stopped_drug_starts() -> None:
    analysis = analyse(INSTRUCTIONS)
    assert medication(analysis, "naproxen").status is S.STOPPED
    assert medication(analysis, "acetaminophen").status is S.STARTED


PEDIATRIC_VISIT = """\
Pediatric Follow-up

HPI: Uses montelukast 5 mg at night. Uses her albuterol about twice a week. Clonidine was tried
last year for sleep, stopped.

Plan:
- Asthma: albuterol 2 puffs every 4 hours as needed.
- Sleep: clonidine could be tried again if sleep worsens.
"""


def test_a_plan_line_writing_out_a_drug_the_history_says_is_used_continues_it() -> None:
    assert medication(analyse(PEDIATRIC_VISIT), "albuterol").status is S.CONTINUED


PSYCHIATRY_FOLLOW_UP = """\
Psychiatry Medication Management

Past psychiatric medications:
- Escitalopram 10 mg, 2018 - stopped after 2 months, sexual side effects
- Aripiprazole 2 mg (summer 2022) - stopped, akathisia

Plan:
1. Depression: prescription given for vortioxetine 10 mg daily, #30.
2. Insomnia: trazodone 50 mg at bedtime, Rx sent to pharmacy.
"""


def test_a_stop_in_an_entry_dated_by_a_year_of_its_own_is_history() -> None:
    analysis = analyse(PSYCHIATRY_FOLLOW_UP)
    assert medication(analysis, "escitalopram").status is S.HISTORICAL
    assert medication(analysis, "aripiprazole").status is S.HISTORICAL


def test_a_prescription_given_or_sent_starts_the_drug() -> None:
    analysis = analyse(PSYCHIATRY_FOLLOW_UP)
    assert medication(analysis, "vortioxetine").status is S.STARTED
    assert medication(analysis, "trazodone").status is S.STARTED


DIABETES_FOLLOW_UP = """\
Endocrinology Follow-up

Medications:
- gliclazide 80 mg BID
- lamotrigine 100 mg BID

Plan:
1. Diabetes: start dapagliflozin 10 mg daily. May need to reduce gliclazide once dapagliflozin
is on board.
2. Epilepsy: discussed that options include increasing lamotrigine or adding clobazam.
"""


def test_a_change_foreseen_or_offered_leaves_a_drug_in_use_as_it_is() -> None:
    analysis = analyse(DIABETES_FOLLOW_UP)
    assert medication(analysis, "gliclazide").status is S.CONTINUED
    assert medication(analysis, "lamotrigine").status is S.CONTINUED
    assert medication(analysis, "clobazam").status is S.PROPOSED


def test_a_drug_named_as_the_circumstance_of_a_proposal_keeps_its_own_status() -> None:
    assert medication(analyse(DIABETES_FOLLOW_UP), "dapagliflozin").status is S.STARTED


PREOPERATIVE_LISTS = {
    "eye drops before a cataract operation": (
        "OPERATIVE REPORT\nDate of Surgery: 03/18/2025\nPROCEDURE: Phacoemulsification, left eye."
        "\nINDICATIONS: Glare at night.\nPREOPERATIVE MEDICATIONS: Tropicamide 1% and "
        "cyclopentolate 1%, 1 drop each OS x3 at 5-minute intervals.\n",
        "cyclopentolate",
    ),
    "pre-op antibiotic and sedation": (
        "OPERATIVE NOTE\nDate of Surgery: 05/02/2025\nPROCEDURE: Laparoscopic cholecystectomy.\n"
        "Pre-op medications: cefazolin 2 g IV and midazolam 2 mg IV in holding.\n",
        "cefazolin",
    ),
}


def test_a_preoperative_medication_list_gives_its_drugs_once() -> None:
    for text, drug in PREOPERATIVE_LISTS.values():
        assert medication(analyse(text), drug).status is S.GIVEN, drug


def test_a_preoperative_list_of_home_medications_keeps_them_taken() -> None:
    text = (
        "PREOPERATIVE EVALUATION\nDate of Service: 03/01/2025\n"
        "Preoperative medications (home): metoprolol tartrate 25 mg PO BID, atorvastatin 40 mg "
        "nightly.\nASSESSMENT: Fit for surgery.\n"
    )
    assert medication(analyse(text), "metoprolol").status is not S.GIVEN
