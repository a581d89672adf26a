"""Medication statuses the status8 rules read wrongly, found in review: an option given with the
drug after a condition, and a weekday that dates the hold rather than the resumption. Each has
neighbours the merged rules were written for, which must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus


# "If flare recurs treat with prednisone": the drug given with is the option, not the one the
# condition says the patient is on.
@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "HPI: Took prednisone in 2023 for a flare.\nPlan:\n1. If flare recurs treat with "
            "prednisone 40 mg daily x 5 days.\n",
            "prednisone",
            S.PROPOSED,
        ),
        (
            "HPI: Used hydrocortisone cream in 2022 for eczema.\nPlan:\n1. If rash recurs treat "
            "with hydrocortisone 1% cream BID.\n",
            "hydrocortisone",
            S.PROPOSED,
        ),
        (
            "HPI: Was on amlodipine in 2020, stopped when BP improved.\nPlan:\n1. Recheck BP in "
            "4 weeks. If still above 140 start on amlodipine 5 mg daily.\n",
            "amlodipine",
            S.PROPOSED,
        ),
        # The condition's drug in use still yields to its own statement.
        (
            "Plan:\n1. Start sotalol 80 mg BID.\n2. If palpitations recur on sotalol, consider "
            "ablation referral.\n",
            "sotalol",
            S.STARTED,
        ),
        (
            "Plan:\n1. Continue gabapentin 300 mg TID.\n2. Should the pain persist despite "
            "gabapentin, could try duloxetine.\n",
            "gabapentin",
            S.CONTINUED,
        ),
    ],
)
def test_a_drug_given_as_the_option_after_a_condition_is_proposed(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


# A weekday that dates the hold or the last dose leaves a plain "resume" made now.
@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("Resume apixaban 5 mg BID (held on Saturday for biopsy).", S.RESUMED),
        ("Apixaban held since Friday for the biopsy; resume apixaban 5 mg BID.", S.RESUMED),
        ("Resume apixaban 5 mg BID - last dose on Friday before the biopsy.", S.RESUMED),
        # A weekday still to come leaves it held.
        ("Resume furosemide 20 mg daily starting Monday.", S.HELD),
        ("Hold torsemide for 2 days. Resume torsemide 20 mg daily on Friday.", S.HELD),
    ],
)
def test_a_weekday_that_dates_the_hold_leaves_the_resumption_made_now(
    line: str, status: MedicationStatus
) -> None:
    drug = "torsemide" if "torsemide" in line else line.split()[1].lower()
    drug = "apixaban" if "apixaban" in line.lower() else drug
    assert status_of(f"Date: 06/10/2026\nPlan:\n1. {line}\n", drug) is status
