"""Allergy lines as other hospitals write them, by class: entries apart by full stops after a
year or a quote, remarks after a reaction (an EpiPen carried), fields that follow the list in an
export, screening questions answered no, products named "Allergy", an allergen in an aside
beside NKDA, "no other allergies" beside a listed one, drugs added to the allergy list by words
that do not name them, and an allergen named as the reason for a choice."""

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.allergies import allergy_key
from tests.notes.nlp.support import allergy_pairs, named_medications


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Allergies: Iodinated contrast - anaphylaxis 2019. Chlorhexidine - hives.",
            [("iodinated contrast", "anaphylaxis"), ("chlorhexidine", "hives")],
        ),
        (
            'ALLERGIES: "Morphine - hallucinations". Penicillin - rash (remote).',
            [("morphine", "hallucinations"), ("penicillin", "rash")],
        ),
        (
            "Allergies: codeine - vomiting in 2015. Latex - itching.",
            [("codeine", "vomiting"), ("latex", "itching")],
        ),
        (
            "Allergies: Sulfa (Bactrim) - hives .   Plaquenil - rash",
            [("sulfa", "hives"), ("plaquenil", "rash")],
        ),
    ],
)
def test_entries_apart_by_a_full_stop_after_a_year_a_quote_or_a_space(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert allergy_pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Allergies: morphine - itching. Bee stings - anaphylaxis, carries EpiPen.",
            [("morphine", "itching"), ("bee stings", "anaphylaxis")],
        ),
        ("Allergies: Peanuts - anaphylaxis, has EpiPen at home.", [("peanuts", "anaphylaxis")]),
        (
            "Allergies: shellfish (throat swelling); keeps an Auvi-Q in her bag",
            [("shellfish", "throat swelling")],
        ),
    ],
)
def test_an_epinephrine_pen_carried_after_a_reaction_is_no_allergen(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert allergy_pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ALLERGIES: Chlorhexidine - hives. ASA CLASS: II., CONSENT: obtained.",
        "Allergies: chlorhexidine - hives. ASA class: 2. Airway: Mallampati II.",
        "Allergies: chlorhexidine - hives. ASA PS: III",
    ],
)
def test_the_anaesthesia_class_after_an_export_s_allergies_is_no_allergen(text: str) -> None:
    assert allergy_pairs(text) == [("chlorhexidine", "hives")]


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: Sulfa drugs (hives). ACE inhibitor cough? -- No, tolerates lisinopril.",
        "Allergies: Sulfa drugs (hives); Eggs? -> no",
        "Allergies: Sulfa drugs (hives). Latex? - negative.",
    ],
)
def test_a_screening_question_answered_no_names_no_allergy(text: str) -> None:
    assert allergy_pairs(text) == [("sulfa drugs", "hives")]


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Medications:\n- Flonase Allergy Relief 50 mcg/spray, 1 spray each nostril daily\n",
            "flonase",
        ),
        ("Medications:\n- Zyrtec Allergy 10 mg daily\n- metformin 500 mg BID\n", "zyrtec"),
        ("Meds: Claritin Allergy 24 Hour 10 mg daily; lisinopril 10 mg daily.", "claritin"),
        ("Medications:\n- Nasacort Allergy 24HR 55 mcg, 2 sprays daily\n", "nasacort"),
    ],
)
def test_a_product_named_allergy_is_a_medication_not_an_allergy(text: str, drug: str) -> None:
    analysis = analyse(f"{text}Allergies: erythromycin - GI upset\n")
    assert [a.substance.lower() for a in analysis.allergies] == ["erythromycin"]
    assert drug in {m.name.lower() for m in analysis.medications}
    # The words of the product's name are no drug of their own.
    assert not {"allergy", "relief", "hour"} & named_medications(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Allergies: No Known Drug Allergies. (Seasonal pollen.)", [("seasonal pollen", None)]),
        (
            "Allergies: NKDA. Seasonal grass pollen and cats.",
            [("seasonal grass pollen", None), ("cats", None)],
        ),
        ("Allergies: NKDA. (Penicillin - rash in childhood)", [("penicillin", "rash")]),
    ],
)
def test_an_allergen_in_an_aside_beside_nkda_is_kept(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert allergy_pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: NKDA (seasonal allergies only)",
        "Allergies: none. Seasonal allergies in spring.",
        "Allergies: NKDA. (see above, added today)",
    ],
)
def test_hay_fever_or_a_pointer_in_an_aside_is_no_allergen(text: str) -> None:
    assert allergy_pairs(text) == []


def test_seasonal_pollen_and_pollen_are_one_allergen() -> None:
    assert allergy_key("Seasonal pollen") == allergy_key("pollen")


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: IV contrast dye -> hives; no known drug allergies otherwise",
        "Allergies: latex (rash). No other known allergies.",
        "Allergies: shellfish - hives; otherwise NKDA.",
        "Allergies: iodinated contrast (hives). No further drug allergies.",
    ],
)
def test_no_other_allergies_beside_a_listed_one_is_no_nkda(text: str) -> None:
    analysis = analyse(text)
    assert analysis.allergies
    assert analysis.no_known_allergies is False
    assert all("otherwise" not in (a.reaction or "") for a in analysis.allergies)


@pytest.mark.parametrize(
    "text",
    ["Allergies: Latex (hives). NKDA.", "Allergies: NKDA. Peanut - hives and lip swelling."],
)
def test_nkda_beside_a_food_or_latex_allergy_stands(text: str) -> None:
    assert analyse(text).no_known_allergies is True


@pytest.mark.parametrize(
    ("text", "drug", "reaction"),
    [
        (
            "Assessment/Plan\n - Hydrochlorothiazide: DISCONTINUE permanently. Add to "
            'allergy/intolerance list as "hyponatremia."\n - Citalopram: hold.\n',
            "hydrochlorothiazide",
            "hyponatremia",
        ),
        (
            "Plan: Stop allopurinol given the diffuse rash and add it to her allergy list.",
            "allopurinol",
            None,
        ),
        (
            "A/P: 2. Angioedema - lisinopril stopped today; added to allergy list (angioedema).",
            "lisinopril",
            "angioedema",
        ),
    ],
)
def test_a_drug_added_to_the_allergy_list_without_its_name_is_the_line_s_drug(
    text: str, drug: str, reaction: str | None
) -> None:
    analysis = analyse(text)
    assert (drug, reaction) in [(a.substance.lower(), a.reaction) for a in analysis.allergies]
    # The drug is still read as stopped: the list it is added to does not hide the order.
    assert drug in {m.name.lower() for m in analysis.medications}


def test_a_list_label_after_add_to_the_allergy_list_names_its_own_allergen() -> None:
    text = "Plan: add to the allergy list: sulfa (rash). Continue metformin 500 mg BID."
    assert allergy_pairs(text) == [("sulfa", "rash")]
    assert "metformin" in named_medications(text)


@pytest.mark.parametrize(
    ("text", "allergen"),
    [
        (
            "Allergies: cefaclor (hives).\nPlan: Start doxycycline 100 mg PO BID x 7 days "
            "(avoiding cephalexin given cefaclor hives).",
            "cefaclor",
        ),
        (
            "Allergies: penicillin (anaphylaxis).\nPlan: aztreonam 1 g IV q8h because of her PCN "
            "anaphylaxis.",
            "pcn",
        ),
        (
            "Allergies: sulfa (rash)\nPlan: nitrofurantoin 100 mg BID x 5 days due to the Bactrim "
            "rash in 2019.",
            "bactrim",
        ),
    ],
)
def test_an_allergen_named_as_the_reason_for_a_choice_is_no_medication(
    text: str, allergen: str
) -> None:
    assert allergen not in named_medications(text)


def test_a_past_reaction_in_a_history_list_still_tells_of_the_drug_taken() -> None:
    text = (
        "Problems: 4. Previous sulfasalazine rash (2023)\n"
        "Allergies: Sulfasalazine - widespread rash (2023).\n"
    )
    assert "sulfasalazine" in named_medications(text)


@pytest.mark.parametrize(
    "text", ["Plan: hydrocortisone rash cream BID.", "Plan: cetirizine hives regimen, 10 mg BID."]
)
def test_a_treatment_named_with_the_reaction_stays_a_medication(text: str) -> None:
    assert named_medications(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ALLERGIES: NO KNOWN DRUG ALLERGIES. SEASONAL POLLEN ALLERGIES.",
            ("seasonal pollen", None),
        ),
        ("Allergies: NKDA. Cat allergy.", ("cat", None)),
        ("Allergies: NKDA; peanut allergy (hives).", ("peanut", "hives")),
    ],
)
def test_an_allergen_written_with_the_word_allergy_in_a_list_is_kept(
    text: str, expected: tuple[str, str | None]
) -> None:
    assert expected in allergy_pairs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Allergies: She is allergic to cats (rhinitis) and reports hives with "
            "sulfamethoxazole-trimethoprim in 2018.",
            ("sulfamethoxazole-trimethoprim", "hives"),
        ),
        ("HPI: She describes a rash with amoxicillin as a child.", ("amoxicillin", "rash")),
        ("Social: He recalls hives with penicillin at age 5.", ("penicillin", "hives")),
    ],
)
def test_a_reaction_the_patient_tells_with_a_drug_is_an_allergy(
    text: str, expected: tuple[str, str | None]
) -> None:
    assert expected in allergy_pairs(text)


def test_a_reaction_told_with_a_treatment_is_no_allergy() -> None:
    assert allergy_pairs("HPI: she reports hives on cetirizine are well controlled.") == []


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Plan: allergy referral for penicillin skin testing; meanwhile azithromycin 500 mg "
            "daily x 3 days.",
            "azithromycin",
        ),
        ("Plan: pt has a sulfa allergy; continue metformin 500 mg BID.", "metformin"),
        ("A/P: PCN allergy noted; start doxycycline 100 mg BID x 10 days.", "doxycycline"),
    ],
)
def test_a_drug_after_a_semicolon_that_closes_an_allergy_clause_is_a_medication(
    text: str, drug: str
) -> None:
    assert drug in named_medications(text)


def test_an_allergy_list_run_on_with_semicolons_names_no_medications() -> None:
    text = "HPI: 70M. Allergies: penicillin; amoxicillin; codeine. Meds: lisinopril 10 mg daily."
    assert named_medications(text) == {"lisinopril"}
    assert [s for s, _ in allergy_pairs(text)] == ["penicillin", "amoxicillin", "codeine"]


def test_a_reaction_as_a_child_loses_its_age() -> None:
    assert allergy_pairs("Allergies: Amoxicillin - rash as child.") == [("amoxicillin", "rash")]
