"""Routes of the audit slice: read-only access to the trail, for admins."""

from fastapi import APIRouter, Request, Response

from carechart.audit import service
from carechart.audit.dependencies import AuditQueryDep
from carechart.audit.schemas import AuditEventPage, AuditEventRead
from carechart.auth.public import Admin
from carechart.core.deps import SessionDep
from carechart.core.pagination import next_link
from carechart.core.problems import problem_responses

router = APIRouter(tags=["audit"])


@router.get(
    "/audit-events",
    summary="Read the audit trail (admin), newest first",
    response_model=AuditEventPage,
    responses=problem_responses(400, 401, 403, 422),
)
async def list_audit_events(
    _admin: Admin, query: AuditQueryDep, session: SessionDep, request: Request, response: Response
) -> AuditEventPage:
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
