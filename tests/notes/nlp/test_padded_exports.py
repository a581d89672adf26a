"""Exports padded with long runs of blanks or separators still read their drugs.

A review found three scans that tried a long run of spaces, tabs or brackets from every one of
its characters (a minute for 20,000 padding spaces). The notes below are what such an export
looks like; each is read whole, and the drug the clinician wrote is found.
"""

import pytest

from carechart.notes.nlp import analyse

PADDING = 20_000


@pytest.mark.parametrize(
    ("note", "drug"),
    [
        ("Medications:\nmetformin 500 mg " + " " * PADDING, "metformin"),
        ("Medications:\nmetformin 500 mg BID" + "\t" * PADDING + "\nPlan: continue", "metformin"),
        ("Meds:\naspirin 81 mg daily;" + "\t" * PADDING, "aspirin"),
    ],
)
def test_a_drug_before_a_long_blank_run_is_read(note: str, drug: str) -> None:
    assert drug in [m.name.lower() for m in analyse(note).medications]
