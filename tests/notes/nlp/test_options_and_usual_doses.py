"""Options a plan puts forward ("+/-", "±", "A vs B", "should symptoms recur, start X", "X PRN if
heartburn recurs") are proposed, not begun; a dose "as usual" or "per usual" goes on; and a drug
every mention of which is given or proposed is never reported as taken."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication_containing

_S = MedicationStatus

NOTE = """\
PROGRESS NOTE

Medications: sertraline 50 mg daily

Assessment and Plan:
{plan}
"""


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        ("GERD: +/- omeprazole 20 mg daily.", "omeprazole"),
        ("Edema: \u00b1 metolazone 2.5 mg if weight up 2 lb.", "metolazone"),
        ("Cellulitis: cephalexin vs clindamycin depending on cultures.", "cephalexin"),
        ("Cellulitis: cephalexin vs clindamycin depending on cultures.", "clindamycin"),
        ("Insomnia: trazodone versus melatonin, she will think about it.", "trazodone"),
        ("Should symptoms recur, start omeprazole 20 mg daily.", "omeprazole"),
        ("Should the rash flare, begin triamcinolone cream twice daily.", "triamcinolone"),
        ("Famotidine 20 mg PRN if heartburn recurs.", "famotidine"),
        ("Ondansetron 4 mg as needed if nausea returns.", "ondansetron"),
    ],
)
def test_an_option_or_a_drug_for_a_return_is_proposed(plan: str, drug: str) -> None:
    analysis = analyse(NOTE.format(plan=plan))
    assert medication_containing(analysis, drug).status is _S.PROPOSED
    assert medication_containing(analysis, "sertraline").status is not _S.PROPOSED


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        ("Metoprolol 25 mg twice daily as usual.", "metoprolol"),
        ("Levothyroxine per usual.", "levothyroxine"),
        ("Hypothyroid: levothyroxine 88 mcg daily per usual, TSH next visit.", "levothyroxine"),
    ],
)
def test_a_dose_as_usual_goes_on(plan: str, drug: str) -> None:
    assert medication_containing(analyse(NOTE.format(plan=plan)), drug).status is _S.CONTINUED


@pytest.mark.parametrize(
    ("plan", "drug", "status"),
    [
        ("Start omeprazole 20 mg daily.", "omeprazole", _S.STARTED),
        (
            "Continue omeprazole 20 mg daily; stop if heartburn resolves.",
            "omeprazole",
            _S.CONTINUED,
        ),
        ("Continue sertraline vs taper next visit.", "sertraline", _S.CONTINUED),
    ],
)
def test_a_decided_order_is_not_an_option(plan: str, drug: str, status: MedicationStatus) -> None:
    assert medication_containing(analyse(NOTE.format(plan=plan)), drug).status is status


def test_a_drug_only_given_in_a_procedure_is_never_current() -> None:
    note = """\
PROCEDURE NOTE

Procedure: Skin biopsy, left forearm.
Anesthesia: Lidocaine 1% with epinephrine 3 mL injected locally.

Findings: 6 mm lesion.

Plan: Continue sertraline 50 mg daily. Wound care reviewed.
"""
    analysis = analyse(note)
    assert medication_containing(analysis, "lidocaine").status is _S.GIVEN
    assert medication_containing(analysis, "sertraline").status is _S.CONTINUED


PRE_ANAESTHESIA = """\
PRE-ANESTHESIA EVALUATION

Medications: metoprolol 25 mg twice daily

ASSESSMENT: ASA III.

{heading} General ETT.
 - Induction: propofol, rocuronium 1.2 mg/kg; sugammadex for reversal.
 - Fentanyl titrated; IV acetaminophen 1 g.
 - PONV: dexamethasone 4 mg + ondansetron 4 mg.
 - Continue metoprolol the morning of surgery.
"""


@pytest.mark.parametrize(
    "heading",
    ["ANESTHETIC PLAN:", "Anesthesia plan:", "Plan for anaesthesia:", "PLANNED ANESTHESIA:"],
)
def test_an_anaesthetic_plan_proposes_its_drugs(heading: str) -> None:
    analysis = analyse(PRE_ANAESTHESIA.format(heading=heading))
    for drug in ("propofol", "rocuronium", "sugammadex", "fentanyl", "dexamethasone"):
        assert medication_containing(analysis, drug).status is _S.PROPOSED
    assert medication_containing(analysis, "metoprolol").status is _S.CONTINUED


def test_an_anaesthesia_record_gives_its_drugs() -> None:
    analysis = analyse(PRE_ANAESTHESIA.format(heading="ANESTHESIA:"))
    for drug in ("propofol", "rocuronium", "dexamethasone"):
        assert medication_containing(analysis, drug).status is _S.GIVEN


CONSULT = """\
NEUROLOGY CONSULT

Current medications: metoprolol 25 mg twice daily

Recommendations:
{advice}
"""


@pytest.mark.parametrize(
    ("advice", "drug"),
    [
        (
            "I would suggest primidone, starting at 25 mg at bedtime. I have given him a"
            " prescription today for the starting dose.",
            "primidone",
        ),
        (
            "I would suggest topiramate 25 mg nightly. We have sent a prescription to her"
            " pharmacy.",
            "topiramate",
        ),
        ("Recommend amitriptyline 10 mg at night. I've printed a script for 30 tablets.", "amitr"),
    ],
)
def test_advice_followed_by_its_prescription_is_started(advice: str, drug: str) -> None:
    analysis = analyse(CONSULT.format(advice=advice))
    assert medication_containing(analysis, drug).status is _S.STARTED


@pytest.mark.parametrize(
    "advice",
    [
        "I would suggest primidone 25 mg at bedtime. He will think about it.",
        "I would suggest primidone 25 mg at bedtime. I have given him a prescription for"
        " gabapentin.",
    ],
)
def test_advice_without_its_prescription_stays_proposed(advice: str) -> None:
    analysis = analyse(CONSULT.format(advice=advice))
    assert medication_containing(analysis, "primidone").status is _S.PROPOSED


def test_a_prescription_given_for_a_drug_starts_it() -> None:
    advice = "I have given him a prescription for gabapentin 100 mg at night."
    analysis = analyse(CONSULT.format(advice=advice))
    assert medication_containing(analysis, "gabapentin").status is _S.STARTED


def test_a_dose_said_given_in_an_anaesthetic_plan_stays_given() -> None:
    note = PRE_ANAESTHESIA.replace(
        " - Induction:", " - Premed: midazolam 2 mg IV given in holding 07:20.\n - Induction:"
    )
    analysis = analyse(note.format(heading="ANESTHETIC PLAN:"))
    assert medication_containing(analysis, "midazolam").status is _S.GIVEN
    assert medication_containing(analysis, "propofol").status is _S.PROPOSED


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        # Upper-case "VS" is vital signs, not "versus".
        ("Fever: VS stable, acetaminophen 650 mg PO given at 0400.", "acetaminophen"),
        ("VS WNL, metoprolol 25 mg given as ordered.", "metoprolol"),
        # A "vs" of two diagnoses leaves the drugs after it as written.
        (
            "CAP vs aspiration pneumonia - ceftriaxone 1 g IV and azithromycin 500 mg given.",
            "ceftriaxone",
        ),
        (
            "CAP vs aspiration pneumonia - ceftriaxone 1 g IV and azithromycin 500 mg given.",
            "azithromycin",
        ),
        ("Gout versus pseudogout: colchicine 1.2 mg given in clinic.", "colchicine"),
    ],
)
def test_vital_signs_or_a_diagnosis_vs_another_do_not_propose(plan: str, drug: str) -> None:
    analysis = analyse(NOTE.format(plan=plan))
    assert medication_containing(analysis, drug).status is _S.GIVEN
