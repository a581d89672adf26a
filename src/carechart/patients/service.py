"""Patient use-cases: create, read, update, delete and list; each audited, each committed once."""

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

from carechart.audit.public import Action, AuditRecord, audited
from carechart.auth.public import Caller, run_audited
from carechart.core.db import violated_constraint
from carechart.core.etag import IfMatch
from carechart.core.pagination import (
    Cursor,
    CursorCodec,
    Listing,
    Sortable,
    Sorting,
    SortKey,
    SortOrder,
    fetch_page,
    parse_position,
    sort_text,
)
from carechart.patients import queries
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

SORTING = Sorting(
    {
        "family_name": Sortable(Patient.family_name),
        "given_name": Sortable(Patient.given_name),
        "date_of_birth": Sortable(Patient.date_of_birth, date.fromisoformat),
        "mrn": Sortable(Patient.mrn),
        "created_at": Sortable(Patient.created_at, datetime.fromisoformat),
    },
    tiebreak=Sortable(Patient.id, uuid.UUID),
    default="family_name,given_name",
)
SORTABLE = SORTING.keys


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


async def read_patient_at_once(*, caller: Caller, patient_id: uuid.UUID) -> Any:
    """`read_patient` in one statement with the user check (patients/queries.py): the row."""
    rows = await run_audited(
        caller, queries.READ, Action.READ, RESOURCE, patient_id, idempotent=True
    )
    if rows[0].id is None:
        raise PatientNotFound()
    return rows[0]


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


async def create_patient_at_once(*, caller: Caller, data: PatientCreate) -> Any | None:
    """`create_patient` in one statement with the user check: the new row, DuplicateMrn for a
    client's MRN taken, or None when an automatic MRN was taken by a client (then
    `create_patient` finds the next free one, and records the event)."""
    values = data.model_dump()
    rows = await run_audited(
        caller,
        queries.CREATE,
        Action.CREATE,
        RESOURCE,
        uuid.uuid4(),
        values["mrn"],
        values["given_name"],
        values["family_name"],
        values["date_of_birth"],
        values["sex"],
        idempotent=False,
    )
    if rows[0].id is not None:
        return rows[0]
    if data.mrn is not None:
        raise DuplicateMrn()
    return None


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
    sort: SortOrder | None = None  # None: by relevance with `q`, else SORTING's default
    q: str | None = None
    mrn: str | None = None
    born_after: date | None = None
    born_before: date | None = None
    sex: str | None = None
    include_total: bool = False

    @property
    def filtered(self) -> bool:
        """A filter, a count or an explicit sort: only the general (ORM) listing does these."""
        return (
            self.mrn is not None
            or self.sex is not None
            or self.born_after is not None
            or self.born_before is not None
            or self.include_total
        )

    @property
    def in_default_order(self) -> bool:
        """No search, filter or count, in the default order: the one-statement listing."""
        return self.sort in (None, SORTING.default) and not self.q and not self.filtered

    @property
    def by_relevance(self) -> bool:
        """A search and nothing else, ranked: the one-statement search."""
        return bool(self.q) and self.sort is None and not self.filtered

    def listing(self) -> dict[str, Any]:
        """The parameters a cursor is bound to (everything but limit and cursor)."""
        return {
            "sort": sort_text(self.sort),
            "q": self.q,
            "mrn": self.mrn,
            "sex": self.sex,
            "born_after": self.born_after,
            "born_before": self.born_before,
        }


@dataclass(frozen=True)
class PatientListing:
    items: Sequence[Any]  # Patient rows of the ORM, or of a one-statement read (same columns)
    next_cursor: str | None
    total: int | None


# Nearest name tokens of each query word, given and family names apart (GiST KNN on the two
# small token tables), kept when alike enough to the word: as the one-statement search makes
# them (patients/queries.py), for a search with filters or another order.
_NEAREST_TOKENS = text(queries.NEAREST_TOKENS)


@dataclass(frozen=True)
class NameCandidates:
    """The tokens like each query word (by word position) as given and as family names, with
    how alike each is to the word typed."""

    given: dict[int, dict[str, float]]
    family: dict[int, dict[str, float]]

    def pairs(self) -> dict[tuple[str, str], float]:
        """(given, family) token pairs from two different words, in either order, scored."""
        scored: dict[tuple[str, str], float] = {}
        for i, givens in self.given.items():
            for j, families in self.family.items():
                if i == j:
                    continue
                for g, g_score in givens.items():
                    for f, f_score in families.items():
                        scored[(g, f)] = max(scored.get((g, f), 0.0), g_score + f_score)
        return scored

    def tokens(self) -> dict[tuple[str, str], float]:
        """Each (part, token) like a word, scored: a single word's candidates."""
        scored: dict[tuple[str, str], float] = {}
        for part, found in (("given", self.given), ("family", self.family)):
            for tokens in found.values():
                for token, score in tokens.items():
                    scored[(part, token)] = max(scored.get((part, token), 0.0), score)
        return scored


async def name_candidates(session: AsyncSession, q: str) -> NameCandidates:
    given: dict[int, dict[str, float]] = {}
    family: dict[int, dict[str, float]] = {}
    rows = await session.execute(_NEAREST_TOKENS, {"q": q})
    for word, part, token, alike in rows.all():
        (given if part == "given" else family).setdefault(int(word), {})[token] = float(alike)
    return NameCandidates(given, family)


def _texts(values: Sequence[str]) -> Any:
    return cast(literal(list(values), ARRAY(Text)), ARRAY(Text))


def _floats(values: Sequence[float]) -> Any:
    return cast(literal(list(values), ARRAY(Float)), ARRAY(Float))


def _patients_named(found: NameCandidates) -> Any | None:
    """(patient_id, score) of the patients whose name holds the candidates, or None.

    Two or more matched words: a patient must hold a (given, family) pair of them, read from
    the pair btree. One word (or words that form no pair): any given or family token of it.
    """
    key = PatientNameKey
    if pairs := sorted(found.pairs().items()):
        wanted = func.unnest(
            _texts([g for (g, _), _ in pairs]),
            _texts([f for (_, f), _ in pairs]),
            _floats([score for _, score in pairs]),
        )
        pair = wanted.table_valued("g", "f", "score").render_derived(name="pair")
        on = and_(col(key.given_token) == pair.c.g, col(key.family_token) == pair.c.f)
        return select(col(key.patient_id), pair.c.score).select_from(pair).join(key, on)
    singles = sorted(found.tokens().items())
    if not singles:
        return None
    parts = []
    for part, column in (("given", key.given_token), ("family", key.family_token)):
        mine = [(token, score) for (p, token), score in singles if p == part]
        if mine:
            one = func.unnest(_texts([t for t, _ in mine]), _floats([x for _, x in mine]))
            word = one.table_valued("token", "score").render_derived(name=f"{part}_word")
            parts.append(
                select(col(key.patient_id), word.c.score)
                .select_from(word)
                .join(key, col(column) == word.c.token)
            )
    return union_all(*parts)


async def _search_terms(session: AsyncSession, q: str) -> tuple[Any, Any]:
    """(matching patients with a score, rank expression) for a fuzzy name search.

    The candidates come from the name tokens nearest to each query word (typos, accents and
    word order tolerated), scored by how alike their tokens are to the words typed; ranked by
    that and the trigram similarity of the whole name. An exact MRN ranks first.
    """
    needle = func.lower(func.f_unaccent(literal(q)))
    same_mrn = func.lower(col(Patient.mrn)) == mrn_key(q)
    by_mrn = select(col(Patient.id).label("patient_id"), literal(10.0, Float).label("score"))
    by_mrn = by_mrn.where(same_mrn)
    # Only letters and digits make name tokens: "%" can only be an MRN.
    named = None
    if any(ch.isalnum() for ch in q):
        named = _patients_named(await name_candidates(session, q))
    found = (by_mrn if named is None else union_all(named, by_mrn)).subquery("found")
    matched = (
        select(found.c.patient_id, func.max(found.c.score).label("score"))
        .group_by(found.c.patient_id)
        .subquery("matched")
    )
    word_sim = func.word_similarity(needle, Patient.name_search)
    sim = func.similarity(needle, Patient.name_search)
    rank = cast(matched.c.score + word_sim + sim, Float).label("rank")
    return matched, rank


def _sort_keys(query: PatientQuery, rank: Any) -> list[SortKey]:
    if query.sort is None and rank is not None:
        return SORTING.ranked([SortKey(rank, descending=True, parse=float, name=None)])
    return SORTING.sort_keys(query.sort)


async def _filtered(session: AsyncSession, query: PatientQuery) -> tuple[Select[Any], Any]:
    stmt: Select[Any] = select(Patient)
    rank = None
    if query.q:
        matched, rank = await _search_terms(session, query.q)
        stmt = stmt.join(matched, col(Patient.id) == matched.c.patient_id)
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


# The default order's keys as a cursor holds them: family name, given name, id.
_DEFAULT_KEYS = (str, str, uuid.UUID)


async def list_patients_at_once(
    *, caller: Caller, codec: CursorCodec, query: PatientQuery
) -> PatientListing:
    """`list_patients` in the default order, in one statement with the user check; its
    cursors are those of `list_patients` (either reads the other's)."""
    parameters = query.listing()
    if query.cursor is None:
        statement, after = queries.FIRST_PAGE, []
    else:
        position = codec.decode(query.cursor, scope=RESOURCE, filters=parameters)
        statement, after = queries.PAGE_AFTER, parse_position(_DEFAULT_KEYS, position.values)
    rows = await run_audited(
        caller, statement, Action.LIST, RESOURCE, query.limit, *after, idempotent=True
    )
    found = sorted((r for r in rows if r.id is not None), key=lambda r: int(r.n))
    items = found[: query.limit]
    next_cursor = None
    if len(found) > query.limit:
        last = items[-1]
        values = [last.family_name, last.given_name, str(last.id)]
        next_cursor = codec.encode(Cursor(RESOURCE, parameters, values))
    return PatientListing(items=items, next_cursor=next_cursor, total=None)


# A search's cursor holds the last row's rank and id.
_RANKED_KEYS = (float, uuid.UUID)


async def search_patients_at_once(
    *, caller: Caller, codec: CursorCodec, query: PatientQuery
) -> PatientListing:
    """A fuzzy search by relevance (queries.SEARCH) in one statement with the user check: a
    page of the best matches and a cursor (the last rank and id) for the next."""
    parameters = query.listing()
    after: list[Any] = [None, None]
    if query.cursor is not None:
        position = codec.decode(query.cursor, scope=RESOURCE, filters=parameters)
        after = parse_position(_RANKED_KEYS, position.values)
    rows = await run_audited(
        caller,
        queries.SEARCH,
        Action.LIST,
        RESOURCE,
        query.q,
        query.limit,
        *after,
        idempotent=True,
        generic_plan=True,  # see queries.SEARCH
    )
    found = sorted((r for r in rows if r.id is not None), key=lambda r: int(r.n))
    items = found[: query.limit]
    next_cursor = None
    if len(found) > query.limit:
        last = items[-1]
        next_cursor = codec.encode(Cursor(RESOURCE, parameters, [last.rank, str(last.id)]))
    return PatientListing(items=items, next_cursor=next_cursor, total=None)
