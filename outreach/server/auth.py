"""Device authentication: one-time enrolment codes exchanged for device tokens (DESIGN.md §4.9).

Both secrets are random and high-entropy, so a plain SHA-256 is the right way to store them
(a slow password hash protects low-entropy secrets; it would only slow every request here).
Only hashes are stored; the token is shown once to the device that enrols and lives in its OS
keyring. Codes are short (typed by hand or scanned) and valid for minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from outreach.model.ids import uuid7
from outreach.server.schema import Device, EnrolmentCode
from outreach.vocabulary import Role
from outreach.wire.reasons import Reason

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: read aloud and typed by hand
CODE_LENGTH = 10
DEFAULT_CODE_MINUTES = 15
#: A code is a bearer secret until used: it lives a week at most, however it was asked for.
MAX_CODE_MINUTES = 7 * 24 * 60
#: Unused, unexpired codes one team may hold at once: enough for a morning's enrolments at the
#: office, not a pile of live secrets.
MAX_OPEN_CODES_PER_TEAM = 30
#: Wrong codes one address may try in ``ATTEMPT_WINDOW_S`` before it must wait: a 10-letter code
#: of 30 symbols cannot be guessed at that rate.
MAX_FAILED_ATTEMPTS = 10
ATTEMPT_WINDOW_S = 60.0
ROLES: tuple[Role, ...] = tuple(Role)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class DeviceIdentity:
    """The authenticated caller of one request."""

    device_id: str
    ward_id: str
    team_id: str | None
    role: str
    member_id: str | None


class AuthFailure(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_code_request(conn: Connection, team_id: str | None, minutes: int) -> None:
    """Refuse a code the limits do not allow: AuthFailure(code_lifetime|too_many_codes)."""
    if not 1 <= minutes <= MAX_CODE_MINUTES:
        raise AuthFailure(Reason.CODE_LIFETIME)
    if team_id is not None:
        open_codes = conn.execute(
            select(func.count()).select_from(EnrolmentCode).where(
                EnrolmentCode.team_id == team_id, EnrolmentCode.used_at.is_(None), EnrolmentCode.expires_at >= utcnow())
        ).scalar_one()
        if open_codes >= MAX_OPEN_CODES_PER_TEAM:
            raise AuthFailure(Reason.TOO_MANY_CODES)


def create_code(
    conn: Connection, ward_id: str, team_id: str | None, role: str, member_id: str | None, minutes: int = DEFAULT_CODE_MINUTES
) -> tuple[str, dt.datetime]:
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    check_code_request(conn, team_id, minutes)
    code = new_code()
    now = utcnow()
    expires = now + dt.timedelta(minutes=minutes)
    conn.execute(
        insert(EnrolmentCode),
        [{"code_hash": hash_secret(normalise_code(code)), "ward_id": ward_id, "team_id": team_id, "role": role,
          "member_id": member_id, "created_at": now, "expires_at": expires}],
    )
    return code, expires


def redeem_code(conn: Connection, code: str, label: str) -> tuple[DeviceIdentity, str]:
    """Exchange a code for a new device and its token; raises AuthFailure(bad_code|expired_code)."""
    code_hash = hash_secret(normalise_code(code))
    row = conn.execute(select(EnrolmentCode).where(EnrolmentCode.code_hash == code_hash)).mappings().first()
    if row is None or row["used_at"] is not None:
        raise AuthFailure(Reason.BAD_CODE)
    now = utcnow()
    if row["expires_at"] < now:
        raise AuthFailure(Reason.EXPIRED_CODE)
    token = secrets.token_urlsafe(32)
    device_id = uuid7()
    # the WHERE used_at IS NULL makes a race between two redeemers single-winner
    claimed = conn.execute(
        update(EnrolmentCode)
        .where(EnrolmentCode.code_hash == code_hash, EnrolmentCode.used_at.is_(None))
        .values(used_at=now, device_id=device_id)
    ).rowcount
    if claimed != 1:
        raise AuthFailure(Reason.BAD_CODE)
    conn.execute(
        insert(Device),
        [{"id": device_id, "token_hash": hash_secret(token), "ward_id": row["ward_id"], "team_id": row["team_id"],
          "role": row["role"], "member_id": row["member_id"], "label": label[:200], "enrolled_at": now}],
    )
    return DeviceIdentity(device_id, row["ward_id"], row["team_id"], row["role"], row["member_id"]), token


def authenticate(conn: Connection, token: str) -> DeviceIdentity:
    """The device owning ``token``; raises AuthFailure(unknown_token|revoked)."""
    row = conn.execute(select(Device).where(Device.token_hash == hash_secret(token))).mappings().first()
    if row is None:
        raise AuthFailure(Reason.UNKNOWN_TOKEN)
    if row["revoked_at"] is not None:
        raise AuthFailure(Reason.REVOKED)
    return DeviceIdentity(row["id"], row["ward_id"], row["team_id"], row["role"], row["member_id"])


def revoke(conn: Connection, device_id: str) -> bool:
    return bool(
        conn.execute(update(Device).where(Device.id == device_id, Device.revoked_at.is_(None)).values(revoked_at=utcnow())).rowcount
    )


class AttemptLimiter:
    """Failed enrolment attempts per client address in a sliding window (in memory: a restart
    forgets them, which costs a guesser nothing they could use).

    ``clock`` is injectable so the window is tested without waiting."""

    def __init__(self, limit: int = MAX_FAILED_ATTEMPTS, window_s: float = ATTEMPT_WINDOW_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window_s, self._clock = limit, window_s, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str) -> deque[float]:
        now = self._clock()
        failures = self._failures.setdefault(address, deque())
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        return failures

    def retry_after(self, address: str) -> int:
        """Seconds ``address`` must wait before its next attempt; 0 when it may try now."""
        with self._lock:
            failures = self._recent(address)
            if len(failures) < self.limit:
                if not failures:
                    self._failures.pop(address, None)
                return 0
            return max(1, math.ceil(failures[0] + self.window_s - self._clock()))

    def failed(self, address: str) -> None:
        with self._lock:
            self._recent(address).append(self._clock())
