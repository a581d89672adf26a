"""Errors of the auth slice."""

from carechart.core.errors import Conflict, Forbidden, Unauthorized


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
