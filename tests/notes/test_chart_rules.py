"""How the chart combines notes, one rule each, on short notes (no database)."""

from datetime import UTC, datetime

from carechart.notes.chart_schemas import Chart, ChartMedication
from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note


def _medication(chart: Chart, name: str) -> ChartMedication:
    found = [m for m in chart.current_medications + chart.stopped_medications if m.name == name]
    assert len(found) == 1, [m.name for m in chart.current_medications + chart.stopped_medications]
    return found[0]


ADMISSION = _note(
    "2025-03-03T20:00:00",
    "ADMISSION HISTORY AND PHYSICAL\nHOME MEDICATIONS:\n1. Metformin 500 mg PO BID\n"
    "ASSESSMENT AND PLAN:\n1. Pneumonia - start ceftriaxone 1 g IV daily.\n"
    "DVT prophylaxis: enoxaparin 40 mg SC daily.",
)
DISCHARGE = _note(
    "2025-03-06T12:00:00",
    "DISCHARGE SUMMARY\nHOSPITAL COURSE:\nTreated with ceftriaxone.\n"
    "DISCHARGE MEDICATIONS:\nNEW:\n- Cefpodoxime 200 mg PO BID\n"
    "CONTINUE:\n- Metformin 500 mg PO BID",
)


def test_drugs_the_discharge_list_leaves_out_end_with_the_stay_and_the_list_is_cited() -> None:
    chart = _chart(DISCHARGE, ADMISSION)  # in any order

    assert [m.name for m in chart.current_medications] == ["cefpodoxime", "metformin"]
    for name in ("ceftriaxone", "enoxaparin"):
        ended = _medication(chart, name)
        assert ended.status == "stopped"
        assert ended.ended_at_discharge is not None
        assert ended.ended_at_discharge.note_id == DISCHARGE.id
        assert ended.ended_at_discharge.text == "DISCHARGE MEDICATIONS"


def test_a_drug_named_at_a_visit_after_the_discharge_is_current_again() -> None:
    clinic = _note(
        "2025-04-01T09:00:00",
        "Encounter Date: 2025-04-01\nA: Recurrent DVT\nP: Start enoxaparin 80 mg SC BID.",
    )

    chart = _chart(ADMISSION, DISCHARGE, clinic)

    enoxaparin = _medication(chart, "enoxaparin")
    assert (enoxaparin.status, enoxaparin.dose, enoxaparin.ended_at_discharge) == (
        "started",
        "80 mg",
        None,
    )


def test_without_a_discharge_list_no_list_ends_the_stays_orders_but_they_stay_behind() -> None:
    summary = _note("2025-03-06T12:00:00", "DISCHARGE SUMMARY\nDischarged home, stable.")

    chart = _chart(ADMISSION, summary)

    # No list to cite, so nothing `ended_at_discharge`; but orders only the stay had going were
    # drugs of the stay, and the stay is over: IV ceftriaxone by the chart's reading, the
    # prophylactic enoxaparin dose already `given` in the admission note itself.
    assert {m.name for m in chart.current_medications} == {"metformin"}
    assert {m.name for m in chart.given_medications} == {"ceftriaxone", "enoxaparin"}
    for given in chart.given_medications:
        assert given.ended_at_discharge is None
    ceftriaxone = next(m for m in chart.given_medications if m.name == "ceftriaxone")
    assert ceftriaxone.given_during is not None
    assert ceftriaxone.given_during.note_id == ADMISSION.id


def test_a_drug_written_with_or_without_its_salt_is_one_medication() -> None:
    first = _note("2024-01-10T00:00:00", "P: Start metoprolol succinate 25 mg PO daily.")
    second = _note("2024-02-10T00:00:00", "A: Atrial fibrillation, rate controlled on metoprolol")

    [metoprolol] = _chart(first, second).current_medications

    assert (metoprolol.name, metoprolol.dose, len(metoprolol.sources)) == ("metoprolol", "25 mg", 2)


def test_a_later_mention_without_dosing_keeps_the_dose_and_prn_of_the_last_one_given() -> None:
    first = _note("2024-01-10T00:00:00", "P: Continue albuterol 2 puffs q4h PRN wheeze.")
    second = _note("2024-06-10T00:00:00", "S: Rarely needs albuterol.")

    [albuterol] = _chart(first, second).current_medications

    assert (albuterol.dose, albuterol.frequency, albuterol.prn) == ("2 puffs", "q4h", True)


def test_immunizations_keep_the_date_of_the_last_dose_given_and_the_latest_statement() -> None:
    given = _note("2023-10-01T00:00:00", "Plan: Influenza vaccine administered today, Lot #AB123.")
    declined = _note("2024-10-01T00:00:00", "Plan: Influenza vaccine declined.")

    [flu] = _chart(given, declined).immunizations

    assert (flu.status, flu.last_given_at, flu.lot) == (
        "declined",
        datetime(2023, 10, 1, tzinfo=UTC),
        "AB123",
    )
    assert [s.note_id for s in flu.sources] == [given.id, declined.id]


def test_an_export_discharge_list_ends_the_stay_drugs_it_leaves_out() -> None:
    admission = _note(
        "2025-05-01T09:00:00",
        "HISTORY AND PHYSICAL\nHOME MEDICATIONS:\n1. Lisinopril 10 mg PO daily\n"
        "PLAN:\n1. Start ceftriaxone 1 g IV daily.\n2. Insulin lispro sliding scale AC/HS.",
    )
    export = _note(
        "2025-05-04T11:00:00",
        "ADMISSION DATE:,  05/01/2025,DISCHARGE DATE:,  05/04/2025,HOSPITAL COURSE:,  She was "
        "treated with ceftriaxone and covered with insulin lispro sliding scale.,DISCHARGE "
        "MEDICATIONS:,1.  Cefdinir 300 mg p.o. b.i.d. for 3 more days, new.,2.  Lisinopril "
        "10 mg daily, continue.,DISPOSITION:,  Home.",
    )
    chart = _chart(admission, export)

    assert [m.name for m in chart.current_medications] == ["cefdinir", "lisinopril"]
    for name in ("ceftriaxone", "insulin lispro"):
        ended = _medication(chart, name)
        assert ended.status == "stopped"
        assert ended.stop_reason == "ended_at_discharge"
        assert ended.ended_at_discharge is not None
        assert ended.ended_at_discharge.note_id == export.id


def test_past_history_is_shown_apart_and_a_later_note_resolves_or_takes_up_a_problem() -> None:
    first = _note(
        "2025-05-01T09:00:00",
        "Past Medical History:\n- Hypertension\n- Gout\n\n"
        "Assessment:\n1. Community-acquired pneumonia\n2. AKI, likely prerenal",
    )
    later = _note(
        "2025-05-20T09:00:00",
        "PMH: community acquired pneumonia (treated 05/2025), gout, hypertension.\n"
        "Assessment:\n1. AKI, resolved\n2. HTN, above goal - increase amlodipine",
    )
    chart = _chart(first, later)
    # The same concept written "HTN" and "Hypertension" is one problem, active once assessed;
    # a past-history mention does not undo the first note's assessment of pneumonia.
    assert {p.text for p in chart.problems} == {"HTN", "Community-acquired pneumonia"}
    assert [(p.text, p.status.value) for p in chart.resolved_problems] == [("AKI", "resolved")]
    assert [p.text.lower() for p in chart.past_history] == ["gout"]
    assert len(next(p for p in chart.problems if p.text == "HTN").sources) == 2


def test_a_combination_whose_parts_the_discharge_list_names_apart_goes_on() -> None:
    admission = _note(
        "2025-06-01T09:00:00",
        "HISTORY AND PHYSICAL\nHOME MEDICATIONS:\n1. Calcium carbonate-vitamin D3 600 mg-400 "
        "unit tablet PO BID\nHOSPITAL COURSE:\nAdmitted for observation.",
    )
    discharge = _note(
        "2025-06-03T12:00:00",
        "DISCHARGE SUMMARY\nHOSPITAL COURSE:\nUneventful.\nDISCHARGE MEDICATIONS:\nCONTINUE:\n"
        "- calcium carbonate 600 mg PO BID\n- cholecalciferol 1,000 units PO daily",
    )
    chart = _chart(admission, discharge)

    assert chart.stopped_medications == []


HEDGED = _note(
    "2025-07-01T09:00:00",
    "ED PROVIDER NOTE\nASSESSMENT AND PLAN:\n1. Pleuritic chest pain, rule out pulmonary embolism"
    " - CT angiogram of the chest.\n2. Left calf swelling: cellulitis versus superficial "
    "thrombophlebitis.\n3. Suspected community-acquired pneumonia - chest x-ray.\n"
    "4. Type 2 diabetes mellitus - continue metformin.",
)


def test_hedged_diagnoses_are_listed_apart_from_the_active_problems() -> None:
    chart = _chart(HEDGED)

    active = {p.text.lower() for p in chart.problems}
    hedged = {p.text.lower(): p.verification for p in chart.uncertain_problems}
    assert "type 2 diabetes mellitus" in active
    assert not any("embolism" in t or "cellulitis" in t or "pneumonia" in t for t in active)
    assert any("embolism" in t and v == "provisional" for t, v in hedged.items())
    assert any("pneumonia" in t and v == "provisional" for t, v in hedged.items())
    # Weighed against another diagnosis: a differential, not merely provisional.
    assert any("cellulitis" in t and v == "differential" for t, v in hedged.items())
    assert all(p.uncertain for p in chart.uncertain_problems)


def test_a_later_note_confirms_a_hedged_diagnosis_and_resolves_another() -> None:
    later = _note(
        "2025-07-09T09:00:00",
        "HOSPITAL FOLLOW-UP\nASSESSMENT:\n1. Acute pulmonary embolism - continue apixaban.\n"
        "2. Community-acquired pneumonia, resolved after antibiotics.\n"
        "3. Type 2 diabetes mellitus, A1c at goal.",
    )
    chart = _chart(later, HEDGED)  # in any order

    active = [p.text.lower() for p in chart.problems]
    assert any("pulmonary embolism" in t for t in active)
    confirmed = next(p for p in chart.problems if "embolism" in p.text.lower())
    assert confirmed.verification == "confirmed"
    assert len(confirmed.sources) == 2  # "rule out PE" and "PE" are one concept
    resolved = [p.text.lower() for p in chart.resolved_problems]
    assert any("pneumonia" in t for t in resolved)
    assert not any("pneumonia" in p.text.lower() for p in chart.uncertain_problems)
    assert [p.text.lower() for p in chart.uncertain_problems if "cellulitis" in p.text.lower()]


def test_one_condition_written_differently_across_notes_is_one_chart_problem() -> None:
    first = _note(
        "2025-08-01T09:00:00",
        "ASSESSMENT AND PLAN:\n1. Knee OA - acetaminophen.\n2. PE/DVT - on apixaban.\n"
        "3. Pulmonary hypertension - echo.",
    )
    later = _note(
        "2025-09-01T09:00:00",
        "ASSESSMENT:\n1. Osteoarthritis of both knees - injection offered.\n"
        "2. Pulmonary embolism - continue apixaban.\n3. Essential hypertension - amlodipine.",
    )
    chart = _chart(first, later)

    texts = [p.text.lower() for p in chart.problems]
    assert sum("knee" in t for t in texts) == 1
    assert sum("embolism" in t or "pe/dvt" in t for t in texts) == 1
    # Pulmonary hypertension and essential hypertension are two conditions.
    assert sum("hypertension" in t for t in texts) == 2
    knees = next(p for p in chart.problems if "knee" in p.text.lower())
    assert {c.note_id for c in knees.sources} == {first.id, later.id}


def test_given_proposed_and_past_drugs_are_listed_apart_never_current() -> None:
    visit = _note(
        "2025-07-01T09:00:00",
        "Office Visit\nCurrent Medications:\n- Amlodipine 5 mg daily\n"
        "Assessment and Plan:\n1. Hypertension: continue amlodipine.\n"
        "2. Knee pain: triamcinolone 40 mg injected into the right knee today. "
        "Could try duloxetine if the pain persists.\n"
        "3. Depression: previously on sertraline, stopped in 2019.",
    )
    chart = _chart(visit)

    assert [m.name for m in chart.current_medications] == ["amlodipine"]
    assert [m.name for m in chart.given_medications] == ["triamcinolone"]
    assert [m.name for m in chart.proposed_medications] == ["duloxetine"]
    assert [m.name for m in chart.historical_medications] == ["sertraline"]


def test_each_medication_cites_its_latest_mention() -> None:
    first = _note("2025-01-10T00:00:00", "P: Start losartan 25 mg PO daily.")
    second = _note("2025-03-10T00:00:00", "P: Increase losartan to 50 mg PO daily.")

    [losartan] = _chart(second, first).current_medications

    assert (losartan.status, losartan.dose) == ("changed", "50 mg")
    assert losartan.latest.note_id == second.id
    assert [s.note_id for s in losartan.sources] == [first.id, second.id]
