"""The fixture set of the evaluation tests, and a made-up extractor that answers its labels.

The oracle reads the labels back as an analysis, so a test starts from full marks and changes
one thing ("drop a drug", "call SpO2 a heart rate") to show that the scorer notices.
"""

from collections.abc import Callable
from pathlib import Path

from carechart.notes.nlp import (
    Allergy,
    EncounterDate,
    Lab,
    LabFlag,
    Medication,
    MedicationStatus,
    NegatedFinding,
    NoteAnalysis,
    NoteType,
    NoteTypeResult,
    Plan,
    PlanKind,
    Problem,
    ProblemStatus,
    SectionName,
    Vital,
    VitalKind,
)
from eval.corpus import Corpus, load_set
from eval.evaluate import Evaluation, evaluate
from eval.labels import NoteLabel, VitalsLabel
from eval.runner import Analyser, Run, run_corpus

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TINY = FIXTURES / "tiny"
_AT = {"start": 0, "end": 0}
_PROBLEM_STATUS = {
    "active": ProblemStatus.ACTIVE,
    "history": ProblemStatus.HISTORICAL,
    "resolved": ProblemStatus.RESOLVED,
}


def tiny() -> Corpus:
    return load_set(TINY)


def _medications(label: NoteLabel) -> list[Medication]:
    return [
        Medication(
            **_AT,
            text=m.as_written,
            name=m.as_written,
            ingredient=m.name,
            dose=m.dose,
            status=MedicationStatus(m.status),
            section=SectionName.MEDICATIONS,
            mentions=[],
        )
        for m in label.medications
    ]


def _vitals(label: VitalsLabel) -> list[Vital]:
    vitals = []
    if label.blood_pressure:
        systolic, diastolic = (int(n) for n in label.blood_pressure.split("/"))
        vitals.append(vital(VitalKind.BLOOD_PRESSURE, None, "mmHg", systolic, diastolic))
    for kind, value, unit in [
        (VitalKind.HEART_RATE, label.heart_rate, "bpm"),
        (VitalKind.RESPIRATORY_RATE, label.respiratory_rate, "/min"),
        (VitalKind.SPO2, label.spo2, "%"),
    ]:
        if value is not None:
            vitals.append(vital(kind, value, unit))
    for kind, quantity in [
        (VitalKind.TEMPERATURE, label.temperature),
        (VitalKind.WEIGHT, label.weight),
    ]:
        if quantity is not None:
            vitals.append(vital(kind, quantity.value, quantity.unit))
    return vitals


def vital(
    kind: VitalKind,
    value: float | None,
    unit: str,
    systolic: int | None = None,
    diastolic: int | None = None,
    text: str = "",
) -> Vital:
    return Vital(
        **_AT, text=text, kind=kind, value=value, unit=unit, systolic=systolic, diastolic=diastolic
    )


def perfect(label: NoteLabel) -> NoteAnalysis:
    """What an extractor that agrees with every label would return."""
    kind = NoteType(label.note_type)
    day = label.encounter_date
    return NoteAnalysis(
        extractor_version="oracle",
        has_text=True,
        note_type=NoteTypeResult(
            value=kind,
            confidence=1,
            cues=[],
            source="classifier",
            classifier_value=kind,
            classifier_confidence=1,
        ),
        encounter_date=EncounterDate(**_AT, text="", value=day, label="Date") if day else None,
        medications=_medications(label),
        problems=[
            Problem(
                **_AT,
                text=p.name,
                status=_PROBLEM_STATUS[p.status],
                uncertain=p.uncertain,
                section=SectionName.ASSESSMENT,
            )
            for p in label.problems
        ],
        allergies=[
            Allergy(**_AT, text=a.substance, substance=a.substance, reaction=a.reaction)
            for a in label.allergies
        ],
        no_known_allergies=label.no_known_allergies,
        vitals=_vitals(label.vitals),
        labs=[
            Lab(
                **_AT,
                text=lab.name,
                name=lab.name,
                value=float(lab.value),
                unit=lab.unit,
                flag=LabFlag(lab.flag) if lab.flag else None,
            )
            for lab in label.labs
            if isinstance(lab.value, float)
        ],
        plans=[
            Plan(**_AT, text=f.what, kind=PlanKind.FOLLOW_UP, due=f.due) for f in label.follow_ups
        ],
        negated_findings=[
            NegatedFinding(**_AT, text=t, trigger="no", section=SectionName.OBJECTIVE)
            for t in label.negated_findings
        ],
    )


Change = Callable[[str, NoteAnalysis], NoteAnalysis]


def oracle(corpus: Corpus, change: Change | None = None) -> Analyser:
    """An analyser answering each note's labels, changed by `change(note_id, analysis)`."""
    by_text = {note.text: note for note in corpus.notes}

    def analyse(text: str, *, client_note_type: str | None = None) -> NoteAnalysis:
        note = by_text.get(text)
        if note is None:  # the runner's warm-up call
            return perfect(corpus.notes[0].label)
        analysis = perfect(note.label)
        return change(note.id, analysis) if change else analysis

    return analyse


def run_with(change: Change | None = None, corpus: Corpus | None = None) -> Run:
    corpus = corpus or tiny()
    return run_corpus(corpus, oracle(corpus, change))


def evaluate_with(change: Change | None = None) -> Evaluation:
    return evaluate(run_with(change))


def only(note_id: str, change: Callable[[NoteAnalysis], NoteAnalysis]) -> Change:
    """A change applied to one note of the set."""

    def apply(current: str, analysis: NoteAnalysis) -> NoteAnalysis:
        return change(analysis) if current == note_id else analysis

    return apply


def medication(name: str, status: MedicationStatus = MedicationStatus.CONTINUED) -> Medication:
    return Medication(
        start=0,
        end=0,
        text=name,
        name=name,
        status=status,
        section=SectionName.MEDICATIONS,
        mentions=[],
    )


def problem(text: str, status: ProblemStatus = ProblemStatus.ACTIVE) -> Problem:
    return Problem(start=0, end=0, text=text, status=status, section=SectionName.ASSESSMENT)


Edit = Callable[[NoteAnalysis], NoteAnalysis]


def with_medications(*meds: Medication) -> Edit:
    return lambda a: a.model_copy(update={"medications": [*a.medications, *meds]})


def replaced(field: str, old: str, new: object) -> Edit:
    """Replaces the item of `field` whose text is `old` by `new` (an item, or None to drop)."""

    def change(a: NoteAnalysis) -> NoteAnalysis:
        items = [i for i in getattr(a, field) if i.text != old]
        assert len(items) == len(getattr(a, field)) - 1, f"{old} not in {field}"
        return a.model_copy(update={field: items + ([new] if new is not None else [])})

    return change
