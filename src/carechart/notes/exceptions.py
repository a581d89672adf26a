"""Errors of the notes slice."""

from carechart.core.errors import AppError, Conflict, NotFound, ValidationFailed


class UnsupportedMediaType(AppError):
    """The upload is neither text, PDF, PNG, JPEG nor TIFF, judged from its content."""

    status = 415
    slug = "unsupported-file-type"
    title = "Unsupported media type"

    def __init__(self) -> None:
        super().__init__(
            "A note must be plain text, Markdown, PDF, PNG, JPEG or TIFF; "
            "the content of this file is none of these"
        )


class EmptyNote(ValidationFailed):
    slug = "empty-note"
    title = "Empty note"

    def __init__(self) -> None:
        super().__init__("The note has no text: it is empty or only whitespace")


class CorruptFile(ValidationFailed):
    """The file has a supported type but cannot be read; the detail names the type only."""

    slug = "corrupt-file"
    title = "Unreadable file"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)


class ImageTooLarge(CorruptFile):
    """A refused decompression bomb: an image whose pixel count is beyond the bound."""

    slug = "image-too-large"
    title = "Image too large"


class NoteNotFound(NotFound):
    slug = "note-not-found"
    title = "Note not found"

    def __init__(self) -> None:
        super().__init__("This patient has no note with this id")


class DuplicateNote(Conflict):
    slug = "duplicate-note"
    title = "Duplicate note"

    def __init__(self, existing_url: str) -> None:
        super().__init__(
            "The same bytes were already uploaded for this patient; "
            "send allow_duplicate=true to store them again",
            headers={"Location": existing_url},
            existing_note=existing_url,
        )


class MissingTakenAt(ValidationFailed):
    slug = "missing-taken-at"
    title = "When was the note taken?"

    def __init__(self, why: str | None = None) -> None:
        super().__init__(
            f"No taken_at was sent and {why}: send taken_at"
            if why
            else "No taken_at was sent and the note states no encounter date "
            "(e.g. 'Encounter Date: 2024-03-15'): send taken_at"
        )


class UnsupportedUpload(AppError):
    """The request itself is neither JSON nor a multipart form."""

    status = 415
    slug = "unsupported-content-type"
    title = "Unsupported media type"
