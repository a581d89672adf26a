"""Liveness and readiness probes."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from carechart.core.deps import RedisDep, SessionDep
from carechart.health import service

router = APIRouter(prefix="/health", tags=["health"])


class Liveness(BaseModel):
    status: str = "ok"


class Readiness(BaseModel):
    status: str
    checks: dict[str, str]


@router.get("", summary="Liveness: the process is up (touches nothing)", response_model=Liveness)
async def liveness() -> Liveness:
    return Liveness()


@router.get(
    "/ready",
    summary="Readiness: PostgreSQL and Redis answer",
    response_model=Readiness,
    responses={
        503: {"model": Readiness, "description": "A dependency is down; `checks` says which"}
    },
)
async def readiness(session: SessionDep, redis: RedisDep) -> JSONResponse:
    checks = await service.check_dependencies(session=session, redis=redis)
    ready = all(v == "ok" for v in checks.values())
    body = Readiness(status="ok" if ready else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
