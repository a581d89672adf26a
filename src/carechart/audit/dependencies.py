"""Request dependencies of the audit slice: the trail's list query parameters."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Query

from carechart.audit.service import AuditQuery
from carechart.core.query import PageRequest, paging
from carechart.core.validation import IsoDateTime

# An admin reads the trail in longer pages than a clinician reads a chart.
AUDIT_PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilters:
    patient_id: uuid.UUID | None
    actor_id: uuid.UUID | None
    occurred_after: datetime | None
    occurred_before: datetime | None


async def audit_filters(
    patient_id: Annotated[uuid.UUID | None, Query(description="Events about this patient.")] = None,
    actor_id: Annotated[uuid.UUID | None, Query(description="Events by this user.")] = None,
    occurred_after: Annotated[
        IsoDateTime | None, Query(description="At or after (ISO 8601).")
    ] = None,
    occurred_before: Annotated[IsoDateTime | None, Query(description="Before (ISO 8601).")] = None,
) -> AuditFilters:
    return AuditFilters(patient_id, actor_id, occurred_after, occurred_before)


async def audit_query(
    # In this order: the OpenAPI document lists the parameters as the dependencies come.
    page: Annotated[PageRequest, Depends(paging(AUDIT_PAGE_SIZE))],
    filters: Annotated[AuditFilters, Depends(audit_filters)],
) -> AuditQuery:
    return AuditQuery(
        limit=page.limit,
        cursor=page.cursor,
        patient_id=filters.patient_id,
        actor_id=filters.actor_id,
        occurred_after=filters.occurred_after,
        occurred_before=filters.occurred_before,
    )


AuditQueryDep = Annotated[AuditQuery, Depends(audit_query)]
