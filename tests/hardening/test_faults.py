"""Faults with real processes: Redis stopped and started, PostgreSQL cut under load, a worker
killed mid-job, and a model that is slow or away for a while.

Redis is a throwaway redis-server of the test's own; PostgreSQL is reached through a TCP proxy
the test cuts (the machine's cluster is shared); workers are real `arq` processes.
Already covered elsewhere: Redis unreachable from the start (tests/summaries/test_flow.py,
tests/health/test_health.py), 429/5xx retried then success, exhausted retries and permanent
failures (test_flow.py), a job delivered twice (test_flow.py).
"""

import asyncio
import signal
import time
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.engine import make_url

from carechart.core.config import Settings, SummaryProviderName
from tests.conftest import TestUser, assert_problem, client_for, create_patient, running_app
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
from tests.summaries.conftest import patient_with_note, run_worker, summarised_patient

# Every request in these tests is bounded: a hang is a failure, not a slow test.
REQUEST_TIMEOUT_S = 10.0


async def bounded(call: Any) -> httpx.Response:
    response: httpx.Response = await asyncio.wait_for(call, REQUEST_TIMEOUT_S)
    return response


async def _job(app: FastAPI, job_id: str) -> dict[str, Any]:
    async with app.state.engine.connect() as conn:
        row = (
            await conn.execute(
                text("SELECT status, attempts, error, summary_id FROM summary_job WHERE id = :id"),
                {"id": job_id},
            )
        ).one()
    return dict(row._mapping)


async def _count(app: FastAPI, table: str) -> int:
    async with app.state.engine.connect() as conn:
        return int((await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


# --- Redis ------------------------------------------------------------------------------------


async def test_redis_down_keeps_patients_and_notes_working_and_summaries_answer_503(
    settings: Settings, app: FastAPI, clinician: TestUser, tmp_path: Path
) -> None:
    redis = RedisServer(tmp_path, persistent=True)
    redis.start()
    try:
        async with running_app(settings, redis_url=redis.url) as api, client_for(api) as client:
            headers = clinician.headers
            patient, _ = await patient_with_note(client, clinician)
            summary_url = f"/patients/{patient['id']}/summary"
            assert (await client.get(summary_url, headers=headers)).status_code == 202
            await run_worker(api)
            cached = (await client.get(summary_url, headers=headers)).json()
            queued = await client.get(f"{summary_url}?audience=patient", headers=headers)
            assert queued.status_code == 202  # in Redis when it goes down

            redis.stop()

            ready = await bounded(client.get("/health/ready"))
            assert ready.status_code == 503
            assert ready.json()["checks"] == {"postgres": "ok", "redis": "unavailable"}
            other = await bounded(client.post("/patients", json=_person("Ada"), headers=headers))
            assert other.status_code == 201, other.text
            patched = await bounded(
                client.patch(
                    f"/patients/{patient['id']}", json={"family_name": "Byron"}, headers=headers
                )
            )
            assert patched.status_code == 200
            note = await bounded(
                client.post(
                    f"/patients/{other.json()['id']}/notes",
                    json={"taken_at": "2024-05-01", "content": "P: Continue atorvastatin."},
                    headers=headers,
                )
            )
            assert note.status_code == 201
            listed = await bounded(client.get(f"/patients/{patient['id']}/notes", headers=headers))
            assert listed.status_code == 200
            stale = await bounded(client.get(f"{summary_url}?allow_stale=true", headers=headers))
            assert stale.status_code == 200
            assert stale.json()["id"] == cached["id"]
            refused = await bounded(client.get(f"{summary_url}?audience=family", headers=headers))
            assert_problem(refused, 503, "queue-unavailable")
            assert int(refused.headers["retry-after"]) > 0

            redis.start()

            assert await eventually(lambda: _ready(client), timeout_s=REQUEST_TIMEOUT_S), (
                "the API did not see Redis come back"
            )
            again = await bounded(client.get(f"{summary_url}?audience=family", headers=headers))
            assert again.status_code == 202, again.text
            await run_worker(api)  # the job queued before the outage and the new one
            for query in ("?audience=patient", "?audience=family"):
                done = await bounded(client.get(f"{summary_url}{query}", headers=headers))
                assert done.status_code == 200, (query, done.text)
            assert (await _job(app, queued.json()["job_id"]))["status"] == "succeeded"
    finally:
        redis.stop()


async def _ready(client: httpx.AsyncClient) -> bool:
    return (await client.get("/health/ready")).status_code == 200


def _person(given: str, mrn: str | None = None) -> dict[str, Any]:
    body = {"given_name": given, "family_name": "Fault", "date_of_birth": "1970-01-01"}
    return {**body, "mrn": mrn} if mrn else body


# --- PostgreSQL -------------------------------------------------------------------------------


async def test_postgres_cut_under_load_recovers_by_itself_with_clean_failures_and_no_partial_writes(
    settings: Settings, app: FastAPI, clinician: TestUser, pg_proxy: TcpProxy
) -> None:
    url = via_port(settings.database_url, pg_proxy.port)
    async with running_app(settings, database_url=url) as api, client_for(api) as client:
        headers = clinician.headers
        patient = await create_patient(client, clinician)
        outcomes: list[tuple[str, int, str]] = []
        acknowledged: list[str] = []
        stop_at = time.monotonic() + 4.0

        async def writer(worker: int) -> None:
            n = 0
            while time.monotonic() < stop_at:
                n += 1
                mrn = f"PG-{worker}-{n}"
                try:
                    response = await bounded(
                        client.post("/patients", json=_person("Load", mrn), headers=headers)
                    )
                except TimeoutError:
                    outcomes.append(("hang", 0, mrn))
                    continue
                outcomes.append(("write", response.status_code, response.headers["content-type"]))
                if response.status_code == 201:
                    acknowledged.append(mrn)
                    note = await bounded(
                        client.post(
                            f"/patients/{response.json()['id']}/notes",
                            json={"taken_at": "2024-01-01", "content": f"A: note {mrn}"},
                            headers=headers,
                        )
                    )
                    outcomes.append(("note", note.status_code, note.headers["content-type"]))

        async def reader() -> None:
            while time.monotonic() < stop_at:
                response = await bounded(client.get(f"/patients/{patient['id']}", headers=headers))
                outcomes.append(("read", response.status_code, response.headers["content-type"]))

        async def restart() -> None:
            await asyncio.sleep(1.0)
            await pg_proxy.cut()
            await asyncio.sleep(1.0)
            await pg_proxy.restore()

        await asyncio.gather(*(writer(i) for i in range(4)), reader(), reader(), restart())

        assert not [o for o in outcomes if o[0] == "hang"], "a request hung"
        failed = [o for o in outcomes if o[1] >= 500]
        assert failed, "the cut did not touch any request: the test proves nothing"
        assert {o[1] for o in failed} <= {500, 503}
        assert all(o[2].startswith("application/problem+json") for o in failed)
        assert {o[1] for o in outcomes} <= {200, 201, 500, 503}

        # Recovered by itself: same app object, no restart.
        assert await eventually(
            lambda: _reads_ok(client, patient["id"], headers), timeout_s=REQUEST_TIMEOUT_S
        )
        assert (await client.get("/health/ready")).status_code == 200
        after = await client.post("/patients", json=_person("After"), headers=headers)
        assert after.status_code == 201

    await _assert_no_partial_writes(app, acknowledged)


async def _reads_ok(client: httpx.AsyncClient, patient_id: str, headers: dict[str, str]) -> bool:
    return (await client.get(f"/patients/{patient_id}", headers=headers)).status_code == 200


async def _assert_no_partial_writes(app: FastAPI, acknowledged: list[str]) -> None:
    async with app.state.engine.connect() as conn:
        stored = set(
            (await conn.execute(text("SELECT mrn FROM patient WHERE mrn LIKE 'PG-%'"))).scalars()
        )
        unaudited = await conn.execute(
            text(
                "SELECT count(*) FROM patient p WHERE NOT EXISTS (SELECT 1 FROM audit_event a"
                " WHERE a.resource_id = p.id AND a.action = 'create' AND a.outcome = 'success')"
            )
        )
        fileless = await conn.execute(
            text(
                "SELECT count(*) FROM note n WHERE NOT EXISTS"
                " (SELECT 1 FROM note_file f WHERE f.note_id = n.id)"
            )
        )
        assert set(acknowledged) <= stored, "an acknowledged write was lost"
        assert unaudited.scalar_one() == 0, "a patient was stored without its audit event"
        assert fileless.scalar_one() == 0, "a note was stored without its file"


async def test_terminated_database_connections_are_replaced_without_a_failed_request(
    app: FastAPI, client: httpx.AsyncClient, clinician: TestUser
) -> None:
    """What a PostgreSQL restart leaves in the pool: dead connections, found on use (the
    statement that opened the transaction runs again on a fresh one; no pre-ping)."""
    patient = await create_patient(client, clinician)
    path, headers = f"/patients/{patient['id']}", clinician.headers
    warm = await asyncio.gather(*(client.get(path, headers=headers) for _ in range(6)))
    assert all(r.status_code == 200 for r in warm)
    pooled = app.state.engine.pool.checkedin()

    killed = await _terminate_backends(app.state.settings.database_url)

    assert killed >= min(pooled, 2)
    answers = await asyncio.gather(*(bounded(client.get(path, headers=headers)) for _ in range(6)))
    assert [r.status_code for r in answers] == [200] * 6


async def _terminate_backends(database_url: str) -> int:
    """Terminate every other session on the test database (never another database's)."""
    parsed = make_url(database_url)
    conn = await asyncpg.connect(
        host=parsed.host, port=parsed.port, user=parsed.username, database=parsed.database
    )
    try:
        killed: int = await conn.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    finally:
        await conn.close()
    return killed


# --- The worker -------------------------------------------------------------------------------


def _openai(fake: FakeOpenAI, **more: Any) -> dict[str, Any]:
    return {
        "summary_provider": SummaryProviderName.OPENAI,
        "openai_api_key": SecretStr("sk-test-not-real"),
        "openai_base_url": fake.base_url,
        "openai_model": "fake-model",
        **more,
    }


async def test_a_worker_killed_mid_job_leaves_the_job_to_another_which_completes_it_once(
    settings: Settings,
    app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
    tmp_path: Path,
) -> None:
    # The job (lease and arq timeout) must outlive the model call; arq takes a job again 10 s
    # after its timeout.
    timeouts = {"openai_timeout_s": 1.5, "summary_job_timeout_s": 2.0}
    env = worker_env(
        settings,
        SUMMARY_PROVIDER="openai",
        OPENAI_API_KEY="sk-test-not-real",
        OPENAI_BASE_URL=fake_openai.base_url,
        OPENAI_MODEL="fake-model",
        OPENAI_TIMEOUT_S="1.5",
        SUMMARY_JOB_TIMEOUT_S="2",
        SUMMARY_RETRY_BASE_S="0.1",
    )
    fake_openai.script(delay(30), ok())
    configured = running_app(settings, **_openai(fake_openai, **timeouts))
    async with configured as api, client_for(api) as client:
        patient, _ = await patient_with_note(client, clinician)
        url = f"/patients/{patient['id']}/summary"
        job_id = (await client.get(url, headers=clinician.headers)).json()["job_id"]

        first = start_worker(env, tmp_path / "worker-1.log")
        try:
            assert await eventually(lambda: fake_openai.call_count >= 1, timeout_s=120)
            assert (await _job(app, job_id))["status"] == "running"
            stop(first, signal.SIGKILL)
        finally:
            stop(first, signal.SIGKILL)

        second = start_worker(env, tmp_path / "worker-2.log")
        try:
            assert await eventually(
                lambda: _succeeded(app, job_id), timeout_s=90, interval_s=0.25
            ), (tmp_path / "worker-2.log").read_text()[-2000:]
        finally:
            stop(second)

        job = await _job(app, job_id)
        assert job["attempts"] == 2  # the killed run and the one that finished
        assert fake_openai.call_count == 2
        assert await _count(app, "summary") == 1
        served = await client.get(url, headers=clinician.headers)
        assert served.status_code == 200
        assert served.json()["id"] == str(job["summary_id"])


async def _succeeded(app: FastAPI, job_id: str) -> bool:
    return (await _job(app, job_id))["status"] == "succeeded"


# --- The model --------------------------------------------------------------------------------


async def test_a_model_slower_than_its_timeout_fails_after_bounded_retries_keeping_the_summary(
    settings: Settings, clinician: TestUser, fake_openai: FakeOpenAI
) -> None:
    changes = _openai(
        fake_openai, openai_timeout_s=0.3, summary_retry_base_s=0.01, summary_max_attempts=3
    )
    async with running_app(settings, **changes) as api, client_for(api) as client:
        _, _, url = await summarised_patient(client, api, clinician)
        good = (await client.get(url, headers=clinician.headers)).json()
        fake_openai.reset()
        fake_openai.script(delay(5), delay(5), delay(5))

        forced = await client.post(url, json={"force": True}, headers=clinician.headers)
        started = time.monotonic()
        await run_worker(api)

        assert time.monotonic() - started < 10, "retries were not bounded"
        job = (await client.get(forced.headers["location"], headers=clinician.headers)).json()
        assert job["status"] == "failed"
        assert job["attempts"] == 3
        assert "timed out" in job["error"]
        assert fake_openai.call_count == 3
        still = await client.get(url, headers=clinician.headers)
        assert still.status_code == 200
        assert still.json()["id"] == good["id"]


async def test_a_model_away_for_a_while_is_retried_until_it_is_back(
    settings: Settings, clinician: TestUser, fake_openai: FakeOpenAI
) -> None:
    proxy = TcpProxy(int(fake_openai.base_url.split(":")[2].split("/")[0]))
    changes = _openai(fake_openai, summary_retry_base_s=0.4, summary_max_attempts=6)
    changes["openai_base_url"] = f"http://127.0.0.1:{proxy.port}/v1"
    async with running_app(settings, **changes) as api, client_for(api) as client:
        patient, _ = await patient_with_note(client, clinician)
        url = f"/patients/{patient['id']}/summary"
        job_id = (await client.get(url, headers=clinician.headers)).json()["job_id"]

        async def back_soon() -> None:
            await asyncio.sleep(1.5)
            await proxy.start()

        try:
            await asyncio.wait_for(asyncio.gather(run_worker(api), back_soon()), 30)
        finally:
            await proxy.cut()

        job = (await client.get(f"/summary-jobs/{job_id}", headers=clinician.headers)).json()
        assert job["status"] == "succeeded", job
        assert job["attempts"] >= 2  # refused while away, then answered
        assert fake_openai.call_count == 1  # only the call that got through reached the model
        assert (await client.get(url, headers=clinician.headers)).status_code == 200
