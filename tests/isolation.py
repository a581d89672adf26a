"""Per-run, per-worker test resources: a database name and a Redis database of our own.

Several runs may share the machine's PostgreSQL and Redis (two checkouts, CI beside a
developer, pytest-xdist workers), so nothing here uses a fixed name:

- the PostgreSQL database is `<base>_<run>_<worker>`, created by the session fixture and
  dropped when the session ends;
- the Redis database index is claimed with a lock key (`SET NX EX`) in database 0, so two
  runs never flush each other's queue; the claim is released at exit and expires on its own
  if a run is killed.
"""

import atexit
import os
import re
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

import redis
from sqlalchemy.engine import make_url

_BASE_DATABASE_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/carechart_test"
)
_BASE_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

# xdist gives every worker of one run the same run id; a plain run makes its own.
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID", uuid.uuid4().hex)[:10]
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
# Long enough for the slowest run; a killed run's claim expires by itself.
_CLAIM_SECONDS = 3 * 3600
_CLAIM_WAIT_SECONDS = 300


def database_url(purpose: str = "") -> str:
    """This worker's own database on the test server (`purpose` tells extra ones apart).

    The name ends with the pid of the process that owns it, so a later run can drop the
    databases of runs that were killed before they cleaned up (`stale_databases`).
    """
    url = make_url(_BASE_DATABASE_URL)
    suffix = f"_{purpose}" if purpose else ""
    name = f"{_prefix()}{suffix}_{RUN_ID}_{WORKER}_p{os.getpid()}".lower()
    return url.set(database=name).render_as_string(hide_password=False)


def _prefix() -> str:
    return make_url(_BASE_DATABASE_URL).database or "carechart_test"


def _on_this_machine(host: str | None) -> bool:
    return host in {None, "", "127.0.0.1", "localhost", "::1"}


def _dead(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


_OWNED_NAME = re.compile(r"_p(\d+)$")


def stale_databases(names: list[str]) -> list[str]:
    """Test databases on this machine whose owning process has died (a killed run)."""
    if not _on_this_machine(make_url(_BASE_DATABASE_URL).host):
        return []
    stale = []
    for name in names:
        match = _OWNED_NAME.search(name)
        if name.startswith(f"{_prefix()}_") and match and _dead(int(match[1])):
            stale.append(name)
    return stale


def _steal_if_dead(client: "redis.Redis", key: str, owner: str) -> bool:
    """Take over a claim whose owner (a process on this machine) has died."""
    held = client.get(key)
    if held is None or not _on_this_machine(client.connection_pool.connection_kwargs.get("host")):
        return False
    pid = held.decode().rsplit("-", 1)[-1]
    if not pid.isdigit() or not _dead(int(pid)):
        return False
    # Only if nobody replaced it meanwhile: a plain compare-and-set in a transaction.
    with client.pipeline() as pipe:
        try:
            pipe.watch(key)
            if pipe.get(key) != held:
                return False
            pipe.multi()
            pipe.set(key, owner, ex=_CLAIM_SECONDS)
            pipe.execute()
        except redis.WatchError:
            return False
    return True


def _claim_redis_database() -> str:
    """A Redis database index nobody else is using, held until this process exits."""
    server = urlsplit(_BASE_REDIS_URL)._replace(path="")
    lock_client = redis.Redis.from_url(urlunsplit(server._replace(path="/0")))
    owner = f"{RUN_ID}-{WORKER}-{os.getpid()}"
    deadline = time.monotonic() + _CLAIM_WAIT_SECONDS
    while True:
        for index in range(1, 16):
            key = f"carechart:test-redis-db:{index}"
            claimed = lock_client.set(key, owner, nx=True, ex=_CLAIM_SECONDS)
            if claimed or _steal_if_dead(lock_client, key, owner):
                url = urlunsplit(server._replace(path=f"/{index}"))
                redis.Redis.from_url(url).flushdb()  # what a killed run left behind
                atexit.register(_release, lock_client, key, owner, url)
                return url
        if time.monotonic() > deadline:
            raise RuntimeError("no free Redis database (1-15) for the tests: other runs hold all")
        time.sleep(1)


def _release(client: "redis.Redis", key: str, owner: str, url: str) -> None:
    try:
        if client.get(key) == owner.encode():
            redis.Redis.from_url(url).flushdb()
            client.delete(key)
    finally:
        client.close()


REDIS_URL = _claim_redis_database()
