"""The summaries slice's public API: stored summaries as frozen documents (for the FHIR export).

Other slices import this module only (import-linter, `make lint`).
"""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession

from carechart.summaries import service
from carechart.summaries.schemas import SummaryBody

__all__ = ["SummaryBody", "SummaryDocument", "latest_summary"]


class SummaryDocument(BaseModel):
    """A generated summary: who made it, when, and its checked body."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: uuid.UUID
    patient_id: uuid.UUID
    generated_at: datetime
    provider: str
    model: str
    body: SummaryBody


async def latest_summary(*, session: AsyncSession, patient_id: uuid.UUID) -> SummaryDocument | None:
    """The patient's most recently generated summary, any options (not audited: the caller is)."""
    summary = await service.latest_summary(session=session, patient_id=patient_id)
    return None if summary is None else SummaryDocument.model_validate(summary)
