"""What every summary provider takes and gives, and the two kinds of failure it may raise."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from carechart.notes.public import Chart
from carechart.summaries.picture import ClinicalPicture


class Audience(StrEnum):
    CLINICIAN = "clinician"
    PATIENT = "patient"
    FAMILY = "family"


class Length(StrEnum):
    BRIEF = "brief"
    STANDARD = "standard"
    DETAILED = "detailed"


class _Draft(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProblemState(StrEnum):
    ACTIVE = "active"
    CHRONIC = "chronic"
    RESOLVED = "resolved"
    UNCERTAIN = "uncertain"


class MedicationState(StrEnum):
    STARTED = "started"
    CONTINUED = "continued"
    CHANGED = "changed"
    RESUMED = "resumed"
    HELD = "held"
    STOPPED = "stopped"


class FollowUpState(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    OPEN = "open"


CURRENT_STATES = frozenset(
    {
        MedicationState.STARTED,
        MedicationState.CONTINUED,
        MedicationState.CHANGED,
        MedicationState.RESUMED,
    }
)


class DraftItem(_Draft):
    """One statement of a section, citing the one note it comes from with its own words."""

    text: str = Field(description="The statement, written for the audience.")
    note_id: str = Field(description="The id of the note this comes from, copied exactly.")
    quote: str = Field(
        description="A short verbatim quote (3 to 15 words) from that note that supports it."
    )


class DraftProblem(DraftItem):
    name: str = Field(description="The diagnosis or problem, as named in the notes.")
    status: ProblemState


class DraftMedication(DraftItem):
    name: str = Field(description="The medication, as named in the notes.")
    dose: str | None = Field(description="Dose and frequency as written, or null.")
    status: MedicationState


class DraftFollowUp(DraftItem):
    due: str | None = Field(description="The due date as YYYY-MM-DD, or null when undated.")
    state: FollowUpState


class SummaryDraft(_Draft):
    """What a provider writes: the cited items first, then the narrative resting on them."""

    problems: list[DraftProblem]
    medications: list[DraftMedication]
    allergies: list[DraftItem]
    observations: list[DraftItem] = Field(description="Key vitals and flagged labs, with trend.")
    plans: list[DraftFollowUp] = Field(description="Pending follow-ups, overdue ones included.")
    narrative: str = Field(description="Coherent prose for the audience, built on the items.")


@dataclass(frozen=True)
class PromptNote:
    """A note as the provider sees it: text already masked of the patient's identifiers."""

    id: uuid.UUID
    taken_at: datetime
    note_type: str
    text: str


@dataclass(frozen=True)
class SummaryRequest:
    audience: Audience
    length: Length
    focus: str | None
    notes: list[PromptNote]
    age: int | None = None
    sex: str | None = None
    # Structured facts from the chart, as compact JSON text (already free of identifiers).
    chart_json: str = "{}"
    # The same facts as objects, for the local provider (not sent anywhere).
    chart: Chart | None = None
    # The chart read as of its latest note (both providers start from it).
    picture: ClinicalPicture | None = None
    # Note id -> its number in the summary's sources (1 = oldest), for citation markers.
    source_numbers: dict[uuid.UUID, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
        )


@dataclass(frozen=True)
class ProviderResult:
    draft: SummaryDraft
    model: str
    usage: Usage = field(default_factory=Usage)
    calls: int = 1


class ProviderError(Exception):
    """A failure with a reason safe to show and store (never prompt or note text)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class TransientProviderError(ProviderError):
    """Worth retrying later: rate limits, server errors, timeouts, connection failures."""


class PermanentProviderError(ProviderError):
    """Retrying will not help: bad request, bad key, refusal, truncated or invalid output."""


class SummaryProvider(Protocol):
    name: str
    model: str

    async def summarise(self, request: SummaryRequest) -> ProviderResult: ...
