"""Errors of the fhir slice, rendered as OperationOutcome like every error under /fhir."""

from typing import Any

from carechart.core.errors import AppError, BadRequest


class InvalidResource(AppError):
    """One or more resources of a request break the rules; `issues` says where (FHIRPath)."""

    status = 400
    slug = "invalid-resource"
    title = "Invalid resource"

    def __init__(self, issues: list[dict[str, Any]], detail: str | None = None) -> None:
        super().__init__(detail or "The request holds invalid resources", fhir_issues=issues)


class UnsupportedSearch(BadRequest):
    slug = "unsupported-search"
    title = "Unsupported search parameter"


class UnsupportedBody(AppError):
    status = 415
    slug = "unsupported-bundle-content-type"
    title = "Unsupported media type"
