"""People accounts of the office console and their sessions (not devices: those have tokens).

Passwords are hashed with argon2 (``argon2-cffi``'s defaults, RFC 9106's second choice). A
session is a random token in an HttpOnly cookie; the server keeps only its SHA-256, with the
CSRF token its forms must carry, and ends it after ``IDLE_MINUTES`` without a request or
``ABSOLUTE_HOURS`` after sign-in, whichever comes first. ``MAX_FAILED_LOGINS`` wrong passwords
in a row lock the account for ``LOCK_MINUTES`` (kept in the database, so a restart does not
unlock it). The ``now`` arguments exist so expiry and lock-out are tested without waiting.

Plain functions over a ``ServerDb``: the ``outreach-server user`` commands and the console use
the same ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update

from outreach.model import Team, Ward
from outreach.model.ids import uuid7
from outreach.server.auth import utcnow
from outreach.server.db import ServerDb
from outreach.server.schema import ConsoleAccount, ConsoleSession
from outreach.vocabulary import ConsoleRole

IDLE_MINUTES = 30
ABSOLUTE_HOURS = 12
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
#: a generated first password: 16 characters of ``secrets.token_urlsafe`` (~96 bits)
GENERATED_PASSWORD_BYTES = 12
MIN_PASSWORD_LENGTH = 12

_hasher = PasswordHasher()
#: verified against when the login is unknown, so a wrong login costs as long as a wrong password
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(Exception):
    """A mistake in an account command (unknown ward, login taken): printed, exit code 1."""


@dataclass(frozen=True)
class Account:
    id: str
    login: str
    display_name: str
    role: ConsoleRole
    ward_id: str | None
    team_id: str | None
    disabled: bool

    @property
    def read_only(self) -> bool:
        return self.role == ConsoleRole.WARD_VIEWER


@dataclass(frozen=True)
class LoginResult:
    """``account`` when the password was right; otherwise ``refusal`` says why (a code:
    ``wrong`` for an unknown login or a wrong password alike, ``locked``, ``disabled``)."""

    account: Account | None
    refusal: str | None = None
    #: the account just got locked by this failure (the caller logs it)
    locked_now: bool = False


@dataclass(frozen=True)
class SessionInfo:
    account: Account
    csrf_token: str


def _account(row: Any) -> Account:
    return Account(row.id, row.login, row.display_name, ConsoleRole(row.role), row.ward_id, row.team_id, row.disabled_at is not None)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_account(db: ServerDb, login: str, role: str, *, ward_id: str | None = None, team_id: str | None = None,
                display_name: str = "", password: str | None = None) -> tuple[Account, str]:
    """Create an account; returns it and its password (generated unless given), shown once."""
    login = login.strip().lower()
    if not login or len(login) > 80 or not login.isprintable() or " " in login:
        raise AccountError("a login is 1 to 80 printable characters without spaces")
    try:
        role = ConsoleRole(role)
    except ValueError:
        raise AccountError(f"role must be one of {', '.join(ConsoleRole)}") from None
    if role == ConsoleRole.CITY_ADMIN:
        ward_id = team_id = None
    with db.read() as conn:
        if team_id is not None:
            team_ward = conn.scalar(select(Team.ward_id).where(Team.id == team_id, Team.deleted.is_(False)))
            if team_ward is None:
                raise AccountError(f"no team {team_id!r}")
            ward_id = ward_id or team_ward
            if ward_id != team_ward:
                raise AccountError("the team is not in that ward")
        if role != ConsoleRole.CITY_ADMIN:
            if ward_id is None or conn.scalar(select(Ward.id).where(Ward.id == ward_id, Ward.deleted.is_(False))) is None:
                raise AccountError("a ward account needs an existing ward (--ward)")
        if role == ConsoleRole.TEAM_LEADER and team_id is None:
            raise AccountError("a team leader account needs a team (--team)")
        if conn.scalar(select(ConsoleAccount.id).where(ConsoleAccount.login == login)) is not None:
            raise AccountError(f"the login {login!r} is taken")
    password = password or secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    account_id = uuid7()
    with db.write() as conn:
        conn.execute(insert(ConsoleAccount).values(
            id=account_id, login=login, display_name=display_name.strip(), role=role, ward_id=ward_id, team_id=team_id,
            password_hash=_hasher.hash(password), created_at=utcnow(), disabled_at=None, failed_logins=0, locked_until=None))
    return Account(account_id, login, display_name.strip(), role, ward_id, team_id, False), password


def list_accounts(db: ServerDb) -> list[Account]:
    with db.read() as conn:
        return [_account(r) for r in conn.execute(select(ConsoleAccount).order_by(ConsoleAccount.login))]


def disable_account(db: ServerDb, login: str) -> bool:
    """Disable an account and end its sessions at once; False when no enabled account has it."""
    with db.write() as conn:
        account_id = conn.scalar(select(ConsoleAccount.id).where(ConsoleAccount.login == login.strip().lower(),
                                                                 ConsoleAccount.disabled_at.is_(None)))
        if account_id is None:
            return False
        conn.execute(update(ConsoleAccount).where(ConsoleAccount.id == account_id).values(disabled_at=utcnow()))
        conn.execute(delete(ConsoleSession).where(ConsoleSession.account_id == account_id))
    return True


def check_login(db: ServerDb, login: str, password: str, *, now: dt.datetime | None = None) -> LoginResult:
    """Check a sign-in; counts failures and locks the account after ``MAX_FAILED_LOGINS``."""
    now = now or utcnow()
    with db.write() as conn:
        row = conn.execute(select(ConsoleAccount).where(ConsoleAccount.login == login.strip().lower())).one_or_none()
        if row is None:
            _verify(_DUMMY_HASH, password)
            return LoginResult(None, "wrong")
        if row.disabled_at is not None:
            return LoginResult(None, "disabled")
        if row.locked_until is not None and row.locked_until > now:
            return LoginResult(None, "locked")
        if not _verify(row.password_hash, password):
            failures = (0 if row.locked_until is not None else row.failed_logins) + 1
            locked = failures >= MAX_FAILED_LOGINS
            conn.execute(update(ConsoleAccount).where(ConsoleAccount.id == row.id).values(
                failed_logins=0 if locked else failures, locked_until=now + dt.timedelta(minutes=LOCK_MINUTES) if locked else None))
            return LoginResult(None, "locked" if locked else "wrong", locked_now=locked)
        values: dict[str, Any] = {"failed_logins": 0, "locked_until": None}
        if _hasher.check_needs_rehash(row.password_hash):
            values["password_hash"] = _hasher.hash(password)
        conn.execute(update(ConsoleAccount).where(ConsoleAccount.id == row.id).values(**values))
        return LoginResult(_account(row))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def change_password(db: ServerDb, account_id: str, current: str, new: str) -> str | None:
    """Replace the account's password; None when done, else why not (``wrong``, ``too_short``).
    The account's other sessions end (a password changed after a leak must lock the thief out)."""
    if len(new) < MIN_PASSWORD_LENGTH or len(new) > 500:
        return "too_short"
    with db.write() as conn:
        stored = conn.scalar(select(ConsoleAccount.password_hash).where(ConsoleAccount.id == account_id))
        if stored is None or not _verify(stored, current):
            return "wrong"
        conn.execute(update(ConsoleAccount).where(ConsoleAccount.id == account_id).values(password_hash=_hasher.hash(new)))
        conn.execute(delete(ConsoleSession).where(ConsoleSession.account_id == account_id))
    return None


def open_session(db: ServerDb, account_id: str, *, now: dt.datetime | None = None) -> str:
    """A new session for ``account_id``; returns the cookie's token (the server keeps its hash)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    with db.write() as conn:
        conn.execute(insert(ConsoleSession).values(token_hash=_token_hash(token), account_id=account_id,
                                                   csrf_token=secrets.token_urlsafe(32), created_at=now, last_seen_at=now))
    return token


def session_of(db: ServerDb, token: str, *, now: dt.datetime | None = None) -> SessionInfo | None:
    """The live session of a cookie's token (and the request counts as activity), or None when
    it is unknown, expired (idle or absolute) or its account is disabled."""
    if not token or len(token) > 100:
        return None
    now = now or utcnow()
    key = _token_hash(token)
    with db.write() as conn:
        row = conn.execute(
            select(ConsoleAccount.id, ConsoleAccount.login, ConsoleAccount.display_name, ConsoleAccount.role, ConsoleAccount.ward_id,
                   ConsoleAccount.team_id, ConsoleAccount.disabled_at, ConsoleSession.csrf_token, ConsoleSession.created_at,
                   ConsoleSession.last_seen_at)
            .join(ConsoleAccount, ConsoleAccount.id == ConsoleSession.account_id).where(ConsoleSession.token_hash == key)
        ).one_or_none()
        if row is None:
            return None
        idle = now - row.last_seen_at > dt.timedelta(minutes=IDLE_MINUTES)
        old = now - row.created_at > dt.timedelta(hours=ABSOLUTE_HOURS)
        if idle or old or row.disabled_at is not None:
            conn.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == key))
            return None
        conn.execute(update(ConsoleSession).where(ConsoleSession.token_hash == key).values(last_seen_at=now))
        return SessionInfo(_account(row), row.csrf_token)


def close_session(db: ServerDb, token: str) -> None:
    with db.write() as conn:
        conn.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == _token_hash(token)))
