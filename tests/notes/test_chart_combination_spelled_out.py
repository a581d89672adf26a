"""A combination written by its brand with its ingredients spelled out beside it ("Excedrin
Migraine (acetaminophen/aspirin/caffeine)") is one drug: stopping the brand stops it, and its
ingredients read apart are not drugs of their own left going. The vocabulary may know only some
of the ingredients (caffeine), so the ones it reads stand for the product.

Labelled before running: what a clinician reconciling the notes lists as current."""

import pytest

from tests.notes.stories import current_names, story_chart
from tests.notes.stories import story_note as note

LATER = (
    "OFFICE VISIT\n"
    "Medications reviewed. Doing well.\n"
    "Plan: continue sumatriptan 50 mg prn. Return in 3 months.\n"
)

CASES: list[tuple[str, str, set[str], set[str]]] = [
    (
        "brand then its ingredients, stopped in the plan (US list)",
        "TELEHEALTH VISIT\n"
        "Current meds (patient report):\n"
        " sumatriptan 50 mg PO at onset, may repeat in 2 h\n"
        " Excedrin Migraine (acetaminophen/aspirin/caffeine) - OTC, most days\n"
        "Plan:\n"
        "- Stop Excedrin Migraine (medication overuse).\n"
        "- Continue sumatriptan 50 mg.\n",
        {"aspirin", "acetaminophen", "aspirin / acetaminophen / caffeine"},
        {"sumatriptan"},
    ),
    (
        "an opioid combination written out, stopped (dictation)",
        "FOLLOW-UP VISIT. Medications: lisinopril 10 mg daily; Percocet (oxycodone/acetaminophen)"
        " 5/325 one tablet every 6 hours as needed since the fracture.\n"
        "Assessment and plan: fracture healed. Discontinue Percocet. Continue lisinopril.\n",
        {"oxycodone", "acetaminophen", "oxycodone / acetaminophen"},
        {"lisinopril"},
    ),
    # Negatives: a drug of its own beside a brand stays a drug of its own.
    (
        "plain acetaminophen after a stopped opioid combination",
        "FOLLOW-UP VISIT\n"
        "Medications: lisinopril 10 mg daily, Norco 5/325 prn, acetaminophen 500 mg q6h prn\n"
        "Plan: stop Norco; acetaminophen 500 mg q6h prn for pain. Continue lisinopril.\n",
        {"hydrocodone / acetaminophen"},
        {"acetaminophen", "lisinopril"},
    ),
    (
        "combination continued with its ingredients spelled out",
        "FOLLOW-UP VISIT\n"
        "Medications: Excedrin Migraine (acetaminophen/aspirin/caffeine) 2 tabs prn, rarely,\n"
        "metoprolol 25 mg daily\n"
        "Plan: continue current medications.\n",
        {"aspirin", "acetaminophen"},
        {"aspirin / acetaminophen / caffeine", "metoprolol"},
    ),
]


@pytest.mark.parametrize(
    ("earlier", "gone", "kept"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_combination_spelled_out_is_one_drug(
    earlier: str, gone: set[str], kept: set[str]
) -> None:
    current = current_names(story_chart(note("2025-03-01", earlier), note("2025-06-01", LATER)))
    assert not gone & current, current
    assert kept <= current, current


# A drug named by its abbreviation in the later note ("BPO wash") is the drug the earlier note
# started: the later note's stop ends it, its continuation keeps it.
DERMATOLOGY = (
    "DERMATOLOGY NEW PATIENT VISIT\n"
    "Plan:\n"
    "1. Continue tretinoin 0.05% cream qHS.\n"
    "2. STOP clindamycin gel. Replace with benzoyl peroxide 5% short-contact wash AM.\n"
    "3. Continue Yaz.\n"
)

ABBREVIATED: list[tuple[str, str, set[str], set[str]]] = [
    (
        "stopped by its abbreviation with another drug",
        "Follow-up (SOAP)\n"
        "S: Tretinoin qHS and BPO wash AM most days.\n"
        "Current meds: tretinoin 0.05% cream; benzoyl peroxide 5% wash; Yaz.\n"
        "P:\n"
        "1. START isotretinoin 20 mg PO daily.\n"
        "2. STOP tretinoin cream and BPO wash during isotretinoin (excess dryness).\n"
        "3. Continue Yaz daily.\n",
        {"benzoyl peroxide", "tretinoin"},
        {"isotretinoin", "drospirenone / ethinyl estradiol"},
    ),
    (
        "stopped alone by its abbreviation (British)",
        "Dermatology review clinic\n"
        "Medication: benzoyl peroxide 5% wash, tretinoin cream.\n"
        "Plan: BPO wash stopped today because of irritation. Carry on with tretinoin.\n",
        {"benzoyl peroxide"},
        {"tretinoin"},
    ),
    # Negative: the abbreviation continued keeps the drug going.
    (
        "continued by its abbreviation",
        "Follow-up (SOAP)\n"
        "Current meds: tretinoin 0.05% cream; Yaz.\n"
        "P: continue tretinoin and BPO wash. Continue Yaz.\n",
        set(),
        {"benzoyl peroxide", "tretinoin"},
    ),
]


@pytest.mark.parametrize(
    ("later", "gone", "kept"), [c[1:] for c in ABBREVIATED], ids=[c[0] for c in ABBREVIATED]
)
def test_an_abbreviation_in_the_later_note(later: str, gone: set[str], kept: set[str]) -> None:
    current = current_names(story_chart(note("2026-01-20", DERMATOLOGY), note("2026-04-22", later)))
    assert not gone & current, current
    assert kept <= current, current


# Negative: a wash of an antiseptic before an operation is its skin preparation, never a drug the
# patient goes on taking; a wash of a treatment is one.
@pytest.mark.parametrize(
    ("text", "current", "not_current"),
    [
        (
            "PRE-ANESTHESIA EVALUATION\n"
            "Medications: lisinopril 10 mg daily\n"
            "Instructions: Chlorhexidine wash night before and morning of surgery.\n",
            {"lisinopril"},
            {"chlorhexidine"},
        ),
        (
            "Dermatology clinic letter\n"
            "Medications: adapalene gel nightly.\n"
            "Plan: start benzoyl peroxide wash each morning; continue adapalene.\n",
            {"benzoyl peroxide", "adapalene"},
            set(),
        ),
    ],
    ids=["antiseptic wash before surgery", "treatment wash started"],
)
def test_a_wash(text: str, current: set[str], not_current: set[str]) -> None:
    names = current_names(story_chart(note("2026-02-01", text)))
    assert current <= names, names
    assert not not_current & names, names
