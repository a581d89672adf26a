"""Clinical-note understanding: rule-based, offline, deterministic extraction from note text."""

from carechart.notes.nlp.analyser import EXTRACTOR_VERSION, analyse, extractor_version
from carechart.notes.nlp.medications import medication_key
from carechart.notes.nlp.schemas import (
    Allergy,
    Author,
    EncounterDate,
    HistoricalFinding,
    Immunization,
    ImmunizationStatus,
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
    Section,
    SectionName,
    Span,
    Vital,
    VitalKind,
)
from carechart.notes.nlp.status_model import StatusModelError, packaged_status_model
from carechart.notes.nlp.vocabulary import load_vocabulary

__all__ = [
    "EXTRACTOR_VERSION",
    "Allergy",
    "Author",
    "EncounterDate",
    "HistoricalFinding",
    "Immunization",
    "ImmunizationStatus",
    "Lab",
    "LabFlag",
    "Medication",
    "MedicationStatus",
    "NegatedFinding",
    "NoteAnalysis",
    "NoteType",
    "NoteTypeResult",
    "Plan",
    "PlanKind",
    "Problem",
    "ProblemStatus",
    "Section",
    "SectionName",
    "Span",
    "StatusModelError",
    "Vital",
    "VitalKind",
    "analyse",
    "extractor_version",
    "medication_key",
    "warm_up",
]


def warm_up(*, status_model: bool = False) -> None:
    """Build the drug vocabulary now (about 2 s), at start-up, out of any request's path; with
    `status_model`, read its weights too, so a missing or broken file stops the start-up
    (StatusModelError) instead of failing notes."""
    load_vocabulary()
    if status_model:
        packaged_status_model()
