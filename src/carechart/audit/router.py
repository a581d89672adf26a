"""Routes of the audit slice: read-only access to the trail, for admins."""

from fastapi import APIRouter

from carechart.audit import service
from carechart.audit.dependencies import AuditQueryDep
from carechart.audit.schemas import AuditEventPage, AuditEventRead
from carechart.auth.public import Admin
from carechart.core.deps import CursorCodecDep, PagerDep, SessionDep

router = APIRouter(tags=["audit"])


@router.get(
    "/audit-events",
    summary="Read the audit trail (admin), newest first",
    response_model=AuditEventPage,
)
async def list_audit_events(
    _admin: Admin, query: AuditQueryDep, session: SessionDep, codec: CursorCodecDep, pager: PagerDep
) -> AuditEventPage:
    events, next_cursor = await service.list_events(session=session, codec=codec, query=query)
    items = [AuditEventRead.model_validate(e) for e in events]
    return pager.page(AuditEventPage, items, next_cursor)
