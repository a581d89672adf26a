"""What a summary depends on, reduced to one hash: the cache key and the staleness test."""

import hashlib
import json
import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from carechart.core.config import Settings
from carechart.patients.public import PatientRecord, get_patient
from carechart.summaries.prompt import PROMPT_VERSION
from carechart.summaries.providers.local import LocalProvider
from carechart.summaries.schemas import SummaryOptions


@dataclass(frozen=True)
class Inputs:
    patient: PatientRecord
    options: SummaryOptions
    input_hash: str


def provider_identity(settings: Settings) -> tuple[str, str]:
    """(provider, model) as configured: a change of either makes summaries stale."""
    provider = settings.effective_summary_provider.value
    model = settings.openai_model if provider == "openai" else LocalProvider.model
    return provider, model


def input_hash(patient: PatientRecord, options: SummaryOptions, settings: Settings) -> str:
    provider, model = provider_identity(settings)
    material = {
        "patient": [str(patient.id), patient.version],
        # Kept by the database as notes are added, removed, or change their text, date, type or
        # extraction (migration *_patient_notes_fingerprint): no scan of the notes.
        "notes_fingerprint": patient.notes_fingerprint,
        "options": options.key(),
        "prompt": PROMPT_VERSION,
        "provider": [provider, model, settings.summary_mask_identifiers],
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


async def gather_inputs(
    *, session: AsyncSession, patient_id: uuid.UUID, options: SummaryOptions, settings: Settings
) -> Inputs:
    patient = await get_patient(session=session, patient_id=patient_id)
    return Inputs(patient, options, input_hash(patient, options, settings))
