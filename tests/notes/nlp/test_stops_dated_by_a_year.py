"""A stop told with a year of its own, or a month of a year, on either side of the drug's name
("completed letrozole 2018", "sertraline 50 mg 2021 x 6 months - no benefit, stopped", "d/c
03/2024 - myalgias") is the past (`historical`) when the date lies six months or more before
the note. A stop dated within those months, a year that dates the start, and an order to stop
now stay `stopped`."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

_S = MedicationStatus

HEAD = "OFFICE VISIT\nDate of Service: 11/10/2026\n\n"


@pytest.mark.parametrize(
    ("body", "drug"),
    [
        (
            "Past medical history: breast cancer 2012 s/p lumpectomy, completed letrozole 2018;"
            " hypothyroidism.\n\nMedications: levothyroxine 75 mcg daily.\n",
            "letrozole",
        ),
        (
            "Prior trials: sertraline 50 mg 2021 x 6 months - no benefit, stopped.\n\n"
            "Current medications: bupropion XL 150 mg daily.\n",
            "sertraline",
        ),
        (
            "Medications\nlisinopril 20 mg daily\n\nDiscontinued medications\n"
            "pravastatin 40 mg            d/c 03/2024 - myalgias\n",
            "pravastatin",
        ),
    ],
)
def test_a_stop_dated_years_before_the_note_is_historical(body: str, drug: str) -> None:
    assert status_of(HEAD + body, drug) is _S.HISTORICAL


@pytest.mark.parametrize(
    ("body", "drug"),
    [
        # Five months before the note: a recent stop.
        (
            "Medications\nlisinopril 20 mg daily\n\nDiscontinued medications\n"
            "meloxicam 7.5 mg            d/c 06/2026 - rising creatinine\n",
            "meloxicam",
        ),
        # The year is when the drug began; the stop is of now.
        (
            "Discharge reconciliation:\n"
            "Glyburide 5 mg tablet by mouth daily 2017 Discontinued STOP - low sugars\n"
            "Metformin 500 mg tablet by mouth twice daily 2017 Active CONTINUE\n",
            "glyburide",
        ),
        (
            "Medications:\nlisinopril 20 mg daily (start date 2019) - discontinued today, cough\n"
            "amlodipine 5 mg daily\n",
            "lisinopril",
        ),
    ],
)
def test_a_recent_stop_or_a_start_year_stays_stopped(body: str, drug: str) -> None:
    assert status_of(HEAD + body, drug) is _S.STOPPED
