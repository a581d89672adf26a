"""A request body size limit enforced while the body is read, before anything is parsed.

It raises ContentTooLarge and renders nothing: core.problems answers it."""

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from carechart.core.errors import AppError

# Room for multipart framing and form fields around a file of the maximum size.
MULTIPART_OVERHEAD = 64 * 1024


class ContentTooLarge(AppError, HTTPException):  # type: ignore[misc]  # both have headers
    """Also an HTTPException: FastAPI re-raises those from body parsing instead of a 400."""

    status = 413
    slug = "content-too-large"
    title = "Content too large"

    def __init__(self, limit: int) -> None:
        detail = f"The request body is larger than the {limit} bytes allowed"
        # AppError's super() is HTTPException here, which it would give the detail as a status:
        # HTTPException is initialised last, with both right.
        AppError.__init__(self, detail)
        HTTPException.__init__(self, status_code=413, detail=detail)


class BodySizeLimitMiddleware:
    """Refuses a body over the limit by its Content-Length at once, or as the stream passes it."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.limit = max_bytes
        self.max_bytes = max_bytes + MULTIPART_OVERHEAD

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            # Answered by core.problems.ProblemMiddleware, just outside, like any other error.
            raise ContentTooLarge(self.limit)
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise ContentTooLarge(self.limit)
            return message

        await self.app(scope, counting_receive, send)
