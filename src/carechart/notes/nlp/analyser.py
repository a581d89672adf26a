"""`analyse`: one pass over a note's text that runs every extractor and collects warnings."""

import re
from datetime import date, datetime

from carechart.notes.nlp.allergies import allergy_key, extract_allergies
from carechart.notes.nlp.author import extract_author
from carechart.notes.nlp.dates import SURGERY_WORDS, encounter_date
from carechart.notes.nlp.document import Document, prepare
from carechart.notes.nlp.findings import historical_findings, negated_findings
from carechart.notes.nlp.immunizations import extract_immunizations
from carechart.notes.nlp.labs import extract_labs
from carechart.notes.nlp.medications import extract_medications
from carechart.notes.nlp.note_type import note_type
from carechart.notes.nlp.plans import extract_plans
from carechart.notes.nlp.problems import extract_problems, without_ruled_out
from carechart.notes.nlp.schemas import (
    EncounterDate,
    NoteAnalysis,
    NoteType,
    Section,
    SectionName,
)
from carechart.notes.nlp.service import note_service, with_service
from carechart.notes.nlp.status_model import packaged_status_model, with_model_statuses
from carechart.notes.nlp.text import Seg
from carechart.notes.nlp.vitals import extract_vitals

EXTRACTOR_VERSION = "1.18.0"
# What an analysis made with the learned status model records as its version: its statuses
# are not the rules' alone, and re-extraction must tell the two apart.
STATUS_MODEL_SUFFIX = "+status-model"


def extractor_version(*, status_model: bool = False) -> str:
    """The version an analysis records: the rules', marked when the status model was on."""
    return EXTRACTOR_VERSION + STATUS_MODEL_SUFFIX if status_model else EXTRACTOR_VERSION


# UTF-8 read as cp1252 ("Â°" for "°", "â€" and one more character for a dash). The
# ingestion layer repairs it first; here it only earns a warning.
_MOJIBAKE = re.compile("Â[°±·µ]|â€|Ã[©¨¶¼]")


def _empty(client_note_type: str | None, status_model: bool) -> NoteAnalysis:
    doc = prepare("")
    result, warnings = note_type(doc, client_note_type)
    return NoteAnalysis(
        extractor_version=extractor_version(status_model=status_model),
        has_text=False,
        note_type=result,
        warnings=["the note has no text", *warnings],
    )


def _sections(doc: Document) -> list[Section]:
    return [
        Section(name=s.name, heading=s.heading, start=s.span.start, end=s.span.end)
        for s in doc.sections
    ]


def _warnings(
    doc: Document, analysis: NoteAnalysis, inferred_date: bool, taken_at: date | None
) -> list[str]:
    warnings: list[str] = []
    if _MOJIBAKE.search(doc.text):
        warnings.append("the text looks mis-encoded (UTF-8 read as cp1252); repair it first")
    if all(s.name is SectionName.HEADER for s in doc.sections):
        warnings.append("no section markers found")
    if analysis.encounter_date is None and taken_at is None:
        warnings.append("no encounter date found")
    elif analysis.encounter_date is not None and inferred_date:
        warnings.append("encounter date taken from the date heading the note")
    if analysis.note_type.classifier_value is NoteType.OTHER:
        warnings.append("note type not recognised")
    return warnings


_HEAD_SECTIONS = frozenset({SectionName.HEADER, SectionName.SIGNATURE})
# Notes dated by a stay's arrival, admission or discharge when nothing else dates them.
_STAY_KINDS = frozenset(
    {NoteType.ADMISSION, NoteType.DISCHARGE, NoteType.EMERGENCY, NoteType.OTHER}
)


def _header_end(doc: Document) -> int | None:
    """Where the first section starts: a date heading the document lies above it. A letterhead's
    signer line ("Ilse Marchetti, MD - Nephrology") opens no story: a letter's date may follow."""
    return next((s.span.start for s in doc.sections if s.name not in _HEAD_SECTIONS), None)


def _surgery(found: EncounterDate | None) -> date | None:
    """The day of the operation when the note is dated by it (an operative or procedure report)."""
    if found is None or not any(word in found.label.lower() for word in SURGERY_WORDS):
        return None
    return found.value


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def analyse(
    text: str,
    *,
    client_note_type: str | None = None,
    taken_at: date | datetime | None = None,
    status_model: bool = False,
) -> NoteAnalysis:
    """Understand one note: sections, type, date, vitals, drugs, problems, plans and more.

    Pure and deterministic: no I/O, no logging, the same text gives the same result. Store
    `result.model_dump(mode="json")` beside `EXTRACTOR_VERSION`; a client's note type, in any
    common spelling, wins over the classifier's. The encounter date is read from the note only;
    `taken_at` (when the client sent one) dates relative plans ("RTC 3 months") when the note
    has no date of its own, and settles the order of numeric dates that read either way
    ("10/03/2026" sent as taken on 10 March is a day-first note). `status_model` (the setting
    STATUS_MODEL_ENABLED, off by default) lets the learned status model revise the rules'
    medication statuses; off, nothing of it runs.
    """
    if not text.strip():
        return _empty(client_note_type, status_model)
    doc = prepare(text)
    kind, type_warnings = note_type(doc, client_note_type)
    # Only an operative or procedure report (or a note of no known type) is dated by its
    # operation: elsewhere a "Date of surgery:" is a past or planned one.
    later_visit = kind.value not in (NoteType.PROCEDURE, NoteType.OTHER)
    found_date, inferred = encounter_date(
        doc.text,
        header_end=_header_end(doc),
        later_visit=later_visit,
        discharge=kind.value is NoteType.DISCHARGE,
        emergency=kind.value is NoteType.EMERGENCY,
        stay=kind.value in _STAY_KINDS,
        taken=_day(taken_at),
    )
    reference = found_date.value if found_date else _day(taken_at)
    allergies = extract_allergies(doc)
    labs = extract_labs(doc)
    lab_spans = [Seg(lab.start, lab.end) for lab in labs]
    allergens = {allergy_key(a.substance) for a in allergies.allergies} - allergies.continued
    medications = extract_medications(
        doc, allergies.spans + lab_spans, allergens, kind.value, allergies.withdrawn, reference
    )
    negated = negated_findings(doc)
    author = extract_author(doc)
    service = note_service(doc, author)
    plans = extract_plans(
        doc,
        medications,
        reference,
        surgery=_surgery(found_date),
        discharge=kind.value is NoteType.DISCHARGE,
        taken=_day(taken_at),
    )
    analysis = NoteAnalysis(
        extractor_version=EXTRACTOR_VERSION,
        has_text=True,
        sections=_sections(doc),
        note_type=kind,
        encounter_date=found_date,
        vitals=extract_vitals(doc),
        medications=medications,
        problems=without_ruled_out(extract_problems(doc), negated),
        allergies=allergies.allergies,
        no_known_allergies=allergies.no_known_allergies,
        withdrawn_allergies=sorted(allergies.withdrawn),
        labs=labs,
        plans=with_service(plans, service),
        immunizations=extract_immunizations(doc),
        author=author,
        service=service,
        negated_findings=negated,
        historical_findings=historical_findings(doc),
    )
    warnings = type_warnings + _warnings(doc, analysis, inferred, _day(taken_at))
    analysis = analysis.model_copy(update={"warnings": warnings})
    if status_model:
        # The features read the note as given (the training rows did) and the rules' analysis.
        analysis = with_model_statuses(text, analysis, packaged_status_model())
        version = extractor_version(status_model=True)
        analysis = analysis.model_copy(update={"extractor_version": version})
    return analysis
