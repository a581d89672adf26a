"""Times that head the entries of a medication administration record ("2000  hydrocortisone
100 mg IV") are clock times, not years: the doses were given this shift. Variants written for
these tests; a list headed by years keeps its past."""

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus

_MAR = (
    "NURSING NOTE - night shift\n"
    "Pt resting, afebrile.\n\n"
    "Medications given (MAR):\n"
    " 2000  hydrocortisone 100 mg IV q8h\n"
    " 2200  cefepime 2 g IV q8h\n"
    " 0300  ondansetron 4 mg IV x1\n\n"
    "Plan: continue to monitor.\n"
)


def test_a_drug_headed_by_a_time_on_a_mar_was_given() -> None:
    assert medication(analyse(_MAR), "hydrocortisone").status is _S.GIVEN


def test_a_list_headed_by_years_keeps_its_past() -> None:
    text = (
        "NURSING NOTE\nPt resting.\n\nPrior treatment:\n"
        " 2005  warfarin 5 mg daily for DVT\n 2011  prednisone 40 mg daily for gout\n\n"
        "Plan: continue to monitor.\n"
    )
    assert medication(analyse(text), "warfarin").status is _S.HISTORICAL
