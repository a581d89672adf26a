"""`python -m tests.hardening.probe PORT`: GET /health in a loop until a line arrives on stdin.

A process of its own, so that the test's own work (building a 5 MB upload, twenty sign-ins)
cannot delay the measurement: what it records is what an unrelated client of the API sees.
Prints one JSON object: the start time and latency (seconds, monotonic) of every request.
"""

import http.client
import json
import select
import sys
import time

INTERVAL_S = 0.02
TIMEOUT_S = 30.0


def _one(port: int, connection: http.client.HTTPConnection | None) -> tuple[float, bool, object]:
    started = time.perf_counter()
    try:
        connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
        connection.request("GET", "/health")
        response = connection.getresponse()
        response.read()
        ok = response.status == 200
    except OSError:
        connection, ok = None, False  # reconnect next time; recorded as a failure
    return time.perf_counter() - started, ok, connection


def main(port: int) -> None:
    samples: list[tuple[float, float]] = []
    failures = 0
    connection = None
    while not select.select([sys.stdin], [], [], INTERVAL_S)[0]:
        at = time.monotonic()
        latency, ok, connection = _one(port, connection)  # type: ignore[assignment]
        samples.append((at, latency))
        failures += not ok
    print(json.dumps({"samples": samples, "failures": failures}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
