"""A drug the note gives now is never read as an allergy by a narrative rule, and never lost
from the medications: arrows to an effect or an indication, "X causes less bleeding", a drug
further back than "latex listed as allergy", infusion and medication tables, a drug kept away
for a risk. Real allergies told in the narrative, in lists and in tables are still read."""

import pytest

from tests.notes.nlp.support import allergy_pairs, named_medications


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # An arrow from a drug to its effect or indication in a plan.
        (
            "PLAN:\nCHF: furosemide -> edema much improved, continue furosemide 40 mg daily.",
            "furosemide",
        ),
        (
            "PLAN:\nUGIB: pantoprazole -> GI bleed prophylaxis, pantoprazole 40 mg IV BID.",
            "pantoprazole",
        ),
        ("Plan:\nHF: torsemide -> swelling better, torsemide 20 mg daily.", "torsemide"),
        ("A/P:\nGERD: omeprazole -> nausea resolved. Omeprazole 20 mg daily.", "omeprazole"),
        (
            "PLAN:\nUrticaria: cetirizine \u2192 hives controlled, cetirizine 10 mg daily.",
            "cetirizine",
        ),
        # "X causes" a comparison, not a reaction.
        (
            "A&P:\nAF: continue apixaban 5 mg BID. Discussed that apixaban causes less bleeding"
            " than warfarin.",
            "apixaban",
        ),
        (
            "Plan: start rivaroxaban 20 mg daily; rivaroxaban causes fewer bleeds than warfarin.",
            "rivaroxaban",
        ),
        (
            "Continue metformin 500 mg BID. Metformin causes less weight gain than glipizide.",
            "metformin",
        ),
        # A current drug with an effect written as a reaction word is still current.
        (
            "Plan: continue sertraline 50 mg daily. Sertraline causes mild nausea, tolerable.",
            "sertraline",
        ),
    ],
)
def test_effect_or_indication_after_a_current_drug_is_no_allergy(text: str, drug: str) -> None:
    assert all(substance != drug for substance, _ in allergy_pairs(text))
    assert drug in named_medications(text)


@pytest.mark.parametrize(
    ("text", "drug", "allergen", "reaction"),
    [
        (
            "PLAN:\nContinue lisinopril 10 mg daily, latex listed as allergy (rash).",
            "lisinopril",
            "latex",
            "rash",
        ),
        (
            "Plan: metoprolol 25 mg BID. Codeine documented as intolerance (vomiting).",
            "metoprolol",
            "codeine",
            "vomiting",
        ),
        (
            "Continue amlodipine 5 mg daily; shellfish recorded as allergy (hives).",
            "amlodipine",
            "shellfish",
            "hives",
        ),
        (
            "Metformin 500 mg BID. Stop glipizide permanently - documented as adverse reaction"
            " (hypoglycemia).",
            "metformin",
            "glipizide",
            "hypoglycemia",
        ),
        (
            "Continue metformin 500 mg BID. Allopurinol discontinued (rash) - listed as allergy.",
            "metformin",
            "allopurinol",
            "rash",
        ),
    ],
)
def test_documented_allergen_is_the_phrase_just_before(
    text: str, drug: str, allergen: str, reaction: str
) -> None:
    assert allergy_pairs(text) == [(allergen, reaction)]
    assert drug in named_medications(text)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "MEDICATIONS:\n| Agent | Dose | Reaction |\n|---|---|---|\n"
            "| Methotrexate | 15 mg weekly | none |",
            "methotrexate",
        ),
        (
            "Infusion record\n| Agent | Dose | Reaction |\n|---|---|---|\n"
            "| Infliximab | 5 mg/kg IV | nil |",
            "infliximab",
        ),
        (
            "CURRENT MEDICATIONS:\n| Drug | Reaction |\n|---|---|\n| Allopurinol | - |\n",
            "allopurinol",
        ),
    ],
)
def test_medication_and_infusion_tables_are_no_allergy_tables(text: str, drug: str) -> None:
    assert allergy_pairs(text) == []
    assert drug in named_medications(text)


@pytest.mark.parametrize(
    "text",
    [
        "Continue apixaban 5 mg BID, no aspirin (bleeding risk on DOAC).",
        "Start warfarin 5 mg daily; avoid ibuprofen (interaction risk).",
        "Plan: clopidogrel 75 mg daily, no NSAIDs (GI bleed prevention).",
    ],
)
def test_a_drug_kept_away_for_a_risk_is_no_allergy(text: str) -> None:
    assert allergy_pairs(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ALLERGIES: amoxicillin -> rash", [("amoxicillin", "rash")]),
        ("PCN -> hives", [("pcn", "hives")]),
        ("Ceftriaxone \u2192 anaphylaxis in 2019.", [("ceftriaxone", "anaphylaxis")]),
        ("Allergies:\nsulfa (rash)\n", [("sulfa", "rash")]),
        ("She is allergic to sulfa, which causes a rash.", [("sulfa", "rash")]),
        ("He is allergic to penicillin, which causes hives.", [("penicillin", "hives")]),
        ("Codeine causes vomiting.", [("codeine", "vomiting")]),
        ("Morphine makes him itch.", [("morphine", "itching")]),
        ("No morphine (itching).", [("morphine", "itching")]),
        ("Avoid codeine (vomiting).", [("codeine", "vomiting")]),
        ("Lisinopril added to allergy list (cough).", [("lisinopril", "cough")]),
        (
            "ALLERGIES:\n| Agent | Dose | Reaction |\n|---|---|---|\n"
            "| Vancomycin | 1 g | flushing |",
            [("vancomycin", "flushing")],
        ),
        (
            "| Allergen | Reaction |\n|---|---|\n| Penicillin | hives |",
            [("penicillin", "hives")],
        ),
    ],
)
def test_real_allergies_nearby_are_still_read(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert allergy_pairs(text) == expected


def test_an_allergy_statement_may_stand_beside_a_current_drug_with_the_same_name() -> None:
    # Only an explicit statement may say a drug given now is an allergy (to be reconciled).
    text = "Allergies: lisinopril (cough).\n\nPlan: continue lisinopril 10 mg daily."
    assert allergy_pairs(text) == [("lisinopril", "cough")]
