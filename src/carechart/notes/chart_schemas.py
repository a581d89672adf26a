"""The chart's response models: what `GET /patients/{id}/chart` returns and what the summaries
read. The merge that fills them is `notes.chart`."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from carechart.notes.nlp.schemas import (
    Code,
    ImmunizationStatus,
    MedicationStatus,
    ProblemStatus,
)


class Citation(BaseModel):
    """Where a fact comes from: the note, when it was taken, and the words as written."""

    note_id: uuid.UUID
    taken_at: datetime
    text: str
    start: int
    end: int


StopReason = Literal["ended_at_discharge", "not_on_later_list", "course_completed"]


class ChartMedication(BaseModel):
    name: str = Field(description="The ingredient(s), or the name as written when unknown.")
    as_written: str = Field(description="The name as the latest note writes it (brand or generic).")
    ingredient: str | None = Field(
        description="Normalised ingredient(s), combinations joined by ' / '; mentions of brand "
        "and generic names of one drug are merged on it."
    )
    code: Code | None = None
    dose: str | None
    route: str | None
    frequency: str | None
    prn: bool
    status: MedicationStatus = Field(
        description="The latest state: started, continued, changed, stopped, held, resumed, given, "
        "proposed, historical or unknown."
    )
    stop_reason: StopReason | None = Field(
        default=None,
        description="`ended_at_discharge` when no note stopped the drug but the discharge "
        "medication list that followed it leaves it out; `not_on_later_list` when a later "
        "visit's list of current medications leaves it out; `course_completed` when the course "
        'its order states ("x 7 days", "5-day course", "taper over 12 days") ended before '
        "the latest note (`course_end`).",
    )
    last_mentioned_at: datetime
    latest: Citation = Field(description="The latest mention.")
    sources: list[Citation] = Field(description="Every mention, oldest first.")
    ended_at_discharge: Citation | None = Field(
        default=None,
        description="Set when no note stopped the drug but the discharge medication list that "
        "followed its last mention leaves it out (medication reconciliation): the list is cited "
        "and the status is `stopped`.",
    )
    superseded_by: Citation | None = Field(
        default=None,
        description="Set when a later outpatient visit's list of current medications leaves the "
        "drug out (that list is the patient's list from that day): the list is cited and the "
        "status is `stopped`.",
    )
    given_during: Citation | None = Field(
        default=None,
        description="Set when only notes of an encounter (an operation, an ED visit, a hospital "
        "stay) have the drug going and no medication list, discharge list or prescription "
        "carries it home: a drug of that encounter, status `given`; its latest mention there is "
        "cited.",
    )
    course_end: date | None = Field(
        default=None,
        description="With `course_completed`: the last day of the stated course, counted from "
        "the note that ordered it.",
    )


class ChartProblem(BaseModel):
    text: str
    status: ProblemStatus
    uncertain: bool = Field(
        description="The latest assessment hedges it (rule out, possible, suspected, ?, versus): "
        "listed in `uncertain_problems`, not as active."
    )
    verification: Literal["confirmed", "provisional", "differential"] = Field(
        default="confirmed",
        description="`provisional` when hedged, `differential` when weighed against other "
        'diagnoses ("A versus B"), else `confirmed`.',
    )
    first_noted_at: datetime
    last_noted_at: datetime
    sources: list[Citation]


class ChartImmunization(BaseModel):
    name: str
    status: ImmunizationStatus = Field(
        description="The latest statement: administered, declined, recommended ..."
    )
    last_given_at: datetime | None = Field(
        description="When the note that records the latest dose given was taken."
    )
    dose: str | None
    route: str | None
    site: str | None
    lot: str | None
    sources: list[Citation] = Field(description="Every mention, oldest first.")


class ChartAllergy(BaseModel):
    substance: str
    reaction: str | None
    sources: list[Citation]


class Measurement(BaseModel):
    value: float | None
    unit: str | None
    systolic: int | None = None
    diastolic: int | None = None
    flag: str | None = None
    reference_range: str | None = None
    source: Citation


class ChartSeries(BaseModel):
    """One vital or lab: its latest value and every value, oldest first."""

    name: str
    latest: Measurement
    history: list[Measurement]


class ChartFollowUp(BaseModel):
    kind: str
    text: str
    due: date | None
    status: str = Field(description="`upcoming`, `past_due` or `undated`.")
    source: Citation
    service: str | None = Field(
        default=None,
        description='On a bare return visit (`text` as written, "Return in 12 weeks"): the '
        'service of the note that asked for it ("Dermatology"); null when the note states none.',
    )


class ChartEncounter(BaseModel):
    note_id: uuid.UUID
    taken_at: datetime
    note_type: str
    title: str | None
    author: str | None


class Chart(BaseModel):
    patient_id: uuid.UUID
    current_medications: list[ChartMedication] = Field(
        description="Taken now: started, continued, changed or resumed."
    )
    held_medications: list[ChartMedication] = Field(
        description="Paused, to be resumed: not taken now, not stopped either."
    )
    stopped_medications: list[ChartMedication]
    historical_medications: list[ChartMedication] = Field(
        description="Taken or tried before, no longer."
    )
    given_medications: list[ChartMedication] = Field(
        description="Given once or only during an encounter (in clinic, the ED, a procedure, a "
        "stay): never current."
    )
    proposed_medications: list[ChartMedication] = Field(
        description="Options or recommendations not started yet: never current."
    )
    unknown_medications: list[ChartMedication] = Field(
        description="Named without a word that tells what is done with them (often a drug given "
        "or proposed in passing): never shown as current, to check with the patient."
    )

    problems: list[ChartProblem] = Field(
        description="Active problems: assessed, diagnosed or managed, and not hedged by the "
        "latest note that assesses them."
    )
    uncertain_problems: list[ChartProblem] = Field(
        default_factory=list,
        description="Suspected, to rule out, or in a differential: not active until a later "
        "note confirms them.",
    )
    resolved_problems: list[ChartProblem] = Field(
        default_factory=list,
        description="Problems the latest note that assesses them says have resolved.",
    )
    past_history: list[ChartProblem] = Field(
        description="Chronic and past conditions named only in a past history, and acute "
        "problems that ended with their encounter: left out by the stay's discharge summary or "
        "by a later visit that assesses the patient's problems."
    )
    allergies: list[ChartAllergy]
    no_known_allergies: bool
    vitals: list[ChartSeries]
    labs: list[ChartSeries]
    follow_ups: list[ChartFollowUp]
    immunizations: list[ChartImmunization]
    encounters: list[ChartEncounter]
    notes_without_text: int
    generated_from: int = Field(description="How many notes were combined.")

    def every_medication(self) -> list[ChartMedication]:
        """Current, held, stopped, historical, given, proposed and unknown, in that order."""
        return [
            *self.current_medications,
            *self.held_medications,
            *self.stopped_medications,
            *self.historical_medications,
            *self.given_medications,
            *self.proposed_medications,
            *self.unknown_medications,
        ]

    def every_problem(self) -> list[ChartProblem]:
        """Active, uncertain, resolved and past problems, in that order."""
        return [
            *self.problems,
            *self.uncertain_problems,
            *self.resolved_problems,
            *self.past_history,
        ]
