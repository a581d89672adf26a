"""Password hashing (argon2) and signed JWT access tokens."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from carechart.core.config import Settings
from carechart.core.offload import ThreadPool

ALGORITHM = "HS256"

_hasher = PasswordHash((Argon2Hasher(),))
# Verifying against this keeps the timing of "no such user" close to "wrong password".
_DUMMY_HASH = _hasher.hash("carechart-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, hashed: str | None) -> bool:
    if hashed is None:
        _hasher.verify(password, _DUMMY_HASH)
        return False
    return _hasher.verify(password, hashed)


class Passwords:
    """argon2 hashing and checking off the event loop, a bounded number at a time.

    argon2 costs about 0.1 s of CPU and 64 MiB by design; on the event loop a burst of sign-ins
    would stall every other request. Its C code releases the GIL, so threads are enough, and its
    cost is fixed, so it needs no time limit beyond the wait for a thread (PoolBusy, 503).
    """

    def __init__(self, pool: ThreadPool) -> None:
        self._pool = pool

    async def hash(self, password: str) -> str:
        return await self._pool.run(hash_password, password)

    async def verify(self, password: str, hashed: str | None) -> bool:
        return await self._pool.run(verify_password, password, hashed)


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_in: int


def create_access_token(*, settings: Settings, subject: uuid.UUID, role: str) -> IssuedToken:
    now = datetime.now(UTC)
    lifetime = timedelta(minutes=settings.access_token_expire_minutes)
    claims: dict[str, Any] = {
        "sub": str(subject),
        "role": role,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "nbf": now,
        "exp": now + lifetime,
        "jti": uuid.uuid4().hex,
    }
    token = jwt.encode(claims, settings.secret_key.get_secret_value(), algorithm=ALGORITHM)
    return IssuedToken(token=token, expires_in=int(lifetime.total_seconds()))


class InvalidToken(Exception):
    """The token is malformed, forged, expired or meant for someone else."""


def decode_access_token(*, settings: Settings, token: str) -> uuid.UUID:
    """The user id the token was issued to, once signature, expiry, issuer, audience pass."""
    try:
        claims = jwt.decode(
            token,
            settings.secret_key.get_secret_value(),
            algorithms=[ALGORITHM],  # a fixed list: `alg=none` and key confusion are refused
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "aud", "iss"]},
        )
        return uuid.UUID(str(claims["sub"]))
    except (jwt.PyJWTError, ValueError) as exc:
        raise InvalidToken(type(exc).__name__) from exc
