"""The chart's allergies after a review: a table's entry with its class in brackets ("Sulfa
(Sulfonamide Antibiotics)") is the "Sulfa" a later note writes, one allergy; a later note that
removes a label drops it; stings of bees and wasps are one allergy. Labelled before the code ran."""

from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note


def _allergies(*texts: str) -> list[str]:
    notes = [_note(f"2026-0{i + 1}-10", t) for i, t in enumerate(texts)]
    return sorted(a.substance.lower() for a in _chart(*notes).allergies)


def test_a_class_in_brackets_is_the_same_allergy_as_its_short_name() -> None:
    visit = (
        "PRIMARY CARE VISIT\nAllergies\nAllergen               Reaction             Severity\n"
        "Sulfa (Sulfonamide Antibiotics)   Hives     Moderate\n"
        "Shellfish              Lip swelling         Moderate\n\nPlan: continue metformin 500 mg.\n"
    )
    review = (
        "CLINICAL PHARMACY REVIEW\nAllergy / intolerance review (clarified with patient)\n"
        "- Sulfa (sulfamethoxazole-trimethoprim): hives + itching 2015, needed Benadryl - "
        "TRUE ALLERGY, keep.\n- Shellfish: lip swelling - food allergy, keep.\n\n"
        "Assessment: polypharmacy.\n"
    )
    found = _allergies(visit, review)
    assert len(found) == 2, found
    assert any("sulfa" in a for a in found)
    assert "shellfish" in found


def test_a_label_removed_in_a_later_note_leaves_the_chart() -> None:
    clinic = "ANTICOAGULATION CLINIC\nAllergies: Penicillin - childhood rash.\nPlan: warfarin.\n"
    phone = "TELEPHONE NOTE\nAllergies: PCN (see chart).\nPlan: bridging with enoxaparin.\n"
    dental = (
        "DENTAL EXTRACTION NOTE\nAllergy status: No known drug allergies. Note - previous "
        '"penicillin allergy" label was REMOVED 04/2026 after a negative oral amoxicillin '
        "challenge.\nProcedure: extraction of tooth 30.\n"
    )
    assert _allergies(clinic, phone, dental) == []
    # Negative: without the removal the allergy stays.
    assert _allergies(clinic, phone) != []


def test_stings_of_bees_and_wasps_stay_one_allergy_across_notes() -> None:
    first = "SPORTS MEDICINE\nAllergies: No allergies to medicines. Bee/wasp stings - anaphylaxis."
    second = "SPORTS MEDICINE FOLLOW-UP\nAllergies: NKDA; bee/wasp stings (anaphylaxis).\n"
    assert len(_allergies(first, second)) == 1
