"""Doses a note ties to the stay ("while NPO", "while inpatient") or to the incision ("prior to
incision"): given during the encounter, not prescriptions or drugs of unknown fate."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus

ADMISSION = """\
ADMISSION H&P

Admission date: 06/11/2025
HPI: 70-year-old man admitted to telemetry with small bowel obstruction, NPO with NG tube.

Home medications: amlodipine 5 mg daily.

Assessment and plan:
# SBO - NG decompression, surgery following.
# Prophylaxis: {order}
# HTN - continue amlodipine when taking PO.
"""


@pytest.mark.parametrize(
    "order",
    [
        "pantoprazole 40 mg IV daily while NPO",
        "pantoprazole 40 mg IV daily during this hospitalization",
    ],
)
def test_an_order_for_while_admitted_is_a_dose_of_the_stay(order: str) -> None:
    analysis = analyse(ADMISSION.format(order=order))
    assert medication(analysis, "pantoprazole").status is _S.GIVEN


def test_an_order_without_a_stay_condition_is_not_made_a_dose_given() -> None:
    analysis = analyse(ADMISSION.format(order="pantoprazole 40 mg PO daily, long term"))
    assert medication(analysis, "pantoprazole").status is not _S.GIVEN


BOWELS = """\
ADMISSION H&P

HPI: 70-year-old man admitted to telemetry with pneumonia.

Assessment and plan:
# CAP - ceftriaxone.
# Bowels: {order}
"""


def test_two_orders_joined_by_and_share_the_stay_condition_after_the_second() -> None:
    order = "docusate 100 mg PO BID and senna 8.6 mg PO qHS while hospitalized"
    analysis = analyse(BOWELS.format(order=order))
    assert medication(analysis, "docusate").status is _S.GIVEN
    assert medication(analysis, "senna").status is _S.GIVEN


def test_a_stay_condition_of_a_held_drug_is_not_the_first_orders() -> None:
    order = "docusate 100 mg PO BID and hold metformin while hospitalized"
    analysis = analyse(BOWELS.format(order=order))
    assert medication(analysis, "docusate").status is not _S.GIVEN


def test_a_change_made_while_admitted_stays_a_change() -> None:
    text = ADMISSION.format(order="reduce pantoprazole to 20 mg daily while inpatient")
    assert medication(analyse(text), "pantoprazole").status is _S.CHANGED


OPERATIVE = """\
OPERATIVE REPORT

PROCEDURE: Laparoscopic appendectomy.
ANESTHESIA: General endotracheal.
FINDINGS: Inflamed, non-perforated appendix.
ESTIMATED BLOOD LOSS: 10 mL.
INFECTION PREVENTION: {antibiotic}
"""


@pytest.mark.parametrize(
    "antibiotic",
    [
        "Cefoxitin 2 g IV before skin incision.",
        "CEFOXITIN 2 G IV PRE-INCISION.",
        "Cefoxitin 2 g IV within 60 minutes of incision.",
    ],
)
def test_an_antibiotic_timed_to_the_incision_was_given_in_the_room(antibiotic: str) -> None:
    analysis = analyse(OPERATIVE.format(antibiotic=antibiotic))
    assert medication(analysis, "cefoxitin").status is _S.GIVEN


def test_an_antibiotic_ordered_after_the_operation_is_not_made_a_dose_of_the_room() -> None:
    text = OPERATIVE.format(antibiotic="Cefoxitin 2 g IV q8h for 24 hours after surgery.")
    assert medication(analyse(text), "cefoxitin").status is not _S.GIVEN
