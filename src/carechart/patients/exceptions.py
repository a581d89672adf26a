"""Errors of the patients slice."""

from carechart.core.errors import Conflict, NotFound, PreconditionFailed


class PatientNotFound(NotFound):
    slug = "patient-not-found"
    title = "Patient not found"

    def __init__(self) -> None:
        super().__init__("No patient with this id")


class DuplicateMrn(Conflict):
    slug = "duplicate-mrn"
    title = "Duplicate MRN"

    def __init__(self) -> None:
        super().__init__("Another patient already has this MRN")


class StalePatient(PreconditionFailed):
    slug = "stale-etag"
    title = "Patient has changed"

    def __init__(self) -> None:
        super().__init__(
            "If-Match does not match the patient's current ETag: read it again and retry"
        )
