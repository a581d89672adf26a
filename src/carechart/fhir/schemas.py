"""What the OpenAPI document says of FHIR bodies: resources are FHIR R4 JSON, validated apart."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from carechart.fhir.outcome import FHIR_JSON


class FhirResource(BaseModel):
    """A FHIR R4 resource (http://hl7.org/fhir/R4/), `application/fhir+json`."""

    model_config = ConfigDict(extra="allow")

    resourceType: str = Field(description="Bundle, Patient, CapabilityStatement ...")  # noqa: N815


class OperationOutcomeIssue(BaseModel):
    model_config = ConfigDict(extra="allow")

    severity: str = Field(description="fatal, error, warning or information.")
    code: str = Field(description="http://hl7.org/fhir/issue-type")
    diagnostics: str | None = None
    expression: list[str] | None = Field(
        default=None, description="FHIRPath of each element at fault."
    )


class OperationOutcome(BaseModel):
    """Every error under /fhir."""

    model_config = ConfigDict(extra="allow")

    resourceType: str = Field(pattern="^OperationOutcome$")  # noqa: N815
    issue: list[OperationOutcomeIssue]


_DESCRIPTIONS = {
    400: "Invalid resource or search; each issue gives the FHIRPath at fault",
    401: "Missing, invalid or expired bearer token",
    403: "The caller's role does not allow this",
    404: "No such resource, or a type or interaction this server does not support",
    409: "Conflict with the current state",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Validation error or unprocessable content",
    503: "A backing service is unavailable",
}


def resource_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {FHIR_JSON: {"schema": {"$ref": "#/components/schemas/FhirResource"}}},
    }


def outcome_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries: each error an OperationOutcome in application/fhir+json."""
    return {
        status: {
            "description": _DESCRIPTIONS.get(status, "Error"),
            "model": OperationOutcome,
            "content": {FHIR_JSON: {"schema": {"$ref": "#/components/schemas/OperationOutcome"}}},
        }
        for status in statuses
    }
