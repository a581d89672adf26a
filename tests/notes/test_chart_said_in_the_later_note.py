"""What only the later note says ends a drug the earlier note had going: a switch told after the
drug as its cause, two drugs switched together, "switched to A from B", a course tapered off, a
visit's list whose drugs the plan restates; and an empty discharge list ends nothing."""

import pytest

from carechart.notes.chart import ChartNote
from tests.notes.stories import current_names, story_chart
from tests.notes.stories import story_note as note

EARLIER = (
    "FOLLOW-UP VISIT\n"
    "Medications: lisinopril 20 mg daily, aspirin 81 mg daily, simvastatin 40 mg nightly,\n"
    "Symbicort 160/4.5 2 puffs BID, Spiriva 18 mcg daily, prednisone 10 mg daily\n"
    "Plan: continue.\n"
)


def _after(later: str) -> set[str]:
    return current_names(story_chart(note("2025-03-01", EARLIER), note("2025-06-01", later)))


CASES: list[tuple[str, str, set[str], set[str]]] = [
    (
        "switch after a semicolon",
        "Developed a dry cough on lisinopril; switched to losartan 50 mg daily.",
        {"lisinopril"},
        {"losartan", "aspirin"},
    ),
    (
        "switch in a clause joined by so",
        "Cough on lisinopril, so we changed to losartan 50 mg daily.",
        {"lisinopril"},
        {"losartan"},
    ),
    (
        "two drugs switched together",
        "Doing well 3 months after we changed her Symbicort and Spiriva to Trelegy Ellipta.",
        {"budesonide / formoterol", "tiotropium"},
        {"fluticasone / umeclidinium / vilanterol", "lisinopril"},
    ),
    (
        "switched to the new drug from the old",
        "LDL high: switched to atorvastatin 40 mg from simvastatin.",
        {"simvastatin"},
        {"atorvastatin", "aspirin"},
    ),
    (
        "tapered off",
        "Prednisone was tapered off completely in April.",
        {"prednisone"},
        {"lisinopril", "aspirin"},
    ),
    (
        "a run of drugs with a route before the last",
        "Plan:\n  - Lisinopril, aspirin, simvastatin, oral prednisone unchanged.",
        set(),
        {"lisinopril", "aspirin", "simvastatin", "prednisone"},
    ),
    # Negative cases: what is said of another drug, or a dose, leaves the drug going.
    (
        "a continued drug before a switch of another",
        "Continue aspirin; she was switched to atorvastatin by cardiology.",
        set(),
        {"aspirin", "atorvastatin"},
    ),
    (
        "a drug on before a switch with its own from",
        "Stable on aspirin; switched to atorvastatin from simvastatin.",
        {"simvastatin"},
        {"aspirin", "atorvastatin"},
    ),
    (
        "two drugs raised to a dose",
        "Increased lisinopril and aspirin to the doses below.",
        set(),
        {"lisinopril", "aspirin"},
    ),
    (
        "a taper still going",
        "Prednisone is being tapered off, now 5 mg daily.",
        set(),
        {"prednisone"},
    ),
]


@pytest.mark.parametrize(
    ("later", "gone", "taken"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_drug_the_later_note_ends_is_no_longer_current(
    later: str, gone: set[str], taken: set[str]
) -> None:
    current = _after(f"FOLLOW-UP VISIT\nHPI: {later}\n")
    assert not gone & current
    assert taken <= current


def _visit(listed: str, plan: str) -> ChartNote:
    return note("2025-06-01", f"FOLLOW-UP VISIT\nCURRENT MEDICATIONS: {listed}\nPLAN: {plan}\n")


def test_a_list_the_plan_restates_still_leaves_out_the_drug_not_on_it() -> None:
    later = _visit(
        "lisinopril 20 mg daily, aspirin 81 mg daily.", "Continue lisinopril and aspirin."
    )
    current = current_names(story_chart(note("2025-03-01", EARLIER), later))
    assert {"lisinopril", "aspirin"} <= current
    assert not {"prednisone", "simvastatin"} & current


def test_a_list_of_one_drug_the_plan_restates_leaves_the_others_going() -> None:
    later = _visit("lisinopril 20 mg daily.", "Continue lisinopril.")
    current = current_names(story_chart(note("2025-03-01", EARLIER), later))
    assert {"lisinopril", "prednisone", "simvastatin"} <= current


ADMISSION = (
    "ADMISSION H&P\n"
    "Home medications:\n1. levothyroxine 100 mcg daily\n2. lisinopril 10 mg daily\n"
    "3. amlodipine 5 mg daily\n"
    "Plan: heparin 5000 units SC q8h.\n"
)


def test_a_discharge_list_that_names_no_drug_ends_none_of_the_home_drugs() -> None:
    discharge = (
        "DISCHARGE SUMMARY\nPneumonia resolved.\n"
        "Discharge medications: Resume all home medications as previously prescribed.\n"
    )
    chart = story_chart(note("2025-08-01T08:00", ADMISSION), note("2025-08-04T10:00", discharge))
    assert {"levothyroxine", "lisinopril", "amlodipine"} <= current_names(chart)
    assert not {m.name for m in chart.stopped_medications} & {"levothyroxine", "lisinopril"}


def test_a_discharge_list_that_names_drugs_still_ends_the_ones_it_leaves_out() -> None:
    discharge = (
        "DISCHARGE SUMMARY\nPneumonia resolved.\n"
        "Discharge medications: levothyroxine 100 mcg daily, amlodipine 5 mg daily.\n"
    )
    chart = story_chart(note("2025-08-01T08:00", ADMISSION), note("2025-08-04T10:00", discharge))
    current = current_names(chart)
    assert {"levothyroxine", "amlodipine"} <= current
    assert not {"lisinopril", "heparin"} & current


def test_a_supplement_named_two_ways_across_notes_is_one_current_drug() -> None:
    first = note(
        "2025-03-01",
        "FOLLOW-UP VISIT\nMedications: omega-3 fish oil 1,000 mg PO daily (OTC), "
        "metoprolol 25 mg BID\n",
    )
    later = note(
        "2025-06-01",
        "FOLLOW-UP VISIT\nCURRENT MEDICATIONS: Fish oil 1,000 mg daily. Metoprolol 25 mg BID.\n",
    )
    chart = story_chart(first, later)
    assert [m.name for m in chart.current_medications].count("omega-3 fatty acids") == 1
    assert not chart.stopped_medications
