"""A table's own columns say the status of the drug that opens a row (issue 11): a
reconciliation form's action column in capitals, an exported summary's Status column. Variants
of drugs, separators and spellings written for these tests; neighbours that must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus

# --- A reconciliation form's action column --------------------------------------------------

_BARS = (
    "DISCHARGE RECONCILIATION\n"
    "DRUG                 | PRIOR TO ADMISSION | INPATIENT              | ON DISCHARGE\n"
    "Lisinopril 10 mg     | 10 mg daily        | held (low BP)          | HOLD until PCP visit\n"
    "Metoprolol succinate | 25 mg daily        | 50 mg daily            | INCREASED: 50 mg daily\n"
    "Cephalexin           | --                 | 500 mg PO QID          | STOP - course complete\n"
    "Rivaroxaban          | --                 | 15 mg BID (used x4)    | NEW - 15 mg BID x 21d\n"
    "Atorvastatin         | 40 mg nightly      | 40 mg nightly          | CONTINUE 40 mg nightly\n"
    "Glipizide            | 5 mg daily         | held (NPO)             | RESUME 5 mg daily\n"
)
_SPACED = (
    "Medication reconciliation - hospital to home\n"
    "   MEDICATION              HOME             HOSPITAL               DISCHARGE\n"
    " 1  sertraline 50 mg      50 mg daily      50 mg daily            CONTINUE\n"
    " 2  furosemide 20 mg      20 mg daily      40 mg IV BID           CHANGED to 40 mg PO daily\n"
    " 3  nitrofurantoin        --               100 mg BID             DISCONTINUED\n"
    " 4  heparin 5000 units    --               SC q8h (given x6)      STOPPED at discharge\n"
    " 5  losartan 50 mg        50 mg daily      HELD 4/2 (AKI)         RESUMED 50 mg daily\n"
    " 6  pantoprazole 40 mg    --               40 mg IV daily         START 40 mg PO daily\n"
)


@pytest.mark.parametrize(
    ("drug", "status"),
    [
        ("lisinopril", S.HELD),
        ("metoprolol", S.CHANGED),
        ("cephalexin", S.STOPPED),
        ("rivaroxaban", S.STARTED),
        ("atorvastatin", S.CONTINUED),
        ("glipizide", S.RESUMED),
    ],
)
def test_a_barred_reconciliation_form_takes_its_action_column(
    drug: str, status: MedicationStatus
) -> None:
    assert status_of(_BARS, drug) is status


@pytest.mark.parametrize(
    ("drug", "status"),
    [
        ("sertraline", S.CONTINUED),
        ("furosemide", S.CHANGED),
        ("nitrofurantoin", S.STOPPED),
        ("heparin", S.STOPPED),
        ("losartan", S.RESUMED),  # the last action cell decides: HELD in hospital, then RESUMED
        ("pantoprazole", S.STARTED),
    ],
)
def test_a_column_aligned_reconciliation_form_takes_its_action_column(
    drug: str, status: MedicationStatus
) -> None:
    assert status_of(_SPACED, drug) is status


def test_the_row_verdict_outweighs_a_later_mention_in_the_story() -> None:
    text = _BARS + "\nFollow-up: PCP in 1 week re: restarting lisinopril.\n"
    assert status_of(text, "lisinopril") is S.HELD


@pytest.mark.parametrize(
    ("gapped", "plain"),
    [
        # Lower case words after a gap are a note, not an action column.
        (
            "Current medications:\n- metformin 500 mg BID      may continue if eating\n",
            "Current medications:\n- metformin 500 mg BID may continue if eating\n",
        ),
        (
            "Home meds:\n  amlodipine 5 mg daily     stop if dizzy\n",
            "Home meds:\n  amlodipine 5 mg daily stop if dizzy\n",
        ),
    ],
)
def test_lower_case_notes_after_a_gap_read_as_before(gapped: str, plain: str) -> None:
    drug = "metformin" if "metformin" in gapped else "amlodipine"
    assert status_of(gapped, drug) is status_of(plain, drug)


def test_an_action_naming_another_drug_does_not_reach_a_drug_inside_the_row() -> None:
    text = "Plan:\nSTOP simvastatin    interaction with amlodipine   recheck lipids\n"
    assert status_of(text, "amlodipine") is not S.STOPPED


def test_a_hold_in_the_hospital_column_then_resume_is_resumed() -> None:
    text = (
        "DRUG            HOME          HOSPITAL                     DISCHARGE\n"
        "warfarin 5 mg   5 mg qPM      held; enoxaparin 80 mg SC    RESUME 5 mg qPM\n"
    )
    assert status_of(text, "warfarin") is S.RESUMED


# --- An exported summary's Status column ----------------------------------------------------


_CCDA = (
    "Continuity of Care Document\n\nMedications\n"
    "Medication\tInstructions\tStart\tStop\tStatus\n"
    "losartan 50 MG Oral Tablet\tTake 1 tablet daily\t2019\t\tActive\n"
    "montelukast 10 MG Oral Tablet\tTake 1 tablet at bedtime\t2017\t2020\tCompleted\n"
    "naproxen 500 MG Oral Tablet\tTake 1 tablet twice daily\t2022\t09/2025\tDiscontinued\n"
    "rosuvastatin 10 MG Oral Tablet\tTake 1 tablet nightly\t2021\t\tactive\n"
    "\nPlan of Treatment\nReturn in 6 months.\n"
)
_PIPES = (
    "Medications\n"
    "| Drug | Dose | Status |\n"
    "| Escitalopram 10 mg | daily | Active |\n"
    "| Cetirizine 10 mg | daily PRN | Inactive |\n"
    "| Prednisone 5 mg | daily | On hold |\n"
)


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (_CCDA, "losartan", S.CONTINUED),
        (_CCDA, "montelukast", S.HISTORICAL),
        (_CCDA, "naproxen", S.STOPPED),
        (_CCDA, "rosuvastatin", S.CONTINUED),
        (_PIPES, "escitalopram", S.CONTINUED),
        (_PIPES, "cetirizine", S.HISTORICAL),
        (_PIPES, "prednisone", S.HELD),
    ],
)
def test_a_status_column_gives_each_row_its_status(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


def test_a_start_in_the_plan_still_outweighs_an_active_row() -> None:
    text = _CCDA.replace("Return in 6 months.", "Start rosuvastatin 10 mg nightly today.")
    assert status_of(text, "rosuvastatin") is S.STARTED


def test_a_table_without_a_status_heading_is_read_as_before() -> None:
    text = (
        "Medications\n"
        "Medication\tInstructions\tStart\n"
        "losartan 50 MG Oral Tablet\tTake 1 tablet daily\t2019\n"
    )
    assert status_of(text, "losartan") is not S.HISTORICAL
    assert status_of(text, "losartan") is not S.STOPPED


# --- A discharge list's own entry decides, not a word about the drug in another entry --------

_BLOCKS = (
    "DISCHARGE SUMMARY\nHospital course: admitted with heart failure; IV diuresis.\n\n"
    "DISCHARGE MEDICATIONS\n"
    "{new}\n"
    "  rivaroxaban (XARELTO) 20 mg tablet - 1 tablet with supper.\n"
    "  empagliflozin 10 mg tablet - 1 tablet every morning.\n"
    "{changed}\n"
    "  torsemide 20 mg - now 2 tablets daily (was 1).\n"
    "  insulin glargine - now 18 units at bedtime; lower because empagliflozin lowers sugar.\n"
    "{stop}\n"
    "  clopidogrel 75 mg - you are now on Xarelto, which replaces it.\n"
    "\nGiven in hospital only: torsemide IV, heparin SC.\n"
)


@pytest.mark.parametrize(
    ("new", "changed", "stop"),
    [
        ("NEW medications - START taking:", "CHANGED medications:", "STOP taking these:"),
        ("Start these new medicines:", "Change how you take these:", "Stop taking:"),
        ("NEW:", "DOSE CHANGED:", "DISCONTINUED:"),
    ],
)
def test_a_discharge_entry_outweighs_the_drug_named_in_another_entry(
    new: str, changed: str, stop: str
) -> None:
    text = _BLOCKS.format(new=new, changed=changed, stop=stop)
    assert status_of(text, "rivaroxaban") is S.STARTED  # not "now on Xarelto" in clopidogrel's
    assert status_of(text, "empagliflozin") is S.STARTED  # not glargine's changed entry
    assert status_of(text, "torsemide") is S.CHANGED  # not "Given in hospital only"
    assert status_of(text, "clopidogrel") is S.STOPPED
    assert status_of(text, "glargine") is S.CHANGED


def test_a_drug_only_given_in_the_stay_stays_given() -> None:
    text = _BLOCKS.format(new="NEW:", changed="CHANGED:", stop="STOP:")
    assert status_of(text, "heparin") is S.GIVEN


_REMOVALS = (
    "Pharmacist medication review\n"
    " #  Medication                     Taking?           Action\n"
    " 1  Lisinopril 10 mg daily          yes               CONTINUE\n"
    " 2  Promethazine 25 mg q6h PRN      no - last 2023    REMOVE from list (not taking)\n"
    " 3  Cyclobenzaprine 10 mg qhs       no                REMOVED - not taking\n"
    " 4  Fexofenadine 180 mg daily       no, stopped       DELETE - not taking\n"
)


@pytest.mark.parametrize(
    ("drug", "status"),
    [
        ("lisinopril", S.CONTINUED),
        ("promethazine", S.HISTORICAL),
        ("cyclobenzaprine", S.HISTORICAL),
        ("fexofenadine", S.HISTORICAL),
    ],
)
def test_a_row_the_review_removes_from_the_list_is_of_the_past(drug: str, status: S) -> None:
    assert status_of(_REMOVALS, drug) is status


_REMOVALS_UNDONE = (
    "Medication list review\n"
    "| Medication | Dose | Action |\n"
    "| rosuvastatin | 20 mg daily | REMOVED from list in error, resume |\n"
    "| tamsulosin | 0.4 mg qhs | DELETE by mistake - continue |\n"
    "| meclizine | 25 mg PRN | REMOVE - not taking |\n"
)


@pytest.mark.parametrize(
    ("drug", "statuses"),
    [
        ("rosuvastatin", {S.RESUMED, S.CONTINUED}),
        ("tamsulosin", {S.CONTINUED, S.RESUMED}),
        ("meclizine", {S.HISTORICAL}),
    ],
)
def test_a_removal_taken_back_in_its_cell_keeps_the_drug(
    drug: str, statuses: set[MedicationStatus]
) -> None:
    assert status_of(_REMOVALS_UNDONE, drug) in statuses
