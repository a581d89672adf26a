"""Status cues of real medication lists and plans: list labels that deny a change, a discharge
list's own "resume", options and conditional stops, and resumptions that are still to come."""

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus

DISCHARGE_WITH_LABELS = """\
DISCHARGE SUMMARY

Admission Date: 03/02/2025
Discharge Date: 03/06/2025

HOSPITAL COURSE:
Admitted with cellulitis of the left leg and treated with IV cefazolin. Glipizide was held
while eating poorly.

DISCHARGE MEDICATIONS:
NEW
  Cephalexin 500 mg by mouth four times daily for 7 more days
CONTINUE (no change)
  Amlodipine 10 mg by mouth daily
  Rosuvastatin 20 mg by mouth at bedtime
  Glipizide 5 mg by mouth daily - resume tomorrow with breakfast
"""


def test_a_label_that_says_no_change_continues_its_drugs() -> None:
    analysis = analyse(DISCHARGE_WITH_LABELS)
    assert medication(analysis, "amlodipine").status is _S.CONTINUED
    assert medication(analysis, "rosuvastatin").status is _S.CONTINUED
    assert medication(analysis, "cephalexin").status is _S.STARTED


def test_a_discharge_entry_that_says_resume_is_resumed() -> None:
    assert medication(analyse(DISCHARGE_WITH_LABELS), "glipizide").status is _S.RESUMED


PLAN_WITH_OPTIONS = """\
Progress Note

Assessment and Plan:
1. Recurrent cystitis: cultures reviewed. Daily cephalexin prophylaxis would be another option if
episodes recur; methenamine 1 g twice daily would be another option.
2. Erectile dysfunction: continue tadalafil 5 mg daily. Stop tadalafil if he is prescribed
nitrates for chest pain.
3. VTE prophylaxis: enoxaparin 40 mg daily - safe to restart 24 hours after the biopsy.
"""


def test_another_option_is_a_proposal_even_with_a_prophylactic_dose() -> None:
    analysis = analyse(PLAN_WITH_OPTIONS)
    assert medication(analysis, "cephalexin").status is _S.PROPOSED
    assert medication(analysis, "methenamine").status is _S.PROPOSED


def test_a_stop_on_a_condition_is_an_instruction_for_later() -> None:
    assert medication(analyse(PLAN_WITH_OPTIONS), "tadalafil").status is _S.CONTINUED


def test_a_resumption_that_is_only_judged_reasonable_leaves_the_drug_held() -> None:
    assert medication(analyse(PLAN_WITH_OPTIONS), "enoxaparin").status is _S.HELD


ADMISSION_NOTE = """\
HISTORY AND PHYSICAL

HISTORY OF PRESENT ILLNESS:
Admitted to the floor from the ED with cellulitis of the right forearm.

PAST SURGICAL HISTORY: Cholecystectomy (2015).

HOME MEDICATIONS (reconciled with the patient and her pharmacy records):
1. Losartan 50 mg PO daily
2. Acetaminophen 500 mg PO every 6 hours as needed for back pain
3. Sertraline 50 mg tablet

ASSESSMENT AND PLAN:
1. Cellulitis: cefazolin 2 g IV q8h.
2. Pain: acetaminophen 650 mg PO q6h PRN; oxycodone 5 mg PO q4h PRN severe pain.
3. Hypertension: continue losartan.
"""


def test_a_home_list_heading_with_a_long_remark_is_still_the_home_list() -> None:
    sertraline = medication(analyse(ADMISSION_NOTE), "sertraline")
    assert sertraline.status is _S.CONTINUED


def test_a_home_drug_the_stay_orders_as_needed_stays_the_patients_drug() -> None:
    analysis = analyse(ADMISSION_NOTE)
    assert medication(analysis, "acetaminophen").status is _S.CONTINUED
    # An as-needed order of the stay alone is a dose given in hospital.
    assert medication(analysis, "oxycodone").status is _S.GIVEN


SHARED_CUE = """\
Progress Note

Assessment and Plan:
1. Contrast nephropathy risk: empagliflozin and lisinopril were held before the angiogram.
2. Nausea: ondansetron 4 mg IV prn. Amlodipine 10 mg daily.
"""


def test_a_status_after_names_joined_by_and_is_said_of_each() -> None:
    analysis = analyse(SHARED_CUE)
    assert medication(analysis, "empagliflozin").status is _S.HELD
    assert medication(analysis, "lisinopril").status is _S.HELD


def test_a_sentence_end_keeps_a_status_to_its_own_drug() -> None:
    assert medication(analyse(SHARED_CUE), "ondansetron").status is not _S.HELD


BEGUN_IN_THE_ED = """\
HISTORY AND PHYSICAL

HISTORY OF PRESENT ILLNESS:
Fever and flank pain for two days. In the ED she was started on piperacillin-tazobactam
4.5 g IV after blood cultures. She started sitagliptin 3 weeks ago with her PCP.

ASSESSMENT AND PLAN:
1. Pyelonephritis with sepsis: continue piperacillin-tazobactam 4.5 g IV q6h.
2. Diabetes: continue sitagliptin 100 mg daily.
"""


def test_a_drug_begun_at_this_encounter_and_continued_is_started() -> None:
    analysis = analyse(BEGUN_IN_THE_ED)
    assert medication(analysis, "piperacillin-tazobactam").status is _S.STARTED


def test_a_drug_begun_weeks_before_and_continued_goes_on() -> None:
    assert medication(analyse(BEGUN_IN_THE_ED), "sitagliptin").status is _S.CONTINUED


def test_a_dose_written_with_a_thousands_comma_keeps_its_thousands() -> None:
    note = (
        "Medications:\nHeparin 7,500 units subcut every 12 hours\nCholecalciferol 1,000 IU daily\n"
    )
    analysis = analyse(note)
    assert medication(analysis, "heparin").dose == "7,500 units"
    assert medication(analysis, "cholecalciferol").dose == "1,000 IU"


TABLE_LIST = """\
Current Outpatient Medications
| Medication                               | Sig                          |
| LIPITOR 40 MG TABLET (atorvastatin)      | 1 tab PO nightly             |
| ELIQUIS 5 MG TABLET (apixaban)           | finished 2021 - not taking   |
"""


def test_the_last_entry_of_a_table_reads_its_own_sig_column() -> None:
    analysis = analyse(TABLE_LIST)
    assert medication(analysis, "eliquis").status is _S.HISTORICAL
    assert medication(analysis, "lipitor").status is _S.CONTINUED


SCHEDULED = """\
Progress Note

Assessment and Plan:
1. Gout: start allopurinol 100 mg PO daily tomorrow or once the flare has resolved.
2. Hypothyroidism after thyroidectomy: start levothyroxine 100 mcg PO daily tomorrow morning.
3. Asthma: anticipate change to budesonide-formoterol as symptoms settle.
4. Anticoagulation: resume apixaban 5 mg BID tomorrow.
"""


def test_a_start_scheduled_for_tomorrow_is_ordered_now() -> None:
    assert medication(analyse(SCHEDULED), "levothyroxine").status is _S.STARTED


def test_a_start_on_a_condition_or_an_anticipated_change_is_still_a_proposal() -> None:
    analysis = analyse(SCHEDULED)
    assert medication(analysis, "allopurinol").status is _S.PROPOSED
    assert medication(analysis, "budesonide-formoterol").status is _S.PROPOSED


def test_a_resumption_set_for_tomorrow_leaves_the_drug_held_today() -> None:
    assert medication(analyse(SCHEDULED), "apixaban").status is _S.HELD


STAY_AND_ED = """\
DISCHARGE SUMMARY

HOSPITAL COURSE:
Doxycycline 100 mg IV was given for 5 days and completed in hospital. Cefepime was
stopped on day 2 when cultures returned.

ED COURSE:
Nitrofurantoin 100 mg PO (first dose) given at 14:10 before discharge home.
"""


def test_a_course_completed_during_the_stay_was_given_in_hospital() -> None:
    analysis = analyse(STAY_AND_ED)
    assert medication(analysis, "doxycycline").status is _S.GIVEN
    assert medication(analysis, "cefepime").status is _S.STOPPED


def test_a_first_dose_given_begins_a_course() -> None:
    assert medication(analyse(STAY_AND_ED), "nitrofurantoin").status is _S.STARTED


TRIGGER_FINGER_VISIT = """\
Office Visit

Plan:
1. Trigger finger, right ring finger: after consent, 10 mg triamcinolone and 1 mL of 1%
lidocaine, injected into the A1 pulley sheath.
3. Occipital neuralgia: occipital nerve blocks with ropivacaine each side, with relief.
"""


def test_a_local_anaesthetic_named_without_a_verb_was_given_at_the_bedside() -> None:
    assert medication(analyse(TRIGGER_FINGER_VISIT), "ropivacaine").status is _S.GIVEN


def test_a_local_anaesthetic_patch_is_not_a_dose_given_at_the_bedside() -> None:
    analysis = analyse("Plan:\nChronic low back pain: lidocaine 5% patch to the low back.\n")
    assert medication(analysis, "lidocaine").status is not _S.GIVEN
