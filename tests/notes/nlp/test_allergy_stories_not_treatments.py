"""A sentence that tells a treatment of a reaction, a drug's good effect, a shock of another
kind or a side effect is no allergy story, and never takes the drug off the note's medications.
Reading a long run of words stays linear."""

import pytest

from carechart.notes.nlp.analyser import analyse
from tests.notes.nlp.support import allergy_pairs, named_medications


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Medications: loratadine 10 mg daily.\nAssessment: Urticaria on loratadine is well "
            "controlled.",
            "loratadine",
        ),
        (
            "Hospital course: Urticaria with hydroxyzine 25 mg PO improved overnight.\n"
            "Discharge medications: hydroxyzine 25 mg PO q6h PRN itching.",
            "hydroxyzine",
        ),
        (
            "HPI: Lip swelling with methylprednisolone 125 mg IV subsided within hours.",
            "methylprednisolone",
        ),
        ("HPI: Presented in cardiogenic shock with dobutamine started in the ED.", "dobutamine"),
        ("HPI: Septic shock with vasopressin, now weaned.", "vasopressin"),
    ],
)
def test_a_reaction_treated_by_the_drug_is_no_allergy(text: str, drug: str) -> None:
    assert drug not in {substance for substance, _ in allergy_pairs(text)}
    assert drug in named_medications(text)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("HPI: Excellent reaction to ipratropium nebs in the ED.", "ipratropium"),
        ("HPI: A good reaction to prednisone, wheeze much less.", "prednisone"),
        ("HPI: Unable to tolerate enoxaparin injections because of needle phobia.", "enoxaparin"),
        ("HPI: Cannot tolerate metformin - diarrhea.", "metformin"),
        ("HPI: Does not tolerate sitagliptin due to stomach upset.", "sitagliptin"),
    ],
)
def test_a_good_effect_or_a_side_effect_is_no_allergy(text: str, drug: str) -> None:
    assert drug not in {substance for substance, _ in allergy_pairs(text)}


@pytest.mark.parametrize(
    ("text", "drug", "reaction"),
    [
        ("HPI: Went into anaphylactic shock after cefazolin in 2019.", "cefazolin", None),
        ("HPI: Had a serious reaction to codeine as a child.", "codeine", None),
        ("HPI: Broke out in hives with sulfamethoxazole years ago.", "sulfamethoxazole", "hives"),
        ("HPI: Cannot tolerate morphine - vomiting.", "morphine", "vomiting"),
    ],
)
def test_an_allergy_story_still_reads(text: str, drug: str, reaction: str | None) -> None:
    pairs = allergy_pairs(text)
    assert drug in {substance for substance, _ in pairs}
    if reaction is not None:
        assert (drug, reaction) in pairs


def test_a_story_allergy_never_strips_a_drug_the_note_lists() -> None:
    text = (
        "HPI: Got a rash after doxycycline last month.\n"
        "Medications: doxycycline 100 mg PO BID, lisinopril 10 mg daily.\n"
    )
    assert "doxycycline" in {substance for substance, _ in allergy_pairs(text)}
    assert "doxycycline" in named_medications(text)


def test_a_long_run_of_words_is_read_and_names_no_allergy() -> None:
    result = analyse("a " * 20000)
    assert result.allergies == []
    result = analyse("HPI: " + "severe " * 20000 + "cough.")
    assert result.allergies == []
