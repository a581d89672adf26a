"""Per-request context (request id, authenticated user) shared by middleware, auth and services."""

import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class RequestContext:
    """Mutable on purpose: dependencies fill in the user, the middleware reads it at the end."""

    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    user_id: uuid.UUID | None = None
    # A route whose one statement checks the user (auth/dependencies.py: Caller) leaves that
    # check here, for the answers given before the statement runs: a 422 for bad input, or an
    # Idempotency-Key's replay, must not reach a user who would have been refused (401/403).
    pending_check: Callable[[], Awaitable[None]] | None = None

    async def settle_pending_check(self) -> None:
        check, self.pending_check = self.pending_check, None
        if check is not None:
            await check()


_current: ContextVar[RequestContext | None] = ContextVar("carechart_request", default=None)


def current_request() -> RequestContext | None:
    return _current.get()


def current_request_id() -> str | None:
    ctx = _current.get()
    return ctx.request_id if ctx else None


def bind_request(ctx: RequestContext) -> object:
    return _current.set(ctx)


def unbind_request(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
