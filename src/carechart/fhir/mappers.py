"""Patients and notes to FHIR R4 resources, and FHIR Patients to our patient fields."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from carechart.core.problems import safe_message
from carechart.notes.public import NoteRecord
from carechart.patients.public import PatientCreate, PatientRecord

MR_TYPE = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/v2-0203",
            "code": "MR",
            "display": "Medical record number",
        }
    ]
}
NOTE_SOURCE_EXTENSION = "urn:carechart:fhir:StructureDefinition/note-source"
_GENDERS = {"male", "female", "other", "unknown"}


def instant(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def patient_resource(patient: PatientRecord, *, mrn_system: str) -> dict[str, Any]:
    """A stored patient (its ORM row or read model) as a FHIR Patient."""
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": str(patient.id),
        "meta": {"versionId": str(patient.version), "lastUpdated": instant(patient.updated_at)},
        "identifier": [
            {"use": "usual", "type": MR_TYPE, "system": mrn_system, "value": patient.mrn}
        ],
        "name": [
            {
                "use": "official",
                "family": patient.family_name,
                "given": patient.given_name.split(),
            }
        ],
        "birthDate": patient.date_of_birth.isoformat(),
    }
    if patient.sex:
        resource["gender"] = patient.sex
    return resource


@dataclass(frozen=True)
class PatientFields:
    """What an imported Patient says of ours, or where it is wrong (FHIRPath, message)."""

    data: PatientCreate | None
    problems: list[tuple[str, str]]
    ignored: list[str]


_STORED = {"resourceType", "id", "meta", "identifier", "name", "gender", "birthDate", "text"}


def _official_name(names: list[dict[str, Any]]) -> tuple[int, dict[str, Any]] | None:
    for wanted in ("official", "usual", None):
        for i, name in enumerate(names):
            if wanted is None or name.get("use") == wanted:
                return i, name
    return None


def _mrn(identifiers: list[dict[str, Any]], mrn_system: str) -> tuple[int, str] | None:
    for i, identifier in enumerate(identifiers):
        if identifier.get("system") == mrn_system and identifier.get("value"):
            return i, str(identifier["value"])
    return None


def _field_path(field: str, where: dict[str, str]) -> str:
    return where.get(field, field)


def patient_fields(resource: dict[str, Any], *, mrn_system: str) -> PatientFields:
    """Our fields from a Patient already valid as FHIR: MRN, name, birth date, gender."""
    problems: list[tuple[str, str]] = []
    mrn = _mrn(resource.get("identifier") or [], mrn_system)
    if mrn is None:
        problems.append(("identifier", f"needs an identifier of system {mrn_system} (the MRN)"))
    named = _official_name(resource.get("name") or [])
    if named is None:
        problems.append(("name", "needs a name with a family and a given name"))
    gender = resource.get("gender")
    if gender is not None and gender not in _GENDERS:
        problems.append(("gender", "must be male, female, other or unknown"))
    birth = resource.get("birthDate")
    if birth is None:
        problems.append(("birthDate", "is required"))
    if problems:
        return PatientFields(None, problems, [])
    assert mrn is not None
    assert named is not None
    i, name = named
    where = {
        "mrn": f"identifier[{mrn[0]}].value",
        "given_name": f"name[{i}].given",
        "family_name": f"name[{i}].family",
        "date_of_birth": "birthDate",
        "sex": "gender",
    }
    values = {
        "mrn": mrn[1],
        "given_name": " ".join(name.get("given") or []) or None,
        "family_name": name.get("family"),
        "date_of_birth": birth,
        "sex": gender,
    }
    try:
        data = PatientCreate.model_validate(values)
    except ValidationError as exc:
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "name"
            problems.append((_field_path(field, where), safe_message(error)))
        return PatientFields(None, problems, [])
    return PatientFields(data, [], sorted(set(resource) - _STORED))


def reference_id(reference: str, resource_type: str) -> uuid.UUID | None:
    """`Patient/<uuid>` (or a full URL ending so) -> the uuid; None when it is not one of ours."""
    head, _, tail = reference.rstrip("/").rpartition("/")
    if not head.endswith(resource_type):
        return None
    try:
        return uuid.UUID(tail)
    except ValueError:
        return None


def birth_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


# LOINC document types (the "Document ontology" codes) of our note types; others keep text only.
_NOTE_LOINC = {
    "admission": ("34117-2", "History and physical note"),
    "annual_physical": ("34117-2", "History and physical note"),
    "progress": ("11506-3", "Progress note"),
    "follow_up": ("11506-3", "Progress note"),
    "post_operative": ("11506-3", "Progress note"),
    "physical_therapy": ("11506-3", "Progress note"),
    "procedure": ("28570-0", "Procedure note"),
    "consult": ("11488-4", "Consult note"),
    "discharge": ("18842-5", "Discharge summary"),
    "emergency": ("34111-1", "Emergency department note"),
}
LOINC = "http://loinc.org"
NOTE_HASH_SYSTEM = "urn:carechart:note-sha256"


def note_type_concept(note_type: str) -> dict[str, Any]:
    concept: dict[str, Any] = {"text": note_type.replace("_", " ")}
    if note_type in _NOTE_LOINC:
        code, display = _NOTE_LOINC[note_type]
        concept["coding"] = [{"system": LOINC, "code": code, "display": display}]
    return concept


def document_reference(
    note: NoteRecord, *, api_base: str, encounter_id: str | None = None
) -> dict[str, Any]:
    """A stored note as a DocumentReference; the attachment points at the original upload."""
    file_url = f"{api_base}/patients/{note.patient_id}/notes/{note.id}/file"
    attachment: dict[str, Any] = {
        "contentType": note.media_type,
        "url": file_url,
        "size": note.size_bytes,
        "creation": instant(note.taken_at),
    }
    if note.filename or note.title:
        attachment["title"] = note.filename or note.title
    resource: dict[str, Any] = {
        "resourceType": "DocumentReference",
        "id": str(note.id),
        "meta": {"lastUpdated": instant(note.updated_at)},
        "identifier": [{"system": NOTE_HASH_SYSTEM, "value": note.content_sha256}],
        "status": "current",
        "docStatus": "final",
        "type": note_type_concept(note.note_type),
        "subject": {"reference": f"Patient/{note.patient_id}"},
        "date": instant(note.created_at),
        "content": [{"attachment": attachment}],
        "context": {"period": {"start": instant(note.taken_at)}},
    }
    if note.author:
        resource["author"] = [{"display": note.author}]
    if note.title:
        resource["description"] = note.title
    if encounter_id is not None:
        resource["context"]["encounter"] = [{"reference": f"Encounter/{encounter_id}"}]
    return resource
