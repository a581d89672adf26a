"""The worker process: its arq settings, its metrics, and the summary of the sample notes."""

import httpx
from fastapi import FastAPI
from prometheus_client import REGISTRY

from carechart.core.config import Settings
from carechart.summaries.recovery import TASK_NAME
from carechart.summaries.tasks import generate_summary
from tests.conftest import TestUser, create_patient
from tests.shared_samples import shared_soap
from tests.summaries.conftest import patient_with_note, run_worker


def test_worker_settings_bound_jobs_and_check_health_often_enough() -> None:
    from worker.main import WorkerSettings

    settings = Settings(_env_file=None)
    [task] = WorkerSettings.functions
    # Registered under the name the API enqueues with, whatever the function is called.
    assert (task.name, task.coroutine) == (TASK_NAME, generate_summary)
    assert WorkerSettings.job_timeout > settings.openai_timeout_s
    assert WorkerSettings.health_check_interval <= 30  # a container health check can rely on it
    assert WorkerSettings.keep_result <= 300
    assert WorkerSettings.max_tries == settings.summary_max_attempts + 1


def _sample(name: str, labels: dict[str, str] | None = None) -> float:
    return REGISTRY.get_sample_value(name, labels or {}) or 0.0


async def test_a_job_run_counts_its_outcome_duration_and_queue_depth(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    before = _sample("carechart_summary_jobs_total", {"outcome": "succeeded"})
    runs = _sample("carechart_summary_job_duration_seconds_count")
    patient, _ = await patient_with_note(client, clinician)
    await client.get(f"/patients/{patient['id']}/summary", headers=clinician.headers)
    await run_worker(app)
    assert _sample("carechart_summary_jobs_total", {"outcome": "succeeded"}) == before + 1
    assert _sample("carechart_summary_job_duration_seconds_count") == runs + 1
    assert _sample("carechart_model_request_duration_seconds_count", {"provider": "local"}) >= 1
    assert _sample("carechart_summary_queue_depth") == 0


async def test_local_summary_of_the_shared_sample_notes_tells_the_story(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    soap = shared_soap()
    patient = await create_patient(
        client,
        clinician,
        given_name="Jonathan Michael",
        family_name="Collins",
        date_of_birth="1987-05-23",
        sex="male",
        mrn="10001",
    )
    for name in ("soap_01.txt", "soap_02.txt"):
        response = await client.post(
            f"/patients/{patient['id']}/notes",
            files={"file": (name, (soap / name).read_bytes(), "text/plain")},
            headers=clinician.headers,
        )
        assert response.status_code == 201, response.text
    url = f"/patients/{patient['id']}/summary"
    await client.get(url, headers=clinician.headers)
    await run_worker(app)
    summary = (await client.get(url, headers=clinician.headers)).json()
    narrative = summary["narrative"].lower()
    assert "atorvastatin" in narrative
    assert "hyperlipidemia" in narrative or "cholesterol" in narrative
    assert "As of 2024-03-15" in summary["narrative"]
    assert len(summary["sources"]) == 2
    assert all(m["citations"] for m in summary["sections"]["medications"])
    assert "chest pain" not in [p["name"].lower() for p in summary["sections"]["problems"]]
