"""Readings whose error would hide a drug or show a stopped one as current: a reconciliation row
whose last column restarts the drug, a stop or hold after a comma-run list, a heading aside that
says who gave the history, "can move to X at discharge". Each with its neighbours that stay."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import status_of

S = MedicationStatus


def _names(text: str) -> list[str]:
    return [m.name.lower() for m in analyse(text).medications]


# --- A reconciliation row: its last verdict column decides ---------------------------------------


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "ADMISSION MEDICATION RECONCILIATION:\n| Home medication | Inpatient | Discharge |\n"
            "|---|---|---|\n| Rivaroxaban 20 mg daily | Not ordered - surgery | Resume |\n",
            "rivaroxaban",
            S.RESUMED,
        ),
        (
            "MEDICATION RECONCILIATION:\nHome medication    Inpatient    Discharge\n"
            "Simvastatin 20 mg nightly    Not ordered    Continue\n",
            "simvastatin",
            S.CONTINUED,
        ),
        (
            "MEDICATION RECONCILIATION:\nHome med\tInpatient\tDischarge\n"
            "Metoprolol tartrate 25 mg BID\tNot prescribed\tContinue home dose\n",
            "metoprolol",
            S.CONTINUED,
        ),
        (
            "MEDICATION RECONCILIATION:\nHome medication    Inpatient    Discharge\n"
            "Carvedilol 6.25 mg BID    Not prescribed - hypotension    Continue\n",
            "carvedilol",
            S.CONTINUED,
        ),
    ],
)
def test_a_later_column_restarting_the_drug_keeps_it(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


@pytest.mark.parametrize(
    "text",
    [
        "DISCHARGE MEDICATIONS:\nPotassium chloride ER 10 mEq    --    --    Not prescribed -"
        " recheck K\nLisinopril 10 mg daily\n",
        "MEDICATION RECONCILIATION:\n| Home | Inpatient | Discharge |\n|---|---|---|\n"
        "| Potassium chloride ER 10 mEq | Held | Not prescribed |\nLisinopril 10 mg daily\n",
    ],
)
def test_a_final_not_prescribed_column_still_drops_the_drug(text: str) -> None:
    assert "lisinopril" in " ".join(_names(text))
    assert not any("potassium" in name for name in _names(text))


# --- A stop or hold after a comma-run list is shown for each entry -------------------------------


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        (
            "MEDICATIONS:\nRivaroxaban 20 mg daily, clopidogrel 75 mg daily - stopped 2/14 for"
            " GI bleed\n",
            {"rivaroxaban": S.STOPPED, "clopidogrel": S.STOPPED},
        ),
        (
            "MEDICATIONS:\nLisinopril 20 mg daily, torsemide 20 mg daily - held for hypotension\n",
            {"lisinopril": S.HELD, "torsemide": S.HELD},
        ),
        (
            "Home meds: Warfarin 5 mg daily, aspirin 81 mg daily - discontinued after the fall\n",
            {"warfarin": S.STOPPED, "aspirin": S.STOPPED},
        ),
    ],
)
def test_a_stop_after_a_list_is_said_of_each_entry(
    text: str, statuses: dict[str, MedicationStatus]
) -> None:
    assert {drug: status_of(text, drug) for drug in statuses} == statuses


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("MEDICATIONS:\nPravastatin 40 mg daily, albuterol PRN - has not needed it\n", "prava"),
        ("Medications: amlodipine 5 mg daily, albuterol inhaler PRN - uses rarely\n", "amlod"),
        ("Medications: sertraline 50 mg daily, lorazepam 0.5 mg PRN - hasn't used it\n", "sert"),
    ],
)
def test_a_remark_on_as_needed_use_stays_the_last_entrys(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.CONTINUED


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Medications: losartan 50 mg daily, risedronate 35 mg weekly - stopped it, reflux\n",
            "losa",
        ),
        ("Meds: pantoprazole 40 mg daily, insulin 10 units nightly (glipizide on hold)\n", "panto"),
    ],
)
def test_a_stop_said_of_one_entry_stays_the_last_entrys(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.CONTINUED


def test_a_drug_not_continued_does_not_deny_the_next_entry() -> None:
    text = "MEDICATIONS:\nWarfarin 5 mg daily - not continued, rivaroxaban 20 mg daily\n"
    assert status_of(text, "warfarin") is S.STOPPED
    assert status_of(text, "rivaroxaban") is S.CONTINUED


# --- A heading aside says the doses were given here, not who gave the history --------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Medications (history given by son):",
        "Medications (self-administered):",
        "Medications (given by mouth at home):",
        "Medications (list given by the pharmacy):",
    ],
)
def test_an_aside_of_who_gave_the_history_is_not_a_dose_given(heading: str) -> None:
    text = f"{heading}\nLosartan 50 mg daily\nRivaroxaban 20 mg daily\n"
    assert status_of(text, "losartan") is S.CONTINUED
    assert status_of(text, "rivaroxaban") is S.CONTINUED


@pytest.mark.parametrize(
    "heading",
    [
        "Medications (given in clinic):",
        "Medications (administered in ED):",
        "Medications (doses given):",
        "PREMEDICATIONS (given 0915-0945):",
    ],
)
def test_an_aside_that_the_doses_were_given_here_still_reads_given(heading: str) -> None:
    text = f"{heading}\nAcetaminophen 650 mg PO\nDiphenhydramine 25 mg IV\n"
    assert status_of(text, "acetaminophen") is S.GIVEN


# --- "can move to X at discharge" is decided; "could step down to X" is foreseen -----------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Patient can move to oral amoxicillin-clavulanate 875 mg BID at discharge.",
        "She can move to oral linezolid 600 mg BID today.",
    ],
)
def test_can_move_to_a_drug_is_not_a_proposal(sentence: str) -> None:
    text = f"DISCHARGE SUMMARY\nPLAN:\nInfection improving. {sentence}\n"
    assert status_of(text, sentence.split(" oral ")[1].split()[0]) is not S.PROPOSED


@pytest.mark.parametrize(
    "sentence",
    [
        "Could step down to cefuroxime 500 mg BID.",
        "May transition to oral linezolid 600 mg BID.",
    ],
)
def test_a_foreseen_switch_stays_proposed(sentence: str) -> None:
    text = f"DISCHARGE SUMMARY\nPLAN:\nInfection improving. {sentence}\n"
    drug = "cefuroxime" if "cefuroxime" in sentence else "linezolid"
    assert status_of(text, drug) is S.PROPOSED
