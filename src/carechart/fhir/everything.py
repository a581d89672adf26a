"""The chart as FHIR resources: Condition, MedicationStatement, AllergyIntolerance, Observation,
Encounter, and the latest summary as a Composition. Each derived resource points back to the
note and span it came from (meta.source, and the note-source extension per citation)."""

import html
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from carechart.fhir.mappers import LOINC, NOTE_SOURCE_EXTENSION, instant, note_type_concept
from carechart.notes.public import (
    Chart,
    ChartAllergy,
    ChartEncounter,
    ChartMedication,
    ChartProblem,
    ChartSeries,
    Citation,
    Measurement,
)
from carechart.summaries.public import SummaryDocument

_NAMESPACE = uuid.UUID("5d0f4f59-3e0e-4b8c-9a59-2f7c1c3b9a11")
_TERMINOLOGY = "http://terminology.hl7.org/CodeSystem"
UCUM = "http://unitsofmeasure.org"
VITALS_PROFILE = "http://hl7.org/fhir/StructureDefinition/vitalsigns"


def derived_id(patient_id: uuid.UUID, kind: str, key: str) -> str:
    """Stable across exports: the same fact of the same patient keeps its id."""
    return str(uuid.uuid5(_NAMESPACE, f"{patient_id}:{kind}:{key.lower()}"))


@dataclass
class Sources:
    """Where the chart's facts come from: the API base, to point at each note."""

    api: str
    patient_id: uuid.UUID

    def note_url(self, note_id: uuid.UUID) -> str:
        return f"{self.api}/patients/{self.patient_id}/notes/{note_id}"

    def cited(self, resource: dict[str, Any], citations: Sequence[Citation]) -> dict[str, Any]:
        """meta.source: the latest citation's note and span; an extension for every citation."""
        latest = citations[-1]
        resource["meta"] = {
            "source": f"{self.note_url(latest.note_id)}#{latest.start}-{latest.end}"
        }
        resource["extension"] = [_note_source(c) for c in citations]
        return resource


def _note_source(citation: Citation) -> dict[str, Any]:
    return {
        "url": NOTE_SOURCE_EXTENSION,
        "extension": [
            {
                "url": "note",
                "valueReference": {"reference": f"DocumentReference/{citation.note_id}"},
            },
            {"url": "start", "valueInteger": citation.start},
            {"url": "end", "valueInteger": citation.end},
            {"url": "text", "valueString": citation.text},
        ],
    }


def _concept(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding = {"system": f"{_TERMINOLOGY}/{system}", "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding]}


def encounter_id(patient_id: uuid.UUID, note_id: uuid.UUID) -> str:
    return derived_id(patient_id, "encounter", str(note_id))


# The v3 ActCode class of the visit a note records.
_INPATIENT = {"admission", "progress", "discharge"}


def encounter(sources: Sources, visit: ChartEncounter) -> dict[str, Any]:
    act = (
        "IMP"
        if visit.note_type in _INPATIENT
        else "EMER"
        if visit.note_type == "emergency"
        else "AMB"
    )
    display = {"IMP": "inpatient encounter", "EMER": "emergency", "AMB": "ambulatory"}[act]
    resource: dict[str, Any] = {
        "resourceType": "Encounter",
        "id": encounter_id(sources.patient_id, visit.note_id),
        "meta": {"source": sources.note_url(visit.note_id)},
        "extension": [
            {
                "url": NOTE_SOURCE_EXTENSION,
                "extension": [
                    {
                        "url": "note",
                        "valueReference": {"reference": f"DocumentReference/{visit.note_id}"},
                    }
                ],
            }
        ],
        "status": "finished",
        "class": {
            "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "code": act,
            "display": display,
        },
        "type": [note_type_concept(visit.note_type)],
        "subject": {"reference": f"Patient/{sources.patient_id}"},
        "period": {"start": instant(visit.taken_at)},
    }
    return resource


_CLINICAL = {"active": "active", "resolved": "resolved", "historical": "inactive"}


def condition(sources: Sources, problem: ChartProblem) -> dict[str, Any]:
    """A problem of the chart. On the problem list when it is past history or recurs across
    notes; otherwise the diagnosis of the one encounter that states it."""
    notes = {c.note_id for c in problem.sources}
    listed = problem.status == "historical" or len(notes) > 1
    category = "problem-list-item" if listed else "encounter-diagnosis"
    resource: dict[str, Any] = {
        "resourceType": "Condition",
        "id": derived_id(sources.patient_id, "condition", " ".join(problem.text.split())),
        "clinicalStatus": _concept("condition-clinical", _CLINICAL[problem.status]),
        # provisional and differential are the kinds of `unconfirmed` the chart can tell apart.
        "verificationStatus": _concept("condition-ver-status", problem.verification),
        "category": [_concept("condition-category", category)],
        "code": {"text": problem.text},
        "subject": {"reference": f"Patient/{sources.patient_id}"},
        "recordedDate": instant(problem.first_noted_at),
    }
    if not listed:
        note_id = problem.sources[-1].note_id
        resource["encounter"] = {
            "reference": f"Encounter/{encounter_id(sources.patient_id, note_id)}"
        }
    return sources.cited(resource, problem.sources)


# Our medication statuses as FHIR MedicationStatement.status.
MEDICATION_STATUS = {
    "started": "active",
    "continued": "active",
    "changed": "active",
    "resumed": "active",
    "held": "on-hold",
    "stopped": "stopped",
    "historical": "completed",
    "given": "completed",
    "proposed": "intended",
    "unknown": "unknown",
}


def medication_key(medication: ChartMedication) -> str:
    return medication.ingredient or medication.name


def medication_statement(sources: Sources, medication: ChartMedication) -> dict[str, Any]:
    concept: dict[str, Any] = {"text": medication.as_written}
    if medication.code is not None:
        code = medication.code
        concept["coding"] = [{"system": code.system, "code": code.code, "display": code.display}]
    dosage_text = " ".join(
        part
        for part in (
            medication.dose,
            medication.route,
            medication.frequency,
            "PRN" if medication.prn else None,
        )
        if part
    )
    resource: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "id": derived_id(sources.patient_id, "medication", medication_key(medication)),
        "status": MEDICATION_STATUS[medication.status],
        "medicationCodeableConcept": concept,
        "subject": {"reference": f"Patient/{sources.patient_id}"},
        "effectiveDateTime": instant(medication.last_mentioned_at),
        "dateAsserted": instant(medication.last_mentioned_at),
        "note": [{"text": f"Latest status in the notes: {medication.status}"}],
    }
    if dosage_text:
        dosage: dict[str, Any] = {"text": dosage_text, "asNeededBoolean": medication.prn}
        if medication.route:
            dosage["route"] = {"text": medication.route}
        resource["dosage"] = [dosage]
    citations = list(medication.sources)
    if medication.ended_at_discharge is not None:
        resource["statusReason"] = [{"text": "Left off the discharge medication list"}]
        citations.append(medication.ended_at_discharge)
    elif medication.superseded_by is not None:
        resource["statusReason"] = [{"text": "Left off a later visit's medication list"}]
        citations.append(medication.superseded_by)
    return sources.cited(resource, citations)


def allergy(sources: Sources, found: ChartAllergy) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "AllergyIntolerance",
        "id": derived_id(sources.patient_id, "allergy", " ".join(found.substance.split())),
        "clinicalStatus": _concept("allergyintolerance-clinical", "active"),
        "verificationStatus": _concept("allergyintolerance-verification", "confirmed"),
        "code": {"text": found.substance},
        "patient": {"reference": f"Patient/{sources.patient_id}"},
        "recordedDate": instant(found.sources[0].taken_at),
    }
    if found.reaction:
        resource["reaction"] = [{"manifestation": [{"text": found.reaction}]}]
    return sources.cited(resource, found.sources)


@dataclass(frozen=True)
class VitalCode:
    """The FHIR vital-signs profile's LOINC code and UCUM unit of one vital sign."""

    loinc: str
    display: str
    ucum: str
    profile: str
    also: tuple[tuple[str, str], ...] = ()


VITAL_CODES = {
    "heart_rate": VitalCode("8867-4", "Heart rate", "/min", "heartrate"),
    "respiratory_rate": VitalCode("9279-1", "Respiratory rate", "/min", "resprate"),
    "temperature": VitalCode("8310-5", "Body temperature", "Cel", "bodytemp"),
    "spo2": VitalCode(
        "2708-6",
        "Oxygen saturation in Arterial blood",
        "%",
        "oxygensat",
        (("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"),),
    ),
    "height": VitalCode("8302-2", "Body height", "cm", "bodyheight"),
    "weight": VitalCode("29463-7", "Body weight", "kg", "bodyweight"),
    "bmi": VitalCode("39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", "bmi"),
    "blood_pressure": VitalCode(
        "85354-9", "Blood pressure panel with all children optional", "mm[Hg]", "bp"
    ),
}
_SYSTOLIC = ("8480-6", "Systolic blood pressure")
_DIASTOLIC = ("8462-4", "Diastolic blood pressure")


def _loinc(code: str, display: str, *also: tuple[str, str]) -> dict[str, Any]:
    codings = [{"system": LOINC, "code": c, "display": d} for c, d in ((code, display), *also)]
    return {"coding": codings, "text": display}


def _category(code: str, display: str) -> list[dict[str, Any]]:
    return [_concept("observation-category", code, display)]


def _quantity(value: float, unit: str | None, ucum: str | None) -> dict[str, Any]:
    quantity: dict[str, Any] = {"value": value}
    if ucum is not None:
        quantity |= {"unit": unit or ucum, "system": UCUM, "code": ucum}
    elif unit:
        quantity["unit"] = unit
    return quantity


def _observation(
    sources: Sources, kind: str, name: str, measure: Measurement, category: list[dict[str, Any]]
) -> dict[str, Any]:
    cited = measure.source
    return {
        "resourceType": "Observation",
        "id": derived_id(sources.patient_id, kind, f"{name}:{cited.note_id}:{cited.start}"),
        "status": "final",
        "category": category,
        "subject": {"reference": f"Patient/{sources.patient_id}"},
        "encounter": {"reference": f"Encounter/{encounter_id(sources.patient_id, cited.note_id)}"},
        "effectiveDateTime": instant(cited.taken_at),
    }


def vital_observation(sources: Sources, name: str, measure: Measurement) -> dict[str, Any]:
    """A vital sign in the shape of the FHIR vital-signs profile (LOINC code, UCUM unit)."""
    code = VITAL_CODES.get(name)
    resource = _observation(
        sources, "vital", name, measure, _category("vital-signs", "Vital Signs")
    )
    if code is None:  # a kind the profile does not name: kept, as text
        resource["code"] = {"text": name.replace("_", " ")}
    else:
        resource["meta"] = {
            "profile": [VITALS_PROFILE, f"http://hl7.org/fhir/StructureDefinition/{code.profile}"]
        }
        resource["code"] = _loinc(code.loinc, code.display, *code.also)
    if name == "blood_pressure":
        resource["component"] = [
            {"code": _loinc(*part), "valueQuantity": _quantity(float(value), "mmHg", "mm[Hg]")}
            for part, value in ((_SYSTOLIC, measure.systolic), (_DIASTOLIC, measure.diastolic))
            if value is not None
        ]
    elif measure.value is not None:
        resource["valueQuantity"] = _quantity(
            measure.value, measure.unit, code.ucum if code else None
        )
    else:
        resource["dataAbsentReason"] = _concept("data-absent-reason", "unknown")
    profile = resource.pop("meta", None)
    sources.cited(resource, [measure.source])
    if profile:
        resource["meta"] |= profile
    return resource


_INTERPRETATION = {"high": ("H", "High"), "low": ("L", "Low"), "normal": ("N", "Normal")}


def lab_observation(sources: Sources, name: str, measure: Measurement) -> dict[str, Any]:
    resource = _observation(sources, "lab", name, measure, _category("laboratory", "Laboratory"))
    resource["code"] = {"text": name}
    if measure.value is not None:
        resource["valueQuantity"] = _quantity(measure.value, measure.unit, None)
    if measure.flag in _INTERPRETATION:
        code, display = _INTERPRETATION[measure.flag]
        resource["interpretation"] = [_concept("v3-ObservationInterpretation", code, display)]
    if measure.reference_range:
        resource["referenceRange"] = [{"text": measure.reference_range}]
    return sources.cited(resource, [measure.source])


def observations(sources: Sources, chart: Chart) -> list[dict[str, Any]]:
    """Every value of every series (not only the latest): the history is the record."""
    found = [vital_observation(sources, s.name, m) for s in chart.vitals for m in s.history]
    found += [lab_observation(sources, s.name, m) for s in chart.labs for m in s.history]
    return found


def _series_names(series: Iterable[ChartSeries]) -> set[str]:
    return {s.name for s in series}


@dataclass
class ChartResources:
    """The chart's resources, and by what a summary item names them (for Composition)."""

    resources: list[dict[str, Any]] = field(default_factory=list)
    by_name: dict[str, str] = field(default_factory=dict)  # lowercased name -> Type/id

    def add(self, resource: dict[str, Any], *names: str | None) -> None:
        self.resources.append(resource)
        for name in names:
            if name:
                self.by_name.setdefault(
                    " ".join(name.lower().split()), f"{resource['resourceType']}/{resource['id']}"
                )


def chart_resources(sources: Sources, chart: Chart) -> ChartResources:
    found = ChartResources()
    for visit in chart.encounters:
        found.add(encounter(sources, visit))
    for problem in chart.every_problem():
        found.add(condition(sources, problem), problem.text)
    for medication in chart.every_medication():
        found.add(medication_statement(sources, medication), medication.name, medication.as_written)
    for item in chart.allergies:
        found.add(allergy(sources, item), item.substance)
    for observation in observations(sources, chart):
        found.add(observation)
    latest = {**{s.name: s for s in chart.vitals}, **{s.name: s for s in chart.labs}}
    for name, series in latest.items():
        source = series.latest.source
        matches = [
            r
            for r in found.resources
            if r["resourceType"] == "Observation"
            and r["meta"]["source"].endswith(f"/{source.note_id}#{source.start}-{source.end}")
        ]
        if matches:
            found.by_name.setdefault(name.lower(), f"Observation/{matches[0]['id']}")
    return found


def _div(*paragraphs: str) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p) or "<p>-</p>"
    return f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>'


_SECTIONS = {
    "problems": ("11450-4", "Problem list"),
    "medications": ("10160-0", "History of medication use"),
    "allergies": ("48765-2", "Allergies and adverse reactions"),
    "observations": ("8716-3", "Vital signs"),
    "plans": ("18776-5", "Plan of care"),
}


def _section(name: str, items: list[dict[str, Any]], found: ChartResources) -> dict[str, Any]:
    code, title = _SECTIONS.get(name, ("", name.title()))
    references: list[str] = []
    for item in items:
        named = found.by_name.get(" ".join(str(item.get("name") or item["text"]).lower().split()))
        cited = [f"DocumentReference/{c['note_id']}" for c in item.get("citations", [])]
        for reference in ([named] if named else []) + cited:
            if reference not in references:
                references.append(reference)
    section: dict[str, Any] = {
        "title": title,
        "text": {"status": "generated", "div": _div(*(str(i["text"]) for i in items))},
        "entry": [{"reference": r} for r in references],
    }
    if code:
        section["code"] = {"coding": [{"system": LOINC, "code": code, "display": title}]}
    if not references:
        section.pop("entry")  # FHIR refuses an empty list: the narrative text stays
    if not items:
        section["emptyReason"] = _concept("list-empty-reason", "unavailable")
    return section


def composition(
    sources: Sources, summary: SummaryDocument, found: ChartResources
) -> dict[str, Any]:
    """The latest summary: its narrative as the text, a section per part, each citing entries."""
    body = summary.body
    sections = body.sections.model_dump(mode="json")
    resource: dict[str, Any] = {
        "resourceType": "Composition",
        "id": str(summary.id),
        "meta": {"source": f"{sources.api}/patients/{sources.patient_id}/summaries/{summary.id}"},
        "extension": [
            {
                "url": NOTE_SOURCE_EXTENSION,
                "extension": [
                    {
                        "url": "note",
                        "valueReference": {"reference": f"DocumentReference/{s.note_id}"},
                    }
                ],
            }
            for s in body.sources
        ],
        "text": {"status": "generated", "div": _div(*body.narrative.split("\n\n"))},
        "status": "preliminary",
        "type": {
            "coding": [{"system": LOINC, "code": "60591-5", "display": "Patient summary Document"}]
        },
        "subject": {"reference": f"Patient/{sources.patient_id}"},
        "date": instant(summary.generated_at),
        "author": [{"display": f"Carechart summary ({summary.provider}, {summary.model})"}],
        "title": "Patient summary",
        "section": [_section(name, items, found) for name, items in sections.items()],
    }
    if not resource["extension"]:
        resource.pop("extension")
    return resource
