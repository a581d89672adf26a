"""No summary job stays stuck: real workers through Redis outages, PostgreSQL cuts and kills.

Each test runs the worker as production does (`python -m worker`, a separate process), a
throwaway redis-server, and (for PostgreSQL) the TCP proxy the test cuts. What a user sees is
checked: the worker process is still there, `GET /summary` stops answering 202 for a dead job,
and the summary is made in the end.
"""

import signal
import subprocess
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import text

from carechart.core.config import Settings, SummaryProviderName
from tests.conftest import TestUser, client_for, running_app
from tests.fakes.openai_server import FakeOpenAI, delay, ok
from tests.hardening.conftest import (
    RedisServer,
    TcpProxy,
    eventually,
    start_worker,
    stop,
    via_port,
    worker_env,
)
from tests.summaries.conftest import patient_with_note

# The job's lease (and arq's time limit) must outlive the model call and the outage.
TIMEOUTS = {"OPENAI_TIMEOUT_S": "10", "SUMMARY_JOB_TIMEOUT_S": "20"}
SHORT_LEASE = {"OPENAI_TIMEOUT_S": "1.5", "SUMMARY_JOB_TIMEOUT_S": "2"}


def _worker_env(settings: Settings, fake: FakeOpenAI, **more: str) -> dict[str, str]:
    return worker_env(
        settings,
        SUMMARY_PROVIDER="openai",
        OPENAI_API_KEY="sk-test-not-real",
        OPENAI_BASE_URL=fake.base_url,
        OPENAI_MODEL="fake-model",
        SUMMARY_RETRY_BASE_S="0.1",
        **more,
    )


def _api_changes(fake: FakeOpenAI, env: dict[str, str]) -> dict[str, Any]:
    """The API's settings matching the worker's (the same inputs hash to the same job)."""
    return {
        "summary_provider": SummaryProviderName.OPENAI,
        "openai_api_key": SecretStr("sk-test-not-real"),
        "openai_base_url": fake.base_url,
        "openai_model": "fake-model",
        "openai_timeout_s": float(env["OPENAI_TIMEOUT_S"]),
        "summary_job_timeout_s": float(env["SUMMARY_JOB_TIMEOUT_S"]),
    }


@contextmanager
def worker(env: dict[str, str], log: Path) -> Iterator["subprocess.Popen[bytes]"]:
    process = start_worker(env, log)
    try:
        yield process
    finally:
        stop(process)


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"


async def _job(app: FastAPI, job_id: str) -> dict[str, Any]:
    async with app.state.engine.connect() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT status, attempts, error, summary_id, lease_until < now() AS expired "
                    "FROM summary_job WHERE id = :id"
                ),
                {"id": job_id},
            )
        ).one()
    return dict(row._mapping)


def _tried(log: Path, job_id: str) -> bool:
    """The worker has run the job once (whatever came of it)."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    return any('"summary job run"' in line and job_id in line for line in lines)


async def _status_is(app: FastAPI, job_id: str, status: str) -> bool:
    return (await _job(app, job_id))["status"] == status


async def _lease_expired(app: FastAPI, job_id: str) -> bool:
    return bool((await _job(app, job_id))["expired"])


@asynccontextmanager
async def api(settings: Settings, **changes: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(settings, **changes) as application, client_for(application) as client:
        yield client


async def _request(client: httpx.AsyncClient, user: TestUser, url: str) -> httpx.Response:
    return await client.get(url, headers=user.headers)


# --- Redis ------------------------------------------------------------------------------------


async def test_a_worker_rides_out_a_redis_outage_mid_job_and_keeps_working_after(
    settings: Settings,
    app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
    tmp_path: Path,
) -> None:
    redis = RedisServer(tmp_path, persistent=True)
    redis.start()
    env = _worker_env(settings, fake_openai, REDIS_URL=redis.url, **TIMEOUTS)
    fake_openai.script(delay(3), ok())
    log = tmp_path / "worker.log"
    try:
        async with api(settings, redis_url=redis.url, **_api_changes(fake_openai, env)) as client:
            patient, _ = await patient_with_note(client, clinician)
            url = f"/patients/{patient['id']}/summary"
            job_id = (await _request(client, clinician, url)).json()["job_id"]
            with worker(env, log) as process:
                assert await eventually(lambda: fake_openai.call_count >= 1, timeout_s=120)

                redis.stop()  # while the model is still answering

                assert await eventually(
                    lambda: _status_is(app, job_id, "succeeded"), timeout_s=60
                ), _tail(log)
                assert process.poll() is None, "the worker exited when Redis went away"
                redis.start()
                # The same process goes on to the next job once Redis is back.
                later = await _request(client, clinician, f"{url}?audience=patient")
                assert later.status_code == 202, later.text
                assert await eventually(
                    lambda: _status_is(app, later.json()["job_id"], "succeeded"), timeout_s=90
                ), _tail(log)
                assert process.poll() is None
            assert (await _request(client, clinician, url)).status_code == 200
            assert fake_openai.call_count == 2
    finally:
        redis.stop()


# --- A killed worker, its queue entry lost ----------------------------------------------------


async def _a_job_whose_worker_died(
    client: httpx.AsyncClient,
    user: TestUser,
    fake: FakeOpenAI,
    redis: RedisServer,
    env: dict[str, str],
    log: Path,
) -> tuple[str, str]:
    """A job left `running` by a SIGKILLed worker, and a Redis that lost its queue since."""
    patient, _ = await patient_with_note(client, user)
    url = f"/patients/{patient['id']}/summary"
    job_id = (await _request(client, user, url)).json()["job_id"]
    fake.script(delay(30), ok())
    with worker(env, log) as process:
        assert await eventually(lambda: fake.call_count >= 1, timeout_s=120), _tail(log)
        stop(process, signal.SIGKILL)
    redis.stop()
    redis.start()  # not persistent: the queue is gone
    return url, job_id


async def test_a_request_requeues_a_job_whose_worker_died_and_a_new_worker_completes_it(
    settings: Settings,
    app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
    tmp_path: Path,
) -> None:
    redis = RedisServer(tmp_path)
    redis.start()
    env = _worker_env(settings, fake_openai, REDIS_URL=redis.url, **SHORT_LEASE)
    try:
        async with api(settings, redis_url=redis.url, **_api_changes(fake_openai, env)) as client:
            url, job_id = await _a_job_whose_worker_died(
                client, clinician, fake_openai, redis, env, tmp_path / "killed.log"
            )
            assert (await _job(app, job_id))["status"] == "running"
            assert await eventually(lambda: _lease_expired(app, job_id), timeout_s=60)

            answer = await _request(client, clinician, url)

            assert answer.status_code == 202
            assert answer.json()["job_id"] == job_id
            assert answer.json()["status"] == "queued"  # no longer the dead run
            log = tmp_path / "worker.log"
            with worker(env, log):
                assert await eventually(
                    lambda: _status_is(app, job_id, "succeeded"), timeout_s=90
                ), _tail(log)
            assert (await _job(app, job_id))["attempts"] == 2
            assert (await _request(client, clinician, url)).status_code == 200
    finally:
        redis.stop()


async def test_a_worker_sweep_finishes_a_job_whose_worker_died_without_any_request(
    settings: Settings,
    app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
    tmp_path: Path,
) -> None:
    redis = RedisServer(tmp_path)
    redis.start()
    env = _worker_env(settings, fake_openai, REDIS_URL=redis.url, **SHORT_LEASE)
    try:
        async with api(settings, redis_url=redis.url, **_api_changes(fake_openai, env)) as client:
            url, job_id = await _a_job_whose_worker_died(
                client, clinician, fake_openai, redis, env, tmp_path / "killed.log"
            )
            assert await eventually(lambda: _lease_expired(app, job_id), timeout_s=60)

            log = tmp_path / "worker.log"
            with worker(env, log):
                assert await eventually(
                    lambda: _status_is(app, job_id, "succeeded"), timeout_s=90
                ), _tail(log)
            assert (await _request(client, clinician, url)).status_code == 200
    finally:
        redis.stop()


# --- PostgreSQL -------------------------------------------------------------------------------


async def test_a_database_cut_at_the_end_of_a_job_is_waited_out_and_the_summary_saved_once(
    settings: Settings,
    app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
    pg_proxy: TcpProxy,
    tmp_path: Path,
) -> None:
    env = _worker_env(
        settings,
        fake_openai,
        DATABASE_URL=via_port(settings.database_url, pg_proxy.port),
        **TIMEOUTS,
    )
    fake_openai.script(delay(1), ok())
    log = tmp_path / "worker.log"
    async with api(settings, **_api_changes(fake_openai, env)) as client:
        patient, _ = await patient_with_note(client, clinician)
        url = f"/patients/{patient['id']}/summary"
        job_id = (await _request(client, clinician, url)).json()["job_id"]
        with worker(env, log) as process:
            assert await eventually(lambda: fake_openai.call_count >= 1, timeout_s=120)
            await pg_proxy.cut()  # the model answers while PostgreSQL is away

            assert not await eventually(lambda: _status_is(app, job_id, "succeeded"), timeout_s=4)
            await pg_proxy.restore()

            assert await eventually(lambda: _status_is(app, job_id, "succeeded"), timeout_s=60), (
                _tail(log)
            )
            assert process.poll() is None
        assert fake_openai.call_count == 1  # the answer was kept, not asked for again
        assert (await _request(client, clinician, url)).status_code == 200


async def test_a_worker_that_cannot_reach_the_database_claims_the_job_once_it_is_back(
    settings: Settings,
    app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
    pg_proxy: TcpProxy,
    tmp_path: Path,
) -> None:
    env = _worker_env(
        settings,
        fake_openai,
        DATABASE_URL=via_port(settings.database_url, pg_proxy.port),
        **TIMEOUTS,
    )
    log = tmp_path / "worker.log"
    async with api(settings, **_api_changes(fake_openai, env)) as client:
        patient, _ = await patient_with_note(client, clinician)
        url = f"/patients/{patient['id']}/summary"
        await pg_proxy.cut()
        with worker(env, log) as process:
            job_id = (await _request(client, clinician, url)).json()["job_id"]
            assert await eventually(lambda: _tried(log, job_id), timeout_s=120), _tail(log)
            assert process.poll() is None, "the worker exited when PostgreSQL went away"

            await pg_proxy.restore()

            assert await eventually(lambda: _status_is(app, job_id, "succeeded"), timeout_s=120), (
                _tail(log)
            )
        assert (await _job(app, job_id))["attempts"] == 1
        assert (await _request(client, clinician, url)).status_code == 200
