"""The Idempotency-Key header of a POST: the request's use of the key, or a replay of the answer.

`IdempotencyDep` (declare it after the route's role check): without the header it does
nothing. With it, it takes the key for the request's transaction and, when the key already
has an answer for this user and route, ends the request there with that answer (`Replay`).
"""

import json
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Annotated, TypeVar

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from carechart.auth.public import CurrentUser
from carechart.core.deps import SessionDep
from carechart.core.problems import raises
from carechart.idempotency.exceptions import IdempotencyKeyInUse, IdempotencyKeyReused
from carechart.idempotency.service import KeyUse, StoredAnswer, claim, digest, remember

T = TypeVar("T")

# Visible ASCII: a token, or the quoted string of a Structured Field (the draft's form).
KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"
REPLAYED_HEADER = "Idempotent-Replayed"
_BOUNDARY = re.compile(r"boundary=\"?([^\";]+)\"?", re.IGNORECASE)


class Replay(Exception):
    """Ends a request with the answer stored for its key (handled in `install`)."""

    def __init__(self, answer: StoredAnswer) -> None:
        self.answer = answer
        super().__init__("replay")


@dataclass(frozen=True)
class Answer:
    """What a route answered, to keep for its key: status, body, headers and the patient."""

    status_code: int
    body: BaseModel | bytes
    headers: dict[str, str] = field(default_factory=dict)
    patient_id: uuid.UUID | None = None

    def stored(self) -> StoredAnswer:
        body = self.body if isinstance(self.body, bytes) else self.body.model_dump_json().encode()
        return StoredAnswer(self.status_code, body, dict(self.headers))


@dataclass(frozen=True)
class Idempotency:
    """The request's use of an Idempotency-Key; inert when the request has none."""

    session: AsyncSession
    use: KeyUse | None

    def before_commit(self, render: Callable[[T], Answer]) -> Callable[[T], Awaitable[None]] | None:
        """A hook for a service: keeps the answer in the transaction of the write it answers,
        so that a write committed while its response was lost still has its answer."""
        use = self.use
        if use is None:
            return None

        async def keep(result: T) -> None:
            answer = render(result)
            await remember(self.session, use, answer.stored(), answer.patient_id)

        return keep

    async def keep(self, answer: Answer) -> None:
        """After the use-case committed: keep the answer in a transaction of its own."""
        if self.use is not None:
            await remember(self.session, self.use, answer.stored(), answer.patient_id)
            await self.session.commit()


def _canonical_body(content_type: str, body: bytes) -> bytes:
    """The body as a retry would send it again: JSON re-serialised with sorted keys, and a
    multipart body without its boundary (clients draw a new one for every send)."""
    media_type = content_type.split(";")[0].strip().lower()
    if media_type == "application/json":
        try:
            return json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
        except ValueError:
            return body
    if media_type == "multipart/form-data" and (found := _BOUNDARY.search(content_type)):
        return body.replace(found.group(1).encode("latin-1"), b"")
    return body


def _key(value: str) -> str:
    unquoted = len(value) > 2 and value.startswith('"') and value.endswith('"')
    return value[1:-1] if unquoted else value


@raises(IdempotencyKeyInUse, IdempotencyKeyReused)
async def idempotency(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description="A unique value per request (a UUID): a retry with the same key gets "
            "the first answer for 24 hours instead of a second write. The same key with a "
            "different request is refused (422); one still running answers 409.",
            pattern=KEY_PATTERN,
            min_length=1,
            max_length=255,
        ),
    ] = None,
) -> Idempotency:
    if key is None:
        return Idempotency(session, None)
    content_type = request.headers.get("content-type", "")
    route = getattr(request.scope.get("route"), "path", request.url.path)
    use = KeyUse(
        user_id=principal.user_id,
        scope=f"{request.method} {route}",
        key_hash=digest(_key(key)),
        request_hash=digest(
            request.method,
            request.url.path,
            request.url.query,
            content_type.split(";")[0].strip().lower(),
            _canonical_body(content_type, await request.body()),
        ),
    )
    stored = await claim(session, use)
    if stored is not None:
        raise Replay(stored)
    return Idempotency(session, use)


async def _replay(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Replay)
    headers = {**exc.answer.headers, REPLAYED_HEADER: "true"}
    return Response(exc.answer.body, status_code=exc.answer.status_code, headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(Replay, _replay)


IdempotencyDep = Annotated[Idempotency, Depends(idempotency)]
