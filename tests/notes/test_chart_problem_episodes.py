"""The chart's active problems over several encounters: episodes end, conditions go on."""

from carechart.notes.chart_schemas import Chart
from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note


def _active(chart: Chart) -> list[str]:
    return [p.text.lower() for p in chart.problems]


def _past(chart: Chart) -> list[str]:
    return [p.text.lower() for p in chart.past_history]


URGENT_CARE = _note(
    "2025-10-02T18:00:00",
    "URGENT CARE NOTE\nCHIEF COMPLAINT: Right ankle injury.\nASSESSMENT AND PLAN:\n"
    "1. Right ankle sprain - RICE, crutches.\n2. Hypokalemia, K 3.1 - oral potassium given.\n"
    "3. Gout - no flare, continue allopurinol.",
)
CLINIC = _note(
    "2025-11-12T09:00:00",
    "OFFICE VISIT\nDate of Service: 11/12/2025\nASSESSMENT AND PLAN:\n"
    "1. Essential hypertension - at goal on amlodipine.\n2. Prediabetes - A1c 6.1%, diet.",
)


def test_a_later_visit_that_takes_stock_without_an_acute_problem_ends_it() -> None:
    chart = _chart(URGENT_CARE, CLINIC)

    assert not any("sprain" in t or "hypokalemia" in t for t in _active(chart))
    assert any("sprain" in t for t in _past(chart))
    assert any("hypokalemia" in t for t in _past(chart))
    # A chronic condition the later visit does not name goes on.
    assert "gout" in _active(chart)
    assert any("hypertension" in t for t in _active(chart))


def test_an_acute_problem_stays_until_a_later_visit_takes_stock_of_the_problems() -> None:
    call = _note(
        "2025-10-06T10:00:00",
        "TELEPHONE ENCOUNTER\nPatient called: ankle still swollen, asks about work note.\n"
        "Assessment: Right ankle sprain, improving. Work note faxed.",
    )
    alone = _chart(URGENT_CARE)
    with_call = _chart(URGENT_CARE, call)

    assert any("hypokalemia" in t for t in _active(alone))
    assert any("hypokalemia" in t for t in _active(with_call))
    assert any("sprain" in t for t in _active(with_call))


ADMISSION = _note(
    "2025-12-01T20:00:00",
    "ADMISSION HISTORY AND PHYSICAL\nASSESSMENT AND PLAN:\n1. Right lower lobe pneumonia - "
    "ceftriaxone and azithromycin.\n2. Hypomagnesemia - IV magnesium.\n3. COPD - continue "
    "tiotropium.\n4. Hypothyroidism - continue levothyroxine.",
)
DISCHARGE = _note(
    "2025-12-04T12:00:00",
    "DISCHARGE SUMMARY\nDate of Discharge: 12/04/2025\nDISCHARGE DIAGNOSES:\n"
    "1. Community-acquired pneumonia, right lower lobe\n2. COPD\n"
    "HOSPITAL COURSE:\nImproved on antibiotics.\nDISCHARGE MEDICATIONS:\n"
    "- Cefpodoxime 200 mg PO BID x 5 days",
)


def test_the_discharge_summary_ends_the_acute_problems_of_the_stay_it_leaves_out() -> None:
    chart = _chart(ADMISSION, DISCHARGE)

    active = _active(chart)
    assert not any("hypomagnesemia" in t for t in active)
    assert any("hypomagnesemia" in t for t in _past(chart))
    assert any("pneumonia" in t for t in active)
    assert "copd" in active
    # A chronic condition of the admission is not ended by the summary's shorter list.
    assert "hypothyroidism" in active


def test_an_exacerbation_and_the_condition_named_at_the_next_visit_are_one_problem() -> None:
    stay = _note(
        "2026-01-10T12:00:00",
        "DISCHARGE SUMMARY\nDISCHARGE DIAGNOSES:\n1. Acute on chronic systolic heart failure "
        "exacerbation\n2. Chronic obstructive pulmonary disease exacerbation\n"
        "HOSPITAL COURSE:\nDiuresed with IV furosemide.",
    )
    visit = _note(
        "2026-01-24T09:00:00",
        "HEART FAILURE CLINIC\nDate of Service: 01/24/2026\nASSESSMENT AND PLAN:\n"
        "1. HFrEF, euvolemic - continue sacubitril/valsartan.\n2. COPD - stable.",
    )
    chart = _chart(stay, visit)

    active = _active(chart)
    assert sum("hfref" in t or "heart failure" in t for t in active) == 1
    assert sum("copd" in t or "obstructive" in t for t in active) == 1


def test_one_note_listing_an_exacerbation_and_its_condition_keeps_both() -> None:
    visit = _note(
        "2026-02-02T09:00:00",
        "PEDIATRIC FOLLOW-UP\nASSESSMENT:\n1. Asthma exacerbation, resolving - finish "
        "prednisolone.\n2. Mild persistent asthma - start fluticasone.",
    )
    chart = _chart(visit)

    assert sum("asthma" in t for t in _active(chart)) == 2


OPERATION = _note(
    "2026-03-02T10:00:00",
    "OPERATIVE REPORT\nDate of Surgery: 03/02/2026\nPREOPERATIVE DIAGNOSIS: Right inguinal hernia."
    "\nPOSTOPERATIVE DIAGNOSIS: Right indirect inguinal hernia.\nPROCEDURE: Open right inguinal "
    "hernia repair with mesh.\nANESTHESIA: General.\nFINDINGS: Indirect sac, repaired.",
)


def test_the_condition_operated_on_ends_when_the_visit_after_does_not_take_it_up() -> None:
    visit = _note(
        "2026-03-16T09:00:00",
        "POSTOPERATIVE VISIT\nTwo weeks after open right inguinal hernia repair. Incision "
        "healing well.\nASSESSMENT AND PLAN:\n1. Constipation from opioids - senna.\n"
        "2. Hypertension - continue lisinopril.",
    )
    chart = _chart(OPERATION, visit)

    assert not any("hernia" in t for t in _active(chart))
    assert any("hypertension" in t for t in _active(chart))


def test_the_condition_operated_on_stays_when_the_visit_after_names_it() -> None:
    visit = _note(
        "2026-03-16T09:00:00",
        "POSTOPERATIVE VISIT\nTwo weeks after hernia repair.\nASSESSMENT AND PLAN:\n"
        "1. Right inguinal hernia, repaired - small seroma, observe.\n",
    )
    chart = _chart(OPERATION, visit)

    assert any("hernia" in t for t in _active(chart))


LABOUR = _note(
    "2026-04-20T06:00:00",
    "LABOR AND DELIVERY ADMISSION NOTE\nASSESSMENT AND PLAN:\n1. Intrauterine pregnancy at "
    "40 weeks 1 day in active labor - expectant management.\n2. GBS positive - penicillin G.\n"
    "3. Anemia of pregnancy - oral iron.",
)


def test_the_pregnancy_and_its_labour_end_once_a_note_tells_of_the_delivery() -> None:
    after = _note(
        "2026-04-22T11:00:00",
        "POSTPARTUM DISCHARGE SUMMARY\nDISCHARGE DIAGNOSES:\n1. Status post spontaneous vaginal "
        "delivery\n2. Postpartum hemorrhage, resolved\n3. Anemia of pregnancy\n"
        "HOSPITAL COURSE:\nUncomplicated.",
    )
    chart = _chart(LABOUR, after)

    active = _active(chart)
    assert not any("intrauterine" in t or "gbs" in t for t in active)
    assert any("anemia" in t for t in active)


def test_the_pregnancy_stays_active_while_no_note_tells_of_a_delivery() -> None:
    chart = _chart(LABOUR)

    assert any("intrauterine" in t for t in _active(chart))
    assert any("gbs" in t for t in _active(chart))


def test_a_diagnosis_the_discharge_summary_renames_is_listed_once() -> None:
    admission = _note(
        "2026-05-03T21:00:00",
        "HISTORY AND PHYSICAL\nASSESSMENT AND PLAN:\n1. Alcoholic liver cirrhosis - lactulose."
        "\n2. Tense ascites - diagnostic and therapeutic paracentesis.\n3. Hypothyroidism - "
        "levothyroxine.",
    )
    discharge = _note(
        "2026-05-07T12:00:00",
        "DISCHARGE SUMMARY\nDISCHARGE DIAGNOSES:\n1. Alcohol-associated cirrhosis, Child-Pugh B"
        "\n2. Spontaneous bacterial peritonitis\nHOSPITAL COURSE:\nTreated with ceftriaxone.",
    )
    chart = _chart(admission, discharge)

    active = _active(chart)
    assert sum("cirrhosis" in t for t in active) == 1
    # Conditions the summary does not name in other words go on.
    assert any("ascites" in t for t in active)
    assert "hypothyroidism" in active
