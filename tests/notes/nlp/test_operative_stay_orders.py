"""An operative report that keeps the patient in hospital ("Admit to the surgical floor",
"23-hour observation") and writes its prescriptions for home apart ("Discharge Rx tramadol
#15") gives the rest of its post-operative orders during the stay; the prescription, an order
that lasts as long as another drug ("while on opioids") and the home drugs' verdicts keep
theirs. Without prescriptions written apart, or when the patient goes home the same day, the
orders are the regimen the patient leaves with."""

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus

REPORT = """\
OPERATIVE REPORT
Date of surgery: 03/04/2026
PROCEDURE: Laparoscopic right hemicolectomy.
ANESTHESIA: General endotracheal. Induction with propofol 150 mg, rocuronium 40 mg.
FINDINGS: 4 cm mass at the hepatic flexure; no peritoneal disease.
DESCRIPTION: Ports placed, colon mobilised, stapled anastomosis. Incision closed in layers.
DISPOSITION: Extubated to PACU. Admit to the surgical floor, ERAS pathway.
POSTOPERATIVE ORDERS:
 - Acetaminophen 975 mg PO q8h scheduled; celecoxib 200 mg PO BID scheduled.
 - Tramadol 50 mg PO q6h PRN moderate pain. Discharge Rx tramadol #15.
 - Polyethylene glycol 17 g PO daily while on opioids.
 - Lisinopril: resume POD 2 if BP allows. Atorvastatin continue.
"""


def test_scheduled_post_op_orders_of_an_admitted_patient_are_given() -> None:
    analysis = analyse(REPORT)
    assert medication(analysis, "acetaminophen").status is _S.GIVEN
    assert medication(analysis, "celecoxib").status is _S.GIVEN


def test_a_prescription_for_home_and_home_drugs_keep_their_verdicts() -> None:
    analysis = analyse(REPORT)
    assert medication(analysis, "tramadol").status is _S.STARTED
    assert medication(analysis, "polyethylene").status is _S.STARTED
    assert medication(analysis, "atorvastatin").status is _S.CONTINUED
    assert medication(analysis, "lisinopril").status is _S.HELD


def test_post_op_orders_of_a_same_day_discharge_are_prescriptions() -> None:
    text = REPORT.replace(
        "Admit to the surgical floor, ERAS pathway.", "Same-day discharge from PACU when met."
    )
    assert medication(analyse(text), "celecoxib").status is _S.STARTED


def test_post_op_orders_without_prescriptions_apart_are_the_regimen() -> None:
    text = REPORT.replace(" Discharge Rx tramadol #15.", "")
    assert medication(analyse(text), "celecoxib").status is _S.STARTED
