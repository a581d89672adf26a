"""Users and sign-in: authenticate, issue tokens, manage users (audited), ensure the first admin."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from carechart.audit.public import Action, AuditRecord, audited
from carechart.auth.exceptions import (
    CurrentPasswordWrong,
    DuplicateEmail,
    InvalidCredentials,
    LastAdmin,
    NotAuthenticated,
    RoleNotAllowed,
    UserNotFound,
    WeakPassword,
)
from carechart.auth.models import Role, User
from carechart.auth.passwords import password_problem
from carechart.core.config import Settings
from carechart.core.security import (
    InvalidToken,
    IssuedToken,
    Passwords,
    create_access_token,
    decode_access_claims,
)

RESOURCE = "user"
# One lock for every change that may take away an admin: two at once cannot both see
# "another admin remains" and leave none.
_ADMIN_CHANGES_LOCK = text("SELECT pg_advisory_xact_lock(hashtext('carechart:admin-changes'))")


def _normalise_email(email: str) -> str:
    return email.strip().lower()


async def _user_by_email(session: AsyncSession, email: str) -> User | None:
    if "\x00" in email:
        return None  # no stored email has one, and PostgreSQL refuses NUL in text
    result = await session.execute(select(User).where(col(User.email) == _normalise_email(email)))
    return result.scalar_one_or_none()


async def issue_token(
    *, session: AsyncSession, settings: Settings, passwords: Passwords, email: str, password: str
) -> IssuedToken:
    user = await _user_by_email(session, email)
    hashed = user.hashed_password if user else None
    allowed = (user.id, user.role) if user is not None and user.is_active else None
    # End the read: no connection is held while argon2 runs (and the rollback expires `user`).
    await session.rollback()
    valid = await passwords.verify(password, hashed)
    if allowed is None or not valid:
        raise InvalidCredentials("The email or password is wrong, or the account is disabled")
    return create_access_token(settings=settings, subject=allowed[0], role=allowed[1])


def _revoked(user: User, issued_at: int) -> bool:
    """Issued before the password last changed (to the second: JWT times are whole seconds)."""
    valid_after = user.tokens_valid_after
    return valid_after is not None and issued_at < int(valid_after.timestamp())


async def authenticate(*, session: AsyncSession, settings: Settings, token: str) -> User:
    """The active user behind a bearer token, read fresh so that role changes apply at once."""
    try:
        claims = decode_access_claims(settings=settings, token=token)
    except InvalidToken as exc:
        raise NotAuthenticated("The bearer token is invalid or expired") from exc
    user = await session.get(User, claims.subject)
    if user is None or not user.is_active:
        raise NotAuthenticated("The bearer token's user no longer exists or is disabled")
    if _revoked(user, claims.issued_at):
        raise NotAuthenticated("The password changed since this token was issued: sign in again")
    return user


def _check_password(password: str, email: str, field: str) -> None:
    problem = password_problem(password, email=email)
    if problem is not None:
        raise WeakPassword(field, problem)


async def _add_user(
    session: AsyncSession, *, email: str, full_name: str, role: Role, hashed_password: str
) -> User:
    user = User(
        email=_normalise_email(email),
        full_name=full_name,
        role=role.value,
        hashed_password=hashed_password,
    )
    try:
        async with session.begin_nested():
            session.add(user)
            await session.flush()
    except IntegrityError as exc:
        raise DuplicateEmail("A user with this email already exists") from exc
    return user


async def create_user(
    *,
    session: AsyncSession,
    passwords: Passwords,
    actor_id: uuid.UUID,
    email: str,
    full_name: str,
    role: Role,
    password: str,
) -> User:
    """An admin adds a user; the password must pass the rules (auth/passwords.py)."""
    _check_password(password, email, "password")
    hashed = await passwords.hash(password)  # before the transaction: argon2 takes a while
    record = AuditRecord(actor_id, Action.CREATE, RESOURCE, details={"role": role.value})
    async with audited(session, record):
        user = await _add_user(
            session, email=email, full_name=full_name, role=role, hashed_password=hashed
        )
        record.resource_id = user.id
    return user


async def list_users(*, session: AsyncSession) -> list[User]:
    result = await session.execute(select(User).order_by(User.email))
    return list(result.scalars())


async def ensure_admin(
    *, session: AsyncSession, settings: Settings, passwords: Passwords
) -> tuple[uuid.UUID, bool]:
    """Create the first admin from settings if missing; returns (id, created)."""
    existing = await _user_by_email(session, settings.admin_email)
    if existing is not None:
        return existing.id, False
    # The operator's ADMIN_PASSWORD: production refuses the default (core/config.py).
    user = await _add_user(
        session,
        email=settings.admin_email,
        full_name="Administrator",
        role=Role.ADMIN,
        hashed_password=await passwords.hash(settings.admin_password.get_secret_value()),
    )
    await session.commit()
    return user.id, True


async def get_user(*, session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotAuthenticated("The bearer token's user no longer exists")
    return user


async def read_user(*, session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise UserNotFound()
    return user


async def _keep_an_admin(session: AsyncSession, user: User, changes: dict[str, Any]) -> None:
    """Refuse a change that would leave no active admin (race-safe: one lock for all)."""
    demoted = changes.get("role", user.role) != Role.ADMIN.value
    disabled = not changes.get("is_active", user.is_active)
    if user.role != Role.ADMIN.value or not user.is_active or not (demoted or disabled):
        return
    await session.execute(_ADMIN_CHANGES_LOCK)
    others = await session.scalar(
        select(func.count())
        .select_from(User)
        .where(
            col(User.role) == Role.ADMIN.value,
            col(User.is_active),
            col(User.id) != user.id,
        )
    )
    if not others:
        raise LastAdmin()


async def _locked_user(session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await session.get(User, user_id, with_for_update=True, populate_existing=True)
    if user is None:
        raise UserNotFound()
    return user


async def update_user(
    *, session: AsyncSession, actor_id: uuid.UUID, user_id: uuid.UUID, changes: dict[str, Any]
) -> User:
    """Change full name, role or whether the account is active (an admin's use-case).

    A disabled account's tokens stop working at once: every request reads the user afresh.
    """
    record = AuditRecord(actor_id, Action.UPDATE, RESOURCE, user_id)
    async with audited(session, record):
        record.details = {"fields": sorted(changes), **_role_change(changes)}
        user = await _locked_user(session, user_id)
        await _keep_an_admin(session, user, changes)
        for name, value in changes.items():
            setattr(user, name, value.value if isinstance(value, Role) else value)
        await session.flush()
    return user


def _role_change(changes: dict[str, Any]) -> dict[str, Any]:
    """Roles and the active flag are not personal data: the trail says what they became."""
    shown = {k: changes[k] for k in ("role", "is_active") if k in changes}
    return {k: v.value if isinstance(v, Role) else v for k, v in shown.items()}


async def delete_user(*, session: AsyncSession, actor_id: uuid.UUID, user_id: uuid.UUID) -> None:
    """Soft: the account is disabled and kept, since the audit trail names it."""
    record = AuditRecord(actor_id, Action.DELETE, RESOURCE, user_id)
    async with audited(session, record):
        user = await _locked_user(session, user_id)
        await _keep_an_admin(session, user, {"is_active": False})
        user.is_active = False
        user.tokens_valid_after = datetime.now(UTC)
        await session.flush()


async def set_password(
    *,
    session: AsyncSession,
    passwords: Passwords,
    actor_id: uuid.UUID,
    actor_is_admin: bool,
    user_id: uuid.UUID,
    new_password: str,
    current_password: str | None,
) -> None:
    """An admin resets another user's password; anyone changes their own with the current one.

    Every token issued before is refused from then on (a reset often follows a suspected
    compromise); the user signs in again.
    """
    own = actor_id == user_id
    if not own and not actor_is_admin:
        raise RoleNotAllowed("Only an admin may set another user's password")
    record = AuditRecord(actor_id, Action.UPDATE, RESOURCE, user_id)
    record.details = {"fields": ["password"], "by": "self" if own else "admin"}
    async with audited(session, record):
        user = await _locked_user(session, user_id)
        # argon2 runs in the password pool (core/security.Passwords), off the event loop.
        if own and not await passwords.verify(current_password or "", user.hashed_password):
            raise CurrentPasswordWrong()
        _check_password(new_password, user.email, "new_password")
        user.hashed_password = await passwords.hash(new_password)
        user.tokens_valid_after = datetime.now(UTC)
        await session.flush()
