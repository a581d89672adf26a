"""Medication status of a drug the patient let lapse, of a start that waits on results, and of a
consultant's advice (issue 11). "Has not taken apixaban since the bleed" tells of a drug stopped,
not a drug denied; "start apixaban once cultures are negative" keeps apixaban, put forward; "would
start carvedilol" and "TXA planned intra-op" are proposals, not doses begun or given. Each class
is held by phrasings of several hospitals and by counter-cases."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import status_of

S = MedicationStatus


def _history(sentence: str) -> str:
    return (
        f"Clinic follow-up\nDate of visit: 06/10/2025\n\nHPI:\n64-year-old seen today. {sentence}\n"
    )


def _plan(line: str) -> str:
    return f"Clinic follow-up\nDate of visit: 06/10/2025\n\nAssessment and plan:\n1. {line}\n"


def _consult(lines: list[str]) -> str:
    body = "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))
    return (
        "CARDIOLOGY CONSULTATION\nDate of consult: 06/10/2025\nReason: atrial fibrillation\n\n"
        f"IMPRESSION AND RECOMMENDATIONS:\n{body}\n"
    )


# --- A drug let lapse is stopped, not denied ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        ("He has not taken his apixaban since the GI bleed.", "apixaban"),
        (
            "She says she has NOT taken metformin for about 2 months - it upset her stomach.",
            "metformin",
        ),
        ("Hasn't taken amlodipine since his last visit.", "amlodipine"),
        ("He has not been taking his furosemide for the past 3 weeks.", "furosemide"),
        ("She hasn't been using the estradiol patch.", "estradiol"),
        ("Has not used hydroxyzine at all since the last visit.", "hydroxyzine"),
        ("Patient has not filled her sertraline in over a month.", "sertraline"),
    ],
)
def test_a_drug_not_taken_for_a_while_is_stopped(sentence: str, drug: str) -> None:
    assert status_of(_history(sentence), drug) is S.STOPPED


def test_a_drug_not_taken_for_years_is_historical() -> None:
    text = _history("He has not been on lisinopril for 5 years.")
    assert status_of(text, "lisinopril") is S.HISTORICAL


@pytest.mark.parametrize(
    "sentence",
    ["She has not taken any ibuprofen.", "He has not taken naproxen or other NSAIDs."],
)
def test_a_drug_never_taken_is_still_denied(sentence: str) -> None:
    names = {m.name.lower() for m in analyse(_history(sentence)).medications}
    assert not names & {"ibuprofen", "naproxen"}


def test_a_drug_as_needed_unused_without_a_time_is_kept() -> None:
    text = (
        "Clinic follow-up\nDate of visit: 06/10/2025\n\nMedications:\n- nitroglycerin 0.4 mg SL "
        "PRN chest pain\n- aspirin 81 mg daily\n\nHPI:\nNo chest pain, has not used the "
        "nitroglycerin.\n"
    )
    assert status_of(text, "nitroglycerin") is S.CONTINUED


# --- A start waiting on results or on healing is put forward ----------------------------------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        (
            "Atrial fibrillation. Start apixaban 5 mg twice daily once blood cultures are "
            "negative.",
            "apixaban",
        ),
        ("Start heparin infusion once the repeat CT head is negative for bleed.", "heparin"),
        (
            "Will start risankizumab once QuantiFERON and hepatitis panel come back clear.",
            "risankizumab",
        ),
        (
            "Initiate methotrexate 15 mg weekly when the hepatitis serologies result.",
            "methotrexate",
        ),
        ("Begin warfarin after the pacemaker pocket has healed.", "warfarin"),
        ("Add allopurinol 100 mg daily after the flare resolves.", "allopurinol"),
    ],
)
def test_a_start_waiting_on_results_is_proposed(line: str, drug: str) -> None:
    assert status_of(_plan(line), drug) is S.PROPOSED


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("Start cefazolin 2 g IV q8h after blood cultures are drawn.", "cefazolin"),
        ("Begin vancomycin once blood cultures obtained.", "vancomycin"),
        ("Start metformin 500 mg daily after meals.", "metformin"),
    ],
)
def test_a_start_after_a_step_of_its_own_order_is_begun(line: str, drug: str) -> None:
    assert status_of(_plan(line), drug) is S.STARTED


def test_a_negative_result_before_the_drug_still_denies_nothing_after_it() -> None:
    text = _plan("Cultures were negative; continue cefpodoxime 200 mg BID.")
    assert status_of(text, "cefpodoxime") is S.CONTINUED


# --- A consultant's advice is a proposal ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("Would start carvedilol 3.125 mg BID.", "carvedilol"),
        ("I would add spironolactone 25 mg daily.", "spironolactone"),
        ("Would also initiate dapagliflozin 10 mg daily.", "dapagliflozin"),
        ("Recommend initiation of sacubitril-valsartan 24-26 mg BID.", "sacubitril"),
        ("Suggest initiating allopurinol 100 mg daily.", "allopurinol"),
        ("We recommend beginning rosuvastatin 20 mg nightly.", "rosuvastatin"),
    ],
)
def test_a_consultants_advice_is_proposed(line: str, drug: str) -> None:
    assert status_of(_consult([line, "Will follow."]), drug) is S.PROPOSED


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        ("Tranexamic acid planned intra-op.", "tranexamic"),
        ("Alendronate is planned once vitamin D is replete.", "alendronate"),
        ("Propofol, rocuronium and sugammadex planned.", "sugammadex"),
        ("Cefazolin 2 g IV to be given within 60 minutes of incision.", "cefazolin"),
    ],
)
def test_a_dose_planned_is_proposed(sentence: str, drug: str) -> None:
    text = f"PRE-ANESTHESIA EVALUATION\nDate: 06/10/2025\n\nPlan:\n{sentence}\n"
    assert status_of(text, drug) is S.PROPOSED


def test_a_dose_given_as_planned_is_given() -> None:
    text = (
        "OPERATIVE NOTE\nDate of surgery: 06/10/2025\n\nAnesthesia: general.\n\nProcedure:\n"
        "Induction with propofol as planned. Cefazolin 2 g IV given at 07:50.\n"
    )
    assert status_of(text, "propofol") is S.GIVEN


# --- Stops told of a course and of a pair -------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        (
            "Clindamycin course complete after tonight's dose - no further antibiotics.",
            "clindamycin",
        ),
        ("Amoxicillin course is complete; no further antibiotics.", "amoxicillin"),
        ("Metronidazole therapy complete as of today.", "metronidazole"),
        ("Stop taking your ibuprofen and your glipizide.", "glipizide"),
        ("Please stop his naproxen and the meloxicam.", "meloxicam"),
    ],
)
def test_a_course_finished_or_a_drug_stopped_in_a_pair_is_stopped(line: str, drug: str) -> None:
    assert status_of(_plan(line), drug) is S.STOPPED


def test_a_hold_of_both_drugs_reaches_the_second() -> None:
    text = _plan("Hold his lisinopril and his metformin until the creatinine improves.")
    assert status_of(text, "metformin") is S.HELD


# --- A drug for a course that may come back is put forward --------------------------------------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("If heartburn returns, famotidine 20 mg PRN.", "famotidine"),
        ("If AF recurs: flecainide 50 mg pill-in-pocket.", "flecainide"),
        ("If symptoms return: omeprazole 20 mg daily for 4 weeks.", "omeprazole"),
        ("Should the cough persist, benzonatate 100 mg TID PRN.", "benzonatate"),
        ("If the rash flares, triamcinolone 0.1% cream BID for 7 days.", "triamcinolone"),
    ],
)
def test_a_drug_for_a_course_that_may_come_back_is_proposed(line: str, drug: str) -> None:
    assert status_of(_plan(line), drug) is S.PROPOSED


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("If wheezing: albuterol 2 puffs q4h PRN.", "albuterol"),
        ("Ondansetron 4 mg q8h PRN nausea.", "ondansetron"),
    ],
)
def test_an_order_as_needed_for_a_symptom_is_begun(line: str, drug: str) -> None:
    assert status_of(_plan(line), drug) is S.STARTED


# --- Another drug's stop in a parenthesis is its own ---------------------------------------------


@pytest.mark.parametrize(
    ("line", "kept", "stopped"),
    [
        (
            "Continue atorvastatin 80 mg nightly (simvastatin discontinued).",
            "atorvastatin",
            "simvastatin",
        ),
        ("Continue apixaban 5 mg BID (warfarin stopped).", "apixaban", "warfarin"),
        ("Continue losartan 50 mg daily (lisinopril d/c'd for cough).", "losartan", "lisinopril"),
    ],
)
def test_a_stop_in_a_parenthesis_is_the_named_drugs(line: str, kept: str, stopped: str) -> None:
    text = _plan(line)
    assert status_of(text, kept) is S.CONTINUED
    assert status_of(text, stopped) is S.STOPPED


def test_a_stop_after_a_brand_and_its_ingredient_is_the_one_drugs() -> None:
    text = (
        "Clinic follow-up\nDate of visit: 06/10/2025\n\nMedications:\n"
        "Plavix (clopidogrel) 75 mg - stopped\n"
    )
    assert status_of(text, "clopidogrel") is S.STOPPED


# --- A stop owed on a condition is a rule for later ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        (
            "Metformin is appropriate for now, but it should be stopped if his eGFR falls "
            "below 30.",
            "metformin",
        ),
        ("Lisinopril will need to be held when he has vomiting or diarrhea.", "lisinopril"),
        ("Atorvastatin should be discontinued should myalgias develop.", "atorvastatin"),
        ("Apixaban may be stopped once the 3-month course is complete.", "apixaban"),
    ],
)
def test_a_stop_owed_on_a_condition_leaves_the_drug_taken(sentence: str, drug: str) -> None:
    text = (
        "Clinic follow-up\nDate of visit: 06/10/2025\n\nMedications:\n- metformin 500 mg BID\n"
        "- lisinopril 20 mg daily\n- atorvastatin 40 mg nightly\n- apixaban 5 mg BID\n\n"
        f"Assessment and plan:\n1. {sentence}\n"
    )
    assert status_of(text, drug) is S.CONTINUED


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [("Aspirin should be stopped.", "aspirin"), ("Metformin will be stopped today.", "metformin")],
)
def test_a_stop_owed_without_a_condition_is_a_stop(sentence: str, drug: str) -> None:
    text = (
        "Clinic follow-up\nDate of visit: 06/10/2025\n\nMedications:\n- aspirin 81 mg daily\n"
        f"- metformin 500 mg BID\n\nAssessment and plan:\n1. {sentence}\n"
    )
    assert status_of(text, drug) is S.STOPPED
