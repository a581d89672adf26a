"""The benchmark's data set: N patients and M notes, loaded with COPY into a database of its own.

`python -m bench.generate` (sizes from BENCH_PATIENTS / BENCH_NOTES). The database is dropped
and recreated, migrated with Alembic, then filled the way the API would have filled it:
every NOT NULL column set, generated columns (`patient.name_search`, `note.search`) left to
PostgreSQL, each note's `derived` data computed by the real extractor (once per distinct text),
`content_sha256` unique per patient. Secondary indexes and constraints are dropped for the load
and rebuilt after it (two at a time), then VACUUM ANALYZE.
"""

import asyncio
import bisect
import hashlib
import itertools
import json
import random
import sys
import time
import tomllib
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from alembic.config import Config
from sqlalchemy.engine import make_url

from alembic import command
from bench.config import ROOT, BenchSettings
from bench.note_templates import RenderedNote, variants
from carechart.core.security import hash_password
from carechart.notes.ingest import ExtractedText, repair_text
from carechart.notes.nlp import EXTRACTOR_VERSION, analyse

NAMES_FILE = Path(__file__).with_name("names.toml")
BENCH_PASSWORD = "bench-password-not-a-secret"  # noqa: S105 - a throw-away local database
CLINICIAN_EMAIL = "bench-clinician@bench.local"
ADMIN_EMAIL = "bench-admin@bench.local"
REFERENCE_DAY = date(2025, 12, 31)  # "today" for ages, so that a seed always gives the same data
CREATED_FROM = datetime(2014, 1, 1, tzinfo=UTC)
NOTE_VARIANTS = 600
CROSS_CULTURE = 0.15  # family name from another culture than the given name
TABLES = ("patient", "note", "note_file")

PATIENT_COLUMNS = (
    "id",
    "mrn",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "version",
    "created_at",
    "updated_at",
)
NOTE_COLUMNS = (
    "id",
    "patient_id",
    "taken_at",
    "title",
    "author",
    "note_type",
    "note_type_source",
    "content",
    "has_text",
    "source",
    "media_type",
    "extraction_method",
    "ocr_confidence",
    "content_sha256",
    "filename",
    "declared_media_type",
    "size_bytes",
    "duplicate_of",
    "derived",
    "extractor_version",
    "created_by",
    "created_at",
    "updated_at",
)


def _connect_args(url: str, database: str | None = None) -> dict[str, Any]:
    parsed = make_url(url)
    return {
        "host": parsed.host,
        "port": parsed.port,
        "user": parsed.username,
        "password": parsed.password,
        "database": database or parsed.database,
    }


async def connect(url: str, database: str | None = None) -> asyncpg.Connection:
    return await asyncpg.connect(**_connect_args(url, database))


# --- names and demographics -------------------------------------------------------------------


def _zipf(n: int, exponent: float = 0.9) -> list[float]:
    """Cumulative weights: the first name of a list is the most common."""
    return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(n)))


@dataclass(frozen=True)
class _NameList:
    names: tuple[str, ...]
    cumulative: list[float]

    @classmethod
    def of(cls, names: Sequence[str]) -> "_NameList":
        return cls(tuple(names), _zipf(len(names)))

    def pick(self, rng: random.Random) -> str:
        point = rng.random() * self.cumulative[-1]
        return self.names[bisect.bisect_right(self.cumulative, point)]


@dataclass(frozen=True)
class _Culture:
    female: _NameList
    male: _NameList
    family: _NameList


def load_cultures() -> tuple[list[_Culture], list[float]]:
    data = tomllib.loads(NAMES_FILE.read_text(encoding="utf-8"))
    cultures = [
        _Culture(_NameList.of(c["female"]), _NameList.of(c["male"]), _NameList.of(c["family"]))
        for c in data["culture"]
    ]
    shares = list(itertools.accumulate(float(c["share"]) for c in data["culture"]))
    return cultures, shares


_SEXES = ("female", "male", "other", "unknown", None)
_SEX_CUMULATIVE = (0.495, 0.99, 0.995, 0.998, 1.0)


def _age_days(rng: random.Random) -> int:
    """Ages of a general hospital's register: children, adults, and a long tail of the old."""
    bucket = rng.random()
    if bucket < 0.2:
        years = rng.uniform(0, 18)
    elif bucket < 0.75:
        years = rng.uniform(18, 65)
    else:
        years = 65 + rng.triangular(0, 37, 0)
    return int(years * 365.25)


def _patient_id(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def patient_ids(count: int, seed: int, wanted: set[int]) -> dict[int, uuid.UUID]:
    """The ids `patient_rows` will give the patients at these row numbers (for their notes)."""
    rng = random.Random(seed + 3)
    ids = {}
    for i in range(count):
        patient_id = _patient_id(rng)
        if i in wanted:
            ids[i] = patient_id
    return ids


def patient_rows(count: int, seed: int) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(seed)
    id_rng = random.Random(seed + 3)  # a stream of its own: notes can know ids in advance
    cultures, shares = load_cultures()
    span = (datetime(2025, 12, 31, tzinfo=UTC) - CREATED_FROM) / count
    for i in range(count):
        culture = cultures[bisect.bisect_right(shares, rng.random() * shares[-1])]
        sex = _SEXES[bisect.bisect_right(_SEX_CUMULATIVE, rng.random())]
        given_list = culture.female if sex == "female" else culture.male
        if sex not in ("female", "male"):
            given_list = rng.choice((culture.female, culture.male))
        family_from = culture
        if rng.random() < CROSS_CULTURE:
            family_from = rng.choice(cultures)
        created = CREATED_FROM + span * i
        yield (
            _patient_id(id_rng),
            f"CC-{i + 1:08d}",
            given_list.pick(rng),
            family_from.family.pick(rng),
            REFERENCE_DAY - timedelta(days=_age_days(rng)),
            sex,
            1,
            created,
            created,
        )


# --- notes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _NoteKind:
    """One distinct note text with everything the API would have derived from it."""

    note: RenderedNote
    data: bytes
    sha256: str
    derived: str
    note_type: str
    taken_at: datetime


def note_kinds(count: int, seed: int) -> list[_NoteKind]:
    """Distinct note texts, each analysed once by the real extractor (as a JSON upload is)."""
    kinds = []
    for note in variants(count, seed):
        extracted = ExtractedText.from_text(repair_text(note.text))
        analysis = analyse(extracted.text)
        day = analysis.encounter_date.value if analysis.encounter_date else REFERENCE_DAY
        data = note.text.encode("utf-8")
        kinds.append(
            _NoteKind(
                note=note,
                data=data,
                sha256=hashlib.sha256(data).hexdigest(),
                derived=json.dumps(analysis.model_dump(mode="json")),
                note_type=analysis.note_type.value,
                taken_at=datetime(day.year, day.month, day.day, tzinfo=UTC),
            )
        )
    return kinds


def plan_notes(patients: int, notes: int, seed: int, most: int) -> dict[int, int]:
    """How many notes each patient (by row number) gets: most have none, a few have many."""
    rng = random.Random(seed + 1)
    plan: dict[int, int] = {}
    remaining = notes
    order = rng.sample(range(patients), k=min(patients, notes))
    for index in order:
        if remaining <= 0:
            break
        # About 3% are long-stay or chronic patients with dozens of notes.
        wanted = rng.randint(25, most) if rng.random() < 0.03 else 1 + int(rng.expovariate(0.5))
        plan[index] = min(wanted, remaining, most)
        remaining -= plan[index]
    return plan


def note_rows(
    plan: dict[int, int],
    ids: dict[int, uuid.UUID],
    kinds: list[_NoteKind],
    author_id: uuid.UUID,
    seed: int,
    files: list[tuple[uuid.UUID, bytes]],
) -> Iterator[tuple[Any, ...]]:
    """Note rows; the matching note_file rows are appended to `files` as they are made."""
    rng = random.Random(seed + 2)
    for index, count in plan.items():
        patient_id = ids[index]
        for kind in rng.sample(kinds, k=count):  # distinct texts: no duplicate per patient
            note_id = uuid.UUID(int=rng.getrandbits(128), version=4)
            created = kind.taken_at + timedelta(hours=rng.randint(1, 72))
            files.append((note_id, kind.data))
            yield (
                note_id,
                patient_id,
                kind.taken_at,
                kind.note.title,
                kind.note.author,
                kind.note_type,
                "classifier",
                kind.note.text,
                True,
                "json",
                "text/plain",
                "text",
                None,
                kind.sha256,
                None,
                "text/plain; charset=utf-8",
                len(kind.data),
                None,
                kind.derived,
                EXTRACTOR_VERSION,
                author_id,
                created,
                created,
            )


# --- schema: migrate, drop secondary indexes for the load, rebuild -----------------------------


def migrate(url: str) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


async def recreate_database(settings: BenchSettings) -> None:
    settings.check()
    admin = await connect(settings.database_url, "postgres")
    try:
        name = settings.database_name.replace('"', '""')
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


async def drop_secondary_structures(conn: asyncpg.Connection) -> list[str]:
    """Drop the loaded tables' foreign keys, unique constraints and indexes (not primary keys);
    returns the statements that put them back, indexes before the constraints that need them."""
    constraints = await conn.fetch(
        "SELECT conrelid::regclass::text AS tbl, conname, contype::text AS contype, "
        "pg_get_constraintdef(oid) AS def "
        "FROM pg_constraint WHERE conrelid::regclass::text = ANY($1) AND contype IN ('f', 'u')",
        list(TABLES),
    )
    indexes = await conn.fetch(
        "SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def "
        "FROM pg_index i WHERE i.indrelid::regclass::text = ANY($1) AND NOT i.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
        list(TABLES),
    )
    for row in constraints:
        await conn.execute(f'ALTER TABLE {row["tbl"]} DROP CONSTRAINT "{row["conname"]}"')
    for row in indexes:
        await conn.execute(f'DROP INDEX "{row["name"]}"')
    restore = [row["def"] for row in indexes]
    restore += [
        f'ALTER TABLE {r["tbl"]} ADD CONSTRAINT "{r["conname"]}" {r["def"]}'
        for r in constraints
        if r["contype"] == "u"
    ]
    restore += [
        f'ALTER TABLE {r["tbl"]} ADD CONSTRAINT "{r["conname"]}" {r["def"]}'
        for r in constraints
        if r["contype"] == "f"
    ]
    return restore


async def run_in_parallel(url: str, statements: list[str], workers: int = 2) -> None:
    """Index builds on `workers` connections; foreign keys wait until every index is there."""
    indexes = [s for s in statements if "FOREIGN KEY" not in s]
    foreign = [s for s in statements if "FOREIGN KEY" in s]
    # The trigram and full-text GIN indexes take longest: start them first.
    indexes.sort(key=lambda s: "gin" not in s.lower())

    async def worker(queue: list[str]) -> None:
        conn = await connect(url)
        try:
            await conn.execute("SET maintenance_work_mem = '512MB'")
            while queue:
                await conn.execute(queue.pop(0))
        finally:
            await conn.close()

    for batch in (indexes, foreign):
        await asyncio.gather(*(worker(batch) for _ in range(workers)))


# --- the load -----------------------------------------------------------------------------------


async def insert_users(conn: asyncpg.Connection) -> uuid.UUID:
    """A clinician (who the load runs as) and an admin; returns the clinician's id."""
    hashed = hash_password(BENCH_PASSWORD)
    clinician = uuid.uuid4()
    await conn.executemany(
        "INSERT INTO app_user (id, email, full_name, role, hashed_password) "
        "VALUES ($1, $2, $3, $4, $5)",
        [
            (clinician, CLINICIAN_EMAIL, "Benchmark Clinician", "clinician", hashed),
            (uuid.uuid4(), ADMIN_EMAIL, "Benchmark Admin", "admin", hashed),
        ],
    )
    return clinician


@dataclass
class LoadReport:
    patients: int
    notes: int
    seconds: dict[str, float] = field(default_factory=dict)

    def timed(self, phase: str, started: float) -> None:
        self.seconds[phase] = round(time.perf_counter() - started, 2)
        print(f"  {phase}: {self.seconds[phase]:.1f} s", file=sys.stderr, flush=True)


async def _copy_patients(settings: BenchSettings) -> None:
    conn = await connect(settings.database_url)
    try:
        rows = patient_rows(settings.patients, settings.seed)
        await conn.copy_records_to_table("patient", records=rows, columns=PATIENT_COLUMNS)
        await conn.execute("SELECT setval('patient_mrn_seq', $1)", settings.patients)
    finally:
        await conn.close()


async def _copy_notes(url: str, rows: Iterator[tuple[Any, ...]], files: list[Any]) -> None:
    conn = await connect(url)
    try:
        await conn.copy_records_to_table("note", records=rows, columns=NOTE_COLUMNS)
        await conn.copy_records_to_table("note_file", records=files, columns=("note_id", "data"))
    finally:
        await conn.close()


async def _copy(settings: BenchSettings, report: LoadReport) -> None:
    """Patients and two halves of the notes, each through its own COPY, all at once (the
    foreign keys are off until the load is over)."""
    started = time.perf_counter()
    conn = await connect(settings.database_url)
    try:
        author = await insert_users(conn)
    finally:
        await conn.close()
    kinds = note_kinds(NOTE_VARIANTS, settings.seed)
    plan = plan_notes(settings.patients, settings.notes, settings.seed, most=120)
    ids = patient_ids(settings.patients, settings.seed, set(plan))
    report.timed("note texts analysed, note owners chosen", started)

    started = time.perf_counter()
    items = list(plan.items())
    halves = [dict(items[0::2]), dict(items[1::2])]
    files: list[list[tuple[uuid.UUID, bytes]]] = [[], []]
    notes = [
        note_rows(half, ids, kinds, author, settings.seed + n, files[n])
        for n, half in enumerate(halves)
    ]
    await asyncio.gather(
        _copy_patients(settings),
        *(_copy_notes(settings.database_url, notes[n], files[n]) for n in range(2)),
    )
    report.notes = sum(len(f) for f in files)
    report.timed("patients and notes copied", started)


async def load(settings: BenchSettings) -> LoadReport:
    report = LoadReport(settings.patients, settings.notes)
    started = time.perf_counter()
    await recreate_database(settings)
    await asyncio.to_thread(migrate, settings.database_url)
    conn = await connect(settings.database_url)
    try:
        restore = await drop_secondary_structures(conn)
    finally:
        await conn.close()
    report.timed("database created and migrated", started)

    await _copy(settings, report)

    started = time.perf_counter()
    await run_in_parallel(settings.database_url, restore)
    report.timed("indexes and constraints rebuilt", started)

    started = time.perf_counter()
    conn = await connect(settings.database_url)
    try:
        # The search's key table too: its index-only scans need the visibility map set.
        await conn.execute(
            "VACUUM (ANALYZE) patient, note, note_file, app_user, patient_name_key, "
            "given_name_token, family_name_token"
        )
        await conn.execute(
            f'COMMENT ON DATABASE "{settings.database_name}" IS \'carechart benchmark: '
            f"{settings.patients} patients, {settings.notes} notes, seed {settings.seed}'"
        )
    finally:
        await conn.close()
    report.timed("vacuum analyze", started)
    report.seconds["total"] = round(sum(report.seconds.values()), 2)
    return report


async def dataset_matches(settings: BenchSettings) -> bool:
    """True when the database holds a complete data set of this size and seed."""
    try:
        conn = await connect(settings.database_url)
    except (OSError, asyncpg.PostgresError):
        return False
    try:
        comment = await conn.fetchval(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1",
            settings.database_name,
        )
    finally:
        await conn.close()
    expected = f"{settings.patients} patients, {settings.notes} notes, seed {settings.seed}"
    return comment is not None and expected in comment


def main() -> None:
    settings = BenchSettings()
    print(
        f"loading {settings.patients} patients and {settings.notes} notes into "
        f"{settings.database_name}",
        file=sys.stderr,
    )
    report = asyncio.run(load(settings))
    print(json.dumps({"patients": report.patients, "notes": report.notes, **report.seconds}))


if __name__ == "__main__":
    main()
