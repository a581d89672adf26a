"""OperationOutcome: every error under /fhir, translated from the problem the API would answer."""

import json
from collections.abc import Sequence
from typing import Any

from fastapi.responses import JSONResponse
from starlette.requests import Request

from carechart.core.problems import unexpected_error_response

FHIR_JSON = "application/fhir+json"

# The issue type (http://hl7.org/fhir/issue-type) a client can act upon, per HTTP status.
_ISSUE_CODE = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    409: "conflict",
    412: "conflict",
    413: "too-long",
    415: "not-supported",
    422: "processing",
    429: "throttled",
    503: "transient",
}
_KEPT_HEADERS = ("www-authenticate", "retry-after", "location", "allow")


class FhirResponse(JSONResponse):
    media_type = FHIR_JSON


def issue(
    code: str,
    diagnostics: str,
    *,
    expression: Sequence[str] = (),
    severity: str = "error",
    text: str | None = None,
) -> dict[str, Any]:
    found: dict[str, Any] = {"severity": severity, "code": code, "diagnostics": diagnostics}
    if text:
        found["details"] = {"text": text}
    if expression:
        found["expression"] = list(expression)
    return found


def operation_outcome(issues: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {"resourceType": "OperationOutcome", "issue": list(issues)}


def _field_expression(loc: Sequence[Any]) -> str:
    """`["query", "birthdate"]` -> `birthdate`; body paths keep their dotted form."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"query", "path", "header", "body"}:
        parts = parts[1:]
    return ".".join(parts) or "request"


def outcome_of_problem(problem: dict[str, Any]) -> dict[str, Any]:
    """The OperationOutcome saying what an RFC 9457 problem says (never more: no input echoed)."""
    status = int(problem.get("status", 500))
    code = _ISSUE_CODE.get(status, "exception")
    title, detail = str(problem.get("title", "")), str(problem.get("detail", ""))
    if problem.get("fhir_issues"):
        return operation_outcome(problem["fhir_issues"])
    errors = problem.get("errors") or []
    if errors:
        return operation_outcome(
            [
                issue(code, e["msg"], expression=[_field_expression(e["loc"])], text=title)
                for e in errors
            ]
        )
    return operation_outcome([issue(code, detail, text=title)])


def as_outcome(response: JSONResponse) -> FhirResponse:
    body = json.loads(bytes(response.body))
    headers = {k: v for k, v in response.headers.items() if k.lower() in _KEPT_HEADERS}
    return FhirResponse(outcome_of_problem(body), status_code=response.status_code, headers=headers)


async def outcome_for(request: Request, exc: Exception) -> FhirResponse:
    """The answer the app's problem handlers give to `exc`, as an OperationOutcome."""
    handlers = request.app.exception_handlers
    handler = next((handlers[t] for t in type(exc).__mro__ if t in handlers), None)
    if handler is None:
        return as_outcome(unexpected_error_response(request.url.path, exc))
    return as_outcome(await handler(request, exc))
