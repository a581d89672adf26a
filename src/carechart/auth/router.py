"""Routes of the auth slice: token issuance, the current user, and user management (admins)."""

import uuid

from fastapi import APIRouter, Response, status

from carechart.auth import service
from carechart.auth.dependencies import Admin, CurrentUser, PasswordChanger, SignInForm
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
from carechart.auth.models import Role
from carechart.auth.schemas import (
    PasswordChange,
    Token,
    UserCreate,
    UserList,
    UserPatch,
    UserRead,
)
from carechart.core.deps import PasswordsDep, SessionDep, SettingsDep
from carechart.core.problems import raises

router = APIRouter(tags=["auth"])


@router.post(
    "/auth/token",
    summary="Sign in: exchange email and password for a bearer token",
    response_model=Token,
)
@raises(InvalidCredentials)
async def issue_token(
    form: SignInForm,
    session: SessionDep,
    settings: SettingsDep,
    passwords: PasswordsDep,
    response: Response,
) -> Token:
    """OAuth2 password flow: `username` is the user's email. Returns a signed JWT."""
    issued = await service.issue_token(
        session=session,
        settings=settings,
        passwords=passwords,
        email=form.username,
        password=form.password,
    )
    response.headers["Cache-Control"] = "no-store"
    return Token(access_token=issued.token, expires_in=issued.expires_in)


@router.get(
    "/auth/me",
    summary="The signed-in user",
    response_model=UserRead,
)
@raises(NotAuthenticated)
async def me(principal: CurrentUser, session: SessionDep) -> UserRead:
    user = await service.get_user(session=session, user_id=principal.user_id)
    return UserRead.model_validate(user)


@router.post(
    "/users",
    summary="Create a user (admin)",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
)
@raises(DuplicateEmail, WeakPassword)
async def create_user(
    body: UserCreate, admin: Admin, session: SessionDep, passwords: PasswordsDep
) -> UserRead:
    user = await service.create_user(
        session=session,
        passwords=passwords,
        actor_id=admin.user_id,
        email=str(body.email),
        full_name=body.full_name,
        role=body.role,
        password=body.password,
    )
    return UserRead.model_validate(user)


@router.get(
    "/users",
    summary="List users (admin)",
    response_model=UserList,
)
async def list_users(_admin: Admin, session: SessionDep) -> UserList:
    users = await service.list_users(session=session)
    return UserList(items=[UserRead.model_validate(u) for u in users])


@router.get(
    "/users/{user_id}",
    summary="Read a user (admin, or the user themselves)",
    response_model=UserRead,
)
@raises(RoleNotAllowed, UserNotFound)
async def read_user(user_id: uuid.UUID, principal: CurrentUser, session: SessionDep) -> UserRead:
    if principal.role is not Role.ADMIN and principal.user_id != user_id:
        raise RoleNotAllowed("Only an admin may read another user")
    return UserRead.model_validate(await service.read_user(session=session, user_id=user_id))


@router.patch(
    "/users/{user_id}",
    summary="Change a user's full name, role or active flag (admin)",
    response_model=UserRead,
)
@raises(UserNotFound, LastAdmin)
async def update_user(
    user_id: uuid.UUID, body: UserPatch, admin: Admin, session: SessionDep
) -> UserRead:
    """`is_active: false` disables the account: its tokens stop working at once. The last
    active admin cannot be demoted or disabled (409 `last-admin`)."""
    user = await service.update_user(
        session=session,
        actor_id=admin.user_id,
        user_id=user_id,
        changes=body.model_dump(exclude_unset=True),
    )
    return UserRead.model_validate(user)


@router.post(
    "/users/{user_id}/password",
    summary="Set a password: an admin resets a user's, a user changes their own",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,  # no body, so no Content-Type (FastAPI would say JSON)
)
@raises(RoleNotAllowed, CurrentPasswordWrong, UserNotFound, WeakPassword)
async def set_password(
    user_id: uuid.UUID,
    body: PasswordChange,
    principal: PasswordChanger,
    session: SessionDep,
    passwords: PasswordsDep,
) -> None:
    """Your own password needs `current_password`. Every token issued before stops working."""
    await service.set_password(
        session=session,
        passwords=passwords,
        actor_id=principal.user_id,
        actor_is_admin=principal.role is Role.ADMIN,
        user_id=user_id,
        new_password=body.new_password,
        current_password=body.current_password,
    )


@router.delete(
    "/users/{user_id}",
    summary="Delete a user (admin): disabled and kept, for the audit trail",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,  # no body, so no Content-Type (FastAPI would say JSON)
)
@raises(UserNotFound, LastAdmin)
async def delete_user(user_id: uuid.UUID, admin: Admin, session: SessionDep) -> None:
    await service.delete_user(session=session, actor_id=admin.user_id, user_id=user_id)
