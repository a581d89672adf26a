"""Dose changes a plan tells without a verb of change: the plan writes the drug out at a new
dose, route or frequency beside the home list's (LABELLING: `changed` is "same drug, new dose,
frequency or form"); a change told once stays a change when a later line only says the drug
goes on; a stay's order words in the next clause are not the changed drug's. Notes written and
labelled for these tests before the code ran on them; neighbours that must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus
from carechart.notes.nlp.dosing import parse_dosing
from tests.notes.nlp.support import status_of

S = MedicationStatus

_HP = (
    "HISTORY AND PHYSICAL\nDate of Admission: 03/02/2026\n\n"
    "HPI: 71M with HFrEF, 4 kg weight gain and orthopnea.\n\n"
    "Home Medications:\n{home}\n\n"
    "Assessment and Plan:\n{plan}\n"
)
_CLINIC = (
    "Cardiology clinic letter\n\nCurrent medication:\n{home}\n\n"
    "Examination: BP 152/90, pulse 84 regular.\n\nPlan:\n{plan}\n"
)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # A route and a frequency new beside the home list's: "40 mg PO daily" -> "40 mg IV BID".
        (
            _HP.format(
                home="- furosemide 40 mg PO daily\n- lisinopril 10 mg PO daily",
                plan="1. Acute on chronic HFrEF - furosemide 40 mg IV BID, strict I/O, daily "
                "weights, 2 g Na diet.",
            ),
            "furosemide",
        ),
        # A British letter: the plan writes a higher dose.
        (
            _CLINIC.format(
                home="Bisoprolol 2.5 mg once daily\nRamipril 5 mg once daily",
                plan="1. Bisoprolol 5 mg once daily.\n2. Ramipril 5 mg once daily.",
            ),
            "bisoprolol",
        ),
        # A dictated H&P: an as-needed home dose made scheduled and larger.
        (
            _HP.format(
                home="1. Tylenol 500 mg 1 tab PO q6h PRN pain\n2. Amlodipine 5 mg daily",
                plan="- Pain: acetaminophen 1 g PO q8h scheduled; avoid NSAIDs.",
            ),
            "acetaminophen",
        ),
        # A dose change the plan spells with "up to", in a bullet.
        (
            _CLINIC.format(
                home="carvedilol 12.5 mg PO BID\nsacubitril-valsartan 24-26 mg BID",
                plan="\u2022 Carvedilol up to 25 mg BID.\n\u2022 Labs in 2 weeks.",
            ),
            "carvedilol",
        ),
    ],
)
def test_a_plan_writing_a_new_regimen_beside_the_home_list_changes_the_drug(
    text: str, drug: str
) -> None:
    assert status_of(text, drug) is S.CHANGED


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # The plan writes the home dose again: the drug goes on.
        (
            _CLINIC.format(
                home="Bisoprolol 2.5 mg once daily\nRamipril 5 mg once daily",
                plan="1. Bisoprolol 5 mg once daily.\n2. Ramipril 5 mg once daily.",
            ),
            "ramipril",
        ),
        # The same dose written another way ("at bedtime" / "qHS"; no route given).
        (
            _HP.format(
                home="- atorvastatin 40 mg at bedtime\n- Lasix 20 mg PO daily",
                plan="- HLD: atorvastatin 40 mg qHS.\n- Lasix 20 mg daily.",
            ),
            "atorvastatin",
        ),
        (
            _HP.format(
                home="- atorvastatin 40 mg at bedtime\n- Lasix 20 mg PO daily",
                plan="- HLD: atorvastatin 40 mg qHS.\n- Lasix 20 mg daily.",
            ),
            "furosemide",
        ),
        # A printed sig's "2 times daily" is the plan's "BID".
        (
            "Post-op visit\n\nCurrent Outpatient Medications:\n  aspirin 81 mg EC tablet - Take 1 "
            "tablet by mouth 2 times daily\n\nPlan:\n- Complete aspirin 81 mg BID through "
            "09/04/2026.\n",
            "aspirin",
        ),
        # Tablets counted on the home list: "500 mg tab, 2 tabs BID" is the plan's 1000 mg.
        (
            _HP.format(
                home="- metformin 500 mg tab, 2 tabs PO BID\n- glipizide 5 mg daily",
                plan="- T2DM: metformin 1000 mg PO BID, hold for contrast if CT needed.",
            ),
            "metformin",
        ),
        # International units written "IU" on one list and "units" on the other; mcg for mg.
        (
            _CLINIC.format(
                home="Cholecalciferol 1000 IU daily\nLevothyroxine 75 mcg daily",
                plan="1. Vitamin D3 1000 units daily.\n2. Levothyroxine 0.075 mg daily.",
            ),
            "cholecalciferol",
        ),
        (
            _CLINIC.format(
                home="Cholecalciferol 1000 IU daily\nLevothyroxine 75 mcg daily",
                plan="1. Vitamin D3 1000 units daily.\n2. Levothyroxine 0.075 mg daily.",
            ),
            "levothyroxine",
        ),
    ],
)
def test_a_plan_writing_the_home_regimen_again_continues_the_drug(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.CONTINUED


def test_a_new_drug_in_the_plan_with_no_home_entry_is_still_started() -> None:
    text = _CLINIC.format(
        home="Ramipril 5 mg once daily", plan="1. Apixaban 5 mg twice daily.\n2. Ramipril."
    )
    assert status_of(text, "apixaban") is S.STARTED


_PROGRESS = (
    "Progress Note - Hospital Day 3\n\n"
    "Meds (active orders): insulin glargine 12 units QHS; heparin 5,000 units SQ q8h; "
    "atorvastatin 40 mg QHS.\n\nA/P:\n{plan}\n"
)


@pytest.mark.parametrize(
    "plan",
    [
        "3. Hyperglycemia off steroids - decrease glargine to 6 units QHS; continue correction "
        "scale.",
        "- Reduce Lantus to 8 units at bedtime while intake is poor; correction insulin per "
        "primary team.",
    ],
)
def test_a_dose_change_is_not_made_a_stay_order_by_the_next_clause(plan: str) -> None:
    assert status_of(_PROGRESS.format(plan=plan), "glargine") is S.CHANGED


def test_a_stay_order_written_in_its_own_clause_is_still_the_stays() -> None:
    plan = "- DVT ppx: heparin 5,000 units SQ q8h; ambulate."
    assert status_of(_PROGRESS.format(plan=plan), "heparin") is S.GIVEN


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        (
            "1. Hyperkalemia - reduce Lokelma to 10 g PO once daily.\n"
            "2. AKI - improving; continuing Lokelma, recheck BMP in AM.",
            "sodium zirconium",
        ),
        (
            "1. Decrease amiodarone to 200 mg daily starting tomorrow (load complete).\n"
            "2. Sinus bradycardia on amiodarone + metoprolol - repeat ECG.",
            "amiodarone",
        ),
    ],
)
def test_a_dose_change_stays_a_change_when_a_later_line_says_the_drug_goes_on(
    plan: str, drug: str
) -> None:
    text = (
        "Nephrology clinic follow-up\n\nMedications: Lokelma 10 g PO TID, amiodarone 400 mg "
        f"BID, metoprolol 25 mg BID.\n\nPlan:\n{plan}\n"
    )
    assert status_of(text, drug) is S.CHANGED


def test_a_dose_change_then_a_stop_is_stopped() -> None:
    text = (
        "Clinic note\n\nMedications: naproxen 500 mg BID, omeprazole 20 mg daily.\n\n"
        "Plan:\n1. Reduce naproxen to 250 mg BID.\n2. GI bleed risk - on reflection, stop "
        "naproxen today; acetaminophen instead.\n"
    )
    assert status_of(text, "naproxen") is S.STOPPED


@pytest.mark.parametrize(
    ("sig", "frequency"),
    [
        ("81 mg EC tablet - Take 1 tablet by mouth 2 times daily", "BID"),
        ("5 mg 3 times a day", "TID"),
        ("1 g four times per day", "QID"),
        ("500 mg once daily", "daily"),
    ],
)
def test_times_a_day_written_out_read_as_the_frequency(sig: str, frequency: str) -> None:
    assert parse_dosing(" " + sig).frequency == frequency


@pytest.mark.parametrize(
    "text",
    [
        "Current meds: sertraline 100 mg daily\n\nA/P: Depression - we increased sertraline to "
        "100 mg in March, PHQ-9 now 6. Continue sertraline.\n",
        "Medications:\n- lisinopril 20 mg daily\n\nAssessment and Plan:\n1. HTN - increased "
        "lisinopril to 20 mg at the last visit, BP 126/78 today. Continue lisinopril.\n",
    ],
)
def test_a_dose_change_told_of_an_earlier_visit_leaves_the_drug_continued(text: str) -> None:
    drug = "sertraline" if "sertraline" in text else "lisinopril"
    assert status_of(text, drug) is S.CONTINUED
