"""Doses told on a timeline of the visit or the stay ("- 18:55 DuoNeb neb #1", "23:30 ... started"
then "ondansetron 4 mg IV x1 at 00:15") were given there; a stay's order a note of the stay
says is discontinued is stopped. Probes written and labelled for these tests before they were
run: an urgent care course, an ED timeline, a transfer list, British and US layouts; with the
shapes that must not change (a prescription's quantity, a PRN order not needed, a course that
keeps its start)."""

import pytest

from carechart.notes.nlp import Medication, MedicationStatus, NoteAnalysis, analyse, medication_key
from tests.notes.nlp.support import medication

_S = MedicationStatus

_URGENT_CARE = """\
URGENT CARE NOTE
Date of service: 03/02/2026

HPI: 29 yo with wheeze for 2 days after a cold. Uses albuterol HFA about twice a week.
Meds: albuterol HFA PRN; sertraline 50 mg daily.

Course in clinic:
{course}

Assessment: moderate asthma exacerbation, improved.
Plan:
Rx sent to pharmacy:
  - Prednisone 40 mg PO daily x 5 days #5, no refills
Continue albuterol HFA PRN, sertraline.
"""


@pytest.mark.parametrize(
    "course",
    [
        # Bulleted times, the dose counted with "#".
        "- 18:55 DuoNeb (ipratropium 0.5 mg/albuterol 2.5 mg) neb #1\n- 19:15 DuoNeb #2\n"
        "- 19:40 reassessed, much better",
        # Asterisks and four-figure times, a British layout.
        "* 0915 ipratropium-albuterol (DuoNeb) neb #1\n* 0935 DuoNeb #2\n"
        "* 1000 peak flow 340 L/min",
        # A bullet mark, the time with a dash.
        "\u2022 14:05 - DuoNeb 3 mL neb #1\n\u2022 14:25 - DuoNeb 3 mL neb #2",
    ],
)
def test_a_nebuliser_counted_on_the_visits_timeline_was_given(course: str) -> None:
    analysis = analyse(_URGENT_CARE.format(course=course))
    assert _combination(analysis, "ipratropium").status is _S.GIVEN


def _combination(analysis: NoteAnalysis, part: str) -> Medication:
    found = [m for m in analysis.medications if part in medication_key(m.name)]
    assert len(found) == 1, [m.name for m in analysis.medications]
    return found[0]


def test_the_prescriptions_quantity_still_makes_a_start() -> None:
    course = "- 18:55 DuoNeb neb #1\n- 19:15 DuoNeb #2"
    analysis = analyse(_URGENT_CARE.format(course=course))
    assert medication(analysis, "prednisone").status is _S.STARTED


def test_a_home_inhaler_the_plan_continues_is_not_a_dose_given() -> None:
    course = "- 18:55 DuoNeb neb #1\n- 19:15 DuoNeb #2"
    analysis = analyse(_URGENT_CARE.format(course=course))
    assert medication(analysis, "sertraline").status is _S.CONTINUED


_TRANSFER = """\
INTERHOSPITAL TRANSFER SUMMARY
Sending hospital: Riverside General ED. Receiving: University Hospital neuro ICU.

HPI: 71 yo on warfarin with a fall and a small subdural haematoma.

TREATMENT IN THE ED (times 04/11-04/12)
  21:40  prothrombin complex concentrate 2,000 units IV
  22:05  phytonadione 10 mg IV slow infusion
  22:30  levetiracetam 1,000 mg IV load, then 500 mg IV q12h started (neurosurgery advice)
{last}

PLAN: transfer by critical care ambulance.
"""


@pytest.mark.parametrize(
    "last",
    [
        "  ondansetron 4 mg IV x1 at 23:50 for nausea",
        "  metoclopramide 10 mg IV x1 at 23:50 for nausea",
    ],
)
def test_a_single_dose_after_a_timed_start_is_given_not_started(last: str) -> None:
    analysis = analyse(_TRANSFER.format(last=last))
    drug = last.split()[0]
    assert medication(analysis, drug).status is _S.GIVEN


def test_the_timed_start_itself_stays_started() -> None:
    analysis = analyse(_TRANSFER.format(last="  ondansetron 4 mg IV x1 at 23:50 for nausea"))
    assert medication(analysis, "levetiracetam").status is _S.STARTED


_STEP_DOWN = """\
MICU TRANSFER NOTE
Hospital day 4. Transfer to the medicine floor (telemetry).

Current inpatient medications:
  ceftriaxone 1 g IV q24h (day 4 of 7)
  heparin 5,000 units SC q8h
  {entry}

Assessment and plan:
1. Urosepsis - improving, continue ceftriaxone.
2. VTE prophylaxis - heparin SC.
"""


@pytest.mark.parametrize(
    ("entry", "drug"),
    [
        (
            "pantoprazole 40 mg IV daily (stress ulcer ppx) - discontinued at transfer",
            "pantoprazole",
        ),
        ("famotidine 20 mg IV BID (SUP) - stopped today, eating well", "famotidine"),
    ],
)
def test_a_stays_order_the_note_discontinues_is_stopped(entry: str, drug: str) -> None:
    analysis = analyse(_STEP_DOWN.format(entry=entry))
    assert medication(analysis, drug).status is _S.STOPPED


def test_a_prn_order_not_needed_stays_a_dose_of_the_stay() -> None:
    entry = "labetalol 10 mg IV q2h PRN SBP > 180 - not needed since 18:00 yesterday"
    analysis = analyse(_STEP_DOWN.format(entry=entry))
    assert medication(analysis, "labetalol").status is _S.GIVEN


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        ("3. DM: change lispro correction scale from low-dose to moderate-dose AC/HS.", "insulin"),
        ("3. Pain: reduce oxycodone to 2.5 mg q6h PRN; keep scheduled acetaminophen.", "oxycodone"),
        ("3. Nausea: ondansetron IV PRN - increase to 8 mg q8h PRN.", "ondansetron"),
    ],
)
def test_a_stays_order_the_plan_changes_is_changed(plan: str, drug: str) -> None:
    text = (
        "HOSPITALIST PROGRESS NOTE\nHospital day 3. Telemetry.\n\n"
        "Current inpatient medications:\n  insulin lispro low-dose correction scale AC/HS\n"
        "  oxycodone 5 mg PO q4h PRN\n  ondansetron 4 mg IV q8h PRN\n\n"
        f"Assessment and plan:\n1. CAP - ceftriaxone day 3.\n{plan}\n"
    )
    assert medication(analyse(text), drug).status is _S.CHANGED


def test_a_stays_order_as_needed_left_alone_stays_a_dose_of_the_stay() -> None:
    text = (
        "HOSPITALIST PROGRESS NOTE\nHospital day 3. Telemetry.\n\n"
        "Current inpatient medications:\n  ondansetron 4 mg IV q8h PRN\n\n"
        "Assessment and plan:\n1. CAP - ceftriaxone day 3.\n"
    )
    assert medication(analyse(text), "ondansetron").status is _S.GIVEN


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        # Information handed over about a drug for later is not a dose.
        (
            "POSTPARTUM PROGRESS NOTE\nPPD 1.\nA/P: Contraception: progestin-only pill at "
            "discharge. Asking about Nexplanon at the 6 week visit - info given.\n",
            "nexplanon",
            _S.PROPOSED,
        ),
        (
            "TELEPHONE ENCOUNTER\nReason: plan before colonoscopy 03/05.\n\n"
            "Instructions given (also mailed):\n1. Day of procedure: take metoprolol with a sip "
            "of water.\n2. Hold furosemide the morning of the procedure only.\n",
            "metoprolol",
            None,
        ),
        # A dose given is still given.
        (
            "CLINIC NOTE\nA/P: Osteoporosis - Prolia 60 mg SC given today, L arm.\n",
            "prolia",
            _S.GIVEN,
        ),
        (
            "ED NOTE\nCourse: ketorolac 15 mg IV given for pain, improved.\nDischarged home.\n",
            "ketorolac",
            _S.GIVEN,
        ),
    ],
)
def test_information_handed_over_is_not_a_dose(
    text: str, drug: str, status: MedicationStatus | None
) -> None:
    found = medication(analyse(text), drug).status
    if status is None:
        assert found is not _S.GIVEN
    else:
        assert found is status


@pytest.mark.parametrize(
    "line",
    [
        "22:02 ipratropium-albuterol (DuoNeb) 0.5 mg/3 mg neb x3 back to back",
        "22:02 DuoNeb nebs x3 back to back, then reassessed",
    ],
)
def test_nebulisers_run_back_to_back_were_given_not_changed(line: str) -> None:
    text = f"ED NOTE\nHPI: wheeze.\n\nED COURSE\n{line}\n22:40 much improved.\n\nDispo: home.\n"
    assert _combination(analyse(text), "ipratropium").status is _S.GIVEN


def test_an_inhaler_back_to_as_needed_is_still_changed() -> None:
    text = (
        "FOLLOW-UP VISIT\nMeds: albuterol HFA 2 puffs QID scheduled.\n"
        "Plan: asthma controlled. Albuterol back to as-needed only.\n"
    )
    assert medication(analyse(text), "albuterol").status is _S.CHANGED


@pytest.mark.parametrize(
    "said",
    [
        "Labetalol 20 mg IV was given x2 on 11/11 for severe-range BP - none needed since.",
        "Labetalol 20 mg IV given x 3 overnight for SBP > 160.",
    ],
)
def test_a_dose_given_a_number_of_times_was_given(said: str) -> None:
    text = (
        "POSTPARTUM PROGRESS NOTE\nPPD 1.\n"
        f"A/P: Preeclampsia: start nifedipine ER 30 mg PO daily today. {said}\n"
    )
    assert medication(analyse(text), "labetalol").status is _S.GIVEN
