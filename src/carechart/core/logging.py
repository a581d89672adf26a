"""JSON logging (one object per line) and the per-request access log middleware.

The access log carries only what is safe with PHI around: request id, method, route template,
status, duration and user id. Never the raw path, query string or body.
"""

import logging
import re
import sys
import time
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from carechart.core.context import RequestContext, bind_request, current_request_id, unbind_request

REQUEST_ID_HEADER = "x-request-id"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

access_logger = logging.getLogger("carechart.access")


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            datefmt="%Y-%m-%dT%H:%M:%S%z",
            # uvicorn adds a copy of its message with ANSI colour codes for its own console.
            reserved_attrs=[*RESERVED_ATTRS, "color_message"],
        )
    )
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # uvicorn's access log prints the raw path and query string (PHI): ours replaces it.
    logging.getLogger("uvicorn.access").disabled = True
    # Their own plain-text handlers (uvicorn's; arq's command line adds one) would print every
    # line a second time: one JSON line per event, through the root handler.
    for name in ("uvicorn", "uvicorn.error", "arq"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # SQL echo would print statement parameters, which hold patient data; httpx logs every
    # request's full URL, query string included.
    for name in ("sqlalchemy.engine", "httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class RequestContextMiddleware:
    """Binds a request id (accepted from X-Request-ID or generated), echoes it, logs the request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        ctx = RequestContext(request_id=self._incoming_id(scope) or RequestContext().request_id)
        token = bind_request(ctx)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"x-request-id", ctx.request_id.encode()),
                ]
            await send(message)

        try:
            # Errors are answered inside (core.problems.ProblemMiddleware): what escapes here
            # is logged as a 500 and left to the server.
            await self.app(scope, receive, send_with_id)
        finally:
            self._log(scope, ctx, status, started)
            unbind_request(token)

    @staticmethod
    def _incoming_id(scope: Scope) -> str | None:
        for name, value in scope.get("headers", []):
            if name == REQUEST_ID_HEADER.encode():
                candidate = value.decode("latin-1")
                return candidate if _VALID_REQUEST_ID.match(candidate) else None
        return None

    @staticmethod
    def _log(scope: Scope, ctx: RequestContext, status: int, started: float) -> None:
        fields: dict[str, Any] = {
            "method": scope["method"],
            "route": _route_template(scope),
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            "user_id": str(ctx.user_id) if ctx.user_id else None,
        }
        access_logger.info("request", extra=fields)
