"""A line label that lists the stay's doses and says they do not go on ("Medications given in
hospital that you will NOT continue:", "Received while admitted - do not continue:") gives each
drug after it as a dose of the stay: its denial is of going on, not of the doses. A denial with
no such label still denies."""

from carechart.notes.nlp import MedicationStatus, analyse

_S = MedicationStatus

AFTER_VISIT_SUMMARY = """\
DISCHARGE SUMMARY

Hospital course: admitted with pyelonephritis, treated with IV antibiotics, now afebrile.

Discharge medications:
  cephalexin 500 mg PO QID x 7 days
  lisinopril 10 mg daily

Medicines you received in the hospital that you should NOT continue: ceftriaxone, heparin, \
ondansetron, docusate.
"""


def test_drugs_the_stay_gave_under_a_label_that_denies_going_on_are_given() -> None:
    statuses = {m.name.lower(): m.status for m in analyse(AFTER_VISIT_SUMMARY).medications}
    for drug in ("ceftriaxone", "heparin", "ondansetron", "docusate"):
        assert statuses.get(drug) is _S.GIVEN, (drug, statuses)
    assert statuses["lisinopril"] is _S.CONTINUED


def test_a_denial_without_a_label_of_the_stay_still_denies() -> None:
    text = (
        "Clinic visit\n\nPlan:\nDo NOT continue: naproxen, ibuprofen (GI bleed risk).\n"
        "Continue lisinopril 10 mg daily.\n"
    )
    statuses = {m.name.lower(): m.status for m in analyse(text).medications}
    assert statuses.get("naproxen") is not _S.GIVEN
    assert statuses.get("ibuprofen") is not _S.GIVEN
