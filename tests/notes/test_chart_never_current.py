"""The chart never lists as current a drug its notes only give or propose: an anaesthetic plan's
drugs, options, a class of drugs stopped after its members were named."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

_S = MedicationStatus

PREOP = _note(
    "2025-05-19T07:05:00",
    "PRE-ANESTHESIA EVALUATION\nMedications: metoprolol 25 mg twice daily\n\n"
    "ANESTHETIC PLAN: General ETT.\n - Induction: propofol, rocuronium; sugammadex for reversal.\n"
    " - PONV: dexamethasone 4 mg + ondansetron 4 mg.\n",
)
VISIT = _note(
    "2025-05-02T10:00:00",
    "PROGRESS NOTE\nMedications: insulin glargine 10 units at bedtime, metoprolol 25 mg twice"
    " daily\n\nAssessment and Plan:\nGERD: +/- omeprazole 20 mg daily.\n"
    "Steroids finished; insulin was discontinued.\n",
)


def test_given_proposed_and_class_stopped_drugs_are_never_current() -> None:
    chart = _chart(VISIT, PREOP)
    current = {m.name.lower() for m in chart.current_medications}
    assert "metoprolol" in current
    for name in ("propofol", "rocuronium", "sugammadex", "omeprazole", "insulin glargine"):
        assert name not in current
    proposed = {m.name.lower() for m in chart.proposed_medications}
    assert {"propofol", "omeprazole"} <= proposed


@pytest.mark.parametrize(
    ("given", "proposed"),
    [
        ("Given ondansetron 4 mg IV and ketorolac 15 mg IV in the ED.", "+/- ondansetron 4 mg"),
        ("Given ondansetron 4 mg IV and ketorolac 15 mg IV in the ED.", "consider ondansetron"),
    ],
)
def test_a_drug_given_then_proposed_is_in_neither_current_list(given: str, proposed: str) -> None:
    """A drug given once (ED) that a later note only proposes is listed as proposed, never
    current: the chart's lists are built from the notes' statuses, merged across notes."""
    chart = _chart(
        _note("2025-05-01T10:00:00", f"ED NOTE\n{given}\nMedications: lisinopril 10 mg daily\n"),
        _note(
            "2025-05-08T10:00:00",
            "PROGRESS NOTE\nMedications: lisinopril 10 mg daily\n\nAssessment and Plan:\n"
            f"Nausea: {proposed} as needed.\n",
        ),
    )
    assert [m.name.lower() for m in chart.current_medications] == ["lisinopril"]
    assert [m.name.lower() for m in chart.given_medications] == ["ketorolac"]
    assert [m.name.lower() for m in chart.proposed_medications] == ["ondansetron"]
