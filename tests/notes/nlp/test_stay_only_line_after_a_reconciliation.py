"""A line after a discharge reconciliation that lists the stay's own orders as not going on
("Inpatient-only medications not continued:", "Hospital use only - not continued:") tells doses
of the stay (`given`), even when the reconciliation is a complete list that would read a drug
left off it as stopped. A label that says "STOPPED" itself keeps its verdict, and a home drug
left off the complete list is still stopped."""

from carechart.notes.nlp import MedicationStatus, analyse

_S = MedicationStatus

RECONCILED = """\
DISCHARGE SUMMARY
Admitted: 04/02/2026   Discharged: 04/06/2026

HOSPITAL COURSE
Admitted with a COPD exacerbation. Treated with nebulized bronchodilators and IV \
methylprednisolone, then oral prednisone. Heparin SC for VTE prophylaxis on the ward.

ADMISSION MEDICATIONS
- tiotropium 18 mcg inhaled daily
- amlodipine 5 mg daily
- omeprazole 20 mg daily

DISCHARGE MEDICATION RECONCILIATION
| Medication | Home | Discharge | Action |
| tiotropium 18 mcg | daily | daily | CONTINUE |
| amlodipine 5 mg | daily | daily | CONTINUE |
| prednisone 40 mg | -- | daily x 3 more days | NEW |

{stay_line}

FOLLOW-UP: PCP in 1 week.
"""


def _statuses(stay_line: str) -> dict[str, _S]:
    text = RECONCILED.format(stay_line=stay_line)
    return {m.name.lower().split()[0]: m.status for m in analyse(text).medications}


def test_stay_orders_listed_as_not_continued_after_a_reconciliation_are_given() -> None:
    statuses = _statuses(
        "Inpatient-only medications not continued: heparin SC, methylprednisolone IV,"
        " ondansetron PRN."
    )
    for drug in ("heparin", "methylprednisolone", "ondansetron"):
        assert statuses.get(drug) is _S.GIVEN, (drug, statuses)


def test_a_hospital_use_line_in_other_words_is_given_too() -> None:
    statuses = _statuses("Hospital use only (not continued): heparin, ondansetron.")
    assert statuses.get("heparin") is _S.GIVEN, statuses
    assert statuses.get("ondansetron") is _S.GIVEN, statuses


def test_a_label_that_says_stopped_and_a_home_drug_left_off_stay_stopped() -> None:
    statuses = _statuses("STOPPED (hospital only): heparin SC, ondansetron.")
    assert statuses.get("heparin") is _S.STOPPED, statuses
    # Omeprazole is on the admission list and off the complete discharge list.
    assert statuses.get("omeprazole") is _S.STOPPED, statuses
