"""The chart's current list never holds a drug a note only gave once or proposed: premedications
under a heading without a colon, the medications of an operative report told as prose, a drug a
reconciliation table or a plan says was not begun, a switch that could come later."""

from tests.notes.stories import current_names as _current
from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

CLINIC = _note(
    "2025-05-01T09:00:00",
    "Oncology Clinic Note\nDate of Service: 05/01/2025\nCURRENT MEDICATIONS:\n"
    "1. Letrozole 2.5 mg daily\n2. Sertraline 50 mg daily\nASSESSMENT AND PLAN:\n"
    "1. Breast cancer - begin docetaxel in infusion next week.",
)

INFUSION = _note(
    "2025-05-06T10:00:00",
    "INFUSION CENTER - TREATMENT NOTE\nDate of Service: 05/06/2025\n\nAllergies: Sulfa (rash)\n\n"
    "PREMEDS (given in chair 1000-1010)\n cetirizine 10 mg PO              1005\n"
    " methylprednisolone 40 mg IVP     1010\n\nTREATMENT\n Docetaxel 130 mg IV over 60 min, "
    "completed 1130 without reaction.\n",
)


def test_premedications_in_chair_never_become_current() -> None:
    current = {name.lower() for name in _current(_chart(CLINIC, INFUSION))}
    assert not current & {"cetirizine", "methylprednisolone"}
    assert {"letrozole", "sertraline"} <= current


OPERATION = _note(
    "2025-06-02T12:00:00",
    "OPERATIVE REPORT\n\nDATE OF SURGERY: 06/02/2025\nANESTHESIA: General endotracheal.\n"
    "PROCEDURE: Laparoscopic right colectomy.\n\nMEDICATIONS: Cefoxitin 2 g IV before incision. "
    "Induction with propofol and fentanyl; rocuronium, reversed with sugammadex. Ondansetron "
    "4 mg IV at the end of the case.\n\nDESCRIPTION: Ports placed, colon mobilised.\n\n"
    "POSTOPERATIVE PLAN: Resume amlodipine tonight. Oxycodone 5 mg q6h PRN pain.\n",
)
PREOP = _note(
    "2025-05-20T09:00:00",
    "Surgery Clinic Note\nDate of Service: 05/20/2025\nMEDICATIONS:\n1. Amlodipine 5 mg daily\n"
    "ASSESSMENT AND PLAN:\n1. Cecal polyp - laparoscopic right colectomy 06/02.",
)


def test_an_operative_reports_drugs_of_the_case_never_become_current() -> None:
    current = {name.lower() for name in _current(_chart(PREOP, OPERATION))}
    assert not current & {"cefoxitin", "propofol", "fentanyl", "rocuronium", "sugammadex"}
    assert not current & {"ondansetron"}
    assert "amlodipine" in current


DISCHARGE = _note(
    "2025-04-05T15:00:00",
    "DISCHARGE SUMMARY\n\nAdmission Date: 04/02/2025\nDischarge Date: 04/05/2025\n\n"
    "HOSPITAL COURSE:\nAdmitted with heart failure, diuresed with IV furosemide.\n\n"
    "DISCHARGE MEDICATION RECONCILIATION\n"
    "Medication                  Home dose        Discharge dose     Action\n"
    "Torsemide 20 mg tab         --               20 mg daily        NEW\n"
    "Carvedilol 12.5 mg tab      12.5 mg BID      12.5 mg BID        CONTINUE\n"
    "Magnesium oxide 400 mg      --               --                 Not prescribed - recheck\n",
)
FOLLOW_UP = _note(
    "2025-04-20T09:00:00",
    "Cardiology Follow-up\nDate of Service: 04/20/2025\n\nAssessment and Plan:\n"
    "1. HFrEF - continue torsemide and carvedilol. Spironolactone not added (K 5.1); "
    "could switch over to sacubitril-valsartan at the next visit if BP allows.\n",
)


def test_drugs_not_begun_or_only_foreseen_never_become_current() -> None:
    current = {name.lower() for name in _current(_chart(DISCHARGE, FOLLOW_UP))}
    assert not any(
        name.startswith(("magnesium", "spironolactone", "sacubitril")) for name in current
    )
    assert {"torsemide", "carvedilol"} <= current
