"""A transport wrapper that injects network faults around a real transport (the server is real).

Faults are consumed one per request from a list the test draws; when the list is empty the
network is "healed". Each fault reproduces what a client can observe in the field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from outreach.sync.errors import NetworkDown, ServerUnavailable
from outreach.sync.transport import Transport

FAULTS = ("ok", "drop_before", "lost_after", "duplicate", "error_500", "timeout", "truncated")


class FaultyTransport:
    def __init__(self, inner: Transport, faults: Iterable[str] = ()) -> None:
        self.inner = inner
        self.faults = list(faults)
        self.requests_made = 0
        self.injected: dict[str, int] = {}

    def _call(self, method: str, path: str, arg: Any) -> Any:
        self.requests_made += 1
        fault = self.faults.pop(0) if self.faults else "ok"
        self.injected[fault] = self.injected.get(fault, 0) + 1
        send = (lambda: self.inner.get(path, arg)) if method == "GET" else (lambda: self.inner.post(path, arg))
        if fault == "drop_before":
            raise NetworkDown("ConnectionError")  # never reached the server
        if fault == "error_500":
            raise ServerUnavailable("HTTP 500")  # the server failed before committing
        if fault == "lost_after":
            send()
            raise NetworkDown("ConnectionResetError")  # committed, answer lost
        if fault == "timeout":
            send()
            raise NetworkDown("ReadTimeout")  # committed, client gave up waiting
        if fault == "truncated":
            body = json.dumps(send())
            try:
                json.loads(body[: len(body) // 2])
            except ValueError:
                raise NetworkDown("unreadable response") from None
        if fault == "duplicate":
            send()  # the same request arrives twice (a proxy retried it)
        return send()

    def get(self, path: str, params: dict[str, Any]) -> Any:
        return self._call("GET", path, params)

    def post(self, path: str, body: Any) -> Any:
        return self._call("POST", path, body)

    def close(self) -> None:
        self.inner.close()
