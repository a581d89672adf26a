"""Medication status from the time of what a note says of a drug (issue 11): a start told in the
past is a drug the patient goes on taking; a dose planned, set for later or left to a condition
is proposed, not given. Each class is held by variants in other drugs, word orders and layouts,
and by counter-cases that keep their old reading."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import status_of

S = MedicationStatus


# --- A start in the past: the drug goes on -------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        ("He was started on losartan 50 mg daily three years ago by his PCP.", "losartan"),
        ("She began escitalopram 10 mg last fall and takes it every morning.", "escitalopram"),
        ("Rosuvastatin was initiated in 2021 after her stent.", "rosuvastatin"),
        ("Apixaban 5 mg BID was started by cardiology in June.", "apixaban"),
        ("I started taking vitamin B12 1000 mcg a couple of weeks ago.", "vitamin"),
        ("Put on tamsulosin 0.4 mg nightly by urology 6 months ago.", "tamsulosin"),
        (
            "Started on cephalexin 500 mg QID by urgent care 4/2, feeling better since.",
            "cephalexin",
        ),
    ],
)
def test_a_start_told_in_the_past_in_the_history_is_a_drug_taken(sentence: str, drug: str) -> None:
    text = f"Follow-up visit\n\nHPI:\n62-year-old seen for follow-up. {sentence}\n"
    assert status_of(text, drug) is S.CONTINUED


@pytest.mark.parametrize(
    "entry",
    [
        "Pantoprazole 40 mg daily (started 02/2023)",
        "Pantoprazole 40 mg daily (begun 2019 for reflux)",
        "Pantoprazole 40 mg daily (started 5/14 by GI)",
    ],
)
def test_a_list_entry_dated_to_an_earlier_start_is_a_drug_taken(entry: str) -> None:
    text = f"Clinic note\n\nMedications:\n{entry}\nAmlodipine 5 mg daily\n"
    assert status_of(text, "pantoprazole") is S.CONTINUED


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Clinic note\n\nHPI:\nChest pain. Started on aspirin 81 mg daily today.\n", "aspirin"),
        (
            "Clinic note\n\nPlan:\n- Start sertraline 25 mg daily; recheck in 4 weeks.\n",
            "sertraline",
        ),
        ("Clinic note\n\nPlan:\nNew: amlodipine 5 mg daily.\n", "amlodipine"),
        (
            "Clinic note\n\nHPI:\nShe was started on nitrofurantoin here this morning.\n",
            "nitrofurantoin",
        ),
        (
            "Clinic note\n\nPlan:\n- Metoprolol will be started in March after the echo.\n",
            "metoprolol",
        ),
    ],
)
def test_a_start_at_this_encounter_stays_started(text: str, drug: str) -> None:
    assert status_of(text, drug) is not S.CONTINUED


def test_a_start_of_the_stay_in_a_discharge_summary_stays_started() -> None:
    text = (
        "DISCHARGE SUMMARY\n\nAdmission Date: 03/02/2025\nDischarge Date: 03/06/2025\n\n"
        "HOSPITAL COURSE:\nNew atrial fibrillation. He was started on apixaban 5 mg BID 3/3.\n\n"
        "DISCHARGE MEDICATIONS:\nNEW: apixaban 5 mg BID\nCONTINUE: lisinopril 10 mg daily\n"
    )
    assert status_of(text, "apixaban") is S.STARTED


def test_an_entry_marked_started_on_a_day_of_the_stay_stays_started() -> None:
    text = (
        "Progress note\nHospital day 4\n\nAssessment and plan:\n1. Hyperglycemia - insulin detemir"
        " 8 units SC qHS - STARTED 02/14\n2. Hypertension - metoprolol 25 mg PO BID\n"
    )
    assert status_of(text, "insulin") is not S.CONTINUED


# --- A dose still to come: proposed, not given -------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        ("Cefazolin 2 g IV will be given in the OR.", "cefazolin"),
        ("She is to receive iron sucrose 200 mg IV next week.", "iron"),
        ("Plan to administer dexamethasone 4 mg IV at induction.", "dexamethasone"),
        ("Vancomycin 1 g IV pre-op per protocol.", "vancomycin"),
        ("May give ondansetron 4 mg IV q8h PRN for nausea.", "ondansetron"),
        ("If temperature above 38.5, give acetaminophen 650 mg PO.", "acetaminophen"),
        ("If SBP stays over 160, hydralazine 10 mg IV per protocol.", "hydralazine"),
        ("Enoxaparin 40 mg SC prophylaxis can start tomorrow morning.", "enoxaparin"),
        ("Heparin 5,000 units SC ppx not yet started given oozing from the line.", "heparin"),
        ("Premedication before each infusion: loratadine 10 mg PO.", "loratadine"),
        ("Rescue: promethazine 6.25 mg IV q6h PRN (not given).", "promethazine"),
    ],
)
def test_a_dose_set_for_later_is_proposed(sentence: str, drug: str) -> None:
    text = f"Pre-procedure note\n\nPlan:\n- {sentence}\n- NPO after midnight.\n"
    assert status_of(text, drug) is S.PROPOSED


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        ("Received ceftriaxone 1 g IM.", "ceftriaxone"),
        ("Ketorolac 30 mg IV was given at 14:20.", "ketorolac"),
        ("Ondansetron 4 mg IV x1.", "ondansetron"),
        ("Status post magnesium sulfate 2 g IV.", "magnesium"),
        ("Will give furosemide 40 mg IV x1 now and reassess.", "furosemide"),
        ("Heparin 5,000 units SC q8h for DVT prophylaxis.", "heparin"),
    ],
)
def test_a_dose_given_or_given_now_stays_given(sentence: str, drug: str) -> None:
    text = (
        "Progress note\nHospital day 3\n\nAssessment and plan:\nPneumonia, improving on the floor."
        f" {sentence}\n"
    )
    assert status_of(text, drug) is S.GIVEN


# --- "Continue" after a start told earlier in the note ----------------------------------------


@pytest.mark.parametrize(
    ("story", "drug"),
    [
        ("In the emergency department a heparin drip was started per ACS protocol.", "heparin"),
        ("She was given ceftriaxone 1 g IV in the ED and admitted.", "ceftriaxone"),
        ("Started on a diltiazem infusion in the ED for rapid rates.", "diltiazem"),
    ],
)
def test_a_consult_continuing_a_drug_begun_before_it_continues_it(story: str, drug: str) -> None:
    text = (
        "CARDIOLOGY CONSULTATION\n\nReason for consultation: chest pain.\n\n"
        f"HISTORY OF PRESENT ILLNESS:\n71-year-old man admitted overnight. {story}\n\n"
        f"RECOMMENDATIONS:\n1. Continue {drug} for now.\n2. Echocardiogram.\n"
    )
    assert status_of(text, drug, "consult") is S.CONTINUED


def test_an_ed_note_continuing_a_drug_it_gave_started_it() -> None:
    text = (
        "EMERGENCY DEPARTMENT NOTE\n\nED COURSE:\n21:10  cefepime 2 g IV\n21:40  reassessed\n\n"
        "PLAN:\n- Admit to medicine.\n- Continue cefepime 2 g IV q8h.\n"
    )
    assert status_of(text, "cefepime", "emergency") is S.STARTED


@pytest.mark.parametrize(
    "line",
    [
        "Continue aspirin 81 mg daily starting today.",
        "Aspirin 81 mg daily, beginning tonight.",
        "Continue aspirin 81 mg daily from this evening.",
    ],
)
def test_a_drug_set_to_begin_at_this_encounter_is_started(line: str) -> None:
    text = f"Clinic note\n\nPlan:\n1. {line}\n2. Lipid panel in 6 weeks.\n"
    assert status_of(text, "aspirin") is S.STARTED


# --- A drug in use with no verb of its own: continued, not unknown ---------------------------


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Patient called. Asthma stable, used albuterol three times this month.\n", "albuterol"),
        ("Home visit. Memantine now taken at night - sleeping better.\n", "memantine"),
        ("Message from patient: Gabapentin 300 mg being taken at bedtime only.\n", "gabapentin"),
        ("Telephone note. She is still on escitalopram, no side effects.\n", "escitalopram"),
    ],
)
def test_a_drug_told_in_use_in_a_note_without_headings_is_continued(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.CONTINUED


def test_a_drug_named_in_a_note_without_headings_in_the_past_is_not_continued() -> None:
    text = "Patient called. She used albuterol last year during a cold; none since.\n"
    assert status_of(text, "albuterol") is not S.CONTINUED


@pytest.mark.parametrize(
    "sentence",
    [
        "Also takes vitamin D and an oral contraceptive (Loestrin) daily.",
        "She uses a nasal steroid spray and a contraceptive ring (NuvaRing).",
    ],
)
def test_a_brand_in_parentheses_after_a_new_item_is_a_drug_of_its_own(sentence: str) -> None:
    text = f"Physical therapy evaluation\n\nSubjective:\nKnee pain for 3 months. {sentence}\n"
    names = [m.name.lower() for m in analyse(text).medications]
    brand = "loestrin" if "Loestrin" in sentence else "nuvaring"
    assert any(brand in n for n in names)
    assert status_of(text, brand) is S.CONTINUED


# --- How often a drug is used is no single dose --------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        "Sumatriptan 50 mg PRN migraine, uses it about once a month",
        "Sumatriptan 50 mg as needed - once or twice a week at most",
        "Sumatriptan 50 mg prn (needs it once in a while)",
    ],
)
def test_a_home_drug_used_once_in_a_time_is_continued(entry: str) -> None:
    text = f"Clinic note\n\nMedications:\n{entry}\nLisinopril 10 mg daily\n"
    assert status_of(text, "sumatriptan") is S.CONTINUED


def test_a_post_op_visit_telling_its_pod_days_is_not_a_hospital_stay() -> None:
    text = (
        "Post-operative visit\n\nSubjective:\nHome since POD1. Some pain on POD 3, better now.\n\n"
        "Plan:\n- Ibuprofen 400 mg PRN pain.\n- Return in 6 weeks.\n"
    )
    assert status_of(text, "ibuprofen") is not S.GIVEN


@pytest.mark.parametrize(
    "sentence",
    [
        "Her current medications are losartan 50 mg, rosuvastatin 10 mg and sertraline 50 mg.",
        "His home regimen includes rosuvastatin 10 mg nightly and losartan 50 mg daily.",
        "Daily medications include sertraline 50 mg, losartan 50 mg, and rosuvastatin 10 mg.",
    ],
)
def test_every_drug_a_sentence_of_current_medications_runs_on_to_name_is_continued(
    sentence: str,
) -> None:
    text = f"Dear Dr. Amos,\nThank you for referring Ms. Lind. {sentence} She walks daily.\n"
    for drug in ("losartan", "rosuvastatin"):
        assert status_of(text, drug) is S.CONTINUED


def test_a_run_of_current_medications_ends_at_a_new_verb() -> None:
    text = (
        "Dear Dr. Amos,\nHer current medications are losartan 50 mg and naproxen 500 mg BID; "
        "we will stop naproxen given her kidney function.\n"
    )
    assert status_of(text, "losartan") is S.CONTINUED
    assert status_of(text, "naproxen") is S.STOPPED


# --- Labels that say the doses below were given; prescriptions in a procedure's account ----------


@pytest.mark.parametrize(
    "label",
    ["Induction (RSI):", "Rapid sequence induction:", "ED treatment (02/11 03:10-04:00):"],
)
def test_drugs_under_a_label_of_the_ed_or_an_induction_were_given(label: str) -> None:
    text = (
        f"Airway procedure note\n\nIndication: hypoxic respiratory failure.\n{label}\n"
        "  Ketamine 100 mg IV\n  Succinylcholine 120 mg IV\nGrade 1 view.\n"
    )
    assert status_of(text, "ketamine") is S.GIVEN
    assert status_of(text, "succinylcholine") is S.GIVEN


def test_an_inline_ed_treatment_label_with_times_gives_each_drug() -> None:
    text = (
        "Renal consult\n\nED treatment (03/02 22:15-23:40): calcium gluconate 1 g IV; "
        "magnesium sulfate 2 g IV; furosemide 80 mg IV.\nNow on the floor.\n"
    )
    for drug in ("calcium", "magnesium", "furosemide"):
        assert status_of(text, drug) is S.GIVEN


def test_a_home_label_with_an_aside_still_lists_home_drugs() -> None:
    text = (
        "Clinic visit\n\nChest pain follow-up.\nMedications (home, reviewed): metoprolol 25 mg"
        " BID; rosuvastatin 20 mg daily\n\nAssessment: stable angina.\n"
    )
    assert status_of(text, "rosuvastatin") is S.CONTINUED


def test_prescriptions_written_in_an_operative_account_are_started() -> None:
    text = (
        "OPERATIVE REPORT\n\nAnesthesia: general.\n\nProcedure:\nLaparoscopic cholecystectomy.\n"
        "- Discharge prescriptions (sent to CVS Main St):\n"
        "    naproxen 500 mg PO BID with food x 5 days\n"
        "    hydrocodone-acetaminophen 5/325 mg PO q6h PRN, #10, no refills\n\n"
        "Findings: chronic cholecystitis.\n"
    )
    assert status_of(text, "naproxen") is S.STARTED


# --- A start set on a value or for later: proposed ----------------------------------------------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("Add empagliflozin 10 mg daily if A1c still above 8 at the next check.", "empagliflozin"),
        ("Apixaban 2.5 mg BID starting 72 h after surgery.", "apixaban"),
        ("Start spironolactone after a two-week washout.", "spironolactone"),
        ("Allopurinol to be started by her PCP after the flare.", "allopurinol"),
        ("Add amlodipine 5 mg daily - will defer until home readings are back.", "amlodipine"),
    ],
)
def test_a_start_set_on_a_value_or_for_later_is_proposed(line: str, drug: str) -> None:
    text = f"Clinic note\n\nPlan:\n1. {line}\n2. Return in 3 months.\n"
    assert status_of(text, drug) is S.PROPOSED


@pytest.mark.parametrize(
    "line",
    [
        "Start carvedilol 3.125 mg BID, hold if SBP < 90.",
        "Start carvedilol 3.125 mg BID; call if HR under 50.",
    ],
)
def test_a_start_whose_if_is_its_hold_rule_stays_started(line: str) -> None:
    text = f"Clinic note\n\nPlan:\n1. {line}\n2. Return in 3 months.\n"
    assert status_of(text, "carvedilol") is S.STARTED


# --- A refill or another's order of a drug taken: continued, not started -----------------------


@pytest.mark.parametrize(
    "line",
    [
        "Losartan 50 mg daily: refilled x 90 days.",
        "Losartan 50 mg daily renewed for a year.",
        "Losartan 50 mg - refill sent to CVS.",
        "Please continue losartan 50 mg as you have prescribed.",
        "Losartan 50 mg daily as previously prescribed.",
    ],
)
def test_a_refill_or_an_order_already_written_continues_the_drug(line: str) -> None:
    text = f"Telephone encounter\n\nRefill request reviewed. {line}\n"
    assert status_of(text, "losartan") is S.CONTINUED


def test_a_new_prescription_with_its_refill_count_is_started() -> None:
    text = "Clinic note\n\nPlan:\n- Cephalexin 500 mg QID x 7 days, #28, 0 refills.\n"
    assert status_of(text, "cephalexin") is S.STARTED
