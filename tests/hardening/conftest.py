"""Hardening support: what is stored (to prove nothing changed), and real processes to break.

- `stored_state`: a digest of every stored row that a refused request must leave alone.
- `RedisServer`: a throwaway redis-server on its own port, stopped and started by the test
  (never the machine's Redis on 6379).
- `TcpProxy`: an asyncio TCP forwarder between the app and PostgreSQL that a test can cut and
  restore, which looks to the app like a database restart (the machine's cluster is shared).
- `spawn` / `stop`: subprocesses (arq workers, uvicorn) with bounded waits, killed on exit.
"""

import asyncio
import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from carechart.core.config import Settings
from tests.fakes.openai_server import fake_openai, fake_openai_server

__all__ = ["fake_openai", "fake_openai_server"]

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent

# Every table a refused request must not touch; the audit trail records refusals by design.
_STORED = {
    "patient": "id, mrn, given_name, family_name, date_of_birth, sex, version, updated_at",
    "note": "id, patient_id, taken_at, title, author, content, content_sha256, updated_at",
    "note_file": "note_id, md5(data)",
    "summary": "id, patient_id, input_hash, body, generated_at",
    "summary_job": "id, status, attempts, summary_id",
    "app_user": "id, email, full_name, role, is_active",
}


async def stored_state(app: FastAPI) -> dict[str, str]:
    """Row count and a digest of every row, per table."""
    state: dict[str, str] = {}
    async with app.state.engine.connect() as conn:
        for table, columns in _STORED.items():
            rows = (await conn.execute(text(f"SELECT {columns} FROM {table} ORDER BY 1"))).all()
            digest = hashlib.sha256(repr([tuple(map(str, r)) for r in rows]).encode())
            state[table] = f"{len(rows)}:{digest.hexdigest()[:16]}"
    return state


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_port(
    port: int, *, timeout_s: float = 15.0, process: "subprocess.Popen[bytes] | None" = None
) -> None:
    """Until something accepts connections on 127.0.0.1:port (bounded)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process exited with {process.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listened on port {port} within {timeout_s} s")


def spawn(args: list[str], env: dict[str, str], log: Path) -> "subprocess.Popen[bytes]":
    """A child process in its own process group, its output in `log`."""
    handle = log.open("ab")
    return subprocess.Popen(  # noqa: S603 - fixed argument lists built by the tests
        args,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(
    process: "subprocess.Popen[bytes]", sig: int = signal.SIGTERM, timeout_s: float = 10
) -> None:
    """Signal the process (its group) and wait, killing it if it does not go in time."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout_s)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


class RedisServer:
    """A redis-server of the test's own, on a free port, that the test stops and starts."""

    def __init__(self, workdir: Path, *, persistent: bool = False) -> None:
        self.port = free_port()
        self.workdir = workdir
        # Persistent: an append-only file in `workdir`, so a restart keeps the queue (as a
        # production Redis for jobs would); otherwise nothing is ever written to disk.
        self.persistent = persistent
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary is not None, "redis-server is needed (it runs the suite's Redis too)"
        args = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        args += ["--appendonly", "yes" if self.persistent else "no", "--dir", str(self.workdir)]
        self.process = spawn(args, {}, self.workdir / "redis.log")
        wait_for_port(self.port, process=self.process)

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


class TcpProxy:
    """Forwards 127.0.0.1:port to a target; `cut()` drops every connection and refuses new ones."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def cut(self) -> None:
        """As a server restart looks to a client: listener gone, live connections reset."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for writer in list(self._writers):
            writer.transport.abort()
        for task in list(self._pipes):
            task.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    async def restore(self) -> None:
        await self.start()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self._writers.update((writer, up_writer))
        for source, sink in ((reader, up_writer), (up_reader, writer)):
            task = asyncio.create_task(self._pipe(source, sink))
            self._pipes.add(task)
            task.add_done_callback(self._pipes.discard)

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self._writers.discard(sink)
            sink.transport.abort()


@pytest.fixture
async def pg_proxy() -> AsyncIterator[TcpProxy]:
    from sqlalchemy.engine import make_url

    from tests.conftest import TEST_DATABASE_URL

    proxy = TcpProxy(make_url(TEST_DATABASE_URL).port or 5432)
    await proxy.start()
    try:
        yield proxy
    finally:
        await proxy.cut()


def via_port(url: str, port: int) -> str:
    """The same database URL, reached through another port on 127.0.0.1."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(host="127.0.0.1", port=port).render_as_string(hide_password=False)


async def eventually(
    check: Callable[[], "asyncio.Future[bool] | bool"], *, timeout_s: float, interval_s: float = 0.1
) -> bool:
    """Poll `check` (sync or async) until it is true or time runs out (bounded)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = check()
        if asyncio.iscoroutine(result) or isinstance(result, asyncio.Future):
            result = await result
        if result:
            return True
        await asyncio.sleep(interval_s)
    return False


def worker_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of a real worker process (`python -m worker`) on the test stores."""
    env = {
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "WORKER_METRICS_PORT": "0",
        "WORKER_HEALTH_CHECK_INTERVAL_S": "1",
        "LOG_LEVEL": "INFO",
    }
    return {**env, **extra}


# As `make serve` and the image run it: malformed requests are answered as problems too.
UVICORN_HTTP = ["--http", "carechart.core.http:ProblemHttpToolsProtocol"]


@contextlib.contextmanager
def serve_api(settings: Settings, log: Path, **env: str) -> Iterator[str]:
    """A real uvicorn process (one, as `make serve`) on the test stores; yields its base URL."""
    port = free_port()
    args = [str(VENV_BIN / "uvicorn"), "carechart.main:create_app", "--factory", *UVICORN_HTTP]
    args += ["--host", "127.0.0.1", "--port", str(port), "--no-access-log", "--no-proxy-headers"]
    server = spawn(args, worker_env(settings, **env), log)
    try:
        wait_for_port(port, process=server, timeout_s=120)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server)


def start_worker(env: dict[str, str], log: Path) -> "subprocess.Popen[bytes]":
    """The worker as production runs it (`python -m worker`)."""
    return spawn([sys.executable, "-m", "worker"], env, log)
