"""Renders every error as RFC 9457 application/problem+json, and documents them in OpenAPI."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute, APIRouter
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from carechart.core.context import current_request
from carechart.core.errors import PROBLEM_TYPE_PREFIX, AppError, stack_frames
from carechart.core.limits import ContentTooLarge

logger = logging.getLogger("carechart.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldProblem(BaseModel):
    loc: list[str | int] = Field(
        description="Where the problem is: `body`, `query`, ... then the field path."
    )
    msg: str
    type: str


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


class Problem(BaseModel):
    """An RFC 9457 problem details object."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "example": {
                "type": "urn:carechart:problem:not-found",
                "title": "Not found",
                "status": 404,
                "detail": "No patient with this id",
                "instance": "/patients/0b6f5a8e-3a4e-4c43-9d0e-6f5f1f5f1f5f",
            }
        },
    )

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str
    # Only validation problems have it: there is no `null` default to document.
    errors: list[FieldProblem] | None = Field(default=None, json_schema_extra=_no_default)


def problem_document(
    *, status: int, title: str, detail: str, instance: str, type_: str = "about:blank", **extra: Any
) -> dict[str, Any]:
    """The RFC 9457 body: every problem the service answers is written here."""
    return {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        **extra,
    }


def problem_response(
    request: Request,
    *,
    status: int,
    title: str,
    detail: str,
    type_: str = "about:blank",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = problem_document(
        status=status, title=title, detail=detail, instance=request.url.path, type_=type_, **extra
    )
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def app_error_response(exc: AppError, instance: str) -> JSONResponse:
    body = problem_document(
        status=exc.status,
        title=exc.title,
        detail=exc.detail,
        instance=instance,
        type_=exc.problem_type(),
        **exc.extra,
    )
    return JSONResponse(
        body, status_code=exc.status, headers=exc.headers, media_type=PROBLEM_MEDIA_TYPE
    )


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return app_error_response(exc, request.url.path)


# What usually causes each of the json module's messages (fixed strings: they never quote input).
_JSON_HINTS = {
    "Expecting ',' delimiter": "a comma may be missing between two items",
    "Expecting ':' delimiter": "a colon may be missing after a key",
    "Expecting property name enclosed in double quotes": (
        "keys need double quotes, and a comma may not come before }"
    ),
    "Expecting value": "a value is missing: an empty body, a trailing comma or single quotes?",
    "Unterminated string starting at": "a closing double quote is missing",
    "Invalid control character at": "a line break or tab inside a string must be escaped",
    "Extra data": "something follows the end of the JSON document",
}


def _json_syntax_problem(err: Any, document: Any) -> dict[str, Any]:
    """FastAPI reports a character offset (`body.21`): a person wants a line and a column."""
    position = err["loc"][1] if len(err["loc"]) > 1 and isinstance(err["loc"][1], int) else 0
    text = document if isinstance(document, str) else ""
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    reason = str(err.get("ctx", {}).get("error", "JSON decode error"))
    hint = _JSON_HINTS.get(reason)
    message = f"Invalid JSON at line {line}, column {column}: {reason}"
    return {"loc": ["body"], "msg": f"{message} ({hint})" if hint else message, "type": err["type"]}


# An unknown key is the client's text, and a key can be patient data ({"Jane Doe": ...}): it is
# named only when it is a field name of the API's own schemas (`is_active` sent to create a
# user), which says nothing about a patient; any other is counted, not named. A pattern for
# "safe-looking" keys was rejected: a lower-case identifier can still be a family name.
UNKNOWN_FIELD = "extra_forbidden"
_EMAIL_INVALID = "value is not a valid email address"
# Client text shorter than this is not looked for in a message (a sex code, a digit).
_ECHO_MIN_LENGTH = 3


def _client_texts(value: Any, found: list[str], budget: int = 64) -> list[str]:
    """The strings a client sent as an error's input: itself, or a mapping's keys and values."""
    if len(found) >= budget:
        return found
    if isinstance(value, str):
        if len(value.strip()) >= _ECHO_MIN_LENGTH:
            found.append(value.strip().lower())
    elif isinstance(value, (bool, int, float)):
        # A number or flag sent is quoted as written: "Input should be less than 150" for 1500.
        if len(str(value)) >= _ECHO_MIN_LENGTH:
            found.append(str(value).lower())
    elif isinstance(value, dict):
        for key, item in list(value.items())[:budget]:
            _client_texts(key, found, budget)
            _client_texts(item, found, budget)
    elif isinstance(value, (list, tuple)):
        for item in value[:budget]:
            _client_texts(item, found, budget)
    return found


def safe_message(err: Any) -> str:
    """A field problem's message that quotes nothing the client sent.

    Pydantic's messages quote the schema (a pattern, the allowed values), but some quote the
    input: email-validator names the offending part of an address, a model validator may name
    the keys it was given. Those are cut back to what the type of the error says (so does a
    message that happens to hold the input: `fem` sent, `'female'` allowed).
    """
    msg = str(err.get("msg", ""))
    if msg.startswith(_EMAIL_INVALID) and any(mark in msg for mark in "'\"()"):
        return _EMAIL_INVALID  # the reason quotes a part of the address
    lowered = msg.lower()
    if any(text in lowered for text in _client_texts(err.get("input"), [])):
        return f"is not valid ({err.get('type', 'value_error')})"
    return msg


def api_field_names(app: Any) -> frozenset[str]:
    """Every property name of the app's OpenAPI schemas: keys that are safe to repeat."""
    names: frozenset[str] | None = getattr(app.state, "problem_field_names", None)
    if names is None:
        schemas = app.openapi().get("components", {}).get("schemas", {})
        names = frozenset(
            name for schema in schemas.values() for name in schema.get("properties", {})
        )
        app.state.problem_field_names = names
    return names


def _unknown_fields(errors: list[Any], known: frozenset[str]) -> list[dict[str, Any]]:
    """An API field name sent where it does not belong is named; other unknown keys counted."""
    named = [e for e in errors if isinstance(e["loc"][-1], str) and e["loc"][-1] in known]
    counts: dict[tuple[str | int, ...], int] = {}
    for err in errors:
        if err not in named:
            where = tuple(err["loc"][:-1])
            counts[where] = counts.get(where, 0) + 1
    return [
        {"loc": list(e["loc"]), "msg": "is not a field of this request", "type": UNKNOWN_FIELD}
        for e in named
    ] + [
        {
            "loc": list(where),
            "msg": f"{count} unknown field{'s' if count > 1 else ''} sent (names not repeated: "
            "a key may hold patient data); the schema lists the accepted fields",
            "type": UNKNOWN_FIELD,
        }
        for where, count in counts.items()
    ]


def _field_problems(
    exc: RequestValidationError, known: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    # Only location, message and type: pydantic's `input` and `ctx` may echo PHI back.
    errors = list(exc.errors())
    problems = [
        _json_syntax_problem(err, exc.body)
        if err["type"] == "json_invalid"
        else {
            "loc": [str(p) if not isinstance(p, int) else p for p in err["loc"]],
            "msg": safe_message(err),
            "type": err["type"],
        }
        for err in errors
        if err["type"] != UNKNOWN_FIELD
    ]
    return problems + _unknown_fields([e for e in errors if e["type"] == UNKNOWN_FIELD], known)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    ctx = current_request()
    if ctx is not None:
        try:
            await ctx.settle_pending_check()  # a refused user hears 401/403, not about input
        except AppError as refused:
            return app_error_response(refused, request.url.path)
        except DBAPIError:
            pass  # the database is away: the input is still wrong, and that is the answer
    errors = _field_problems(exc, api_field_names(request.app))
    fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors)
    syntax = [e["msg"] for e in errors if e["type"] == "json_invalid"]
    detail = f"The request is not valid: {fields}" if fields else "The request is not valid"
    return problem_response(
        request,
        status=422,
        title="Validation error",
        detail=f"The request body is not valid JSON. {syntax[0]}" if syntax else detail,
        type_=PROBLEM_TYPE_PREFIX + "validation-error",
        errors=errors,
    )


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _allowed_methods(request: Request) -> str | None:
    """Every method some route answers at this URL (RFC 9110 `Allow`).

    Starlette names only the methods of the first route matching the path, and FastAPI makes
    one route per method (GET /patients and POST /patients), so its `Allow` falls short.
    """
    routes = request.app.router.routes
    methods = [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]
    return ", ".join(methods) if methods else None


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else None
    defaults = {404: "No resource at this URL", 405: "This method is not allowed on this URL"}
    headers = dict(exc.headers) if exc.headers else {}
    if exc.status_code == 405 and (allowed := _allowed_methods(request)):
        headers["Allow"] = allowed
    return problem_response(
        request,
        status=exc.status_code,
        title=phrase,
        detail=detail or defaults.get(exc.status_code, phrase),
        headers=headers or None,
    )


def unexpected_error_response(path: str, exc: BaseException) -> JSONResponse:
    """The 500 answer: nothing internal shown, only the exception's type logged.

    The message may contain data (a failed statement's parameters), so it is not logged.
    """
    logger.error(
        "unhandled exception",
        extra={"error_type": type(exc).__name__, "stack": stack_frames(exc)},
    )
    body = problem_document(
        status=500,
        title="Internal server error",
        detail="An unexpected error occurred. It has been logged; quote the request id.",
        instance=path,
        type_=PROBLEM_TYPE_PREFIX + "internal-error",
    )
    return JSONResponse(body, status_code=500, media_type=PROBLEM_MEDIA_TYPE)


class ProblemMiddleware:
    """Answers what escapes the routes' exception handlers, as a problem like every other.

    An AppError raised by a middleware (a body over the size limit, refused by its
    Content-Length) is its own problem; any other exception is the 500 that reveals nothing.
    It sits inside the request context, so these answers carry the request id and are logged.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started:  # too late for another answer: the server closes the connection
                raise
            response = (
                app_error_response(exc, scope["path"])
                if isinstance(exc, AppError)
                else unexpected_error_response(scope["path"], exc)
            )
            await response(scope, receive, send)


DATABASE_RETRY_AFTER_S = 2


def _is_connection_failure(exc: BaseException) -> bool:
    """PostgreSQL unreachable or the connection lost, as opposed to a bad statement."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, (ConnectionError, TimeoutError, OSError)) and not isinstance(
        exc, DBAPIError
    )


# PostgreSQL's query_canceled: here, a statement past DATABASE_STATEMENT_TIMEOUT_S.
QUERY_CANCELED = "57014"
# Class 53, insufficient resources (53300 too many connections, 53200 out of memory, 53100 disk
# full), and 57P03, the server starting up or shutting down: the database is busy, the request
# is not wrong.
RESOURCE_STATES = ("53", "57P03")
BUSY_RETRY_AFTER_S = 5


def _sqlstate(exc: BaseException) -> str | None:
    state = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return state if isinstance(state, str) else None


def _database_busy(request: Request, detail: str) -> JSONResponse:
    return problem_response(
        request,
        status=503,
        title="Database busy",
        detail=detail,
        type_=PROBLEM_TYPE_PREFIX + "database-busy",
        headers={"Retry-After": str(BUSY_RETRY_AFTER_S)},
    )


async def _pool_exhausted(request: Request, exc: Exception) -> JSONResponse:
    """No database connection was free within DATABASE_POOL_TIMEOUT_S."""
    logger.warning("database pool exhausted", extra={"error_type": type(exc).__name__})
    return _database_busy(
        request, "Every database connection is in use; retry shortly. Nothing was changed."
    )


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    if _sqlstate(exc) == QUERY_CANCELED:
        logger.warning("statement timed out", extra={"error_type": type(exc).__name__})
        return _database_busy(
            request,
            "The request took the database too long and was cancelled; retry shortly, or "
            "narrow it (a shorter search). Nothing was changed.",
        )
    state = _sqlstate(exc)
    if state is not None and state.startswith(RESOURCE_STATES):
        logger.warning("database out of resources", extra={"error_type": type(exc).__name__})
        return _database_busy(
            request,
            "The database cannot take this request right now (no connection or memory to "
            "spare); retry shortly. Nothing was changed.",
        )
    if not _is_connection_failure(exc):
        return unexpected_error_response(request.url.path, exc)
    # The pool reconnects by itself (pre-ping); the client only has to come back shortly.
    logger.warning("database unavailable", extra={"error_type": type(exc).__name__})
    return problem_response(
        request,
        status=503,
        title="Database unavailable",
        detail="The database cannot be reached right now. Retry shortly; after a failed write, "
        "read first: a write cut off at commit may have been applied.",
        type_=PROBLEM_TYPE_PREFIX + "database-unavailable",
        headers={"Retry-After": str(DATABASE_RETRY_AFTER_S)},
    )


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(PoolTimeout, _pool_exhausted)
    app.add_exception_handler(ConnectionError, _database_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    # Unexpected exceptions are answered by RequestContextMiddleware (unexpected_error_response)
    # so that the 500 still carries the request id and no traceback reaches the server log.


_DESCRIPTIONS = {
    400: "Bad request: a tampered cursor, or a body that cannot be decoded",
    401: "Missing, invalid or expired bearer token",
    403: "The caller's role does not allow this",
    404: "Not found",
    409: "Conflict with the current state",
    412: "If-Match does not match the current ETag",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Validation error; `errors` lists each field problem",
    429: "Too many requests",
    503: "A backing service is unavailable",
}


@dataclass(frozen=True)
class ProblemKind:
    """One problem type a route can answer, as the OpenAPI document lists it."""

    status: int
    type: str
    title: str

    @classmethod
    def of(cls, source: "ProblemSource") -> "ProblemKind":
        if isinstance(source, ProblemKind):
            return source
        return cls(source.status, source.problem_type(), source.title)


ProblemSource = type[AppError] | ProblemKind

# Problems that no AppError raises: FastAPI's own refusals, rendered by the handlers above.
REQUEST_INVALID = ProblemKind(422, PROBLEM_TYPE_PREFIX + "validation-error", "Validation error")
BODY_UNREADABLE = ProblemKind(400, "about:blank", "Bad Request")

_F = TypeVar("_F", bound=Callable[..., Any])


def raises(*sources: ProblemSource) -> Callable[[_F], _F]:
    """Marks a route or a dependency with the problems it answers, for the OpenAPI document.

    A route's documented errors are its own marks, those of every dependency it uses (the
    bearer token, the role, the idempotency key ...), and what its parameters imply (a body
    can be too large or unreadable; any parameter can be invalid): see document_problems.
    """

    def mark(function: _F) -> _F:
        marked: tuple[ProblemKind, ...] = getattr(function, _MARK, ())
        setattr(function, _MARK, (*marked, *(ProblemKind.of(s) for s in sources)))
        return function

    return mark


_MARK = "__carechart_problems__"


def route_problems(route: APIRoute) -> list[ProblemKind]:
    """Every problem a route can answer: marked on it and its dependencies, or implied."""
    found: list[ProblemKind] = []

    def visit(dependant: Dependant) -> None:
        found.extend(getattr(dependant.call, _MARK, ()))
        for sub in dependant.dependencies:
            visit(sub)

    visit(route.dependant)
    if route.body_field is not None:
        found.extend([BODY_UNREADABLE, ProblemKind.of(ContentTooLarge)])
    if _has_parameters(route.dependant):
        found.append(REQUEST_INVALID)
    return list(dict.fromkeys(found))


def _has_parameters(dependant: Dependant) -> bool:
    own = (
        dependant.path_params,
        dependant.query_params,
        dependant.header_params,
        dependant.cookie_params,
        dependant.body_params,
    )
    return any(own) or any(_has_parameters(sub) for sub in dependant.dependencies)


def problem_responses(
    *sources: ProblemSource | int, path: str = "/"
) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries documenting problem+json errors, with each problem type.

    A status alone documents the status; a problem (an AppError class or a ProblemKind) also
    names its `type` in the description and gives an example of it.
    """
    by_status: dict[int, list[ProblemKind]] = {}
    for source in sources:
        kind = None if isinstance(source, int) else ProblemKind.of(source)
        listed = by_status.setdefault(source if isinstance(source, int) else source.status, [])
        if kind is not None and kind not in listed:
            listed.append(kind)
    return {
        status: _problem_entry(status, kinds, path) for status, kinds in sorted(by_status.items())
    }


def _problem_entry(status: int, kinds: list[ProblemKind], path: str) -> dict[str, Any]:
    description = _DESCRIPTIONS.get(status, HTTPStatus(status).phrase)
    schema = {"$ref": "#/components/schemas/Problem"}
    problem_json: dict[str, Any] = {"schema": schema}
    if kinds:
        types = ", ".join(f"`{kind.type}`" for kind in kinds)
        description = f"{description}. Problem types: {types}"
        problem_json["examples"] = {
            kind.type.rsplit(":", 1)[-1]: {
                "summary": kind.title,
                "value": {
                    "type": kind.type,
                    "title": kind.title,
                    "status": status,
                    "detail": kind.title,
                    "instance": path,
                },
            }
            for kind in kinds
        }
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}, PROBLEM_MEDIA_TYPE: problem_json},
    }


def _speaks_problems(route: APIRoute) -> bool:
    """False for a route documenting its errors in another format (FHIR's OperationOutcome)."""
    for status, response in route.responses.items():
        content = response.get("content")
        if str(status).startswith(("4", "5")) and content and PROBLEM_MEDIA_TYPE not in content:
            return False
    return True


def document_problems(router: APIRouter) -> None:
    """Gives each route of a router the problems it can answer in OpenAPI (see `raises`).

    Run before the router is included in an app (an included route's responses are copied);
    running it again changes nothing.
    """
    for route in router.routes:
        if isinstance(route, APIRoute) and route.include_in_schema and _speaks_problems(route):
            documented = problem_responses(*route_problems(route), path=route.path)
            route.responses = {**route.responses, **documented}
