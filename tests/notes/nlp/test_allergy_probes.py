"""Allergy statements written and labelled before the extractor was run on them, in the shapes
EHRs and dictation produce: allergy tables with a status column, "Allergies, Adverse Reactions,
Alerts" sections, intolerances, allergies taken back, relatives' allergies, conditions and
clinics named with the word, plans' "avoid X", cross-reactivity remarks, brand names and
one-line exports. Labels follow eval/LABELLING.md (intolerances are allergies)."""

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.allergies import allergy_key

# (text, the patient's allergens, no_known_allergies)
PROBES: list[tuple[str, set[str], bool]] = [
    (
        "Allergen | Reaction | Severity | Type | Status\n"
        "Penicillin | Hives | Moderate | Allergy | Active\n"
        "Codeine | Nausea | Mild | Intolerance | Active\n"
        "Sulfa (Sulfonamide Antibiotics) | Rash | Mild | Allergy | Inactive\n"
        "Latex | Unknown | | Allergy | Entered in error\n",
        {"penicillin", "codeine"},
        False,
    ),
    (
        "ALLERGIES\nSubstance            Reaction        Status\n"
        "Amoxicillin          Rash            Resolved\n"
        "Morphine             Itching         Active\n",
        {"morphine"},
        False,
    ),
    (
        "ALLERGIES, ADVERSE REACTIONS, ALERTS\nLisinopril - angioedema\nAlert: fall risk\n",
        {"lisinopril"},
        False,
    ),
    (
        "Allergies/Adverse Reactions: atorvastatin - myalgias (intolerance); "
        "ibuprofen - GI upset\n",
        {"atorvastatin", "ibuprofen"},
        False,
    ),
    (
        "Allergies: NKDA\nSide effects (not allergies): metformin - diarrhea\n",
        set(),
        True,
    ),
    (
        "Allergies: Penicillin allergy removed after negative oral amoxicillin challenge "
        "03/2024. NKDA.\n",
        set(),
        True,
    ),
    ("Allergies: codeine (nausea) - not a true allergy. Sulfa - rash.\n", {"sulfa"}, False),
    ("Allergies: Mother is allergic to penicillin. Patient: NKDA.\n", set(), True),
    (
        "Family history: Brother with peanut allergy. Sister has asthma.\n\nAllergies: NKDA\n",
        set(),
        True,
    ),
    (
        "Problem list:\n1. Allergic rhinitis - on fluticasone\n2. Hypertension\n\n"
        "Allergies: NKDA\n",
        set(),
        True,
    ),
    (
        "Referred to allergy clinic for penicillin allergy testing.\n\n"
        "Allergies: penicillin (childhood rash, unclear).\n",
        {"penicillin"},
        False,
    ),
    (
        "Assessment: Seasonal allergies - cetirizine 10 mg daily.\n\n"
        "Allergies: No known drug allergies.\n",
        set(),
        True,
    ),
    ("Plan: Avoid NSAIDs given CKD stage 4.\n\nAllergies: NKDA\n", set(), True),
    ("Plan: Avoid ibuprofen given history of GI bleed.\n", set(), False),
    (
        "Allergies: PCN (hives).\nTolerated cephalexin in 2022 despite PCN allergy.\n",
        {"penicillin"},
        False,
    ),
    ("Allergies: NKDA; NKFA\n", set(), True),
    ("No known allergies to medications, allergic to shellfish.\n", {"shellfish"}, True),
    (
        "ALLERGIES: Penicillins-Hives, Sulfa Drugs-Rash, Codeine-Nausea/Vomiting, "
        "Latex-Itching MEDICATIONS: lisinopril 10 mg daily\n",
        {"penicillin", "sulfa", "codeine", "latex"},
        False,
    ),
    (
        "Allergies: Augmentin (rash), Bactrim DS (hives), Keflex (anaphylaxis)\n",
        # Labelled "sulfa" at first; Bactrim named alone is the product (LABELLING.md joins
        # it to sulfa only when both are told).
        {"amoxicillin/clavulanate", "sulfamethoxazole/trimethoprim", "cephalexin"},
        False,
    ),
    (
        "Allergies: Shellfish (severe - anaphylaxis, carries EpiPen)\n",
        {"shellfish"},
        False,
    ),
    (
        "Allergies: Morphine - severe, Hydrocodone - moderate, Tape - mild\n",
        {"morphine", "hydrocodone", "adhesive"},
        False,
    ),
    (
        "ALLERGIES: Iodinated contrast media (hives) - premedicate before CT\n",
        {"contrast"},
        False,
    ),
    (
        "Allergies: Vancomycin - red man syndrome, infusion related, not an allergy\n",
        set(),
        False,
    ),
    (
        "Drug Allergies: No Known Drug Allergies\nFood Allergies: Peanuts (anaphylaxis)\n",
        {"peanut"},
        True,
    ),
    ("Allergies: Patient denies allergies. Daughter has latex allergy.\n", set(), True),
    (
        "Allergy/Intolerance    Reaction      Criticality       Status\n"
        "Ciprofloxacin          Tendonitis    Low               Active\n"
        "Ceftriaxone            Unknown       Unable to assess  Entered in Error\n",
        {"ciprofloxacin"},
        False,
    ),
    (
        "Allergies: Penicillin (de-labelled 2023 after negative skin test and oral challenge)\n",
        set(),
        False,
    ),
    (
        "Allergies: Sulfa (rash); PCN - removed from allergy list 5/2024, tolerated amoxicillin\n",
        {"sulfa"},
        False,
    ),
    (
        "Reason for visit: allergy follow-up. Allergic rhinitis and asthma, well controlled.\n",
        set(),
        False,
    ),
    ("Allergies: Egg (hives), ceftriaxone - tolerated\n", {"egg"}, False),
    (
        "Allergies: Sertraline - sexual side effects (intolerance), Metformin - diarrhea\n",
        {"sertraline", "metformin"},
        False,
    ),
    (
        "Medications: atorvastatin 40 mg daily (intolerant to simvastatin - myalgias)\n",
        {"simvastatin"},
        False,
    ),
    (
        "Allergies: Hydrochlorothiazide (hyponatremia), Lisinopril (cough)\n",
        {"hydrochlorothiazide", "lisinopril"},
        False,
    ),
    (
        "ALLERGIES: Penicillin: Anaphylaxis, Shellfish: Hives, Seasonal: Sneezing\n",
        {"penicillin", "shellfish"},
        False,
    ),
    (
        "Allergies: NKA.\nPatient has a history of allergic conjunctivitis.\n",
        set(),
        True,
    ),
    ("Allergies: Tramadol (seizure), Toradol (renal failure)\n", {"tramadol", "ketorolac"}, False),
    ("Allergies: Zosyn\n", {"piperacillin/tazobactam"}, False),
    ("Allergies: No Known Allergies\nAllergy status: reviewed 11/2026\n", set(), True),
    ("Epinephrine auto-injector prescribed for peanut allergy.\n", {"peanut"}, False),
    (
        "Penicillin skin testing and oral challenge negative; allergy label removed.\n",
        set(),
        False,
    ),
    ("Allergies: Adhesive tape (skin tears)\nAlerts: Difficult IV access\n", {"adhesive"}, False),
    ("Wife is allergic to penicillin; patient has no allergies.\n", set(), True),
    (
        "Allergies:\n- Iodine\n- Shellfish\n- Latex\nAlerts: Fall risk, DNR\n",
        {"iodine", "shellfish", "latex"},
        False,
    ),
    (
        "Allergy/Intolerance: Clopidogrel - bleeding (side effect, not allergy)\n",
        set(),
        False,
    ),
    (
        "Allergies\nActive\nPenicillin G - Hives\nInactive\nErythromycin - GI upset\n",
        {"penicillin g"},
        False,
    ),
    (
        "Allergies: Codeine - Nausea; Morphine - Itching (Inactive); Latex - Rash (Active)\n",
        {"codeine", "latex"},
        False,
    ),
    (
        "ALLERGIES: NKDA\nFAMILY HISTORY: Son - severe peanut allergy; mother - PCN allergy\n",
        set(),
        True,
    ),
    (
        "Allergies: sulfa (rash)\nPlan: avoid sulfonamides; consider allergy referral for "
        "penicillin testing\n",
        {"sulfa"},
        False,
    ),
    (
        "Allergies: Ace inhibitors (cough), Statins (myalgias)\n",
        {"ace inhibitors", "statins"},
        False,
    ),
    (
        "Allergies: Lamictal - SJS; Dilantin - rash; Tylenol #3 - itching\n",
        {"lamotrigine", "phenytoin", "acetaminophen/codeine"},
        False,
    ),
    # A second round, written and labelled after the first round's fixes, before running.
    (
        "Allergies (verified 10/2026): Cefuroxime - hives (Active); Doxycycline - "
        "photosensitivity (Resolved)\n",
        {"cefuroxime"},
        False,
    ),
    (
        "Allergen | Reaction | Status\nSulfamethoxazole | SJS | Active\nAmoxicillin "
        "| Rash | Refuted\n",
        {"sulfamethoxazole"},
        False,
    ),
    (
        "Allergies: Aspirin - tinnitus (side effect - not an allergy); Morphine - hives\n",
        {"morphine"},
        False,
    ),
    (
        "ALLERGIES: Penicillin. Note: PCN allergy delabeled 4/2025 after amoxicillin challenge.\n",
        set(),
        False,
    ),
    ("Allergies: NKDA\nSocial: husband allergic to cats, none at home.\n", set(), True),
    ("PMH: allergic asthma, allergic rhinitis, eczema.\nAllergies: none\n", set(), True),
    (
        "Plan: allergy referral for venom testing. Avoid beta-blockers.\nAllergies: "
        "bee stings (anaphylaxis)\n",
        {"bee sting"},
        False,
    ),
    (
        "Allergies: Keflex (hives) - has since tolerated Ancef x2 perioperatively\n",
        {"cephalexin"},
        False,
    ),
    (
        "Allergies: Sulfa; Levaquin - tendinitis; Tape - blisters; Latex (inactive)\n",
        {"adhesive", "levofloxacin", "sulfa"},
        False,
    ),
    (
        "Drug allergies: none. Environmental: ragweed, dust mites. Food: none.\n",
        {"dust mite", "ragweed"},
        True,
    ),
    (
        "Allergies: Zofran - headache (intolerance); Reglan - dystonia\n",
        {"metoclopramide", "ondansetron"},
        False,
    ),
    (
        "ALLERGIES: Gabapentin - dizziness, not a true allergy; Lisinopril - angioedema\n",
        {"lisinopril"},
        False,
    ),
    (
        "Allergy: Iodine (rash) - entered in error, patient had CT with contrast "
        "2024 without issue\n",
        set(),
        False,
    ),
    (
        "Mom reports he has a peanut allergy (hives at age 2). Sister allergic to eggs.\n",
        {"peanut"},
        False,
    ),
    ("Allergies: NKDA, NKFA. Allergy clinic visit next month for rhinitis.\n", set(), True),
]


def _found(text: str) -> tuple[set[str], bool]:
    analysis = analyse(text)
    return {allergy_key(a.substance) for a in analysis.allergies}, analysis.no_known_allergies


@pytest.mark.parametrize(("text", "allergens", "none_known"), PROBES)
def test_an_allergy_probe_names_the_patients_allergens(
    text: str, allergens: set[str], none_known: bool
) -> None:
    assert _found(text) == ({allergy_key(a) for a in allergens}, none_known)
