"""A drug named in an allergy statement of any of the patient's notes is never on the chart's
current list, however a later list copies it, unless a later note takes the allergy back as it
restarts the drug. Allergies to other drugs leave the patient's drugs alone."""

import pytest

from tests.notes.stories import chart_medication as _medication
from tests.notes.stories import current_names as _current
from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

# The allergy stated first, a later list copying the drug anyway.
ALLERGY_FIRST = [
    (
        "Primary Care Visit\nAllergies: codeine (hives), sulfa\nMedications:\n"
        "1. Metformin 500 mg BID\n",
        "Follow-up Visit\nMedications:\n1. Metformin 500 mg BID\n2. Codeine 30 mg q6h PRN pain\n"
        "Plan: continue current medications.\n",
        "codeine",
    ),
    (
        "Cardiology Consult\nALLERGIES: Lisinopril - angioedema.\nHOME MEDICATIONS: atorvastatin "
        "40 mg daily.\n",
        "Clinic note\nCurrent meds: atorvastatin 40 mg nightly, lisinopril 10 mg daily.\n"
        "A/P: hypertension, stable.\n",
        "lisinopril",
    ),
]

# The drug going first, an allergy to it reported later without a list that drops it.
ALLERGY_LATER = [
    (
        "Urgent Care Visit\nDx: strep pharyngitis.\nPlan: Start amoxicillin 500 mg PO TID x 10 "
        "days.\nMedications: amoxicillin 500 mg TID, loratadine 10 mg daily.\n",
        "Telephone Encounter\nMother calls: diffuse hives on day 2 of the antibiotic.\n"
        "Allergies: Amoxicillin (hives) - added to the allergy list today.\n",
        "amoxicillin",
    ),
    (
        "Clinic Visit\nMedications:\n1. Allopurinol 100 mg daily\n2. Loratadine 10 mg daily\n",
        "Dermatology Consult\nALLERGIES: allopurinol (drug rash, this month).\nExam: morbilliform "
        "rash over the trunk.\n",
        "allopurinol",
    ),
]


@pytest.mark.parametrize(("first", "second", "drug"), [*ALLERGY_FIRST, *ALLERGY_LATER])
def test_an_allergen_is_never_current(first: str, second: str, drug: str) -> None:
    chart = _chart(_note("2025-03-01", first), _note("2025-03-10", second))
    assert drug not in {n.lower() for n in _current(chart)}


def test_an_allergen_copied_onto_a_list_ends_as_stopped() -> None:
    first, second, drug = ALLERGY_FIRST[0]
    chart = _chart(_note("2025-03-01", first), _note("2025-03-10", second))
    assert _medication(chart, drug).status.value not in {"started", "continued", "resumed"}
    assert "metformin" in _current(chart)


# The chart reads what the analysis keeps of a note: the words taking the allergy back must stand
# in the sentence of the drug or in another item the note yields.
TAKEN_BACK = [
    "Allergy Clinic\nPlan: start amoxicillin 500 mg PO TID x 10 days for sinusitis; tolerated "
    "oral challenge today, not a true allergy.\n",
    "Allergy follow-up\nStart amoxicillin 500 mg PO TID for 10 days - prior rash was not a true "
    "allergy, delabeled today.\n",
]


def test_a_later_start_without_taking_the_allergy_back_stays_off_the_list() -> None:
    earlier = "Clinic Visit\nAllergies: amoxicillin (rash as a child)\nMedications: none.\n"
    later = "Urgent Care\nPlan: start amoxicillin 500 mg PO TID x 10 days for sinusitis.\n"
    chart = _chart(_note("2025-03-01", earlier), _note("2025-04-01", later))
    assert "amoxicillin" not in {n.lower() for n in _current(chart)}


@pytest.mark.parametrize("later", TAKEN_BACK)
def test_a_later_note_that_takes_the_allergy_back_restarts_the_drug(later: str) -> None:
    earlier = "Clinic Visit\nAllergies: amoxicillin (rash as a child)\nMedications: none.\n"
    chart = _chart(_note("2025-03-01", earlier), _note("2025-04-01", later))
    assert "amoxicillin" in {n.lower() for n in _current(chart)}


@pytest.mark.parametrize("later", TAKEN_BACK)
def test_a_later_note_that_takes_the_allergy_back_drops_it_from_the_chart(later: str) -> None:
    earlier = "Clinic Visit\nAllergies: amoxicillin (rash as a child); latex (hives)\n"
    chart = _chart(_note("2025-03-01", earlier), _note("2025-04-01", later))
    assert [a.substance.lower() for a in chart.allergies] == ["latex"]


def test_an_allergy_restated_after_it_was_taken_back_stays_on_the_chart() -> None:
    earlier = "Clinic Visit\nAllergies: amoxicillin (rash as a child)\n"
    later = "ED Visit\nAllergies: amoxicillin (hives again after a repeat course)\n"
    notes = (earlier, TAKEN_BACK[0], later)
    dates = ("2025-03-01", "2025-04-01", "2025-05-01")
    chart = _chart(*(_note(d, n) for d, n in zip(dates, notes, strict=True)))
    assert [a.substance.lower() for a in chart.allergies] == ["amoxicillin"]


def test_an_allergy_to_another_drug_leaves_the_list_alone() -> None:
    first = (
        "Primary Care Visit\nAllergies: penicillin (rash)\nMedications:\n1. Metformin 500 mg BID\n"
    )
    second = (
        "Follow-up Visit\nAllergies: penicillin\nMedications:\n1. Metformin 500 mg BID\n"
        "2. Lisinopril 10 mg daily\n"
    )
    chart = _chart(_note("2025-03-01", first), _note("2025-03-10", second))
    assert {"metformin", "lisinopril"} <= {n.lower() for n in _current(chart)}


def test_a_drug_started_after_a_consults_proposal_is_current_beside_an_unrelated_allergy() -> None:
    consult = (
        "Cardiology Consult\nAllergies: sulfa (rash).\nMedications: metoprolol 25 mg BID.\n"
        "Recommendations: consider apixaban 5 mg BID for atrial fibrillation.\n"
    )
    visit = (
        "Follow-up Visit\nAllergies: sulfa.\nMedications:\n1. Metoprolol 25 mg BID\n"
        "Plan: started apixaban 5 mg BID today.\n"
    )
    chart = _chart(_note("2025-03-01", consult), _note("2025-03-20", visit))
    assert {"apixaban", "metoprolol"} <= {n.lower() for n in _current(chart)}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Allergies: LATEX - hives. No drug allergies.", "Allergies: Latex (hives). NKDA."),
        ("ALLERGIES: Drug allergies: NKDA. Food: strawberries.", "Allergies: NKDA; strawberries."),
        ("Allergies: NKDA. Peanut - hives (carries EpiPen).", "Allergies: peanut. NKDA."),
    ],
)
def test_nkda_beside_a_food_or_latex_allergy_in_every_note_stays_on_the_chart(
    first: str, second: str
) -> None:
    chart = _chart(_note("2025-03-01", first), _note("2025-03-10", second))
    assert chart.allergies
    assert chart.no_known_allergies is True


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Allergies: NKDA", "Allergies: penicillin (hives)."),
        ("Allergies: penicillin - rash.", "Allergies: NKDA. Latex (hives)."),
    ],
)
def test_a_drug_allergy_in_any_note_takes_nkda_off_the_chart(first: str, second: str) -> None:
    chart = _chart(_note("2025-03-01", first), _note("2025-03-10", second))
    assert chart.no_known_allergies is False


@pytest.mark.parametrize(
    ("first", "second", "allergens"),
    [
        ("Allergies: ACE inhibitors (cough).", "Allergies: ACE-I - cough.", 1),
        (
            "ALLERGIES: NONSTEROIDAL ANTI-INFLAMMATORY DRUGS - GI BLEED.",
            "Allergies: NSAIDs (GI bleed)",
            1,
        ),
        (
            "Allergies: Tegaderm/adhesives - blisters.",
            "Allergies: adhesive dressings (blistering).",
            1,
        ),
        (
            'Allergies: sulfa (rash); pt also reports "latex makes me itch"',
            "Allergies: latex (itching)",
            2,
        ),
        ("Allergies: NKDA. (Seasonal pollen.)", "Allergies: NKDA; pollen.", 1),
        # A sulfa allergy is the one to trimethoprim-sulfamethoxazole, however it is written.
        ("Allergies: sulfa drugs - hives.", "ALLERGIES: Septra (hives); codeine (nausea).", 2),
        ("Allergies: TMP-SMX (rash).", "Allergies: sulfonamide antibiotics - rash.", 1),
        ("Allergies: sulfa (rash).", "Allergies: trimethoprim (rash).", 2),
        ("Allergies: MSO4 - itching.", "Allergies: morphine (itching).", 1),
    ],
)
def test_one_allergen_written_two_ways_is_one_chart_allergy(
    first: str, second: str, allergens: int
) -> None:
    chart = _chart(_note("2025-03-01", first), _note("2025-03-10", second))
    assert len(chart.allergies) == allergens


def _chart_allergens(*texts: str) -> set[str]:
    days = ["2025-03-01", "2025-03-10", "2025-03-20"]
    chart = _chart(*(_note(day, text) for day, text in zip(days, texts, strict=False)))
    return {a.substance.lower() for a in chart.allergies}


@pytest.mark.parametrize(
    "later",
    [
        "Allergy Clinic\nOral amoxicillin challenge negative. Penicillin allergy removed from "
        "the allergy list today.\nAllergies: peanut (anaphylaxis)\n",
        "Clinic note\nAllergies: Penicillin (de-labelled after negative skin test and oral "
        "challenge); peanut (anaphylaxis)\n",
    ],
)
def test_an_allergy_a_later_note_takes_back_leaves_the_chart(later: str) -> None:
    first = "Consult\nAllergies: Penicillin - rash, childhood; peanut (anaphylaxis)\n"
    assert _chart_allergens(first, later) == {"peanut"}


def test_an_allergy_restated_after_a_later_de_labelling_stays_on_the_chart() -> None:
    first = "Clinic note\nAllergies: Penicillin (de-labelled after a negative challenge)\n"
    later = "ED note\nAllergies: penicillin (hives, today after amoxicillin)\n"
    assert _chart_allergens(first, later) == {"penicillin"}


def test_cat_dander_and_cats_are_one_allergy_on_the_chart() -> None:
    first = "Consult\nAllergies: Cats - rhinitis, itchy eyes\n"
    later = "Procedure note\nAllergy list: Peanut (anaphylaxis) | Cat dander (rhinitis)\n"
    assert len(_chart_allergens(first, later)) == 2
