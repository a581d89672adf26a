"""Summary test support: an app wired to the fake OpenAI server, and a real arq worker."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from arq.worker import Worker
from fastapi import FastAPI
from pydantic import SecretStr

from carechart.core.config import Settings, SummaryProviderName
from carechart.summaries.generation import Generation
from carechart.summaries.providers.base import SummaryProvider
from carechart.summaries.providers.factory import build_provider
from carechart.summaries.tasks import SUMMARY_TASK
from tests.conftest import TestUser, client_for, create_patient, running_app
from tests.fakes.openai_server import FakeOpenAI, fake_openai, fake_openai_server

__all__ = ["fake_openai", "fake_openai_server"]

SOAP = (
    "SOAP Note - Encounter Date: 2024-03-15 (Follow-up)\n"
    "Patient: Jonathan Collins, MRN 10001, DOB 05/23/1987\n"
    "S: Pt returns for lipid f/u. Denies chest pain or SOB.\n"
    "O: BP 128/82, HR 72, Temp 98.6°F. LDL 165 mg/dL (ref <100)\n"
    "A: Hyperlipidemia\n"
    "P: Start atorvastatin 20 mg PO QD. RTC 3 months.\n"
    "Signed: Dr. Ana Rivera"
)
COLLINS = {
    "given_name": "Jonathan",
    "family_name": "Collins",
    "date_of_birth": "1987-05-23",
    "sex": "male",
    "mrn": "10001",
}


async def run_worker(app: FastAPI, provider: SummaryProvider | None = None) -> None:
    """Run a real arq worker in burst mode until the queue is empty."""
    settings: Settings = app.state.settings
    chosen = provider or build_provider(settings)
    generation = Generation(app.state.sessionmaker, settings, chosen)
    worker = Worker(
        functions=[SUMMARY_TASK],
        redis_pool=app.state.redis,
        burst=True,
        handle_signals=False,
        poll_delay=0.05,
        ctx={"generation": generation},
        max_tries=settings.summary_max_attempts + 1,
        keep_result=60,
        job_timeout=settings.summary_job_timeout_s,
    )
    await worker.main()
    close = getattr(chosen, "close", None)
    if provider is None and close is not None:
        await close()


@pytest.fixture
async def openai_app(
    app: FastAPI, settings: Settings, fake_openai: FakeOpenAI
) -> AsyncIterator[FastAPI]:
    """The app configured for an OpenAI-compatible server (the fake), sharing the test DB."""
    configured = settings.model_copy(
        update={
            "summary_provider": SummaryProviderName.OPENAI,
            "openai_api_key": SecretStr("sk-test-not-real"),
            "openai_base_url": fake_openai.base_url,
            "openai_model": "fake-model",
            "openai_timeout_s": 1.0,
            "summary_retry_base_s": 0.01,
        }
    )
    async with running_app(configured) as application:
        yield application


@pytest.fixture
async def openai_client(openai_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(openai_app) as client:
        yield client


async def patient_with_note(
    client: httpx.AsyncClient, user: TestUser, content: str = SOAP, **patient: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    created = await create_patient(client, user, **{**COLLINS, **patient})
    response = await client.post(
        f"/patients/{created['id']}/notes",
        json={"taken_at": "2024-03-15T09:30:00Z", "content": content},
        headers=user.headers,
    )
    assert response.status_code == 201, response.text
    return created, response.json()


async def summarised_patient(
    client: httpx.AsyncClient, app: FastAPI, user: TestUser, content: str = SOAP, **patient: Any
) -> tuple[dict[str, Any], dict[str, Any], str]:
    """The scenario most summary tests start from: a patient with one note, whose summary was
    requested and made by a worker run. Returns the patient, the note and the summary URL."""
    created, note = await patient_with_note(client, user, content, **patient)
    url = f"/patients/{created['id']}/summary"
    await client.get(url, headers=user.headers)
    await run_worker(app)
    return created, note, url
