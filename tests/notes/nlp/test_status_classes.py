"""Medication status by class of phrasing (issue 11): each rule is held by variants written in
other words, capitalisation and layouts than the note that showed the class."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import status_of

S = MedicationStatus


# --- A resumption denied or set for later leaves the drug held ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Discharge Medications:\n  lisinopril 20 mg tablet - do NOT restart until Dr. Ames checks"
        " your kidney function.\n  metformin 500 mg tablet - continue\n",
        "DISCHARGE MEDICATIONS:\n- Lisinopril 10 mg daily: do not resume until your blood pressure"
        " check next week\n- Atorvastatin 40 mg daily: continue\n",
        "Plan:\n1. AKI. Do not restart lisinopril until the creatinine is back to baseline.\n",
        "Your medicines:\n  Lisinopril 20 mg - don't restart it before your clinic visit.\n",
    ],
)
def test_a_resumption_denied_until_later_is_held(text: str) -> None:
    assert status_of(text, "lisinopril") is S.HELD


def test_a_lab_named_in_the_condition_of_a_hold_is_not_a_drug() -> None:
    text = (
        "Discharge Medications:\n  lisinopril 20 mg tablet - do NOT restart until Dr. Ames checks"
        " your kidney function and potassium.\n"
    )
    names = {m.ingredient for m in analyse(text).medications}
    assert "potassium chloride" not in names
    assert "potassium" not in names


@pytest.mark.parametrize(
    "line",
    [
        "- Resume apixaban 04/23/2024 AM if no significant hematuria.",
        "- resume Eliquis on 5/2 if there is no bleeding",
        "- Apixaban: resume 48 h after the biopsy if no bleeding.",
        "- RESUME APIXABAN 03/01/2025 (48 H POST-SPHINCTEROTOMY) IF NO BLEEDING.",
    ],
)
def test_a_resumption_set_for_a_later_day_or_condition_is_held(line: str) -> None:
    text = f"Procedure Note\nDate of Service: 04/20/2024\n\nPlan:\n{line}\n- Continue aspirin.\n"
    assert status_of(text, "apixaban") is S.HELD


@pytest.mark.parametrize(
    "line",
    [
        "  omega-3 fish oil 1,000 mg - you may restart it today",
        "  Omega-3 fish oil 1000 mg: may restart now",
        "  fish oil (omega-3) - OK to restart tonight",
    ],
)
def test_a_resumption_allowed_from_today_is_resumed(line: str) -> None:
    text = f"Discharge Instructions\n\nYour medicines:\n{line}\n"
    assert status_of(text, "omega-3") is S.RESUMED


# --- A list's own marker written after the sig -------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "  - senna 8.6 mg 2 tabs PO at bedtime - START (opioid constipation; hold if vomiting)",
        "  - Senna 8.6 mg two tablets nightly \u2013 start",
        "  * SENNA 8.6 MG 2 TABS QHS: START",
        "  - senna 8.6 mg 2 tabs at bedtime - Begin tonight",
    ],
)
def test_a_start_marker_after_the_sig_starts_the_drug(line: str) -> None:
    text = (
        "Hospice Admission\n\nMedication reconciliation:\n"
        "  - mirtazapine 15 mg PO at bedtime - continue\n"
        f"{line}\n"
    )
    assert status_of(text, "senna") is S.STARTED
    assert status_of(text, "mirtazapine") is S.CONTINUED


# --- Offered and declined, preferred otherwise: an option not taken ----------------------------


@pytest.mark.parametrize(
    "line",
    [
        "- Eflornithine 13.9% cream offered for facial hair - she prefers laser first.",
        "- Eflornithine cream was offered; patient declined for now.",
        "- eflornithine 13.9% cream discussed and offered, pt prefers to wait.",
        "- ELIGIBLE FOR EFLORNITHINE CREAM - DECLINED TODAY.",
    ],
)
def test_a_drug_offered_or_declined_is_proposed(line: str) -> None:
    text = f"Gynecology Visit\n\nAssessment and Plan:\n1. Hirsutism.\n{line}\n"
    assert status_of(text, "eflornithine") is S.PROPOSED


# --- A change carried out by a new prescription stays a change ---------------------------------


@pytest.mark.parametrize(
    "plan",
    [
        "- Increase metFORMIN XR to 1,000 mg daily with dinner. Rx: metFORMIN XR 500 mg tablet,"
        " take 2 tablets daily, #60, 2 refills.",
        "- DECREASE metformin to 500 mg once daily. New Rx metformin 500 mg sent.",
        "- Metformin: increase to 1000 mg BID.\n- Prescription sent for metformin 1000 mg"
        " tablets, disp #60.",
    ],
)
def test_a_new_prescription_for_a_changed_dose_is_a_change(plan: str) -> None:
    text = f"Office Visit\n\nMedications:\n- metformin 500 mg daily\n\nPlan:\n{plan}\n"
    assert status_of(text, "metformin") is S.CHANGED


def test_a_prescription_of_a_new_drug_is_still_a_start() -> None:
    text = (
        "Office Visit\n\nPlan:\n- Start metformin 500 mg daily with dinner; increase to 1000 mg"
        " in 2 weeks if tolerated.\n- Rx: metformin 500 mg tablet #60, 2 refills.\n"
    )
    assert status_of(text, "metformin") is not S.CHANGED


@pytest.mark.parametrize(
    "line",
    [
        "Resume home amlodipine tonight; losartan resume POD1 if BP allows.",
        "Losartan: restart on POD 2 if SBP > 110.",
        "losartan - resume 48 hours after surgery if no hypotension",
    ],
)
def test_a_resumption_written_after_the_name_for_a_later_day_is_held(line: str) -> None:
    text = f"Operative Report\n\nPOSTOPERATIVE PLAN: WBAT. {line}\n"
    assert status_of(text, "losartan") is S.HELD


# --- The medication fields of a procedure report: given in the room -----------------------------

OPERATIVE = """\
OPERATIVE REPORT
PROCEDURE: Right total hip arthroplasty.
ANESTHESIA: Spinal with propofol sedation.
{heading}: Tranexamic acid 1 g IV at incision. Ketorolac 30 mg in the periarticular injection.
FINDINGS: Severe osteoarthritis.
POSTOPERATIVE PLAN: Ondansetron 4 mg IV q6h PRN nausea.
"""


@pytest.mark.parametrize(
    "heading", ["OTHER MEDICATIONS", "Intraoperative medications", "ADDITIONAL AGENTS", "Drugs"]
)
def test_a_procedure_reports_medication_field_is_given(heading: str) -> None:
    text = OPERATIVE.format(heading=heading)
    assert status_of(text, "tranexamic") is S.GIVEN
    assert status_of(text, "ketorolac") is S.GIVEN


def test_a_procedure_reports_home_medication_field_is_not_given() -> None:
    text = OPERATIVE.format(heading="HOME MEDICATIONS")
    assert status_of(text, "tranexamic") is not S.GIVEN


# --- A label opening its line says the status of each drug after it ----------------------------


@pytest.mark.parametrize(
    "line",
    [
        "DISCONTINUED home medications: diphenhydramine 25 mg qHS (Beers list); ibuprofen PRN"
        " (CKD, on apixaban).",
        "Stopped at this visit: diphenhydramine 25 mg at bedtime; ibuprofen as needed.",
        "- Discontinue: diphenhydramine; ibuprofen 400 mg PRN",
    ],
)
def test_a_stop_label_reaches_every_drug_of_its_line(line: str) -> None:
    text = f"Transfer Summary\n\n{line}\n"
    assert status_of(text, "ibuprofen") is S.STOPPED
    assert status_of(text, "diphenhydramine") is S.STOPPED


@pytest.mark.parametrize(
    "line",
    [
        "One-time / completed during stay (do NOT continue): haloperidol 0.5 mg IV x1 12/06 02:10;"
        " potassium chloride 20 mEq PO x1 12/07.",
        "Medicines you got in the hospital: haloperidol (agitation), potassium chloride 20 mEq"
        " (electrolytes).",
        "One-time doses: haloperidol 0.5 mg IV; potassium chloride 20 mEq PO.",
        "Received in the ED: haloperidol 0.5 mg IM x1; potassium chloride 40 mEq PO",
    ],
)
def test_a_label_of_doses_had_during_the_stay_makes_them_given(line: str) -> None:
    text = f"Discharge Instructions\n\n{line}\n"
    assert status_of(text, "haloperidol") is S.GIVEN
    assert status_of(text, "potassium chloride") is S.GIVEN


def test_a_drug_said_discontinued_in_hospital_is_stopped_not_given() -> None:
    text = (
        "Hospice Admission\n\nPreviously discontinued in hospital (confirm not in home):"
        " atorvastatin, alendronate.\n"
    )
    assert status_of(text, "atorvastatin") is S.STOPPED


@pytest.mark.parametrize("label", ["Denies use of", "Denies", "No"])
def test_a_denial_opening_the_line_still_denies_the_drugs(label: str) -> None:
    text = f"Office Visit\n\nSocial: {label}: aspirin, ibuprofen.\nMedications: lisinopril 10 mg\n"
    names = {m.ingredient for m in analyse(text).medications}
    assert "aspirin" not in names


# --- A regimen written with a slash shares its cue; a stop dated to a past month is history ----


@pytest.mark.parametrize(
    "history",
    [
        "Gemcitabine/nab-paclitaxel x2 cycles, stopped 02/2026 for neutropenic fever.",
        "Treated with gemcitabine / nab-paclitaxel, discontinued 12/2025 for decline.",
        "GEMCITABINE + NAB-PACLITAXEL X 4 CYCLES, COMPLETED 01/2026.",
    ],
)
def test_both_drugs_of_a_slashed_regimen_stopped_months_ago_are_historical(history: str) -> None:
    text = f"Hospice Admission\nDate of Service: 03/20/2026\n\nHISTORY: {history}\n"
    assert status_of(text, "gemcitabine") is S.HISTORICAL
    assert status_of(text, "paclitaxel") is S.HISTORICAL


def test_a_drug_stopped_today_is_not_history() -> None:
    text = "Office Visit\n\nPlan:\n- Stop gemcitabine/nab-paclitaxel today for neutropenia.\n"
    assert status_of(text, "gemcitabine") is S.STOPPED
    assert status_of(text, "paclitaxel") is S.STOPPED


# --- Change, switch, convert, replace A to B ----------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "- Change metoprolol tartrate 25 mg BID to metoprolol succinate 50 mg daily.",
        "- Switch metoprolol tartrate to metoprolol succinate (Toprol XL) 50 mg PO daily.",
        "- CONVERT METOPROLOL TARTRATE 25 MG BID TO METOPROLOL SUCCINATE 50 MG DAILY.",
    ],
)
def test_a_switch_between_forms_of_one_drug_is_a_change(line: str) -> None:
    text = f"Cardiology Consult\n\nPlan:\n{line}\n"
    assert status_of(text, "metoprolol") is S.CHANGED


@pytest.mark.parametrize(
    "line",
    [
        "simvastatin 20 mg tablet - replaced by atorvastatin 40 mg",
        "Simvastatin was replaced by atorvastatin 40 mg nightly.",
        "- Switch simvastatin 20 mg to atorvastatin 40 mg daily.",
        "- change simvastatin to atorvastatin 40 mg",
    ],
)
def test_the_drug_switched_to_starts_and_the_one_switched_from_stops(line: str) -> None:
    text = f"Office Visit\n\nPlan:\n{line}\n"
    assert status_of(text, "atorvastatin") is S.STARTED
    assert status_of(text, "simvastatin") is S.STOPPED


# --- Increase, decrease, step down, back to: a change; "until next visit" is how long ----------


@pytest.mark.parametrize(
    "line",
    [
        "1. INCREASE PREDNISONE TO 20 MG DAILY X 2 WEEKS, THEN 15 MG X 2 WEEKS, THEN 10 MG UNTIL"
        " NEXT VISIT.",
        "- Prednisone: increase to 20 mg daily through the next visit.",
        "- step down prednisone to 10 mg daily; if symptoms recur may return to 20 mg.",
        "- Prednisone back to 5 mg daily.",
        "- Bump up the prednisone to 30 mg for 5 days.",
    ],
)
def test_a_dose_change_is_a_change(line: str) -> None:
    text = f"Rheumatology Follow-up\n\nMedications:\n- prednisone 10 mg daily\n\nPlan:\n{line}\n"
    assert status_of(text, "prednisone") is S.CHANGED


# --- A start set for a later day or waiting on a step is proposed -------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "- Aspirin 81 mg nightly to begin at 12 weeks for preeclampsia prevention.",
        "- Plan aspirin 81 mg daily starting day 3 given the small infarct.",
        "- Start aspirin 81 mg as outpatient once vitamin D is replete.",
        "- START ASPIRIN 81 MG DAILY - PRIOR AUTHORIZATION SUBMITTED TODAY.",
    ],
)
def test_a_start_set_for_later_is_proposed(line: str) -> None:
    text = f"Clinic Visit\n\nPlan:\n{line}\n"
    assert status_of(text, "aspirin") is S.PROPOSED


# --- A verb after a denial in the same line makes its own statement ----------------------------


@pytest.mark.parametrize(
    "line",
    [
        "2. Osteoporosis, on alendronate x 5 years, no fractures - moderate risk: STOP alendronate,"
        " start drug holiday.",
        "Osteoporosis: no new fractures; stop alendronate now (5 years done).",
        "No fractures on imaging. Discontinue alendronate for a drug holiday.",
    ],
)
def test_a_stop_after_a_denied_finding_stops_the_drug(line: str) -> None:
    text = f"Annual Wellness Visit\n\nAssessment and Plan:\n{line}\n"
    assert status_of(text, "alendronate") is S.STOPPED


@pytest.mark.parametrize(
    "line",
    [
        "- Hold lisinopril until Cr is back; would NOT resume lisinopril with spironolactone.",
        "- Hold lisinopril for now, will not restart lisinopril this admission.",
    ],
)
def test_a_denied_resumption_leaves_the_hold(line: str) -> None:
    text = f"Nephrology Consult\n\nPlan:\n{line}\n"
    assert status_of(text, "lisinopril") is S.HELD


def test_a_dose_timed_after_a_start_is_not_a_start() -> None:
    text = (
        "Neurology Letter\n\nPlan:\n1. Ocrelizumab could be considered at the next visit.\n"
        "2. Repeat MRI without contrast 6 months after starting ocrelizumab.\n"
    )
    assert status_of(text, "ocrelizumab") is S.PROPOSED


@pytest.mark.parametrize(
    "line",
    [
        "4. VTE prophylaxis: aspirin 81 mg PO BID x 35 days, starting POD 1 AM.",
        "- Aspirin 81 mg twice daily for 35 days starting POD1.",
    ],
)
def test_a_post_operative_order_from_post_op_day_one_is_started(line: str) -> None:
    text = f"OPERATIVE REPORT\nFINDINGS: Severe arthritis.\nPOSTOPERATIVE PLAN:\n{line}\n"
    assert status_of(text, "aspirin") is S.STARTED


# --- A dose left out around a procedure: held ----------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "4. Losartan: do NOT take the morning of surgery.",
        "- losartan - don't take it the day of the procedure",
        "- Do not take losartan on the morning of your colonoscopy.",
        "- LOSARTAN: SKIP THE DOSE THE MORNING OF SURGERY.",
    ],
)
def test_a_dose_left_out_on_the_day_of_a_procedure_is_held(line: str) -> None:
    text = (
        "Pre-anesthesia Evaluation\n\nHome Medications:\n  losartan 50 mg tablet - take 1 daily\n"
        f"\nPlan:\n{line}\n"
    )
    assert status_of(text, "losartan") is S.HELD


# --- A nursing facility's MAR lists the resident's own drugs -----------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "MAPLEWOOD SKILLED NURSING & REHABILITATION\nINTERFACILITY TRANSFER FORM",
        "Oak Hill Nursing Home - Transfer to Hospital",
        "Resident transfer (long-term care unit)",
        "SUNRISE ASSISTED LIVING - MEDICATION ADMINISTRATION RECORD",
    ],
)
def test_a_facility_mar_as_needed_drug_is_continued_not_given(head: str) -> None:
    text = (
        f"{head}\nSee attached hospital discharge summary and last progress note.\n\n"
        "CURRENT MEDICATIONS (per MAR, printed 01/19/2026):\n"
        "- memantine 10 mg PO BID\n"
        "- acetaminophen 650 mg PO/PR q6h prn pain/fever\n"
    )
    assert status_of(text, "acetaminophen") is S.CONTINUED


def test_a_month_written_mar_does_not_make_a_clinic_note_a_hospital_stay() -> None:
    text = (
        "Annual Physical\nLast seen Mar 2025. See progress note.\n\nMedications:\n"
        "- acetaminophen 500 mg q6h prn pain\n"
    )
    assert status_of(text, "acetaminophen") is S.CONTINUED


# --- An operative report's post-operative orders as needed are begun, not given ---------------

OPERATIVE_PLAN = """\
OPERATIVE REPORT
Date of Surgery: 03/02/2025. Inpatient, POD 0.
ANESTHESIA: General endotracheal.
PROCEDURE: Right total knee arthroplasty.
{plan_heading}:
{line}
"""


@pytest.mark.parametrize(
    ("plan_heading", "line"),
    [
        (
            "POSTOPERATIVE PLAN",
            "5. Analgesia: acetaminophen 1 g q8h; oxycodone 5-10 mg PO q4h PRN pain.",
        ),
        ("Plan", "- Pain: oxycodone 5 mg PO q4h PRN severe pain; ondansetron 4 mg PRN nausea."),
        ("POST-OP ORDERS", "Oxycodone 5 mg by mouth every 4 hours as needed for pain"),
    ],
)
def test_a_post_operative_order_as_needed_is_started(plan_heading: str, line: str) -> None:
    text = OPERATIVE_PLAN.format(plan_heading=plan_heading, line=line)
    assert status_of(text, "oxycodone") is S.STARTED


def test_a_drug_of_the_anaesthesia_is_still_given() -> None:
    text = OPERATIVE_PLAN.format(
        plan_heading="Plan", line="- Oxycodone 5 mg PO q4h PRN pain."
    ).replace("General endotracheal.", "General endotracheal; propofol 200 mg IV induction.")
    assert status_of(text, "propofol") is S.GIVEN


# --- A patient's After Visit Summary: the headings of its lists ---------------------------------

AVS = """\
AFTER VISIT SUMMARY

YOUR MEDICATION LIST - what to do with each medicine

{start}
  acetaminophen 500 mg tablet (TYLENOL)
      Take 2 tablets by mouth every 8 hours.

{keep}
  amLODIPine 5 mg tablet - 1 tablet daily

{stop}
  celecoxib 200 mg capsule - do not take with aspirin.
"""


@pytest.mark.parametrize(
    ("start", "keep", "stop"),
    [
        (
            "START taking these medications",
            "CONTINUE taking these medications",
            "STOP taking these medications",
        ),
        ("NEW medicines to take", "KEEP taking these medicines", "STOP these medicines"),
        ("BEGIN taking these", "CONTINUE these medications as before", "DISCONTINUE these drugs"),
    ],
)
def test_an_after_visit_summarys_headings_set_each_lists_status(
    start: str, keep: str, stop: str
) -> None:
    text = AVS.format(start=start, keep=keep, stop=stop)
    assert status_of(text, "acetaminophen") is S.STARTED
    assert status_of(text, "amlodipine") is S.CONTINUED
    assert status_of(text, "celecoxib") is S.STOPPED


# --- A timed line of an ED course: a dose given ------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "07:15 Ondansetron 4 mg IV.",
        "0715 - ondansetron 4 mg IV for nausea",
        "07:15h: Zofran (ondansetron) 4 mg IV",
        "19:40 Repeat dose ondansetron 4 mg IV",
    ],
)
def test_a_dose_on_a_timed_line_of_the_ed_course_is_given(line: str) -> None:
    text = f"EMERGENCY DEPARTMENT NOTE\n\nED COURSE\n06:50 Arrived by EMS, glucose 42.\n{line}\n"
    assert status_of(text, "ondansetron") is S.GIVEN


def test_a_home_drug_named_on_a_timed_line_stays_the_patients() -> None:
    text = (
        "EMERGENCY DEPARTMENT NOTE\n\nHome medications:\n- metformin 500 mg BID\n\n"
        "ED COURSE\n07:15 Metformin held; glucose 42.\n08:00 metformin 500 mg noted on home list\n"
    )
    assert status_of(text, "metformin") is not S.GIVEN


@pytest.mark.parametrize(
    "line",
    [
        "- furosemide 20 mg PO daily (resumed 02/06)",
        "- Enoxaparin 90 mg SC q12h: resume 10/29 evening (24 h post-op) and continue until INR 2",
        "- Resume enoxaparin tonight.",
    ],
)
def test_a_resumption_made_or_set_without_a_condition_is_resumed(line: str) -> None:
    text = f"Operative Report\n\nPlan:\n{line.replace('furosemide', 'enoxaparin')}\n"
    assert status_of(text, "enoxaparin") is S.RESUMED


@pytest.mark.parametrize(
    "line",
    [
        "10. Tobacco cessation; nicotine patch 21 mg/24h offered - pt agreeable, please order.",
        "- Nicotine patch offered, patient agrees.",
        "- nicotine patch 21 mg/24h offered, she is amenable",
    ],
)
def test_an_offer_taken_up_is_a_start(line: str) -> None:
    text = f"Consult\n\nRecommendations:\n{line}\n"
    assert status_of(text, "nicotine") is S.STARTED
