"""Routes of the audit slice: read-only access to the trail, for admins."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from carechart.audit import service
from carechart.audit.schemas import AuditEventPage, AuditEventRead
from carechart.auth.public import Admin
from carechart.core.deps import SessionDep
from carechart.core.pagination import CursorParam, LimitParam, next_link
from carechart.core.problems import problem_responses
from carechart.core.validation import IsoDateTime

router = APIRouter(tags=["audit"])


@router.get(
    "/audit-events",
    summary="Read the audit trail (admin), newest first",
    response_model=AuditEventPage,
    responses=problem_responses(400, 401, 403, 422),
)
async def list_audit_events(
    _admin: Admin,
    session: SessionDep,
    request: Request,
    response: Response,
    limit: LimitParam = 50,
    cursor: CursorParam = None,
    patient_id: Annotated[uuid.UUID | None, Query(description="Events about this patient.")] = None,
    actor_id: Annotated[uuid.UUID | None, Query(description="Events by this user.")] = None,
    occurred_after: Annotated[
        IsoDateTime | None, Query(description="At or after (ISO 8601).")
    ] = None,
    occurred_before: Annotated[IsoDateTime | None, Query(description="Before (ISO 8601).")] = None,
) -> AuditEventPage:
    query = service.AuditQuery(
        limit=limit,
        cursor=cursor,
        patient_id=patient_id,
        actor_id=actor_id,
        occurred_after=occurred_after,
        occurred_before=occurred_before,
    )
    events, next_cursor = await service.list_events(
        session=session, codec=request.app.state.cursor_codec, query=query
    )
    if link := next_link(request.url, next_cursor):
        response.headers["Link"] = link
    return AuditEventPage(
        items=[AuditEventRead.model_validate(e) for e in events],
        next_cursor=next_cursor,
        has_more=next_cursor is not None,
    )
