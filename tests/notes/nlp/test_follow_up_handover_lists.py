"""Follow-ups listed under a handover heading that says whose the list is ("TO DO FOR WARD
TEAM:", "Tasks for primary team:", "To-do list:", "Action points for GP:"), in ICU transfer
summaries, handover notes and British clinic letters; labelled (item and due) by hand before
the extractor was run on them. Beside them, headings that only look alike stay out."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse

_TAKEN = date(2025, 3, 6)  # a Thursday
_ICU = (
    "ICU TRANSFER SUMMARY\nDate: 03/06/2025\n\nICU COURSE: Septic shock from pyelonephritis, "
    "off pressors since yesterday. Central line removed today.\n\n"
)
_LETTER = "6 March 2025\n\nDear Dr. Okoye,\n\nRe: Mrs. Ada Lowe\n\nI saw Mrs. Lowe today.\n\n"

# (note, words the follow-up's text holds, its due).
FOLLOW_UPS: list[object] = [
    (
        _ICU + "TO DO FOR WARD TEAM:\n1. PT/OT evaluation tomorrow.\n2. BMP and CBC in AM.\n",
        "PT/OT evaluation",
        date(2025, 3, 7),
    ),
    (
        _ICU + "TO DO FOR WARD TEAM:\n1. PT/OT evaluation tomorrow.\n2. BMP and CBC in AM.\n",
        "BMP and CBC",
        date(2025, 3, 7),
    ),
    (
        _ICU + "Tasks for primary team:\n- Transition to PO antibiotics in 48 h if eating.\n"
        "- Repeat blood cultures pending - follow up.\n",
        "Transition to PO",
        date(2025, 3, 8),
    ),
    (
        "HOSPITALIST HANDOVER 03/06/2025\nTo-do list:\n- Echo in 2 weeks as outpatient.\n",
        "Echo",
        date(2025, 3, 20),
    ),
    (
        _LETTER + "Action points for GP:\n1. Please check U&Es in 2 weeks.\n\nYours sincerely,\n"
        "Dr. F. Amari\n",
        "U&Es",
        date(2025, 3, 20),
    ),
]


@pytest.mark.parametrize(("text", "words", "due"), FOLLOW_UPS)
def test_an_item_of_a_handover_list_is_a_follow_up_with_its_due(
    text: str, words: str, due: date | None
) -> None:
    plans = analyse(text, taken_at=_TAKEN).plans
    found = [p for p in plans if words.lower() in p.text.lower()]
    assert found, [p.text for p in plans]
    assert found[0].due == due, found[0]


# (note, words no plan may hold): a title that is no list of things to do, and the signature
# under the last list of a note.
NOT_PLANS: list[object] = [
    (
        _ICU + "TO DO FOR WARD TEAM:\n1. BMP in AM.\n\nKeiko Ruiz, MD, MICU attending - "
        "03/06/2025 11:48\n",
        "Keiko",
    ),
    (
        "PT EVALUATION 03/06/2025\nTasks for which she needs help: bathing, stairs in 2 weeks "
        "ago.\nAssessment: Deconditioning.\n",
        "bathing",
    ),
    (
        "Date of Service: 03/06/2025\nReason for referral: palpitations for 2 weeks.\n"
        "Assessment: PVCs.\n",
        "palpitations",
    ),
    # A discharge form's field answered on its line: "Instructions reviewed: yes".
    (
        "ED DISCHARGE\nDate of Service: 03/06/2025\nDiagnosis: ankle sprain.\n"
        "Instructions reviewed: yes, patient verbalized understanding\nDisposition: home\n",
        "verbalized",
    ),
]


@pytest.mark.parametrize(("text", "words"), NOT_PLANS)
def test_a_title_that_lists_nothing_to_do_gives_no_plan(text: str, words: str) -> None:
    plans = analyse(text, taken_at=_TAKEN).plans
    assert not [p for p in plans if words.lower() in p.text.lower()], [p.text for p in plans]
