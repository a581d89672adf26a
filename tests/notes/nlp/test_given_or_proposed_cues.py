"""Drugs a note gives once or only proposes, in wordings that read as a start or a home drug:
a verdict column or a sentence saying a drug was not begun, a switch that could come later,
premedications under a heading without a colon, and the prose list of an operative report."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication, medication_names

_S = MedicationStatus

RECONCILIATION_TABLE = """\
DISCHARGE SUMMARY

Admission Date: 04/02/2025
Discharge Date: 04/05/2025

HOSPITAL COURSE:
Admitted with a COPD exacerbation, treated with nebulisers and prednisone.

DISCHARGE MEDICATION RECONCILIATION
Medication                  Home dose        Discharge dose     Action
Tiotropium 18 mcg inh       1 cap daily      1 cap daily        CONTINUE
Prednisone 40 mg tab        --               40 mg daily x3     NEW - last dose 04/08
Magnesium oxide 400 mg      --               --                 {verdict}
Losartan 50 mg tab          50 mg daily      50 mg daily        CONTINUE
"""


@pytest.mark.parametrize(
    "verdict",
    [
        "Not prescribed - recheck Mg at PCP",
        "not ordered (level normal)",
        "Not started, level 2.0",
        "NOT PRESCRIBED",
    ],
)
def test_a_table_row_whose_verdict_says_not_begun_is_not_a_drug_taken(verdict: str) -> None:
    analysis = analyse(RECONCILIATION_TABLE.format(verdict=verdict))
    assert "magnesium" not in medication_names(analysis)
    assert medication(analysis, "tiotropium").status is _S.CONTINUED
    assert medication(analysis, "losartan").status is _S.CONTINUED


def test_a_table_row_really_started_stays_started() -> None:
    analysis = analyse(RECONCILIATION_TABLE.format(verdict="NEW - start with food"))
    assert medication(analysis, "magnesium").status is _S.STARTED


@pytest.mark.parametrize(
    "sentence",
    [
        "Calcitriol not added.",
        "Calcitriol was not started because calcium is high.",
        "Calcitriol: not prescribed for now.",
        "calcitriol has not been ordered.",
    ],
)
def test_a_drug_said_not_begun_is_not_a_drug_taken(sentence: str) -> None:
    text = (
        "Nephrology Clinic Note\n\nAssessment and Plan:\n"
        f"1. Secondary hyperparathyroidism - PTH 410. {sentence} Continue sevelamer 800 mg TID.\n"
    )
    analysis = analyse(text)
    assert "calcitriol" not in medication_names(analysis)
    assert medication(analysis, "sevelamer").status is _S.CONTINUED


@pytest.mark.parametrize(
    "verdict", ["Not continued", "not continued at discharge", "NOT CONTINUED - BP low"]
)
def test_a_table_row_not_continued_is_stopped(verdict: str) -> None:
    analysis = analyse(RECONCILIATION_TABLE.format(verdict=verdict))
    assert medication(analysis, "magnesium").status is _S.STOPPED


@pytest.mark.parametrize(
    "sentence",
    [
        "once tolerating oral intake, could step down to amoxicillin 875 mg PO BID",
        "may transition to oral linezolid 600 mg BID when afebrile",
        "would then switch over to doxycycline 100 mg BID for the remainder",
        "if cultures allow, we could de-escalate to cefazolin 2 g IV q8h",
    ],
)
def test_a_switch_that_could_come_later_is_proposed(sentence: str) -> None:
    text = (
        "Infectious Disease Consult\n\nRecommendations:\n"
        f"1. Continue vancomycin per pharmacy; {sentence}.\n"
    )
    analysis = analyse(text)
    proposed = [m for m in analysis.medications if m.name.lower() != "vancomycin"]
    assert [m.status for m in proposed] == [_S.PROPOSED], proposed


def test_a_switch_made_today_still_changes_the_drug() -> None:
    text = (
        "Infectious Disease Follow-up\n\nPlan:\n"
        "1. Afebrile 48 h. Step down to amoxicillin 875 mg PO BID today to finish 10 days.\n"
    )
    assert medication(analyse(text), "amoxicillin").status is not _S.PROPOSED


@pytest.mark.parametrize(
    "sentence",
    [
        "She could not tolerate metformin (diarrhea).",
        "Could not tolerate metformin, stopped after 2 weeks.",
        "Metformin could not be tolerated in 2023.",
    ],
)
def test_a_drug_that_could_not_be_tolerated_stays_in_the_past(sentence: str) -> None:
    text = f"Clinic Note\n\nHistory of Present Illness:\n{sentence} Now on glipizide 5 mg daily.\n"
    analysis = analyse(text)
    metformin = [m.status for m in analysis.medications if m.name.lower() == "metformin"]
    assert set(metformin) <= {_S.HISTORICAL, _S.STOPPED}, metformin  # an intolerance may drop it
    assert medication(analysis, "glipizide").status is _S.CONTINUED


INFUSION = """\
INFUSION CENTER - TREATMENT NOTE
Date of Service: 05/06/2025

Allergies: Sulfa (rash)

Home meds reviewed:
 - letrozole 2.5 mg daily
 - sertraline 50 mg daily

{heading}
 cetirizine 10 mg PO              1005
 ranitidine 50 mg IVPB            1007
 methylprednisolone 40 mg IVP     1010

TREATMENT
 Docetaxel 130 mg IV over 60 min, started 1030, completed 1130 without reaction.
"""


@pytest.mark.parametrize(
    "heading",
    [
        "PREMEDICATIONS (given 1000-1015)",
        "PRE-MEDICATIONS (per protocol)",
        "PREMEDS (given in chair)",
        "MEDICATIONS (given before infusion)",
    ],
)
def test_premedications_under_a_heading_without_a_colon_are_given(heading: str) -> None:
    analysis = analyse(INFUSION.format(heading=heading))
    for name in ("cetirizine", "ranitidine", "methylprednisolone"):
        assert medication(analysis, name).status is _S.GIVEN, name
    assert medication(analysis, "letrozole").status is _S.CONTINUED
    assert medication(analysis, "sertraline").status is _S.CONTINUED


def test_a_numbered_heading_list_still_reads_its_drugs() -> None:
    text = (
        "Clinic Note\n\nMEDICATIONS (per patient)\n1. Amlodipine 5 mg daily\n"
        "2. Atorvastatin 40 mg nightly\n\nASSESSMENT AND PLAN\n1. Hypertension - controlled.\n"
    )
    analysis = analyse(text)
    assert medication(analysis, "amlodipine").status is _S.CONTINUED
    assert medication(analysis, "atorvastatin").status is _S.CONTINUED


OPERATIVE = """\
OPERATIVE REPORT

DATE OF SURGERY: 03/03/2026
ANESTHESIA: General endotracheal.
PROCEDURE: Laparoscopic cholecystectomy.

MEDICATIONS: {medications}

DESCRIPTION: Four ports placed. Critical view obtained. Gallbladder removed in a bag.

POSTOPERATIVE PLAN: Home today. Oxycodone 5 mg q6h PRN pain #12. Resume lisinopril tonight.
"""


@pytest.mark.parametrize(
    "medications",
    [
        "Cefazolin 2 g IV before incision. Induction with propofol and fentanyl; "
        "rocuronium for paralysis, sugammadex reversal.",
        "Cefazolin 2 g IV given pre-induction. Ketorolac 30 mg IV and ondansetron 4 mg IV at "
        "the end of the case. Bupivacaine 0.25% 20 mL infiltrated at the port sites.",
        "Cefazolin 2 g IV within 60 minutes of incision; dexamethasone 8 mg IV intraoperatively.",
        "Cefazolin 2 g IV before incision. Ketorolac 30 mg IV before transfer to PACU.",
    ],
)
def test_an_operative_reports_medications_of_the_case_are_given(medications: str) -> None:
    analysis = analyse(OPERATIVE.format(medications=medications))
    assert medication(analysis, "cefazolin").status is _S.GIVEN
    others = [m for m in analysis.medications if m.name.lower() not in ("oxycodone", "lisinopril")]
    assert {m.status for m in others} == {_S.GIVEN}, others
    assert medication(analysis, "oxycodone").status is _S.STARTED


def test_a_home_medication_list_before_an_operation_stays_the_patients() -> None:
    text = (
        "PREOPERATIVE HISTORY AND PHYSICAL\n\nPROCEDURE: Laparoscopic cholecystectomy.\n"
        "ANESTHESIA: General, planned.\n\nMEDICATIONS: Lisinopril 10 mg daily. Metformin 500 mg "
        "BID.\n\nPLAN: Proceed with surgery 03/10.\n"
    )
    analysis = analyse(text)
    assert medication(analysis, "lisinopril").status is _S.CONTINUED
    assert medication(analysis, "metformin").status is _S.CONTINUED
