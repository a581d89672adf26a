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


def _material(
    patient_id: uuid.UUID,
    version: int,
    notes_fingerprint: int,
    options: SummaryOptions,
    settings: Settings,
) -> str:
    provider, model = provider_identity(settings)
    material = {
        "patient": [str(patient_id), version],
        # Kept by the database as notes are added, removed, or change their text, date, type or
        # extraction (migration *_patient_notes_fingerprint): no scan of the notes.
        "notes_fingerprint": notes_fingerprint,
        "options": options.key(),
        "prompt": PROMPT_VERSION,
        "provider": [provider, model, settings.summary_mask_identifiers],
    }
    return json.dumps(material, sort_keys=True)


def input_hash(patient: PatientRecord, options: SummaryOptions, settings: Settings) -> str:
    material = _material(patient.id, patient.version, patient.notes_fingerprint, options, settings)
    return hashlib.sha256(material.encode()).hexdigest()


# Stand-ins no patient row holds: where the row's numbers go in the material's text.
_FINGERPRINT_MARK = -918273645546372819
_VERSION_MARK = -192837465


def input_hash_template(
    patient_id: uuid.UUID, options: SummaryOptions, settings: Settings
) -> tuple[str, str, str] | None:
    """`input_hash`'s material around the patient row's two numbers, for the database to hash:
    prefix || notes_fingerprint || middle || version || suffix (one statement, no read first).
    None in the unlikely case that the options' text holds a stand-in.
    """
    text = _material(patient_id, _VERSION_MARK, _FINGERPRINT_MARK, options, settings)
    around_fingerprint = text.split(str(_FINGERPRINT_MARK))
    if len(around_fingerprint) != 2:
        return None
    around_version = around_fingerprint[1].split(str(_VERSION_MARK))
    if len(around_version) != 2:
        return None
    return around_fingerprint[0], around_version[0], around_version[1]


async def gather_inputs(
    *, session: AsyncSession, patient_id: uuid.UUID, options: SummaryOptions, settings: Settings
) -> Inputs:
    patient = await get_patient(session=session, patient_id=patient_id)
    return Inputs(patient, options, input_hash(patient, options, settings))
