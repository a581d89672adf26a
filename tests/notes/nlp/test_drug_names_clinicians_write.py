"""Probes of the ways clinicians name a drug, written and labelled by hand before the finder ran
on them: ward abbreviations, brands old and new (biologics, GLP-1 and SGLT2 drugs, DOACs,
inhalers, eye drops, insulins), combination products with their strengths, salts and release
forms, international (INN and British) names and the British "co-" compounds, vitamins and
supplements, topical and eye products, and drugs in one-line exports and tables. Each name
resolves to the ingredient the labelling guide asks for; class words, analytes, a resistance
named after a drug and a dressing named after a salt are no drug."""

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.vocabulary import find_drug_names


def _found(text: str) -> list[str]:
    return sorted(n.drug.ingredient for n in find_drug_names(text, 0, len(text)))


def _medications(text: str) -> list[str]:
    return sorted(m.ingredient or m.name for m in analyse(text).medications)


_HYDROCODONE_APAP = "hydrocodone / acetaminophen"
_SMX_TMP = "sulfamethoxazole / trimethoprim"


# Shapes the finder already read before this pass: kept so that none of them changes.
@pytest.mark.parametrize(
    ("written", "ingredients"),
    [
        ("ASA 81 mg daily", ["aspirin"]),
        ("NTG 0.4 mg SL prn chest pain", ["nitroglycerin"]),
        ("MVI 1 tab daily", ["multivitamin"]),
        ("KCl 20 mEq PO BID", ["potassium chloride"]),
        ("APAP 650 mg q6h prn", ["acetaminophen"]),
        ("HCTZ 25 mg daily", ["hydrochlorothiazide"]),
        ("TMP-SMX DS 1 tab BID", [_SMX_TMP]),
        ("5-FU infusion", ["fluorouracil"]),
        ("ISMN 30 mg daily", ["isosorbide mononitrate"]),
        ("Humira 40 mg every 2 weeks", ["adalimumab"]),
        ("Ozempic 0.5 mg weekly", ["semaglutide"]),
        ("Mounjaro 5 mg weekly", ["tirzepatide"]),
        ("Jardiance 10 mg daily", ["empagliflozin"]),
        ("Eliquis 5 mg BID", ["apixaban"]),
        ("Xarelto 20 mg with supper", ["rivaroxaban"]),
        ("Spiriva Respimat 2 puffs daily", ["tiotropium"]),
        ("Trelegy Ellipta 1 inhalation daily", ["fluticasone / umeclidinium / vilanterol"]),
        ("Ventolin HFA 2 puffs q4h prn", ["albuterol"]),
        ("Xalatan 1 gtt OU qhs", ["latanoprost"]),
        ("Timoptic 0.5% OU BID", ["timolol"]),
        ("Lantus 20 units qhs", ["insulin glargine"]),
        ("Augmentin 875 mg BID", ["amoxicillin / clavulanate"]),
        ("Norco 5/325 1 tab q6h prn", [_HYDROCODONE_APAP]),
        ("Symbicort 160/4.5 2 puffs BID", ["budesonide / formoterol"]),
        ("Entresto 24/26 mg BID", ["sacubitril / valsartan"]),
        ("metoprolol succinate ER 50 mg daily", ["metoprolol"]),
        ("KCl ER 10 mEq daily", ["potassium chloride"]),
        ("ferrous sulfate 325 mg daily", ["ferrous sulfate"]),
        ("paracetamol 1 g QDS", ["acetaminophen"]),
        ("salbutamol inhaler prn", ["albuterol"]),
        ("frusemide 40 mg mane", ["furosemide"]),
        ("lignocaine 1% local", ["lidocaine"]),
        ("co-codamol 30/500 2 tabs QDS", ["codeine / acetaminophen"]),
        ("Vitamin D3 2000 IU daily", ["cholecalciferol"]),
        ("fish oil 1 g daily", ["omega-3 fatty acids"]),
        ("melatonin 3 mg qhs", ["melatonin"]),
        ("Voltaren gel 4 g QID to knees", ["diclofenac"]),
        ("mupirocin ointment to nares BID", ["mupirocin"]),
        ("Aimovig 140 mg monthly", ["erenumab"]),
        ("Suboxone 8/2 mg SL daily", ["buprenorphine / naloxone"]),
        ("Xigduo XR 10/1000 daily", ["dapagliflozin / metformin"]),
        ("losartan/HCTZ 100/25", ["losartan / hydrochlorothiazide"]),
    ],
)
def test_a_name_read_before_still_names_its_ingredient(
    written: str, ingredients: list[str]
) -> None:
    assert _found(written) == ingredients


# Names the finder missed or read as a part of the product.
@pytest.mark.parametrize(
    ("written", "ingredients"),
    [
        # Ward abbreviations of one drug.
        ("MTX 15 mg weekly with folic acid 1 mg", ["folic acid", "methotrexate"]),
        ("MMF 1000 mg BID", ["mycophenolate mofetil"]),
        ("NAC 600 mg BID", ["acetylcysteine"]),
        ("TXA 1 g IV", ["tranexamic acid"]),
        ("PTU 100 mg TID", ["propylthiouracil"]),
        ("6-MP 50 mg daily", ["mercaptopurine"]),
        ("HCQ 200 mg BID", ["hydroxychloroquine"]),
        ("SSZ 1 g BID", ["sulfasalazine"]),
        ("ISDN 20 mg TID", ["isosorbide dinitrate"]),
        ("vanc 1 g IV q12h", ["vancomycin"]),
        ("amio 200 mg daily", ["amiodarone"]),
        ("dilt gtt at 10 mg/h", ["diltiazem"]),
        ("lido patch to the low back", ["lidocaine"]),
        ("nitro 0.4 SL x1", ["nitroglycerin"]),
        ("doxy 100 mg BID x7 days", ["doxycycline"]),
        ("PCN VK 500 mg QID", ["penicillin v"]),
        ("Z-Pak as directed", ["azithromycin"]),
        ("Vit B6 50 mg daily", ["pyridoxine"]),
        ("TNK 25 mg IV push", ["tenecteplase"]),
        # International and British names.
        ("adrenaline 0.5 mg IM", ["epinephrine"]),
        ("GTN spray prn", ["nitroglycerin"]),
        ("glyceryl trinitrate patch", ["nitroglycerin"]),
        ("aciclovir 800 mg five times daily", ["acyclovir"]),
        ("cefalexin 500 mg QDS", ["cephalexin"]),
        ("colecalciferol 800 units OD", ["cholecalciferol"]),
        ("oestradiol 2 mg OD", ["estradiol"]),
        ("beclometasone 100 mcg 2 puffs BD", ["beclomethasone"]),
        ("chlorphenamine 4 mg QDS prn", ["chlorpheniramine"]),
        ("mesalazine 800 mg TDS", ["mesalamine"]),
        ("Movicol 1 sachet BD", ["polyethylene glycol 3350"]),
        ("Laxido 2 sachets", ["polyethylene glycol 3350"]),
        ("Fybogel 1 sachet BD", ["psyllium"]),
        ("Calcichew D3 Forte 1 BD", ["calcium carbonate / cholecalciferol"]),
        ("co-amoxiclav 625 mg TDS", ["amoxicillin / clavulanate"]),
        ("co-careldopa 25/100 TDS", ["carbidopa / levodopa"]),
        ("co-beneldopa 12.5/50", ["benserazide / levodopa"]),
        ("co-dydramol 2 tabs QDS", ["dihydrocodeine / acetaminophen"]),
        ("co-amilofruse 5/40 OD", ["amiloride / furosemide"]),
        ("Seretide 250 2 puffs BD", ["fluticasone / salmeterol"]),
        ("Fostair 100/6 2 puffs BD", ["beclomethasone / formoterol"]),
        ("Relvar 92/22 1 puff OD", ["fluticasone / vilanterol"]),
        # Combination brands, old and new.
        ("Anoro 1 inhalation daily", ["umeclidinium / vilanterol"]),
        ("Breztri 2 puffs BID", ["budesonide / glycopyrrolate / formoterol"]),
        ("Glucovance 5/500 BID", ["glyburide / metformin"]),
        ("Lotensin HCT 20/12.5 daily", ["benazepril / hydrochlorothiazide"]),
        ("Synjardy 12.5/1000 BID", ["empagliflozin / metformin"]),
        ("Humulin 70/30 20 units BID", ["insulin nph / insulin regular"]),
        ("Novolin 70/30 15 units before breakfast", ["insulin nph / insulin regular"]),
        ("Lomotil 2 tabs prn", ["diphenoxylate / atropine"]),
        ("Descovy 1 tab daily for PrEP", ["emtricitabine / tenofovir alafenamide"]),
        ("K-Phos Neutral 250 mg BID", ["potassium phosphate / sodium phosphate"]),
        # Single-ingredient brands.
        ("Santyl to the wound bed daily", ["collagenase"]),
        ("Kayexalate 15 g PO x1", ["sodium polystyrene sulfonate"]),
        ("Cleviprex 1 mg/h titrated", ["clevidipine"]),
        ("Envarsus XR 4 mg daily", ["tacrolimus"]),
        ("Slow-Mag 2 tabs daily", ["magnesium chloride"]),
    ],
)
def test_a_name_clinicians_write_names_its_ingredient(written: str, ingredients: list[str]) -> None:
    assert _found(written) == ingredients


def test_a_british_medication_list_reads_every_drug() -> None:
    text = (
        "Current medication: co-amoxiclav 625 mg TDS, paracetamol 1 g QDS, GTN spray PRN, "
        "Fostair 100/6 2 puffs BD, Movicol 1 sachet OD, colecalciferol 800 units OD\n"
    )
    assert _medications(text) == [
        "acetaminophen",
        "amoxicillin / clavulanate",
        "beclomethasone / formoterol",
        "cholecalciferol",
        "nitroglycerin",
        "polyethylene glycol 3350",
    ]


def test_a_dictated_list_in_capitals_reads_brands_and_abbreviations() -> None:
    text = (
        "MEDICATIONS: SYNJARDY 12.5/1000 MG BID, HUMULIN 70/30 20 UNITS BID, "
        "LOTENSIN HCT 20/12.5 DAILY, DOXY 100 MG BID, MTX 15 MG WEEKLY.\n"
    )
    assert _medications(text) == [
        "benazepril / hydrochlorothiazide",
        "doxycycline",
        "empagliflozin / metformin",
        "insulin nph / insulin regular",
        "methotrexate",
    ]


def test_ward_abbreviations_in_a_plan_are_orders() -> None:
    text = "Plan: TXA 1 g IV now, then vanc 1 g IV q12h. Start amio 150 mg IV bolus.\n"
    assert _medications(text) == ["amiodarone", "tranexamic acid", "vancomycin"]


# Negative cases: what must stay no drug.


@pytest.mark.parametrize(
    "text",
    [
        "He takes a beta blocker and a statin; was given antibiotics by urgent care.\n",
        "Assessment: possible serotonin syndrome, resolved by the next day.\n",
        "Labs: PT (prothrombin time) 14.2, INR 1.1, methylmalonic acid 0.5.\n",
        "Wound: MRSA (methicillin-resistant Staph aureus) on culture.\n",
        "Wound care: calcium alginate dressing applied, change every 2 days.\n",
        "Exam: thyroid gland not enlarged. Urine amber and clear.\n",
        "Allergies: adrenaline (palpitations), co-amoxiclav (rash)\nMedications: none\n",
    ],
)
def test_a_class_analyte_resistance_or_dressing_is_no_medication(text: str) -> None:
    assert _medications(text) == []


def test_inh_in_a_sig_is_the_route_not_isoniazid() -> None:
    assert _medications("Medications:\n- albuterol 2 puffs INH q4h prn\n") == ["albuterol"]


def test_a_salt_dressing_keeps_its_salt_from_being_a_drug_but_the_salt_alone_is_one() -> None:
    assert _found("calcium alginate rope packed into the wound") == []
    assert _found("calcium carbonate 500 mg BID") == ["calcium carbonate"]


# A letter abbreviation in lower case is a typist's initials as often as a drug.


def test_a_capitalised_abbreviation_is_the_drug() -> None:
    assert _found("MTX 15 mg weekly") == ["methotrexate"]
    assert _found("Mtx 20 mg weekly") == ["methotrexate"]


def test_transcription_initials_in_lower_case_are_no_drug() -> None:
    assert _found("Dictated by D. Lang.\nDAL/mtx\nD: 11/12/2025 15:02") == []
    assert _found("TXA given, then txa held") == ["tranexamic acid"]


# A medication list the allergy section runs into: its drugs are the patient's, not allergens.

_RUN_ON = (
    "PROCEDURE NOTE: liver biopsy\n\nAllergies:\n  >> sulfa (Bactrim): rash 2009\n"
    "Pre-procedure meds review:\n"
    "  methotrexate 15 mg weekly .......... ON HOLD since 07/28 (pending biopsy)\n"
    "  adalimumab ......................... not started - derm considering as {mtx} replacement\n"
    "\nPlan:\n- Methotrexate remains on hold pending pathology.\n"
)


@pytest.mark.parametrize("mtx", ["MTX", "methotrexate"])
def test_a_drug_of_a_list_below_the_allergies_is_no_allergen(mtx: str) -> None:
    assert "methotrexate" in _medications(_RUN_ON.format(mtx=mtx))


def test_a_drug_named_alone_in_the_allergy_section_stays_an_allergen() -> None:
    text = "Allergies:\n  codeine\n  methotrexate\n\nMedications:\n- lisinopril 10 mg daily\n"
    assert _medications(text) == ["lisinopril"]
