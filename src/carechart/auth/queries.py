"""The caller's user check as SQL, for statements that do it along with their work.

A route that answers in one statement (auth/statement.py) reads the user row in that statement:
the role, the active flag and the password-change time apply at once, as `authenticate` does.
"""

# SQL built from constants of this code only, never from input (parameters are $n): S608 is moot.
# ruff: noqa: S608

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from carechart.auth.exceptions import NotAuthenticated, RoleNotAllowed
from carechart.auth.models import Role
from carechart.core.db import fetch_statement

# $1 the user id, $2 the token's `iat` (seconds), $3 the roles the route allows. A token issued
# before the password last changed is refused to the second, as in auth/service._revoked.
CALLER_PARAMETERS = 3
CALLER = (
    "SELECT u.is_active AS active, (u.tokens_valid_after IS NULL OR $2::bigint >= "
    "floor(extract(epoch FROM u.tokens_valid_after))) AS current, "
    "u.role = ANY($3::text[]) AS permitted FROM app_user AS u WHERE u.id = $1::uuid"
)
_CHECK = f"SELECT c.* FROM (SELECT 1) AS one LEFT JOIN ({CALLER}) AS c ON true"


@dataclass(frozen=True)
class Caller:
    """A bearer token already verified, and the roles its route allows: the user row is read by
    the statement that does the route's work (or by `check`, where there is none)."""

    user_id: uuid.UUID
    issued_at: int
    roles: tuple[Role, ...]
    engine: AsyncEngine

    def parameters(self) -> list[Any]:
        return [self.user_id, self.issued_at, [r.value for r in self.roles]]

    def refuse(self, row: Any) -> None:
        """401 or 403 as `get_principal` and `require_role` answer, from CALLER's columns."""
        if not row.active:  # no such user (NULL) or disabled
            raise NotAuthenticated("The bearer token's user no longer exists or is disabled")
        if not row.current:
            raise NotAuthenticated(
                "The password changed since this token was issued: sign in again"
            )
        if not row.permitted:
            names = ", ".join(r.value for r in self.roles)
            raise RoleNotAllowed(f"This action needs one of the roles: {names}")

    async def check(self) -> None:
        """The user check alone (a round trip of its own): for answers given without the
        route's statement."""
        rows = await fetch_statement(self.engine, _CHECK, self.parameters(), idempotent=True)
        self.refuse(rows[0])
