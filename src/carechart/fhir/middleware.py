"""Under /fhir, a problem document that escaped the FHIR routes is answered as OperationOutcome.

The FHIR routes render their own errors; this covers what is answered before or around them:
an unknown URL or method (the router's 404 and 405), a body over the size limit (413).
"""

import json

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from carechart.core.problems import PROBLEM_MEDIA_TYPE
from carechart.fhir.outcome import FHIR_JSON, outcome_of_problem

PREFIX = "/fhir"


class OperationOutcomeMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (path == PREFIX or path.startswith(PREFIX + "/")):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body = bytearray()

        async def translate(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = MutableHeaders(raw=message["headers"])
                if headers.get("content-type", "").startswith(PROBLEM_MEDIA_TYPE):
                    start = message  # held until the whole (small) problem body is read
                    return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            outcome = json.dumps(outcome_of_problem(json.loads(bytes(body)))).encode()
            headers = MutableHeaders(raw=start["headers"])
            headers["content-type"] = FHIR_JSON
            headers["content-length"] = str(len(outcome))
            await send(start)
            await send({"type": "http.response.body", "body": outcome, "more_body": False})

        await self.app(scope, receive, translate)
