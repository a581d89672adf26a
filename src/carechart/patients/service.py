"""Patient use-cases: create, read, update, delete and list; each audited, each committed once."""

import re
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    Float,
    Select,
    Text,
    and_,
    any_,
    case,
    cast,
    func,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from carechart.audit.service import Action, AuditRecord, audited
from carechart.core.db import violated_constraint
from carechart.core.etag import IfMatch
from carechart.core.pagination import CursorCodec, Listing, SortKey, fetch_page
from carechart.patients.exceptions import DuplicateMrn, PatientNotFound, StalePatient
from carechart.patients.models import MRN_UNIQUE_ANY_CASE, Patient, PatientNameKey
from carechart.patients.schemas import PatientCreate, PatientPatch, PatientReplace

RESOURCE = "patient"
# Either index may report a duplicate: the exact one, or the one that ignores case.
MRN_UNIQUE = {"uq_patient_mrn", MRN_UNIQUE_ANY_CASE}
_MRN_ATTEMPTS = 5
# How far past the sequence one query looks for a number no client has taken.
_MRN_WINDOW = 1000
_FIRST_FREE_MRN = text(
    "SELECT n FROM generate_series(CAST(:start AS bigint), CAST(:stop AS bigint)) AS n "
    "WHERE NOT EXISTS (SELECT 1 FROM patient WHERE lower(mrn) = "
    "'cc-' || lpad(n::text, greatest(8, length(n::text)), '0')) ORDER BY n LIMIT 1"
)
# Moves the sequence forward only: a concurrent request may already be further on.
_SKIP_MRNS = text(
    "SELECT setval('patient_mrn_seq', CAST(:to AS bigint)) "
    "WHERE CAST(:to AS bigint) > (SELECT last_value FROM patient_mrn_seq)"
)

SORTABLE: dict[str, tuple[Any, Any]] = {
    "family_name": (Patient.family_name, str),
    "given_name": (Patient.given_name, str),
    "date_of_birth": (Patient.date_of_birth, date.fromisoformat),
    "mrn": (Patient.mrn, str),
    "created_at": (Patient.created_at, datetime.fromisoformat),
}
DEFAULT_SORT = "family_name,given_name"


async def get_patient(*, session: AsyncSession, patient_id: uuid.UUID) -> Patient:
    """The patient, or PatientNotFound. Not audited: for slices that audit their own use-case."""
    patient = await session.get(Patient, patient_id)
    if patient is None:
        raise PatientNotFound()
    return patient


async def lock_patient(*, session: AsyncSession, patient_id: uuid.UUID) -> None:
    """Hold the patient row (FOR KEY SHARE) until commit, or PatientNotFound.

    For writes of rows that refer to the patient (notes, summary jobs): a concurrent delete
    waits for them and then removes them with the patient, or it went first and this is a 404,
    never a foreign-key violation. KEY SHARE is the weakest lock a delete must wait for.
    """
    found = await session.scalar(
        select(col(Patient.id))
        .where(col(Patient.id) == patient_id)
        .with_for_update(read=True, key_share=True)
    )
    if found is None:
        raise PatientNotFound()


async def read_patient(
    *, session: AsyncSession, actor_id: uuid.UUID, patient_id: uuid.UUID
) -> Patient:
    record = AuditRecord(actor_id, Action.READ, RESOURCE, patient_id, [patient_id])
    async with audited(session, record):
        return await get_patient(session=session, patient_id=patient_id)


def mrn_key(mrn: str) -> str:
    """What makes two MRNs the same one: MRNs are compared whatever their case."""
    return mrn.lower()


async def _next_mrn(session: AsyncSession) -> str:
    """The next automatic MRN that no patient holds, in any case.

    Clients may choose MRNs of the automatic form (`CC-00000042`, or `cc-00000042`): the
    numbers they took are skipped, and the sequence moved past them, in one query per window.
    """
    while True:
        start = int(await session.scalar(select(func.nextval("patient_mrn_seq"))) or 0)
        stop = start + _MRN_WINDOW
        free = await session.scalar(_FIRST_FREE_MRN, {"start": start, "stop": stop})
        await session.execute(_SKIP_MRNS, {"to": stop if free is None else free})
        if free is not None:
            return f"CC-{int(free):08d}"


async def _insert_with_mrn(
    session: AsyncSession, values: dict[str, Any], mrn: str | None
) -> Patient:
    """Insert, generating an MRN when none is given (retrying if a client already took it)."""
    for _ in range(_MRN_ATTEMPTS):
        patient = Patient(**values, mrn=mrn or await _next_mrn(session))
        try:
            async with session.begin_nested():
                session.add(patient)
                await session.flush()
        except IntegrityError as exc:
            if violated_constraint(exc) not in MRN_UNIQUE:
                raise
            if mrn is not None:
                raise DuplicateMrn() from exc
            continue
        return patient
    raise DuplicateMrn()


async def create_patient(
    *,
    session: AsyncSession,
    actor_id: uuid.UUID,
    data: PatientCreate,
    before_commit: Callable[[Patient], Awaitable[None]] | None = None,
) -> Patient:
    """`before_commit` runs in the same transaction (the answer kept for an Idempotency-Key)."""
    record = AuditRecord(actor_id, Action.CREATE, RESOURCE)
    async with audited(session, record):
        values = data.model_dump(exclude={"mrn"})
        patient = await _insert_with_mrn(session, values, data.mrn)
        record.resource_id = patient.id
        record.patient_ids = [patient.id]
        if before_commit is not None:
            await before_commit(patient)
    return patient


async def _locked(
    session: AsyncSession, patient_id: uuid.UUID, if_match: IfMatch | None
) -> Patient:
    patient = await session.get(Patient, patient_id, with_for_update=True)
    if patient is None:
        raise PatientNotFound()
    if if_match is not None and not if_match.matches(patient.version):
        raise StalePatient()
    return patient


async def _apply(session: AsyncSession, patient: Patient, changes: dict[str, Any]) -> None:
    for field, value in changes.items():
        setattr(patient, field, value)
    patient.version += 1
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        if violated_constraint(exc) in MRN_UNIQUE:
            raise DuplicateMrn() from exc
        raise
    # name_search is computed by the database; read it back rather than lazily later.
    await session.refresh(patient, attribute_names=["name_search", "updated_at"])


async def update_patient(
    *,
    session: AsyncSession,
    actor_id: uuid.UUID,
    patient_id: uuid.UUID,
    data: PatientReplace | PatientPatch,
    if_match: IfMatch | None,
) -> Patient:
    """PUT replaces every field (an omitted `sex` is cleared); PATCH changes only those sent."""
    record = AuditRecord(actor_id, Action.UPDATE, RESOURCE, patient_id, [patient_id])
    async with audited(session, record):
        patient = await _locked(session, patient_id, if_match)
        partial = isinstance(data, PatientPatch)
        changes = data.model_dump(exclude_unset=partial)
        record.details = {"fields": sorted(changes)}
        await _apply(session, patient, changes)
    return patient


async def delete_patient(
    *, session: AsyncSession, actor_id: uuid.UUID, patient_id: uuid.UUID, if_match: IfMatch | None
) -> None:
    """Deletes the patient and, through ON DELETE CASCADE, everything attached to it."""
    record = AuditRecord(actor_id, Action.DELETE, RESOURCE, patient_id, [patient_id])
    async with audited(session, record):
        patient = await _locked(session, patient_id, if_match)
        await session.delete(patient)
        await session.flush()


@dataclass(frozen=True)
class PatientQuery:
    limit: int
    cursor: str | None = None
    sort: str | None = None
    q: str | None = None
    mrn: str | None = None
    born_after: date | None = None
    born_before: date | None = None
    sex: str | None = None
    include_total: bool = False

    def listing(self) -> dict[str, Any]:
        """The parameters a cursor is bound to (everything but limit and cursor)."""
        return {
            "sort": self.sort,
            "q": self.q,
            "mrn": self.mrn,
            "sex": self.sex,
            "born_after": self.born_after,
            "born_before": self.born_before,
        }


@dataclass(frozen=True)
class PatientListing:
    items: Sequence[Patient]
    next_cursor: str | None
    total: int | None


_SORT_KEY = "(?:" + "|".join(SORTABLE) + ")"
# Comma-separated keys, each at most once (the lookahead refuses a repeat), `-` for descending.
# Published as the parameter's pattern (ECMA 262 and Python agree on it), so what the OpenAPI
# document promises is exactly what is accepted.
SORT_PATTERN = (
    rf"^(?!.*\b({_SORT_KEY})\b.*\b\1\b) *-?{_SORT_KEY} *"
    rf"(?:, *-?{_SORT_KEY} *){{0,{len(SORTABLE) - 1}}}$"
)
_SORT = re.compile(SORT_PATTERN)


def parse_sort(sort: str) -> list[tuple[str, bool]]:
    """`-date_of_birth,family_name` -> [("date_of_birth", True), ("family_name", False)]."""
    if not _SORT.fullmatch(sort):
        raise ValueError("unknown or repeated sort key")
    names = [raw.strip() for raw in sort.split(",")]
    return [(name.removeprefix("-"), name.startswith("-")) for name in names]


# Nearest name tokens of each query word, given and family names apart (GiST KNN on the two
# small token tables): a handful of candidates per word, whatever the number of patients.
_NEAREST_TOKENS = text(
    "SELECT w.n AS word, 'given' AS part, t.token FROM unnest(name_words(:q)) "
    "WITH ORDINALITY AS w(word, n) CROSS JOIN LATERAL (SELECT token, token <-> w.word AS dist "
    "FROM given_name_token ORDER BY token <-> w.word LIMIT :k) AS t WHERE t.dist <= :far "
    "UNION ALL SELECT w.n, 'family', t.token FROM unnest(name_words(:q)) "
    "WITH ORDINALITY AS w(word, n) CROSS JOIN LATERAL (SELECT token, token <-> w.word AS dist "
    "FROM family_name_token ORDER BY token <-> w.word LIMIT :k) AS t WHERE t.dist <= :far"
)
# K nearest tokens per word, and how far (1 - trigram similarity) one may be: "jonh" is 0.75
# from "john", "jon" 0.7 from "jonathan"; an unrelated word is further than 0.8 from any.
NEAREST_K = 5
_FARTHEST = 0.8


@dataclass(frozen=True)
class NameCandidates:
    """The tokens close to each query word (by word position), as given and as family names."""

    given: dict[int, list[str]]
    family: dict[int, list[str]]

    def pairs(self) -> set[tuple[str, str]]:
        """(given, family) token pairs from two different words, in either order."""
        return {
            (g, f)
            for i, givens in self.given.items()
            for j, families in self.family.items()
            if i != j
            for g in givens
            for f in families
        }


async def name_candidates(session: AsyncSession, q: str) -> NameCandidates:
    given: dict[int, list[str]] = {}
    family: dict[int, list[str]] = {}
    rows = await session.execute(_NEAREST_TOKENS, {"q": q, "k": NEAREST_K, "far": _FARTHEST})
    for word, part, token in rows.all():
        (given if part == "given" else family).setdefault(int(word), []).append(token)
    return NameCandidates(given, family)


def _texts(values: Sequence[str]) -> Any:
    return cast(literal(list(values), ARRAY(Text)), ARRAY(Text))


def _patients_named(found: NameCandidates) -> Any | None:
    """Ids of the patients whose name holds the candidates, or None when nothing can match.

    Two or more matched words: a patient must hold a (given, family) pair of them, read from
    the pair btree. One word (or words that form no pair): any given or family token of it.
    """
    key = PatientNameKey
    if pairs := sorted(found.pairs()):
        wanted = func.unnest(_texts([g for g, _ in pairs]), _texts([f for _, f in pairs]))
        pair = wanted.table_valued("g", "f").render_derived(name="pair")
        on = and_(col(key.given_token) == pair.c.g, col(key.family_token) == pair.c.f)
        return select(col(key.patient_id)).select_from(pair).join(key, on)
    givens = sorted({t for tokens in found.given.values() for t in tokens})
    families = sorted({t for tokens in found.family.values() for t in tokens})
    if not givens and not families:
        return None
    return union_all(
        select(col(key.patient_id)).where(col(key.given_token) == any_(_texts(givens))),
        select(col(key.patient_id)).where(col(key.family_token) == any_(_texts(families))),
    )


async def _search_terms(session: AsyncSession, q: str) -> tuple[Any, Any]:
    """(match condition, rank expression) for a fuzzy name search; an exact MRN ranks first.

    The candidates come from the name tokens nearest to each query word (typos, accents and
    word order tolerated); they are ranked by trigram similarity of the whole name.
    """
    needle = func.lower(func.f_unaccent(literal(q)))
    word_sim = func.word_similarity(needle, Patient.name_search)
    sim = func.similarity(needle, Patient.name_search)
    same_mrn = func.lower(col(Patient.mrn)) == mrn_key(q)
    exact_mrn = case((same_mrn, 10.0), else_=0.0)
    rank = cast(exact_mrn + word_sim + sim, Float).label("rank")
    by_mrn = select(col(Patient.id)).where(same_mrn)
    # Only letters and digits make name tokens: "%" can only be an MRN.
    named = None
    if any(ch.isalnum() for ch in q):
        named = _patients_named(await name_candidates(session, q))
    ids = by_mrn if named is None else union_all(named, by_mrn)
    return col(Patient.id).in_(ids), rank


def _sort_keys(query: PatientQuery, rank: Any) -> list[SortKey]:
    if query.sort is None and rank is not None:
        keys = [SortKey(rank, descending=True, parse=float, name=None)]
    else:
        keys = [
            SortKey(SORTABLE[name][0], descending=desc, parse=SORTABLE[name][1], name=name)
            for name, desc in parse_sort(query.sort or DEFAULT_SORT)
        ]
    # The id breaks ties so that every row has exactly one place in the order.
    return [*keys, SortKey(Patient.id, descending=keys[0].descending, parse=uuid.UUID, name="id")]


async def _filtered(session: AsyncSession, query: PatientQuery) -> tuple[Select[Any], Any]:
    stmt: Select[Any] = select(Patient)
    rank = None
    if query.q:
        match, rank = await _search_terms(session, query.q)
        stmt = stmt.where(match)
    if query.mrn is not None:
        stmt = stmt.where(func.lower(col(Patient.mrn)) == mrn_key(query.mrn))
    if query.sex is not None:
        stmt = stmt.where(col(Patient.sex) == query.sex)
    if query.born_after is not None:
        stmt = stmt.where(col(Patient.date_of_birth) >= query.born_after)
    if query.born_before is not None:
        stmt = stmt.where(col(Patient.date_of_birth) < query.born_before)
    return stmt, rank


async def list_patients(
    *, session: AsyncSession, actor_id: uuid.UUID, codec: CursorCodec, query: PatientQuery
) -> PatientListing:
    record = AuditRecord(actor_id, Action.LIST, RESOURCE)
    async with audited(session, record):
        stmt, rank = await _filtered(session, query)
        keys = _sort_keys(query, rank)
        total = None
        if query.include_total:
            total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
        if rank is not None:
            stmt = stmt.add_columns(rank)
        page, next_cursor = await fetch_page(
            session,
            stmt,
            keys=keys,
            limit=query.limit,
            cursor=query.cursor,
            listing=Listing(codec, RESOURCE, query.listing()),
        )
        items = [row[0] for row in page]
        record.patient_ids = [p.id for p in items]
        record.details = {"result_count": len(items)}
    return PatientListing(items=items, next_cursor=next_cursor, total=total)
