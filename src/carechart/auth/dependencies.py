"""Bearer-token authentication and role checks for routes."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from fastapi.security import OAuth2PasswordBearer

from carechart.auth import service
from carechart.auth.exceptions import NotAuthenticated, RoleNotAllowed
from carechart.auth.models import Role
from carechart.core.context import current_request
from carechart.core.deps import SessionDep, SettingsDep

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)


@dataclass(frozen=True)
class Principal:
    """The signed-in user, as services need to know them (id and role; no PHI)."""

    user_id: uuid.UUID
    role: Role


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


def require_role(*allowed: Role) -> Callable[..., Awaitable[Principal]]:
    async def check(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        if principal.role not in allowed:
            names = ", ".join(r.value for r in allowed)
            raise RoleNotAllowed(f"This action needs one of the roles: {names}")
        return principal

    return check


CurrentUser = Annotated[Principal, Depends(get_principal)]
Reader = Annotated[Principal, Depends(require_role(Role.ADMIN, Role.CLINICIAN, Role.VIEWER))]
Writer = Annotated[Principal, Depends(require_role(Role.ADMIN, Role.CLINICIAN))]
Admin = Annotated[Principal, Depends(require_role(Role.ADMIN))]
