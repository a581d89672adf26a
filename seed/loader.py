"""Loads the admin user and the sample patients through the services; safe to run repeatedly."""

import json
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from carechart.auth import service as auth_service
from carechart.core.config import Settings
from carechart.patients import service as patient_service
from carechart.patients.models import Patient
from carechart.patients.schemas import PatientCreate

logger = logging.getLogger("carechart.seed")

DATA_DIR = Path(__file__).parent


@dataclass
class SeedReport:
    admin_created: bool = False
    patients_created: int = 0
    patients_present: int = 0


def sample_patients() -> list[PatientCreate]:
    raw = json.loads((DATA_DIR / "patients.json").read_text(encoding="utf-8"))
    return [PatientCreate.model_validate(item) for item in raw]


async def _seed_patients(session: AsyncSession, actor_id: uuid.UUID, report: SeedReport) -> None:
    for patient in sample_patients():
        exists = await session.scalar(
            select(col(Patient.id)).where(col(Patient.mrn) == patient.mrn)
        )
        if exists is not None:
            report.patients_present += 1
            continue
        await patient_service.create_patient(session=session, actor_id=actor_id, data=patient)
        report.patients_created += 1


async def load(*, session: AsyncSession, settings: Settings, with_samples: bool) -> SeedReport:
    report = SeedReport()
    admin_id, report.admin_created = await auth_service.ensure_admin(
        session=session, settings=settings
    )
    if with_samples:
        await _seed_patients(session, admin_id, report)
    return report
