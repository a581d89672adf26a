"""Allergy statements in their usual phrasings, crossed with the layouts notes come in and with
drugs written by generic name, class and brand: each names an allergy (with its reaction when the
note gives one) and never a medication. "No known allergies" in its wordings names none, and
"not currently taking any medications" names no medication.

Generated cases, written for these tests (never copied from the evaluation notes).
"""

from collections.abc import Callable

import pytest

from carechart.notes.nlp import analyse

# (as written, what the allergy's name holds, a reaction)
_DRUGS = [
    ("penicillin", "penicillin", "rash"),
    ("amoxicillin", "amoxicillin", "hives"),
    ("codeine", "codeine", "nausea"),
    ("Bactrim", "bactrim", "rash"),
    ("Keflex", "keflex", "hives"),
    ("Augmentin", "augmentin", "diarrhea"),
    ("Percocet", "percocet", "itching"),
    ("penicillins", "penicillin", "anaphylaxis"),
    ("morphine", "morphine", "itching"),
    ("ciprofloxacin", "ciprofloxacin", "tendon pain"),
    ("lisinopril", "lisinopril", "angioedema"),
    ("vancomycin", "vancomycin", "red man syndrome"),
    ("ibuprofen", "ibuprofen", "swelling"),
]

# name: (the statement, {d} the drug and {r} its reaction; whether it gives the reaction)
_PHRASINGS: dict[str, tuple[str, bool]] = {
    "label and bracket": ("Allergies: {d} ({r})", True),
    "allergies/intolerances": ("ALLERGIES/INTOLERANCES: {d} ({r})", True),
    "allergic to": ("Patient is allergic to {d}.", False),
    "allergic to, causes": ("She is allergic to {d} (causes {r}).", True),
    "X allergy": ("{d} allergy.", False),
    "X - reaction": ("Allergies:\n{d} - {r}", True),
    "reacts to X with": ("Patient reacts to {d} with {r}.", True),
    "sensitivity to": ("Sensitivity to {d}.", False),
    "X causes": ("Allergies: {d} causes {r}.", True),
    "intolerant of": ("Intolerant of {d}.", False),
    "list and NKFA": ("Allergies: {d}, latex; NKFA", False),
    "table": (
        "Allergies:\n| Allergen | Reaction | Severity |\n|---|---|---|\n| {d} | {r} | Severe |",
        True,
    ),
    "banner": ("** ALLERGY: {d} **", False),
    "allergies reviewed": ("Allergies reviewed: {d} ({r}).", True),
    "adverse reactions": ("ADVERSE REACTIONS: {d} - {r}", True),
    "capital label": ("ALLERGIES: {d}.", False),
    "has an allergy to": ("Has an allergy to {d}.", False),
    "X caused": ("{d} caused {r} in the past; avoid.", True),
    "drug allergies": ("Drug Allergies: {d} ({r})", True),
    "allergic reaction to": ("History of allergic reaction to {d} ({r}).", True),
    "severity and reaction": ("Allergies: {d} (Severe) - {r}", True),
}

_MEDS = ["lisinopril 10 mg daily", "metformin 500 mg twice daily"]


def _meds(drug: str) -> list[str]:
    """Two medications the patient takes, neither the allergen."""
    return ["amlodipine 5 mg daily", _MEDS[1]] if drug.lower() == "lisinopril" else _MEDS


def _soap(line: str, meds: list[str]) -> str:
    return (
        f"S: 58 y/o M here for follow up of hypertension.\n{line}\nMedications: {', '.join(meds)}."
        "\nO: BP 132/84, HR 72.\nA: Hypertension, controlled.\nP: Continue current medications. "
        "Return in 3 months."
    )


def _history_and_physical(line: str, meds: list[str]) -> str:
    return (
        "HISTORY OF PRESENT ILLNESS:\nCough for 3 days.\n\nPAST MEDICAL HISTORY:\nHypertension.\n\n"
        f"MEDICATIONS:\n{chr(10).join(meds)}\n\n{line}\n\nSOCIAL HISTORY:\nNonsmoker.\n\n"
        "ASSESSMENT AND PLAN:\nBronchitis. Supportive care."
    )


def _allergies_first(line: str, meds: list[str]) -> str:
    return (
        f"HISTORY OF PRESENT ILLNESS:\nCough for 3 days.\n\n{line}\n\nMEDICATIONS:\n"
        f"{chr(10).join(meds)}\n\nASSESSMENT AND PLAN:\nBronchitis. Supportive care."
    )


def _discharge(line: str, meds: list[str]) -> str:
    return (
        "DISCHARGE SUMMARY\nAdmission Date: 03/01/2025\nDischarge Date: 03/04/2025\n\n"
        f"Discharge Diagnosis: Community acquired pneumonia.\n\n{line}\n\nDischarge Medications:\n"
        f"{chr(10).join(meds)}\n\nFollow-up: PCP in 1 week."
    )


def _beside_the_list(line: str, meds: list[str]) -> str:
    return (
        f"Medications: {', '.join(meds)}\n{line}\nAssessment: Hypertension.\n"
        "Plan: Continue current regimen."
    )


def _one_paragraph(line: str, meds: list[str]) -> str:
    flat = line.replace("\n", " ")
    return f"S: Here for follow up. Meds: {', '.join(meds)}. {flat}\nA: Hypertension.\nP: Continue."


def _bulleted(line: str, meds: list[str]) -> str:
    listed = "\n".join(f"- {m}" for m in meds)
    return f"Medications:\n{listed}\n{line}\nPlan:\n- Continue home medications."


def _one_line_export(line: str, meds: list[str]) -> str:
    flat = line.replace("\n", " ").replace("ALLERGIES:", "ALLERGIES:,")
    return (
        "CHIEF COMPLAINT:,  Cough.,HISTORY OF PRESENT ILLNESS:,  Cough for 3 days.,"
        f"{flat}.,MEDICATIONS:,  {', '.join(meds)}.,ASSESSMENT:,  Bronchitis."
    )


_LAYOUTS: dict[str, Callable[[str, list[str]], str]] = {
    "soap": _soap,
    "h&p": _history_and_physical,
    "h&p, allergies first": _allergies_first,
    "discharge summary": _discharge,
    "beside the medication list": _beside_the_list,
    "one paragraph": _one_paragraph,
    "bulleted": _bulleted,
    "one-line export": _one_line_export,
}

# Each phrasing in each layout, with three drugs that turn with the case so every drug meets
# every phrasing and every layout.
_CASES = [
    pytest.param(
        phrasing, layout, _DRUGS[(p + 3 * q + k) % len(_DRUGS)], id=f"{phrasing}|{layout}|{k}"
    )
    for p, phrasing in enumerate(_PHRASINGS)
    for q, layout in enumerate(_LAYOUTS)
    for k in range(3)
]


@pytest.mark.parametrize(("phrasing", "layout", "drug"), _CASES)
def test_an_allergen_is_an_allergy_and_never_a_medication(
    phrasing: str, layout: str, drug: tuple[str, str, str]
) -> None:
    written, stem, reaction = drug
    template, gives_reaction = _PHRASINGS[phrasing]
    text = _LAYOUTS[layout](template.format(d=written, r=reaction), _meds(written))
    analysis = analyse(text)
    found = [a for a in analysis.allergies if stem in a.substance.lower()]
    assert found, [a.substance for a in analysis.allergies]
    if gives_reaction:
        assert any(reaction in (a.reaction or "").lower() for a in found), found
    medications = [m.name.lower() for m in analysis.medications]
    assert not [m for m in medications if written.lower() in m], medications
    assert {"lisinopril", "amlodipine", "metformin"} & {m.split()[0] for m in medications}


_NONE_KNOWN = [
    "NKDA",
    "Allergies: NKDA",
    "No known drug allergies.",
    "Allergies: No known drug allergies",
    "No known medicine allergies.",
    "Allergies: none",
    "ALLERGIES: None.",
    "Allergies: None known",
    "ALLERGIES/INTOLERANCES: NKDA",
    "Allergies reviewed: NKDA",
    "Drug allergies: none",
    "ADVERSE REACTIONS: none",
    "Allergies: NKDA, NKFA",
    "Patient has no known drug allergies.",
]


@pytest.mark.parametrize("layout", list(_LAYOUTS))
@pytest.mark.parametrize("statement", _NONE_KNOWN)
def test_no_known_allergies_names_none(statement: str, layout: str) -> None:
    analysis = analyse(_LAYOUTS[layout](statement, _MEDS))
    assert analysis.no_known_allergies
    assert analysis.allergies == []


@pytest.mark.parametrize(
    "text",
    [
        "S: 45 y/o F for annual exam. She is not currently taking any medications.\nNKDA.\n"
        "A: Well adult.\nP: Return in 1 year.",
        "HISTORY OF PRESENT ILLNESS:\nSore throat for 2 days. Not currently taking any "
        "medications.\n\nALLERGIES:\nPenicillin (rash)\n\nASSESSMENT AND PLAN:\nViral pharyngitis.",
        "CHIEF COMPLAINT:,  Rash.,HISTORY:,  Patient is not currently taking any medications.,"
        "ALLERGIES:,  Sulfa.,ASSESSMENT:,  Contact dermatitis.",
    ],
)
def test_taking_no_medications_names_none(text: str) -> None:
    assert analyse(text).medications == []


# Lists of several allergens, one a line, in the layouts notes write them in: every item is an
# allergy, stored without its bullet or leader dots, with its own reaction, and none is a
# medication. {a}/{b}/{c} are the drugs, {ra}/{rb}/{rc} their reactions.
_LISTS: dict[str, str] = {
    "drug: reaction lines": "Allergies:\n{a}: {ra}\n{b}: {rb}\n{c}: {rc}",
    "dashed drug: reaction lines": "Allergies:\n- {a}: {ra}\n- {b}: {rb}\n- {c}: {rc}",
    "drug - reaction lines": "ALLERGIES:\n{a} - {ra}\n{b} - {rb}\n{c} - {rc}",
    "round bullets": "Allergies:\n\u2022 {a} ({ra})\n\u2022 {b} ({rb})\n\u2022 {c} ({rc})",
    "asterisks": "Allergies:\n* {a} - {ra}\n* {b} - {rb}\n* {c} - {rc}",
    "middle dots": "Allergies:\n\u00b7 {a} ({ra})\n\u00b7 {b} ({rb})\n\u00b7 {c} ({rc})",
    "leader dots": "ALLERGIES/INTOLERANCES:\n  {a} ........ {ra}\n  {b} .... {rb} (2019)\n"
    "  {c} ...... {rc}",
    "dash-rule heading": "ALLERGIES ------------------\n  {a}: {ra}\n  {b}: {rb}\n  {c}: {rc}\n"
    "----------------------------",
    "heading between rules": "---- Allergies ----\n{a}: {ra}\n{b}: {rb}\n{c}: {rc}",
    "piped banner": "*** ALLERGIES: {a} ({ra}) | {b} ({rb}) | {c} ({rc} - intolerance) ***",
    "severity after": "Allergies:\n{a}: {ra} 2012 - SEVERE\n{b}: {rb} - moderate\n{c}: {rc}, mild",
}

_LIST_LAYOUTS = ["soap", "h&p", "h&p, allergies first", "discharge summary", "bulleted"]


def _trio(k: int) -> list[tuple[str, str, str]]:
    return [_DRUGS[(k + j * 4) % len(_DRUGS)] for j in range(3)]


@pytest.mark.parametrize("k", range(3))
@pytest.mark.parametrize("layout", _LIST_LAYOUTS)
@pytest.mark.parametrize("style", list(_LISTS))
def test_every_item_of_an_allergy_list_is_an_allergy(style: str, layout: str, k: int) -> None:
    trio = _trio(k)
    (a, _, ra), (b, _, rb), (c, _, rc) = trio
    line = _LISTS[style].format(a=a, b=b, c=c, ra=ra, rb=rb, rc=rc)
    analysis = analyse(_LAYOUTS[layout](line, _meds(a) if "lisinopril" not in {a, b, c} else []))
    found = {a.substance.lower(): a.reaction for a in analysis.allergies}
    assert sorted(found) == sorted(w.lower() for w, _, _ in trio), found
    for written, _, reaction in trio:
        assert found[written.lower()] == reaction, found
    medications = [m.name.lower() for m in analysis.medications]
    assert not [m for m in medications if m.split()[0] in found], medications


@pytest.mark.parametrize(
    ("statement", "stem", "reaction"),
    [
        ("NKDA except sumatriptan (chest tightness).", "sumatriptan", "chest tightness"),
        ("No known drug allergies except codeine - nausea.", "codeine", "nausea"),
        ("NKDA other than penicillin (hives).", "penicillin", "hives"),
        ("No known allergies except to latex (rash).", "latex", "rash"),
    ],
)
@pytest.mark.parametrize(
    "layout", ["soap", "h&p", "discharge summary", "beside the medication list"]
)
def test_none_known_except_names_the_excepted_allergy(
    statement: str, stem: str, reaction: str, layout: str
) -> None:
    analysis = analyse(_LAYOUTS[layout](statement, _MEDS))
    assert [(a.substance.lower(), a.reaction) for a in analysis.allergies] == [(stem, reaction)]
    assert not analysis.no_known_allergies or stem == "latex"
    assert stem not in [m.name.lower() for m in analysis.medications]


def test_an_aligned_allergy_table_reads_the_reaction_not_the_date_or_a_kind_row() -> None:
    text = (
        "ALLERGY LIST:\n  Allergen         Reaction                    Last reaction\n"
        "  ------------------------------------------------------------\n"
        "  Peanut           hives, lip swelling         2012\n"
        "  Cashew           oral itching                09/2025\n"
        "  Drug allergies   none known\n\nMEDICATIONS:\n  cetirizine 10 mg daily\n"
    )
    found = [(a.substance, a.reaction) for a in analyse(text).allergies]
    assert found == [("Peanut", "hives, lip swelling"), ("Cashew", "oral itching")]


def test_a_tolerated_drug_under_an_allergy_table_is_no_allergy() -> None:
    text = (
        "ALLERGIES:\n  Substance        Reaction                 Type\n"
        "  Penicillin       rash (childhood)         allergy\n"
        "  Codeine          nausea/vomiting          intolerance\n"
        "(Has tolerated cephalexin in 2021.)\n\nFAMILY HISTORY: Noncontributory.\n"
    )
    assert [a.substance for a in analyse(text).allergies] == ["Penicillin", "Codeine"]


@pytest.mark.parametrize(
    ("text", "allergen", "drug"),
    [
        # A medication's line after the allergy list: a label with a dose is no allergen.
        ("Allergies: penicillin (rash)\nAspirin: 81 mg daily\nPlan: continue.", "penicillin",
         "aspirin"),
        # A heading after the list still ends it.
        ("Allergies:\nCodeine: nausea\nMedications: metformin 500 mg BID\nPlan: continue.",
         "codeine", "metformin"),
    ],
)  # fmt: skip
def test_a_drug_line_with_a_dose_after_the_allergies_is_a_medication(
    text: str, allergen: str, drug: str
) -> None:
    analysis = analyse(text)
    assert [a.substance.lower() for a in analysis.allergies] == [allergen]
    assert drug in {m.name.lower() for m in analysis.medications}


@pytest.mark.parametrize(
    ("statement", "reaction"),
    [
        ("Allergies: clarithromycin (GI intolerance)", "GI intolerance"),
        ("Allergies: amoxicillin (intolerance) - no changes.", "intolerance"),
        ("Allergies: vancomycin - red man syndrome, severe", "red man syndrome"),
    ],
)
def test_a_reaction_keeps_its_words_and_drops_its_severity(statement: str, reaction: str) -> None:
    assert [a.reaction for a in analyse(_soap(statement, _MEDS)).allergies] == [reaction]


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        # What was tolerated after the reaction is neither the allergen nor its reaction.
        (
            "Allergies: PCN (childhood rash) - has tolerated cefdinir since.",
            [("PCN", "childhood rash")],
        ),
        ("Allergies: sulfa (hives); tolerates cephalexin.", [("sulfa", "hives")]),
        (
            "Allergies: Penicillin (rash - has tolerated cefazolin 2019), latex (hives).",
            [("Penicillin", "rash"), ("latex", "hives")],
        ),
        # A kind of allergy names its allergen in brackets.
        (
            "Allergies: Keflex - anaphylaxis. Seasonal allergies (pollen).",
            [("Keflex", "anaphylaxis"), ("pollen", None)],
        ),
        ("Allergies: Environmental allergies (ragweed).", [("ragweed", None)]),
        # What the patient takes without harm is no allergen.
        (
            "Allergies: SUMAtriptan -- chest tightness. Pt is okay with other triptans.",
            [("SUMAtriptan", "chest tightness")],
        ),
    ],
)
def test_an_allergy_statement_keeps_its_allergens_apart_from_what_is_tolerated(
    statement: str, expected: list[tuple[str, str | None]]
) -> None:
    analysis = analyse(_soap(statement, _MEDS))
    assert [(a.substance, a.reaction) for a in analysis.allergies] == expected


@pytest.mark.parametrize("cell", ["none known", "None", "NKDA"])
def test_a_table_row_of_no_drug_allergies_beside_food_allergies_is_no_known_drug_allergy(
    cell: str,
) -> None:
    text = (
        "ALLERGY LIST:\n  Allergen         Reaction                    Last reaction\n"
        "  Peanut           hives                       2012\n"
        f"  Drug allergies   {cell}\n\nMEDICATIONS:\n  cetirizine 10 mg daily\n"
    )
    analysis = analyse(text)
    assert [a.substance for a in analysis.allergies] == ["Peanut"]
    assert analysis.no_known_allergies


def test_a_table_row_of_a_drug_allergy_keeps_no_known_allergies_false() -> None:
    text = (
        "ALLERGY LIST:\n  Allergen         Reaction                    Last reaction\n"
        "  Penicillin       hives                       2012\n"
        "  Drug allergies   none known\n\nPLAN: Continue.\n"
    )
    analysis = analyse(text)
    assert [a.substance for a in analysis.allergies] == ["Penicillin"]
    assert not analysis.no_known_allergies


@pytest.mark.parametrize(
    ("referral", "drug", "listed"),
    [
        (
            "Reason for referral: chronic migraine, intolerant of topiramate",
            "topiramate",
            "Topiramate (Topamax) 50 mg PO twice daily",
        ),
        (
            "Reason for consult: diabetes, intolerance to metformin",
            "metformin",
            "metformin 500 mg daily",
        ),
        (
            "HPI: Hyperlipidemia, intolerant of atorvastatin at higher doses.",
            "atorvastatin",
            "atorvastatin 10 mg nightly",
        ),
    ],
)
def test_an_intolerance_of_a_drug_on_the_medication_list_is_no_allergy(
    referral: str, drug: str, listed: str
) -> None:
    text = (
        f"{referral}\n\nMedications\n- {listed}\n- lisinopril 10 mg daily\n\n"
        "Allergies: sulfa (hives)\n\nPlan: Follow up in 3 months."
    )
    analysis = analyse(text)
    assert [a.substance for a in analysis.allergies] == ["sulfa"]
    assert drug in [m.name.lower().split()[0] for m in analysis.medications]


@pytest.mark.parametrize("phrase", ["intolerant of {d}", "intolerance to {d}", "allergic to {d}"])
def test_an_intolerance_of_a_drug_the_patient_does_not_take_stays_an_allergy(phrase: str) -> None:
    text = (
        f"Reason for referral: chronic migraine, {phrase.format(d='topiramate')}\n\nMedications\n"
        "- propranolol 40 mg daily\n\nPlan: Follow up in 3 months."
    )
    assert [a.substance for a in analyse(text).allergies] == ["topiramate"]


@pytest.mark.parametrize(
    ("order", "key"),
    [
        (
            'Add Augmentin / amoxicillin-clavulanate to his allergy list as "liver injury."',
            "amoxicillin",
        ),
        ("Added Bactrim/trimethoprim-sulfamethoxazole to the allergy list (rash).", "bactrim"),
    ],
)
def test_a_brand_and_its_generic_added_to_the_allergy_list_are_one_allergy(
    order: str, key: str
) -> None:
    analysis = analyse(f"Assessment: drug reaction.\nPlan: Stop the antibiotic. {order}")
    assert len(analysis.allergies) == 1
    assert key in analysis.allergies[0].substance.lower()


@pytest.mark.parametrize(
    ("allergies", "meds", "expected"),
    [
        (
            "Allergies: NKDA",
            "Meds per patient: cetirizine prn, fluticasone nasal PRN",
            {"cetirizine", "fluticasone"},
        ),
        (
            "Allergies: penicillin (rash)",
            "Meds per patient: albuterol PRN, ibuprofen prn",
            {"albuterol", "ibuprofen"},
        ),
        (
            "ALLERGIES: codeine",
            "Current meds: loratadine prn; omeprazole daily",
            {"loratadine", "omeprazole"},
        ),
        (
            "Allergies: sulfa - hives\n",
            "Home meds: acetaminophen PRN, cetirizine prn",
            {"acetaminophen"},
        ),
    ],
)
def test_a_medication_line_after_the_allergies_stays_medications(
    allergies: str, meds: str, expected: set[str]
) -> None:
    analysis = analyse(f"HPI: Rhinitis.\n{allergies}\n{meds}\nA: Rhinitis.\nP: Follow up.")
    assert expected <= {m.name.lower() for m in analysis.medications}
    allergens = {a.substance.lower() for a in analysis.allergies}
    assert not allergens & expected


@pytest.mark.parametrize(
    "text",
    [
        "ALLERGIES:\nMedications: penicillin (rash), codeine (nausea)\nFood: peanuts\n\n"
        "PLAN: Continue lisinopril 10 mg daily.",
        "ALLERGIES:\nMeds: sulfa - hives\nEnvironmental: cats\n\n"
        "PLAN: Continue lisinopril 10 mg daily.",
    ],
)
def test_a_medication_kind_label_inside_the_allergies_names_no_medication(text: str) -> None:
    assert [m.name.lower() for m in analyse(text).medications] == ["lisinopril"]
