"""A bounded load test against a real uvicorn process and a real worker, on loopback only.

Requests start at a steady rate (open loop: a slow answer does not slow the schedule) for a
fixed time, mixing reads, patient writes, note uploads (JSON and small files) and summary
requests. Then: no 5xx and no failed request, the p50/p95/p99 latencies are printed, and every
acknowledged write is in the database: the patients' ids and MRNs and the notes' ids and SHA-256
are compared with what the 201 answers said (count and checksum), and each patient's version
counts exactly its acknowledged updates.

`make test` runs LOAD_SECONDS=10 at LOAD_RPS=25; `make load` runs longer and faster.
"""

import asyncio
import hashlib
import io
import os
import random
import statistics
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from carechart.auth.models import Role
from carechart.core.config import Settings
from tests.conftest import insert_user
from tests.hardening.conftest import serve_api, start_worker, stop, worker_env

LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "10"))
LOAD_RPS = float(os.environ.get("LOAD_RPS", "25"))
MAX_IN_FLIGHT = 64
REQUEST_TIMEOUT_S = 15.0
MRN_PREFIX = "LOAD-"
NOTE = (
    "S: Follow-up for hypertension.\nO: BP {bp}/82\nA: Hypertension\nP: Continue lisinopril 10 mg."
)


@dataclass
class Ledger:
    """What the server acknowledged, and how every request went."""

    patients: dict[str, str] = field(default_factory=dict)  # id -> mrn, from 201s
    notes: dict[str, str] = field(default_factory=dict)  # id -> sha256, from 201s
    patches: Counter[str] = field(default_factory=Counter)  # patient id -> acknowledged 200s
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    sequence: Iterator[int] = field(default_factory=lambda: iter(range(10**9)))

    def record(self, kind: str, status: int, seconds: float) -> None:
        self.statuses[(kind, status)] += 1
        self.latencies.setdefault(kind, []).append(seconds)

    def some_patient(self, rng: random.Random) -> str | None:
        return rng.choice(list(self.patients)) if self.patients else None


Action = Callable[[httpx.AsyncClient, Ledger, random.Random], Awaitable[tuple[str, int]]]


async def create_patient(
    client: httpx.AsyncClient, ledger: Ledger, rng: random.Random
) -> tuple[str, int]:
    mrn = f"{MRN_PREFIX}{next(ledger.sequence)}"
    body = {
        "mrn": mrn,
        "given_name": rng.choice(["Ada", "Grace", "Alan", "Zoë", "محمد", "李"]),
        "family_name": f"Load{rng.randrange(10_000)}",
        "date_of_birth": str(date(1930, 1, 1) + timedelta(days=rng.randrange(32_000))),
    }
    response = await client.post("/patients", json=body)
    if response.status_code == 201:
        ledger.patients[response.json()["id"]] = mrn
    return "create patient", response.status_code


async def upload_note(
    client: httpx.AsyncClient, ledger: Ledger, rng: random.Random
) -> tuple[str, int]:
    patient = ledger.some_patient(rng)
    if patient is None:
        return await create_patient(client, ledger, rng)
    content = NOTE.format(bp=100 + next(ledger.sequence) % 900_000)
    if rng.random() < 0.35:
        data = f"Encounter Date: 2024-03-15\n{content}".encode()
        files = {"file": ("visit.txt", io.BytesIO(data), "text/plain")}
        response = await client.post(f"/patients/{patient}/notes", files=files)
        kind = "upload file note"
    else:
        body = {"taken_at": "2024-03-15T09:30:00Z", "content": content}
        response = await client.post(f"/patients/{patient}/notes", json=body)
        kind = "upload json note"
    if response.status_code == 201:
        note = response.json()
        ledger.notes[note["id"]] = note["file"]["sha256"]
    return kind, response.status_code


async def update_patient(
    client: httpx.AsyncClient, ledger: Ledger, rng: random.Random
) -> tuple[str, int]:
    patient = ledger.some_patient(rng)
    if patient is None:
        return await create_patient(client, ledger, rng)
    body = {"family_name": f"Updated{rng.randrange(10_000)}"}
    response = await client.patch(f"/patients/{patient}", json=body)
    if response.status_code == 200:
        ledger.patches[patient] += 1
    return "update patient", response.status_code


async def read(client: httpx.AsyncClient, ledger: Ledger, rng: random.Random) -> tuple[str, int]:
    patient = ledger.some_patient(rng)
    choice = rng.random()
    if patient is None or choice < 0.2:
        response = await client.get("/patients", params={"limit": 20})
        return "list patients", response.status_code
    if choice < 0.35:
        response = await client.get("/patients", params={"q": "ada lovelace"})
        return "search patients", response.status_code
    if choice < 0.6:
        return "read patient", (await client.get(f"/patients/{patient}")).status_code
    if choice < 0.8:
        return "list notes", (await client.get(f"/patients/{patient}/notes")).status_code
    return "read chart", (await client.get(f"/patients/{patient}/chart")).status_code


async def request_summary(
    client: httpx.AsyncClient, ledger: Ledger, rng: random.Random
) -> tuple[str, int]:
    patient = ledger.some_patient(rng)
    if patient is None:
        return await create_patient(client, ledger, rng)
    response = await client.get(f"/patients/{patient}/summary")
    return "request summary", response.status_code


MIX: list[tuple[Action, float]] = [
    (read, 0.45),
    (create_patient, 0.15),
    (upload_note, 0.20),
    (update_patient, 0.08),
    (request_summary, 0.12),
]


async def _one(
    client: httpx.AsyncClient, ledger: Ledger, action: Action, rng: random.Random
) -> None:
    started = time.perf_counter()
    try:
        kind, status = await asyncio.wait_for(action(client, ledger, rng), REQUEST_TIMEOUT_S)
    except (TimeoutError, httpx.HTTPError) as exc:
        ledger.errors.append(f"{action.__name__}: {type(exc).__name__}")
        return
    ledger.record(kind, status, time.perf_counter() - started)


async def run_load(base_url: str, token: str, seconds: float, rps: float) -> Ledger:
    """Start requests every 1/rps seconds for `seconds` (bounded in count and time)."""
    ledger, rng = Ledger(), random.Random(20261121)
    actions, weights = zip(*MIX, strict=True)
    limits = httpx.Limits(max_connections=MAX_IN_FLIGHT)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        base_url=base_url, headers=headers, limits=limits, timeout=REQUEST_TIMEOUT_S
    ) as client:
        total = int(seconds * rps)
        started = time.monotonic()
        tasks = []
        for n in range(total):
            await asyncio.sleep(max(0.0, started + n / rps - time.monotonic()))
            action = rng.choices(actions, weights)[0]
            tasks.append(asyncio.create_task(_one(client, ledger, action, rng)))
        await asyncio.wait_for(asyncio.gather(*tasks), REQUEST_TIMEOUT_S * 2)
    return ledger


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(ledger: Ledger, seconds: float) -> str:
    every = [v for values in ledger.latencies.values() for v in values]
    lines = [
        f"load: {len(every)} requests in {seconds:.1f} s ({len(every) / seconds:.1f} rps), "
        f"p50 {statistics.median(every) * 1000:.0f} ms, "
        f"p95 {percentile(every, 0.95) * 1000:.0f} ms, "
        f"p99 {percentile(every, 0.99) * 1000:.0f} ms, errors {len(ledger.errors)}"
    ]
    for kind, values in sorted(ledger.latencies.items()):
        lines.append(f"  {kind:18} {len(values):5}  p95 {percentile(values, 0.95) * 1000:6.0f} ms")
    lines.append(
        f"  acknowledged writes: {len(ledger.patients)} patients, {len(ledger.notes)} notes, "
        f"{sum(ledger.patches.values())} updates"
    )
    return "\n".join(lines)


def checksum(pairs: dict[str, str]) -> str:
    return hashlib.sha256(
        "\n".join(f"{k}:{v}" for k, v in sorted(pairs.items())).encode()
    ).hexdigest()


async def _stored(app: FastAPI) -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    async with app.state.engine.connect() as conn:
        patients = (
            await conn.execute(
                text("SELECT id::text, mrn, version FROM patient WHERE mrn LIKE 'LOAD-%'")
            )
        ).all()
        notes = (await conn.execute(text("SELECT id::text, content_sha256 FROM note"))).all()
    return (
        {row[0]: row[1] for row in patients},
        {row[0]: row[1] for row in notes},
        {row[0]: row[2] for row in patients},
    )


@pytest.fixture
def served(settings: Settings, tmp_path: Path) -> Iterator[str]:
    """uvicorn (one process, as `make serve`) and an arq worker on the test database and Redis."""
    env = {
        "LOG_LEVEL": "WARNING",
        "SUMMARY_PROVIDER": "local",
        "SUMMARY_RATE_LIMIT_PER_MINUTE": "10000",
        "DATABASE_POOL_SIZE": "20",
    }
    worker = start_worker(worker_env(settings, **env), tmp_path / "worker.log")
    try:
        with serve_api(settings, tmp_path / "uvicorn.log", **env) as url:
            yield url
    finally:
        stop(worker)


async def test_steady_mixed_load_gives_no_5xx_and_loses_no_acknowledged_write(
    served: str, app: FastAPI
) -> None:
    user = await insert_user(app, Role.CLINICIAN)

    started = time.monotonic()
    ledger = await run_load(served, user.token, LOAD_SECONDS, LOAD_RPS)
    elapsed = time.monotonic() - started

    print("\n" + report(ledger, elapsed))
    assert not ledger.errors, ledger.errors[:10]
    server_errors = {key: n for key, n in ledger.statuses.items() if key[1] >= 500}
    assert not server_errors, server_errors
    unexpected = {key: n for key, n in ledger.statuses.items() if key[1] not in {200, 201, 202}}
    assert not unexpected, unexpected
    assert len(ledger.patients) >= LOAD_SECONDS * LOAD_RPS * 0.1

    patients, notes, versions = await _stored(app)
    assert len(patients) == len(ledger.patients)
    assert checksum(patients) == checksum(ledger.patients)
    assert len(notes) == len(ledger.notes)
    assert checksum(notes) == checksum(ledger.notes)
    assert {pid: versions[pid] - 1 for pid in ledger.patches} == dict(ledger.patches)
