"""Request and response bodies of the patients slice."""

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    computed_field,
    model_validator,
)

from carechart.core.pagination import Page
from carechart.core.validation import DateOfBirth, PersonName

# What the schema can say of the rules (from 1900-01-01, a plain date): years 1900-2099. That
# it is not in the future (a bound that moves daily) is in the description only.
_BORN = Field(
    description="A date (YYYY-MM-DD) from 1900-01-01, not in the future.",
    json_schema_extra={"pattern": r"^(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$"},
)
BornOn = Annotated[DateOfBirth, _BORN]

Mrn = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9-]{1,32}$"),
    Field(
        description="Medical record number: 1-32 letters, digits or `-`.", examples=["MRN-10001"]
    ),
]


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


_EXAMPLE: dict[str, Any] = {
    "mrn": "MRN-10001",
    "given_name": "Jonathan",
    "family_name": "Collins",
    "date_of_birth": "1987-05-23",
    "sex": "male",
}


class PatientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": _EXAMPLE})

    mrn: Mrn | None = Field(default=None, description="Assigned by the server when omitted.")
    given_name: PersonName
    family_name: PersonName
    date_of_birth: BornOn
    sex: Sex | None = None


class PatientReplace(BaseModel):
    """PUT: the full representation; an omitted `sex` is cleared."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": _EXAMPLE})

    mrn: Mrn
    given_name: PersonName
    family_name: PersonName
    date_of_birth: BornOn
    sex: Sex | None = None


_NOT_NULL = ("mrn", "given_name", "family_name", "date_of_birth")


def _patch_schema(schema: dict[str, Any]) -> None:
    """Absent leaves a field as it is; null is refused (but for `sex`): the schema shows no null."""
    for name in _NOT_NULL:
        schema["properties"][name].pop("default", None)
    schema["example"] = {"family_name": "Collins-Reed"}


class PatientPatch(BaseModel):
    """PATCH: only the fields sent change; only `sex` may be set to null."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_patch_schema)

    mrn: Mrn = None  # type: ignore[assignment]
    given_name: PersonName = None  # type: ignore[assignment]
    family_name: PersonName = None  # type: ignore[assignment]
    date_of_birth: BornOn = None  # type: ignore[assignment]
    sex: Sex | None = None

    @model_validator(mode="before")
    @classmethod
    def _required_fields_are_not_null(cls, data: Any) -> Any:
        if isinstance(data, dict):
            nulled = [k for k in _NOT_NULL if k in data and data[k] is None]
            if nulled:
                raise ValueError(f"cannot be null: {', '.join(nulled)}")
        return data


class Person(BaseModel):
    """The display name and the age, derived here and nowhere else.

    Mixed into the API's patient (PatientRead) and the public PatientRecord that other slices
    read (a summary's heading takes both from it). The fields are declared by the subclasses,
    each in its own order.
    """

    if TYPE_CHECKING:
        given_name: str
        family_name: str
        date_of_birth: date

    @computed_field(description="Display name: given name then family name.")  # type: ignore[prop-decorator]
    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @computed_field(description="Whole years today (UTC).")  # type: ignore[prop-decorator]
    @property
    def age(self) -> int:
        return self.age_on(datetime.now(UTC).date())

    def age_on(self, today: date) -> int:
        """Whole years on `today` (a summary's run uses one `today` throughout)."""
        return age_on(self.date_of_birth, today)


def age_on(date_of_birth: date, today: date) -> int:
    """The age rule, for `Person` (and bench/app.py's ceiling, which answers without Pydantic)."""
    return (
        today.year
        - date_of_birth.year
        - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))
    )


# A stored patient as the API shows it, built from the row by `model_validate` (no docstring:
# it would become the schema's description in the OpenAPI document).
class PatientRead(Person):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    mrn: str
    given_name: str
    family_name: str
    date_of_birth: date
    sex: Sex | None
    version: int
    created_at: datetime
    updated_at: datetime


class PatientPage(Page[PatientRead]):
    pass
