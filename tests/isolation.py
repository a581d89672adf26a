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
    """This worker's own database on the test server (`purpose` tells extra ones apart)."""
    url = make_url(_BASE_DATABASE_URL)
    suffix = f"_{purpose}" if purpose else ""
    name = f"{url.database or 'carechart_test'}{suffix}_{RUN_ID}_{WORKER}".lower()
    return url.set(database=name).render_as_string(hide_password=False)


def _claim_redis_database() -> str:
    """A Redis database index nobody else is using, held until this process exits."""
    server = urlsplit(_BASE_REDIS_URL)._replace(path="")
    lock_client = redis.Redis.from_url(urlunsplit(server._replace(path="/0")))
    owner = f"{RUN_ID}-{WORKER}-{os.getpid()}"
    deadline = time.monotonic() + _CLAIM_WAIT_SECONDS
    while True:
        for index in range(1, 16):
            key = f"carechart:test-redis-db:{index}"
            if lock_client.set(key, owner, nx=True, ex=_CLAIM_SECONDS):
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
