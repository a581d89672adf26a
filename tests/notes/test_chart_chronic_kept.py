"""Chronic conditions the chart must keep active (review2 of the chartprob merge): a disease a
symptom qualifies or names ("COPD with wheezing", "Migraine headache") is not a visit's symptom,
and a procedure note of the stay answers its indication, leaving the admission's acute problems
standing. Each with a negative: a bare symptom still ends with its visit, the team's progress
note still ends the acute problems it leaves out."""

import pytest

from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

_LATER = (
    "PROGRESS NOTE - Family Medicine\nASSESSMENT AND PLAN:\n"
    "1. Hypertension - BP 128/78, continue lisinopril.\n"
)


@pytest.mark.parametrize(
    "condition",
    [
        "Migraine headache - continue topiramate 50 mg BID.",
        "Obstructive sleep apnea with daytime sleepiness - CPAP nightly.",
        "COPD with wheezing - continue tiotropium.",
        "Osteoarthritis of right knee with pain - acetaminophen, PT.",
        "Paroxysmal atrial fibrillation with palpitations - continue metoprolol.",
        "Endometriosis with pelvic pain - continue norethindrone.",
    ],
)
def test_a_chronic_disease_with_its_symptom_stays_active(condition: str) -> None:
    chart = _chart(
        _note(
            "2025-01-10",
            "PROGRESS NOTE - Family Medicine\nASSESSMENT AND PLAN:\n"
            f"1. {condition}\n2. Hypertension - continue lisinopril 10 mg daily.\n",
        ),
        _note("2025-04-10", _LATER),
    )
    assert len(chart.problems) == 2, [p.text for p in chart.problems]
    assert not chart.past_history


@pytest.mark.parametrize("symptom", ["Hand pain - ice, NSAID.", "Cough - supportive care."])
def test_a_bare_symptom_still_ends_with_its_visit(symptom: str) -> None:
    chart = _chart(
        _note("2025-01-10", f"OFFICE VISIT\nASSESSMENT:\n1. {symptom}\n2. Hypertension.\n"),
        _note("2025-04-10", _LATER),
    )
    assert [p.text for p in chart.problems] == ["Hypertension"]


_ADMISSION = (
    "ADMISSION H&P\nCHIEF COMPLAINT: Shortness of breath.\nASSESSMENT AND PLAN:\n"
    "1. Community-acquired pneumonia - ceftriaxone and azithromycin.\n"
    "2. Acute kidney injury - IV fluids, hold lisinopril.\n3. Hyponatremia - fluid restriction.\n"
    "4. Hypertension - hold lisinopril.\n"
)


@pytest.mark.parametrize(
    "procedure",
    [
        "PROCEDURE NOTE\nProcedure: Ultrasound-guided thoracentesis, right\n"
        "Indication: Pleural effusion\nPre-procedure diagnosis: Right pleural effusion\n"
        "Post-procedure diagnosis: Same\nFindings: 900 mL cloudy fluid removed.\n",
        "PROCEDURE NOTE - ENDOSCOPY\nProcedure: EGD\nIndication: Dysphagia\n"
        "Findings: Distal esophageal stricture, dilated.\nImpression: Esophageal stricture.\n",
    ],
)
def test_a_procedure_note_of_the_stay_ends_no_acute_problem(procedure: str) -> None:
    chart = _chart(_note("2025-03-01T20:00", _ADMISSION), _note("2025-03-02T10:00", procedure))
    active = " ".join(p.text.lower() for p in chart.problems)
    for problem in ("pneumonia", "kidney injury", "hyponatremia"):
        assert problem in active, active


def test_the_teams_progress_note_still_ends_what_it_leaves_out() -> None:
    progress = (
        "PROGRESS NOTE - Hospital Medicine, Day 2\nA/P:\n1. CAP - continue ceftriaxone.\n"
        "2. Hypertension - continue to hold lisinopril.\n"
    )
    chart = _chart(_note("2025-03-01T20:00", _ADMISSION), _note("2025-03-02T10:00", progress))
    active = " ".join(p.text.lower() for p in chart.problems)
    assert "kidney injury" not in active, active
    assert "hyponatremia" not in active, active


# Under a body system's label (problems5) "h/o CAD, continue aspirin" is a history treated
# now, as a numbered "History of hypothyroidism, continue levothyroxine" is: the later
# assessment keeps it active (review2 found it ended).
def test_a_treated_history_under_a_system_label_stays_active() -> None:
    chart = _chart(
        _note(
            "2025-01-10",
            "PROGRESS NOTE - Family Medicine\nASSESSMENT AND PLAN:\n"
            "1. Hypothyroidism - continue levothyroxine 75 mcg.\n"
            "2. Coronary artery disease - aspirin, atorvastatin.\n",
        ),
        _note(
            "2025-04-10",
            "PROGRESS NOTE\nASSESSMENT AND PLAN:\nPulm: Acute bronchitis - supportive care.\n"
            "CV: h/o CAD, continue aspirin.\n"
            "Endo: History of hypothyroidism, continue levothyroxine.\n",
        ),
    )
    assert not chart.past_history, [p.text for p in chart.past_history]


def test_a_history_under_a_system_label_with_nothing_ongoing_is_past() -> None:
    chart = _chart(
        _note(
            "2025-01-10",
            "PROGRESS NOTE - Family Medicine\nASSESSMENT AND PLAN:\n"
            "1. Provoked DVT - apixaban 5 mg BID, 3 months.\n",
        ),
        _note(
            "2025-06-10",
            "PROGRESS NOTE\nASSESSMENT AND PLAN:\nPulm: Acute bronchitis - supportive care.\n"
            "Heme: History of provoked DVT, completed 3 months of apixaban.\n",
        ),
    )
    assert any("DVT" in p.text for p in chart.past_history), [p.text for p in chart.problems]
