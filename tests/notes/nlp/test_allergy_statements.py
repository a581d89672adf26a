"""Allergy statements as clinics write them: NKDA beside a food allergy, asides, labels."""

import uuid
from datetime import UTC, date, datetime

import pytest

from carechart.notes.chart import ChartNote, build_chart
from carechart.notes.nlp import analyse
from carechart.notes.nlp.allergies import allergy_key


def _allergies(text: str) -> list[tuple[str, str | None]]:
    return [(a.substance.lower(), a.reaction) for a in analyse(text).allergies]


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: NKDA. Latex - contact dermatitis.",
        "ALLERGIES: Shellfish - throat swelling. Drug allergies: none known.",
        "- Allergies: Strawberries (hives). No known drug allergies.",
        "Allergies: No known medication allergies. Iodinated contrast - hives.",
    ],
)
def test_no_known_drug_allergy_stands_beside_a_food_latex_or_contrast_allergy(text: str) -> None:
    analysis = analyse(text)
    assert analysis.no_known_allergies
    assert len(analysis.allergies) == 1
    assert analysis.allergies[0].substance.lower() not in {"none known", "none"}


def test_a_drug_allergy_is_never_no_known_allergies() -> None:
    analysis = analyse("Allergies: no known food allergies. Penicillin - hives.")
    assert not analysis.no_known_allergies
    assert _allergies("Allergies: no known food allergies. Penicillin - hives.") == [
        ("penicillin", "hives")
    ]


def test_a_line_of_vital_signs_after_the_allergies_is_no_allergy() -> None:
    text = "Allergies: NKA\nTemp 37.1 C (oral). Wt 18.2 kg. HR 104.\nExam: well appearing."
    analysis = analyse(text)
    assert analysis.allergies == []
    assert analysis.no_known_allergies


def test_the_next_bullet_of_a_list_ends_the_allergy_item() -> None:
    text = (
        "PRE-PROCEDURE CHECKLIST\n- Allergies: iodinated contrast - hives (premedicated for CT).\n"
        "- Platelets 188 K/uL, INR 1.0.\n- Consent signed."
    )
    assert _allergies(text) == [("iodinated contrast", "hives")]  # the aside is no reaction


def test_a_second_label_and_a_tolerance_are_not_allergens() -> None:
    text = (
        "ALLERGIES: Cefaclor (rash). Intolerances: metformin (diarrhea), lisinopril (cough).\n"
        "SOCIAL: lives alone."
    )
    substances = [s for s, _ in _allergies(text)]
    assert sorted(substances) == ["cefaclor", "lisinopril", "metformin"]
    assert _allergies("Allergies: NKDA. Goal: walk to the mailbox without a cane.") == []
    assert _allergies("ALLERGIES: Codeine - vomiting. Latex - none.") == [("codeine", "vomiting")]


def test_a_brand_in_parentheses_is_no_reaction() -> None:
    text = "ALLERGIES: Ondansetron (Zofran) - severe headache."
    assert _allergies(text) == [("ondansetron", "severe headache")]


def test_a_reaction_written_in_two_clauses_stays_one_allergy() -> None:
    text = 'ALLERGIES\nClindamycin - "upset stomach," then C. diff colitis.\n'
    assert [s for s, _ in _allergies(text)] == ["clindamycin"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Sulfa drugs", "sulfonamide antibiotics"),
        ("allergic to erythromycin", "Erythromycin"),
        ("PCN", "Penicillins"),
    ],
)
def test_names_of_one_allergen_share_a_key(first: str, second: str) -> None:
    assert allergy_key(first) == allergy_key(second)


def test_the_chart_lists_an_allergen_once_whatever_each_note_calls_it() -> None:
    notes = [
        ChartNote(
            id=uuid.uuid4(),
            taken_at=datetime(2025, 4, day, tzinfo=UTC),
            note_type="other",
            title=None,
            author=None,
            has_text=True,
            analysis=analyse(text),
        )
        for day, text in (
            (1, "ALLERGIES: Sulfa drugs - rash."),
            (9, "Allergies: sulfonamide antibiotics (rash), penicillin (hives)."),
        )
    ]
    chart = build_chart(uuid.uuid4(), notes, date(2025, 5, 1))
    assert len(chart.allergies) == 2


def test_what_the_patient_tolerates_is_no_part_of_the_reaction() -> None:
    text = "Allergies: Egg allergy - hives at age 2; tolerates baked egg in muffins."
    assert _allergies(text) == [("egg", "hives")]  # nor is the age
