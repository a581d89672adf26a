"""Claiming a key for a request, finding the answer already given, and keeping a new one."""

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from carechart.idempotency.exceptions import IdempotencyKeyInUse, IdempotencyKeyReused
from carechart.idempotency.models import IdempotencyRecord

KEPT_FOR = timedelta(hours=24)


def digest(*parts: bytes | str) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big") + data)  # length-prefixed: no ambiguity
    return hashed.hexdigest()


@dataclass(frozen=True)
class KeyUse:
    """One request's use of a key: whose, on which route, which key, and what was asked."""

    user_id: uuid.UUID
    scope: str  # method and route template, e.g. "POST /patients/{patient_id}/notes"
    key_hash: str
    request_hash: str

    def lock_id(self) -> int:
        raw = hashlib.sha256(f"{self.user_id}|{self.scope}|{self.key_hash}".encode()).digest()
        return int.from_bytes(raw[:8], "big", signed=True)


@dataclass(frozen=True)
class StoredAnswer:
    status_code: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


async def claim(session: AsyncSession, use: KeyUse) -> StoredAnswer | None:
    """Hold the key for this transaction and return the answer already given, if any.

    The lock is a transaction-level advisory lock: taken in the request's transaction, it is
    released by the commit that also stores the answer, so a second request with the key
    either finds the lock held (409, the first is still running) or the stored answer.
    """
    if not await session.scalar(select(func.pg_try_advisory_xact_lock(use.lock_id()))):
        raise IdempotencyKeyInUse()
    record = await session.scalar(
        select(IdempotencyRecord).where(
            col(IdempotencyRecord.user_id) == use.user_id,
            col(IdempotencyRecord.scope) == use.scope,
            col(IdempotencyRecord.key_hash) == use.key_hash,
            col(IdempotencyRecord.expires_at) > datetime.now(UTC),
        )
    )
    if record is None:
        return None
    if record.request_hash != use.request_hash:
        raise IdempotencyKeyReused()
    return StoredAnswer(record.status_code, record.body, dict(record.headers))


async def remember(
    session: AsyncSession, use: KeyUse, answer: StoredAnswer, patient_id: uuid.UUID | None
) -> None:
    """Add the answer to the current transaction: committed with the write it answers, or not
    at all. A record of the same key that has expired is replaced."""
    now = datetime.now(UTC)
    values = {
        "id": uuid.uuid4(),
        "user_id": use.user_id,
        "scope": use.scope,
        "key_hash": use.key_hash,
        "request_hash": use.request_hash,
        "patient_id": patient_id,
        "status_code": answer.status_code,
        "headers": answer.headers,
        "body": answer.body,
        "created_at": now,
        "expires_at": now + KEPT_FOR,
    }
    statement = insert(IdempotencyRecord).values(**values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id", "scope", "key_hash"],
            set_={k: statement.excluded[k] for k in values if k != "id"},
            where=col(IdempotencyRecord.expires_at) <= now,
        )
    )


async def purge_expired(*, session: AsyncSession) -> int:
    """Delete the answers older than 24 hours (the worker does it hourly)."""
    result = await session.execute(
        delete(IdempotencyRecord).where(col(IdempotencyRecord.expires_at) <= datetime.now(UTC))
    )
    await session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
