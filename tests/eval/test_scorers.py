"""The scorers on the fixture set: a perfect extraction scores full marks, and each kind of
wrong extraction lowers the figure that should notice it (and is listed for review)."""

from datetime import date

import pytest

from carechart.notes.nlp import (
    EncounterDate,
    Lab,
    MedicationStatus,
    NegatedFinding,
    NoteAnalysis,
    NoteType,
    ProblemStatus,
    SectionName,
    VitalKind,
)
from eval.evaluate import Evaluation
from eval.scorers.medications import amounts, doses_agree
from eval.scoring import Figure, figures
from eval.text import words
from tests.eval.support import (
    evaluate_with,
    medication,
    only,
    problem,
    replaced,
    vital,
    with_medications,
)

H_AND_P = "f01-1-history-and-physical"
DISCHARGE = "f01-2-discharge-summary"
OFFICE = "f02-1-office-visit"
OPERATIVE = "f03-1-operative-report"
EXPORT = "f04-1-transcription-export"


def value(evaluation: Evaluation, key: str) -> float | None:
    return evaluation.figures[key].value


def details(evaluation: Evaluation, note_id: str) -> list[str]:
    return [f"{d.field} {d.kind}: {d.text}" for d in evaluation.notes[note_id].details]


@pytest.fixture(scope="module")
def perfect() -> Evaluation:
    return evaluate_with()


def test_a_perfect_extraction_scores_full_marks_on_every_note_field(perfect: Evaluation) -> None:
    note_figures = {k: f for k, f in perfect.figures.items() if not k.startswith("chart.")}
    wrong = {
        k: f.value
        for k, f in note_figures.items()
        if (f.better == "higher" and f.value not in (None, 1.0))
        or (f.better == "lower" and f.value != 0)
    }
    assert wrong == {}
    assert all(not s.details for s in perfect.notes.values())
    # Every field of the labels was measured at least once.
    measured = {k for k, f in note_figures.items() if f.denominator}
    assert {
        "medications.dose.agreement",
        "labs.unit.agreement",
        "vitals.temperature.agreement",
        "follow_ups.due.agreement",
        "problems.history.recall",
    } <= measured


def test_a_missed_medication_lowers_recall_and_is_listed(perfect: Evaluation) -> None:
    worse = evaluate_with(only(OFFICE, replaced("medications", "Nexium", None)))
    assert value(worse, "medications.name.recall") < value(perfect, "medications.name.recall")
    assert value(worse, "medications.name.precision") == 1.0
    assert "medications missed: esomeprazole (Nexium, continued)" in details(worse, OFFICE)


def test_a_brand_name_as_written_names_the_drug_even_without_an_ingredient() -> None:
    toprol = medication("Toprol XL")
    found = evaluate_with(only(OFFICE, replaced("medications", "Toprol XL", toprol)))
    assert value(found, "medications.name.recall") == 1.0
    assert value(found, "medications.name.precision") == 1.0
    # Without its ingredient the drug is found but not normalised.
    assert value(found, "medications.ingredient.accuracy") < 1.0


def test_the_same_drug_entered_twice_is_a_false_positive() -> None:
    twice = evaluate_with(only(H_AND_P, with_medications(medication("atorvastatin 40 mg"))))
    assert value(twice, "medications.name.precision") < 1.0
    assert value(twice, "medications.name.recall") == 1.0
    assert any("a second entry for atorvastatin" in d for d in details(twice, H_AND_P))


def test_an_ignored_mention_is_neither_rewarded_nor_penalised() -> None:
    fluids = evaluate_with(only(OPERATIVE, with_medications(medication("Lactated Ringer's"))))
    assert value(fluids, "medications.name.precision") == 1.0
    assert details(fluids, OPERATIVE) == []


def test_an_allergen_listed_as_a_medication_is_counted_and_lowers_precision() -> None:
    sulfa = evaluate_with(only(EXPORT, with_medications(medication("sulfa"))))
    assert value(sulfa, "medications.allergen_as_medication") == 1
    assert value(sulfa, "medications.name.precision") < 1.0
    assert "medications spurious: sulfa: an allergen listed as a medication" in details(
        sulfa, EXPORT
    )


def test_a_wrong_status_lowers_status_accuracy_and_shows_in_the_confusion_table() -> None:
    cefazolin = medication("Cefazolin", MedicationStatus.UNKNOWN)
    wrong = evaluate_with(only(OPERATIVE, replaced("medications", "Cefazolin", cefazolin)))
    assert value(wrong, "medications.status.accuracy") < 1.0
    assert wrong.confusions["medications.status"][("given", "unknown")] == 1
    assert "medications wrong: cefazolin: status unknown, labelled given" in details(
        wrong, OPERATIVE
    )


def test_a_wrong_dose_lowers_dose_agreement_but_spelling_and_units_do_not() -> None:
    lipitor = medication("Lipitor").model_copy(
        update={"dose": "20 mg", "ingredient": "atorvastatin"}
    )
    wrong = evaluate_with(only(H_AND_P, replaced("medications", "Lipitor", lipitor)))
    assert value(wrong, "medications.dose.agreement") < 1.0
    spelt = lipitor.model_copy(update={"dose": "40mg"})
    assert (
        value(
            evaluate_with(only(H_AND_P, replaced("medications", "Lipitor", spelt))),
            "medications.dose.agreement",
        )
        == 1.0
    )
    grams = medication("Ceftriaxone", MedicationStatus.STARTED).model_copy(
        update={"dose": "1000 mg"}
    )
    same = evaluate_with(only(H_AND_P, replaced("medications", "Ceftriaxone", grams)))
    assert value(same, "medications.dose.agreement") == 1.0


def test_abbreviated_problems_match_and_wrong_ones_lower_precision() -> None:
    htn = evaluate_with(
        only(OFFICE, replaced("problems", "hypertension", problem("HTN, not at goal")))
    )
    assert value(htn, "problems.all.recall") == 1.0
    assert value(htn, "problems.all.precision") == 1.0
    extra = evaluate_with(
        only(
            OFFICE,
            lambda a: a.model_copy(
                update={"problems": [*a.problems, problem("Adult annual health exam")]}
            ),
        )
    )
    assert value(extra, "problems.all.precision") < 1.0


def test_headers_and_procedures_given_as_problems_are_counted_for_review() -> None:
    noise = [
        problem("PROCEDURE IN DETAIL"),
        problem("Laparoscopic cholecystectomy"),
        problem("s/p appendectomy"),
    ]
    worse = evaluate_with(
        only(OPERATIVE, lambda a: a.model_copy(update={"problems": [*a.problems, *noise]}))
    )
    assert value(worse, "problems.header_like") == 1
    assert value(worse, "problems.procedure_like") == 2
    assert "problems review: header-like: PROCEDURE IN DETAIL" in details(worse, OPERATIVE)
    assert "problems review: procedure-like: s/p appendectomy" in details(worse, OPERATIVE)


def test_a_labelled_problem_is_never_counted_as_a_header_or_procedure() -> None:
    # "Symptomatic cholelithiasis" is also a heading text of the report ("PREOPERATIVE DIAGNOSIS"
    # is the heading, but the diagnosis itself is labelled): matched, so not counted.
    same = evaluate_with(
        only(
            OPERATIVE, replaced("problems", "cholelithiasis", problem("Symptomatic cholelithiasis"))
        )
    )
    assert value(same, "problems.header_like") == 0
    assert value(same, "problems.all.precision") == 1.0


def test_a_past_problem_called_active_lowers_status_and_the_active_and_history_figures() -> None:
    active = problem("osteoarthritis", ProblemStatus.ACTIVE)
    wrong = evaluate_with(only(H_AND_P, replaced("problems", "osteoarthritis", active)))
    assert value(wrong, "problems.status.accuracy") < 1.0
    assert value(wrong, "problems.active.precision") < 1.0
    assert value(wrong, "problems.history.recall") == 0.0
    assert value(wrong, "problems.all.recall") == 1.0


def test_a_hedged_problem_not_marked_uncertain_lowers_uncertainty_accuracy() -> None:
    sure = problem("obstructive sleep apnea")
    wrong = evaluate_with(only(EXPORT, replaced("problems", "obstructive sleep apnea", sure)))
    assert value(wrong, "problems.uncertain.accuracy") < 1.0


def test_negated_findings_match_abbreviations_and_a_miss_lowers_recall() -> None:
    sob = NegatedFinding(
        start=0, end=0, text="SOB", trigger="denies", section=SectionName.SUBJECTIVE
    )
    same = evaluate_with(only(OFFICE, replaced("negated_findings", "shortness of breath", sob)))
    assert value(same, "negated_findings.recall") == 1.0
    missed = evaluate_with(only(OFFICE, replaced("negated_findings", "palpitations", None)))
    assert value(missed, "negated_findings.recall") < 1.0


def test_si_and_hi_are_spelt_out_as_the_ideations_they_deny() -> None:
    assert words("SI") == words("suicidal ideation")
    assert words("HI") == words("homicidal ideation")
    assert words("SI") != words("homicidal ideation")


def test_ef_is_spelt_out_as_ejection_fraction() -> None:
    assert words("heart failure with preserved EF") == words(
        "heart failure with preserved ejection fraction"
    )


def test_spo2_read_as_heart_rate_is_counted_and_a_wrong_rate_lowers_agreement() -> None:
    def spo2_as_pulse(a: NoteAnalysis) -> NoteAnalysis:
        others = [v for v in a.vitals if v.kind is not VitalKind.HEART_RATE]
        pulse = vital(VitalKind.HEART_RATE, 98, "bpm", text="pulse oximetry 98%")
        return a.model_copy(update={"vitals": [pulse, *others]})

    worse = evaluate_with(only(OFFICE, spo2_as_pulse))
    assert value(worse, "vitals.spo2_as_heart_rate") == 1
    assert value(worse, "vitals.heart_rate.agreement") < 1.0


def test_a_temperature_in_fahrenheit_agrees_with_its_celsius_label() -> None:
    fahrenheit = vital(VitalKind.TEMPERATURE, 101.1, "°F")
    same = evaluate_with(
        only(
            H_AND_P,
            lambda a: a.model_copy(
                update={
                    "vitals": [
                        fahrenheit if v.kind is VitalKind.TEMPERATURE else v for v in a.vitals
                    ]
                }
            ),
        )
    )
    assert value(same, "vitals.temperature.agreement") == 1.0


def test_a_range_read_as_a_lab_result_is_counted_and_a_lost_unit_lowers_unit_agreement() -> None:
    glucose = Lab(start=0, end=0, text="Glucose range 140-190", name="Glucose", value=140)
    worse = evaluate_with(only(OFFICE, lambda a: a.model_copy(update={"labs": [*a.labs, glucose]})))
    assert value(worse, "labs.range_as_result") == 1
    assert value(worse, "labs.result.precision") < 1.0
    wbc = Lab(start=0, end=0, text="WBC 15.2", name="WBC", value=15.2, flag="high")
    unitless = evaluate_with(only(H_AND_P, replaced("labs", "white blood cell count", wbc)))
    assert value(unitless, "labs.result.recall") == 1.0  # WBC is the white blood cell count
    assert value(unitless, "labs.unit.agreement") < 1.0


def test_a_qualitative_lab_is_not_scored_and_its_prediction_not_penalised() -> None:
    antigen = Lab(start=0, end=0, text="Legionella antigen", name="Legionella antigen", value=0)
    same = evaluate_with(only(H_AND_P, lambda a: a.model_copy(update={"labs": [*a.labs, antigen]})))
    assert value(same, "labs.result.precision") == 1.0
    assert value(same, "labs.result.recall") == 1.0


def test_a_wrong_note_type_lowers_accuracy_and_shows_in_the_confusion_table() -> None:
    def post_operative(a: NoteAnalysis) -> NoteAnalysis:
        kind = a.note_type.model_copy(update={"value": NoteType.POST_OPERATIVE})
        return a.model_copy(update={"note_type": kind})

    wrong = evaluate_with(only(OPERATIVE, post_operative))
    assert value(wrong, "note_type.accuracy") < 1.0
    assert wrong.confusions["note_type"][("procedure", "post_operative")] == 1
    assert wrong.groups["note_type"]["procedure"].figures["note_type.accuracy"].value == 0.0


def test_a_date_read_from_the_narrative_is_wrong_and_a_missing_date_is_only_null() -> None:
    narrative = EncounterDate(start=0, end=0, text="02/04/08", value=date(2008, 2, 4), label="")
    wrong = evaluate_with(
        only(EXPORT, lambda a: a.model_copy(update={"encounter_date": narrative}))
    )
    assert value(wrong, "encounter_date.wrong") == 1
    assert value(wrong, "encounter_date.right") < 1.0
    missing = evaluate_with(only(OFFICE, lambda a: a.model_copy(update={"encounter_date": None})))
    assert (value(missing, "encounter_date.null"), value(missing, "encounter_date.wrong")) == (1, 0)


def test_a_missed_follow_up_lowers_recall_and_a_wrong_due_date_lowers_agreement() -> None:
    missed = evaluate_with(only(DISCHARGE, replaced("plans", "primary care visit", None)))
    assert value(missed, "follow_ups.recall") < 1.0

    def late(a: NoteAnalysis) -> NoteAnalysis:
        plans = [p.model_copy(update={"due": date(2025, 5, 1)}) for p in a.plans]
        return a.model_copy(update={"plans": plans})

    assert value(evaluate_with(only(DISCHARGE, late)), "follow_ups.due.agreement") < 1.0


@pytest.mark.parametrize(
    ("due", "right"),
    [(date(2025, 10, 2), True), (date(2025, 10, 9), True), (date(2025, 10, 16), False)],
)
def test_either_end_of_a_labelled_range_is_a_right_due_date(due: date, right: bool) -> None:
    # "Follow up in surgery clinic in 2-3 weeks" from 2025-09-18: labelled 2025-10-02.
    def dated(a: NoteAnalysis) -> NoteAnalysis:
        return a.model_copy(update={"plans": [p.model_copy(update={"due": due}) for p in a.plans]})

    agreement = value(evaluate_with(only(OPERATIVE, dated)), "follow_ups.due.agreement")
    assert (agreement == 1.0) is right


def test_figures_are_given_per_note_type_and_format(perfect: Evaluation) -> None:
    assert set(perfect.groups["note_type"]) == {
        "admission",
        "discharge",
        "follow_up",
        "procedure",
        "consult",
    }
    assert perfect.groups["format"]["transcription_export"].size == 1


def test_a_note_has_figures_of_its_own() -> None:
    extra = with_medications(medication("Eliquis 2.5 mg"), medication("Zocor"))
    doubled = evaluate_with(only(EXPORT, extra))
    own = figures(doubled.notes[EXPORT])
    assert own["medications.name.precision"] == Figure(0.5, "higher", 2, 4)
    assert own["medications.name.recall"] == Figure(1.0, "higher", 2, 2)


@pytest.mark.parametrize(
    ("plan", "what", "named"),
    [
        ("PCP (Dr. Walsh) in 1 week.", "primary care follow-up (Dr. Walsh)", True),
        ("Repeat CXR in 6 weeks.", "repeat chest x-ray", True),
        ("Return in about 3 months for follow-up.", "follow-up visit", True),
        # A sentence that only mentions the words is not the follow-up.
        (
            "Check blood sugar before meals and at bedtime while on prednisone; call PCP if > 350.",
            "primary care visit with Dr. Nakamura",
            False,
        ),
        ("We will follow daily while inpatient.", "daily bmp", False),
        ("Recommend EGD; hold apixaban.", "colonoscopy", False),
    ],
)
def test_a_plan_names_a_follow_up_by_its_content_words(plan: str, what: str, named: bool) -> None:
    from eval.scorers.follow_ups import Planned, names

    assert bool(names(Planned("follow_up", plan, None), what)) is named


def test_headings_are_read_from_labels_before_colons_and_short_capitalised_lines() -> None:
    from eval.scorers.problems import headings
    from eval.text import phrase_key
    from tests.eval.support import perfect, tiny

    text = "Principal\nMedications Discontinued During This Encounter\nCode: DNR/DNI.\n"
    text += "The patient is well.\n1. Type 2 diabetes mellitus.\n"
    found = headings(text, perfect(tiny().notes[0].label))
    assert {phrase_key("Principal"), phrase_key("Code")} <= found
    assert phrase_key("Medications Discontinued During This Encounter") in found
    assert phrase_key("Type 2 diabetes mellitus") not in found
    assert phrase_key("The patient is well") not in found


@pytest.mark.parametrize(
    ("labelled", "predicted"),
    [
        ("1000 mg PO BID x 14 days", "1,000 mg"),
        ("1,000 mg twice daily", "1000 mg"),
        ("0.4 mg SL x1", "0.4 mg"),
        ("4 mL (128 mg) q6h prn", "128 mg"),
        ("44 mcg 2 puffs BID", "44 mcg/actuation"),
        ("1.5 tab PO TID", "1.5"),
        ("1 g IV q24h", "1000 mg"),
        ("5/325 mg 1 tab q6h PRN", "5/325 mg"),
    ],
)
def test_a_labelled_sig_agrees_with_its_amount_not_its_frequency(
    labelled: str, predicted: str
) -> None:
    assert doses_agree(labelled, predicted)


@pytest.mark.parametrize(
    ("labelled", "predicted"),
    [
        ("500 mg PO q6h", "6 mg"),
        ("1000 mg daily with dinner", "500 mg"),
        ("2 tabs q8h prn", "8 mg"),
        ("40 mg", None),
    ],
)
def test_a_frequency_or_a_strength_is_not_the_labelled_amount(
    labelled: str, predicted: str | None
) -> None:
    assert not doses_agree(labelled, predicted)


def test_a_labelled_dose_without_an_amount_is_judged_on_its_words() -> None:
    assert amounts("BID with meals") == []
    assert doses_agree("thin layer bid prn", "thin layer")
    assert not doses_agree("thin layer bid prn", "10 mg")


def test_a_predicted_dose_with_several_amounts_needs_each_in_the_label() -> None:
    assert doses_agree("5 mg daily except 7.5 mg Mon/Fri", "5 mg except 7.5 mg Mon/Fri")
    assert not doses_agree("5 mg daily except 7.5 mg Mon/Fri", "5 mg except 10 mg Mon/Fri")


def test_a_follow_up_label_is_named_by_any_of_its_wordings() -> None:
    from eval.scorers.follow_ups import Planned, names_any

    plan = Planned("follow_up", "Staples out at 10-14 days.", None)
    assert not names_any(plan, ("suture removal visit", None, None, ()))
    assert names_any(plan, ("suture removal visit", None, None, ("staple removal",)))


@pytest.mark.parametrize(
    ("service", "what", "named"),
    [
        ("Dermatology", "dermatology return visit", True),
        ("Orthopaedics", "orthopedic follow-up", True),
        ("Obstetrics", "return ob visit", True),
        ("Primary care", "primary care return visit", True),
        (None, "dermatology return visit", False),
        ("Cardiology", "dermatology return visit", False),
        ("Psychiatry", "psychiatry medication management follow-up", False),
    ],
)
def test_a_bare_return_visit_names_a_label_through_its_service(
    service: str | None, what: str, named: bool
) -> None:
    from eval.scorers.follow_ups import Planned, names_any

    plan = Planned("follow_up", "Return in 12 weeks.", None, service)
    assert bool(names_any(plan, (what, None, None, ()))) is named
