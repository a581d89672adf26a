"""Allergies where documents put them: banner lines, table columns, paragraphs, and allergies
that a later statement takes back."""

import uuid
from datetime import UTC, date, datetime

import pytest

from carechart.notes.chart import ChartNote, build_chart
from carechart.notes.nlp import NoteAnalysis, analyse


def _allergies(analysis: NoteAnalysis) -> list[tuple[str, str | None]]:
    return [(a.substance.lower(), (a.reaction or "").lower() or None) for a in analysis.allergies]


def _drugs(analysis: NoteAnalysis) -> set[str]:
    return {m.name.lower() for m in analysis.medications}


# --- Banner and header lines ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ALLERGIES: PCN (urticaria), sulfa | Code status: Full | Wt 81 kg\nHPI: cough.",
            [("pcn", "urticaria"), ("sulfa", None)],
        ),
        (
            "Name: Roe, Ann | MRN 4471 | Allergies: codeine (emesis); shellfish | Isolation: "
            "droplet | Code: DNR\nAssessment: influenza.",
            [("codeine", "emesis"), ("shellfish", None)],
        ),
        (
            "Patient: K. L.   Age 71   Allergies: Cephalosporins - anaphylaxis   Code Status: "
            "DNR/DNI   Weight: 64 kg\nHPI: fall.",
            [("cephalosporins", "anaphylaxis")],
        ),
        (
            "** ALLERGIES: Vancomycin (red man), Iodine **   Fall risk: moderate   Diet: renal\n"
            "Plan: observe.",
            [("vancomycin", "red man"), ("iodine", None)],
        ),
        (
            "Bed 7B  Allergies: Latex, Bactrim  Precautions: seizure\nSubjective: slept well.",
            [("latex", None), ("bactrim", None)],
        ),
        (
            "Pt: Osei, DOB: 2/3/61, Allergies: Sulfa, Adhesive tape, Code Status: Full\nHPI: pain.",
            [("sulfa", None), ("adhesive tape", None)],
        ),
    ],
)
def test_the_allergy_field_of_a_banner_ends_at_the_next_field(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _allergies(analyse(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Pt: Lee, M.   DOB: 07/08/1949   Allergies: NKDA  Isolation: none\nHPI: dizziness.",
        "ALLERGIES: NKA | CODE: FULL | ISOLATION: CONTACT\nSubjective: no complaints.",
        "Room 9 - Allergies: No known allergies - Diet: NPO after midnight\nPlan: surgery.",
    ],
)
def test_no_known_allergies_in_a_banner_is_read_without_its_neighbours(text: str) -> None:
    analysis = analyse(text)
    assert analysis.no_known_allergies
    assert analysis.allergies == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ALLERGY ALERT: latex, morphine\nNursing: resting.",
            [("latex", None), ("morphine", None)],
        ),
        (
            "Allergy band: RED - Sulfa, Codeine\nVitals stable.",
            [("sulfa", None), ("codeine", None)],
        ),
        (
            "*** ALLERGIC TO: ASPIRIN, PEANUTS ***\nCC: headache.",
            [("aspirin", None), ("peanuts", None)],
        ),
        ("Allergy warning: hydromorphone (pruritus)\nPlan: PT.", [("hydromorphone", "pruritus")]),
    ],
)
def test_wristband_and_alert_labels_name_allergies(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _allergies(analyse(text)) == expected


def test_a_label_inside_a_bracketed_aside_does_not_end_the_field() -> None:
    text = (
        "Allergies: Sulfa - hives (rechecked 3/2 - changed to intolerance: nausea); "
        "Morphine - itching\nVitals: BP 130/80"
    )
    assert [s for s, _ in _allergies(analyse(text))] == ["sulfa", "morphine"]


def test_a_drug_named_on_an_allergy_banner_is_no_medication() -> None:
    analysis = analyse(
        "ALLERGY ALERT: morphine | Code: Full\nPlan: continue lisinopril 10 mg daily."
    )
    assert _drugs(analysis) == {"lisinopril"}
    assert _allergies(analysis) == [("morphine", None)]


# --- Tables ---------------------------------------------------------------------------------


def test_an_aligned_allergy_table_keeps_intolerances_and_unverified_rows() -> None:
    text = (
        "ALLERGIES\n"
        "Substance        Reaction      Severity   Type          Verified\n"
        "Cefuroxime       Hives         Moderate   Allergy       Yes\n"
        "Rosuvastatin     Myalgias      Mild       Intolerance   Yes\n"
        "Latex            Rash          Mild       Allergy       No\n\n"
        "Plan: follow up in clinic."
    )
    assert _allergies(analyse(text)) == [
        ("cefuroxime", "hives"),
        ("rosuvastatin", "myalgias"),
        ("latex", "rash"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Allergies/Intolerances\n| Substance | Reaction | Severity | Status |\n|---|---|---|---|\n"
        "| Codeine | Nausea | Mild | Active |\n| Sulfa | Rash | Moderate | Inactive |\n"
        "| Cefaclor | Hives | Mild | Entered in error |\n"
        "| Shellfish | Anaphylaxis | Severe | Active |\n",
        "Allergies\nAllergen\tReaction\tStatus\nCodeine\tNausea\tActive\nSulfa\tRash\tResolved\n"
        "Cefaclor\tHives\tRefuted\nShellfish\tAnaphylaxis\tActive\n",
        "ALLERGY LIST\nAGENT          TYPE          REACTION       STATUS\n"
        "Codeine        Intolerance   Nausea         Active\n"
        "Sulfa          Allergy       Rash           Inactive\n"
        "Cefaclor       Allergy       Hives          Entered in error\n"
        "Shellfish      Allergy       Anaphylaxis    Active\n",
    ],
)
def test_rows_marked_inactive_resolved_refuted_or_in_error_are_no_allergies(text: str) -> None:
    analysis = analyse(text)
    assert _allergies(analysis) == [("codeine", "nausea"), ("shellfish", "anaphylaxis")]
    assert analysis.medications == []  # a row taken back names no drug the patient takes


def test_an_exported_table_that_lists_no_known_allergies_names_none() -> None:
    text = "Allergies\nSubstance\tReaction\tStatus\nNo Known Allergies\t\tActive\n\nProblems\n"
    analysis = analyse(text)
    assert analysis.allergies == []
    assert analysis.no_known_allergies


@pytest.mark.parametrize(
    ("text", "allergy", "taken"),
    [
        (
            "Medication reconciliation\n| Medication | Dose | Frequency | Allergy |\n"
            "|---|---|---|---|\n| Lisinopril | 10 mg | daily | |\n| Metformin | 500 mg | BID | |\n"
            "| Amoxicillin | | | Yes - rash |\n",
            ("amoxicillin", "rash"),
            {"lisinopril", "metformin"},
        ),
        (
            "Medication reconciliation:\n| Drug | Dose | Allergy? |\n|---|---|---|\n"
            "| Cephalexin | 500 mg | no |\n| Codeine | - | yes (vomiting) |\n",
            ("codeine", "vomiting"),
            {"cephalexin"},
        ),
        (
            "MEDICATION RECONCILIATION FORM\n"
            "Home medication       Dose      Continue?   Allergy/Intolerance\n"
            "Amlodipine            5 mg      Yes\n"
            "Aspirin               81 mg     Yes\n"
            "Tramadol                        No          Intolerance - dizziness\n",
            ("tramadol", "dizziness"),
            {"amlodipine", "aspirin"},
        ),
        (
            "CURRENT MEDS\n| Medication | Sig / qty | Given by | Allergy screen | Plan |\n"
            "| Losartan | 50 mg PO daily | self | - | keep |\n"
            "| Pantoprazole | 40 mg PO qAM | self | - | keep |\n"
            "| Morphine | - | - | allergic - pruritus | avoid |\n",
            ("morphine", "pruritus"),
            {"losartan", "pantoprazole"},
        ),
    ],
)
def test_a_medication_table_with_an_allergy_column_names_only_the_flagged_drugs(
    text: str, allergy: tuple[str, str], taken: set[str]
) -> None:
    analysis = analyse(text)
    assert _allergies(analysis) == [allergy]
    assert _drugs(analysis) == taken


def test_a_piped_line_that_opens_with_no_drug_column_is_no_medication_table() -> None:
    text = (
        "| Problem | Allergy review | Where |\n"
        "| Cellulitis | allergic to cefazolin - hives | ward |\n"
        "MEDICATIONS\nMetoprolol 25 mg daily\n"
    )
    analysis = analyse(text)
    assert "cefazolin" not in _drugs(analysis)
    assert [a for a, _ in _allergies(analysis)] == ["cefazolin"]


def test_an_empty_allergy_column_of_a_medication_table_names_no_allergy() -> None:
    text = (
        "Medications:\nDrug | Dose | Route | Allergies/Intolerances\nmetoprolol | 25 mg | PO |\n"
        "simvastatin | 20 mg | PO | \n"
    )
    analysis = analyse(text)
    assert analysis.allergies == []
    assert _drugs(analysis) == {"metoprolol", "simvastatin"}


# --- Statements inside a paragraph ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "HPI: 61F with asthma. She is allergic to shellfish and iodine contrast (hives) and "
            "takes montelukast 10 mg nightly.",
            [("shellfish", None), ("iodine contrast", "hives")],
        ),
        (
            "Nursing note: alert and oriented. States allergic to morphine (itching) and tape. "
            "Ambulated twice.",
            [("morphine", "itching"), ("tape", None)],
        ),
        (
            "Of note, he has a documented allergy to vancomycin (red man syndrome). Afebrile.",
            [("vancomycin", "red man syndrome")],
        ),
        (
            "HPI: 29F, allergic to latex and kiwi, here with a rash.",
            [("latex", None), ("kiwi", None)],
        ),
        (
            "Time-out confirmed the patient, the site and allergies (penicillin, latex).",
            [("penicillin", None), ("latex", None)],
        ),
    ],
)
def test_a_list_of_allergens_in_a_sentence_is_read_to_its_end(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _allergies(analyse(text)) == expected


def test_what_the_patient_takes_after_an_allergy_clause_is_a_medication() -> None:
    analysis = analyse(
        "HPI: 70M with CKD; allergy to ACE inhibitors (angioedema); on amlodipine 5 mg daily. "
        "She is allergic to sulfa and takes furosemide 20 mg daily."
    )
    assert _drugs(analysis) == {"amlodipine", "furosemide"}
    assert {s for s, _ in _allergies(analysis)} == {"ace inhibitors", "sulfa"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pain: hydromorphone PRN (avoid oxycodone - intolerance).",
            [("oxycodone", "intolerance")],
        ),
        ("Dressing: foam, no adhesive tape per allergy.", [("adhesive tape", None)]),
        ("Do not give codeine due to allergy. Continue home meds.", [("codeine", None)]),
        ("Avoid ketorolac (hives). Ice packs.", [("ketorolac", "hives")]),
    ],
)
def test_a_drug_avoided_for_an_allergic_reason_is_an_allergy(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _allergies(analyse(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Avoid NSAIDs given CKD stage 4.",
        "Do not give NSAIDs or codeine. Acetaminophen for pain.",
        "Avoid contrast given AKI; no tape on the skin graft.",
        # A class avoided because of one drug's allergy restates that allergy.
        "Avoid fluoroquinolones (allergy).",
    ],
)
def test_a_drug_avoided_without_an_allergic_reason_is_no_allergy(text: str) -> None:
    assert analyse(text).allergies == []


@pytest.mark.parametrize(
    "text",
    [
        "Her son is allergic to peanuts. Patient allergies: none.",
        "Family: mother and sister are allergic to penicillin. Allergies: NKDA.",
        "He is not allergic to latex or iodine. Allergies: NKDA.",
    ],
)
def test_someone_elses_allergy_or_a_denied_one_is_none(text: str) -> None:
    analysis = analyse(text)
    assert analysis.allergies == []
    assert analysis.no_known_allergies


# --- Allergies taken back -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: none. No longer considered allergic to penicillin after negative skin tests.",
        "Allergies: NKDA. Amoxicillin allergy delabelled after an oral challenge in 2023.",
        "Allergy to sulfa was entered in error and has been removed. Allergies: NKDA.",
        "Cefaclor allergy - refuted. Allergies: NKA.",
        "Allergist removed penicillin from the allergy list. Allergies: none known.",
    ],
)
def test_an_allergy_taken_back_is_no_allergy(text: str) -> None:
    analysis = analyse(text)
    assert analysis.allergies == []
    assert analysis.no_known_allergies


def test_a_listed_allergy_stays_when_another_drug_was_tolerated() -> None:
    text = "Allergies: PCN (rash).\nOR course: tolerated cefazolin despite the listed PCN allergy."
    assert _allergies(analyse(text)) == [("pcn", "rash")]


def test_an_allergy_taken_back_leaves_the_drug_free_to_be_taken() -> None:
    analysis = analyse(
        "Allergies: codeine (nausea). Previously listed amoxicillin allergy was refuted by "
        "challenge.\nPlan: continue amoxicillin 500 mg TID."
    )
    assert _allergies(analysis) == [("codeine", "nausea")]
    assert _drugs(analysis) == {"amoxicillin"}


def test_an_allergy_work_up_states_no_allergy() -> None:
    text = "Plan: stop cefdinir. Could arrange penicillin allergy testing with allergy clinic."
    assert analyse(text).allergies == []


def test_a_chart_never_lists_an_allergen_of_a_banner_or_table_as_a_current_drug() -> None:
    texts = (
        "ALLERGY ALERT: morphine | Isolation: none\nPlan: continue metoprolol 25 mg BID.",
        "| Medication | Dose | Allergy |\n|---|---|---|\n| Metoprolol | 25 mg | |\n"
        "| Tramadol | 50 mg | yes - seizures |\n",
    )
    notes = [
        ChartNote(
            id=uuid.uuid4(),
            taken_at=datetime(2025, 6, day, tzinfo=UTC),
            note_type="other",
            title=None,
            author=None,
            has_text=True,
            analysis=analyse(text),
        )
        for day, text in enumerate(texts, start=1)
    ]
    chart = build_chart(uuid.uuid4(), notes, date(2025, 7, 1))
    current = {m.name.lower() for m in chart.current_medications}
    assert "morphine" not in current
    assert "tramadol" not in current
    assert "metoprolol" in current
    assert {a.substance.lower() for a in chart.allergies} == {"morphine", "tramadol"}


# --- Screening answers and questions --------------------------------------------------------


def test_a_screening_answer_of_yes_names_the_allergy_and_no_denies_it() -> None:
    text = (
        "Pre-vaccine questions:\n- Allergy to vaccine parts, latex, gelatin, eggs?  Gelatin - NO."
        "  Latex - YES (blistering rash)\n- Fever today? No"
    )
    assert _allergies(analyse(text)) == [("latex", "blistering rash")]


def test_an_allergen_answered_no_on_an_allergy_line_is_no_allergy() -> None:
    text = (
        "Allergies/ADRs: Beta blockers? -> NO (metoprolol taken for years). Oxycodone - pruritus."
    )
    assert _allergies(analyse(text)) == [("oxycodone", "pruritus")]


@pytest.mark.parametrize(
    "text",
    [
        "Nurse asked about allergy to eggs before the vaccine. Allergies: NKDA.",
        "Screened for allergy to latex, gelatin and eggs; none reported. Allergies: NKDA.",
        "Allergy to latex, gelatin or eggs? No. Allergies: NKDA.",
    ],
)
def test_a_question_about_an_allergy_names_none(text: str) -> None:
    assert analyse(text).allergies == []


# --- Statements interrupted by a premedication -----------------------------------------------


def test_more_allergies_after_a_premedication_sentence_are_read() -> None:
    text = (
        "Allergies: Gadolinium - hives (2020). Premedicated per protocol: prednisone 50 mg PO "
        "13, 7 and 1 h before. Also: Cefaclor - rash (tolerated cefazolin).\nLabs: WBC 9."
    )
    assert _allergies(analyse(text)) == [("gadolinium", "hives"), ("cefaclor", "rash")]


def test_an_allergen_opening_a_sentence_about_premedication_is_kept() -> None:
    text = "Allergies: Morphine (itching). Iodinated contrast - urticaria, premedicated in 2022.\n"
    assert _allergies(analyse(text)) == [
        ("morphine", "itching"),
        ("iodinated contrast", "urticaria"),
    ]


def test_also_after_a_sentence_that_is_no_allergy_lists_no_plan() -> None:
    analysis = analyse("Allergies: NKDA. Premedication not needed. Also: continue home meds.")
    assert analysis.allergies == []
    assert analysis.no_known_allergies


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Allergies: Iodine contrast - hives.", "Allergies: iodinated contrast media (urticaria)."),
        ("Allergies: adhesive tape (blisters).", "Allergies: paper tape - blisters."),
        ("Allergies: tape.", "Allergies: adhesive (redness)."),
    ],
)
def test_two_names_of_one_allergen_make_one_chart_entry(first: str, second: str) -> None:
    notes = [
        ChartNote(
            id=uuid.uuid4(),
            taken_at=datetime(2025, 3, day, tzinfo=UTC),
            note_type="other",
            title=None,
            author=None,
            has_text=True,
            analysis=analyse(text),
        )
        for day, text in ((1, first), (8, second))
    ]
    assert len(build_chart(uuid.uuid4(), notes, date(2025, 4, 1)).allergies) == 1
