"""Drugs of the specialties the read notes cover little (obstetrics, paediatrics, psychiatry,
dialysis, oncology infusion, hospice, eye, ear and mouth care, pharmacists' supplement reviews)
are named under their ingredient however the ward writes them: a brand, a ward abbreviation,
an ester of a long-acting injectable, a vitamin's letter before its strength, a name with
bracketed letters."""

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.vocabulary import find_drug_names


def _ingredients(text: str) -> list[str]:
    return sorted(m.ingredient or m.name for m in analyse(text).medications)


def _names(text: str) -> list[tuple[str, str]]:
    return [(text[n.start : n.end], n.drug.ingredient) for n in find_drug_names(text, 0, len(text))]


# Brands and ward abbreviations, each under its ingredient.


@pytest.mark.parametrize(
    ("written", "ingredient"),
    [
        ("Hemabate 250 mcg IM now", "carboprost"),
        ("PNV 1 tab PO daily", "prenatal vitamin"),
        ("Mag sulfate 6 g IV over 20 min", "magnesium sulfate"),
        ("Mg oxide 800 mg PO daily", "magnesium oxide"),
        ("Tri-Vi-Sol 1 mL PO daily", "multivitamin"),
        ("racemic epi 0.05 mL/kg via neb", "epinephrine"),
        ("Uzedy 150 mg subcut every month", "risperidone"),
        ("Perseris 120 mg subcut monthly", "risperidone"),
        ("EPO 8000 units IV each run", "epoetin alfa"),
        ("Zemplar 3 mcg IV with each run", "paricalcitol"),
        ("Renvela 2400 mg with meals", "sevelamer"),
        ("Fosrenol 1000 mg chewed with meals", "lanthanum carbonate"),
        ("Ferrlecit 62.5 mg IV weekly", "ferric gluconate"),
        ("Nephrocaps 1 capsule daily", "b complex / vitamin c / folic acid"),
        ("Neulasta Onpro on the abdomen", "pegfilgrastim"),
        ("5-FU 400 mg/m2 IV push", "fluorouracil"),
        ("Emend IV 150 mg over 20 min", "fosaprepitant"),
        ("Roxanol 5 mg SL q2h prn", "morphine"),
        ("Levsin SL 0.25 mg q4h prn", "hyoscyamine"),
        ("Senna-S 1 tab at bedtime", "senna / docusate"),
        ("vitamin B-12 500 mcg daily", "cyanocobalamin"),
        ("Pred Forte 1 drop OS four times daily", "prednisolone"),
        ("TobraDex drops OD QID", "tobramycin / dexamethasone"),
        ("Vigamox 1 drop OS QID", "moxifloxacin"),
        ("Peridex swish twice daily", "chlorhexidine"),
        ("Debrox 5 drops in the left ear", "carbamide peroxide"),
        ("Dymista 1 spray per nostril", "azelastine / fluticasone"),
        ("ZzzQuil 25 mg at bedtime prn", "diphenhydramine"),
        ("Cathflo 2 mg to the venous lumen", "alteplase"),
    ],
)
def test_a_specialty_brand_or_abbreviation_names_its_ingredient(
    written: str, ingredient: str
) -> None:
    assert _ingredients(f"Medications:\n- {written}\n") == [ingredient]


def test_ferric_gluconate_is_not_ferrous_gluconate() -> None:
    assert _names("ferric gluconate 125 mg IV")[0][1] == "ferric gluconate"
    assert _names("ferrous gluconate 324 mg PO")[0][1] == "ferrous gluconate"


def test_glucosamine_with_chondroitin_is_one_supplement() -> None:
    text = "Supplements:\n- glucosamine-chondroitin 750/600 mg two caps daily\n"
    assert _ingredients(text) == ["glucosamine / chondroitin"]


def test_an_erythropoietin_level_is_no_drug() -> None:
    assert _ingredients("Labs: EPO level 31, retic 1.2%.\n") == []


# An ester or salt of the product ("lauroxil", "palmitate", "tromethamine") is no second drug.


def test_the_salt_of_a_product_is_part_of_its_name() -> None:
    assert _names("ketorolac tromethamine 15 mg IV q6h") == [
        ("ketorolac tromethamine", "ketorolac")
    ]
    assert _names("aripiprazole lauroxil 1064 mg IM q2 months") == [
        ("aripiprazole lauroxil", "aripiprazole")
    ]


def test_tromethamine_given_alone_is_still_a_drug() -> None:
    assert _names("tromethamine 0.3 M 100 mL IV") == [("tromethamine", "tromethamine")]


# A vitamin's letter then the first figure of its strength.


def test_a_strength_after_a_vitamin_letter_is_no_vitamin_number() -> None:
    assert _names("Vitamin K 5 mg PO once") == [("Vitamin K", "phytonadione")]
    assert _names("Vit K 10 mg IV") == [("Vit K", "phytonadione")]
    assert _names("vitamin K 2.5 mg PO x1") == [("vitamin K", "phytonadione")]


def test_a_vitamin_numbered_in_its_name_keeps_the_number() -> None:
    assert _names("vitamin D 3 1000 units daily") == [("vitamin D 3", "cholecalciferol")]
    assert _names("Vitamin B 12 500 mcg daily") == [("Vitamin B 12", "cyanocobalamin")]


def test_a_name_with_bracketed_letters_is_found_whole() -> None:
    assert _ingredients("Medications:\n- Rho(D) immune globulin 1500 units IM\n") == [
        "rho(d) immune globulin"
    ]


def test_a_renal_vitamin_names_its_vitamins() -> None:
    assert _ingredients("Medications:\n- Rena-Vite 1 tab daily after dialysis\n") == [
        "b complex / vitamin c / folic acid"
    ]


def test_a_silver_dressing_is_no_drug() -> None:
    text = "Wound care: cleansed, silver alginate packing, dry gauze, change every 48 hours.\n"
    assert _ingredients(text) == []


def test_silver_drugs_keep_their_names() -> None:
    assert _names("silver sulfadiazine 1% cream to the burn BID") == [
        ("silver sulfadiazine", "silver sulfadiazine")
    ]
