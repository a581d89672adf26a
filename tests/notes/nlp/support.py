"""Loads the sample notes and looks items up in an analysis by name."""

from pathlib import Path

from carechart.notes.nlp import (
    Medication,
    MedicationStatus,
    NoteAnalysis,
    Problem,
    Vital,
    VitalKind,
    analyse,
)
from tests.shared_samples import shared_soap

OWN_NOTES = Path(__file__).resolve().parent / "notes"


def soap_text(name: str, *, mojibake: bool = False) -> str:
    """A shared sample note; outside CI the test skips, saying why, when they are not there."""
    folder = shared_soap() / "mojibake" if mojibake else shared_soap()
    return (folder / name).read_text(encoding="utf-8")


def soap(name: str) -> NoteAnalysis:
    return analyse(soap_text(name))


def own_text(name: str) -> str:
    return (OWN_NOTES / name).read_text(encoding="utf-8")


def own(name: str) -> NoteAnalysis:
    return analyse(own_text(name))


def medication(analysis: NoteAnalysis, name: str) -> Medication:
    found = [m for m in analysis.medications if m.name.lower().split()[0] == name.lower()]
    assert len(found) == 1, f"{name}: {[m.name for m in analysis.medications]}"
    return found[0]


def medication_containing(analysis: NoteAnalysis, word: str) -> Medication:
    """The one medication whose name holds `word` ("glargine" in "insulin glargine")."""
    found = [m for m in analysis.medications if word in m.name.lower()]
    assert len(found) == 1, f"{word}: {[m.name for m in analysis.medications]}"
    return found[0]


def medication_names(analysis: NoteAnalysis) -> set[str]:
    return {m.name.lower().split()[0] for m in analysis.medications}


def vital(analysis: NoteAnalysis, kind: VitalKind) -> Vital:
    found = [v for v in analysis.vitals if v.kind is kind]
    assert len(found) == 1, f"{kind}: {found}"
    return found[0]


def problem_texts(analysis: NoteAnalysis) -> list[str]:
    return [p.text for p in analysis.problems]


def active_problems(analysis: NoteAnalysis) -> list[Problem]:
    return [p for p in analysis.problems if p.status == "active"]


def negated(analysis: NoteAnalysis) -> set[str]:
    return {f.text.lower() for f in analysis.negated_findings}


def historical(analysis: NoteAnalysis, kind: str) -> set[str]:
    return {f.text.lower() for f in analysis.historical_findings if f.kind == kind}


def section_names(analysis: NoteAnalysis) -> list[str]:
    return [s.name.value for s in analysis.sections]


def status_of(text: str, drug: str, note_type: str | None = None) -> MedicationStatus:
    """The status of the one medication whose ingredient or name holds `drug`."""
    found = [
        m
        for m in analyse(text, client_note_type=note_type).medications
        if drug in (m.ingredient or "").lower() or drug in m.name.lower()
    ]
    assert len(found) == 1, f"{drug}: {[m.name for m in found]}"
    return found[0].status


def allergy_pairs(text: str) -> list[tuple[str, str | None]]:
    """The note's allergies as (substance, reaction), lower case."""
    return [
        (a.substance.lower(), a.reaction and a.reaction.lower()) for a in analyse(text).allergies
    ]


def named_medications(text: str) -> set[str]:
    """The note's medications by their whole name, lower case."""
    return {m.name.lower() for m in analyse(text).medications}
