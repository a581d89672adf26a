"""No request's CPU work stalls the others (issue 10, item 1).

A real uvicorn process (as `make serve`) gets a 5 MB text note of one drug per line, then a
burst of 20 concurrent sign-ins (argon2), while a separate process measures `GET /health` every
20 ms. Before, the note's analysis ran on the event loop and `/health` waited minutes; twenty
password checks stalled it for seconds. The latency of the unrelated request is the behaviour
under test here; the bound is generous (p99 under 500 ms, on a shared 2-core machine where a
plain `/health` takes about 2 ms; the stalls it guards against lasted seconds to minutes) and
the probe runs in a process of its own.
"""

import asyncio
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from carechart.auth.models import Role
from carechart.core.config import Settings
from tests.conftest import TEST_PASSWORD, insert_user
from tests.hardening.conftest import ROOT, serve_api

HEALTH_P99_S = 0.500
NOTE_BYTES = 5 * 1024 * 1024
SIGN_INS = 20
DRUGS = (
    "lisinopril 10 mg PO daily",
    "atorvastatin 20 mg PO QHS",
    "metformin 500 mg PO BID",
    "aspirin 81 mg PO daily",
    "amlodipine 5 mg PO daily",
    "furosemide 40 mg IV BID",
    "levothyroxine 50 mcg PO daily",
    "omeprazole 20 mg PO daily",
)


def drug_list_note(size: int) -> bytes:
    """A medication list of `size` bytes, one drug per line (the shape that was quadratic)."""
    lines = ["Encounter Date: 2024-03-15", "Medications:"]
    total = 0
    while total < size:
        lines.append(f"- {DRUGS[len(lines) % len(DRUGS)]}")
        total += len(lines[-1]) + 1
    return "\n".join(lines).encode()


@pytest.fixture
def api(settings: Settings, tmp_path: Path) -> Iterator[str]:
    """uvicorn, one process, with a short analysis limit so that the test stays bounded."""
    with serve_api(
        settings,
        tmp_path / "uvicorn.log",
        LOG_LEVEL="WARNING",
        TOKEN_RATE_LIMIT_PER_MINUTE="1000",
        NOTE_ANALYSIS_TIMEOUT_S="10",
        CPU_WORKERS="2",
        PASSWORD_HASH_WORKERS="2",
        # On a machine shared with other runs, 20 argon2 checks on 2 threads can take longer
        # than the default wait for a thread (then 503 busy, tested in tests/core/test_offload).
        CPU_QUEUE_TIMEOUT_S="120",
    ) as url:
        yield url


class HealthProbe:
    """The probe process: started before the attack, stopped after, its samples read back."""

    def __init__(self, port: int) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command of the test suite
            [sys.executable, "-m", "tests.hardening.probe", str(port)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def finish(self) -> tuple[list[tuple[float, float]], int]:
        out, _ = self.process.communicate(b"stop\n", timeout=60)
        result = json.loads(out)
        return [tuple(s) for s in result["samples"]], result["failures"]  # type: ignore[misc]


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


async def _upload(client: httpx.AsyncClient, url: str, data: bytes) -> httpx.Response:
    files = {"file": ("medications.txt", data, "text/plain")}
    return await client.post(url, files=files, data={"taken_at": "2024-03-15"}, timeout=120)


async def _sign_in(client: httpx.AsyncClient, email: str) -> int:
    form = {"username": email, "password": TEST_PASSWORD}
    return (await client.post("/auth/token", data=form, timeout=60)).status_code


async def test_a_huge_note_and_a_burst_of_sign_ins_never_stall_an_unrelated_request(
    api: str, app: FastAPI
) -> None:
    user = await insert_user(app, Role.CLINICIAN)
    note = drug_list_note(NOTE_BYTES)
    async with httpx.AsyncClient(base_url=api, headers=user.headers) as client:
        patient = await client.post(
            "/patients",
            json={"given_name": "Ada", "family_name": "Probe", "date_of_birth": "1980-01-01"},
        )
        notes_url = f"/patients/{patient.json()['id']}/notes"
        probe = HealthProbe(int(api.rsplit(":", 1)[1]))
        await asyncio.sleep(1)  # a calm baseline first
        attack_started = time.monotonic()
        upload = asyncio.create_task(_upload(client, notes_url, note))
        await asyncio.sleep(1.5)  # the note is being read and analysed now
        sign_ins = await asyncio.gather(*(_sign_in(client, user.email) for _ in range(SIGN_INS)))
        stored = await upload
        attack_ended = time.monotonic()
        await asyncio.sleep(0.5)
        samples, failures = probe.finish()

    during = [latency for at, latency in samples if attack_started <= at <= attack_ended]
    worst, pct99 = max(during), p99(during)
    print(
        f"\n/health during the attack ({attack_ended - attack_started:.1f} s, "
        f"note {stored.status_code} {stored.json().get('analysis_status')}, sign-ins "
        f"{sorted(set(sign_ins))}): {len(during)} requests, "
        f"median {statistics.median(during) * 1000:.1f} ms, p99 {pct99 * 1000:.1f} ms, "
        f"worst {worst * 1000:.1f} ms"
    )
    assert sign_ins == [200] * SIGN_INS
    assert stored.status_code == 201, stored.text[:300]
    body = stored.json()
    assert body["file"]["size_bytes"] == len(note)
    # Analysed in time, or stored all the same and marked as not analysed, with the reason.
    assert body["analysis_status"] in {"complete", "timed_out", "too_large"}
    assert (body["analysis_error"] is None) is (body["analysis_status"] == "complete")

    assert failures == 0
    assert len(during) >= 50, "the probe must have measured throughout the attack"
    assert pct99 < HEALTH_P99_S, f"/health p99 {pct99 * 1000:.0f} ms while the API was attacked"
