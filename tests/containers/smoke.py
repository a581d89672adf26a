"""Runs the built image as init, API and worker and checks what a user of it would notice.

`python -m tests.containers.smoke --image IMAGE` (tests/containers/run.sh builds the image).
Every container runs as the Kubernetes manifests run it: the image's non-root user, a read-only
root file system with a tmpfs on /tmp, no capabilities, no privilege escalation; host networking
to this machine's PostgreSQL and Redis, with a database and a Redis database of its own. The
commands and health checks are those of compose.yaml and the image, as written (only the API's
port is changed when 8000 is taken on this machine). Containers, database and Redis database
are removed at the end, whatever happened.
"""

import argparse
import asyncio
import json
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import yaml
from sqlalchemy.engine import make_url

from tests import isolation

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
LABEL = "carechart.smoke-test"
WAIT_S = 180.0


class CheckFailed(Exception):
    pass


class Smoke:
    """The containers of one run, the checks passed, and their clean-up."""

    def __init__(self, image: str, docker: str) -> None:
        self.image = image
        self.docker = docker
        self.run_id = secrets.token_hex(4)
        self.containers: list[str] = []
        self.passed: list[str] = []
        self.database_url = isolation.database_url("container")
        self.api_port = _port_to_use(8000)
        self.metrics_port = _port_to_use(9100)
        self.admin_password = secrets.token_urlsafe(24)
        compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
        self.services: dict[str, Any] = compose["services"]

    # -- containers ---------------------------------------------------------------------------

    def call(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        """Docker's command line (the one binary named on ours: no shell, no user input)."""
        return subprocess.run(  # noqa: S603
            [self.docker, *args], capture_output=True, text=True, check=check
        )

    def env(self) -> dict[str, str]:
        return {
            "ENVIRONMENT": "production",  # as the Kubernetes settings: no default secrets
            "DATABASE_URL": self.database_url,
            "REDIS_URL": isolation.REDIS_URL,
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ADMIN_EMAIL": "admin@carechart.example",
            "ADMIN_PASSWORD": self.admin_password,
            "SUMMARY_PROVIDER": "local",
            "CPU_WORKERS": "1",
            "PASSWORD_HASH_WORKERS": "1",
            "WORKER_METRICS_PORT": str(self.metrics_port),
            "WORKER_METRICS_HOST": "0.0.0.0",  # noqa: S104 - as compose and Kubernetes set it
        }

    def docker_run(self, role: str, command: list[str], *, detach: bool) -> str:
        """Runs one role as Kubernetes would; the output of a one-shot role, else the name."""
        name = f"carechart-smoke-{self.run_id}-{role}"
        args = ["run", "--name", name, "--label", LABEL, "--network", "host", "--init"]
        args += ["--user", "10001:10001", "--read-only", "--tmpfs", "/tmp:rw,size=256m"]  # noqa: S108
        args += ["--cap-drop", "ALL", "--security-opt", "no-new-privileges"]
        for key, value in self.env().items():
            args += ["--env", f"{key}={value}"]
        args += ["--detach"] if detach else []
        self.containers.append(name)
        completed = self.call(*args, self.image, *command)
        if completed.returncode != 0:
            raise CheckFailed(f"{role} exited {completed.returncode}:\n{completed.stderr[-3000:]}")
        return name if detach else completed.stderr

    def exec(self, container: str, command: list[str]) -> subprocess.CompletedProcess[str]:
        return self.call("exec", container, *command)

    def logs(self, container: str) -> str:
        completed = self.call("logs", container)
        return completed.stdout + completed.stderr

    def cleanup(self) -> None:
        if self.containers:
            self.call("rm", "--force", "--volumes", *self.containers)
        asyncio.run(_drop_database(self.database_url))

    # -- checks -------------------------------------------------------------------------------

    def ok(self, what: str) -> None:
        self.passed.append(what)
        print(f"  ok  {what}", flush=True)

    def image_config(self, field: str) -> Any:
        inspect = self.call(
            "image", "inspect", "--format", f"{{{{json .Config.{field}}}}}", self.image, check=True
        )
        return json.loads(inspect.stdout)

    def api_command(self) -> list[str]:
        command: list[str] = self.image_config("Cmd")
        return [str(self.api_port) if part == "8000" else part for part in command]

    def _probe(self, test: list[str]) -> list[str]:
        assert test[0] == "CMD", test
        return [part.replace(":8000/", f":{self.api_port}/") for part in test[1:]]

    def healthcheck(self, service: str) -> list[str]:
        """compose.yaml's health check of a service, made to probe the API's actual port."""
        return self._probe(self.services[service]["healthcheck"]["test"])

    def image_healthcheck(self) -> list[str]:
        return self._probe(self.image_config("Healthcheck")["Test"])


def _port_to_use(preferred: int) -> int:
    """The preferred port when free on this machine, else one the kernel hands out."""
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            chosen: int = probe.getsockname()[1]
            return chosen
    raise CheckFailed("no free port")


async def _drop_database(url: str) -> None:
    parsed = make_url(url)
    conn = await asyncpg.connect(
        host=parsed.host, port=parsed.port, user=parsed.username, database="postgres"
    )
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
    finally:
        await conn.close()


def wait_for(what: str, check: Callable[[], bool], timeout_s: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise CheckFailed(f"timed out waiting for {what}")
        time.sleep(1)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


@contextmanager
def running(smoke: Smoke) -> Iterator[Smoke]:
    try:
        yield smoke
    finally:
        smoke.cleanup()
        print("  --  containers and database removed", flush=True)


def start_up(smoke: Smoke) -> tuple[str, str]:
    """The compose `migrate` command, the Kubernetes wait, then the API and the worker."""
    output = smoke.docker_run("init", smoke.services["migrate"]["command"], detach=False)
    expect("init: done" in output, f"init did not finish:\n{output[-2000:]}")
    smoke.ok("init (deploy/init.sh): database created, migrated and seeded, as uid 10001")
    smoke.docker_run("schema-check", ["python", "-m", "alembic", "check"], detach=False)
    smoke.ok("`alembic check` (the Kubernetes init containers): schema at the image's head")

    api = smoke.docker_run("api", smoke.api_command(), detach=True)
    base = f"http://127.0.0.1:{smoke.api_port}"
    wait_for("/health/ready", lambda: _answers(f"{base}/health/ready"))
    smoke.ok(f"api (the image's CMD on port {smoke.api_port}): /health/ready answers 200")
    worker = smoke.docker_run("worker", smoke.services["worker"]["command"], detach=True)
    worker_check = smoke.healthcheck("worker")
    wait_for("arq --check", lambda: smoke.exec(worker, worker_check).returncode == 0)
    smoke.ok(f"worker ({' '.join(smoke.services['worker']['command'])}): `arq --check` passes")
    return api, worker


def container_rules(smoke: Smoke, api: str) -> None:
    for probe, name in (
        (smoke.image_healthcheck(), "the image's"),
        (smoke.healthcheck("api"), "compose's api"),
    ):
        result = smoke.exec(api, probe)
        expect(result.returncode == 0, f"{name} health check failed: {result.stderr[-1000:]}")
    smoke.ok("the image's HEALTHCHECK and compose's api health check pass inside the container")
    expect(smoke.exec(api, ["id", "-u"]).stdout.strip() == "10001", "not uid 10001")
    written = smoke.exec(api, ["python", "-c", "open('/app/x', 'w')"])
    expect(written.returncode != 0, "the root file system is writable")
    smoke.ok("runs as uid 10001; the root file system is read-only")


def upload(client: httpx.Client, patient_url: str, name: str, media_type: str) -> dict[str, Any]:
    files = {"file": (name, (EXAMPLES / name).read_bytes(), media_type)}
    response = client.post(f"{patient_url}/notes", files=files)
    expect(response.status_code == 201, f"upload {name}: {response.status_code} {response.text}")
    note: dict[str, Any] = client.get(response.headers["location"]).json()
    return note


def _summary(client: httpx.Client, patient_url: str) -> httpx.Response:
    """`wait` holds the request up to 30 s (its maximum); a cold worker may need longer."""
    deadline = time.monotonic() + WAIT_S
    while True:
        summary = client.get(f"{patient_url}/summary", params={"wait": 30}, timeout=60)
        if summary.status_code != 202 or time.monotonic() > deadline:
            expect(summary.status_code == 200, f"summary: {summary.status_code} {summary.text}")
            return summary


def user_path(smoke: Smoke) -> None:
    """What the README's walk-through does: sign in, a patient, two files, a summary."""
    base = f"http://127.0.0.1:{smoke.api_port}"
    with httpx.Client(base_url=base, timeout=60) as client:
        token = client.post(
            "/auth/token",
            data={"username": "admin@carechart.example", "password": smoke.admin_password},
        )
        expect(token.status_code == 200, f"sign-in: {token.status_code} {token.text}")
        client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        smoke.ok("sign in as the admin that init seeded (argon2 in the image)")

        patient = client.post(
            "/patients",
            json={"given_name": "Smoke", "family_name": "Test", "date_of_birth": "1970-01-01"},
        )
        expect(patient.status_code == 201, f"create patient: {patient.status_code} {patient.text}")
        patient_url = patient.headers["location"]
        smoke.ok("create a patient (201, Location)")

        text = upload(client, patient_url, "visit.txt", "text/plain")
        medications = json.dumps(text["derived"].get("medications", [])).lower()
        expect("atorvastatin" in medications, f"no atorvastatin in {medications}")
        smoke.ok("upload docs/examples/visit.txt: stored, analysed (atorvastatin found)")

        scan = upload(client, patient_url, "scan.png", "image/png")
        expect(scan["extraction_method"] == "ocr", f"not read by OCR: {scan['extraction_method']}")
        expect("metoprolol" in scan["content"].lower(), f"OCR read: {scan['content']!r}")
        smoke.ok("upload docs/examples/scan.png: Tesseract in the image read it (metoprolol)")

        summary = _summary(client, patient_url)
        narrative = json.dumps(summary.json()).lower()
        for drug in ("atorvastatin", "metoprolol"):
            expect(drug in narrative, f"the summary does not mention {drug}")
        smoke.ok("GET summary?wait=30: the worker made it (200, from both notes)")


def worker_metrics(smoke: Smoke) -> None:
    url = f"http://127.0.0.1:{smoke.metrics_port}/metrics"
    body = httpx.get(url, timeout=10).text
    expect('carechart_summary_jobs_total{outcome="succeeded"} 1.0' in body, "no job counted")
    smoke.ok(f"worker metrics on port {smoke.metrics_port}: one summary job succeeded")


def json_logs(smoke: Smoke, api: str, worker: str) -> None:
    for name in (api, worker):
        lines = [line for line in smoke.logs(name).splitlines() if line.strip()]
        for line in lines:
            try:
                expect(isinstance(json.loads(line), dict), f"{name} logged {line!r}")
            except json.JSONDecodeError:
                raise CheckFailed(f"{name} logged a line that is not JSON: {line!r}") from None
        expect("\x1b" not in "".join(lines), f"{name} logged colour codes")
    smoke.ok("api and worker logs: one JSON object per line, no colour codes")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--image", required=True)
    parser.add_argument("--docker", default="docker")
    args = parser.parse_args()
    smoke = Smoke(args.image, args.docker)
    started = time.monotonic()
    print(f"container test of {args.image}: database {make_url(smoke.database_url).database}")
    with running(smoke):
        try:
            api, worker = start_up(smoke)
            container_rules(smoke, api)
            user_path(smoke)
            worker_metrics(smoke)
            json_logs(smoke, api, worker)
        except CheckFailed as failure:
            print(f"  FAIL {failure}", file=sys.stderr)
            for name in smoke.containers:
                print(f"--- last logs of {name}", file=sys.stderr)
                print(smoke.logs(name)[-3000:], file=sys.stderr)
            print(f"container-test: {len(smoke.passed)} passed, 1 failed")
            return 1
    print(f"container test took {time.monotonic() - started:.0f}s")
    print(f"container-test: {len(smoke.passed)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
