"""A plan entry that names a drug the patient takes, then marks its own order before the new
schedule ("Zolpidem: taper - 2.5 mg nightly x 2 weeks, then stop", "Lorazepam - reduce: 0.25 mg
at bedtime") changes the dose (`changed`). A steroid course named "prednisone taper" without
such a mark is not read as a change of a drug taken."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

_S = MedicationStatus


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        ("- Zolpidem: taper - 2.5 mg nightly x 2 weeks, then stop.", "zolpidem"),
        ("c) Lorazepam - reduce: 0.25 mg at bedtime for 2 weeks, then stop.", "lorazepam"),
        ("2. Clonazepam: wean (0.25 mg less each week) and reassess.", "clonazepam"),
    ],
)
def test_a_marked_taper_of_a_listed_drug_is_a_change(plan: str, drug: str) -> None:
    text = (
        "GERIATRICS VISIT\n\nCurrent medications:\n- zolpidem 5 mg at bedtime\n"
        "- lorazepam 0.5 mg at bedtime\n- clonazepam 0.5 mg BID\n- lisinopril 10 mg daily\n\n"
        f"Plan:\n{plan}\n- Continue lisinopril.\n"
    )
    assert status_of(text, drug) is _S.CHANGED


def test_a_new_steroid_taper_without_a_mark_is_not_a_change() -> None:
    text = (
        "RHEUMATOLOGY VISIT\n\nCurrent medications:\n- methotrexate 15 mg weekly\n\n"
        "Plan:\n- Prednisone taper for the flare: 20 mg daily x 5 days, then 10 mg x 5 days,"
        " then stop. Rx sent.\n- Continue methotrexate.\n"
    )
    assert status_of(text, "prednisone") is _S.STARTED
