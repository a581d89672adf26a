"""No patient name, MRN, date of birth or note text reaches logs, metrics or job arguments.

One run through the main flows with distinctive identifiers: patients created, searched and
updated; notes uploaded as JSON and as a file (its name full of identifiers); the chart; a
summary made by a real worker process; and errors (409, 422, 404, a corrupt file, a bad sign-in).
Then everything the system wrote where operators look is searched for the identifiers: the
app's log records (its JSON formatter), the worker process's output (arq logs its jobs), the
app's and the worker's /metrics, and every key and value in Redis (arq's job arguments and
results), before and after the job ran.
"""

import io
from collections.abc import Callable
from pathlib import Path

import httpx
from fastapi import FastAPI
from redis.asyncio import Redis

from carechart.core.config import Settings
from tests.conftest import TestUser
from tests.hardening.conftest import eventually, free_port, start_worker, stop, worker_env

GIVEN, FAMILY, NEW_FAMILY = "Quintessa", "Vanderzwaag", "Oyelaran-Vanderzwaag"
MRN = "PHI-7H3X9Q"
DOB, DOB_US = "1944-04-14", "04/14/1944"
NOTE_WORDS = ("Xylophagous", "rhinotracheitis", "zorbatrexate", "Blomqvist")
NOTE = (
    f"Encounter Date: 2024-03-15\nPatient: {GIVEN} {FAMILY}, MRN {MRN}, DOB {DOB_US}\n"
    "S: Xylophagous cough, rhinotracheitis suspected. Daughter Ingrid Blomqvist present.\n"
    "A: Rhinotracheitis\nP: Start zorbatrexate 40 mg PO daily."
)
SECRETS = (GIVEN, FAMILY, NEW_FAMILY, MRN, DOB, DOB_US, *NOTE_WORDS)


def leaks(text: str) -> list[str]:
    lowered = text.lower()
    return [secret for secret in SECRETS if secret.lower() in lowered]


async def _redis_dump(redis: Redis) -> str:
    """Every key and value in the database, as text (bytes decoded leniently)."""
    parts: list[str] = []
    async for key in redis.scan_iter(count=500):
        kind = (await redis.type(key)).decode()
        if kind == "string":
            value: object = await redis.get(key)
        elif kind == "zset":
            value = await redis.zrange(key, 0, -1, withscores=True)
        elif kind == "hash":
            value = await redis.hgetall(key)
        elif kind == "list":
            value = await redis.lrange(key, 0, -1)
        else:
            value = await redis.smembers(key) if kind == "set" else kind
        parts.append(f"{key!r} {value!r}")
        if isinstance(value, bytes):
            parts.append(value.decode("latin-1"))
    return "\n".join(parts)


async def _flows(client: httpx.AsyncClient, user: TestUser) -> tuple[str, str]:
    headers = user.headers
    body = {"mrn": MRN, "given_name": GIVEN, "family_name": FAMILY, "date_of_birth": DOB}
    created = await client.post("/patients", json=body, headers=headers)
    assert created.status_code == 201, created.text
    patient_id = created.json()["id"]
    base = f"/patients/{patient_id}"
    for params in ({"q": f"{GIVEN} {FAMILY}"}, {"mrn": MRN}, {"born_after": DOB}, {"q": MRN}):
        assert (await client.get("/patients", params=params, headers=headers)).status_code == 200
    patched = await client.patch(base, json={"family_name": NEW_FAMILY}, headers=headers)
    assert patched.status_code == 200
    put = await client.put(base, json={**body, "family_name": NEW_FAMILY}, headers=headers)
    assert put.status_code == 200
    json_note = await client.post(
        f"{base}/notes",
        json={"taken_at": "2024-03-15", "content": NOTE, "title": GIVEN},
        headers=headers,
    )
    assert json_note.status_code == 201, json_note.text
    file_name = f"{GIVEN}_{FAMILY}_{DOB}_{MRN}.txt"
    file_note = await client.post(
        f"{base}/notes",
        files={"file": (file_name, io.BytesIO((NOTE + "\nSigned.").encode()), "text/plain")},
        data={"author": f"Dr {FAMILY}"},
        headers=headers,
    )
    assert file_note.status_code == 201, file_note.text
    for path in (
        f"{base}/chart",
        f"{base}/notes?q=zorbatrexate",
        f"{json_note.json()['url']}",
        f"{file_note.json()['file_url']}",
    ):
        assert (await client.get(path, headers=headers)).status_code == 200, path

    # Errors, each carrying identifiers in what was sent.
    assert (await client.post("/patients", json=body, headers=headers)).status_code == 409
    bad = {**body, "mrn": f"{GIVEN} {FAMILY}", "date_of_birth": f"{DOB}T99"}
    assert (await client.post("/patients", json=bad, headers=headers)).status_code == 422
    assert (await client.get(f"/patients/{GIVEN}", headers=headers)).status_code == 422
    assert (await client.get(f"/lookup/{FAMILY}/{DOB}", headers=headers)).status_code == 404
    corrupt = await client.post(
        f"{base}/notes",
        files={
            "file": (
                file_name.replace(".txt", ".pdf"),
                b"%PDF-1.7 " + NOTE.encode(),
                "application/pdf",
            )
        },
        data={"taken_at": "2024-03-15"},
        headers=headers,
    )
    assert corrupt.status_code == 422
    sign_in = {"username": f"{GIVEN}.{FAMILY}@example.org", "password": MRN}
    assert (await client.post("/auth/token", data=sign_in)).status_code == 401

    summary = await client.get(f"{base}/summary", headers=headers)
    assert summary.status_code == 202, summary.text
    return base, summary.json()["job_id"]


async def test_no_identifier_or_note_text_reaches_logs_metrics_or_job_arguments(
    client: httpx.AsyncClient,
    app: FastAPI,
    settings: Settings,
    clinician: TestUser,
    captured_logs: Callable[[], str],
    tmp_path: Path,
) -> None:
    base, job_id = await _flows(client, clinician)
    queued = await _redis_dump(app.state.redis)
    assert job_id in queued  # the dump does see arq's job

    metrics_port = free_port()
    log = tmp_path / "worker.log"
    worker = start_worker(
        worker_env(settings, SUMMARY_PROVIDER="local", WORKER_METRICS_PORT=str(metrics_port)),
        log,
    )
    try:

        async def summarised() -> bool:
            answer = await client.get(f"{base}/summary", headers=clinician.headers)
            return answer.status_code == 200

        assert await eventually(summarised, timeout_s=90, interval_s=0.25), log.read_text()[-2000:]
        async with httpx.AsyncClient() as scraper:
            worker_metrics = (await scraper.get(f"http://127.0.0.1:{metrics_port}/metrics")).text
    finally:
        stop(worker)

    summary = (await client.get(f"{base}/summary", headers=clinician.headers)).json()
    assert summary["heading"]["mrn"] == MRN  # the identifiers were really in play
    app_metrics = (await client.get("/metrics")).text
    worker_log = log.read_text()
    assert "generate_summary" in worker_log  # arq did log the job
    assert "carechart_summary_jobs_total" in worker_metrics
    assert 'handler="/patients/{patient_id}"' in app_metrics

    places = {
        "app logs": captured_logs(),
        "worker logs": worker_log,
        "app metrics": app_metrics,
        "worker metrics": worker_metrics,
        "redis while queued": queued,
        "redis after the job": await _redis_dump(app.state.redis),
    }
    found = {place: leaks(content) for place, content in places.items() if leaks(content)}
    assert not found, found
