"""The auth slice's public API: the signed-in principal and the role checks routes depend on."""

from carechart.auth.dependencies import Admin, CurrentUser, Principal, Reader, Writer

__all__ = ["Admin", "CurrentUser", "Principal", "Reader", "Writer"]
