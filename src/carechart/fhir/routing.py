"""The route class of /fhir: whatever fails in a FHIR route is answered as an OperationOutcome."""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from carechart.fhir.outcome import outcome_for


class FhirRoute(APIRoute):
    """Authentication, roles, validation and service errors alike become OperationOutcome.

    Dependencies (the bearer token, the role) run inside the route handler, so their errors
    are caught here too, then rendered by the app's own problem handlers and translated.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def fhir_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as exc:  # noqa: BLE001 - every error is answered, as an outcome
                return await outcome_for(request, exc)

        return fhir_handler
