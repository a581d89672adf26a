"""A drug named in an allergy, intolerance or adverse-reaction statement is never a current
medication, wherever the statement stands and whatever else the patient takes."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse

_NOT_CURRENT = {MedicationStatus.GIVEN, MedicationStatus.STOPPED, MedicationStatus.HISTORICAL}


def _current(text: str) -> set[str]:
    meds = analyse(text, client_note_type=None).medications
    return {(m.ingredient or m.name).lower() for m in meds if m.status not in _NOT_CURRENT}


@pytest.mark.parametrize(
    "text",
    [
        "Medications: lisinopril 10 mg daily, atorvastatin 40 mg nightly.\n"
        "Intolerances: atorvastatin (myalgias)\nAssessment: HTN",
        "MEDS: Lipitor 40 mg, lisinopril 10 mg\nDRUG INTOLERANCES: Lipitor - muscle aches\n",
        "Current medications: atorvastatin 20 mg, lisinopril\n"
        "Adverse drug reactions: atorvastatin -> myalgia\n",
        "Medications: lisinopril 10 mg, atorvastatin 40 mg daily\n"
        "HPI: She is intolerant of atorvastatin (myalgias) and has stopped taking it.\n",
    ],
)
def test_an_intolerance_outside_the_allergy_heading_is_no_current_drug(text: str) -> None:
    current = _current(text)
    assert "atorvastatin" not in current
    assert "lisinopril" in current


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: spironolactone (gynecomastia)\nMedications: eplerenone 25 mg daily",
        "ALLERGIES: Spironolactone - gynecomastia\nHOME MEDS: Inspra 25 mg daily",
        "Allergy list: spironolactone: breast tenderness.\nMeds: eplerenone 50 mg qd, furosemide",
    ],
)
def test_a_sibling_drug_taken_leaves_the_allergen_out(text: str) -> None:
    current = _current(text)
    assert "spironolactone" not in current
    assert "eplerenone" in current


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: morphine: itching\nPlan: morphine 2 mg IV once now for pain, then oxycodone.",
        "ALLERGIES: Morphine (itch)\nED course: given morphine 4 mg IV x1 with diphenhydramine.",
    ],
)
def test_an_allergen_given_once_is_given_never_current(text: str) -> None:
    meds = {m.ingredient: m.status for m in analyse(text, client_note_type=None).medications}
    assert "morphine" not in _current(text)
    assert meds.get("morphine", MedicationStatus.GIVEN) is MedicationStatus.GIVEN


@pytest.mark.parametrize(
    "table",
    [
        "Allergies\nDrug\tReaction\nPenicillins\tAnaphylaxis\nSimvastatin\tMyalgia\n",
        "Allergies\nDrug | Reaction\nPenicillins | Anaphylaxis\nSimvastatin | Myalgia\n",
    ],
)
def test_an_allergy_table_gives_substances_and_reactions_not_its_column_heads(
    table: str,
) -> None:
    analysis = analyse(
        f"ED note\n{table}\nHome medications: rosuvastatin 10 mg", client_note_type=None
    )
    found = {(a.substance.lower(), (a.reaction or "").lower()) for a in analysis.allergies}
    assert found == {("penicillins", "anaphylaxis"), ("simvastatin", "myalgia")}


@pytest.mark.parametrize(
    "text",
    [
        "IMPRESSION: Successful right PCN placement for obstructed kidney.",
        "Urology prefers decompression by PCN given anticoagulation.",
        "Plan: L PCN exchange in 6 weeks. PCN tube output 400 mL.",
    ],
)
def test_a_nephrostomy_written_pcn_is_no_penicillin(text: str) -> None:
    meds = analyse(f"Allergies: penicillin - rash\n{text}", client_note_type=None).medications
    assert not [m for m in meds if m.ingredient == "penicillin"]


def test_penicillin_written_pcn_in_a_medication_list_is_still_a_drug() -> None:
    meds = analyse("Medications: PCN VK 500 mg QID x 10 days", client_note_type=None).medications
    assert [m.ingredient for m in meds] == ["penicillin"] or [m.ingredient for m in meds] == [
        "penicillin v"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Allergies: Environmental: bee stings (swelling).", {("bee stings", "swelling")}),
        ("ALLERGIES: Food: peanuts - hives", {("peanuts", "hives")}),
        (
            "Allergies: Environmental (cats). Food: shellfish (anaphylaxis)",
            {("cats", None), ("shellfish", "anaphylaxis")},
        ),
    ],
)
def test_a_kind_label_before_an_allergen_keeps_its_own_reaction(
    text: str, expected: set[tuple[str, str | None]]
) -> None:
    found = analyse(text, client_note_type=None).allergies
    assert {(a.substance, a.reaction) for a in found} == expected


def test_an_allergy_line_ends_at_the_next_bracketed_heading() -> None:
    text = (
        "[ALLERGIES] NKDA. Environmental: bee stings (swelling).\n[SOCIAL] Retired. Never smoker."
    )
    found = analyse(text, client_note_type=None).allergies
    assert [a.substance for a in found] == ["bee stings"]
