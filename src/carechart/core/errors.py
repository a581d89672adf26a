"""The AppError hierarchy that services raise and the problem handlers render (RFC 9457)."""

import traceback
from typing import Any, ClassVar

PROBLEM_TYPE_PREFIX = "urn:carechart:problem:"


class AppError(Exception):
    """A failure a client can understand: rendered as application/problem+json.

    The detail must never carry patient data: it is shown to clients and may be logged.
    """

    status: ClassVar[int] = 500
    slug: ClassVar[str] = "internal-error"
    title: ClassVar[str] = "Internal server error"

    def __init__(
        self, detail: str | None = None, *, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        self.detail = detail or self.title
        self.headers = headers or {}
        self.extra = extra
        super().__init__(self.detail)

    @classmethod
    def problem_type(cls) -> str:
        return PROBLEM_TYPE_PREFIX + cls.slug


class BadRequest(AppError):
    status = 400
    slug = "bad-request"
    title = "Bad request"


class Unauthorized(AppError):
    status = 401
    slug = "unauthorized"
    title = "Authentication required"

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"}, **extra)


class Forbidden(AppError):
    status = 403
    slug = "forbidden"
    title = "Forbidden"


class NotFound(AppError):
    status = 404
    slug = "not-found"
    title = "Not found"


class Conflict(AppError):
    status = 409
    slug = "conflict"
    title = "Conflict"


class PreconditionFailed(AppError):
    status = 412
    slug = "precondition-failed"
    title = "Precondition failed"


class ValidationFailed(AppError):
    """A semantic validation failure found by a service rather than by a schema."""

    status = 422
    slug = "validation-error"
    title = "Validation error"


class ServiceUnavailable(AppError):
    status = 503
    slug = "service-unavailable"
    title = "Service unavailable"


def stack_frames(exc: BaseException) -> list[str]:
    """Where it failed, as `file:line in function` frames: no message, no values, no PHI."""
    frames = traceback.extract_tb(exc.__traceback__)[-12:]
    return [f"{f.filename.rsplit('/site-packages/', 1)[-1]}:{f.lineno} in {f.name}" for f in frames]
