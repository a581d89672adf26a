"""What every summary provider takes and gives, and the two kinds of failure it may raise."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from carechart.notes.chart import Chart


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


class DraftItem(_Draft):
    """One statement of a section, citing the notes (by their id) it comes from."""

    text: str = Field(description="The statement, written for the audience.")
    note_ids: list[str] = Field(description="Ids of the notes this statement comes from.")


class DraftProblem(DraftItem):
    name: str = Field(description="The diagnosis or problem, as named in the notes.")
    status: str | None = Field(description="active, resolved or null when unknown.")


class DraftMedication(DraftItem):
    name: str = Field(description="The medication, as named in the notes.")
    dose: str | None = Field(description="Dose and frequency as written, or null.")
    status: str | None = Field(description="started, continued, changed, stopped or null.")


class SummaryDraft(_Draft):
    """What a provider writes: the narrative and the cited sections (no identifiers)."""

    narrative: str = Field(description="Coherent prose for the audience.")
    problems: list[DraftProblem]
    medications: list[DraftMedication]
    allergies: list[DraftItem]
    observations: list[DraftItem] = Field(description="Recent vitals, labs and findings.")
    plans: list[DraftItem] = Field(description="Pending plans and follow-ups.")


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
