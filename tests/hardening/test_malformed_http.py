"""Requests the HTTP parser refuses are answered as problems too (issue 10, item 11).

An `If-Match` holding a DEL byte is not valid HTTP: uvicorn's parser (httptools) refused it
with its own plain-text 400 before the application saw it. Served as `make serve` and the
image serve it (`--http carechart.core.http:ProblemHttpToolsProtocol`), that 400 is
problem+json. When the byte reaches the application (another server, a lenient proxy), the
application's own handlers answer it as a problem already.
"""

import json
import socket
import uuid
from collections.abc import Iterator

import httpx
import pytest

from carechart.core.config import Settings
from tests.conftest import TestUser, assert_problem, create_patient
from tests.hardening.conftest import serve_api


@pytest.fixture(scope="module")
def api(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("uvicorn") / "uvicorn.log"
    with serve_api(settings, log, LOG_LEVEL="WARNING") as url:
        yield url


def _raw(base_url: str, request: bytes) -> tuple[bytes, bytes]:
    """Send bytes as they are (no client library would send them) and read the answer."""
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return head, body


@pytest.mark.parametrize(
    "header",
    [b'If-Match: "1\x7f"', b"If-Match: \x7f", b"X-Note: caf\x00e"],
    ids=["del-in-etag", "del-alone", "nul-in-header"],
)
def test_a_header_the_parser_refuses_is_answered_with_a_problem(api: str, header: bytes) -> None:
    request = (
        f"PATCH /patients/{uuid.uuid4()} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode()
        + header
        + b"\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
    )
    head, body = _raw(api, request)

    assert head.startswith(b"HTTP/1.1 400 "), head
    assert b"content-type: application/problem+json" in head.lower()
    problem = json.loads(body)
    assert problem["status"] == 400
    assert problem["type"] == "urn:carechart:problem:malformed-request"
    assert "\x7f" not in problem["detail"]


async def test_a_del_byte_that_reaches_the_application_gets_a_problem(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    response = await client.patch(
        f"/patients/{patient['id']}",
        json={"family_name": "Changed"},
        headers={**clinician.headers, "If-Match": '"1\x7f"'},
    )

    assert_problem(response, 412)
    read = await client.get(f"/patients/{patient['id']}", headers=clinician.headers)
    assert read.json()["version"] == 1
