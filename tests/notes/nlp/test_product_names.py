"""A drug is listed once, under its ingredient, however the note writes its product: a route or
form in the dictionary's name (nicotine gum, glucagon nasal powder), a supplement with each
ingredient's strength, "vit" for vitamin; and a brand that is also a person's name or an
operating table is no drug at all."""

from carechart.notes.nlp import MedicationStatus, analyse
from carechart.notes.nlp.vocabulary import find_drug_names


def _ingredients(text: str) -> list[str]:
    return sorted(m.ingredient or m.name for m in analyse(text).medications)


def _names(text: str) -> list[tuple[str, str]]:
    return [(text[n.start : n.end], n.drug.ingredient) for n in find_drug_names(text, 0, len(text))]


# Products whose dictionary name carries a route or a form: the ingredient is the drug.


def test_nicotine_gum_and_patch_are_one_drug_nicotine() -> None:
    text = (
        "Medications:\n- nicotine patch 21 mg/24 hr daily\n- nicotine gum 2 mg q2h PRN cravings\n"
    )
    assert _ingredients(text) == ["nicotine"]


def test_brands_of_a_route_resolve_to_the_ingredient() -> None:
    text = (
        "Home medications:\n- Nitrostat 0.4 mg SL PRN chest pain\n- Baqsimi 3 mg nasal PRN\n"
        "- NicoDerm CQ 14 mg patch daily\n"
    )
    assert _ingredients(text) == ["glucagon", "nicotine", "nitroglycerin"]


def test_a_gum_that_is_no_drug_keeps_its_name() -> None:
    assert _names("guar gum 5 g daily")[0][1] == "guar gum"


# A person or an operating table named like a brand.


def test_a_clinician_named_like_a_brand_is_no_drug() -> None:
    text = (
        "Date: 11/03/2025    Clinician: Hana Lindqvist, MD\n"
        "Surgeon: Camila Esterhazy, MD\nED attending: Soren Vasquez-Lamb, MD\n"
        "Reply from Dr. Camila Ortiz, 11/07/2025.\n"
        "Medications: lisinopril 10 mg daily.\n"
    )
    assert _ingredients(text) == ["lisinopril"]


def test_an_operating_table_is_no_drug() -> None:
    text = (
        "DESCRIPTION OF PROCEDURE: Positioned supine on the Hana table, prepped and draped.\n"
        "Cefazolin 2 g IV was given before incision.\n"
    )
    assert _ingredients(text) == ["cefazolin"]


def test_the_brand_itself_is_still_a_drug() -> None:
    text = "Plan:\n1. Start norethindrone 0.35 mg (Camila) 1 tab daily.\n2. Camila refills x 12.\n"
    assert _ingredients(text) == ["norethindrone"]


# A supplement written with each ingredient's strength.


def test_calcium_and_vitamin_d_with_their_strengths_are_one_product() -> None:
    for text in (
        "Medications:\n- calcium carbonate 500 mg + vitamin D3 400 IU PO BID\n",
        "MEDICATIONS:\n4. CALCIUM CARBONATE 600 MG WITH VITAMIN D 800 IU TWICE DAILY.\n",
        "Medications:\n- Calcium carbonate 600 mg/vitamin D3 400 IU twice daily\n",
    ):
        assert _ingredients(text) == ["calcium carbonate / cholecalciferol"], text


def test_a_later_restatement_of_the_supplement_is_the_same_drug() -> None:
    text = (
        "Medications:\n- calcium carbonate 500 mg + vitamin D3 400 IU PO BID\n"
        "- levothyroxine 50 mcg daily\n\n"
        "Plan: give levothyroxine separated from calcium by 4 h. Continue calcium/vitamin D.\n"
    )
    assert _ingredients(text) == ["calcium carbonate / cholecalciferol", "levothyroxine"]


def test_a_separate_vitamin_d_prescription_stays_its_own_drug() -> None:
    text = (
        "Medications:\n- calcium carbonate 500 mg + vitamin D3 400 IU PO BID\n\n"
        "Plan: vitamin D 18 - start vitamin D3 50,000 IU weekly x 8 weeks.\n"
    )
    assert _ingredients(text) == ["calcium carbonate / cholecalciferol", "cholecalciferol"]


def test_a_combination_written_with_strengths_is_one_product() -> None:
    assert _names("sacubitril 24 mg/valsartan 26 mg BID") == [
        ("sacubitril 24 mg/valsartan", "sacubitril / valsartan")
    ]


def test_drugs_ordered_together_stay_two() -> None:
    assert [i for _, i in _names("Albuterol 2.5 mg + ipratropium 0.5 mg neb x1")] == [
        "albuterol",
        "ipratropium",
    ]
    assert [i for _, i in _names("aspirin 81 mg / clopidogrel 75 mg daily")] == [
        "aspirin",
        "clopidogrel",
    ]


# "vit" for vitamin.


def test_vit_is_short_for_vitamin() -> None:
    assert _names("Vit D3 2000 IU daily, vit B12 1000 mcg daily") == [
        ("Vit D3", "cholecalciferol"),
        ("vit B12", "cyanocobalamin"),
    ]


def test_a_vitamin_level_is_a_test_not_a_drug() -> None:
    text = "Labs: 25-OH vit D 41 ng/mL. Medications: lisinopril 10 mg daily.\n"
    assert _ingredients(text) == ["lisinopril"]


def test_a_results_table_after_the_allergies_does_not_make_a_drug_an_allergen() -> None:
    text = (
        "CURRENT MEDICATIONS\n cholecalciferol 2000 unit cap   1 cap PO daily   Taking\n\n"
        "ALLERGIES / INTOLERANCES\n Alendronate - esophagitis (intolerance)\n\n"
        "--------------------------------------------------\n"
        "   25-OH vit D      41 ng/mL      (30-100)\n"
    )
    assert "cholecalciferol" in _ingredients(text)


# Who told the list.


def test_a_list_told_by_a_relative_is_the_patients() -> None:
    for text, ingredient in (
        ("Home meds per daughter: acetaminophen PRN\n", "acetaminophen"),
        ("Meds per son: metoprolol 25 mg daily\n", "metoprolol"),
    ):
        found = analyse(text).medications
        assert [m.ingredient for m in found] == [ingredient], text
        assert found[0].status is MedicationStatus.CONTINUED


def test_a_relatives_own_drug_is_still_not_the_patients() -> None:
    text = "Family history: daughter: type 1 diabetes on insulin. Mother: takes metformin.\n"
    assert _ingredients(text) == []


# A product of three ingredients written out after its brand.


def test_a_triple_inhaler_written_out_is_one_product() -> None:
    for text in (
        "Plan:\n- START Trelegy Ellipta (fluticasone furoate/umeclidinium/vilanterol) "
        "100/62.5/25 mcg 1 inhalation daily.\n",
        "HOME MEDICATIONS:\n1. TRELEGY ELLIPTA (FLUTICASONE FUROATE/UMECLIDINIUM/VILANTEROL) "
        "100/62.5/25 MCG ONE INHALATION DAILY.\n",
    ):
        assert _ingredients(text) == ["fluticasone / umeclidinium / vilanterol"], text


def test_three_drugs_joined_by_slashes_are_still_a_list() -> None:
    assert [i for _, i in _names("lisinopril/HCTZ/spironolactone held")] == [
        "lisinopril",
        "hydrochlorothiazide",
        "spironolactone",
    ]


# Sodium bicarbonate, the drug, beside bicarbonate, the test.


def test_sodium_bicarbonate_with_a_dose_is_a_drug() -> None:
    started = analyse(
        "Plan:\n4. Sodium bicarbonate 650 mg 2 tablets three times daily for acidosis, start "
        "today.\n"
    ).medications
    assert [(m.ingredient, m.status) for m in started] == [
        ("sodium bicarbonate", MedicationStatus.STARTED)
    ]
    listed = "Medications: amlodipine 10, sodium bicarbonate 650 BID, allopurinol 100.\n"
    assert "sodium bicarbonate" in _ingredients(listed)


def test_a_bicarbonate_result_is_no_drug() -> None:
    assert _ingredients("Labs: Sodium 133, potassium 5.6, chloride 104, bicarbonate 17.\n") == []
    assert _ingredients("BMP: sodium bicarbonate 17 (L)\n") == []


def test_an_iv_fluid_named_by_its_solute_is_no_drug() -> None:
    for text in (
        "Plan:\n- change LR to isotonic sodium bicarbonate (150 mEq/L) at 100 mL/h x 1 L.\n",
        "Plan:\n- start sodium bicarbonate 150 mEq/L in D5W at 75 mL/h.\n",
    ):
        assert _ingredients(text) == [], text
    tablets = "Plan:\n- start sodium bicarbonate 650 mg PO BID for acidosis.\n"
    assert _ingredients(tablets) == ["sodium bicarbonate"]
