"""The summary flow end to end: request, queue, a real arq worker, cache, staleness, jobs."""

import asyncio

import httpx
from arq.jobs import Job
from fastapi import FastAPI
from sqlalchemy import text

from tests.conftest import TestUser, assert_problem, client_for, running_app
from tests.fakes.openai_server import FakeOpenAI
from tests.summaries.conftest import patient_with_note, run_worker, summarised_patient


async def _count(app: FastAPI, table: str) -> int:
    async with app.state.engine.connect() as conn:
        return int((await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


async def test_summary_is_queued_then_served_with_heading_narrative_and_citations(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    patient, note = await patient_with_note(client, clinician)
    url = f"/patients/{patient['id']}/summary"
    first = await client.get(url, headers=clinician.headers)
    assert first.status_code == 202, first.text
    job = first.json()
    assert first.headers["location"] == f"/summary-jobs/{job['job_id']}"
    assert int(first.headers["retry-after"]) > 0
    assert job["status"] == "queued"

    await run_worker(app)

    second = await client.get(url, headers=clinician.headers)
    assert second.status_code == 200, second.text
    summary = second.json()
    assert summary["heading"] == {
        "name": "Jonathan Collins",
        "mrn": "10001",
        "date_of_birth": "1987-05-23",
        "age": patient["age"],
        "sex": "male",
    }
    assert summary["provider"] == "local"
    assert summary["stale"] is False
    assert "atorvastatin" in summary["narrative"].lower()
    meds = summary["sections"]["medications"]
    assert [m["name"].lower() for m in meds] == ["atorvastatin"]
    assert meds[0]["citations"][0]["note_id"] == note["id"]
    assert meds[0]["unverified"] is False
    assert [s["note_id"] for s in summary["sources"]] == [note["id"]]
    assert summary["options"] == {"audience": "clinician", "length": "standard", "focus": None}

    status = await client.get(f"/summary-jobs/{job['job_id']}", headers=clinician.headers)
    assert status.json()["status"] == "succeeded"
    assert status.json()["summary_url"] == f"/patients/{patient['id']}/summaries/{summary['id']}"
    by_url = await client.get(status.json()["summary_url"], headers=clinician.headers)
    assert by_url.status_code == 200
    assert by_url.json()["narrative"] == summary["narrative"]


async def test_arq_job_carries_only_the_opaque_job_id(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    patient, _ = await patient_with_note(client, clinician)
    job_id = (
        await client.get(f"/patients/{patient['id']}/summary", headers=clinician.headers)
    ).json()["job_id"]
    # The arq job of the first attempt; its only argument is the job's id.
    info = await Job(f"{job_id}.0", app.state.redis).info()
    assert info is not None
    assert info.function == "generate_summary"
    assert info.args == (job_id,)
    assert info.kwargs == {}


async def test_adding_or_deleting_a_note_makes_the_summary_stale(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    patient, _, url = await summarised_patient(client, app, clinician)
    assert (await client.get(url, headers=clinician.headers)).status_code == 200

    added = await client.post(
        f"/patients/{patient['id']}/notes",
        json={
            "taken_at": "2024-04-01",
            "content": "A: Hypertension\nP: Start lisinopril 10 mg PO daily",
        },
        headers=clinician.headers,
    )
    assert (await client.get(url, headers=clinician.headers)).status_code == 202
    stale = await client.get(f"{url}?allow_stale=true", headers=clinician.headers)
    assert stale.status_code == 200
    assert stale.json()["stale"] is True
    assert "lisinopril" not in stale.json()["narrative"].lower()

    await run_worker(app)
    fresh = await client.get(url, headers=clinician.headers)
    assert fresh.status_code == 200
    assert "lisinopril" in fresh.json()["narrative"].lower()

    await client.delete(added.json()["url"], headers=clinician.headers)
    again = await client.get(url, headers=clinician.headers)
    # The first summary's inputs are current again: it is served fresh without a new job.
    assert again.status_code == 200
    assert "lisinopril" not in again.json()["narrative"].lower()


async def test_a_note_reanalysed_or_retyped_makes_the_summary_stale_until_it_is_back(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    # Freshness is read from the patient row, kept by triggers on `note`: an update of a
    # note (a re-extraction, a type corrected) must reach it as inserts and deletes do.
    patient, _, url = await summarised_patient(client, app, clinician)
    assert (await client.get(url, headers=clinician.headers)).status_code == 200

    async def set_extractor(version: str) -> None:
        async with app.state.engine.begin() as conn:
            await conn.execute(
                text("UPDATE note SET extractor_version = :v WHERE patient_id = :p"),
                {"v": version, "p": patient["id"]},
            )

    async with app.state.engine.connect() as conn:
        original = (
            await conn.execute(
                text("SELECT extractor_version FROM note WHERE patient_id = :p"),
                {"p": patient["id"]},
            )
        ).scalar_one()
    await set_extractor("reanalysed")
    assert (await client.get(url, headers=clinician.headers)).status_code == 202

    await set_extractor(original)
    assert (await client.get(url, headers=clinician.headers)).status_code == 200


async def test_twenty_concurrent_requests_make_one_job_and_one_model_call(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
) -> None:
    patient, _ = await patient_with_note(openai_client, clinician)
    url = f"/patients/{patient['id']}/summary"
    answers = await asyncio.gather(
        *(openai_client.get(url, headers=clinician.headers) for _ in range(20))
    )
    assert {a.status_code for a in answers} == {202}
    assert len({a.json()["job_id"] for a in answers}) == 1
    assert await _count(openai_app, "summary_job") == 1

    await run_worker(openai_app)
    assert fake_openai.call_count == 1
    results = await asyncio.gather(
        *(openai_client.get(url, headers=clinician.headers) for _ in range(5))
    )
    assert {r.status_code for r in results} == {200}
    assert await _count(openai_app, "summary") == 1


async def test_prompt_carries_no_name_mrn_or_date_of_birth_by_default(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
) -> None:
    patient, _ = await patient_with_note(openai_client, clinician)
    await openai_client.get(f"/patients/{patient['id']}/summary", headers=clinician.headers)
    await run_worker(openai_app)
    sent = fake_openai.requests[0].raw_text
    for identifier in ("Jonathan", "Collins", "10001", "05/23/1987", "1987-05-23"):
        assert identifier not in sent
    assert "atorvastatin" in sent.lower()
    assert "[PATIENT]" in sent


async def test_transient_failures_are_retried_then_succeed(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
) -> None:
    from tests.fakes.openai_server import ok, status

    fake_openai.script(status(429, retry_after=0), status(500), ok())
    patient, _ = await patient_with_note(openai_client, clinician)
    job_id = (
        await openai_client.get(f"/patients/{patient['id']}/summary", headers=clinician.headers)
    ).json()["job_id"]
    await run_worker(openai_app)
    job = (await openai_client.get(f"/summary-jobs/{job_id}", headers=clinician.headers)).json()
    assert job["status"] == "succeeded"
    assert job["attempts"] == 3
    assert fake_openai.call_count == 3


async def test_exhausted_retries_fail_clearly_and_keep_the_previous_summary(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
) -> None:
    from tests.fakes.openai_server import status

    _, _, url = await summarised_patient(openai_client, openai_app, clinician)
    good = (await openai_client.get(url, headers=clinician.headers)).json()

    attempts = openai_app.state.settings.summary_max_attempts
    fake_openai.script(*(status(503) for _ in range(attempts)))
    forced = await openai_client.post(url, json={"force": True}, headers=clinician.headers)
    assert forced.status_code == 202, forced.text
    await run_worker(openai_app)
    job = (await openai_client.get(forced.headers["location"], headers=clinician.headers)).json()
    assert job["status"] == "failed"
    assert job["attempts"] == attempts
    assert "503" in job["error"]
    assert "gave up" in job["error"]
    still = await openai_client.get(url, headers=clinician.headers)
    assert still.status_code == 200
    assert still.json()["id"] == good["id"]
    assert still.json()["narrative"] == good["narrative"]


async def test_permanent_failure_fails_the_job_at_once_with_a_clear_reason(
    openai_client: httpx.AsyncClient,
    openai_app: FastAPI,
    clinician: TestUser,
    fake_openai: FakeOpenAI,
) -> None:
    from tests.fakes.openai_server import status

    fake_openai.script(status(401))
    patient, _ = await patient_with_note(openai_client, clinician)
    answer = await openai_client.get(
        f"/patients/{patient['id']}/summary", headers=clinician.headers
    )
    await run_worker(openai_app)
    job = (await openai_client.get(answer.headers["location"], headers=clinician.headers)).json()
    assert job["status"] == "failed"
    assert job["attempts"] == 1
    assert "401" in job["error"]
    assert fake_openai.call_count == 1


async def test_redis_down_gives_503_for_summaries_while_the_rest_keeps_working(
    client: httpx.AsyncClient,
    app: FastAPI,
    clinician: TestUser,
) -> None:
    patient, _, url = await summarised_patient(client, app, clinician)

    async with (
        running_app(app.state.settings, redis_url="redis://127.0.0.1:1/0") as broken,
        client_for(broken) as down,
    ):
        cached = await down.get(url, headers=clinician.headers)
        assert cached.status_code == 200
        other = await down.get(f"{url}?audience=patient", headers=clinician.headers)
        body = assert_problem(other, 503, "queue-unavailable")
        assert other.headers["retry-after"].isdigit()
        assert "cached summaries" in body["detail"]
        assert (
            await down.get(f"/patients/{patient['id']}", headers=clinician.headers)
        ).status_code == 200
        note = await down.post(
            f"/patients/{patient['id']}/notes",
            json={"taken_at": "2024-05-01", "content": "P: Continue atorvastatin."},
            headers=clinician.headers,
        )
        assert note.status_code == 201
    # The refused request left no live job behind that would block the next one.
    async with app.state.engine.connect() as conn:
        live = await conn.execute(
            text("SELECT count(*) FROM summary_job WHERE status IN ('queued', 'running')")
        )
        assert live.scalar_one() == 0


async def test_wait_holds_the_request_until_the_worker_has_made_the_summary(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    patient, _ = await patient_with_note(client, clinician)
    url = f"/patients/{patient['id']}/summary?wait=10"

    async def worker_soon() -> None:
        await asyncio.sleep(0.3)
        await run_worker(app)

    answer, _ = await asyncio.gather(client.get(url, headers=clinician.headers), worker_soon())
    assert answer.status_code == 200, answer.text
    assert answer.json()["heading"]["mrn"] == "10001"


async def test_audience_and_length_change_the_summary_and_are_cached_apart(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    patient, _ = await patient_with_note(client, clinician)
    base = f"/patients/{patient['id']}/summary"
    variants = ["", "?audience=patient", "?audience=family", "?length=brief", "?length=detailed"]
    for query in variants:
        assert (await client.get(base + query, headers=clinician.headers)).status_code == 202
    await run_worker(app)
    texts: dict[str, str] = {}
    for query in variants:
        answer = await client.get(base + query, headers=clinician.headers)
        assert answer.status_code == 200
        texts[query] = answer.json()["narrative"]
    assert len(set(texts.values())) == len(variants)
    patient_text = texts["?audience=patient"]
    assert patient_text.startswith("This summary is based on notes up to March 15, 2024")
    assert "treating you for" in patient_text
    assert "by mouth" in patient_text
    assert "once a day" in patient_text
    for abbreviation in (" PO ", " QD", " RTC ", "[1]"):
        assert abbreviation not in patient_text
    assert "treating your family member for" in texts["?audience=family"]
    assert "-year-old man with Hyperlipidemia" in texts[""]
    assert "[1]" in texts[""]  # the clinician's statements cite their note
    assert len(texts["?length=brief"]) <= len(texts[""]) <= len(texts["?length=detailed"])
    assert await _count(app, "summary") == len(variants)


async def test_post_answers_200_when_fresh_and_force_regenerates_in_place(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser, viewer: TestUser
) -> None:
    patient, _ = await patient_with_note(client, clinician)
    url = f"/patients/{patient['id']}/summary"
    assert (await client.post(url, json={}, headers=clinician.headers)).status_code == 202
    await run_worker(app)
    fresh = await client.post(url, json={}, headers=clinician.headers)
    assert fresh.status_code == 200
    forced = await client.post(url, json={"force": True}, headers=clinician.headers)
    assert forced.status_code == 202
    await run_worker(app)
    assert await _count(app, "summary") == 1
    assert_problem(await client.post(url, json={}, headers=viewer.headers), 403)
    assert_problem(await client.post(url, json={"tone": "x"}, headers=clinician.headers), 422)


async def test_unknown_patient_or_job_is_404_and_bad_options_are_422(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    assert_problem(await client.get(f"/patients/{missing}/summary", headers=clinician.headers), 404)
    assert_problem(await client.get(f"/summary-jobs/{missing}", headers=clinician.headers), 404)
    patient, _ = await patient_with_note(client, clinician)
    bad = await client.get(
        f"/patients/{patient['id']}/summary?audience=robot", headers=clinician.headers
    )
    assert_problem(bad, 422)
    too_long = await client.get(
        f"/patients/{patient['id']}/summary?wait=31", headers=clinician.headers
    )
    assert_problem(too_long, 422)


async def test_a_job_run_twice_never_makes_two_summaries(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    from carechart.summaries.service import TASK_NAME

    patient, _ = await patient_with_note(client, clinician)
    job_id = (
        await client.get(f"/patients/{patient['id']}/summary", headers=clinician.headers)
    ).json()["job_id"]
    await run_worker(app)
    # arq may deliver a job again (a worker died after finishing): run the same id once more.
    await app.state.redis.enqueue_job(TASK_NAME, job_id, _job_id=f"{job_id}-again")
    await run_worker(app)
    assert await _count(app, "summary") == 1
    job = (await client.get(f"/summary-jobs/{job_id}", headers=clinician.headers)).json()
    assert job["status"] == "succeeded"
