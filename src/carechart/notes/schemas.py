"""Request and response bodies of the notes slice."""

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    computed_field,
    model_validator,
)

from carechart.core.db import StatementRow
from carechart.core.pagination import Page
from carechart.core.validation import MIN_DATE, IsoDateTime, Label
from carechart.notes.ingest import NoTextReason
from carechart.notes.models import NewNote, Note
from carechart.notes.nlp.schemas import NoteType
from carechart.notes.processing import AnalysisStatus

FUTURE_TOLERANCE = timedelta(minutes=5)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_means_start_of_day(value: Any) -> Any:
    if isinstance(value, str) and _DATE_ONLY.match(value.strip()):
        return f"{value.strip()}T00:00:00Z"
    return value


def _past_and_not_future(value: datetime) -> datetime:
    if value > datetime.now(UTC) + FUTURE_TOLERANCE:
        raise ValueError("must not be more than 5 minutes in the future")
    if value.date() < MIN_DATE:
        raise ValueError("must not be before 1900-01-01")
    return value


TakenAt = Annotated[
    IsoDateTime,
    BeforeValidator(_date_means_start_of_day),
    AfterValidator(_past_and_not_future),
    Field(
        description="When the note was taken (ISO 8601). A date alone means that day at 00:00 "
        "UTC; a time without a zone is UTC; from 1900-01-01 to 5 minutes in the future.",
        examples=["2024-03-15T09:30:00Z"],
    ),
]


class NoteCreate(BaseModel):
    """A note sent as JSON."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "example": {
                "taken_at": "2024-03-15T09:30:00Z",
                "title": "Lipid follow-up",
                "author": "Dr. Ana Rivera",
                "content": "S: Pt here for lipid f/u. Denies chest pain.\nO: BP 128/82, HR 72\n"
                "A: Hyperlipidemia\nP: Start atorvastatin 20 mg PO QD. RTC 3 months.",
            }
        },
    )

    taken_at: TakenAt
    content: Annotated[str, Field(min_length=1, description="The note's text.")]
    title: Label | None = None
    author: Label | None = None
    note_type: NoteType | None = Field(
        default=None, description="Wins over the classifier when given."
    )


class NoteTypeRead(BaseModel):
    value: NoteType
    source: str = Field(
        description="`client` when sent with the note, `classifier` when judged from the text, "
        "`none` when the note was not analysed (see `analysis_status`)."
    )
    confidence: float
    cues: list[str]


class NoteFileRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read from the note's row

    filename: str | None
    declared_media_type: str | None
    media_type: str = Field(description="The type judged from the content.")
    size_bytes: int
    sha256: str = Field(validation_alias="content_sha256")


class NoteIngestRead(BaseModel):
    """How the text was read from the upload. Notes stored before 2026-11-30 have nulls here
    (not recorded), apart from a JSON note's encoding."""

    model_config = ConfigDict(from_attributes=True)  # read from the note's row

    encoding: str | None = Field(
        validation_alias="text_encoding",
        description="The encoding a text file was decoded from (`utf-8`, `cp1252`, `utf-16` "
        "...); `utf-8` for JSON notes; null for PDFs and images.",
    )
    encoding_repaired: bool | None = Field(
        description="True when mojibake (text decoded with the wrong encoding, `Ã©` for `é`) "
        "was repaired."
    )
    pages: int | None = Field(
        validation_alias="page_count",
        description="Pages of a PDF, frames of an image; null for text.",
    )
    ocr_confidence: float | None = Field(
        description="Where OCR read the text: tesseract's mean confidence (0-100) over the "
        "words kept; null when OCR found no words or did not run."
    )
    no_text_reason: NoTextReason | None = Field(
        description="Why no text was read (`has_text` false): `ocr_disabled`, "
        "`ocr_unavailable` (tesseract missing), `ocr_time_limit`, `page_limit` (the text may "
        "be on pages past the page bounds), `ocr_found_no_text` (a blank or unreadable scan), "
        "`ocr_failed`, `unreadable_content` (a PDF's text layer or images could not be "
        "decoded), `no_text_or_images` (a PDF of drawings or blank pages), `read_time_limit`, "
        "`read_failed`. Null when the note has text."
    )
    warnings: list[str] | None = Field(
        validation_alias="ingest_warnings",
        description="What reading the file noticed, in fixed phrases (pages skipped, OCR "
        "stopped, a file name promising another type); never note text.",
    )


class NoteSummary(BaseModel):
    """A note in a listing: everything but its text and derived data."""

    id: uuid.UUID
    patient_id: uuid.UUID
    taken_at: datetime
    title: str | None
    author: str | None
    note_type: NoteTypeRead
    source: str = Field(description="`json` or `file`.")
    has_text: bool = Field(description="False when no text could be read from the file.")
    extraction_method: str
    ocr_confidence: float | None
    ingest: NoteIngestRead
    analysis_status: AnalysisStatus = Field(
        description="`complete` when the text was read and analysed. Otherwise the note is "
        "stored without derived data: `timed_out` (reading or analysing it ran past its time "
        "limit), `too_large` (more derived data than can be kept), `failed` (the analysis "
        "failed). Such notes are analysed again by `python -m carechart.notes.reextract`."
    )
    analysis_error: str | None = Field(
        description="Why the note was not analysed, in words; null when it was."
    )
    duplicate_of: uuid.UUID | None
    created_at: datetime
    created_by: uuid.UUID | None
    file: NoteFileRead

    @computed_field  # type: ignore[prop-decorator]
    @property
    def url(self) -> str:
        return f"/patients/{self.patient_id}/notes/{self.id}"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def file_url(self) -> str:
        return f"{self.url}/file"

    @model_validator(mode="before")
    @classmethod
    def _from_row(cls, data: object) -> object:
        """A stored note (`model_validate(note)`, or a row of the one-statement listing): the
        row's columns, its type and its file."""
        if isinstance(data, StatementRow):
            return _listed(data)
        if not isinstance(data, (Note, NewNote)):
            return data
        columns = {name: getattr(data, name) for name in cls.model_fields if name not in _NESTED}
        return {
            **columns,
            "note_type": _type_read(data),
            "file": NoteFileRead.model_validate(data),
            "ingest": NoteIngestRead.model_validate(data),
        }


class NoteRead(NoteSummary):
    content: str
    derived: dict[str, Any] = Field(description="Sections, vitals, medications, problems ...")
    extractor_version: str


def _type_read(note: Note | NewNote | StatementRow) -> NoteTypeRead:
    classified = note.derived.get("note_type", {}) if isinstance(note.derived, dict) else {}
    return NoteTypeRead(
        value=NoteType(note.note_type),
        source=note.note_type_source,
        confidence=float(classified.get("confidence", 1.0)),
        cues=list(classified.get("cues", [])),
    )


# NoteSummary fields that are not columns of the note's row.
_NESTED = {"note_type", "file", "ingest"}


def _columns(model: type[BaseModel]) -> tuple[str, ...]:
    """The names a model reads its fields from (their validation aliases)."""
    return tuple(
        info.validation_alias if isinstance(info.validation_alias, str) else name
        for name, info in model.model_fields.items()
        if name not in _NESTED
    )


_SUMMARY_COLUMNS = _columns(NoteSummary)
_FILE_COLUMNS = _columns(NoteFileRead)
_INGEST_COLUMNS = _columns(NoteIngestRead)


def _listed(row: StatementRow) -> dict[str, Any]:
    """A row of the one-statement listing (notes/queries.py) as plain data, validated in
    pydantic's own code: columns read by name (an attribute is a failed lookup on the record
    before StatementRow.__getattr__ answers), the classifier's confidence and cues already
    typed by the statement. A fifth of the validation time of reading the row as a note."""
    return {
        **{name: row[name] for name in _SUMMARY_COLUMNS},
        "note_type": {
            "value": row["note_type"],
            "source": row["note_type_source"],
            "confidence": row["type_confidence"],
            "cues": row["type_cues"],
        },
        "file": {name: row[name] for name in _FILE_COLUMNS},
        "ingest": {name: row[name] for name in _INGEST_COLUMNS},
    }


class NotePage(Page[NoteSummary]):
    pass
