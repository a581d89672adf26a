"""Errors of the auth slice."""

from carechart.core.errors import Conflict, Forbidden, NotFound, Unauthorized, ValidationFailed


class InvalidCredentials(Unauthorized):
    slug = "invalid-credentials"
    title = "Invalid credentials"


class NotAuthenticated(Unauthorized):
    slug = "not-authenticated"
    title = "Authentication required"


class RoleNotAllowed(Forbidden):
    slug = "role-not-allowed"
    title = "Role not allowed"


class DuplicateEmail(Conflict):
    slug = "duplicate-email"
    title = "Email already registered"


class UserNotFound(NotFound):
    slug = "user-not-found"
    title = "User not found"

    def __init__(self) -> None:
        super().__init__("No user with this id")


class LastAdmin(Conflict):
    slug = "last-admin"
    title = "Last active admin"

    def __init__(self) -> None:
        super().__init__(
            "This is the last active admin: make another user an admin first, so that someone "
            "can still manage users"
        )


class CurrentPasswordWrong(Forbidden):
    slug = "current-password-wrong"
    title = "Current password wrong"

    def __init__(self) -> None:
        super().__init__("To change your own password, send your current one in current_password")


class WeakPassword(ValidationFailed):
    """Shaped like a schema validation error (one problem for the password field in `errors`),
    with a type of its own so that a client can tell the password apart from a malformed body."""

    slug = "weak-password"
    title = "Weak password"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(
            f"The request is not valid: body.{field}",
            errors=[
                {"loc": ["body", field], "msg": f"Value error, {message}", "type": "value_error"}
            ],
        )
