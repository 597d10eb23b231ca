"""The one place that touches the OS keyring.

Secrets (the database key, the device token) live only in the OS keyring: Windows Credential
Locker, macOS Keychain, or the Secret Service on Linux. Never in files, logs or the database.
A machine without a usable keyring is an explicit, visible state (``KeyringUnavailable`` with
guidance), never a silent fallback to plaintext.
"""

from __future__ import annotations

import secrets as _random

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from outreach.errors import KeyringUnavailable

SERVICE = "outreach"
DB_KEY_BYTES = 32

_GUIDANCE_VI = (
    "Không tìm thấy kho khoá bảo mật của hệ điều hành (Windows Credential Manager, macOS "
    "Keychain hoặc Secret Service/gnome-keyring trên Linux). Outreach không lưu dữ liệu thật "
    "khi không thể bảo vệ khoá mã hoá. Hãy cài đặt/mở khoá kho khoá rồi thử lại."
)
_GUIDANCE_EN = (
    "No OS keyring was found (Windows Credential Manager, macOS Keychain, or Secret "
    "Service/gnome-keyring on Linux). Outreach will not store real data when it cannot protect "
    "the encryption key. Install or unlock a keyring and try again."
)


def _unavailable(detail: str = "") -> KeyringUnavailable:
    suffix_vi = f" (Chi tiết: {detail})" if detail else ""
    suffix_en = f" (Detail: {detail})" if detail else ""
    return KeyringUnavailable(_GUIDANCE_VI + suffix_vi, _GUIDANCE_EN + suffix_en)


def backend() -> KeyringBackend:
    return keyring.get_keyring()


def backend_name() -> str:
    kr = backend()
    return f"{type(kr).__module__}.{type(kr).__name__}"


def is_available() -> bool:
    """Whether a real keyring backend answers; does a harmless read to find out."""
    kr = backend()
    if getattr(kr, "priority", 0) <= 0 or type(kr).__module__.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False
    try:
        kr.get_password(SERVICE, "__probe__")
    except Exception:  # any backend failure means "not usable"; the caller says so plainly
        return False
    return True


def _get(name: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, name)
    except keyring.errors.NoKeyringError as exc:
        raise _unavailable() from exc
    except keyring.errors.KeyringError as exc:
        raise _unavailable(type(exc).__name__) from exc


def _set(name: str, value: str) -> None:
    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.NoKeyringError as exc:
        raise _unavailable() from exc
    except keyring.errors.KeyringError as exc:
        raise _unavailable(type(exc).__name__) from exc


def _delete(name: str) -> None:
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.NoKeyringError as exc:
        raise _unavailable() from exc


def _db_key_name(profile_id: str) -> str:
    return f"db-key:{profile_id}"


def _token_name(profile_id: str) -> str:
    return f"device-token:{profile_id}"


def _role_name(profile_id: str) -> str:
    return f"device-role:{profile_id}"


def get_db_key(profile_id: str) -> str | None:
    """The profile's database key (64 hex digits), or None if none was ever made."""
    return _get(_db_key_name(profile_id))


def create_db_key(profile_id: str) -> str:
    """Make a random key for a new profile, store it in the keyring, and read it back.

    Reading it back proves the keyring really persisted it before any data is encrypted with it.
    """
    key = _random.token_hex(DB_KEY_BYTES)
    _set(_db_key_name(profile_id), key)
    if _get(_db_key_name(profile_id)) != key:
        raise _unavailable("the key could not be read back")
    return key


def adopt_db_key(profile_id: str, key: str) -> None:
    """Keep ``key`` as the profile's database key: for a database file copied from another
    profile (the test suite copies one migrated database instead of migrating a new one per test)."""
    _set(_db_key_name(profile_id), key)


def get_device_token(profile_id: str) -> str | None:
    return _get(_token_name(profile_id))


def set_device_token(profile_id: str, token: str) -> None:
    _set(_token_name(profile_id), token)


def delete_device_token(profile_id: str) -> None:
    _delete(_token_name(profile_id))


def get_device_role(profile_id: str) -> str | None:
    """The role the ward server gave this device (kept beside its token, not in profile.json,
    which the user can edit)."""
    return _get(_role_name(profile_id))


def set_device_role(profile_id: str, role: str) -> None:
    _set(_role_name(profile_id), role)


def _pin_name(profile_id: str) -> str:
    return f"app-lock-pin:{profile_id}"


def _lock_state_name(profile_id: str) -> str:
    return f"app-lock-state:{profile_id}"


def get_pin_hash(profile_id: str) -> str | None:
    """The argon2 hash of the profile's app-lock PIN (never the PIN), or None before one is chosen."""
    return _get(_pin_name(profile_id))


def set_pin_hash(profile_id: str, pin_hash: str) -> None:
    _set(_pin_name(profile_id), pin_hash)


def get_lock_state(profile_id: str) -> str | None:
    """The app lock's wrong-PIN count and wait (``store.app_lock``): beside the hash, so removing a
    file or restarting the app does not reset the growing delays."""
    return _get(_lock_state_name(profile_id))


def set_lock_state(profile_id: str, state: str) -> None:
    _set(_lock_state_name(profile_id), state)


def delete_profile_secrets(profile_id: str) -> None:
    """Forget every secret of a profile (used by the local wipe after revocation). The database
    key goes first: once it is gone the file is unreadable, whatever happens next."""
    _delete(_db_key_name(profile_id))
    _delete(_token_name(profile_id))
    _delete(_role_name(profile_id))
    _delete(_pin_name(profile_id))
    _delete(_lock_state_name(profile_id))
