"""`python -m carechart.core.createdb`: create the configured database if it does not exist."""

import asyncio
import sys

import asyncpg
from sqlalchemy.engine import make_url

from carechart.core.config import get_settings


async def ensure_database(url: str) -> bool:
    """True when the database was created; connects to the server's `postgres` database."""
    parsed = make_url(url)
    conn = await asyncpg.connect(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password,
        database="postgres",
    )
    try:
        exists = await conn.fetchval(
            "SELECT 1 FROM pg_database WHERE datname = $1", parsed.database
        )
        if exists:
            return False
        name = str(parsed.database).replace('"', '""')
        await conn.execute(f'CREATE DATABASE "{name}"')
        return True
    finally:
        await conn.close()


if __name__ == "__main__":
    created = asyncio.run(ensure_database(get_settings().database_url))
    print("database created" if created else "database exists", file=sys.stderr)
