"""Medication status from where a drug stands (issue 11): the kind of section and of document
decide when the sentence says nothing of the drug. Each class is held by variants in other
drugs, headings and layouts (narrative, bullets, Epic-like tables, comma-joined exports)."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import status_of

S = MedicationStatus


# --- The history of a clinic visit tells of the past -----------------------------------------


@pytest.mark.parametrize(
    ("history", "drug"),
    [
        (
            "HPI: Had a gout flare in March treated at urgent care with prednisone; none since.",
            "prednisone",
        ),
        (
            "Subjective: Hospitalized 12/2025 for cellulitis (3 days of IV cefazolin, then"
            " cephalexin to complete 10 days); no recurrence.",
            "cephalexin",
        ),
        (
            "HISTORY OF PRESENT ILLNESS:,  She had two courses of doxycycline last spring without"
            " lasting benefit.,ALLERGIES:,  NKDA.",
            "doxycycline",
        ),
        (
            "INTERVAL HISTORY: Seen in the ED 11/2 for wheezing. Got 3 DuoNebs and dexamethasone"
            " there.",
            "dexamethasone",
        ),
        ("HPI: Tramadol made her dizzy and nauseated.", "tramadol"),
    ],
)
def test_a_drug_the_history_of_a_clinic_visit_names_without_a_verb_is_historical(
    history: str, drug: str
) -> None:
    text = f"Office Visit\n\n{history}\n\nPlan:\n1. Recheck in 3 months.\n"
    assert status_of(text, drug, "follow_up") is S.HISTORICAL


@pytest.mark.parametrize(
    "history",
    [
        "HPI: Blood pressure is well controlled with amlodipine.",
        "Subjective: Still uses amlodipine every morning.",
        "HISTORY OF PRESENT ILLNESS:,  He continues amlodipine.,ALLERGIES:,  NKDA.",
    ],
)
def test_a_drug_the_history_tells_in_the_present_goes_on(history: str) -> None:
    text = f"Office Visit\n\n{history}\n\nPlan:\n1. Recheck BP in 3 months.\n"
    assert status_of(text, "amlodipine", "follow_up") is S.CONTINUED


# --- The arrival told in the note of a stay or the ED: doses given now -----------------------


@pytest.mark.parametrize(
    ("history", "drug"),
    [
        (
            "HPI: In the emergency department she received DuoNeb x3, methylprednisolone 125 mg"
            " IV, magnesium sulfate 2 g IV and azithromycin 500 mg IV.",
            "magnesium",
        ),
        (
            "HPI: In the emergency department she received DuoNeb x3, methylprednisolone 125 mg"
            " IV, magnesium sulfate 2 g IV and azithromycin 500 mg IV.",
            "methylprednisolone",
        ),
        (
            "HISTORY OF PRESENT ILLNESS: IN ED: K 6.4 WITH PEAKED T WAVES. RECEIVED CALCIUM"
            " GLUCONATE 1 G IV, INSULIN REGULAR 10 UNITS IV AND ALBUTEROL 10 MG NEB.",
            "albuterol",
        ),
        (
            "HPI: She had a second seizure in the ambulance and was given lorazepam 2 mg IV.",
            "lorazepam",
        ),
        ("HPI: Aspirin 325 mg was given the morning of the procedure.", "aspirin"),
    ],
)
def test_a_dose_of_the_arrival_told_in_an_admission_history_is_given(
    history: str, drug: str
) -> None:
    text = f"ADMISSION HISTORY AND PHYSICAL\n\n{history}\n\nPLAN:\n1. Admit to telemetry.\n"
    assert status_of(text, drug, "admission") is S.GIVEN


@pytest.mark.parametrize("note_type", ["follow_up", "consult", "annual_physical"])
def test_a_dose_an_earlier_visit_gave_told_in_a_clinic_history_is_historical(
    note_type: str,
) -> None:
    text = (
        "Clinic Visit\n\nHPI: Two exacerbations since January; urgent care gave prednisone and"
        " azithromycin in April.\n\nPlan:\n1. Pulmonary rehab referral.\n"
    )
    assert status_of(text, "prednisone", note_type) is S.HISTORICAL


def test_a_dose_given_in_clinic_today_told_in_the_history_stays_given() -> None:
    text = (
        "Clinic Visit\n\nSubjective: Wheezy on arrival; received albuterol 2.5 mg neb here"
        " today with relief.\n\nPlan:\n1. Recheck in 2 weeks.\n"
    )
    assert status_of(text, "albuterol", "follow_up") is S.GIVEN


# --- A plan entry decides by its shape ------------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        ("7. BPH - tamsulosin.", "tamsulosin"),
        ("# Osteoarthritis: Tylenol PRN only.", "acetaminophen"),
        ("3) Hypothyroidism -- levothyroxine.", "levothyroxine"),
    ],
)
def test_a_problem_entry_that_names_its_drug_continues_it(plan: str, drug: str) -> None:
    text = f"Progress Note\n\nAssessment and Plan:\n1. Hypertension - stable.\n{plan}\n"
    assert status_of(text, drug) is S.CONTINUED


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        ("- Bacitracin ointment to the left nostril twice daily for 7 days.", "bacitracin"),
        ("2. Hydrocortisone 1% cream to the rash twice daily x 5 days (OTC).", "hydrocortisone"),
        ("TREATMENT ORDERS:\n    oxaliplatin 85 mg/m2 = 178 mg IV over 2 h", "oxaliplatin"),
        (
            "PLAN:,1.  Mupirocin ointment to the affected skin three times daily.,2.  Return"
            " in 1 week.",
            "mupirocin",
        ),
    ],
)
def test_a_plan_entry_that_writes_its_sig_out_starts_the_drug(plan: str, drug: str) -> None:
    text = f"Clinic Note\n\nPlan:\n{plan}\n"
    assert status_of(text, drug) is S.STARTED


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        ("1. Thyroid - she will need levothyroxine after surgery.", "levothyroxine"),
        (
            "2. Osteoporosis - once vitamin D is repleted, zoledronic acid infusion is"
            " recommended.",
            "zoledronic",
        ),
        ("3. Preeclampsia resolved; aspirin 81 mg from 12 weeks in a future pregnancy.", "aspirin"),
    ],
)
def test_a_drug_a_plan_sentence_names_without_ordering_it_is_proposed(plan: str, drug: str) -> None:
    text = f"Clinic Note\n\nPlan:\n{plan}\n"
    assert status_of(text, drug) is S.PROPOSED


def test_a_name_restated_in_parentheses_after_another_drug_takes_no_place() -> None:
    text = (
        "Plan:\n- Start Trelegy Ellipta (fluticasone furoate/umeclidinium/vilanterol) 1"
        " inhalation daily.\n"
    )
    statuses = {m.name.lower(): m.status for m in analyse(text).medications}
    assert S.STARTED in statuses.values()
    assert all(s in (S.STARTED, S.UNKNOWN) for s in statuses.values())


# --- Lists of orders and of the room ---------------------------------------------------------


@pytest.mark.parametrize(
    "row",
    [
        "Metoprolol tartrate             25 mg PO BID       0900 / 2100     hold SBP<95 or HR<55",
        "- metoprolol 25 mg PO BID - hold for HR < 55",
        "| Metoprolol | 25 mg PO BID | hold if SBP less than 100 |",
    ],
)
def test_a_hold_parameter_of_an_order_is_no_hold(row: str) -> None:
    text = f"Current Medications:\n{row}\nAmlodipine 5 mg PO daily\n"
    assert status_of(text, "metoprolol") is S.CONTINUED


@pytest.mark.parametrize(
    "entry",
    [
        "insulin glargine 10 units SC qHS (started POD1 off drip)",
        "insulin glargine 10 units SC nightly - started HD 2",
        "insulin glargine 10 units SC qHS (started this month)",
    ],
)
def test_a_list_entry_started_on_an_earlier_day_goes_on(entry: str) -> None:
    text = f"Medications:\n{entry}\nmetformin 500 mg PO BID\n"
    assert status_of(text, "glargine") is S.CONTINUED


@pytest.mark.parametrize(
    "heading",
    [
        "ADMISSION MEDICATION ORDERS (reconciled against hospital discharge list):",
        "Admission medication orders:",
    ],
)
def test_a_facility_admission_order_list_is_the_residents_regimen(heading: str) -> None:
    text = (
        "SKILLED NURSING FACILITY ADMISSION\n\n"
        f"{heading}\n"
        "Acetaminophen                   650 mg PO q6h SCHEDULED          06-12-18-24\n"
        "Senna (Senokot)                 8.6 mg PO 2 tabs at bedtime      2100\n"
    )
    assert status_of(text, "acetaminophen", "admission") is S.CONTINUED
    assert status_of(text, "senn", "admission") is S.CONTINUED


@pytest.mark.parametrize(
    "heading",
    [
        "SEDATION/MEDICATIONS ADMINISTERED:",
        "Sedation / medications given:",
        "ANESTHESIA/MEDICATIONS ADMINISTERED:",
    ],
)
def test_a_slash_joined_label_of_drugs_given_opens_its_list(heading: str) -> None:
    text = (
        "CARDIAC CATHETERIZATION REPORT\n\nPROCEDURE: Left heart catheterization.\n\n"
        f"{heading}\n- Midazolam 2 mg IV (total)\n- Fentanyl 50 mcg IV (total)\n"
    )
    assert status_of(text, "midazolam") is S.GIVEN
    assert status_of(text, "fentanyl") is S.GIVEN


@pytest.mark.parametrize(
    "heading",
    [
        "POSTOPERATIVE INSTRUCTIONS / MEDICATIONS (left eye):",
        "Post-op medications:",
        "DISCHARGE MEDICATIONS POST-PROCEDURE:",
    ],
)
def test_the_post_procedure_list_of_an_operative_report_is_new_prescriptions(
    heading: str,
) -> None:
    text = (
        "OPERATIVE REPORT\n\nPROCEDURE: Phacoemulsification with IOL, left eye.\n"
        "ANESTHESIA: Topical tetracaine and monitored anesthesia care.\n"
        "FINDINGS: Dense nuclear cataract.\n\n"
        f"{heading}\n- Prednisolone acetate 1%, 1 drop QID x 1 week then taper\n"
        "- Moxifloxacin 0.5%, 1 drop QID x 1 week\n"
        "- Continue all home medications including apixaban.\n"
    )
    assert status_of(text, "prednisolone") is S.STARTED
    assert status_of(text, "moxifloxacin") is S.STARTED
    assert status_of(text, "apixaban") is S.CONTINUED


# --- Orders that exist only in hospital, prescriptions that leave with the patient -----------


@pytest.mark.parametrize(
    "plan",
    [
        "5. VTE prophylaxis - enoxaparin 40 mg SC daily.",
        "10. DVT: ENOXAPARIN 40 MG SUBCUTANEOUSLY DAILY.",
        "- Lovenox 40 mg subq once daily, first dose 12 h after surgery.",
    ],
)
def test_a_prophylactic_heparin_dose_ordered_in_a_hospital_note_is_given(plan: str) -> None:
    text = (
        "HISTORY AND PHYSICAL\nDate of Admission: 03/02/2025\n\nHPI: Admitted from the ED to"
        " telemetry with cellulitis.\n\nAssessment and Plan:\n1. Cellulitis - cefazolin 2 g IV"
        f" q8h.\n{plan}\n"
    )
    assert status_of(text, "enoxaparin", "admission") is S.GIVEN


def test_a_heparin_dose_for_weeks_on_a_discharge_list_goes_home() -> None:
    text = (
        "DISCHARGE SUMMARY\nDate of Discharge: 03/06/2025\n\nHOSPITAL COURSE: Uneventful hip"
        " replacement.\n\nDISCHARGE MEDICATIONS:\n- enoxaparin 40 mg SC daily for 4 weeks - NEW\n"
        "- lisinopril 10 mg daily - continue\n- atorvastatin 20 mg daily - continue\n"
    )
    assert status_of(text, "enoxaparin", "discharge") is S.STARTED


@pytest.mark.parametrize(
    "entry",
    [
        "- Dexamethasone 12 mg PO x1 tomorrow evening (second dose) - Rx 10 mg/mL solution",
        "- Fluconazole 150 mg PO once; may repeat in 3 days if needed",
        "- Azithromycin 500 mg PO x1 today, then 250 mg daily x 4 days",
    ],
)
def test_a_single_dose_on_an_ed_prescription_list_is_prescribed(entry: str) -> None:
    drug = entry.split()[1].lower()
    text = (
        "EMERGENCY DEPARTMENT NOTE\n\nHPI: Cough and fever for 3 days.\n\n"
        f"Prescriptions:\n{entry}\n\nDisposition: Home.\n"
    )
    assert status_of(text, drug, "emergency") is S.STARTED


@pytest.mark.parametrize(
    "label",
    ["Post-op:", "POSTOPERATIVE ORDERS:", "Post-procedure care:"],
)
def test_the_post_operative_orders_inside_a_procedure_narrative_are_not_doses_given(
    label: str,
) -> None:
    text = (
        "PROCEDURE NOTE\n\nPROCEDURE: Extraction of teeth #17 and #18.\n"
        "ANESTHESIA: Local, lidocaine 2% with epinephrine 1:100,000, 3.6 mL.\n"
        "DESCRIPTION: Teeth elevated and delivered. Sockets irrigated.\n"
        f"{label} Ibuprofen 600 mg PO q6h PRN pain x 3 days. Continue warfarin at the usual"
        " dose tonight.\n"
    )
    assert status_of(text, "ibuprofen") is S.STARTED
    assert status_of(text, "warfarin") is S.CONTINUED
    assert status_of(text, "lidocaine") is S.GIVEN


@pytest.mark.parametrize(
    "row",
    ["- MULTIVITAMIN DAILY", "* Multivitamin 1 tab daily", "Multivitamin once daily"],
)
def test_an_entry_with_how_often_on_a_list_of_another_heading_goes_on(row: str) -> None:
    text = (
        "Follow-up Visit\n\nMEDICATION LIST (REVIEWED):\n- METHOTREXATE 15 MG PO WEEKLY\n"
        f"{row}\n\nALLERGIES: NKDA.\n"
    )
    assert status_of(text, "multivitamin", "follow_up") is S.CONTINUED


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        (
            "I sent nitrofurantoin 100 mg to your pharmacy, twice a day for 5 days.",
            "nitrofurantoin",
        ),
        ("Called in amoxicillin 500 mg three times daily x 10 days.", "amoxicillin"),
        (
            "I've sent the prescriptions to your pharmacy: cephalexin 500 mg four times a day.",
            "cephalexin",
        ),
        ("Sent home on doxycycline 100 mg twice daily.", "doxycycline"),
    ],
)
def test_a_prescription_sent_from_a_message_or_call_starts_the_drug(line: str, drug: str) -> None:
    text = f"Telephone Encounter\n\nPt called with dysuria. {line}\n"
    assert status_of(text, drug, "other") is S.STARTED


def test_something_else_sent_before_a_drug_is_no_prescription() -> None:
    text = "Progress Note\n\nPlan:\n- Blood cultures sent. Continue lisinopril 10 mg daily.\n"
    assert status_of(text, "lisinopril") is S.CONTINUED


def test_an_order_for_the_stay_on_a_facility_admission_list_is_given() -> None:
    text = (
        "ACUTE INPATIENT REHABILITATION ADMISSION\n\nADMISSION MEDICATIONS:\n"
        "| Aspirin | 81 mg PO daily | continue |\n"
        "| Enoxaparin | 40 mg SC daily | DVT prophylaxis during rehab stay |\n"
        "| Heparin | 5,000 units SC q8h | while inpatient |\n"
    )
    assert status_of(text, "enoxaparin", "admission") is S.GIVEN
    assert status_of(text, "heparin", "admission") is S.GIVEN
    assert status_of(text, "aspirin", "admission") is S.CONTINUED


@pytest.mark.parametrize(
    "history",
    [
        "S: Rarely needs albuterol.",
        "Subjective: Occasionally uses albuterol before exercise.",
        "HPI: Needs albuterol about twice a week.",
    ],
)
def test_a_drug_the_history_tells_as_used_now_goes_on(history: str) -> None:
    text = f"Office Visit\n\n{history}\n\nPlan:\n1. Recheck in 6 months.\n"
    assert status_of(text, "albuterol", "follow_up") is S.CONTINUED


# --- A copula of the story is no use of the drug; a plan's label that is no problem is no entry


@pytest.mark.parametrize(
    ("history", "drug"),
    [
        ("HPI: Rash is thought to be due to amoxicillin.", "amoxicillin"),
        ("HPI: She is worried about metformin.", "metformin"),
        ("Subjective: He is concerned that atorvastatin causes memory loss.", "atorvastatin"),
        ("HPI: The cough is likely related to lisinopril.", "lisinopril"),
    ],
)
def test_a_drug_the_story_names_with_a_bare_copula_is_not_continued(
    history: str, drug: str
) -> None:
    text = f"Office Visit\n\n{history}\n\nPlan:\n1. Recheck in 3 months.\n"
    assert status_of(text, drug, "follow_up") is not S.CONTINUED


@pytest.mark.parametrize(
    ("line", "drug", "status"),
    [
        ("Declined: atorvastatin", "atorvastatin", S.PROPOSED),
        ("- Refused - varenicline", "varenicline", S.PROPOSED),
        ("Options: sertraline", "sertraline", S.PROPOSED),
        ("2. Alternatives discussed: duloxetine", "duloxetine", S.PROPOSED),
        ("Pending insurance: Ozempic", "semaglutide", S.PROPOSED),
        ("- Awaiting prior auth: Dupixent", "dupilumab", S.PROPOSED),
        ("Ineffective - gabapentin", "gabapentin", S.HISTORICAL),
        ("3. Failed: amitriptyline", "amitriptyline", S.HISTORICAL),
    ],
)
def test_a_plan_label_that_is_no_problem_says_what_became_of_its_drug(
    line: str, drug: str, status: MedicationStatus
) -> None:
    text = f"Assessment and Plan:\n{line}\n"
    assert status_of(text, drug) is status


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("7. BPH - tamsulosin.", "tamsulosin"),
        ("# Hypothyroidism -- levothyroxine", "levothyroxine"),
        ("OA: acetaminophen PRN only", "acetaminophen"),
    ],
)
def test_a_problem_entry_naming_a_condition_keeps_its_drug(line: str, drug: str) -> None:
    assert status_of(f"Assessment and Plan:\n{line}\n", drug) is S.CONTINUED


# --- One reading of a heading that lists what was given here -------------------------------------


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "HPI: chest pain.\nMedications received in the ED:\naspirin 324 mg PO\nnitroglycerin"
            " 0.4 mg SL\nPlan: follow up.\n",
            "aspirin",
            S.GIVEN,
        ),
        (
            "ED course:\nDrugs given: ondansetron 4 mg IV, ketorolac 15 mg IV.\n",
            "ketorolac",
            S.GIVEN,
        ),
        ("Intraoperative medications:\ncefazolin 2 g IV\n", "cefazolin", S.GIVEN),
        (
            "Preoperative medications (home): lisinopril 10 mg daily, metformin 500 mg BID.\n",
            "metformin",
            S.CONTINUED,
        ),
    ],
)
def test_a_heading_of_doses_given_here_reads_the_same_as_a_section_or_a_label(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status
