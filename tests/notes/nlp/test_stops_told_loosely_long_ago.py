"""Stops told with a loose time long past ("months ago", "a while ago", "last year") are of the
past (`historical`); stops of last week or two months ago stay recent (`stopped`), and a drug
begun last year that goes on is untouched. Notes written and labelled for these tests before
the code ran on them."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "HPI: 58M with T2DM. He ran out of his Lantus pens months ago and never refilled.",
            "glargine",
            S.HISTORICAL,
        ),
        (
            "Medications:\n- vitamin D 1000 IU daily - stopped a while ago\n- lisinopril 10 mg "
            "daily",
            "vitamin d",
            S.HISTORICAL,
        ),
        (
            "Assessment and Plan:\n2. Hyperlipidaemia - she stopped atorvastatin last year "
            "because of leg aches; recheck lipids.",
            "atorvastatin",
            S.HISTORICAL,
        ),
        # Neighbours: a recent stop, a stop of two months ago, a drug begun last year.
        (
            "Assessment and Plan:\n2. Hyperlipidaemia - she stopped atorvastatin last week "
            "because of leg aches; recheck CK.",
            "atorvastatin",
            S.STOPPED,
        ),
        (
            "HPI: Lisinopril stopped 2 months ago for cough; BP since 150s.",
            "lisinopril",
            S.STOPPED,
        ),
        # A stop of a few months told in words is as recent as "2 months ago".
        (
            "HPI: Stopped metformin two months ago because of diarrhoea.\nPlan: continue "
            "lisinopril.",
            "metformin",
            S.STOPPED,
        ),
        (
            "HPI: She stopped atorvastatin a couple of months ago for myalgia.",
            "atorvastatin",
            S.STOPPED,
        ),
        (
            "HPI: Lisinopril was stopped a few months ago for cough.",
            "lisinopril",
            S.STOPPED,
        ),
        (
            "Medications:\n- metformin 500 mg BID, started last year\n- atorvastatin 20 mg nightly",
            "metformin",
            S.CONTINUED,
        ),
    ],
)
def test_a_stop_told_loosely_long_ago_is_of_the_past(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status
