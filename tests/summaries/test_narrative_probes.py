"""Probe notes of narratives the verifier refused although every claim was true, labelled by
hand before the code ran: a lab that shares a drug's name ("Magnesium 1.7 (low)") and a
transfer form whose unticked "[ ] NKDA" box was read as an allergen. A false claim beside them
is still refused."""

import uuid
from datetime import UTC, date, datetime

import pytest

from carechart.notes.chart import ChartNote, build_chart
from carechart.notes.nlp import analyse
from carechart.summaries.picture import build_picture
from carechart.summaries.providers.base import Audience, Length, SummaryRequest
from carechart.summaries.providers.local import compose_narrative
from carechart.summaries.verify import Evidence, Identity, SourceText, check_narrative

ED_NOTE = (
    "EMERGENCY DEPARTMENT NOTE\nDate of service: 07/08/2026\n\n"
    "Labs today: Na 138 | K 3.3 (L) | Cr 0.96 | Glu 246 (H) | Mg 1.7 (L)\n\n"
    "ASSESSMENT: Hypomagnesemia. Hyperglycemia.\n"
    "PLAN: Replete lytes IV. Recheck BMP/Mg in AM.\n"
)
TRANSFER_FORM = (
    "INTERFACILITY TRANSFER FORM\nDate: 02/14/2026\n\n"
    "ALLERGIES / ADVERSE REACTIONS:\n"
    " [ ] NKDA   [X] See list:  PENICILLIN - hives    /    MORPHINE - confusion\n\n"
    "DIAGNOSES: Hip fracture, repaired.\n"
)
DISCHARGE = (
    "DISCHARGE SUMMARY\nDischarge date: 02/18/2026\n\n"
    "ALLERGIES: Penicillin (hives). Morphine (delirium).\n\n"
    "DISCHARGE DIAGNOSES: Right hip fracture s/p hemiarthroplasty.\n"
)


def _evidence(*notes: tuple[str, date]) -> Evidence:
    charted, sources = [], []
    for text, day in notes:
        taken = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
        note = ChartNote(uuid.uuid4(), taken, "follow_up", None, None, True, analyse(text))
        charted.append(note)
        sources.append(SourceText(note.id, taken, (text,)))
    today = notes[-1][1]
    chart = build_chart(uuid.uuid4(), charted, today)
    picture = build_picture(chart, {s.id: s.texts[0] for s in sources}, today)
    return Evidence(sources, chart, picture, Identity(("Ann", "Lee"), "1", date(1950, 1, 1)))


@pytest.mark.parametrize(
    "narrative",
    [
        "Key results: Glucose 246 (high) on 2026-07-08; Magnesium 1.7 (low) on 2026-07-08.",
        "Your magnesium was low: 1.7.",
    ],
)
def test_a_lab_named_like_a_drug_is_a_result_not_a_drug_claim(narrative: str) -> None:
    evidence = _evidence((ED_NOTE, date(2026, 7, 8)))
    assert check_narrative(narrative, evidence, [], 70) == []


@pytest.mark.parametrize(
    "narrative",
    [
        "Current medications: magnesium oxide 400 mg daily.",
        "She takes magnesium oxide every day.",
        "Magnesium 2.4 on 2026-07-08.",
    ],
)
def test_a_drug_or_a_value_no_note_gives_is_still_refused(narrative: str) -> None:
    evidence = _evidence((ED_NOTE, date(2026, 7, 8)))
    assert check_narrative(narrative, evidence, [], 70) != []


def test_an_unticked_no_known_allergies_box_is_no_allergen() -> None:
    evidence = _evidence((TRANSFER_FORM, date(2026, 2, 14)), (DISCHARGE, date(2026, 2, 18)))
    substances = [a.substance.lower() for a in evidence.picture.allergies]
    assert not any("nkda" in s for s in substances)
    assert {"penicillin", "morphine"} <= {s.split()[0] for s in substances}
    for audience in Audience:
        request = SummaryRequest(
            audience=audience,
            length=Length.STANDARD,
            focus=None,
            notes=[],
            age=80,
            sex=None,
            picture=evidence.picture,
        )
        narrative = compose_narrative(request, evidence.picture)
        assert check_narrative(narrative, evidence, [], 80) == []


def test_a_narrative_saying_no_known_allergies_is_still_refused() -> None:
    evidence = _evidence((TRANSFER_FORM, date(2026, 2, 14)), (DISCHARGE, date(2026, 2, 18)))
    reasons = check_narrative("Allergies: NKDA.", evidence, [], 80)
    assert "says there are no known allergies although allergies are documented" in reasons


def test_a_form_read_alone_keeps_the_allergies_written_beside_its_box() -> None:
    evidence = _evidence((TRANSFER_FORM, date(2026, 2, 14)))
    assert evidence.picture.allergy_state == "documented"


@pytest.mark.parametrize(
    "narrative",
    [
        "Magnesium 400 mg nightly was added.",
        "Potassium chloride 20 mEq twice a day.",
        "Discharged on magnesium 400 mg at bedtime.",
    ],
)
def test_a_lab_named_drug_with_a_dose_is_still_a_drug_claim(narrative: str) -> None:
    """Reviewer's probes: a dose is no lab value; the chart's Mg and K back no drug."""
    evidence = _evidence((ED_NOTE, date(2026, 7, 8)))
    assert check_narrative(narrative, evidence, [], 70) != []
