"""Allergy statements beside the medication list, written and labelled before the extractor was
run on them: an allergy list must be complete and hold only allergens, an allergen must never be
a medication, and a drug the patient takes stays a medication though an allergy statement names
it beside another drug, or names it as the allergen of an intolerance the team accepts."""

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.allergies import allergy_key

# (text, the patient's allergens, no_known_allergies, drugs that must be medications)
PROBES: list[tuple[str, set[str], bool, set[str]]] = [
    (
        "SOCIAL HISTORY: Lives alone.\nALLERGIES: Allergic to penicillin (rash) and to "
        "codeine.\nMEDICATIONS: Lisinopril 10 mg daily.\n",
        {"penicillin", "codeine"},
        False,
        {"lisinopril"},
    ),
    (
        "HPI: 64 y/o woman with cellulitis of the left leg. She is allergic to penicillin "
        "(rash) and to codeine (vomiting).\n",
        {"penicillin", "codeine"},
        False,
        set(),
    ),
    (
        "Allergy: vancomycin (red man syndrome - infusion-rate related)\n\n"
        "ASSESSMENT AND PLAN:\n1. MRSA bacteremia - vancomycin 1 g IV q12h, infuse over 2 "
        "hours with diphenhydramine premedication.\n",
        {"vancomycin"},
        False,
        {"vancomycin", "diphenhydramine"},
    ),
    (
        "Intolerances: atorvastatin - myalgia; metformin - GI upset\n"
        "Medications: rosuvastatin 5 mg nightly\n",
        {"atorvastatin", "metformin"},
        False,
        {"rosuvastatin"},
    ),
    (
        "Current medications:\n1. Stiolto Respimat (tiotropium/olodaterol) 2 puffs daily\n"
        "2. Albuterol HFA 2 puffs q4h PRN\nAllergies: NKDA\n",
        set(),
        True,
        {"tiotropium / olodaterol", "albuterol"},
    ),
    (
        "Allergies: Stiolto (tiotropium/olodaterol) - palpitations\n"
        "Medications: Symbicort 160/4.5 two puffs BID\n",
        {"tiotropium / olodaterol"},
        False,
        {"budesonide / formoterol"},
    ),
    (
        "Allergies: penicillin (hives as a child) - tolerates cephalexin.\n"
        "Medications: cephalexin 500 mg PO QID x 7 days\n",
        {"penicillin"},
        False,
        {"cephalexin"},
    ),
    (
        "HPI: Started on cephalexin by urgent care 3 days ago; she tolerates cephalexin "
        "despite a penicillin allergy.\n",
        {"penicillin"},
        False,
        {"cephalexin"},
    ),
    (
        "Allergies: No known drug allergies; allergic to shellfish (hives).\n",
        {"shellfish"},
        True,
        set(),
    ),
    (
        "ALLERGIES\nAllergen          Reaction        Severity    Type\n"
        "Sulfa drugs       Rash            Moderate    Allergy\n"
        "Atorvastatin      Myalgia         Mild        Intolerance\n"
        "\nMEDICATIONS\nFurosemide 40 mg daily\n",
        {"sulfa", "atorvastatin"},
        False,
        {"furosemide"},
    ),
    (
        "ADRs: lisinopril - cough; amiodarone - thyroid dysfunction\n"
        "Drug history: losartan 50 mg OD, bisoprolol 2.5 mg OD\n",
        {"lisinopril", "amiodarone"},
        False,
        {"losartan", "bisoprolol"},
    ),
    (
        "Sensitivities: latex (contact dermatitis); trimethoprim (rash)\n"
        "Regular medications: nitrofurantoin 50 mg nocte\n",
        {"latex", "trimethoprim"},
        False,
        {"nitrofurantoin"},
    ),
    ("Allergies: NKDA\nMedications: amlodipine 5 mg OD\n", set(), True, {"amlodipine"}),
    ("Drug allergies: nil known\nDrug history: ramipril 5 mg OD\n", set(), True, {"ramipril"}),
    (
        "Drug allergies: nil known. Other allergies: peanuts (anaphylaxis) - carries EpiPen.\n",
        {"peanut"},
        True,
        set(),
    ),
    (
        "Allergies: Penicillin (anaphylaxis), Morphine - itch, Trimethoprim \u2013 rash\n"
        "Medications: oxycodone 5 mg q6h PRN pain\n",
        {"penicillin", "morphine", "trimethoprim"},
        False,
        {"oxycodone"},
    ),
    (
        "HPI: 58 year old man with a cough. She reports hives with sulfa and gets swelling of "
        "her lips with lisinopril. Takes amlodipine 10 mg daily.\n",
        {"sulfa", "lisinopril"},
        False,
        {"amlodipine"},
    ),
    (
        "Allergy to IV contrast \u2014 premedicated with prednisone 50 mg and diphenhydramine "
        "50 mg before the CT.\n",
        {"contrast"},
        False,
        {"prednisone", "diphenhydramine"},
    ),
    (
        "Allergies: sulfa (rash)\nMedications: furosemide 40 mg daily, metoprolol 25 mg BID\n",
        {"sulfa"},
        False,
        {"furosemide", "metoprolol"},
    ),
    (
        "Allergies: codeine (nausea) - takes tramadol without problem\n"
        "Medications: tramadol 50 mg q6h PRN\n",
        {"codeine"},
        False,
        {"tramadol"},
    ),
    (
        "Allergies: amoxicillin (rash) - has taken cefuroxime since without reaction\n"
        "Medications: cefuroxime 500 mg BID x 5 days\n",
        {"amoxicillin"},
        False,
        {"cefuroxime"},
    ),
]


def _found(text: str) -> tuple[set[str], bool, set[str]]:
    analysis = analyse(text)
    allergens = {allergy_key(a.substance) for a in analysis.allergies}
    drugs = {m.ingredient or m.name.lower() for m in analysis.medications}
    return allergens, analysis.no_known_allergies, drugs


@pytest.mark.parametrize(("text", "allergens", "none_known", "taken"), PROBES)
def test_an_allergy_list_is_complete_and_holds_only_allergens(
    text: str, allergens: set[str], none_known: bool, taken: set[str]
) -> None:
    found, found_none_known, _ = _found(text)
    assert (found, found_none_known) == ({allergy_key(a) for a in allergens}, none_known)


@pytest.mark.parametrize(("text", "allergens", "none_known", "taken"), PROBES)
def test_an_allergen_is_never_a_medication_and_a_drug_taken_stays_one(
    text: str, allergens: set[str], none_known: bool, taken: set[str]
) -> None:
    _, _, drugs = _found(text)
    assert taken <= drugs
    only_allergens = {allergy_key(a) for a in allergens} - {allergy_key(d) for d in taken}
    assert not {allergy_key(d) for d in drugs} & only_allergens


# Shapes of the allergy errors found on the read sets, in wording of our own: a ROS line after
# an allergy line, a "side effects, not allergies" line, a checkbox form, "NKDA but ...", a
# comma between an export's allergen and its reaction, a remark that takes an entry back.
FAMILIES: list[tuple[str, set[str], bool]] = [
    (
        "S: Back pain unchanged.\nAllergies: sulfa (rash). Codeine - nausea.\n"
        "Denies chest pain/SOB. Denies oversedation. No falls since last visit.\n",
        {"sulfa", "codeine"},
        False,
    ),
    (
        "Allergies: Latex - rash.\nDenies any other allergies.\n",
        {"latex"},
        False,
    ),
    (
        "ALLERGIES: LATEX - HIVES. CATS (SNEEZING).\n"
        "SIDE EFFECTS, NOT ALLERGIES: ATORVASTATIN - MYALGIAS, FATIGUE.\n",
        {"latex", "cats"},
        False,
    ),
    (
        "Allergies: penicillin - rash\nSide effects, not allergies: metformin - diarrhoea\n",
        {"penicillin"},
        False,
    ),
    (
        "Allergy history: egg - hives as a toddler, now eats cake and boiled eggs without "
        "problems. Drug allergies: none.\n",
        {"egg"},
        True,
    ),
    (
        "MEDICATIONS:,  Lithium 600 mg at bedtime.,ALLERGIES:,  HALOPERIDOL, DYSTONIC REACTION.  "
        "SULFA, RASH.,SOCIAL HISTORY:,  Lives alone.",
        {"haloperidol", "sulfa"},
        False,
    ),
    (
        "ALLERGIES / INTOLERANCES\nIbuprofen - Dyspepsia, ?GI bleed (intolerance)\n"
        "Codeine - vomiting\n",
        {"ibuprofen", "codeine"},
        False,
    ),
    (
        "Allergies: no known drug allergies but he reports hives with iodinated\n"
        "contrast (CT 2020), premedicated since.\n",
        {"contrast"},
        True,
    ),
    (
        "Allergies: no known drug allergies but gets a rash from adhesive tape (uses silicone "
        "tape).\n",
        {"adhesive"},
        True,
    ),
    (
        "ALLERGIES:\n [ ] NKDA   [X] See list:  SULFA - rash   /   CODEINE - vomiting "
        "(intolerance)\n",
        {"sulfa", "codeine"},
        False,
    ),
    ("ALLERGIES:\n [X] NKDA   [ ] See list:\n", set(), True),
    (
        "ALLERGIES / INTOLERANCES\n  Substance      Reaction        Type\n"
        "  Latex          Hives           Allergy\n"
        "  Amoxicillin    -- none --      Rash as a child doubtful; took cefdinir 2022. "
        "Not an allergy.\n",
        {"latex"},
        False,
    ),
    (
        "ALLERGIES / ADVERSE REACTIONS\n1. Sulfa: SJS 2019 - ALLERGY, never rechallenge.\n"
        "2. Vancomycin: flushing with fast infusion - not an allergy; may be given with slower "
        "infusion.\n",
        {"sulfa"},
        False,
    ),
    (
        "Allergies / sensitivities:\n  - IV contrast -> hives; premedicated for CT scans\n"
        "  - Adhesive tape -> blistering (uses paper tape)\n",
        {"contrast", "adhesive"},
        False,
    ),
    (
        "Culture and sensitivities: E. coli, sensitive to nitrofurantoin.\nAllergies: NKDA\n",
        set(),
        True,
    ),
]


@pytest.mark.parametrize(("text", "allergens", "none_known"), FAMILIES)
def test_an_allergy_family_of_the_read_sets_names_only_the_allergens(
    text: str, allergens: set[str], none_known: bool
) -> None:
    found, found_none_known, _ = _found(text)
    assert (found, found_none_known) == ({allergy_key(a) for a in allergens}, none_known)
