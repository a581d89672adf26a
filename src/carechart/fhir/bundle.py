"""Reading an imported Bundle: each entry validated by fhir.resources (R4B), then mapped to ours.

Nothing here touches the database: an entry is either ready to store or a list of issues, each
with the FHIRPath of the element at fault (never the value: it may be PHI).
"""

import base64
import binascii
import functools
import json
import typing
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.patient import Patient
from pydantic import BaseModel, TypeAdapter, ValidationError

from carechart.core.problems import UNKNOWN_FIELD, safe_message
from carechart.core.validation import IsoDateTime, Label
from carechart.fhir.exceptions import InvalidResource
from carechart.fhir.mappers import patient_fields, reference_id
from carechart.fhir.outcome import issue
from carechart.patients.public import PatientCreate

MAX_ENTRIES = 1000
SUPPORTED_TYPES: dict[str, Any] = {"Patient": Patient, "DocumentReference": DocumentReference}
NOTE_MEDIA_TYPES = {
    "text/plain",
    "text/markdown",
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/tiff",
}
_LABEL: TypeAdapter[str] = TypeAdapter(Label)
_INSTANT: TypeAdapter[datetime] = TypeAdapter(IsoDateTime)


@dataclass(frozen=True)
class PatientEntry:
    index: int
    full_url: str | None
    data: PatientCreate
    ignored: list[str]


@dataclass(frozen=True)
class DocumentEntry:
    index: int
    full_url: str | None
    subject: str
    data: bytes
    media_type: str | None
    taken_at: datetime | None
    title: str | None
    author: str | None


@dataclass(frozen=True)
class InvalidEntry:
    index: int
    issues: list[dict[str, Any]]


Entry = PatientEntry | DocumentEntry | InvalidEntry


@dataclass(frozen=True)
class ImportBundle:
    kind: Literal["transaction", "batch"]
    entries: list[Entry] = field(default_factory=list)

    def issues(self) -> list[dict[str, Any]]:
        return [i for e in self.entries if isinstance(e, InvalidEntry) for i in e.issues]


def fhir_path(prefix: str, loc: Sequence[Any]) -> str:
    """`("name", 0, "given")` -> `<prefix>.name[0].given`."""
    path = prefix
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The FHIR models a field's annotation holds (`Optional[List[HumanNameType]]` -> HumanName)."""
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            yield annotation
            return
        model_of = getattr(annotation, "get_model_klass", None)  # fhir.resources' element types
        if model_of is not None:
            yield model_of()
            return
    for inner in typing.get_args(annotation):
        yield from _models_in(inner)


@functools.cache
def fhir_field_names() -> frozenset[str]:
    """Every element name (and `_name` extension alias) of the models an import reads."""
    names = {"resource_type"}  # where fhir.resources reports a wrong resourceType
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [Bundle, *SUPPORTED_TYPES.values()]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names.update((name, info.alias or name))
            todo.extend(_models_in(info.annotation))
    return frozenset(names)


def _validated(model: type[BaseModel], data: Any, prefix: str) -> list[dict[str, Any]]:
    """The issues of `data` as a `model`: none when it is valid. fhir.resources looks up a
    nested resource's class by the `resourceType` it was sent (a `contained` resource of an
    unknown or non-text type raises KeyError or TypeError, not a ValidationError): that is the
    client's error too, reported without the type it sent."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return _validation_issues(prefix, exc)
    except (KeyError, TypeError):
        why = "a nested resource has an unknown or invalid resourceType"
        return [issue("invalid", why, expression=[prefix])]
    return []


def _validation_issues(prefix: str, exc: ValidationError) -> list[dict[str, Any]]:
    # Message and location only, the message cut back when it quotes the input (a wrong
    # resourceType is quoted); an unknown key is named only when it is a FHIR element name,
    # other unknown keys are counted (a key may hold patient data: {"Jane Doe": ...}).
    errors = exc.errors()
    known = fhir_field_names()
    unknown = [e for e in errors if e["type"] == UNKNOWN_FIELD and str(e["loc"][-1]) not in known]
    issues = [
        issue("invalid", safe_message(e), expression=[fhir_path(prefix, e["loc"])])
        for e in errors
        if e not in unknown
    ]
    counts = Counter(fhir_path(prefix, e["loc"][:-1]) for e in unknown)
    return issues + [
        issue("structure", _unknown_keys(count), expression=[path])
        for path, count in counts.items()
    ]


def _unknown_keys(count: int) -> str:
    return (
        f"{count} unknown element{'s' if count > 1 else ''} "
        "(names not repeated: a key may hold patient data)"
    )


def _envelope(body: Any) -> tuple[str, list[Any]]:
    """The Bundle's type and entries; a malformed Bundle is refused whole, in either mode."""
    if not isinstance(body, dict) or body.get("resourceType") != "Bundle":
        raise InvalidResource([issue("structure", "must be a Bundle", expression=["Bundle"])])
    kind = body.get("type")
    if kind not in ("transaction", "batch"):
        raise InvalidResource(
            [issue("value", "must be transaction or batch", expression=["Bundle.type"])]
        )
    entries = body.get("entry", [])
    if not isinstance(entries, list):
        raise InvalidResource([issue("structure", "must be a list", expression=["Bundle.entry"])])
    if len(entries) > MAX_ENTRIES:
        raise InvalidResource(
            [issue("too-costly", f"at most {MAX_ENTRIES} entries", expression=["Bundle.entry"])]
        )
    shell = {**body, "entry": [_without_resource(e) for e in entries] or None}
    problems = _validated(Bundle, {k: v for k, v in shell.items() if v is not None}, "Bundle")
    if problems:
        raise InvalidResource(problems)
    return kind, entries


def _without_resource(entry: Any) -> Any:
    return {k: v for k, v in entry.items() if k != "resource"} if isinstance(entry, dict) else entry


def parse_bundle(raw: bytes, *, mrn_system: str) -> ImportBundle:
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise InvalidResource(
            [issue("structure", "the body is not JSON", expression=["Bundle"])]
        ) from None
    kind, entries = _envelope(body)
    patient_urls = {
        e.get("fullUrl")
        for e in entries
        if isinstance(e.get("resource"), dict) and e["resource"].get("resourceType") == "Patient"
    }
    parsed = [_entry(i, e, mrn_system, patient_urls) for i, e in enumerate(entries)]
    return ImportBundle(kind, parsed)  # type: ignore[arg-type]


def _entry(index: int, entry: dict[str, Any], mrn_system: str, patient_urls: set[Any]) -> Entry:
    prefix = f"Bundle.entry[{index}]"
    resource = entry.get("resource")
    method = (entry.get("request") or {}).get("method", "POST")
    if not isinstance(resource, dict):
        return InvalidEntry(index, [issue("required", "needs a resource", expression=[prefix])])
    kind = resource.get("resourceType")
    if kind not in SUPPORTED_TYPES or method not in ("POST", "PUT"):
        why = "only Patient and DocumentReference, created or updated (POST or PUT), are imported"
        return InvalidEntry(index, [issue("not-supported", why, expression=[prefix])])
    where = f"{prefix}.resource"
    problems = _validated(SUPPORTED_TYPES[kind], resource, where)
    if problems:
        return InvalidEntry(index, problems)
    if kind == "Patient":
        return _patient(index, entry.get("fullUrl"), resource, mrn_system)
    return _document(index, entry.get("fullUrl"), resource, patient_urls)


def _patient(index: int, full_url: str | None, resource: dict[str, Any], system: str) -> Entry:
    fields = patient_fields(resource, mrn_system=system)
    if fields.data is None:
        where = f"Bundle.entry[{index}].resource"
        return InvalidEntry(
            index,
            [issue("invalid", msg, expression=[f"{where}.{p}"]) for p, msg in fields.problems],
        )
    return PatientEntry(index, full_url, fields.data, fields.ignored)


class _Problems:
    """Issues found in one resource, each at its FHIRPath."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.issues: list[dict[str, Any]] = []

    def add(self, path: str, message: str, code: str = "invalid") -> None:
        self.issues.append(issue(code, message, expression=[f"{self.where}.{path}"]))


def _subject(resource: dict[str, Any], patient_urls: set[Any], problems: _Problems) -> str:
    reference = str((resource.get("subject") or {}).get("reference") or "")
    if reference.startswith("urn:uuid:"):
        if reference not in patient_urls:
            problems.add("subject", "names no Patient entry (fullUrl) of this Bundle")
    elif reference_id(reference, "Patient") is None:
        problems.add(
            "subject", "must reference a Patient of this Bundle (its fullUrl) or Patient/{id}"
        )
    return reference


def _attachment_data(attachment: dict[str, Any], problems: _Problems) -> bytes:
    encoded = attachment.get("data")
    if not isinstance(encoded, str) or not encoded.strip():
        problems.add("content[0].attachment.data", "the note must be inline (base64 data)")
        return b""
    try:
        data = base64.b64decode("".join(encoded.split()), validate=True)
    except (binascii.Error, ValueError):
        problems.add("content[0].attachment.data", "is not valid base64")
        return b""
    if not data:
        problems.add("content[0].attachment.data", "is empty")
    return data


def _media_type(attachment: dict[str, Any], problems: _Problems) -> str | None:
    declared = attachment.get("contentType")
    if declared is None:
        return None
    if str(declared).split(";")[0].strip().lower() not in NOTE_MEDIA_TYPES:
        problems.add(
            "content[0].attachment.contentType",
            "a note is text, Markdown, PDF, PNG, JPEG or TIFF",
            "not-supported",
        )
    return str(declared)


def _taken_at(resource: dict[str, Any], attachment: dict[str, Any], problems: _Problems) -> Any:
    candidates = [
        (
            "context.period.start",
            ((resource.get("context") or {}).get("period") or {}).get("start"),
        ),
        ("content[0].attachment.creation", attachment.get("creation")),
        ("date", resource.get("date")),
    ]
    for path, value in candidates:
        if value is None:
            continue
        text = str(value)
        try:
            return _INSTANT.validate_python(text + "T00:00:00Z" if len(text) == 10 else text)
        except ValidationError:
            problems.add(path, "must be a full date (YYYY-MM-DD) or date and time")
            return None
    return None


def _label(value: Any, path: str, problems: _Problems) -> str | None:
    if value is None:
        return None
    try:
        return _LABEL.validate_python(value)
    except ValidationError as exc:
        problems.add(path, safe_message(exc.errors()[0]))
        return None


def _document(
    index: int, full_url: str | None, resource: dict[str, Any], patient_urls: set[Any]
) -> Entry:
    problems = _Problems(f"Bundle.entry[{index}].resource")
    subject = _subject(resource, patient_urls, problems)
    attachment = (resource.get("content") or [{}])[0].get("attachment") or {}
    data = _attachment_data(attachment, problems)
    media_type = _media_type(attachment, problems)
    taken_at = _taken_at(resource, attachment, problems)
    title_path = "description" if "description" in resource else "content[0].attachment.title"
    title = _label(resource.get("description", attachment.get("title")), title_path, problems)
    author = _label(((resource.get("author") or [{}])[0]).get("display"), "author[0]", problems)
    if problems.issues:
        return InvalidEntry(index, problems.issues)
    return DocumentEntry(index, full_url, subject, data, media_type, taken_at, title, author)
