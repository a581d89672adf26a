"""A status verb written right before a drug's name orders that drug alone: the words said of the
drug before it end at the break (comma, ";", dash, "and", new line, numbered item) that opens
the next drug's order. Readings that really share one cue stay shared."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus


# --- The verb before the next name is that drug's alone ------------------------------------------


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        (
            "Medications: losartan 50 mg daily, naproxen 500 mg BID.\nPlan:\nLosartan 50 mg"
            " daily, discontinue naproxen given CKD.\n",
            {"losartan": S.CONTINUED, "naproxen": S.STOPPED},
        ),
        (
            "Current medications: metoprolol 25 mg BID, stopped the ibuprofen last week.\n",
            {"metoprolol": S.CONTINUED, "ibuprofen": S.STOPPED},
        ),
        (
            "Home medications: amlodipine 10 mg daily - hold metformin for the contrast study.\n",
            {"amlodipine": S.CONTINUED, "metformin": S.HELD},
        ),
        (
            "Medications: lisinopril 10 mg daily, hold spironolactone while potassium is high.\n",
            {"lisinopril": S.CONTINUED, "spironolactone": S.HELD},
        ),
        (
            "Medications: metformin 1000 mg BID - stop glipizide due to hypoglycemia.\n",
            {"metformin": S.CONTINUED, "glipizide": S.STOPPED},
        ),
        (
            "Current medications: carvedilol 12.5 mg BID, restart clopidogrel today.\n",
            {"carvedilol": S.CONTINUED, "clopidogrel": S.RESUMED},
        ),
        (
            "Medications: sertraline 100 mg daily and increase bupropion to 300 mg daily.\n",
            {"sertraline": S.CONTINUED, "bupropion": S.CHANGED},
        ),
        (
            "Medications reviewed: levothyroxine 88 mcg daily,\nd/c omeprazole as reflux"
            " resolved.\n",
            {"levothyroxine": S.CONTINUED, "omeprazole": S.STOPPED},
        ),
        (
            "Medications: tamsulosin 0.4 mg nightly, and switch omeprazole to famotidine 20 mg"
            " BID.\n",
            {"tamsulosin": S.CONTINUED, "omeprazole": S.STOPPED, "famotidine": S.STARTED},
        ),
        (
            "Medications: gabapentin 300 mg TID, then decrease the prednisone to 10 mg daily.\n",
            {"gabapentin": S.CONTINUED, "prednisone": S.CHANGED},
        ),
        (
            "Plan:\nContinue metoprolol 25 mg BID, discontinue the ibuprofen.\n",
            {"metoprolol": S.CONTINUED, "ibuprofen": S.STOPPED},
        ),
        (
            "Plan: Continue sertraline 100 mg daily and increase bupropion to 300 mg daily.\n",
            {"sertraline": S.CONTINUED, "bupropion": S.CHANGED},
        ),
        (
            "Plan: 1. Continue atorvastatin 40 mg nightly 2. Stop gemfibrozil given myalgias.\n",
            {"atorvastatin": S.CONTINUED, "gemfibrozil": S.STOPPED},
        ),
        (
            "Assessment and plan: Atrial fibrillation - continue apixaban 5 mg BID; stop"
            " aspirin.\n",
            {"apixaban": S.CONTINUED, "aspirin": S.STOPPED},
        ),
    ],
)
def test_a_verb_before_the_next_drug_is_not_said_of_the_one_before(
    text: str, statuses: dict[str, MedicationStatus]
) -> None:
    assert {drug: status_of(text, drug) for drug in statuses} == statuses


@pytest.mark.parametrize(
    ("text", "alone", "drug", "following", "status"),
    [
        (
            "Plan:\nLisinopril 10 mg daily, discontinue the naproxen.\n",
            "Plan:\nLisinopril 10 mg daily.\n",
            "lisinopril",
            "naproxen",
            S.STOPPED,
        ),
        (
            "Assessment and plan: Hypertension - lisinopril 20 mg daily, hold HCTZ for AKI.\n",
            "Assessment and plan: Hypertension - lisinopril 20 mg daily.\n",
            "lisinopril",
            "hydrochlorothiazide",
            S.HELD,
        ),
        (
            "Plan:\nDiltiazem 120 mg daily - d/c'd the verapamil.\n",
            "Plan:\nDiltiazem 120 mg daily.\n",
            "diltiazem",
            "verapamil",
            S.STOPPED,
        ),
    ],
)
def test_a_drug_before_another_ones_order_reads_as_it_would_alone(
    text: str, alone: str, drug: str, following: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status_of(alone, drug)
    assert status_of(text, following) is status
    assert status_of(text, drug) is not status


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Medications: montelukast 10 mg nightly, fluticasone inhaler - has not needed it.\n",
            "montelukast",
        ),
        (
            "Medications: rosuvastatin 20 mg daily, albuterol PRN - has not needed it since"
            " spring.\n",
            "rosuvastatin",
        ),
        (
            "Home meds: tamsulosin 0.4 mg daily (held since the surgery), enoxaparin 40 mg SC"
            " daily (day 9 of 28).\n",
            "enoxaparin",
        ),
    ],
)
def test_words_after_the_last_entry_of_a_list_are_its_own(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.CONTINUED


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        (
            "Medications: lisinopril 10 mg daily - discontinued, metoprolol 25 mg BID.\n",
            {"lisinopril": S.STOPPED, "metoprolol": S.CONTINUED},
        ),
        (
            "Plan: Lisinopril held, metoprolol continued.\n",
            {"lisinopril": S.HELD, "metoprolol": S.CONTINUED},
        ),
        (
            "Medications: atorvastatin 40 mg nightly - stopped for myalgias, ezetimibe 10 mg"
            " daily.\n",
            {"atorvastatin": S.STOPPED, "ezetimibe": S.CONTINUED},
        ),
        (
            "Home medications: metformin 1000 mg BID held since the CT, sitagliptin 100 mg"
            " daily.\n",
            {"metformin": S.HELD, "sitagliptin": S.CONTINUED},
        ),
    ],
)
def test_a_cue_closing_a_drugs_entry_is_not_the_next_drugs(
    text: str, statuses: dict[str, MedicationStatus]
) -> None:
    assert {drug: status_of(text, drug) for drug in statuses} == statuses


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Medications: lisinopril 10 mg daily - held, restart metoprolol 25 mg BID.\n",
            "lisinopril",
        ),
        (
            "Medications: warfarin 5 mg daily (held for procedure), resume apixaban tomorrow.\n",
            "warfarin",
        ),
    ],
)
def test_the_next_drugs_resumption_does_not_end_a_hold(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.HELD


# --- Readings that share one cue stay shared -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        (
            "Plan: hold lisinopril and HCTZ.\n",
            {"lisinopril": S.HELD, "hydrochlorothiazide": S.HELD},
        ),
        ("Plan: stop aspirin and clopidogrel.\n", {"aspirin": S.STOPPED, "clopidogrel": S.STOPPED}),
        (
            "Plan: lisinopril and HCTZ: hold both.\n",
            {"lisinopril": S.HELD, "hydrochlorothiazide": S.HELD},
        ),
        (
            "Plan:\nContinue: metformin, lisinopril, atorvastatin.\n",
            {"metformin": S.CONTINUED, "lisinopril": S.CONTINUED, "atorvastatin": S.CONTINUED},
        ),
        (
            "Medications:\nAtorvastatin 10 mg daily - discontinued\nAspirin 81 mg daily -"
            " continue\n",
            {"atorvastatin": S.STOPPED, "aspirin": S.CONTINUED},
        ),
        (
            "Medications:\n| Drug | Dose | Status |\n| Lisinopril | 10 mg daily | Held |\n"
            "| Amlodipine | 5 mg daily | Continue |\n",
            {"lisinopril": S.HELD, "amlodipine": S.CONTINUED},
        ),
        (
            "Medications: metformin 500 mg BID, glipizide 5 mg daily - both held for AKI.\n",
            {"metformin": S.HELD, "glipizide": S.HELD},
        ),
        (
            "Plan: Metformin and empagliflozin were held for the contrast study.\n",
            {"metformin": S.HELD, "empagliflozin": S.HELD},
        ),
        (
            "Plan: Discontinue ibuprofen and naproxen; continue acetaminophen.\n",
            {"ibuprofen": S.STOPPED, "naproxen": S.STOPPED, "acetaminophen": S.CONTINUED},
        ),
        (
            "Plan: Lisinopril and HCTZ held for AKI, start amlodipine 5 mg daily.\n",
            {"lisinopril": S.HELD, "hydrochlorothiazide": S.HELD, "amlodipine": S.STARTED},
        ),
        (
            "Plan: Aspirin 81 mg stopped, start clopidogrel 75 mg daily.\n",
            {"aspirin": S.STOPPED, "clopidogrel": S.STARTED},
        ),
        (
            "Procedure medications: midazolam 2 mg IV, fentanyl 50 mcg IV - administered by"
            " anesthesia.\n",
            {"midazolam": S.GIVEN, "fentanyl": S.GIVEN},
        ),
    ],
)
def test_a_cue_said_of_several_drugs_stays_shared(
    text: str, statuses: dict[str, MedicationStatus]
) -> None:
    assert {drug: status_of(text, drug) for drug in statuses} == statuses
