"""A date heading a note beside a clinician's name dates the note only when the line is its
title ("Post-Take Ward Round - Dr M O'Neill (Consultant) 14/03/2026"): an operation the patient
had, told in the head ("s/p right TKA by Dr. Brown (Ortho) 01/15/2026"), is no visit's date."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse


@pytest.mark.parametrize(
    "line",
    [
        "s/p right TKA by Dr. Brown (Ortho) 01/15/2026",
        "Status post CABG, Dr. A. Patel (CT Surgery) 11/02/2025",
    ],
)
def test_an_operation_told_in_the_head_does_not_date_the_visit(line: str) -> None:
    text = f"Clinic Note\n{line}\nHPI: doing well.\nAssessment: HTN.\n"
    assert analyse(text).encounter_date is None


def test_a_ward_rounds_title_beside_its_clinician_still_dates_it() -> None:
    text = (
        "Post-Take Ward Round - Dr M O'Neill (Consultant)  14/03/2026 09:40\n"
        "Seen with FY1. Impression: community-acquired pneumonia.\n"
    )
    found = analyse(text).encounter_date
    assert found is not None
    assert found.value == date(2026, 3, 14)
