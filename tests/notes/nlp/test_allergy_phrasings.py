"""Allergy statements as notes write them, by class: reactions after dashes, arrows, commas and
"causes"; tables; screened substances; lists added to in the plan; and the readings nearby
that must not change (a drug started for a rash, "no latex allergy", a relative's allergy)."""

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.allergies import clean_reaction
from tests.notes.nlp.support import allergy_pairs, named_medications


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Allergic to amoxicillin - rash.", [("amoxicillin", "rash")]),
        ("She is allergic to codeine -> vomiting.", [("codeine", "vomiting")]),
        ("Pt allergic to latex \u2192 contact dermatitis.", [("latex", "contact dermatitis")]),
        ("He is allergic to sulfa, which causes hives.", [("sulfa", "hives")]),
        ("She is allergic to NSAIDs, which cause wheezing.", [("nsaids", "wheezing")]),
        (
            "He is allergic to penicillin, which gave him a rash as a child.",
            [("penicillin", "rash")],
        ),
    ],
)
def test_a_reaction_after_a_dash_an_arrow_or_which_causes(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert allergy_pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ALLERGIES:  Nitrofurantoin, causes nausea.", [("nitrofurantoin", "nausea")]),
        (
            "ALLERGIES:  TETRACYCLINE, PHOTOSENSITIVE RASH.",
            [("tetracycline", "photosensitive rash")],
        ),
        ("ALLERGIES:  NAPROXEN, GI BLEED IN 2011.", [("naproxen", "gi bleed")]),
        (
            "Allergies: Iodinated contrast, hives. Also intolerant of tramadol, constipation.",
            [("iodinated contrast", "hives"), ("tramadol", "constipation")],
        ),
    ],
)
def test_a_reaction_after_a_comma_in_transcribed_and_capital_lines(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert allergy_pairs(text) == expected


@pytest.mark.parametrize(
    ("reaction", "expected"),
    [
        ("tendon rupture, 2019", "tendon rupture"),
        ("hives (2017)", "hives"),
        ("anaphylaxis 1990s", "anaphylaxis"),
        ("rash, age 7", "rash"),
        ("a diffuse rash when she took it for mood", "diffuse rash"),
        ("ANAPHYLAXIS (per outside records, unverified)", "ANAPHYLAXIS"),
        ("urticaria 03/02/2021 - added today", "urticaria"),
        ("childhood rash - has tolerated cefazolin", "childhood rash"),
        ('"itching" listed in an old chart', "itching"),
        ("heparin-induced thrombocytopenia", "heparin-induced thrombocytopenia"),
    ],
)
def test_a_reaction_loses_its_date_age_and_asides(reaction: str, expected: str) -> None:
    assert clean_reaction(reaction) == expected


def test_dates_and_asides_leave_the_reaction_in_a_statement() -> None:
    assert allergy_pairs("He is allergic to levofloxacin (tendon rupture, 2018).") == [
        ("levofloxacin", "tendon rupture")
    ]
    assert allergy_pairs("Allergies: Cefaclor - hives (age 3). Peanuts - anaphylaxis (2015).") == [
        ("cefaclor", "hives"),
        ("peanuts", "anaphylaxis"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: Cephalexin - rash (has tolerated ceftriaxone since). Latex - none.",
        "Allergies: Cephalexin (rash - tolerated cefdinir 2020), latex - no.",
        "ALLERGIES: Cephalexin - rash, but tolerates cefuroxime.",
    ],
)
def test_an_aside_about_what_was_tolerated_keeps_the_allergy(text: str) -> None:
    assert allergy_pairs(text) == [("cephalexin", "rash")]


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: Neomycin - contact dermatitis. Latex - no. Eggs - NO.",
        "Allergies: neomycin - contact dermatitis. Latex negative.",
        "Allergies: Neomycin (contact dermatitis). Fall risk: moderate.",
        "Allergies: Neomycin - contact dermatitis. NKFA.",
    ],
)
def test_a_screened_substance_or_another_label_is_no_allergy(text: str) -> None:
    assert allergy_pairs(text) == [("neomycin", "contact dermatitis")]


def test_substances_before_one_reaction_share_it() -> None:
    assert allergy_pairs("ALLERGIES: IBUPROFEN AND NAPROXEN - wheezing.") == [
        ("ibuprofen", "wheezing"),
        ("naproxen", "wheezing"),
    ]
    assert allergy_pairs("Allergies: Aspirin (bronchospasm). Ketorolac (same).") == [
        ("aspirin", "bronchospasm"),
        ("ketorolac", "bronchospasm"),
    ]
    assert allergy_pairs(
        "Allergies: lisinopril (cough). Intolerant of statins (myalgia) and metformin (diarrhea)."
    ) == [
        ("lisinopril", "cough"),
        ("statins", "myalgia"),
        ("metformin", "diarrhea"),
    ]


@pytest.mark.parametrize(
    "label",
    [
        "Allergies verified:",
        "Allergy list reviewed:",
        "Allergies/intolerances reviewed:",
        "ALLERGIES (reviewed with the patient at this visit, no changes):",
    ],
)
def test_labels_that_say_the_list_was_checked(label: str) -> None:
    assert allergy_pairs(f"{label} Cefuroxime (hives); tramadol - nausea.") == [
        ("cefuroxime", "hives"),
        ("tramadol", "nausea"),
    ]


def test_an_allergy_table_in_its_header_order() -> None:
    text = (
        "Allergy list reviewed:\n"
        "| Allergen | Type | Reaction | Severity |\n"
        "|---|---|---|---|\n"
        "| Shellfish | Food | Hives | Mild |\n"
        "| Enalapril | Drug | Angioedema | Severe |\n"
        "| Atorvastatin | Drug intolerance | Muscle aches | - |\n"
        "\n"
        "Current medications: metformin 500 mg BID, amlodipine 5 mg daily.\n"
    )
    assert allergy_pairs(text) == [
        ("shellfish", "hives"),
        ("enalapril", "angioedema"),
        ("atorvastatin", "muscle aches"),
    ]
    assert named_medications(text) == {"metformin", "amlodipine"}
    other_order = "| Reaction | Substance |\n| rash | Amoxicillin |\n"
    assert allergy_pairs(other_order) == [("amoxicillin", "rash")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She takes omeprazole. Tramadol causes vomiting.", ("tramadol", "vomiting")),
        ("He reports that codeine makes him itch.", ("codeine", "itching")),
        ("PMH: asthma. Cefdinir -> hives. Takes albuterol.", ("cefdinir", "hives")),
        ("Ampicillin\u2192rash as a toddler.", ("ampicillin", "rash")),
        ("Please add carbamazepine to the allergy list as rash.", ("carbamazepine", "rash")),
        ("- Losartan added to allergy/intolerance list (angioedema).", ("losartan", "angioedema")),
        (
            "Pain: acetaminophen scheduled. No hydromorphone (pruritus).",
            ("hydromorphone", "pruritus"),
        ),
    ],
)
def test_an_allergy_named_in_the_story_or_the_plan(text: str, expected: tuple[str, str]) -> None:
    assert expected in allergy_pairs(text)
    assert expected[0] not in named_medications(text)


def test_a_drug_stopped_for_an_adverse_reaction_is_both() -> None:
    text = "- Stop sitagliptin - documented as adverse reaction (pancreatitis)."
    assert allergy_pairs(text) == [("sitagliptin", "pancreatitis")]
    statuses = {m.name.lower(): m.status.value for m in analyse(text).medications}
    assert statuses == {"sitagliptin": "stopped"}


def test_an_allergy_added_in_the_plan_ends_no_knownallergy_pairs() -> None:
    text = (
        "Allergies: No Known Allergies\n\nPlan:\n1. Add vancomycin to the allergy list (red man)."
    )
    analysis = analyse(text)
    assert not analysis.no_known_allergies
    assert [a.substance for a in analysis.allergies] == ["vancomycin"]


def test_an_adverse_reaction_beside_no_known_drugallergy_pairs() -> None:
    text = (
        "Allergies: No Known Drug Allergies.\n\n"
        "Plan: stop glyburide - documented as adverse reaction (hypoglycemia)."
    )
    analysis = analyse(text)
    assert analysis.no_known_allergies
    assert [a.substance for a in analysis.allergies] == ["glyburide"]


def test_an_allergy_in_the_plan_is_never_a_medication() -> None:
    text = (
        "Allergies: sulfa (rash).\n\nPlan: Avoid Bactrim given sulfa allergy. "
        "Start doxycycline 100 mg BID."
    )
    assert named_medications(text) == {"doxycycline"}
    assert [a for a, _ in allergy_pairs(text)] == ["sulfa"]


@pytest.mark.parametrize(
    "text",
    [
        "Started hydrocortisone 1% cream for rash.",
        "Lisinopril 10 -> 20 mg daily. Creatinine 1.1 -> 1.3.",
        "Rash on the arms; started cetirizine 10 mg daily for hives.",
        "No allergies to latex. No known drug allergies.",
        "Denies latex allergy.",
        "FAMILY HISTORY: Brother with asthma and a peanut allergy.",
        "Allergies: NKDA.\nAdvised to carry glucose tabs. Will call with results.",
        "Allergies: none. Has had eggs, milk and peanut butter without reaction.",
        "Has tolerated cephalexin and cefazolin before. No known drug allergies.",
    ],
)
def test_neighbouring_readings_name_no_allergy(text: str) -> None:
    assert allergy_pairs(text) == []


def test_a_drug_started_for_a_rash_stays_a_medication() -> None:
    text = "Started hydrocortisone 1% cream twice daily for rash. Allergies: NKDA."
    analysis = analyse(text)
    assert analysis.allergies == []
    assert analysis.no_known_allergies
    assert "hydrocortisone" in named_medications(text)


def test_a_kind_or_severity_in_brackets_is_no_reaction() -> None:
    assert allergy_pairs(
        "Coded Allergies:\n  Azithromycin (GI Intolerance, Mild, 02/11/15) - severe vomiting\n"
    ) == [("azithromycin", "severe vomiting")]


@pytest.mark.parametrize(
    "text",
    [
        "Medications:\n| Drug | Dose | Status |\n| Lisinopril | 10 mg daily | Held |\n"
        "| Amlodipine | 5 mg daily | Continue |\n",
        "HOME MEDS\n| Drug | Sig |\n|---|---|\n| Lisinopril | 10 mg PO daily |\n"
        "| Amlodipine | 5 mg PO daily |\n",
        "Discharge medications\nDrug | Instructions\nLisinopril | 10 mg daily\n"
        "Amlodipine | 5 mg daily, new\n",
        "| Agent | Route | Given |\n| Lisinopril | PO | 09:00 |\n| Amlodipine | PO | 09:00 |\n",
    ],
)
def test_a_medication_table_with_a_drug_column_is_no_allergy_table(text: str) -> None:
    """A "Drug" or "Agent" column names allergens only beside a reaction column or under an
    allergy heading; otherwise the table lists what the patient takes."""
    analysis = analyse(text)
    assert analysis.allergies == []
    assert {m.name.lower() for m in analysis.medications} == {"lisinopril", "amlodipine"}


@pytest.mark.parametrize(
    "text",
    [
        "Allergies:\n| Drug | Severity |\n| Penicillin | severe |\n",
        "| Drug | Reaction |\n| Penicillin | hives |\n",
        "| Allergen | Type | Severity |\n| Penicillin | Drug | severe |\n",
    ],
)
def test_an_allergy_table_with_a_drug_column_is_still_read(text: str) -> None:
    analysis = analyse(text)
    assert [a.substance for a in analysis.allergies] == ["Penicillin"]
    assert analysis.medications == []
