"""The client's one door to the server (DESIGN.md §4.12): a small interface and its HTTP backend.

``Transport`` is what the sync engine talks to; ``HttpTransport`` implements it with a
``requests`` session: JSON bodies gzipped on the way out (and accepted gzipped on the way
back), connect/read timeouts, urllib3 ``Retry`` with exponential back-off for connection
failures and 502/503/504 — push is safe to retry because the server remembers change ids —,
TLS verification always on, against the system CAs or the ward's own CA bundle. Every failure
leaves as a typed ``SyncError``; the fault-injecting test transport wraps the same interface.
"""

from __future__ import annotations

import gzip
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import requests
from requests.adapters import HTTPAdapter
from requests.utils import DEFAULT_CA_BUNDLE_PATH
from urllib3.util.retry import Retry

from outreach import __version__
from outreach.model.codec import dumps_compact, loads
from outreach.sync.errors import (
    ClockAhead,
    DeviceLost,
    DeviceRevoked,
    EnrolmentFailed,
    LeaderOnly,
    NetworkDown,
    OutsideWard,
    ProtocolFailure,
    ServerClockBehind,
    ServerUnavailable,
    TlsFailure,
    UpgradeRequired,
)
from outreach.wire import protocol
from outreach.wire.reasons import Reason

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 60.0


@dataclass
class Reply:
    status: int
    body: Any


@dataclass(frozen=True)
class EncodedJson:
    """A request body already encoded as JSON (UTF-8): posted as it is, not dumped again.
    ``gzipped``, if given, is ``data`` already compressed (by a thread that had the time)."""

    data: bytes
    gzipped: bytes | None = None

    @classmethod
    def of(cls, text: str, *, compress: bool = False) -> EncodedJson:
        data = text.encode()
        return cls(data, gzip_body(data) if compress and len(data) > GZIP_MIN_BYTES else None)


GZIP_MIN_BYTES = 1024


def gzip_body(raw: bytes) -> bytes:
    # level 1: a 500-change batch shrinks ~8x in a few milliseconds (level 5: 3x the time, 10% smaller)
    return gzip.compress(raw, compresslevel=1)


class Transport(Protocol):
    """What the engine needs from the network; raises SyncError subclasses on failure."""

    requests_made: int

    def get(self, path: str, params: dict[str, Any]) -> Any: ...

    def post(self, path: str, body: Any) -> Any: ...

    def close(self) -> None: ...


#: Environment variables through which requests would replace the certificates a sync trusts.
CA_ENVIRONMENT = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")


@dataclass(frozen=True)
class TrustStore:
    """The certificates a sync trusts: the ward's own CA from the profile, else the default
    bundle requests ships. Always a path passed with every request, because requests replaces
    ``verify=True`` (never an explicit path) with REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE from the
    environment: a variable set for some other program must not decide whom a ward trusts."""

    path: str
    ward_ca: bool
    #: ``NAME=value`` of each CA variable in the environment that names another bundle (ignored).
    ignored_environment: str | None = None

    @classmethod
    def for_profile(cls, ca_bundle: str | None) -> TrustStore:
        path = ca_bundle or DEFAULT_CA_BUNDLE_PATH
        ignored = [f"{name}={os.environ[name]}" for name in CA_ENVIRONMENT if os.environ.get(name) and os.environ[name] != path]
        return cls(path, ca_bundle is not None, ", ".join(ignored) or None)

    def describe(self) -> tuple[str, str]:
        """(Vietnamese, English) line saying which certificates were trusted."""
        vi = f"Chứng chỉ tin cậy: CA riêng của phường ({self.path})" if self.ward_ca else \
            f"Chứng chỉ tin cậy: bộ CA mặc định ({self.path})"
        en = f"Trust store: the ward's own CA ({self.path})" if self.ward_ca else f"Trust store: the default CA bundle ({self.path})"
        if self.ignored_environment:
            vi += f"; bỏ qua {self.ignored_environment} trong môi trường"
            en += f"; ignored {self.ignored_environment} from the environment"
        return vi, en


def _system_ms() -> int:
    return time.time_ns() // 1_000_000


def _retry_policy() -> Retry:
    return Retry(
        total=4,
        connect=4,
        read=2,
        status=3,
        backoff_factor=0.25,
        backoff_max=4.0,
        status_forcelist=(502, 503, 504),
        allowed_methods=frozenset({"GET", "POST"}),
        raise_on_status=False,
        respect_retry_after_header=True,
    )


def raise_for_reply(status: int, body: Any) -> None:
    """Turn a refusal into the typed error the user sees."""
    reason = body.get("reason", "") if isinstance(body, dict) else ""
    if status == 401:
        if reason in (Reason.BAD_CODE, Reason.EXPIRED_CODE, Reason.ENROLMENT_UNCONFIRMED):
            raise EnrolmentFailed(reason)
        if reason == Reason.WIPE:
            raise DeviceLost()
        raise DeviceRevoked(reason if reason in (Reason.REVOKED, Reason.RETIRED) else Reason.UNKNOWN_TOKEN)
    if status == 403 and reason == Reason.DEMO_WARD_ONLY:
        raise EnrolmentFailed(reason)
    if status == 403 and reason == Reason.LEADER_ONLY:
        raise LeaderOnly()
    if status == 403:
        ids = body.get("change_ids") if isinstance(body, dict) else None
        raise OutsideWard([i for i in ids if isinstance(i, str)] if isinstance(ids, list) else None)
    if status == 426:
        raise UpgradeRequired()
    if status == 422 and reason == Reason.SERVER_CLOCK_BEHIND:
        raise ServerClockBehind()
    if status == 422 and reason == Reason.CLOCK_AHEAD:
        raise ClockAhead()
    if status >= 500:
        raise ServerUnavailable(f"HTTP {status}")
    raise ProtocolFailure(status, reason or "unknown")


class HttpTransport:
    def __init__(self, base_url: str, token: str | None, *, ca_bundle: str | None = None,
                 timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S), retries: bool = True,
                 wall_ms: Callable[[], int] = _system_ms) -> None:
        self.base_url = base_url.rstrip("/")
        #: this laptop's wall clock, sent with each request (the server compares clocks)
        self.wall_ms = wall_ms
        self.timeout = timeout
        self.requests_made = 0
        self.session = requests.Session()
        #: the path is passed on every request (see TrustStore: the environment must not win);
        #: ``trust_env`` stays on for the proxy variables
        self.trust_store = TrustStore.for_profile(ca_bundle)
        self.verify: str = self.trust_store.path
        adapter = HTTPAdapter(max_retries=_retry_policy() if retries else Retry(total=0, raise_on_status=False))
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.session.headers.update(
            {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION), "User-Agent": f"outreach/{__version__}",
             "Accept-Encoding": "gzip", "Accept": "application/json"}
        )
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def _url(self, path: str) -> str:
        return f"{self.base_url}{protocol.API_PREFIX}{path}"

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        self.requests_made += 1
        try:
            headers = {**kwargs.pop("headers", {}), protocol.CLOCK_HEADER: str(self.wall_ms())}
            response = self.session.request(method, self._url(path), timeout=self.timeout, verify=self.verify,
                                            headers=headers, **kwargs)
        except requests.exceptions.SSLError as exc:
            raise TlsFailure(type(exc).__name__) from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise NetworkDown(type(exc).__name__) from None
        except requests.exceptions.RequestException as exc:
            raise NetworkDown(type(exc).__name__) from None
        try:
            body = loads(response.content)
        except (ValueError, requests.exceptions.RequestException):
            # a truncated or garbled answer: the request may or may not have been applied, and
            # both are safe (push is idempotent), so treat it like a dropped connection
            if response.status_code >= 500:
                raise ServerUnavailable(f"HTTP {response.status_code}") from None
            raise NetworkDown("unreadable response") from None
        if response.status_code != 200:
            raise_for_reply(response.status_code, body)
        return body

    def get(self, path: str, params: dict[str, Any]) -> Any:
        return self._send("GET", path, params=params)

    def post(self, path: str, body: Any) -> Any:
        headers = {"Content-Type": "application/json"}
        if isinstance(body, EncodedJson) and body.gzipped is not None:
            headers["Content-Encoding"] = "gzip"
            return self._send("POST", path, data=body.gzipped, headers=headers)
        raw = body.data if isinstance(body, EncodedJson) else dumps_compact(body).encode()
        if len(raw) > GZIP_MIN_BYTES:
            raw = gzip_body(raw)
            headers["Content-Encoding"] = "gzip"
        return self._send("POST", path, data=raw, headers=headers)

    def close(self) -> None:
        self.session.close()
