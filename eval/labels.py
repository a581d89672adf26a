"""The hand labels of the evaluation set as Pydantic models: eval/LABELLING.md, field for field.

The models forbid unknown keys, so a misspelt field (`stauts:`) is an error, not a label
silently dropped. Everything here mirrors the guide; when the guide changes, this changes.
"""

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

NOTE_ID = re.compile(r"^(?P<patient>[a-z0-9]+)-(?P<n>\d+)-[a-z0-9]+(?:-[a-z0-9]+)*$")

Format = Literal[
    "operative_report",
    "procedure_note",
    "discharge_summary",
    "consult",
    "history_and_physical",
    "ed_note",
    "progress_note",
    "office_visit",
    "soap_note",
    "transcription_export",
    "telephone_note",
    "physical_therapy",
    "well_child",
    "letter",
]
NoteTypeLabel = Literal[
    "admission",
    "progress",
    "follow_up",
    "annual_physical",
    "immunization",
    "procedure",
    "post_operative",
    "physical_therapy",
    "consult",
    "discharge",
    "emergency",
    "other",
]
MedicationStatusLabel = Literal[
    "started",
    "continued",
    "changed",
    "stopped",
    "held",
    "resumed",
    "given",
    "proposed",
    "historical",
    "unknown",
]
ProblemStatusLabel = Literal["active", "history", "resolved"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Names that the guide asks for in lower case (generic ingredients).
LowerText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^A-Z]+$")
]


class _Label(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MedicationLabel(_Label):
    name: LowerText = Field(description="Generic ingredient, lower case, salts dropped.")
    as_written: Text = Field(description="Exactly as the note writes it (first mention).")
    status: MedicationStatusLabel
    dose: Text | None = None
    also: list[Text] = []


class AllergyLabel(_Label):
    substance: Text
    also: list[Text] = []
    reaction: Text | None = None


class ProblemLabel(_Label):
    name: Text
    also: list[Text] = []
    status: ProblemStatusLabel
    uncertain: bool = False


class Quantity(_Label):
    value: float
    unit: Text


class VitalsLabel(_Label):
    """The first (or only) set of vitals in the note; an absent kind is not in the note."""

    blood_pressure: Annotated[str, StringConstraints(pattern=r"^\d{2,3}/\d{2,3}$")] | None = None
    heart_rate: float | None = None
    respiratory_rate: float | None = None
    temperature: Quantity | None = None
    spo2: float | None = None
    weight: Quantity | None = None
    height: Quantity | None = None
    bmi: float | None = None


class LabLabel(_Label):
    name: Text
    also: list[Text] = []
    value: float | Text = Field(
        description="A number; or a bounded number ('>90'); or a qualitative result as written "
        "('negative', '3+'), which the extractor's numeric labs cannot hold."
    )
    unit: Text | None = None
    flag: Literal["high", "low"] | None = None


class FollowUpLabel(_Label):
    what: Text
    also: list[Text] = Field(default=[], description="Other wordings a reader would accept.")
    due: date | None = None
    due_text: Text | None = None


class NoteLabel(_Label):
    note_id: Text
    patient: Text
    format: Format
    taken_at: date = Field(description="What a client would send with the upload.")
    note_type: NoteTypeLabel
    encounter_date: date | None = Field(description="Only from a labelled date line; else null.")
    medications: list[MedicationLabel] = []
    ignore_medications: list[Text] = []
    allergies: list[AllergyLabel] = []
    no_known_allergies: bool = False
    problems: list[ProblemLabel] = []
    negated_findings: list[Text] = []
    vitals: VitalsLabel = VitalsLabel()
    labs: list[LabLabel] = []
    follow_ups: list[FollowUpLabel] = []

    @model_validator(mode="after")
    def _consistent(self) -> "NoteLabel":
        match = NOTE_ID.match(self.note_id)
        if match is None:
            raise ValueError(f"note_id {self.note_id!r} is not <patient>-<n>-<slug>")
        if match["patient"] != self.patient:
            raise ValueError(f"note_id {self.note_id!r} does not start with {self.patient!r}")
        names = [m.name for m in self.medications]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"medications listed twice (once per ingredient): {repeated}")
        return self

    @property
    def order(self) -> int:
        """The note's place in its patient's story (`n` of the note id)."""
        match = NOTE_ID.match(self.note_id)
        assert match is not None  # checked by the validator
        return int(match["n"])


class OpenFollowUp(_Label):
    what: Text
    due: date | None = None


class PatientLabel(_Label):
    patient: Text
    given_name: Text
    family_name: Text
    date_of_birth: date
    sex: Literal["female", "male", "other", "unknown"]
    notes: list[Text] = Field(min_length=1)
    as_of: date = Field(description="The latest note's date: the chart's `today`.")
    current_medications: list[Text] = []
    stopped_medications: list[Text] = []
    held_medications: list[Text] = Field(
        default=[], description="Paused at the latest note, to be resumed: neither list."
    )
    not_current: list[Text] = []
    allergies: list[Text] = []
    no_known_allergies: bool = False
    active_problems: list[Text] = []
    open_follow_ups: list[OpenFollowUp] = []
