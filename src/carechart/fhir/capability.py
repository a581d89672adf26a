"""The CapabilityStatement: exactly the interactions, searches and operations served here."""

from typing import Any

from carechart import __version__

FHIR_VERSION = "4.0.1"
# When the statement last changed (its content is fixed in code, not per request).
PUBLISHED = "2026-11-29"

_SECURITY_SERVICE = "http://terminology.hl7.org/CodeSystem/restful-security-service"


def _search_param(name: str, type_: str, documentation: str) -> dict[str, Any]:
    return {"name": name, "type": type_, "documentation": documentation}


def _patient(mrn_system: str) -> dict[str, Any]:
    return {
        "type": "Patient",
        "profile": "http://hl7.org/fhir/StructureDefinition/Patient",
        "documentation": "Created or updated only by importing a Bundle (POST /fhir), matched "
        f"on the identifier of system {mrn_system} (the MRN).",
        "interaction": [
            {"code": "read"},
            {"code": "search-type", "documentation": "Paged with `_count` and `_cursor`."},
        ],
        "searchParam": [
            _search_param("identifier", "token", f"`value` or `{mrn_system}|value` (the MRN)."),
            _search_param("name", "string", "Fuzzy name search: typos and word order tolerated."),
            _search_param("birthdate", "date", "YYYY-MM-DD, with prefix eq, ge, gt, le or lt."),
            _search_param("gender", "token", "male, female, other or unknown."),
        ],
        "operation": [
            {
                "name": "everything",
                "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything",
                "documentation": "The patient, a DocumentReference per note, the chart as "
                "Condition, MedicationStatement, AllergyIntolerance, Observation and Encounter "
                "resources, and the latest summary as a Composition.",
            }
        ],
    }


def _document_reference() -> dict[str, Any]:
    return {
        "type": "DocumentReference",
        "profile": "http://hl7.org/fhir/StructureDefinition/DocumentReference",
        "documentation": "A clinical note. Created only by importing a Bundle (POST /fhir), from "
        "a base64 attachment (text, Markdown, PDF, PNG, JPEG, TIFF); the same bytes twice for a "
        "patient are one note.",
        "interaction": [{"code": "search-type"}],
        "searchParam": [_search_param("patient", "reference", "`Patient/{id}` or the bare id.")],
    }


def capability_statement(*, base_url: str, mrn_system: str) -> dict[str, Any]:
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": PUBLISHED,
        "publisher": "Carechart",
        "kind": "instance",
        "software": {"name": "Carechart", "version": __version__},
        "implementation": {"description": "Carechart FHIR API", "url": base_url},
        "fhirVersion": FHIR_VERSION,
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "documentation": "Every error is an OperationOutcome. Interactions not listed "
                "here are refused with one.",
                "security": {
                    "cors": False,
                    "service": [{"coding": [{"system": _SECURITY_SERVICE, "code": "OAuth"}]}],
                    "description": "A bearer token from POST /auth/token. Reading needs the "
                    "viewer, clinician or admin role; importing needs clinician or admin.",
                },
                "resource": [_patient(mrn_system), _document_reference()],
                "interaction": [
                    {
                        "code": "transaction",
                        "documentation": "POST /fhir, all or nothing: Patient and "
                        "DocumentReference entries, POST or PUT.",
                    },
                    {
                        "code": "batch",
                        "documentation": "POST /fhir, entry by entry: Patient and "
                        "DocumentReference entries, POST or PUT.",
                    },
                ],
            }
        ],
    }
