"""The fixed scenario list and what it needs from the data set: ids, cursors, queries, summaries.

Every scenario has the product request and the ceiling request that answers the same question
(see bench/app.py). Request lines are drawn from the data set with a fixed seed, so two runs on
the same data send the same requests.
"""

import json
import random
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.generate import CLINICIAN_EMAIL
from bench.note_templates import TEMPLATES
from carechart.core.config import Settings
from carechart.core.pagination import Cursor, CursorCodec
from carechart.core.security import create_access_token
from carechart.patients.service import RESOURCE as PATIENT_SCOPE
from carechart.patients.service import PatientQuery
from carechart.summaries.generation import Generation, run_job
from carechart.summaries.providers.factory import build_provider
from carechart.summaries.recovery import TASK_NAME
from carechart.summaries.schemas import SummaryOptions
from carechart.summaries.service import SummaryQuery, request_summary

PAGE = 20


@dataclass(frozen=True)
class Line:
    """One request: method, path with query, and a JSON body (may hold "{n}")."""

    method: str
    path: str
    body: str = ""

    def render(self) -> str:
        return f"{self.method}\t{self.path}\t{self.body}"


@dataclass(frozen=True)
class Target:
    """A goal from the issue: a latency percentile under a bound, or a share of the ceiling."""

    description: str
    p50_ms: float | None = None
    ceiling_ratio: float | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    product: list[Line]
    ceiling: list[Line]
    status: int
    target: Target | None = None


@dataclass
class Fixtures:
    """What the scenarios are built from."""

    token: str
    clinician_id: uuid.UUID
    patients: list[uuid.UUID]
    note_patients: list[uuid.UUID]
    summary_patients: list[uuid.UUID]
    writable_patients: list[uuid.UUID]
    stampede_patient: uuid.UUID
    searches: list[str]
    search_names: list[tuple[str, str]]  # the (given, family) name each search means
    deep_keys: list[tuple[str, str, uuid.UUID]]
    deep_offsets: list[int]  # where the deep cursors point, in rows from the start


# --- misspelt names ---------------------------------------------------------------------------

_VOWELS = "aeiou"


def misspell(word: str, rng: random.Random) -> str:
    """A typing mistake: a letter dropped, two swapped, one doubled, or a vowel changed."""
    if len(word) < 4:
        return word
    for _ in range(10):
        i = rng.randrange(1, len(word) - 1)
        kind = rng.randrange(4)
        if kind == 0:
            typo = word[:i] + word[i + 1 :]
        elif kind == 1:
            typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif kind == 2:
            typo = word[:i] + word[i] + word[i:]
        else:
            vowels = [j for j, c in enumerate(word) if c in _VOWELS and j > 0]
            if not vowels:
                continue
            j = rng.choice(vowels)
            typo = word[:j] + rng.choice(_VOWELS.replace(word[j], "")) + word[j + 1 :]
        if typo != word:
            return typo
    return word


def misspelt_name(given: str, family: str, rng: random.Random) -> str:
    return f"{misspell(given.lower(), rng)} {misspell(family.lower(), rng)}"


# --- fixtures ---------------------------------------------------------------------------------


async def _sample_patients(session: AsyncSession, total: int, count: int, seed: int) -> list[Any]:
    rng = random.Random(seed)
    mrns = [f"CC-{n:08d}" for n in rng.sample(range(1, total + 1), k=min(count, total))]
    rows = await session.execute(
        text("SELECT id, given_name, family_name FROM patient WHERE mrn = ANY(:mrns) ORDER BY mrn"),
        {"mrns": mrns},
    )
    return list(rows.all())


async def _patients_with_notes(session: AsyncSession, least: int, count: int) -> list[uuid.UUID]:
    rows = await session.execute(
        text(
            "SELECT patient_id FROM note GROUP BY patient_id HAVING count(*) >= :least "
            "ORDER BY patient_id LIMIT :count"
        ),
        {"least": least, "count": count},
    )
    return list(rows.scalars())


async def _deep_keys(
    session: AsyncSession, total: int, seed: int, count: int
) -> tuple[list[int], list[tuple[str, str, uuid.UUID]]]:
    """Sort keys of rows deep in the default order (from a quarter of the way to the end)."""
    rng = random.Random(seed + 7)
    offsets = sorted({rng.randrange(total // 4, total - 2 * PAGE) for _ in range(count)})
    # One pass over the sort index, numbering rows, instead of one OFFSET query per position.
    rows = await session.execute(
        text(
            "SELECT n, family_name, given_name, id FROM (SELECT family_name, given_name, id, "
            "row_number() OVER (ORDER BY family_name, given_name, id) - 1 AS n FROM patient) "
            "AS ranked WHERE n = ANY(:offsets) ORDER BY n"
        ),
        {"offsets": offsets},
    )
    keys = [(r.family_name, r.given_name, r.id) for r in rows]
    return offsets, keys


class _CollectingQueue:
    """Stands in for arq: the benchmark runs the job itself, in this process."""

    def __init__(self) -> None:
        self.jobs: list[str] = []

    async def enqueue_job(self, function: str, *args: Any, _job_id: str | None = None) -> Any:
        assert function == TASK_NAME
        self.jobs.append(str(args[0]))
        return None


async def make_summaries(
    maker: async_sessionmaker[AsyncSession],
    settings: Settings,
    actor: uuid.UUID,
    patients: list[uuid.UUID],
) -> None:
    """A fresh default summary for each patient, made by the real generation code (local)."""
    queue = _CollectingQueue()
    for patient_id in patients:
        async with maker() as session:
            await request_summary(
                session=session,
                queue=queue,
                settings=settings,
                actor_id=actor,
                patient_id=patient_id,
                query=SummaryQuery(options=SummaryOptions()),
            )
    generation = Generation(maker, settings, build_provider(settings))
    for job_id in queue.jobs:
        outcome = await run_job(generation, uuid.UUID(job_id))
        if outcome != "succeeded":
            raise RuntimeError(f"summary job {job_id} ended {outcome}")


async def build_fixtures(
    engine: AsyncEngine, settings: Settings, total: int, seed: int
) -> Fixtures:
    maker = async_sessionmaker(engine, expire_on_commit=False)
    async with maker() as session:
        clinician = (
            await session.execute(
                text("SELECT id FROM app_user WHERE email = :e"), {"e": CLINICIAN_EMAIL}
            )
        ).scalar_one()
        sample = await _sample_patients(session, total, 1500, seed + 5)
        heavy = await _patients_with_notes(session, PAGE + 1, 240)
        offsets, deep = await _deep_keys(session, total, seed, 20)
    rng = random.Random(seed + 6)
    searches = [misspelt_name(r.given_name, r.family_name, rng) for r in sample[:50]]
    # The note-create scenario writes to these: on a data set reused from an earlier run they
    # may have become heavy, and a summary of theirs would be stale by the summary scenario.
    writable = [r.id for r in sample[1000:1500]]
    written = set(writable)
    heavy = [p for p in heavy if p not in written]
    # Patients with more than a page of notes: some get summaries, one the stampede, the rest
    # are listed (a small data set has only a few such patients).
    cached = max(1, min(20, len(heavy) // 4))
    summary_patients, stampede_patient = heavy[:cached], heavy[cached]
    note_patients = heavy[cached + 1 : cached + 101]
    await make_summaries(maker, settings, clinician, summary_patients)
    token = create_access_token(settings=settings, subject=clinician, role="clinician").token
    return Fixtures(
        token=token,
        clinician_id=clinician,
        patients=[r.id for r in sample[:1000]],
        note_patients=note_patients,
        summary_patients=summary_patients,
        writable_patients=writable,
        stampede_patient=stampede_patient,
        searches=searches,
        search_names=[(r.given_name, r.family_name) for r in sample[:50]],
        deep_keys=deep,
        deep_offsets=offsets,
    )


# --- the scenarios ----------------------------------------------------------------------------

_NEW_PATIENTS = [
    {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": "1984-02-29", "sex": "other"},
    {"given_name": "Tomás", "family_name": "Ibáñez", "date_of_birth": "1951-07-04", "sex": "male"},
    {"given_name": "Wei", "family_name": "Zhang", "date_of_birth": "2019-11-30", "sex": "male"},
    {"given_name": "Ingrid", "family_name": "Lindqvist", "date_of_birth": "1990-05-17"},
]


def _note_body(i: int) -> str:
    """A JSON note whose text ends with a reference number unique to each request."""
    content = TEMPLATES[i % len(TEMPLATES)].format(
        date="2025-11-03", sys=128, dia=82, hr=74, weight=176, ldl=131, dose=2, day=3, t=4,
        sat=6, wbc=9, a1c="7.4", glucose=142, author="Dr. Ana Rivera, MD",
    )  # fmt: skip
    body = json.dumps(
        {
            "taken_at": "2025-11-03T09:30:00Z",
            "title": "Benchmark note",
            "content": content + "\nRef: @@N@@",
        },
        ensure_ascii=False,
    )
    return body.replace("@@N@@", "{n}")


def _cursor(codec: CursorCodec, keys: tuple[str, str, uuid.UUID]) -> str:
    """The cursor the API itself issues for a page that ends at these sort keys."""
    listing = PatientQuery(limit=PAGE).listing()
    return codec.encode(Cursor(PATIENT_SCOPE, listing, [keys[0], keys[1], str(keys[2])]))


def scenarios(fx: Fixtures, codec: CursorCodec) -> list[Scenario]:
    notes = [f"/patients/{p}/notes?limit={PAGE}" for p in fx.note_patients]
    return [
        Scenario(
            "get_patient",
            "GET /patients/{id}",
            [Line("GET", f"/patients/{p}") for p in fx.patients],
            [Line("GET", f"/_ceiling/patients/{p}") for p in fx.patients],
            200,
            Target("at least 70% of the ceiling's requests per second", ceiling_ratio=0.7),
        ),
        Scenario(
            "list_first_page",
            "GET /patients (first page)",
            [Line("GET", f"/patients?limit={PAGE}")],
            [Line("GET", "/_ceiling/patients")],
            200,
        ),
        Scenario(
            "list_deep_page",
            "GET /patients?cursor= (deep page)",
            [
                Line("GET", f"/patients?limit={PAGE}&cursor={quote(_cursor(codec, k))}")
                for k in fx.deep_keys
            ],
            [
                Line(
                    "GET",
                    "/_ceiling/patients?"
                    + urlencode({"after_family": k[0], "after_given": k[1], "after_id": k[2]}),
                )
                for k in fx.deep_keys
            ],
            200,
            Target("p50 under 5 ms", p50_ms=5),
        ),
        Scenario(
            "search_misspelt",
            "GET /patients?q= (misspelt name)",
            [Line("GET", f"/patients?limit={PAGE}&q={quote(q)}") for q in fx.searches],
            [Line("GET", f"/_ceiling/patients?q={quote(q)}") for q in fx.searches],
            200,
            Target("p50 under 5 ms", p50_ms=5),
        ),
        Scenario(
            "create_patient",
            "POST /patients",
            [Line("POST", "/patients", json.dumps(b, ensure_ascii=False)) for b in _NEW_PATIENTS],
            [
                Line("POST", "/_ceiling/patients", json.dumps(b, ensure_ascii=False))
                for b in _NEW_PATIENTS
            ],
            201,
        ),
        Scenario(
            "list_notes",
            "GET /patients/{id}/notes",
            [Line("GET", path) for path in notes],
            [Line("GET", "/_ceiling" + path) for path in notes],
            200,
        ),
        Scenario(
            "create_note",
            "POST /patients/{id}/notes (JSON)",
            [
                Line("POST", f"/patients/{p}/notes", _note_body(i))
                for i, p in enumerate(fx.writable_patients)
            ],
            [
                Line("POST", f"/_ceiling/patients/{p}/notes", _note_body(i))
                for i, p in enumerate(fx.writable_patients)
            ],
            201,
        ),
        # The same requests against a ceiling that also reads and analyses each note in the
        # worker processes: what the framework costs beside the clinical work (the ceiling
        # above is a raw insert, with no analysis at all).
        Scenario(
            "create_note_analysed",
            "POST /patients/{id}/notes (JSON) vs a ceiling with the analysis",
            [
                Line("POST", f"/patients/{p}/notes", _note_body(i))
                for i, p in enumerate(fx.writable_patients)
            ],
            [
                Line("POST", f"/_ceiling/patients/{p}/analysed-notes", _note_body(i))
                for i, p in enumerate(fx.writable_patients)
            ],
            201,
        ),
        Scenario(
            "get_summary",
            "GET /patients/{id}/summary (cached)",
            [Line("GET", f"/patients/{p}/summary") for p in fx.summary_patients],
            [Line("GET", f"/_ceiling/patients/{p}/summary") for p in fx.summary_patients],
            200,
            Target("p50 under 5 ms", p50_ms=5),
        ),
        Scenario(
            "health",
            "GET /health",
            [Line("GET", "/health")],
            [Line("GET", "/_ceiling/health")],
            200,
        ),
    ]
