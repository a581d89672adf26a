"""What a note does with each drug, in the layouts real documents use: operative reports,
discharge summaries, transcription exports that run their headings together with commas."""

from carechart.notes.nlp import MedicationStatus, SectionName, analyse
from tests.notes.nlp.support import medication, medication_names

_S = MedicationStatus

OPERATIVE_REPORT = """\
OPERATIVE REPORT

DATE OF SURGERY: 05/12/2025

PREOPERATIVE DIAGNOSIS:
Left hip osteoarthritis.

ANESTHESIA:
General endotracheal.

INDICATIONS:
64-year-old man with hip pain despite naproxen. Lisinopril was held the morning of surgery.

PROCEDURE IN DETAIL:
The patient was brought to the operating room. Cefazolin 2 g IV was administered before
incision. The hip was prepped with chlorhexidine-alcohol and draped in sterile fashion.
A periarticular injection of bupivacaine 0.25% 30 mL with ketorolac 30 mg was performed.
The wound was closed in layers.

POSTOPERATIVE PLAN:
1. Antibiotics: cefazolin 2 g IV q8h x 2 doses, then stop.
2. DVT prophylaxis: apixaban 2.5 mg PO BID x 35 days.
3. Pain: acetaminophen 1,000 mg PO q8h scheduled; docusate 100 mg PO BID while on oxycodone.
4. Resume lisinopril POD 1 if SBP > 110.
5. Resume home medications, including sertraline and omeprazole.
"""


def test_operative_report_drugs_of_the_room_are_given_and_the_plan_starts_new_ones() -> None:
    analysis = analyse(OPERATIVE_REPORT)
    assert medication(analysis, "cefazolin").status is _S.GIVEN
    assert medication(analysis, "bupivacaine").status is _S.GIVEN
    assert medication(analysis, "ketorolac").status is _S.GIVEN
    assert medication(analysis, "apixaban").status is _S.STARTED
    assert medication(analysis, "acetaminophen").status is _S.STARTED
    assert medication(analysis, "docusate").status is _S.STARTED


def test_operative_report_home_drugs_resumed_after_surgery_go_on() -> None:
    analysis = analyse(OPERATIVE_REPORT)
    assert medication(analysis, "sertraline").status is _S.CONTINUED
    assert medication(analysis, "omeprazole").status is _S.CONTINUED
    # To be resumed on a later day: held until then.
    assert medication(analysis, "lisinopril").status is _S.HELD


def test_skin_preparation_antiseptics_are_not_medications() -> None:
    assert "chlorhexidine-alcohol" not in medication_names(analyse(OPERATIVE_REPORT))
    assert "chlorhexidine" not in medication_names(analyse(OPERATIVE_REPORT))


EXPORT = (
    "ADMISSION DATE:,  03/02/2024,DISCHARGE DATE:,  03/05/2024,DISCHARGE DIAGNOSES:,1.  "
    "Community-acquired pneumonia.,HOSPITAL COURSE:,  The patient was started on ceftriaxone "
    "1 g IV daily and azithromycin.  He was on enoxaparin 40 mg subcutaneously daily for DVT "
    "prophylaxis.  Metoprolol was held for hypotension and resumed on day 3.,DISCHARGE "
    "MEDICATIONS:,1.  Cefuroxime 500 mg p.o. b.i.d. for 4 more days, new.,2.  Metoprolol "
    "tartrate 25 mg p.o. b.i.d., continue.,3.  Amlodipine 5 mg daily, continue.,4.  STOP "
    "naproxen.,DISPOSITION:,  Home in stable condition."
)


def test_an_export_discharge_list_says_new_continue_and_stop_for_each_entry() -> None:
    analysis = analyse(EXPORT)
    cefuroxime = medication(analysis, "cefuroxime")
    assert cefuroxime.status is _S.STARTED
    assert cefuroxime.section is SectionName.DISCHARGE_MEDICATIONS
    assert medication(analysis, "amlodipine").status is _S.CONTINUED
    assert medication(analysis, "naproxen").status is _S.STOPPED


def test_drugs_of_the_stay_left_off_the_discharge_list_were_given() -> None:
    analysis = analyse(EXPORT)
    assert medication(analysis, "ceftriaxone").status is _S.GIVEN
    assert medication(analysis, "enoxaparin").status is _S.GIVEN


def test_a_drug_held_and_resumed_during_the_stay_goes_on_at_discharge() -> None:
    assert medication(analyse(EXPORT), "metoprolol").status is _S.CONTINUED


PRINTED_INSTRUCTIONS = """\
DISCHARGE SUMMARY
Date of discharge: 02/11/2025

HOSPITAL COURSE:
Admitted with a COPD exacerbation, treated with methylprednisolone 40 mg IV q12h and
scheduled nebulisers. Glipizide was held while on steroids and resumed at discharge.

------------------------------------------------
DISCHARGE MEDICATION INSTRUCTIONS (printed for patient)
------------------------------------------------
START taking these medications:
  predniSONE 20 mg tablet
     Take 2 tablets (40 mg total) by mouth daily for 3 days. Then stop.

CONTINUE taking these medications:
  glipiZIDE 5 mg tablet - 1 tab PO daily with breakfast
  tiotropium 18 mcg capsule - inhale 1 capsule daily

STOP taking these medications:
  ibuprofen 200 mg tablet
"""


def test_a_printed_discharge_list_under_a_heading_without_colon_is_the_discharge_list() -> None:
    analysis = analyse(PRINTED_INSTRUCTIONS)
    prednisone = medication(analysis, "prednisone")
    assert prednisone.status is _S.STARTED
    assert prednisone.dose == "40 mg"  # the dose taken, not the tablet's strength
    assert medication(analysis, "glipizide").status is _S.CONTINUED
    assert medication(analysis, "ibuprofen").status is _S.STOPPED
    assert medication(analysis, "methylprednisolone").status is _S.GIVEN


def test_a_sig_word_is_never_taken_for_an_unlisted_drug() -> None:
    text = (
        "DISCHARGE MEDICATIONS:\n"
        "  insulin glargine 100 unit/mL injection\n"
        "     Inject 30 units under the skin nightly at bedtime.\n"
    )
    assert medication_names(analyse(text)) == {"insulin"}


def test_a_dose_with_its_weekly_exception_and_a_topical_amount_are_kept() -> None:
    analysis = analyse(
        "Medications:\n"
        "- warfarin 5 mg daily except 7.5 mg on Monday and Thursday\n"
        "- triamcinolone 0.1% cream, apply a thin layer BID prn itch\n"
    )
    assert medication(analysis, "warfarin").dose == "5 mg except 7.5 mg Monday and Thursday"
    assert medication(analysis, "triamcinolone").dose == "thin layer"


def test_every_drug_of_a_sentence_of_options_is_proposed() -> None:
    analysis = analyse(
        "Assessment and Plan:\n"
        "1. Psoriasis: given the extent, we discussed systemic options including methotrexate, "
        "narrowband UVB phototherapy, and biologic agents such as Humira.\n"
        "2. Seizures: continue levetiracetam. If mood worsens, we would switch to lamotrigine.\n"
        "3. If still febrile after 48 h, would give ceftriaxone 50 mg/kg IM daily x 3 days.\n"
    )
    for name in ("methotrexate", "humira", "lamotrigine", "ceftriaxone"):
        assert medication(analysis, name).status is _S.PROPOSED, name
    assert medication(analysis, "levetiracetam").status is _S.CONTINUED


def test_a_drug_named_beside_a_proposal_is_not_proposed() -> None:
    analysis = analyse(
        "Current medications: sertraline 50 mg daily.\n"
        "Plan: Start escitalopram 10 mg daily and stop sertraline. Discussed side effects, "
        "fewer than with sertraline for some people.\n"
    )
    assert medication(analysis, "escitalopram").status is _S.STARTED
    assert medication(analysis, "sertraline").status is _S.STOPPED


def test_a_conditional_hold_and_a_permission_keep_the_drug_going() -> None:
    analysis = analyse(
        "MEDICATIONS: ibuprofen PRN, empagliflozin 10 mg daily.\n"
        "PLAN:\n- Sick-day rules: hold empagliflozin if vomiting or not eating.\n"
        "- May take ibuprofen 600 mg with food q8h PRN, max 3 days/week.\n"
    )
    assert medication(analysis, "empagliflozin").status is _S.CONTINUED
    assert medication(analysis, "ibuprofen").status is _S.CONTINUED


def test_a_drug_of_the_past_history_or_a_list_of_past_trials_is_historical() -> None:
    analysis = analyse(
        "PAST MEDICAL HISTORY:\n1. C. diff colitis 2019 (after clindamycin for a dental "
        "abscess) - resolved.\n\nPrior medication trials: fluoxetine 20 mg (2018) - felt numb.\n"
        "\nMEDICATIONS: escitalopram 10 mg daily.\n"
    )
    assert medication(analysis, "clindamycin").status is _S.HISTORICAL
    assert medication(analysis, "fluoxetine").status is _S.HISTORICAL
    assert medication(analysis, "escitalopram").status is _S.CONTINUED


def test_a_course_of_an_earlier_episode_is_historical_not_given_today() -> None:
    analysis = analyse(
        "HPI: Recurrent UTIs - most recently E. coli in 10/2024, treated with cephalexin. "
        "Seen by PCP 04/02/2026 and given a Medrol Dosepak (completed).\n"
        "ED COURSE: Ceftriaxone 1 g IV given. Nitroglycerin 0.4 mg SL x1 - pain 6 -> 5/10.\n"
    )
    assert medication(analysis, "cephalexin").status is _S.HISTORICAL
    assert medication(analysis, "medrol").status is _S.HISTORICAL
    assert medication(analysis, "ceftriaxone").status is _S.GIVEN
    assert medication(analysis, "nitroglycerin").status is _S.GIVEN  # a pain score, not a date


def test_a_discharge_entry_of_a_drug_the_stay_began_is_new() -> None:
    analysis = analyse(
        "ADMISSION DATE:,  03/02/2024,DISCHARGE DATE:,  03/05/2024,HOSPITAL COURSE:,  He was "
        "started on ceftriaxone and azithromycin 500 mg IV daily; "
        "his home lisinopril was continued.,DISCHARGE MEDICATIONS:,1.  Azithromycin 250 mg p.o. "
        "daily for 1 more day to complete the course.,2.  Lisinopril 10 mg daily.,DISPOSITION:,"
        "  Home."
    )
    assert medication(analysis, "azithromycin").status is _S.STARTED
    assert medication(analysis, "lisinopril").status is _S.CONTINUED


AFTER_VISIT_LIST = """\
Hospital Course
Apixaban was held on arrival for the bleed; per GI it may be restarted on 06/10 if no rebleed.

-----------------------------------------------------------
YOUR MEDICATION LIST - What to take after you leave the hospital
-----------------------------------------------------------
NEW medications - START taking these:
  ferrous sulfate 325 mg (65 mg iron) tablet
    Take 1 tablet by mouth every other day.

ASK your doctor before taking / ON HOLD:
  apixaban (ELIQUIS) 5 mg tablet
    Do NOT take until 06/10. Restart 5 mg twice a day on 06/10 unless you have black stools.

Anticoagulation nurse will phone on 06/09 to confirm the plan to restart Eliquis.
"""


def test_a_drug_on_hold_until_a_later_day_is_held() -> None:
    analysis = analyse(AFTER_VISIT_LIST)
    apixaban = medication(analysis, "apixaban")
    assert apixaban.status is _S.HELD
    assert apixaban.section is SectionName.DISCHARGE_MEDICATIONS
    assert medication(analysis, "ferrous").status is _S.STARTED
    # The iron a salt holds and the sig's "Restart" are not drugs of their own.
    assert medication_names(analysis) == {"ferrous", "apixaban"}


def test_a_course_under_way_an_order_for_the_stay_and_a_course_that_goes_home() -> None:
    analysis = analyse(
        "ASSESSMENT AND PLAN:,1.  Pneumonia: ceftriaxone day 3, continue.,2.  GERD: continue "
        "Protonix.,3.  DVT prophylaxis: heparin 5,000 units SQ q8h until discharge.,4.  After "
        "discharge: aspirin 81 mg p.o. b.i.d. for 4 weeks for DVT prophylaxis."
    )
    assert medication(analysis, "ceftriaxone").status is _S.CONTINUED
    assert medication(analysis, "protonix").status is _S.CONTINUED  # not the next entry's ppx
    assert medication(analysis, "heparin").status is _S.GIVEN
    assert medication(analysis, "aspirin").status is _S.STARTED


def test_new_doses_of_a_drug_taken_are_changes() -> None:
    analysis = analyse(
        "Medications: amlodipine 10 mg daily.\n"
        "Phone call: patient repeated back the new doses: amlodipine 5 mg daily.\n"
    )
    assert medication(analysis, "amlodipine").status is _S.CHANGED
