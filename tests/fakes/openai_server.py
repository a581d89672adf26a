"""A fake OpenAI Chat Completions server: real HTTP on 127.0.0.1, scriptable, recording requests.

The real SDK talks to it, so its serialization, timeouts and error mapping all run.

Default answer (behaviour `ok`): a schema-valid SummaryDraft that
- cites every note of the last user message (the `<note>` elements of a prompt, or the items of
  the partial summaries in a merge prompt): one observation each, quoting the note's first words;
- has a narrative naming how many notes it cites and a fingerprint of the messages
  (`prompt=<8 hex>`), so a change of audience, length or focus changes the answer too;
- reports usage of about a token per four characters of the request messages and of the answer.

Script the next calls with `fake.script(status(429, retry_after=1), ok())`; unscripted calls get
`ok()`. Behaviours: ok, ok_with, status, delay, refusal, invalid_json, truncated, content_filter,
schema_mismatch, not_json. Every request is recorded with the response the fake gave.
Fixtures: `fake_openai` (reset around each test) on top of the session-wide `fake_openai_server`.
"""

import hashlib
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import pytest

CHAT_PATH = "/v1/chat/completions"
FAKE_MODEL = "fake-model-2026-11-21"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

_ERRORS = {
    400: ("invalid_request_error", "invalid_value", "Invalid request."),
    401: ("invalid_request_error", "invalid_api_key", "Incorrect API key provided."),
    403: ("invalid_request_error", "model_not_allowed", "Not allowed to use this model."),
    404: ("invalid_request_error", "model_not_found", "The model does not exist."),
    422: ("invalid_request_error", None, "Unprocessable request."),
    429: ("requests", "rate_limit_exceeded", "Rate limit reached."),
}


@dataclass(frozen=True)
class Behaviour:
    """How the fake answers one call; build it with the functions below."""

    kind: str
    status: int = 200
    content: str | None = None
    refusal: str | None = None
    finish_reason: str = "stop"
    retry_after: float | None = None
    seconds: float = 0.0


def ok() -> Behaviour:
    return Behaviour("ok")


def ok_with(content: dict[str, Any] | str) -> Behaviour:
    """Answer with this message content (a dict is sent as its JSON)."""
    text = content if isinstance(content, str) else json.dumps(content)
    return Behaviour("ok", content=text)


def status(code: int, *, retry_after: float | None = None) -> Behaviour:
    """An OpenAI-shaped error response with this status (and a Retry-After header if given)."""
    return Behaviour("status", status=code, retry_after=retry_after)


def delay(seconds: float) -> Behaviour:
    """Wait, then answer `ok` (if the client is still there): for client timeouts."""
    return Behaviour("delay", seconds=seconds)


def refusal(text: str = "I can't help with that.") -> Behaviour:
    return Behaviour("refusal", refusal=text)


def invalid_json() -> Behaviour:
    return Behaviour("ok", content='{"narrative": "cut off')


def truncated() -> Behaviour:
    return Behaviour("ok", content='{"narrative": "cut', finish_reason="length")


def content_filter() -> Behaviour:
    return Behaviour("ok", content="", finish_reason="content_filter")


def not_json(body: str = "<html><body>502 Bad Gateway</body></html>") -> Behaviour:
    """A 200 whose body is not a chat completion at all (a proxy's page, say)."""
    return Behaviour("raw", content=body)


def schema_mismatch() -> Behaviour:
    """Valid JSON in the wrong shape."""
    return Behaviour("ok", content=json.dumps({"summary": "text", "items": [1, 2]}))


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake received, and what it answered."""

    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: Any  # the parsed JSON, or None when the body was not JSON
    response_status: int = 0
    response: Any = None

    @property
    def messages(self) -> list[dict[str, Any]]:
        body = self.body if isinstance(self.body, dict) else {}
        messages = body.get("messages", [])
        return messages if isinstance(messages, list) else []

    def message(self, role: str) -> str:
        """The content of the last message with this role ('' when none)."""
        contents = [str(m.get("content", "")) for m in self.messages if m.get("role") == role]
        return contents[-1] if contents else ""

    @property
    def raw_text(self) -> str:
        """Everything sent, as text: for asserting what did not leave the process."""
        return json.dumps({"path": self.path, "headers": self.headers, "body": self.body})


@dataclass
class _State:
    lock: threading.Lock = field(default_factory=threading.Lock)
    script: deque[Behaviour] = field(default_factory=deque)
    requests: list[RecordedRequest] = field(default_factory=list)
    # Set on reset/stop so that delayed answers stop waiting.
    wake: threading.Event = field(default_factory=threading.Event)


_NOTE = re.compile(r'<note id="([0-9a-f-]{36})"[^>]*>\n(.*?)\n</note>', re.DOTALL)
_CITED = re.compile(r'"note_id": "([0-9a-f-]{36})", "quote": "((?:[^"\\]|\\.)*)"')


def _quotes(user: str) -> dict[str, str]:
    """Note id -> a verbatim quote: the first words of each note (or a partial draft's quote)."""
    found = {i: " ".join(text.split()[:6]) for i, text in _NOTE.findall(user)}
    if not found:
        found = {i: json.loads(f'"{q}"') for i, q in _CITED.findall(user)}
    ids = dict.fromkeys(_UUID.findall(user))
    return {i: found.get(i, "") for i in ids if i in found} or dict.fromkeys(ids, "")


def default_draft(body: Any) -> dict[str, Any]:
    """The SummaryDraft the fake writes for a request (see the module docstring)."""
    record = RecordedRequest("POST", CHAT_PATH, {}, body)
    quotes = _quotes(record.message("user"))
    prompt = hashlib.sha256(json.dumps(record.messages).encode()).hexdigest()[:8]
    return {
        "problems": [],
        "medications": [],
        "allergies": [],
        "observations": [
            {"text": "Seen in this note.", "note_id": i, "quote": q} for i, q in quotes.items()
        ],
        "plans": [],
        "narrative": f"Fake summary citing {len(quotes)} notes (prompt={prompt}).",
    }


def _completion(body: Any, behaviour: Behaviour) -> dict[str, Any]:
    content = behaviour.content
    if content is None and behaviour.kind == "ok":
        content = json.dumps(default_draft(body))
    messages = RecordedRequest("POST", CHAT_PATH, {}, body).messages
    prompt_tokens = max(1, len(json.dumps(messages)) // 4)
    completion_tokens = max(1, len(content or behaviour.refusal or "") // 4)
    return {
        "id": f"chatcmpl-fake-{hashlib.sha256(json.dumps(body).encode()).hexdigest()[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", FAKE_MODEL) if isinstance(body, dict) else FAKE_MODEL,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": behaviour.refusal},
                "logprobs": None,
                "finish_reason": behaviour.finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def _error(code: int) -> dict[str, Any]:
    kind, error_code, message = _ERRORS.get(
        code, ("server_error", None, "The server had an error.")
    )
    return {"error": {"message": message, "type": kind, "param": None, "code": error_code}}


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_POST(self) -> None:
        body = self._read_json()
        if self.path != CHAT_PATH:
            self._record(body, 404, _error(404))
            self._send(404, _error(404))
            return
        behaviour = self.server.next_behaviour()
        if behaviour.kind == "delay":
            # Recorded on arrival: the client may have gone by the time the wait is over.
            self._record(body, 200, None)
            self.server.state.wake.wait(behaviour.seconds)
            self._send(200, _completion(body, ok()))
            return
        code, payload, headers = self._respond(body, behaviour)
        self._record(body, code, payload)
        self._send(code, payload, headers)

    def _respond(self, body: Any, behaviour: Behaviour) -> tuple[int, Any, dict[str, str]]:
        if behaviour.kind == "raw":
            return 200, behaviour.content, {}
        if behaviour.kind != "status":
            return 200, _completion(body, behaviour), {}
        headers = {}
        if behaviour.retry_after is not None:
            headers["Retry-After"] = f"{behaviour.retry_after:g}"
        return behaviour.status, _error(behaviour.status), headers

    def _read_json(self) -> Any:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def _record(self, body: Any, code: int, response: Any) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        entry = RecordedRequest("POST", self.path, headers, body, code, response)
        with self.server.state.lock:
            self.server.state.requests.append(entry)

    def _send(self, code: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        """Send JSON, or a str payload as it is (HTML, as a misconfigured proxy would)."""
        raw = isinstance(payload, str)
        data = payload.encode() if raw else json.dumps(payload).encode()
        try:
            self.send_response(code)
            self.send_header("Content-Type", "text/html" if raw else "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to answer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass  # keep test output clean; the requests are recorded instead


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: _State) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state

    def next_behaviour(self) -> Behaviour:
        with self.state.lock:
            return self.state.script.popleft() if self.state.script else ok()


class FakeOpenAI:
    """The fake server; use `with FakeOpenAI() as fake:` or the `fake_openai` fixture."""

    def __init__(self) -> None:
        self._state = _State()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the fake OpenAI server is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._state.lock:
            return list(self._state.requests)

    @property
    def call_count(self) -> int:
        with self._state.lock:
            return len(self._state.requests)

    def script(self, *behaviours: Behaviour) -> None:
        """Queue how the next calls are answered, in order; then `ok` again."""
        with self._state.lock:
            self._state.script.extend(behaviours)

    def reset(self) -> None:
        """Forget the recorded requests and the script; release any delayed answer."""
        with self._state.lock:
            self._state.script.clear()
            self._state.requests.clear()
            self._state.wake.set()
            self._state.wake = threading.Event()

    def start(self) -> "FakeOpenAI":
        server = self._server = _Server(self._state)
        # A short poll interval: stop() waits for the serving loop to notice.
        self._thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._state.wake.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def closed_port_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


@pytest.fixture(scope="session")
def fake_openai_server() -> Iterator[FakeOpenAI]:
    """One fake server for the whole run (starting one is cheap, but there is no need)."""
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def fake_openai(fake_openai_server: FakeOpenAI) -> Iterator[FakeOpenAI]:
    """The fake server, with no recorded requests and no script left from an earlier test."""
    fake_openai_server.reset()
    yield fake_openai_server
    fake_openai_server.reset()
