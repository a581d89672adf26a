"""An allergy review tells, beside each allergen, what the reviewer made of it: a permission,
what was done for the reaction, what replaced the drug, the entry's own fields. None of those is
an allergen, and a drug taken instead is no allergen either. Labelled before the code ran."""

import pytest

from carechart.notes.nlp import analyse


def _allergies(text: str) -> set[str]:
    return {a.substance.lower() for a in analyse(text).allergies}


def _medications(text: str) -> dict[str, str]:
    return {m.name.lower(): m.status.value for m in analyse(text).medications}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An ENT consult's list: the side effect taken back, the permission after it.
        (
            "Allergies / adverse reactions:\n"
            "  - Ibuprofen - bronchospasm + rhinorrhea (2023).\n"
            "  - Amoxicillin-clavulanate: diarrhea only - side effect, not an allergy; may use "
            "again.\n\nAssessment: Chronic rhinosinusitis.",
            {"ibuprofen"},
        ),
        # A pharmacist's review: what was done for the reaction, what became of the entry.
        (
            "Allergy / intolerance review (clarified with patient)\n"
            "- Sulfa (sulfamethoxazole-trimethoprim): hives + itching 2015, needed Benadryl - "
            "TRUE ALLERGY, keep.\n"
            "- Lisinopril: dry cough 2018. This is a known side effect of ACE inhibitors, not an "
            'allergy. Recorded as intolerance ("do not rechallenge") and removed from the '
            "allergy list.\n"
            "- Shellfish: lip swelling - food allergy, keep. (Not a contraindication to "
            "iodinated contrast; explained.)\n"
            "- Atorvastatin: leg aches - side effect (myalgia), not allergy; now on rosuvastatin "
            "low dose.\n\nPertinent data: BP 116/62.",
            {"sulfa", "shellfish"},
        ),
        # The entry's own fields on the next line of a neurology list.
        (
            "ALLERGIES:\n  Carbamazepine: diffuse maculopapular rash 2019, no\n"
            "  mucosal involvement. Severity: moderate.\n  No other known drug allergies.\n\n"
            "PAST MEDICAL HISTORY: Focal epilepsy.",
            {"carbamazepine"},
        ),
        # British clinic letter: "not an allergy" in a sentence of its own about the entry.
        (
            "Allergies:\n- Codeine: constipation. Not an allergy; removed from the allergy "
            "list.\n- Penicillin: anaphylaxis 1998.\n\nPlan: review in clinic.",
            {"penicillin"},
        ),
        # Negatives: a sentence about another allergen is no take-back of the one before.
        (
            "Allergies:\n- Lisinopril: angioedema 2018. Penicillin: rash, not an allergy.\n"
            "- Sulfa: hives\n\nPlan: review.",
            {"lisinopril", "sulfa"},
        ),
        (
            "Allergies: Codeine (nausea) - it is an intolerance, not an allergy. "
            "Penicillin - hives.",
            {"codeine", "penicillin"},
        ),
    ],
)
def test_an_allergy_reviews_remarks_name_no_allergen(text: str, expected: set[str]) -> None:
    assert _allergies(text) == expected


def test_the_drug_taken_instead_of_an_intolerated_one_stays_a_medication() -> None:
    text = (
        "Medications reviewed:\n1. Rosuvastatin 5 mg daily - started 02/20, no aches.\n\n"
        "Allergy / intolerance review (clarified with patient)\n"
        "- Sulfa: hives 2015 - TRUE ALLERGY, keep.\n"
        "- Atorvastatin: leg aches - side effect (myalgia), not allergy; now on rosuvastatin "
        "low dose.\n\nAssessment: Hyperlipidemia."
    )
    meds = _medications(text)
    taken = {"continued", "started", "changed", "resumed"}
    assert meds.get("rosuvastatin") in taken
    assert meds.get("atorvastatin") not in taken
    assert "rosuvastatin" not in _allergies(text)


@pytest.mark.parametrize(
    "text",
    [
        # An EHR export aligned by spaces, its allergen column spaced round the slash.
        "Medications:\n  1. lisinopril 10 mg daily\n\n"
        "Allergy / Intolerance                 Reaction                Severity      Type\n"
        "  Codeine                             Itching                 Mild          "
        "Intolerance\n"
        "  Latex                               Contact dermatitis      Moderate      Allergy\n\n"
        "PMH: COPD\n",
        "Current meds: lisinopril 10 mg daily\n\n"
        "Allergies / Intolerances      Reaction\n"
        "Codeine                       Itching\n"
        "Latex                         Contact dermatitis\n\n"
        "PMH: COPD\n",
    ],
)
def test_an_aligned_allergy_table_is_read_and_its_drug_is_no_medication(text: str) -> None:
    assert _allergies(text) == {"codeine", "latex"}
    assert set(_medications(text)) == {"lisinopril"}


def test_a_piped_table_keeps_its_caution_rows_out_of_the_allergies() -> None:
    text = (
        "ALLERGY / INTOLERANCE   | REACTION                  | TYPE     | VERIFIED\n"
        "lisinopril              | angioedema 2019 (ER)      | allergy  | pt + wife 02/10\n"
        "latex                   | contact dermatitis        | allergy  | pt\n"
        "sacubitril/valsartan    | NOT TO BE USED - hx ACE-I angioedema | caution | pharmacist\n"
    )
    assert _allergies(text) == {"lisinopril", "latex"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Allergies: Drug allergies - none known. Adhesive bandages cause blistering.", True),
        ("Allergies - none to medications; adhesive (blisters).", True),
        ("Allergies: Drug allergies: penicillin (hives).", False),
    ],
)
def test_no_drug_allergies_beside_a_non_drug_one(text: str, expected: bool) -> None:
    assert analyse(text).no_known_allergies is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Allergies: No allergies to medicines. Bee/wasp stings - anaphylaxis at age 12 "
            "(carries epinephrine).",
            {"bee/wasp stings"},
        ),
        ("Allergies: Wasp/hornet venom (hives).", {"wasp/hornet venom"}),
        # Negatives: things around the patient or foods joined by a slash stay apart.
        ("Allergies: Cat/dust mite (rhinitis). Apple/pear: oral itching.", None),
    ],
)
def test_stings_of_several_insects_are_one_allergy(text: str, expected: set[str] | None) -> None:
    found = _allergies(text)
    if expected is None:
        assert found == {"cat", "dust mite", "apple", "pear"}
    else:
        assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        'Allergy status: No known drug allergies. Note - previous "penicillin allergy" label '
        "was REMOVED 04/2026 after a negative oral amoxicillin challenge.",
        "Allergies: NKDA. Penicillin allergy label removed 04/2026 after a negative amoxicillin "
        "challenge.",
    ],
)
def test_a_removed_allergy_label_is_withdrawn(text: str) -> None:
    analysis = analyse(text)
    assert "penicillin" in analysis.withdrawn_allergies
    assert not analysis.allergies


def test_the_drug_switched_to_keeps_its_own_reaction_as_an_allergy() -> None:
    # The drug taken instead later gave a reaction of its own: that is an allergy too.
    text = "Allergies: Lisinopril (angioedema), changed to losartan - hives.\n"
    assert _allergies(text) == {"lisinopril", "losartan"}
