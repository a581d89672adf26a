"""Benchmark settings: the one place the benchmark reads its environment (`BENCH_*`)."""

from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOCS = ROOT / "docs"


class BenchSettings(BaseSettings):
    """Size of the data set, where it lives, and how long each scenario is driven."""

    model_config = SettingsConfigDict(env_prefix="BENCH_", extra="ignore")

    patients: Annotated[int, Field(ge=10_000)] = 1_000_000
    notes: Annotated[int, Field(ge=100)] = 200_000  # when not set: a fifth of `patients`
    seed: int = 20261121
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/carechart_bench"
    redis_url: str = "redis://127.0.0.1:6379/12"
    # The ASGI app factory served (uvicorn --factory): another one can try a change.
    app: str = "bench.app:create_bench_app"
    host: str = "127.0.0.1"
    port: int = 8765
    # Per scenario: warm-up, then a throughput run and a latency run of this many seconds each.
    warmup_s: Annotated[float, Field(ge=1)] = 3.0
    duration_s: Annotated[float, Field(ge=1)] = 6.0
    concurrency: Annotated[int, Field(ge=2, le=256)] = 16
    # Reuse the data set already in the database if it was made with the same size and seed.
    reuse: bool = False
    # Also measure with LOG_LEVEL=INFO (the JSON access log on) for a few scenarios.
    compare_logging: bool = True
    # Comma-separated scenario names to run (all when empty), for quick checks.
    only: str = ""

    @model_validator(mode="before")
    @classmethod
    def _notes_follow_patients(cls, data: Any) -> Any:
        if isinstance(data, dict) and "patients" in data and "notes" not in data:
            return {**data, "notes": int(data["patients"]) // 5}
        return data

    @property
    def database_name(self) -> str:
        return str(make_url(self.database_url).database)

    def check(self) -> None:
        """Refuse to drop a database that does not look like a benchmark's own."""
        if "bench" not in self.database_name:
            raise SystemExit(
                f"BENCH_DATABASE_URL must name a benchmark database (with 'bench' in its name), "
                f"not {self.database_name!r}: the benchmark drops and recreates it."
            )
