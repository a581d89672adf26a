"""A start decided at the visit keeps `started` when the time or condition after it belongs to
something else: a later dose step ("begin allopurinol 100 mg daily, increase to 200 mg in 2
weeks") or the INR falling in a switch from warfarin ("start dabigatran once INR < 2"). A start
itself set for later or awaiting a result is still put forward (`proposed`)."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse

_S = MedicationStatus


def _status(plan: str, drug: str) -> _S:
    text = (
        "CLINIC VISIT\n\nMedications: warfarin 5 mg daily; lisinopril 10 mg daily.\n\n"
        f"Assessment and plan:\n{plan}\nContinue lisinopril.\n"
    )
    found = [m for m in analyse(text).medications if drug in m.name.lower()]
    assert len(found) == 1, [m.name for m in analyse(text).medications]
    return found[0].status


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        (
            "1. Gout: begin allopurinol 100 mg daily, increase to 200 mg in 2 weeks if uric acid"
            " stays above 6.",
            "allopurinol",
        ),
        (
            "2. Atrial fibrillation: switch warfarin to dabigatran. Last warfarin tonight; start"
            " dabigatran 150 mg BID once INR < 2.",
            "dabigatran",
        ),
        (
            "2. AF: change to rivaroxaban 20 mg with supper - begin rivaroxaban when the INR is"
            " below 2.5, per the pharmacist.",
            "rivaroxaban",
        ),
    ],
)
def test_a_start_whose_time_belongs_to_another_step_is_started(plan: str, drug: str) -> None:
    assert _status(plan, drug) is _S.STARTED


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        (
            "1. Diabetes: start insulin glargine 10 units nightly in 2 weeks if fasting glucose"
            " remains above 180.",
            "glargine",
        ),
        (
            "1. RA: start methotrexate 15 mg weekly once hepatitis serologies come back.",
            "methotrexate",
        ),
    ],
)
def test_a_start_set_for_later_is_still_proposed(plan: str, drug: str) -> None:
    assert _status(plan, drug) is _S.PROPOSED
