"""Routes of the auth slice: token issuance, the current user, and user management (admins)."""

from fastapi import APIRouter, Response, status

from carechart.auth import service
from carechart.auth.dependencies import Admin, CurrentUser, SignInForm
from carechart.auth.schemas import Token, UserCreate, UserList, UserRead
from carechart.core.deps import PasswordsDep, SessionDep, SettingsDep
from carechart.core.problems import problem_responses

router = APIRouter(tags=["auth"])


@router.post(
    "/auth/token",
    summary="Sign in: exchange email and password for a bearer token",
    response_model=Token,
    responses=problem_responses(401, 422, 429, 503),
)
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
    responses=problem_responses(401),
)
async def me(principal: CurrentUser, session: SessionDep) -> UserRead:
    user = await service.get_user(session=session, user_id=principal.user_id)
    return UserRead.model_validate(user)


@router.post(
    "/users",
    summary="Create a user (admin)",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    responses=problem_responses(400, 401, 403, 409, 413, 422, 503),
)
async def create_user(
    body: UserCreate, _admin: Admin, session: SessionDep, passwords: PasswordsDep
) -> UserRead:
    user = await service.create_user(
        session=session,
        passwords=passwords,
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
    responses=problem_responses(401, 403),
)
async def list_users(_admin: Admin, session: SessionDep) -> UserList:
    users = await service.list_users(session=session)
    return UserList(items=[UserRead.model_validate(u) for u in users])
