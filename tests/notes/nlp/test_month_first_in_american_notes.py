"""An American note keeps its numeric dates month first though it names clinicians with bare
initials ("Dr J Smith", "cc: Dr K Lee") or a transdermal system ("fentanyl 25 mcg/hr TDS"):
neither is a sign of British usage on its own."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse

_TWO_DOCTORS = """Cardiology Clinic Note
Date of Service: 03/04/2026
Referring: Dr J Smith
HPI: 64M with HTN here for follow up.
Assessment: HTN, stable.
Plan: Continue lisinopril 10 mg daily. Return in 3 months.
cc: Dr K Lee
"""
_PATCH = """Pain Clinic Note
Date of Service: 03/04/2026
HPI: Chronic back pain on fentanyl 25 mcg/hr TDS.
Assessment: chronic low back pain.
Plan: continue fentanyl patch. F/u 1 month.
Electronically signed by Dr J Smith
"""
_BRITISH_LETTER = """Date of clinic: 03/04/2026
Dear Dr P Hughes,
I reviewed this gentleman with hypertension. Amlodipine 5 mg od; paracetamol 1 g QDS PRN.
"""


@pytest.mark.parametrize("text", [_TWO_DOCTORS, _PATCH], ids=["two-doctors", "fentanyl-tds"])
def test_american_note_with_bare_initials_keeps_march_fourth(text: str) -> None:
    found = analyse(text).encounter_date
    assert found is not None
    assert found.value == date(2026, 3, 4)


def test_british_letter_with_a_bare_initial_and_qds_reads_the_fourth_of_april() -> None:
    found = analyse(_BRITISH_LETTER).encounter_date
    assert found is not None
    assert found.value == date(2026, 4, 3)
