#!/usr/bin/env bash
# Carechart's one-shot start-up, the same everywhere: the compose `migrate` service, the
# Kubernetes migration Job and a workstation (`make init`). It waits for PostgreSQL, creates the
# database when it is missing, applies every migration and seeds the first admin (and the sample
# patients). Every step is idempotent, so running it again changes nothing.
#
# The app's settings (DATABASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD, ...) come from the environment
# or .env as usual. Two variables belong to this script alone and are not app settings:
#   SEED_SAMPLE_DATA  true (default) or false: also load the sample patients; false in production
#   DB_WAIT_S         how long to wait for PostgreSQL to accept connections, in seconds (60)
set -euo pipefail

# alembic.ini and the optional .env are read from the project root.
cd "$(dirname "$0")/.."

log() { printf 'init: %s\n' "$*" >&2; }

# Checked first, so a typo fails before anything is changed.
case "${SEED_SAMPLE_DATA:-true}" in
    [Tt]rue | 1 | [Yy]es) with_samples=true ;;
    [Ff]alse | 0 | [Nn]o) with_samples=false ;;
    *)
        log "SEED_SAMPLE_DATA must be true or false, not '${SEED_SAMPLE_DATA}'"
        exit 2
        ;;
esac

# Prints "exists" or "missing" once the server answers. Connection failures are retried until
# the deadline (the server may still be starting, or its name not yet in DNS); anything else,
# such as a wrong password, fails at once. pg_isready is not in the slim image; asyncpg is.
wait_for_postgres() {
    python - "${DB_WAIT_S:-60}" <<'PY'
import asyncio
import sys
import time

import asyncpg
from sqlalchemy.engine import make_url

from carechart.core.config import get_settings

RETRY = (
    OSError,
    asyncio.TimeoutError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
)


async def wait(deadline: float) -> str:
    url = make_url(get_settings().database_url)
    while True:
        try:
            conn = await asyncpg.connect(
                host=url.host,
                port=url.port,
                user=url.username,
                password=url.password,
                database=url.database,
                timeout=5,
            )
        except asyncpg.InvalidCatalogNameError:
            return "missing"
        except RETRY as exc:
            if time.monotonic() >= deadline:
                # Host and port only: the URL holds the password.
                sys.exit(f"init: PostgreSQL at {url.host}:{url.port} did not answer: {exc!r}")
            await asyncio.sleep(1)
        else:
            await conn.close()
            return "exists"


print(asyncio.run(wait(time.monotonic() + float(sys.argv[1]))))
PY
}

log "waiting for PostgreSQL (up to ${DB_WAIT_S:-60}s)"
database=$(wait_for_postgres)
if [ "$database" = missing ]; then
    # Only then: a managed server may not let the app's user reach the `postgres` database.
    log "creating the database"
    python -m carechart.core.createdb
fi

log "applying migrations"
python -m alembic upgrade head

if [ "$with_samples" = true ]; then
    log "seeding the first admin and the sample patients"
    python -m seed
else
    log "seeding the first admin (SEED_SAMPLE_DATA=false: no sample patients)"
    python -m seed --admin-only
fi

log "done"
