"""Where the allergy layout readers must stop: words that look like an allergy taken back but
are not, asides that still state the allergy, lists that run into the next clause, reasons
borrowed from another clause, allergy cells that flag nothing, banner fields that are another
allergen, and long runs of spaces."""

import pytest

from carechart.notes.nlp import NoteAnalysis, analyse


def _allergies(analysis: NoteAnalysis) -> list[tuple[str, str | None]]:
    return [(a.substance.lower(), (a.reaction or "").lower() or None) for a in analysis.allergies]


def _substances(analysis: NoteAnalysis) -> list[str]:
    return [a.substance.lower() for a in analysis.allergies]


def _drugs(analysis: NoteAnalysis) -> set[str]:
    return {m.name.lower() for m in analysis.medications}


# --- Only real withdrawals take an allergy back ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "allergen"),
    [
        ("Sulfa allergy - taken off Bactrim and switched to doxycycline.", "sulfa"),
        ("Codeine allergy: taken off Tylenol #3, now on plain acetaminophen.", "codeine"),
        ("ALLERGIES: Latex allergy - removed all latex gloves from the room.", "latex"),
        ("Latex allergy noted; removed latex catheter kit from the cart.", "latex"),
        (
            "Allergies: shellfish - hives.\nShellfish allergy - ruled out contrast reaction, "
            "proceed with CT.",
            "shellfish",
        ),
        (
            "Allergies: iodine - rash.\nIodine allergy - cleared the tray of betadine swabs.",
            "iodine",
        ),
        (
            "Allergies: Penicillin - anaphylaxis.\nNote: penicillin allergy was cleared by the "
            "previous team in error; allergy reinstated.",
            "penicillin",
        ),
        (
            "Allergies: Cefaclor - hives.\nCefaclor allergy was removed by the resident in error; "
            "re-added today.",
            "cefaclor",
        ),
        (
            "Allergies: amoxicillin (rash).\nAmoxicillin allergy delabelled last year; allergy "
            "confirmed again after a new rash.",
            "amoxicillin",
        ),
    ],
)
def test_words_that_only_look_like_a_withdrawal_keep_the_allergy(text: str, allergen: str) -> None:
    assert allergen in _substances(analyse(text))


@pytest.mark.parametrize(
    "text",
    [
        "Penicillin allergy was removed from the allergy list after a negative oral challenge.",
        "PCN allergy has been removed after skin testing. Allergies: NKDA.",
        "Cephalexin allergy de-labeled by allergy clinic.",
        "Sulfa allergy - entered in error.",
    ],
)
def test_real_withdrawals_still_take_the_allergy_back(text: str) -> None:
    assert analyse(text).allergies == []


def test_a_withdrawal_takes_back_only_the_allergy_it_names() -> None:
    analysis = analyse(
        "Allergies: codeine (nausea), sulfa (rash).\nSulfa allergy delabelled after challenge."
    )
    assert _allergies(analysis) == [("codeine", "nausea")]


def test_an_allergy_restated_with_its_reaction_after_a_withdrawal_stands() -> None:
    analysis = analyse(
        "Hx: amoxicillin allergy delabelled 2019.\nAllergies: amoxicillin - anaphylaxis 2024 "
        "(re-exposure in ED)."
    )
    assert _substances(analysis) == ["amoxicillin"]


def test_no_longer_allergic_leaves_the_other_allergies_and_the_drug_taken() -> None:
    analysis = analyse(
        "Allergies: codeine\nPatient no longer allergic to penicillin per allergist; continue "
        "penicillin VK."
    )
    assert _substances(analysis) == ["codeine"]
    assert "penicillin vk" in _drugs(analysis)


# --- An evaluation that states a reaction states the allergy --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Penicillin allergy evaluation: anaphylaxis in 2010, avoid all beta-lactams.",
            ("penicillin", "anaphylaxis"),
        ),
        (
            "Sulfa allergy consult - hives and facial swelling in 2015; recommend avoidance.",
            ("sulfa", "hives and facial swelling"),
        ),
    ],
)
def test_an_allergy_evaluation_with_a_reaction_keeps_the_allergy(
    text: str, expected: tuple[str, str]
) -> None:
    assert _allergies(analyse(text)) == [expected]


def test_an_allergy_evaluation_without_a_reaction_states_none() -> None:
    assert analyse("Plan: arrange cefazolin allergy testing next month.").allergies == []


# --- A list of allergens ends where the next clause begins ----------------------------------


@pytest.mark.parametrize(
    ("text", "allergen", "taken"),
    [
        (
            "She is allergic to sulfa and metformin is continued at 500 mg twice daily.",
            "sulfa",
            "metformin",
        ),
        (
            "She is allergic to penicillin and cefazolin was given preoperatively.",
            "penicillin",
            "cefazolin",
        ),
        (
            "He is allergic to codeine and lisinopril is continued at 10 mg daily.",
            "codeine",
            "lisinopril",
        ),
    ],
)
def test_a_drug_opening_the_next_clause_is_no_allergen(
    text: str, allergen: str, taken: str
) -> None:
    analysis = analyse(text)
    assert _substances(analysis) == [allergen]
    assert taken in _drugs(analysis)


@pytest.mark.parametrize(
    ("text", "allergen"),
    [
        ("She is allergic to latex and dairy is tolerated.", "latex"),
        ("He is allergic to peanuts and egg was tolerated at breakfast.", "peanuts"),
    ],
)
def test_a_food_opening_the_next_clause_is_no_allergen(text: str, allergen: str) -> None:
    assert _substances(analyse(text)) == [allergen]


# --- Testing an allergy states none ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Skin tested for allergy to penicillin today; result negative.",
        "Was challenged for allergy to amoxicillin in clinic and passed.",
        "Patch testing for allergy to nickel is planned.",
    ],
)
def test_testing_for_an_allergy_is_no_allergy(text: str) -> None:
    assert analyse(text).allergies == []


# --- A drug kept away has only its own reason -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Continue warfarin 5 mg daily. No aspirin, allergy list reviewed and unchanged.",
        "Do not give ketorolac, reaction to contrast dye noted",
        "Avoid ibuprofen, allergy band checked on arrival.",
    ],
)
def test_a_reason_from_the_next_clause_makes_no_allergy(text: str) -> None:
    assert analyse(text).allergies == []


@pytest.mark.parametrize(
    ("text", "allergen"),
    [
        ("Avoid codeine (allergy).", "codeine"),
        ("Do not give morphine - hives.", "morphine"),
        ("No adhesive tape due to allergy.", "adhesive tape"),
    ],
)
def test_a_reason_of_the_item_itself_makes_an_allergy(text: str, allergen: str) -> None:
    assert _substances(analyse(text)) == [allergen]


# --- An allergy cell flags an allergy only when it says so ----------------------------------


@pytest.mark.parametrize(
    "cell", ["unknown", "not assessed", "?", "see above", "no", "-", "N/A", "pending"]
)
def test_an_allergy_cell_that_flags_nothing_leaves_the_drug_taken(cell: str) -> None:
    text = (
        "Medication reconciliation\n| Medication | Dose | Allergy |\n|---|---|---|\n"
        f"| metoprolol | 25 mg bid | {cell} |\n| codeine | 30 mg | yes - nausea |\n"
    )
    analysis = analyse(text)
    assert _allergies(analysis) == [("codeine", "nausea")]
    assert "metoprolol" in _drugs(analysis)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("x", ("tramadol", None)),
        ("\u2713", ("tramadol", None)),
        ("Allergy", ("tramadol", None)),
        ("seizures", ("tramadol", "seizures")),
    ],
)
def test_an_allergy_cell_with_a_flag_or_a_reaction_names_the_allergen(
    cell: str, expected: tuple[str, str | None]
) -> None:
    text = (
        "Home meds\n| Medication | Dose | Allergy |\n|---|---|---|\n"
        f"| amlodipine | 5 mg | |\n| tramadol | 50 mg | {cell} |\n"
    )
    assert _allergies(analyse(text)) == [expected]


# --- A banner's allergy field goes on past another allergen's label -------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ALLERGIES: Penicillin (hives).  Codeine: nausea and vomiting.",
            [("penicillin", "hives"), ("codeine", "nausea and vomiting")],
        ),
        (
            "Allergies: penicillin - rash  Sulfa: hives",
            [("penicillin", "rash"), ("sulfa", "hives")],
        ),
        (
            "Allergies: morphine - itching  Latex: contact dermatitis  Code status: Full",
            [("morphine", "itching"), ("latex", "contact dermatitis")],
        ),
    ],
)
def test_another_allergen_written_as_a_label_stays_in_the_field(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _allergies(analyse(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ALLERGIES: penicillin; Pt: reports hives in childhood; Sulfa - rash",
        "Allergies: penicillin; Patient: says a rash as a child; Sulfa - rash",
    ],
)
def test_what_the_patient_reports_does_not_end_the_field(text: str) -> None:
    assert "sulfa" in _substances(analyse(text))


# --- Long runs of spaces ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Allergies: penicillin" + " " * 5000 + "x", [("penicillin", None)]),
        (
            "Allergies: penicillin - rash" + " " * 5000 + "| Code status: Full",
            [("penicillin", "rash")],
        ),
        (
            "Latex" + " " * 5000 + "? YES (contact rash). Allergy screen.",
            [("latex", "contact rash")],
        ),
        (
            "She is allergic to sulfa" + "\t " * 2500 + "and latex.",
            [("sulfa", None), ("latex", None)],
        ),
    ],
)
def test_a_note_with_long_runs_of_spaces_is_read(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _allergies(analyse(text)) == expected
