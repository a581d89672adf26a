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

    def __reduce__(self) -> tuple[Any, ...]:
        # Raised in a worker process (an unreadable upload) and re-raised in the API: pickling
        # must not call __init__, whose signature differs per subclass.
        return _rebuild, (type(self), self.detail, self.headers, self.extra)


def _rebuild(
    cls: type[AppError], detail: str, headers: dict[str, str], extra: dict[str, Any]
) -> AppError:
    error = cls.__new__(cls)
    error.detail, error.headers, error.extra = detail, headers, extra
    Exception.__init__(error, detail)
    return error


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


# Frames of modules in these packages are ours; the rest (SQLAlchemy, Starlette ...) are libraries.
_OUR_PACKAGES = frozenset({"carechart", "worker", "seed", "tests", "bench"})
OWN_FRAMES = 12
LIBRARY_FRAMES = 6


def stack_frames(exc: BaseException) -> list[str]:
    """Where it failed, as `file:line in function` frames: no message, no values, no PHI.

    Our own frames come first (the route, the service, the statement that failed), then the
    innermost library frames: a library can be 30 frames deep below our code, and the last
    frames alone would show only SQLAlchemy.
    """
    ours: list[str] = []
    library: list[str] = []
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        code = frame.f_code
        where = f"{code.co_filename.rsplit('/site-packages/', 1)[-1]}:{lineno} in {code.co_name}"
        module = str(frame.f_globals.get("__name__", ""))
        (ours if module.split(".", 1)[0] in _OUR_PACKAGES else library).append(where)
    return ours[-OWN_FRAMES:] + library[-LIBRARY_FRAMES:]
