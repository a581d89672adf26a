"""uvicorn's HTTP protocol, answering requests it cannot parse as RFC 9457 problems.

uvicorn's parser (httptools) refuses a malformed request (a DEL byte in a header, a broken
request line) before the application sees it, with a plain-text 400 of its own. Served with
`--http carechart.core.http:ProblemHttpToolsProtocol` (as `make serve`, the image and compose
do), that 400 is `application/problem+json` like every other error. It overrides uvicorn's
`send_400_response`, the one place it writes that answer; another server keeps its own 400.
"""

import json

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from carechart.core.errors import PROBLEM_TYPE_PREFIX
from carechart.core.problems import problem_document

_BODY = json.dumps(
    problem_document(
        status=400,
        title="Bad request",
        # The parser's own message names what it found, which could be request data.
        detail="The request is not valid HTTP (a malformed request line or header)",
        instance="",
        type_=PROBLEM_TYPE_PREFIX + "malformed-request",
    )
).encode()


class ProblemHttpToolsProtocol(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:  # noqa: ARG002 - see _BODY
        content = [STATUS_LINE[400]]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend(
            [
                b"content-type: application/problem+json\r\n",
                b"content-length: " + str(len(_BODY)).encode("ascii") + b"\r\n",
                b"x-content-type-options: nosniff\r\n",
                b"connection: close\r\n",
                b"\r\n",
                _BODY,
            ]
        )
        self.transport.write(b"".join(content))
        self.transport.close()
