"""A drug prescribed but never taken is no drug the patient takes: whatever was ordered, the
note's "never started" or "never filled" tells its past. Labelled before the code ran."""

import pytest

from carechart.notes.nlp import analyse


def _statuses(text: str) -> dict[str, str]:
    return {m.name.lower(): m.status.value for m in analyse(text).medications}


@pytest.mark.parametrize(
    ("text", "drug", "expected"),
    [
        (
            "Assessment and plan:\n3. Neuropathy: gabapentin was prescribed by PCP but never "
            "started; he would rather try topical capsaicin first.",
            "gabapentin",
            "historical",
        ),
        (
            "HPI: Given a prescription for sertraline in March, she never filled it.\n"
            "Plan: Continue lisinopril 10 mg daily.",
            "sertraline",
            "historical",
        ),
        # Negatives: an order written after the "never" starts it; a class never taken is no drug.
        (
            "Plan: Metformin 500 mg BID - never started because of cost. Start metformin 500 mg "
            "daily today.",
            "metformin",
            "started",
        ),
        (
            "Plan: Start sertraline 50 mg daily. She has never taken an SSRI.",
            "sertraline",
            "started",
        ),
        ("Plan: Resume aspirin 81 mg daily.", "aspirin", "resumed"),
        # The "never started" of the next drug on the line is not the drug before it.
        (
            "Current medications:\nSertraline 50 mg daily - buspirone was prescribed but never "
            "started\nMetformin 500 mg BID",
            "sertraline",
            "continued",
        ),
        (
            "Plan: Continue sertraline 50 mg daily, duloxetine was never started.",
            "sertraline",
            "continued",
        ),
    ],
)
def test_a_drug_never_taken_is_no_drug_taken_now(text: str, drug: str, expected: str) -> None:
    assert _statuses(text).get(drug) == expected


def test_a_rescue_drug_never_needed_is_still_kept_at_hand() -> None:
    text = (
        "Home medications:\n- Glucagon nasal powder (Baqsimi) 3 mg PRN severe hypoglycemia - "
        "never used\n- Insulin glargine 20 units nightly\n"
    )
    assert _statuses(text).get("glucagon nasal powder") == "continued"
