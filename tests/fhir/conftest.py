"""FHIR test helpers: the sample hospital's MRN system, and parsing with fhir.resources R4B."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fhir.resources.R4B import get_fhir_model_class

# The identifier system of ../shared/soap/patients.json: its value is the MRN there.
SAMPLE_SYSTEM = "http://hospital.smarthealth.org/patient"
FHIR_JSON = "application/fhir+json"


@pytest.fixture(autouse=True)
def mrn_system(request: pytest.FixtureRequest) -> Iterator[str]:
    """The app configured with the sample MRN system (FHIR_MRN_SYSTEM) for the test."""
    if "app" not in request.fixturenames:
        yield SAMPLE_SYSTEM
        return
    app: FastAPI = request.getfixturevalue("app")
    original = app.state.settings
    app.state.settings = original.model_copy(update={"fhir_mrn_system": SAMPLE_SYSTEM})
    yield SAMPLE_SYSTEM
    app.state.settings = original


def parsed(resource: dict[str, Any]) -> Any:
    """The resource parsed by fhir.resources (R4B): raises if it is not valid FHIR."""
    return get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def fhir_body(response: httpx.Response, status: int) -> dict[str, Any]:
    """The FHIR JSON body of a response with this status, parsed once by fhir.resources."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(FHIR_JSON)
    body: dict[str, Any] = response.json()
    parsed(body)
    return body


def outcome(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """An OperationOutcome answered with this status (and first issue code)."""
    body = fhir_body(response, status)
    assert body["resourceType"] == "OperationOutcome", body
    assert body["issue"], body
    if code is not None:
        assert body["issue"][0]["code"] == code, body
    return body


def patient(mrn: str, family: str, given: list[str], birth: str, **extra: Any) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "identifier": [{"system": SAMPLE_SYSTEM, "value": mrn}],
        "name": [{"use": "official", "family": family, "given": given}],
        "birthDate": birth,
        **extra,
    }


def bundle(kind: str, *resources: dict[str, Any], urls: list[str] | None = None) -> dict[str, Any]:
    """A transaction or batch Bundle: each resource POSTed, with a urn:uuid fullUrl if given."""
    entries = []
    for i, resource in enumerate(resources):
        entry: dict[str, Any] = {
            "resource": resource,
            "request": {"method": "POST", "url": resource["resourceType"]},
        }
        if urls is not None:
            entry["fullUrl"] = urls[i]
        entries.append(entry)
    return {"resourceType": "Bundle", "type": kind, "entry": entries}
