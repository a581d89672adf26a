"""Minimum necessary disclosure: the patient's identifiers masked out of text sent to a model."""

import re
import unicodedata
from datetime import date

from carechart.patients.public import PatientIdentity

# Month names as notes write them (English, whatever the server locale: not `calendar`).
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Labelled identifiers, whoever they belong to: "MRN: 10001", "DOB: 05/23/1987".
_LABELLED = [
    (
        re.compile(r"(?i)\b(MRN|medical record (?:number|no\.?)|patient id)\s*[:#]?\s*[\w-]+"),
        r"\1: [MRN]",
    ),
    (
        re.compile(r"(?i)\b(DOB|date of birth|born)\s*[:]?\s*[\w/.,-]+(?: \d{1,2},? \d{4})?"),
        r"\1: [DOB]",
    ),
]


def _date_forms(value: date) -> list[str]:
    month = MONTHS[value.month - 1]
    return [
        value.isoformat(),
        f"{value.month:02d}/{value.day:02d}/{value.year}",
        f"{value.month}/{value.day}/{value.year}",
        f"{month} {value.day}, {value.year}",
        f"{value.day} {month} {value.year}",
    ]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _name_pattern(patient: PatientIdentity) -> re.Pattern[str] | None:
    parts = {p for name in (patient.given_name, patient.family_name) for p in name.split()}
    # Both as written and without accents: notes spell "José" as "Jose" too.
    forms = {form for p in parts if len(p) > 1 for form in (p, _fold(p))}
    words = sorted((re.escape(w) for w in forms), key=len, reverse=True)
    return re.compile(rf"(?i)\b({'|'.join(words)})\b") if words else None


def mask_identifiers(text: str, patient: PatientIdentity) -> str:
    """Replace the patient's names, MRN and date of birth (and any labelled MRN/DOB)."""
    masked = text
    for pattern, replacement in _LABELLED:
        masked = pattern.sub(replacement, masked)
    for form in _date_forms(patient.date_of_birth):
        masked = masked.replace(form, "[DOB]")
    masked = re.sub(rf"(?i)\b{re.escape(patient.mrn)}\b", "[MRN]", masked)
    names = _name_pattern(patient)
    return names.sub("[PATIENT]", masked) if names else masked
