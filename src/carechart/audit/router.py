"""Routes of the audit slice: read-only access to the trail, for admins."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from carechart.audit import service
from carechart.audit.schemas import AuditEventPage, AuditEventRead
from carechart.auth.dependencies import Admin
from carechart.core.deps import CursorCodecDep, PagerDep, SessionDep
from carechart.core.pagination import CursorParam, InvalidCursor, LimitParam
from carechart.core.problems import raises
from carechart.core.validation import IsoDateTime

router = APIRouter(tags=["audit"])


@router.get(
    "/audit-events",
    summary="Read the audit trail (admin), newest first",
    response_model=AuditEventPage,
)
@raises(InvalidCursor)
async def list_audit_events(
    _admin: Admin,
    session: SessionDep,
    codec: CursorCodecDep,
    pager: PagerDep,
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
    events, next_cursor = await service.list_events(session=session, codec=codec, query=query)
    items = [AuditEventRead.model_validate(e) for e in events]
    return pager.page(AuditEventPage, items, next_cursor)
