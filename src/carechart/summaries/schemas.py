"""Request and response bodies of the summaries slice."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    computed_field,
)

from carechart.patients.public import PatientIdentity
from carechart.summaries.models import JobState, Summary, SummaryJob
from carechart.summaries.providers.base import Audience, Length

FOCUS_MAX_LENGTH = 100


def _fits_once_lowered(value: str) -> str:
    # The cache key holds the focus in lower case, and lowering can lengthen text ("İ" becomes
    # two characters): checked as stored, or a valid-looking focus overflows the key's column.
    if len(value.lower()) > FOCUS_MAX_LENGTH:
        raise ValueError(f"must be at most {FOCUS_MAX_LENGTH} characters in lower case")
    return value


Focus = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=FOCUS_MAX_LENGTH, pattern=r"^[\w ,.-]+$"
    ),
    AfterValidator(_fits_once_lowered),
    Field(description="A topic to emphasise, e.g. `medications`.", examples=["medications"]),
]


class SummaryOptions(BaseModel):
    """What kind of summary: part of the cache key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    audience: Audience = Audience.CLINICIAN
    length: Length = Length.STANDARD
    focus: Focus | None = None

    def key(self) -> str:
        return f"{self.audience.value}|{self.length.value}|{(self.focus or '').lower()}"


class SummaryCreate(SummaryOptions):
    force: StrictBool = Field(
        default=False, description="Regenerate even if a fresh summary exists."
    )

    def options(self) -> SummaryOptions:
        return SummaryOptions(audience=self.audience, length=self.length, focus=self.focus)


class Heading(BaseModel):
    """Identifiers from the database, never from the model."""

    # Read from the patients slice's PatientIdentity, which computes `name` and `age`.
    model_config = ConfigDict(from_attributes=True)

    name: str
    mrn: str
    date_of_birth: date
    age: int
    sex: str | None


class SourceCitation(BaseModel):
    note_id: uuid.UUID
    taken_at: datetime


class SummaryItem(BaseModel):
    text: str
    name: str | None = None
    dose: str | None = None
    status: str | None = Field(
        default=None,
        description="Problems: active, chronic, resolved or uncertain; "
        "medications: started, continued, changed, resumed, held or stopped.",
    )
    due: date | None = Field(default=None, description="Follow-ups: when it is due.")
    state: str | None = Field(
        default=None,
        description="Follow-ups: `upcoming`, `due` (within a week), `overdue` or `open` (undated).",
    )
    quote: str | None = Field(default=None, description="The cited note's own words.")
    citations: list[SourceCitation]
    verification: Literal["verified", "corrected", "unverified"] = Field(
        default="unverified",
        description="`verified`: the cited note of this patient holds the quote and every number; "
        "`corrected`: a wrong value was replaced from the chart; `unverified`: not a fact.",
    )
    unverified: bool = Field(
        default=False,
        description="True when the item is not backed by its cited note: not a fact.",
    )
    reasons: list[str] = Field(default=[], description="Why it is unverified or corrected.")
    flags: list[str] = Field(
        default=[],
        description="`allergy_conflict`: a current medication matching a documented allergy.",
    )


class SummarySections(BaseModel):
    problems: list[SummaryItem]
    medications: list[SummaryItem]
    allergies: list[SummaryItem]
    observations: list[SummaryItem]
    plans: list[SummaryItem]


class ItemCounts(BaseModel):
    verified: int
    corrected: int
    unverified: int


class NarrativeCheck(BaseModel):
    status: Literal["backed", "rewritten", "not_backed"] = Field(
        description="`backed`: every drug, dose, number, date and name in it is backed by the "
        "verified items or the chart; `rewritten`: it was not, and the local composer rewrote it "
        "from the checked facts; `not_backed`: the local composer's own text failed a check."
    )
    reasons: list[str]


class VerificationReport(BaseModel):
    """How the summary was checked against the patient's notes and chart."""

    verifier_version: str
    items: ItemCounts
    flagged: int = Field(description="Items carrying a flag, such as an allergy conflict.")
    narrative: NarrativeCheck
    identifiers_removed: int = Field(
        description="Names, MRNs or dates of birth removed from the written text."
    )
    as_of: date | None = Field(description="The latest note's date: what the summary is as of.")
    today: date = Field(description="The day the summary was checked (follow-up states).")


class SourceNote(BaseModel):
    note_id: uuid.UUID
    taken_at: datetime
    note_type: str


class TokenUsage(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read from the summary's row

    prompt_tokens: int
    completion_tokens: int
    model_calls: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class SummaryRead(BaseModel):
    id: uuid.UUID
    patient_id: uuid.UUID
    heading: Heading
    narrative: str
    sections: SummarySections
    options: SummaryOptions
    sources: list[SourceNote]
    generated_at: datetime
    provider: str
    model: str
    prompt_version: str
    input_hash: str
    stale: bool = Field(description="True when the notes or patient changed since.")
    usage: TokenUsage
    verification: VerificationReport | None = Field(
        description="The stored verification report (null for summaries made before it existed)."
    )


class JobStatus(BaseModel):
    job_id: uuid.UUID
    status: JobState = Field(description="`queued`, `running`, `succeeded` or `failed`.")
    patient_id: uuid.UUID
    options: SummaryOptions
    attempts: int
    error: str | None = Field(description="Why it failed, when it did.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    summary_url: str | None = Field(description="Where the summary is, once succeeded.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status_url(self) -> str:
        return f"/summary-jobs/{self.job_id}"


class SummaryBody(BaseModel):
    """What a run writes into `summary.body` (`model_dump(mode="json")`) and a read validates
    back once: one shape for both sides."""

    narrative: str
    sections: SummarySections
    sources: list[SourceNote]
    verification: VerificationReport | None = None


def summary_read(summary: Summary, patient: PatientIdentity, *, stale: bool) -> SummaryRead:
    """The stored summary with a heading read from the patient record at this moment.

    `summary.body` may be the stored JSON's text (the one-statement cached read): pydantic then
    parses and validates it in one pass, instead of json.loads and a validation of the dicts."""
    stored: Any = summary.body
    body = (
        SummaryBody.model_validate_json(stored)
        if isinstance(stored, str)
        else SummaryBody.model_validate(stored)
    )
    return SummaryRead(
        id=summary.id,
        patient_id=summary.patient_id,
        heading=Heading.model_validate(patient),
        narrative=body.narrative,
        sections=body.sections,
        options=SummaryOptions.model_validate(summary.options),
        sources=body.sources,
        generated_at=summary.generated_at,
        provider=summary.provider,
        model=summary.model,
        prompt_version=summary.prompt_version,
        input_hash=summary.input_hash,
        stale=stale,
        usage=TokenUsage.model_validate(summary),
        verification=body.verification,
    )


def job_status(job: SummaryJob) -> JobStatus:
    succeeded = job.status == JobState.SUCCEEDED and job.summary_id is not None
    return JobStatus(
        job_id=job.id,
        status=JobState(job.status),
        patient_id=job.patient_id,
        options=SummaryOptions.model_validate(job.options),
        attempts=job.attempts,
        error=job.error,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        summary_url=f"/patients/{job.patient_id}/summaries/{job.summary_id}" if succeeded else None,
    )
