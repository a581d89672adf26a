"""The README's walk-through runs top to bottom as written: every variable it uses was set
before, and every file it uploads is in the repository."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# From "Getting a token" to the end of "Summaries": one shell session, as the README says.
START, END = "## Getting a token", "### Providers"
ASSIGNED = re.compile(r"^\s*(?:for\s+)?([A-Z_][A-Z0-9_]*)(?:=|\s+in\s)", re.MULTILINE)
USED = re.compile(r"\$\{?([A-Z_][A-Z0-9_]*)")
ENVIRONMENT = {"PATH", "HOME"}


def walkthrough_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index(START) : readme.index(END)]
    return re.findall(r"```sh\n(.*?)```", section, re.DOTALL)


def test_every_variable_of_the_walkthrough_is_set_before_it_is_used() -> None:
    assigned: set[str] = set()
    for block in walkthrough_commands():
        for line in block.splitlines():
            code = line.split(" #", 1)[0]
            used = set(USED.findall(code)) - assigned - ENVIRONMENT
            defined_here = set(ASSIGNED.findall(code))
            assert used <= defined_here, f"{sorted(used - defined_here)} not set before: {line}"
            assigned |= defined_here


def test_every_file_the_walkthrough_uploads_is_in_the_repository() -> None:
    uploads = [
        path for block in walkthrough_commands() for path in re.findall(r"file=@(\S+)", block)
    ]

    assert uploads
    for path in uploads:
        assert (ROOT / path).is_file(), path


def test_the_walkthrough_deletes_no_patient_it_uses_afterwards() -> None:
    commands = "\n".join(walkthrough_commands())
    deleted = re.findall(r"-X DELETE \$API/patients/\$([A-Z_]+)", commands)

    assert deleted
    assert "ID" not in deleted  # Jonathan (ID) carries the notes and summary sections
