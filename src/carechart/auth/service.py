"""Users and sign-in: authenticate, issue tokens, create and list users, ensure the first admin."""

import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from carechart.auth.exceptions import DuplicateEmail, InvalidCredentials, NotAuthenticated
from carechart.auth.models import Role, User
from carechart.core.config import Settings
from carechart.core.security import (
    InvalidToken,
    IssuedToken,
    Passwords,
    create_access_token,
    decode_access_token,
)


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


async def authenticate(*, session: AsyncSession, settings: Settings, token: str) -> User:
    """The active user behind a bearer token, read fresh so that role changes apply at once."""
    try:
        user_id = decode_access_token(settings=settings, token=token)
    except InvalidToken as exc:
        raise NotAuthenticated("The bearer token is invalid or expired") from exc
    user = await session.get(User, user_id)
    if user is None or not user.is_active:
        raise NotAuthenticated("The bearer token's user no longer exists or is disabled")
    return user


async def create_user(
    *,
    session: AsyncSession,
    passwords: Passwords,
    email: str,
    full_name: str,
    role: Role,
    password: str,
) -> User:
    user = User(
        email=_normalise_email(email),
        full_name=full_name,
        role=role.value,
        hashed_password=await passwords.hash(password),
    )
    session.add(user)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise DuplicateEmail("A user with this email already exists") from exc
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
    user = await create_user(
        session=session,
        passwords=passwords,
        email=settings.admin_email,
        full_name="Administrator",
        role=Role.ADMIN,
        password=settings.admin_password.get_secret_value(),
    )
    return user.id, True


async def get_user(*, session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotAuthenticated("The bearer token's user no longer exists")
    return user
