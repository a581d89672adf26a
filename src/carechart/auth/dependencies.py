"""Bearer-token authentication and role checks for routes."""

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm

from carechart.auth import service
from carechart.auth.exceptions import NotAuthenticated, RoleNotAllowed
from carechart.auth.models import Role
from carechart.auth.queries import Caller
from carechart.core.context import current_request
from carechart.core.deps import RateLimiterDep, SessionDep, SettingsDep
from carechart.core.problems import raises
from carechart.core.ratelimit import RateLimit, RateLimited
from carechart.core.security import AccessClaims, InvalidToken, decode_access_claims

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)


@dataclass(frozen=True)
class Principal:
    """The signed-in user, as services need to know them (id and role; no PHI)."""

    user_id: uuid.UUID
    role: Role


@raises(NotAuthenticated)
async def get_principal(
    session: SessionDep,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> Principal:
    if not token:
        raise NotAuthenticated("Send a bearer token: Authorization: Bearer <token>")
    user = await service.authenticate(session=session, settings=settings, token=token)
    ctx = current_request()
    if ctx is not None:
        ctx.user_id = user.id
    return Principal(user_id=user.id, role=Role(user.role))


def _verified_claims(request: Request, token: str | None) -> AccessClaims:
    """The token's claims, verified (a bounded cache of tokens already checked: core/security),
    or 401. The user row is not read here."""
    if not token:
        raise NotAuthenticated("Send a bearer token: Authorization: Bearer <token>")
    try:
        claims = decode_access_claims(settings=request.app.state.settings, token=token)
    except InvalidToken as exc:
        raise NotAuthenticated("The bearer token is invalid or expired") from exc
    ctx = current_request()
    if ctx is not None:
        ctx.user_id = claims.subject
    return claims


# The settings are read from the app, not through SettingsDep, and `verified` below checks the
# token itself rather than through `bearer_claims`: every dependency is one more for FastAPI to
# solve on each request of every signed-in route, whatever it does.


@raises(NotAuthenticated)
async def bearer_claims(
    request: Request, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> AccessClaims:
    """The verified token's claims (401 otherwise); the user row is not read here."""
    return _verified_claims(request, token)


def caller_with(*allowed: Role) -> Callable[..., Awaitable[Caller]]:
    """For a route whose one statement checks the user (auth/statement.py): the token is
    verified here, the user row read by that statement. Until it runs, the check is left
    pending, so that a 422 or a replay is answered only to a user who passes it."""

    @raises(NotAuthenticated, RoleNotAllowed)  # by the route's statement, or before a 422
    async def verified(
        request: Request, token: Annotated[str | None, Depends(oauth2_scheme)]
    ) -> Caller:
        claims = _verified_claims(request, token)
        caller = Caller(claims.subject, claims.issued_at, allowed, request.app.state.engine)
        ctx = current_request()
        if ctx is not None:
            ctx.pending_check = caller.check
        return caller

    return verified


def require_role(*allowed: Role) -> Callable[..., Awaitable[Principal]]:
    @raises(RoleNotAllowed)
    async def check(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        if principal.role not in allowed:
            names = ", ".join(r.value for r in allowed)
            raise RoleNotAllowed(f"This action needs one of the roles: {names}")
        return principal

    return check


@raises(RateLimited)
async def throttle_sign_in(
    request: Request,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    limiter: RateLimiterDep,
    settings: SettingsDep,
) -> OAuth2PasswordRequestForm:
    """Counts every attempt per client address and per account, before any password check.

    Past the limit, an address is refused (429). An account is not: refusing it would let
    anyone lock its owner out by failing on purpose. Its attempts are slowed down instead,
    from every address, and the right password still signs in.
    """
    limit = RateLimit("sign-in", settings.token_rate_limit_per_minute)
    # request.client is the connection's peer, or the proxy's X-Forwarded-For client when
    # FORWARDED_ALLOW_IPS lists that peer (main.py).
    client = request.client.host if request.client else "unknown"
    await limiter.check(limit, f"address:{client}", "sign-in attempts")
    account = f"account:{form.username.strip().lower()}"
    if await limiter.hit(limit, account) is not None:
        await asyncio.sleep(settings.sign_in_slowdown_s)
    return form


@raises(RateLimited)
async def throttle_password_change(
    principal: Annotated[Principal, Depends(get_principal)],
    limiter: RateLimiterDep,
    settings: SettingsDep,
) -> Principal:
    """A stolen token must not become a way to guess its owner's password: as sign-in, limited."""
    limit = RateLimit("password-change", settings.token_rate_limit_per_minute)
    await limiter.check(limit, str(principal.user_id), "password changes")
    return principal


SignInForm = Annotated[OAuth2PasswordRequestForm, Depends(throttle_sign_in)]
PasswordChanger = Annotated[Principal, Depends(throttle_password_change)]
CurrentUser = Annotated[Principal, Depends(get_principal)]
Reader = Annotated[Principal, Depends(require_role(Role.ADMIN, Role.CLINICIAN, Role.VIEWER))]
Writer = Annotated[Principal, Depends(require_role(Role.ADMIN, Role.CLINICIAN))]
Admin = Annotated[Principal, Depends(require_role(Role.ADMIN))]
ReaderCaller = Annotated[Caller, Depends(caller_with(Role.ADMIN, Role.CLINICIAN, Role.VIEWER))]
WriterCaller = Annotated[Caller, Depends(caller_with(Role.ADMIN, Role.CLINICIAN))]
