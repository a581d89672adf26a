"""Jobs whose worker died: revived by the next request or the worker's sweep, or failed for good.

The real-process versions (a SIGKILLed worker, Redis and PostgreSQL outages) are in
tests/hardening/test_stuck_jobs.py; these set the dead state directly and check the rules.
"""

import asyncio
from typing import Any

import httpx
from arq.jobs import Job
from fastapi import FastAPI
from sqlalchemy import text

from carechart.core.config import Settings
from carechart.summaries.generation import _finish
from carechart.summaries.models import SummaryJob
from carechart.summaries.recovery import sweep
from tests.conftest import TestUser
from tests.summaries.conftest import patient_with_note, run_worker


async def _requested(
    client: httpx.AsyncClient, user: TestUser, mrn: str = "10001"
) -> tuple[str, str]:
    patient, _ = await patient_with_note(client, user, mrn=mrn)
    url = f"/patients/{patient['id']}/summary"
    response = await client.get(url, headers=user.headers)
    assert response.status_code == 202
    return url, response.json()["job_id"]


async def _kill(app: FastAPI, job_id: str, *, attempts: int, minutes_ago: int = 1) -> None:
    """What a worker that died mid-run leaves: running, its lease over, nothing in Redis."""
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE summary_job SET status = 'running', attempts = :attempts, "
                "started_at = now(), lease_until = now() - make_interval(mins => :ago) "
                "WHERE id = :id"
            ),
            {"id": job_id, "attempts": attempts, "ago": minutes_ago},
        )
    await app.state.redis.flushdb()


async def _job(app: FastAPI, job_id: str) -> dict[str, Any]:
    async with app.state.engine.connect() as conn:
        row = await conn.execute(
            text("SELECT status, attempts, error, lease_until FROM summary_job WHERE id = :id"),
            {"id": job_id},
        )
        return dict(row.one()._mapping)


async def test_a_dead_job_with_attempts_left_is_queued_again_by_the_next_request(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    url, job_id = await _requested(client, clinician)
    await _kill(app, job_id, attempts=1)

    answer = await client.get(url, headers=clinician.headers)

    assert answer.status_code == 202
    assert answer.json()["job_id"] == job_id
    assert answer.json()["status"] == "queued"
    assert "stopped" in answer.json()["error"]
    assert await Job(f"{job_id}.1", app.state.redis).info() is not None  # handed to arq again
    await run_worker(app)
    assert (await client.get(url, headers=clinician.headers)).status_code == 200


async def test_a_dead_job_out_of_attempts_fails_with_its_reason_and_a_new_job_starts(
    client: httpx.AsyncClient, app: FastAPI, settings: Settings, clinician: TestUser
) -> None:
    url, job_id = await _requested(client, clinician)
    await _kill(app, job_id, attempts=settings.summary_max_attempts)

    answer = await client.get(url, headers=clinician.headers)

    assert answer.status_code == 202
    assert answer.json()["job_id"] != job_id
    dead = (await client.get(f"/summary-jobs/{job_id}", headers=clinician.headers)).json()
    assert dead["status"] == "failed"
    assert "worker running it stopped" in dead["error"]
    assert dead["finished_at"] is not None
    await run_worker(app)
    assert (await client.get(url, headers=clinician.headers)).status_code == 200


async def test_a_job_still_within_its_lease_is_left_to_its_worker(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    url, job_id = await _requested(client, clinician)
    await _kill(app, job_id, attempts=1, minutes_ago=-5)  # the lease ends in five minutes

    answer = await client.get(url, headers=clinician.headers)

    assert answer.json()["job_id"] == job_id
    assert answer.json()["status"] == "running"


async def test_concurrent_requests_revive_a_dead_job_once(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    url, job_id = await _requested(client, clinician)
    await _kill(app, job_id, attempts=1)

    answers = await asyncio.gather(*(client.get(url, headers=clinician.headers) for _ in range(12)))

    assert {a.json()["job_id"] for a in answers} == {job_id}
    assert {a.json()["status"] for a in answers} == {"queued"}
    assert await app.state.redis.zcard("arq:queue") == 1


async def test_the_worker_sweep_revives_dead_jobs_and_hands_lost_queued_ones_back(
    client: httpx.AsyncClient, app: FastAPI, settings: Settings, clinician: TestUser
) -> None:
    _, dead = await _requested(client, clinician)
    await _kill(app, dead, attempts=1)
    _, lost = await _requested(client, clinician, mrn="10002")
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text("UPDATE summary_job SET updated_at = now() - interval '1 day' WHERE id = :id"),
            {"id": lost},
        )
    await app.state.redis.flushdb()

    async with app.state.sessionmaker() as session:
        result = await sweep(session=session, queue=app.state.redis, settings=settings)

    assert (result.queued_again, result.failed, result.handed_to_queue) == (1, 0, 2)
    assert (await _job(app, dead))["status"] == "queued"
    await run_worker(app)
    assert (await _job(app, dead))["status"] == "succeeded"
    assert (await _job(app, lost))["status"] == "succeeded"


async def test_a_late_run_never_overwrites_the_run_that_replaced_it(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    _, job_id = await _requested(client, clinician)
    await _kill(app, job_id, attempts=3)
    async with app.state.sessionmaker() as session:
        late_run = await session.get(SummaryJob, job_id)
        assert late_run is not None
        late_run.attempts = 2  # the run before the current one

        kept = await _finish(session, late_run, status="failed", error="late")

    assert kept is False
    assert (await _job(app, job_id))["status"] == "running"
