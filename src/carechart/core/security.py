"""Password hashing (argon2) and signed JWT access tokens."""

import hashlib
import time
import uuid
from collections import OrderedDict
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


@dataclass(frozen=True)
class AccessClaims:
    subject: uuid.UUID
    issued_at: int  # seconds since the epoch (JWT `iat`)
    expires_at: int  # seconds since the epoch (JWT `exp`)


def decode_access_token(*, settings: Settings, token: str) -> uuid.UUID:
    """The user id the token was issued to, once signature, expiry, issuer, audience pass."""
    return decode_access_claims(settings=settings, token=token).subject


def _verify(settings: Settings, token: str) -> AccessClaims:
    try:
        claims = jwt.decode(
            token,
            settings.secret_key.get_secret_value(),
            algorithms=[ALGORITHM],  # a fixed list: `alg=none` and key confusion are refused
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "aud", "iss"]},
        )
        return AccessClaims(uuid.UUID(str(claims["sub"])), int(claims["iat"]), int(claims["exp"]))
    except (jwt.PyJWTError, ValueError, TypeError) as exc:
        raise InvalidToken(type(exc).__name__) from exc


# Tokens verified lately, by the SHA-256 of the token (the token itself is not kept).
VERIFIED_TOKENS_KEPT = 4096


class VerifiedTokens:
    """A bounded LRU of verified tokens' claims: a client sends the same token many times,
    and checking its signature and claims once is enough until it expires. Who the user is
    now (role, active, revocation) is still read on every request (auth/service.py)."""

    def __init__(self, size: int = VERIFIED_TOKENS_KEPT) -> None:
        self._size = size
        self._claims: OrderedDict[bytes, AccessClaims] = OrderedDict()

    def get(self, token: str, now: float) -> AccessClaims | None:
        key = hashlib.sha256(token.encode()).digest()
        claims = self._claims.get(key)
        if claims is None:
            return None
        if claims.expires_at <= now:
            del self._claims[key]
            return None
        self._claims.move_to_end(key)
        return claims

    def put(self, token: str, claims: AccessClaims) -> None:
        self._claims[hashlib.sha256(token.encode()).digest()] = claims
        if len(self._claims) > self._size:
            self._claims.popitem(last=False)


_VERIFIERS: dict[tuple[str, str, str], VerifiedTokens] = {}


def _verified_tokens(settings: Settings) -> VerifiedTokens:
    """One cache per key, issuer and audience: a token verified under one is not under another."""
    key = (settings.secret_key.get_secret_value(), settings.jwt_issuer, settings.jwt_audience)
    cache = _VERIFIERS.get(key)
    if cache is None:
        if len(_VERIFIERS) >= 8:  # a process has one; tests make a few
            _VERIFIERS.clear()
        cache = _VERIFIERS[key] = VerifiedTokens()
    return cache


def decode_access_claims(*, settings: Settings, token: str) -> AccessClaims:
    """The claims of a token whose signature, expiry, issuer and audience pass (checked once
    per token while it is kept; its expiry on every call)."""
    cache = _verified_tokens(settings)
    now = time.time()
    claims = cache.get(token, now)
    if claims is None:
        claims = _verify(settings, token)
        cache.put(token, claims)
    return claims
