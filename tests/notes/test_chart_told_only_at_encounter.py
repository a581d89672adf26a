"""A drug a note names only where it tells what the encounter gave (a hospital or ED course, a
procedure, a list of doses given) or put forward (recommendations, options) is not current from
that note, whatever its sentence seemed to say: the chart shows it as given or proposed, cited.
A drug begun in the course and on the discharge list, an ED's home drug, a consultant's
"continue", and a course's drug sent home stay current."""

from carechart.notes.chart_schemas import Chart
from tests.notes.stories import chart_medication as _medication
from tests.notes.stories import current_names as _current
from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

CLINIC = _note(
    "2025-01-15T09:00:00",
    "Primary Care Visit\nDate of Service: 01/15/2025\nMEDICATIONS:\n1. Atorvastatin 40 mg daily\n"
    "2. Lisinopril 20 mg daily\n3. Furosemide 40 mg daily\nASSESSMENT AND PLAN:\n"
    "1. Hypertension - continue lisinopril.\n",
)


def _status(chart: Chart, name: str) -> str:
    return _medication(chart, name).status.value


def test_a_later_visits_recap_of_the_stay_never_makes_its_drugs_current() -> None:
    recap = _note(
        "2025-03-10T09:00:00",
        "Cardiology Follow-up\nDate of Service: 03/10/2025\nHospital course: Admitted in "
        "February with NSTEMI; commenced on an eptifibatide infusion and a dose of IV "
        "metoprolol, then catheterized.\nMEDICATIONS:\n1. Atorvastatin 80 mg daily\n"
        "2. Lisinopril 20 mg daily\n3. Furosemide 40 mg daily\nASSESSMENT AND PLAN:\n"
        "1. CAD - continue atorvastatin.\n",
    )
    chart = _chart(CLINIC, recap)
    current = {name.lower() for name in _current(chart)}
    assert "eptifibatide" not in current
    assert _status(chart, "eptifibatide") == "given"
    assert _medication(chart, "eptifibatide").latest.text  # cited where the note tells it
    assert {"atorvastatin", "lisinopril", "furosemide"} <= current


def test_a_consults_recommendations_put_forward_but_its_continue_keeps() -> None:
    consult = _note(
        "2025-02-01T10:00:00",
        "NEPHROLOGY CONSULT\nREASON FOR CONSULTATION: Hyperkalemia.\nMEDICATIONS: Lisinopril "
        "20 mg daily, furosemide 40 mg daily, atorvastatin 40 mg daily.\nASSESSMENT: "
        "Hyperkalemia on an ACE inhibitor.\nRECOMMENDATIONS:\n1. Begin patiromer.\n"
        "2. Continue furosemide 40 mg daily.\n",
    )
    chart = _chart(CLINIC, consult)
    current = {name.lower() for name in _current(chart)}
    assert "patiromer" not in current
    assert _status(chart, "patiromer") == "proposed"
    assert {"furosemide", "lisinopril", "atorvastatin"} <= current


def test_options_put_forward_are_never_current_even_written_as_a_regimen() -> None:
    consult = _note(
        "2025-02-03T10:00:00",
        "Pulmonary Consult\nMedications: tiotropium 18 mcg daily, atorvastatin 40 mg daily.\n"
        "Recommendations:\n- Alternatives reviewed: roflumilast or azithromycin 250 mg three "
        "times weekly; she will decide at the next visit.\n- Continue tiotropium.\n",
    )
    current = {name.lower() for name in _current(_chart(CLINIC, consult))}
    assert not current & {"roflumilast", "azithromycin"}
    assert "tiotropium" in current


def test_a_drug_begun_in_the_course_and_on_the_discharge_list_stays_current() -> None:
    discharge = _note(
        "2025-04-06T15:00:00",
        "DISCHARGE SUMMARY\nAdmission Date: 04/02/2025\nDischarge Date: 04/06/2025\n"
        "HOSPITAL COURSE: Treated with IV ceftriaxone, then begun on rivaroxaban 15 mg BID for "
        "a new DVT, and received one dose of IV iron sucrose.\nDISCHARGE MEDICATIONS:\n"
        "1. Rivaroxaban 15 mg BID\n2. Atorvastatin 40 mg daily\n3. Lisinopril 20 mg daily\n"
        "4. Furosemide 40 mg daily\n",
    )
    chart = _chart(CLINIC, discharge)
    current = {name.lower() for name in _current(chart)}
    assert "rivaroxaban" in current
    assert not current & {"ceftriaxone", "iron sucrose"}


def test_a_course_drug_the_note_sends_home_stays_current() -> None:
    discharge = _note(
        "2025-04-06T15:00:00",
        "DISCHARGE SUMMARY\nAdmission Date: 04/02/2025\nDischarge Date: 04/06/2025\n"
        "HOSPITAL COURSE: Started on dabigatran 150 mg BID for new atrial fibrillation, which "
        "she will continue at home.\n",
    )
    assert "dabigatran" in {name.lower() for name in _current(_chart(CLINIC, discharge))}


def test_an_ed_notes_home_drugs_stay_current_and_its_course_drugs_do_not() -> None:
    emergency = _note(
        "2025-05-02T22:00:00",
        "Emergency Department Note\nHPI: 70 yo with dyspnea.\nHome medications: atorvastatin "
        "40 mg daily, lisinopril 20 mg daily, furosemide 40 mg daily.\nED course: Commenced a "
        "nitroglycerin infusion, pushed bumetanide 2 mg IV, and placed on BiPAP.\n"
        "Impression: Acute pulmonary edema.\nDisposition: Admit to CCU.\n",
    )
    current = {name.lower() for name in _current(_chart(CLINIC, emergency))}
    assert not current & {"nitroglycerin", "bumetanide"}
    assert {"atorvastatin", "lisinopril", "furosemide"} <= current


def test_a_procedures_sedation_told_in_a_visit_is_never_current() -> None:
    visit = _note(
        "2025-06-01T09:00:00",
        "Gastroenterology Clinic\nDate of Service: 06/01/2025\nPROCEDURE: Colonoscopy today "
        "under sedation; midazolam 2 mg and fentanyl 50 mcg were administered.\n"
        "MEDICATIONS: Atorvastatin 40 mg daily, lisinopril 20 mg daily, furosemide 40 mg "
        "daily.\nPLAN: Continue current medications.\n",
    )
    current = {name.lower() for name in _current(_chart(CLINIC, visit))}
    assert not current & {"midazolam", "fentanyl"}
    assert {"atorvastatin", "lisinopril"} <= current


def test_a_drug_the_patient_is_kept_on_in_the_course_stays_current() -> None:
    summary = _note(
        "2025-03-02T15:00:00",
        "DISCHARGE SUMMARY\nDate of Discharge: 03/02/2025\nHOSPITAL COURSE: Admitted with "
        "cellulitis, treated with IV cefazolin. BP well controlled on amlodipine throughout.\n"
        "DISPOSITION: Home.\n",
    )
    clinic = _note(
        "2025-01-10T09:00:00",
        "Office Visit\nDate of Service: 01/10/2025\nMEDICATIONS:\n1. Amlodipine 10 mg daily\n",
    )
    chart = _chart(clinic, summary)
    assert "amlodipine" in {name.lower() for name in _current(chart)}


def test_a_standing_regimen_begun_in_the_course_stays_current_without_a_discharge_list() -> None:
    summary = _note(
        "2025-04-05T15:00:00",
        "DISCHARGE SUMMARY\nDate of Discharge: 04/05/2025\nHOSPITAL COURSE: New atrial "
        "fibrillation. Metoprolol succinate 50 mg daily was started for rate control and "
        "apixaban 5 mg BID was started for stroke prevention. Received one dose of IV "
        "diltiazem in the ED.\n",
    )
    chart = _chart(summary)
    current = {name.lower() for name in _current(chart)}
    assert {"metoprolol", "apixaban"} <= current
    assert "diltiazem" not in current


def test_an_anticoagulation_clinics_findings_tell_of_a_drug_taken() -> None:
    visit = _note(
        "2025-05-01T09:00:00",
        "Anticoagulation Clinic\nDate of Service: 05/01/2025\nFINDINGS: INR 2.6 on warfarin "
        "5 mg daily.\nPLAN: Recheck INR in 4 weeks.\n",
    )
    chart = _chart(visit)
    assert "warfarin" in {name.lower() for name in _current(chart)}
