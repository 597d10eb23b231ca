"""The app lock: a PIN per profile, asked at start, after some idle minutes and on Ctrl+L.

A laptop left open in a house, or taken while the app runs, must not show the ward's residents.
The database is already encrypted at rest; the lock covers the running app. Its PIN is hashed
with argon2id (``argon2-cffi``'s defaults: 64 MiB, 3 passes, so a guesser with the hash pays
for each try) and the hash lives in the OS keyring beside the database key — never in a file,
a log or the database. Wrong PINs make the next try wait longer and longer (``delay_after``);
the count and the wait are kept in the keyring too, so a restart does not reset them.

Which profiles lock (``lock_required``): every real profile, unless its ward's office turned the
lock off (``Ward.app_lock`` False; None, never set, is on). A demo profile (``outreach demo``,
synthetic data only) is never locked: it holds no real person and, without a keyring, has no
safe place for a hash; the README says so.

Plain functions of the profile (no Qt): the window's lock screen (``ui/lock_screen.py``) and the
command line (``commands/common.require_pin``) share them.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select

from outreach import secrets
from outreach.errors import OutreachError
from outreach.model import Ward
from outreach.store.database import Store
from outreach.store.profile import Profile

log = logging.getLogger(__name__)

PIN_MIN_DIGITS, PIN_MAX_DIGITS = 4, 12
#: Minutes without a key press or a click before the app locks itself.
DEFAULT_IDLE_MINUTES = 10
#: Wrong PINs allowed without waiting (a typo or two), then the wait doubles from FIRST_DELAY_S.
FREE_ATTEMPTS = 3
FIRST_DELAY_S = 5.0
MAX_DELAY_S = 15 * 60.0

_HASHER = PasswordHasher()


class PinProblem(OutreachError):
    """A PIN that cannot be chosen (not 4–12 digits, or the two entries differ)."""


@dataclass(frozen=True)
class Attempt:
    """The answer to one PIN: ``ok``; else ``wait_s`` before the next try may be made."""

    ok: bool
    failures: int = 0
    wait_s: float = 0.0


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong PINs in a row: none for the first few, then
    5 s, 10 s, 20 s, … up to 15 minutes."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** (failures - FREE_ATTEMPTS))


def lock_applies(profile: Profile) -> bool:
    """Whether this kind of profile can lock at all (see the module doc: not a demo)."""
    return not profile.demo


def lock_required(store: Store) -> bool:
    """Whether this laptop asks its PIN: a real profile whose ward did not turn the lock off."""
    profile = store.profile
    if not lock_applies(profile):
        return False
    if profile.ward_id is None:
        return True
    with store.read() as session:
        setting = session.scalar(select(Ward.app_lock).where(Ward.id == profile.ward_id))
    return setting is not False


def has_pin(profile: Profile) -> bool:
    return secrets.get_pin_hash(profile.profile_id) is not None


def check_pin_format(pin: str, again: str | None = None) -> None:
    if not (pin.isascii() and pin.isdigit() and PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS):
        raise PinProblem(f"Mã PIN gồm {PIN_MIN_DIGITS} đến {PIN_MAX_DIGITS} chữ số.",
                         f"A PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits.", code="bad_pin")
    if again is not None and again != pin:
        raise PinProblem("Hai lần nhập mã PIN không khớp.", "The two PINs differ.", code="pin_mismatch")


def set_pin(profile: Profile, pin: str, again: str | None = None) -> None:
    """Choose (or change) the profile's PIN: only its argon2 hash is kept, in the keyring."""
    check_pin_format(pin, again)
    secrets.set_pin_hash(profile.profile_id, _HASHER.hash(pin))
    _save_state(profile, 0, 0.0)
    log.info("app-lock PIN chosen")


def _load_state(profile: Profile) -> tuple[int, float]:
    raw = secrets.get_lock_state(profile.profile_id)
    try:
        data = json.loads(raw) if raw else {}
        return int(data.get("failures", 0)), float(data.get("until", 0.0))
    except (ValueError, TypeError, AttributeError):
        return FREE_ATTEMPTS, 0.0  # a damaged state costs the free tries, never resets the count


def _save_state(profile: Profile, failures: int, until: float) -> None:
    secrets.set_lock_state(profile.profile_id, json.dumps({"failures": failures, "until": until}))


def wait_left(profile: Profile, now: Callable[[], float] = time.time) -> float:
    """Seconds before the next PIN may be tried (0 when it may be now)."""
    _failures, until = _load_state(profile)
    return max(0.0, until - now())


def check_pin(profile: Profile, pin: str, now: Callable[[], float] = time.time) -> Attempt:
    """Try ``pin``. During a wait the PIN is not even compared (a right PIN typed during the
    wait does not open either); a wrong one counts and makes the next wait longer."""
    failures, until = _load_state(profile)
    moment = now()
    if moment < until:
        return Attempt(False, failures, until - moment)
    stored = secrets.get_pin_hash(profile.profile_id)
    try:
        ok = stored is not None and _HASHER.verify(stored, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if ok:
        if failures:
            _save_state(profile, 0, 0.0)
        return Attempt(True)
    failures += 1
    delay = delay_after(failures)
    _save_state(profile, failures, moment + delay)
    log.warning("wrong app-lock PIN (%d in a row); next try in %.0f s", failures, delay)
    return Attempt(False, failures, delay)
