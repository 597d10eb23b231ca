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

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from outreach.model.ids import uuid7
from outreach.server import audit_trail
from outreach.server.schema import DemoWard, Device, EnrolmentCode
from outreach.vocabulary import AuditAction, AuditActorKind, AuditTarget, RevokeReason, Role
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
#: A device enrolled but not confirmed is forgotten after this long; its code was never spent,
#: so it stays usable until its own expiry (the laptop that failed to store its token retries).
PENDING_DEVICE_MINUTES = 10
_PENDING_LIFETIME = dt.timedelta(minutes=PENDING_DEVICE_MINUTES)
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
    def __init__(self, reason: str, device_id: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        #: the device refused, when its token was known (a retired or lost one's stop is recorded)
        self.device_id = device_id


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


def is_demo_ward(conn: Connection, ward_id: str) -> bool:
    return conn.execute(select(DemoWard.ward_id).where(DemoWard.ward_id == ward_id)).first() is not None


def mark_demo_ward(conn: Connection, ward_id: str) -> None:
    """Record that ``ward_id`` holds synthetic demo data (``outreach demo``'s server only)."""
    if not is_demo_ward(conn, ward_id):
        conn.execute(insert(DemoWard), [{"ward_id": ward_id, "marked_at": utcnow()}])


@dataclass(frozen=True)
class PendingEnrolment:
    """The first phase's answer: a device that works only once its laptop confirms."""

    device: DeviceIdentity
    token: str
    demo: bool


def redeem_code(conn: Connection, code: str, label: str, *, encrypted: bool) -> PendingEnrolment:
    """Make a *pending* device and its token for a valid code, without spending the code.

    Raises AuthFailure(bad_code|expired_code), or AuthFailure(demo_ward_only) when an unencrypted
    profile (a plain database file) asks for a ward that is not demo data. The code is spent by
    ``confirm_device`` once the laptop has stored the token: a laptop that could not (no keyring)
    leaves only a pending device, which expires, and enrols again with the same code."""
    code_hash = hash_secret(normalise_code(code))
    row = conn.execute(select(EnrolmentCode).where(EnrolmentCode.code_hash == code_hash)).mappings().first()
    if row is None or row["used_at"] is not None:
        raise AuthFailure(Reason.BAD_CODE)
    now = utcnow()
    if row["expires_at"] < now:
        raise AuthFailure(Reason.EXPIRED_CODE)
    demo = is_demo_ward(conn, row["ward_id"])
    if not encrypted and not demo:
        raise AuthFailure(Reason.DEMO_WARD_ONLY)
    conn.execute(delete(Device).where(Device.pending.is_(True), Device.enrolled_at < now - _PENDING_LIFETIME))
    token = secrets.token_urlsafe(32)
    device_id = uuid7()
    conn.execute(
        insert(Device),
        [{"id": device_id, "token_hash": hash_secret(token), "ward_id": row["ward_id"], "team_id": row["team_id"],
          "role": row["role"], "member_id": row["member_id"], "label": label[:200], "enrolled_at": now,
          "pending": True, "code_hash": code_hash}],
    )
    return PendingEnrolment(DeviceIdentity(device_id, row["ward_id"], row["team_id"], row["role"], row["member_id"]), token, demo)


def confirm_device(conn: Connection, token: str) -> DeviceIdentity | AuthFailure:
    """Second phase: the laptop stored ``token``; activate its device and spend its code.

    Idempotent for an active device (a retried confirmation whose answer was lost). A refusal
    (AuthFailure(unknown_token|revoked|enrolment_unconfirmed|bad_code|expired_code)) is
    *returned*, not raised, so that forgetting a dead pending device commits with it."""
    row = conn.execute(select(Device).where(Device.token_hash == hash_secret(token))).mappings().first()
    if row is None:
        return AuthFailure(Reason.UNKNOWN_TOKEN)
    if row["revoked_at"] is not None:
        return AuthFailure(Reason.REVOKED)
    identity = DeviceIdentity(row["id"], row["ward_id"], row["team_id"], row["role"], row["member_id"])
    if not row["pending"]:
        return identity
    now = utcnow()
    if row["enrolled_at"] < now - _PENDING_LIFETIME:
        conn.execute(delete(Device).where(Device.id == row["id"]))
        return AuthFailure(Reason.ENROLMENT_UNCONFIRMED)
    code = conn.execute(select(EnrolmentCode.expires_at).where(EnrolmentCode.code_hash == row["code_hash"])).first()
    expired = code is not None and code.expires_at < now
    # the WHERE used_at IS NULL makes a race between two laptops holding one code single-winner
    claimed = 0 if expired else conn.execute(
        update(EnrolmentCode)
        .where(EnrolmentCode.code_hash == row["code_hash"], EnrolmentCode.used_at.is_(None))
        .values(used_at=now, device_id=row["id"])
    ).rowcount
    if claimed != 1:
        conn.execute(delete(Device).where(Device.id == row["id"]))
        return AuthFailure(Reason.EXPIRED_CODE if expired else Reason.BAD_CODE)
    conn.execute(update(Device).where(Device.id == row["id"]).values(pending=False))
    audit_trail.record(conn, actor_kind=AuditActorKind.DEVICE, actor_id=row["member_id"], action=AuditAction.DEVICE_ENROLLED,
                       ward_id=row["ward_id"], target_kind=AuditTarget.DEVICE, target_id=row["id"], device_id=row["id"],
                       detail={"role": row["role"], "team_id": row["team_id"], "label": row["label"]})
    return identity


def authenticate(conn: Connection, token: str, *, pushing: bool = False) -> DeviceIdentity:
    """The device owning ``token``; raises AuthFailure(unknown_token|revoked|retired|wipe|
    enrolment_unconfirmed).

    A revoked device is refused by why it was revoked (``revocation_refusal``): a *lost* one is
    told to wipe itself on every contact; a *retired* one may still push (``pushing``) until its
    first other request, then it is revoked like any other."""
    row = conn.execute(select(Device).where(Device.token_hash == hash_secret(token))).mappings().first()
    if row is None:
        raise AuthFailure(Reason.UNKNOWN_TOKEN)
    identity = DeviceIdentity(row["id"], row["ward_id"], row["team_id"], row["role"], row["member_id"])
    if row["revoked_at"] is not None:
        refusal = revocation_refusal(row["revoke_reason"], row["revoked_at"], row["stopped_at"], pushing=pushing)
        if refusal is None:
            return identity
        raise AuthFailure(refusal, row["id"])
    if row["pending"]:
        raise AuthFailure(Reason.ENROLMENT_UNCONFIRMED)
    return identity


#: How long after its revocation a retired laptop may still hand over what it has.
RETIRED_PUSH_WINDOW = dt.timedelta(days=7)


def revocation_refusal(revoke_reason: str | None, revoked_at: dt.datetime, stopped_at: dt.datetime | None, *,
                       pushing: bool, now: dt.datetime | None = None) -> str | None:
    """The refusal a revoked device gets, or None when this request may go on.

    lost → ``wipe`` on every request (a laptop that failed to finish its wipe is told again);
    retired → a push within ``RETIRED_PUSH_WINDOW`` and before it stopped goes on, its first
    other request (the pull after its last push) gets ``retired`` and stops it; after that, and
    for a revocation without a reason, ``revoked``."""
    if revoke_reason == RevokeReason.LOST:
        return Reason.WIPE
    if revoke_reason == RevokeReason.RETIRED and stopped_at is None:
        if not pushing:
            return Reason.RETIRED
        if (now or utcnow()) - revoked_at <= RETIRED_PUSH_WINDOW:
            return None
    return Reason.REVOKED


def record_stop(conn: Connection, device_id: str) -> None:
    """A retired device was told it stopped, or a lost one to wipe: the first time is kept."""
    conn.execute(update(Device).where(Device.id == device_id, Device.stopped_at.is_(None)).values(stopped_at=utcnow()))


def revoke(conn: Connection, device_id: str, reason: str | None = None) -> bool:
    """Revoke a device for ``reason`` (``RevokeReason``; None: stop at once, the old plain
    revocation), recorded in the audit trail with it. Revoking a revoked device again may only
    escalate to *lost* (a laptop first retired, then found missing), never the reverse."""
    if reason is not None and reason not in tuple(RevokeReason):
        raise ValueError(f"unknown revoke reason {reason!r}")
    ward_id = conn.execute(select(Device.ward_id).where(Device.id == device_id)).scalar()
    if ward_id is None:
        return False
    done = bool(conn.execute(
        update(Device).where(Device.id == device_id, Device.revoked_at.is_(None)).values(revoked_at=utcnow(), revoke_reason=reason)
    ).rowcount)
    if not done and reason == RevokeReason.LOST:
        done = bool(conn.execute(
            update(Device).where(Device.id == device_id, Device.revoked_at.is_not(None),
                                 or_(Device.revoke_reason.is_(None), Device.revoke_reason != RevokeReason.LOST))
            .values(revoke_reason=reason, stopped_at=None)
        ).rowcount)
    if done:
        audit_trail.record(conn, actor_kind=AuditActorKind.OFFICE, actor_id=None, action=AuditAction.DEVICE_REVOKED, ward_id=ward_id,
                           target_kind=AuditTarget.DEVICE, target_id=device_id, device_id=device_id,
                           detail={"reason": reason} if reason else None)
    return done


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
