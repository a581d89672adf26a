"""The structured result of understanding one note: Pydantic models stored as JSONB."""

from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class NoteType(StrEnum):
    ADMISSION = "admission"
    PROGRESS = "progress"
    FOLLOW_UP = "follow_up"
    ANNUAL_PHYSICAL = "annual_physical"
    IMMUNIZATION = "immunization"
    PROCEDURE = "procedure"
    POST_OPERATIVE = "post_operative"
    PHYSICAL_THERAPY = "physical_therapy"
    CONSULT = "consult"
    DISCHARGE = "discharge"
    EMERGENCY = "emergency"
    OTHER = "other"


class SectionName(StrEnum):
    """The kind of a section, whatever its heading says (`PMH:`, `PAST MEDICAL HISTORY:`)."""

    HEADER = "header"
    SUBJECTIVE = "subjective"
    CHIEF_COMPLAINT = "chief_complaint"
    PRESENT_ILLNESS = "present_illness"
    HISTORY = "history"  # past medical history
    SURGICAL_HISTORY = "surgical_history"
    FAMILY_HISTORY = "family_history"
    SOCIAL_HISTORY = "social_history"
    REVIEW_OF_SYSTEMS = "review_of_systems"
    MEDICATIONS = "medications"  # current or home medications
    ADMISSION_MEDICATIONS = "admission_medications"
    DISCHARGE_MEDICATIONS = "discharge_medications"
    ALLERGIES = "allergies"
    IMMUNIZATIONS = "immunizations"
    OBJECTIVE = "objective"  # exam and vitals
    RESULTS = "results"
    HOSPITAL_COURSE = "hospital_course"  # also the ED course and medical decision making
    PROCEDURE = "procedure"
    ANESTHESIA = "anesthesia"
    FINDINGS = "findings"  # operative or procedural findings
    ASSESSMENT = "assessment"
    ASSESSMENT_AND_PLAN = "assessment_and_plan"
    DIAGNOSES = "diagnoses"
    PLAN = "plan"
    INSTRUCTIONS = "instructions"  # discharge or patient instructions
    DISPOSITION = "disposition"
    PRESCRIPTIONS = "prescriptions"
    SIGNATURE = "signature"
    OTHER = "other"


class VitalKind(StrEnum):
    BLOOD_PRESSURE = "blood_pressure"
    HEART_RATE = "heart_rate"
    RESPIRATORY_RATE = "respiratory_rate"
    TEMPERATURE = "temperature"
    SPO2 = "spo2"
    HEIGHT = "height"
    WEIGHT = "weight"
    BMI = "bmi"


class MedicationStatus(StrEnum):
    """A drug's state at the end of the encounter a note records."""

    STARTED = "started"  # new at this encounter
    CONTINUED = "continued"  # taken and going on unchanged
    CHANGED = "changed"  # same drug, another dose, frequency or form
    STOPPED = "stopped"
    HELD = "held"  # paused, to be resumed
    RESUMED = "resumed"
    GIVEN = "given"  # a one-time or in-encounter dose: never a current medication
    PROPOSED = "proposed"  # an option or recommendation not taken yet: never current
    HISTORICAL = "historical"  # taken or tried before, no longer
    UNKNOWN = "unknown"


class ProblemStatus(StrEnum):
    ACTIVE = "active"
    RESOLVED = "resolved"
    HISTORICAL = "historical"


class PlanKind(StrEnum):
    FOLLOW_UP = "follow_up"
    ORDER = "order"
    REFERRAL = "referral"
    INSTRUCTION = "instruction"


class LabFlag(StrEnum):
    HIGH = "high"
    LOW = "low"
    NORMAL = "normal"


class ImmunizationStatus(StrEnum):
    ADMINISTERED = "administered"
    DECLINED = "declined"
    RECOMMENDED = "recommended"
    HISTORICAL = "historical"
    UNKNOWN = "unknown"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Model):
    """Character offsets into the note: `text[start:end]` is the evidence."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Evidence(Span):
    text: str


class Section(Span):
    name: SectionName
    heading: str = Field(description="The marker as written, empty for the header.")


class NoteTypeResult(_Model):
    value: NoteType
    confidence: float = Field(ge=0, le=1)
    cues: list[str] = Field(description="Cue strings, as written, that support the classifier.")
    source: Literal["client", "classifier"]
    classifier_value: NoteType
    classifier_confidence: float = Field(ge=0, le=1)


class EncounterDate(Evidence):
    value: date
    label: str = Field(description="The label the date followed, empty when it was unlabelled.")


class Vital(Evidence):
    kind: VitalKind
    value: float | None = Field(description="In `unit`; null for blood pressure.")
    systolic: int | None = None
    diastolic: int | None = None
    unit: str
    original_value: float | None = Field(default=None, description="Set when converted.")
    original_unit: str | None = None


class Code(_Model):
    """A concept in a standard vocabulary (RxNorm, DrugBank, MeSH, SNOMED CT ...)."""

    system: str = Field(description="The vocabulary's URI, as FHIR names it.")
    code: str
    display: str


class Medication(Evidence):
    name: str = Field(description="The drug as written (brand or generic).")
    ingredient: str | None = Field(
        default=None,
        description="The normalised active ingredient(s), lower case, combinations joined by "
        "' / '; null when the drug is not in the vocabulary.",
    )
    code: Code | None = None
    dose: str | None = None
    route: str | None = None
    frequency: str | None = None
    prn: bool = False
    course_days: int | None = Field(
        default=None,
        description='The length of the course its order states ("x 7 days", "5-day course", '
        '"taper over 12 days"), in days; null when the order states no end.',
    )
    status: MedicationStatus = MedicationStatus.UNKNOWN
    section: SectionName
    mentions: list[Span] = Field(description="Every mention merged into this medication.")
    told_only_as: Literal["given", "proposed"] | None = Field(
        default=None,
        description="Set when every mention stands where the note tells what the encounter "
        "gave (a hospital or ED course, a procedure, its anaesthesia, a list of doses given: "
        "`given`) or put forward (recommendations, options: `proposed`), none on a medication, "
        "home, discharge or prescription list or in words that keep it (continue, take, "
        "discharged on): the note does not have the patient taking it, whatever `status` says.",
    )
    # Written only when the learned status model (off by default) replaced the rules' reading,
    # so an analysis made without it is stored exactly as before the model existed.
    status_source: Literal["rules", "model"] = Field(
        default="rules",
        exclude_if=lambda source: source == "rules",
        description="`model` when the learned status model set `status` (STATUS_MODEL_ENABLED).",
    )


class Problem(Evidence):
    """A condition as written. It carries no code: no condition vocabulary (SNOMED CT, ICD-10)
    ships with Carechart, and a field that is always null promised one."""

    status: ProblemStatus
    uncertain: bool = Field(default=False, description="Hedged: possible, suspected, r/o.")
    differential: bool = Field(
        default=False,
        description='Hedged between alternatives: "A versus B", "differential includes".',
    )
    section: SectionName

    @model_validator(mode="before")
    @classmethod
    def _without_legacy_code(cls, data: Any) -> Any:
        # Notes analysed before the field went (extractor 1.3.0 and earlier) store `"code": null`.
        if isinstance(data, dict) and "code" in data and data["code"] is None:
            return {key: value for key, value in data.items() if key != "code"}
        return data


class Allergy(Evidence):
    substance: str
    reaction: str | None = None


class Lab(Evidence):
    name: str
    value: float
    unit: str | None = None
    reference_range: str | None = None
    reference_low: float | None = None
    reference_high: float | None = None
    flag: LabFlag | None = None


class Plan(Evidence):
    kind: PlanKind
    due: date | None = None
    due_text: str | None = Field(default=None, description="The interval or date it came from.")
    service: str | None = Field(
        default=None,
        description='Set on a bare return visit ("Return in 12 weeks", "RTC 3 months"): '
        "the note's own service it returns to (`NoteAnalysis.service`), so it reads "
        '"Dermatology: return in 12 weeks"; null when the note states no service.',
    )


class Immunization(Evidence):
    name: str
    dose: str | None = None
    route: str | None = None
    site: str | None = None
    lot: str | None = None
    status: ImmunizationStatus = ImmunizationStatus.UNKNOWN
    mentions: list[Span]


class Author(Evidence):
    name: str
    specialty: str | None = None


class NoteService(Evidence):
    """The service or specialty the note states as its own: a letterhead or clinic name, the
    title, a `Service:` line or the signer's specialty; never guessed from drugs or problems."""

    name: str = Field(description='The service, named one way ("Dermatology", "Primary care").')


class NegatedFinding(Evidence):
    trigger: str
    section: SectionName
    name: str | None = Field(
        default=None,
        description="The finding denied, when the text alone does not name it: with the site it"
        ' was looked for in ("thyroid nodules" for "Thyroid: no nodules"), as a finding'
        ' ("abdominal tenderness" for "Abd soft, nontender").',
    )


class HistoricalFinding(Evidence):
    kind: Literal["past", "family"]
    trigger: str = Field(description="The cue or the section heading that made it historical.")
    section: SectionName


class NoteAnalysis(_Model):
    extractor_version: str
    has_text: bool
    sections: list[Section] = []
    note_type: NoteTypeResult
    encounter_date: EncounterDate | None = None
    vitals: list[Vital] = []
    medications: list[Medication] = []
    problems: list[Problem] = []
    allergies: list[Allergy] = []
    no_known_allergies: bool = False
    # Allergens the note takes back, by allergy key: "penicillin allergy removed after a negative
    # challenge", "Sulfa - entered in error". The chart drops them when stated only before.
    withdrawn_allergies: list[str] = []
    labs: list[Lab] = []
    plans: list[Plan] = []
    immunizations: list[Immunization] = []
    author: Author | None = None
    service: NoteService | None = None
    negated_findings: list[NegatedFinding] = []
    historical_findings: list[HistoricalFinding] = []
    warnings: list[str] = []
