"""Response bodies of the audit slice."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from carechart.core.pagination import Page


class AuditEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    occurred_at: datetime
    actor_id: uuid.UUID | None
    action: str
    resource_type: str
    resource_id: uuid.UUID | None
    patient_ids: list[uuid.UUID]
    outcome: str
    request_id: str | None
    details: dict[str, Any]


class AuditEventPage(Page[AuditEventRead]):
    pass
