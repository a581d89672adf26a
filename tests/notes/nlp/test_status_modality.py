"""Medication status from the modality of the words around a drug (issue 11): options not yet
taken, trials told with their outcome, drugs kept as needed, starts waiting on a condition.
Each class is held by variants in other drugs, word orders and layouts."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus


# --- An option written after the drug: recommended, considered, a reasonable alternative -------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        (
            "If metformin is stopped, sitagliptin 50 mg daily would be a reasonable alternative.",
            "sitagliptin",
        ),
        ("Zoledronic acid infusion is recommended; to discuss with her daughter.", "zoledronic"),
        (
            "Doxycycline considered but local resistance is low, so no antibiotic today.",
            "doxycycline",
        ),
        ("Rizatriptan would be my second choice if sumatriptan stops working.", "rizatriptan"),
        ("Acetaminophen is preferred for her headaches.", "acetaminophen"),
        (
            "Denosumab is an alternative option should she not tolerate the bisphosphonate.",
            "denosumab",
        ),
        ("Aspirin 81 mg daily from 12 weeks in a future pregnancy.", "aspirin"),
        ("Sertraline 25 mg daily - she will think about it and call us.", "sertraline"),
    ],
)
def test_a_drug_written_as_an_option_is_proposed(line: str, drug: str) -> None:
    text = f"Consultation\n\nRecommendations:\n1. {line}\n2. Follow up in 3 months.\n"
    assert status_of(text, drug) is S.PROPOSED


def test_an_option_taken_up_in_the_same_clause_is_not_proposed() -> None:
    text = "Plan:\n- Apixaban 5 mg BID was recommended by cardiology and started today.\n"
    assert status_of(text, "apixaban") is not S.PROPOSED


# --- Declined or deferred: the drug is not started ----------------------------------------------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("4. TOBACCO USE: NICOTINE PATCH STARTED. SHE DECLINED VARENICLINE.", "varenicline"),
        (
            "- Statin discussed; he refuses atorvastatin because of his brother's myalgias.",
            "atorvastatin",
        ),
        ("- Patient declined a trial of duloxetine today.", "duloxetine"),
        ("- Will defer to PCP re: metformin dose once A1c is back.", "metformin"),
    ],
)
def test_a_drug_declined_or_deferred_is_proposed(line: str, drug: str) -> None:
    text = f"Assessment and Plan:\n{line}\n"
    assert status_of(text, drug) is S.PROPOSED


# --- As needed and not needed lately: kept ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Subjective:\nDoing well. Has not needed her sumatriptan since the surgery.\n",
            "sumatriptan",
        ),
        (
            "Medications:\n- albuterol inhaler 2 puffs q4h prn (has not needed)\n- sertraline 50 mg"
            " daily\n",
            "albuterol",
        ),
        (
            "HPI: Nausea controlled with ondansetron; he has not needed the prochlorperazine.\n",
            "prochlorperazine",
        ),
        ("Subjective: She rarely uses her albuterol, maybe once a month.\n", "albuterol"),
    ],
)
def test_a_drug_as_needed_not_needed_lately_is_continued(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.CONTINUED


@pytest.mark.parametrize(
    "line",
    [
        "Has not needed sumatriptan since October.",
        "She hasn't needed her sumatriptan in 4 months.",
        "Has not required sumatriptan for several weeks; she wants it off her list.",
    ],
)
def test_a_drug_not_needed_for_a_length_of_time_is_stopped(line: str) -> None:
    text = f"Subjective:\n{line}\n"
    assert status_of(text, "sumatriptan") is S.STOPPED


def test_a_drug_not_needed_and_taken_off_the_list_is_stopped() -> None:
    text = (
        "Dear Dr. Ames,\nShe uses sumatriptan 100 mg about 3 times a month and has not needed"
        " naproxen since October, so we have taken it off her list.\n"
    )
    assert status_of(text, "naproxen") is S.STOPPED


# --- Not taking, remains off, not resumed: stopped ---------------------------------------------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("- docusate 100 mg PO BID (not taking - vomiting)", "docusate"),
        ("- Meloxicam: remains off until the fracture has healed.", "meloxicam"),
        ("- Biotin remains off.", "biotin"),
        ("- Home senna not resumed (not needed with lactulose).", "senna"),
        (
            "- Diphenhydramine found in the bedside drawer - removed with her permission.",
            "diphenhydramine",
        ),
        ("- Oxycodone 5 mg tablets in the first 2 days, none since.", "oxycodone"),
    ],
)
def test_a_drug_not_taken_any_more_is_stopped(line: str, drug: str) -> None:
    text = f"Medication review:\n{line}\n- lisinopril 10 mg daily - taking\n"
    assert status_of(text, drug) is S.STOPPED


# --- A trial told with its outcome, or an earlier course, in the story: historical -------------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("Tramadol made her dizzy and nauseated.", "tramadol"),
        ("Urgent care gave him dicyclomine, which did not help.", "dicyclomine"),
        (
            "His PCP treated him with cephalexin 500 mg QID for 10 days without improvement.",
            "cephalexin",
        ),
        ("Ibuprofen 600 mg helped only partly and upset her stomach.", "ibuprofen"),
        ("She was treated with Augmentin in January for sinusitis.", "amoxicillin"),
        ("Treated with a 7-day course of doxycycline for cellulitis.", "doxycycline"),
        ("She was given nitrofurantoin both times by her PCP.", "nitrofurantoin"),
    ],
)
def test_a_trial_told_with_its_outcome_is_historical(line: str, drug: str) -> None:
    text = f"HISTORY OF PRESENT ILLNESS:\nThree months of symptoms. {line} No fever.\n"
    assert status_of(text, drug) is S.HISTORICAL


def test_a_drug_taken_now_with_partial_relief_is_not_historical() -> None:
    text = "HPI: She takes gabapentin 300 mg TID with partial relief of the burning.\n"
    assert status_of(text, "gabapentin") is S.CONTINUED


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("MEDICATION TRIALS: DIVALPROEX 2019 (STOPPED FOR WEIGHT GAIN), LITHIUM.", "divalproex"),
        ("PRIOR THERAPY: AZATHIOPRINE 2020 - STOPPED AFTER PANCREATITIS.", "azathioprine"),
        (
            "Previous treatments: minocycline 100 mg BID x 6 months 2023 (partial response).",
            "minocycline",
        ),
    ],
)
def test_a_past_trial_dated_by_its_year_is_historical(line: str, drug: str) -> None:
    text = f"Past History:\n{line}\n"
    assert status_of(text, drug) is S.HISTORICAL


def test_a_stop_dated_by_a_full_recent_date_stays_stopped() -> None:
    text = "Medications:\n- omeprazole 40 mg - DISCONTINUED 08/11/2025 (tapered off)\n"
    assert status_of(text, "omeprazole") is S.STOPPED


# --- A start waiting on a condition or an approval: proposed; a resumption on a value: held ---


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        (
            "7. Cardiomyopathy - start sacubitril-valsartan when off pressors and Cr stable.",
            "sacubitril",
        ),
        ("- Add tocilizumab once the infectious screen returns.", "tocilizumab"),
        (
            "- Dupixent 300 mg every 2 weeks; prior authorization submitted, will start once"
            " approved.",
            "dupilumab",
        ),
        (
            "- Begin spironolactone 25 mg daily once her creatinine is back to baseline.",
            "spironolactone",
        ),
    ],
)
def test_a_start_waiting_on_a_condition_is_proposed(line: str, drug: str) -> None:
    text = f"Assessment and Plan:\n{line}\n- Continue aspirin 81 mg daily.\n"
    assert status_of(text, drug) is S.PROPOSED


@pytest.mark.parametrize(
    "line",
    [
        "- Resume lisinopril only if systolic BP is above 140; otherwise keep it held.",
        "- Restart lisinopril 10 mg if creatinine < 1.5 on Monday's labs.",
        "- Lisinopril: resume if BP > 130/80 at the next nurse check.",
    ],
)
def test_a_resumption_on_the_condition_of_a_value_is_held(line: str) -> None:
    text = f"Plan:\n{line}\n"
    assert status_of(text, "lisinopril") is S.HELD


# --- Options listed: every drug of the list is an option ---------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Options reviewed: estradiol patch 0.05 mg twice weekly with micronized progesterone 100 mg"
        " nightly, versus a non-hormonal option such as fezolinetant.",
        "IF NOT IN REMISSION AT NEXT VISIT, OPTIONS ARE ADDING ESTRADIOL AND PROGESTERONE OR"
        " FEZOLINETANT.",
        "Options discussed: estradiol with progesterone, or fezolinetant; she will decide.",
    ],
)
def test_drugs_of_a_list_of_options_are_proposed(line: str) -> None:
    text = f"Assessment and Plan:\n1. Vasomotor symptoms. {line}\n"
    for drug in ("estradiol", "progesterone", "fezolinetant"):
        assert status_of(text, drug) is S.PROPOSED, drug


# --- A drug set on a condition that has not happened: proposed ---------------------------------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        (
            "Start alendronate 70 mg weekly. Zoledronic acid only if she cannot tolerate it.",
            "zoledronic",
        ),
        ("Loperamide: buy OTC and use only if diarrhea develops.", "loperamide"),
        ("Plan oral step-down to cephalexin tomorrow if afebrile 24 h.", "cephalexin"),
        (
            "Add montelukast 10 mg nightly during pollen season if cetirizine alone is not enough.",
            "montelukast",
        ),
    ],
)
def test_a_drug_set_on_a_condition_is_proposed(line: str, drug: str) -> None:
    text = f"Assessment and Plan:\n1. {line}\n"
    assert status_of(text, drug) is S.PROPOSED


@pytest.mark.parametrize(
    ("line", "drug", "status"),
    [
        ("Ondansetron 4 mg PO q8h as needed if nausea persists.", "ondansetron", S.STARTED),
        ("Start metformin 500 mg daily; increase to 1000 mg if tolerated.", "metformin", S.STARTED),
        (
            "Start lisinopril 10 mg daily, increase to 20 mg if BP remains above 140.",
            "lisinopril",
            S.STARTED,
        ),
    ],
)
def test_a_condition_of_the_sig_or_of_a_later_change_is_not_an_option(
    line: str, drug: str, status: MedicationStatus
) -> None:
    text = f"Plan:\n- {line}\n"
    assert status_of(text, drug) is status


# --- Stopped for a reason, in the story; a course of an earlier episode: historical -----------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        (
            "She was started on empagliflozin in March after glipizide was stopped for"
            " hypoglycemia.",
            "glipizide",
        ),
        (
            "He completed weight management, including a trial of phentermine that was stopped for"
            " palpitations.",
            "phentermine",
        ),
        (
            "Admitted with C. difficile colitis after a 10-day course of clindamycin for a dental"
            " abscess.",
            "clindamycin",
        ),
        (
            "Hospitalized 12/2025 for preseptal cellulitis (3 days IV ampicillin-sulbactam).",
            "ampicillin",
        ),
        (
            "Gout flare in November treated at urgent care with prednisone; none since.",
            "prednisone",
        ),
        (
            "Seven episodes of tonsillitis, treated with azithromycin, with missed work each time.",
            "azithromycin",
        ),
    ],
)
def test_a_course_of_an_earlier_episode_is_historical(line: str, drug: str) -> None:
    text = f"HPI:\n{line}\n"
    assert status_of(text, drug) is S.HISTORICAL


# --- Pauses: a hold's parameter is none; "but hold it", a stop that may be resumed are -------


@pytest.mark.parametrize(
    "line",
    [
        "- Metoprolol tartrate 25 mg PO BID, hold SBP<95 or HR<55",
        "- metoprolol 25 mg twice daily; hold for HR < 60",
        "- Metoprolol succinate 50 mg daily (hold if SBP less than 100)",
        "- METOPROLOL 12.5 MG PO BID - HOLD SBP < 90",
    ],
)
def test_a_hold_parameter_of_an_order_is_not_a_hold(line: str) -> None:
    text = f"Medications:\n{line}\n- atorvastatin 40 mg nightly\n"
    assert status_of(text, "metoprolol") is not S.HELD


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        (
            "4. Continue ferrous sulfate 325 mg daily but hold it for 5 days before the"
            " colonoscopy.",
            "ferrous",
        ),
        ("- Keep taking apixaban, but hold the dose the evening before the biopsy.", "apixaban"),
        ("- Fish oil: stop 7 days before surgery; may resume after.", "fish oil"),
        ("- Stop ibuprofen for now, then restart once the ulcer has healed.", "ibuprofen"),
        ("5. DIABETES: HOLD METFORMIN 48 H AFTER CONTRAST.", "metformin"),
    ],
)
def test_a_pause_is_held(line: str, drug: str) -> None:
    text = f"Plan:\n{line}\n"
    assert status_of(text, drug) is S.HELD


@pytest.mark.parametrize(
    "line",
    [
        "- STOP celecoxib 7 days before surgery. Do not restart until cleared by surgeon.",
        "- Stop celecoxib now; may resume after surgery if she wishes.",
        "- Celecoxib: stop 7 days before surgery; use the post-op analgesic protocol afterwards.",
    ],
)
def test_a_stop_with_no_resumption_ordered_stays_stopped(line: str) -> None:
    text = f"Plan:\n{line}\n"
    assert status_of(text, "celecoxib") is S.STOPPED


# --- A proposal about a drug already taken: the drug goes on -----------------------------------


@pytest.mark.parametrize(
    ("note", "drug"),
    [
        (
            "Medications:\n- citalopram 20 mg daily\n\nPlan:\n- Celexa was discussed; no change.\n",
            "citalopram",
        ),
        (
            "HPI: He takes atorvastatin 40 mg nightly.\n\nPlan:\n- Consider atorvastatin 80 mg.\n",
            "atorvastatin",
        ),
        (
            "Current medications:\n1. Keppra 500 mg BID\n\nPlan:\n1. Would switch Keppra to"
            " lacosamide if mood symptoms persist.\n",
            "levetiracetam",
        ),
        (
            "Medications: simvastatin 20 mg qhs\n\nPlan:\n- Simvastatin: discussed stopping;"
            " patient prefers to continue for now.\n",
            "simvastatin",
        ),
    ],
)
def test_a_proposal_about_a_drug_in_use_leaves_it_continued(note: str, drug: str) -> None:
    assert status_of(note, drug) is S.CONTINUED


def test_a_proposal_of_a_drug_not_taken_stays_proposed() -> None:
    note = "Medications:\n- lisinopril 10 mg daily\n\nPlan:\n- Consider atorvastatin 20 mg.\n"
    assert status_of(note, "atorvastatin") is S.PROPOSED


@pytest.mark.parametrize(
    "line",
    [
        "- Nicotine patch 14 mg daily offered; he accepted.",
        "- Varenicline discussed at length - patient agrees to start, 0.5 mg daily x 3 days.",
        "- Bupropion SR recommended; she wishes to start this week.",
    ],
)
def test_an_offer_taken_up_is_a_start(line: str) -> None:
    text = f"Assessment and Plan:\n1. Tobacco use disorder.\n{line}\n"
    drug = next(d for d in ("nicotine", "varenicline", "bupropion") if d in line.lower())
    assert status_of(text, drug) is S.STARTED


def test_an_offer_declined_stays_proposed() -> None:
    text = "Assessment and Plan:\n- Nicotine patch offered; he declined for now.\n"
    assert status_of(text, "nicotine") is S.PROPOSED


@pytest.mark.parametrize(
    "line",
    [
        "- Resume furosemide 20 mg on 10/04 only if weight up > 1 kg or edema returns.",
        "- Furosemide: restart only if the swelling comes back.",
    ],
)
def test_a_resumption_only_on_a_condition_is_held(line: str) -> None:
    text = f"Assessment / Plan:\n- HOLD furosemide x 48 h.\n{line}\n"
    assert status_of(text, "furosemide") is S.HELD


@pytest.mark.parametrize(
    "line",
    [
        "Since stopping naproxen she has used acetaminophen 500 mg twice a day.",
        "He has been using acetaminophen 1 g at night for the knee.",
        "Has used acetaminophen as needed, about twice a week.",
    ],
)
def test_a_drug_told_as_used_is_continued(line: str) -> None:
    text = f"Subjective:\n{line}\n"
    assert status_of(text, "acetaminophen") is S.CONTINUED


# --- A dose set before a procedure still to come: proposed, not given -------------------------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        (
            "2. Contrast allergy premedication: prednisone 50 mg PO at 13, 7, and 1 hour before the"
            " procedure, and diphenhydramine 50 mg PO 1 hour before.",
            "diphenhydramine",
        ),
        (
            "- Premedicate with diphenhydramine 50 mg PO one hour prior to the CT.",
            "diphenhydramine",
        ),
        ("- Cefazolin 2 g IV within 60 minutes before incision.", "cefazolin"),
    ],
)
def test_a_dose_set_before_a_coming_procedure_is_proposed(line: str, drug: str) -> None:
    text = f"Consultation\n\nRecommendations:\n{line}\n"
    assert status_of(text, drug) is S.PROPOSED


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Plan:\n- Albuterol 2 puffs 15 minutes before exercise and every 4 hours as needed.\n",
            "albuterol",
        ),
        ("Plan:\n- Prednisone 50 mg 13, 7 and 1 hour before the scan; prescribed.\n", "prednisone"),
    ],
)
def test_a_sig_before_exercise_or_a_prescribed_premedication_is_no_option(
    text: str, drug: str
) -> None:
    assert status_of(text, drug) is not S.PROPOSED


@pytest.mark.parametrize(
    "line",
    [
        "Since last visit 2 exacerbations - Feb (PCP gave prednisone + azithro) and April.",
        "Flare in Oct, her PCP gave prednisone 40 mg x 5 days.",
        "One exacerbation since the last visit; received prednisone at urgent care.",
    ],
)
def test_a_course_given_for_an_earlier_exacerbation_is_historical(line: str) -> None:
    text = f"S: COPD follow-up. {line} Daily cough.\n"
    assert status_of(text, "prednisone") is S.HISTORICAL


def test_a_dose_given_at_this_urgent_care_visit_is_given() -> None:
    text = (
        "Urgent Care Note\n\nHPI: Sore throat for 3 days.\n\nCourse: Given dexamethasone 10 mg"
        " PO here.\n"
    )
    assert status_of(text, "dexamethasone") is S.GIVEN


@pytest.mark.parametrize(
    "line",
    [
        "- Do NOT stop warfarin for longer without cardiology input (mechanical valve).",
        "- Don't hold warfarin beyond tomorrow's dose.",
        "- Warfarin should not be held any longer than 2 doses.",
    ],
)
def test_a_limit_on_a_pause_leaves_the_pause(line: str) -> None:
    text = (
        f"Plan:\n- Warfarin: hold tonight's dose, then resume home dose tomorrow evening.\n{line}\n"
    )
    assert status_of(text, "warfarin") is S.HELD


@pytest.mark.parametrize(
    "line",
    [
        "- He cannot be taken off warfarin (mechanical valve).",
        "- Do not stop warfarin before the cardiology visit.",
    ],
)
def test_a_denied_stop_without_a_limit_keeps_the_drug(line: str) -> None:
    text = f"Plan:\n{line}\n"
    assert status_of(text, "warfarin") is S.CONTINUED


# --- A stop the patient made since the last visit stays a stop; dated, it is history ----------


@pytest.mark.parametrize(
    ("story", "drug", "expected"),
    [
        ("She stopped taking ibuprofen because it upset her stomach.", "ibuprofen", S.STOPPED),
        ("He stopped the naproxen, it upset his stomach.", "naproxen", S.STOPPED),
        ("Meloxicam was stopped for a GI bleed last spring.", "meloxicam", S.HISTORICAL),
        ("She stopped sertraline in March because it made her tired.", "sertraline", S.HISTORICAL),
    ],
)
def test_a_stop_told_with_its_reason_is_history_only_when_told_with_when(
    story: str, drug: str, expected: MedicationStatus
) -> None:
    text = f"Date of Service: 05/02/2025\nHPI: 54-year-old seen for her annual exam. {story}\n"
    assert status_of(text, drug) is expected


# --- A firm order before the name decides; what follows a comma or "and <act>" is of another act


@pytest.mark.parametrize(
    ("line", "drug", "status"),
    [
        ("Start sertraline 50 mg daily, call if mood worsens.", "sertraline", S.STARTED),
        (
            "Start lisinopril 10 mg daily and recheck BMP in 1 week if creatinine rises.",
            "lisinopril",
            S.STARTED,
        ),
        (
            "Continue apixaban 5 mg BID, would be reasonable to reassess in 3 months.",
            "apixaban",
            S.CONTINUED,
        ),
        (
            "Begin amlodipine 5 mg daily; return to clinic if swelling develops.",
            "amlodipine",
            S.STARTED,
        ),
        (
            "Increase metoprolol succinate to 50 mg daily, an echo would be a reasonable next"
            " step.",
            "metoprolol",
            S.CHANGED,
        ),
        ("Resume furosemide 20 mg daily and call us if weight rises.", "furosemide", S.RESUMED),
    ],
)
def test_a_condition_or_option_of_a_later_act_leaves_a_firm_order(
    line: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(f"Plan:\n- {line}\n", drug) is status


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("Atorvastatin 20 mg was recommended and she started it.", "atorvastatin"),
        ("Sertraline 25 mg daily was suggested and he has started it.", "sertraline"),
        ("Rosuvastatin 10 mg is recommended and the patient is taking it.", "rosuvastatin"),
    ],
)
def test_a_recommendation_the_patient_took_up_is_not_proposed(line: str, drug: str) -> None:
    assert status_of(f"Assessment and Plan:\n1. {line}\n", drug) is not S.PROPOSED


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("Add gabapentin 100 mg at night, only if the burning persists.", "gabapentin"),
        ("Sitagliptin 50 mg daily would be a reasonable alternative.", "sitagliptin"),
        ("Loperamide only if diarrhea develops.", "loperamide"),
    ],
)
def test_an_option_said_of_the_drug_without_a_firm_order_stays_proposed(
    line: str, drug: str
) -> None:
    assert status_of(f"Plan:\n- {line}\n", drug) is S.PROPOSED


@pytest.mark.parametrize(
    ("line", "drug", "status"),
    [
        (
            "Continue lisinopril 10 mg daily, not taking ibuprofen anymore.",
            "lisinopril",
            S.CONTINUED,
        ),
        ("Start losartan 25 mg daily; no longer taking the lisinopril.", "losartan", S.STARTED),
        ("Metformin 500 mg BID - not taking (GI upset).", "metformin", S.STOPPED),
    ],
)
def test_not_taking_said_of_the_next_drug_does_not_stop_this_one(
    line: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(f"Plan:\n- {line}\n", drug) is status


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("Sumatriptan 50 mg PRN migraine - has not needed it.", "sumatriptan"),
        ("Ondansetron 4 mg q8h PRN nausea - has not needed lately.", "ondansetron"),
        ("Meds:\n- albuterol HFA 2 puffs q4h PRN - has not needed.", "albuterol"),
    ],
)
def test_a_prn_drug_not_needed_lately_after_its_name_is_kept(line: str, drug: str) -> None:
    assert status_of(f"Date of Service: 05/02/2025\n{line}\n", drug) is S.CONTINUED


def test_not_needed_for_a_time_after_its_name_is_still_a_stop() -> None:
    text = "Date of Service: 05/02/2025\nAlbuterol inhaler PRN: has not needed since October.\n"
    assert status_of(text, "albuterol") is S.STOPPED
