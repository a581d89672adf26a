"""A field that names the document's kind keeps its value as the title when blanks set it
apart ("Type:      Emergency Department Note"); a letter's address field ("To:      Cardiology -
New Patient Referrals") still names where the letter goes, not what it is."""

import pytest

from carechart.notes.nlp import analyse

_BODY = """
Date of service: 03/04/2026
Patient seen. Exam unremarkable.
Plan: continue current medicines.
"""


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Type:      Emergency Department Note", "emergency"),
        ("Form:      Discharge Instructions", "discharge"),
        ("Note Type:      Discharge Summary", "discharge"),
        ("Template:      H&P", "admission"),
        # Negatives: an address or a person set apart is no title.
        ("To:      Cardiology - New Patient Referrals", "other"),
        ("Attn:      Emergency Department Note", "other"),
    ],
)
def test_a_kind_field_set_apart_keeps_its_title(header: str, expected: str) -> None:
    assert analyse(header + _BODY).note_type.value == expected
