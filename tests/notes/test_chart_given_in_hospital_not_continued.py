"""A discharge summary's line "Medications given in hospital that you will NOT continue:" ends
each drug it names, whether the summary's list is laid out as an after-visit summary the
sectionizer does not cut or stands under a discharge heading: never current, and a drug the stay
had going is stopped at that discharge, as one the discharge list leaves off is."""

from tests.notes.stories import current_names as _current
from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

PROGRESS = _note(
    "2025-03-03T08:00:00",
    "PROGRESS NOTE\n\nSubjective: Slept poorly.\nCurrent inpatient meds:\n"
    " senna 8.6 mg 2 tabs qHS\n docusate 100 mg PO BID\n lisinopril 10 mg PO daily\n\n"
    "Assessment/Plan: cellulitis improving on IV cefazolin.\n",
)
DISCHARGE = _note(
    "2025-03-05T14:00:00",
    "DISCHARGE SUMMARY\n\nHospital course: cellulitis treated with IV cefazolin, improved.\n\n"
    "=== YOUR MEDICATION LIST ===\n\nSTART taking these medications\n"
    "  cephalexin 500 mg PO QID x 5 days\n\nCONTINUE taking these medications\n"
    "  lisinopril 10 mg daily\n\n"
    "Medicines you received in the hospital that you should NOT continue: cefazolin, senna, "
    "docusate.\n",
)


def test_drugs_given_in_hospital_and_not_continued_leave_the_current_list() -> None:
    current = {name.lower() for name in _current(_chart(PROGRESS, DISCHARGE))}
    assert not current & {"cefazolin", "senna", "docusate"}
    assert {"lisinopril", "cephalexin"} <= current


CONSULT = _note(
    "2026-03-03T10:00:00",
    "CARDIOLOGY CONSULT\n\nCurrent medications:\n ceftriaxone 1 g IV q24h\n"
    " metoprolol tartrate 25 mg PO BID\n\nAssessment and plan: rate control; continue.\n",
)
LISTED_DISCHARGE = _note(
    "2026-03-07T14:00:00",
    "DISCHARGE SUMMARY\n\nHospital course: pneumonia treated with ceftriaxone.\n\n"
    "Discharge medications:\n  metoprolol tartrate 25 mg PO BID\n"
    "Medications given in hospital and not continued: ceftriaxone IV.\n",
)


def test_a_drug_the_discharge_list_says_was_given_in_hospital_is_stopped() -> None:
    chart = _chart(CONSULT, LISTED_DISCHARGE)
    assert "ceftriaxone" in {m.name.lower() for m in chart.stopped_medications}
    assert "ceftriaxone" not in {name.lower() for name in _current(chart)}
