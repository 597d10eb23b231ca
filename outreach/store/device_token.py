"""Where a profile keeps its device token (the bearer secret the ward server gave at enrolment).

A real profile keeps it in the OS keyring only, like its database key (DESIGN §4.9, §5). A demo
profile on a machine with no keyring already keeps its database unencrypted (synthetic data
only, said on every start); it keeps its token the same way, in a file readable by the user alone
beside that database, so ``outreach demo`` works on any box. The two cases never mix: the file is
used exactly when the profile is an unencrypted demo, and such a profile enrols only with its own
local demo server.
"""

from __future__ import annotations

import os
from pathlib import Path

from outreach import secrets
from outreach.store.profile import Profile
from outreach.vocabulary import Role

#: The demo-only token file, in the profile folder.
PLAIN_TOKEN_FILE = "demo-device-token"
#: The demo-only file of the role the server gave the device, beside the token file.
PLAIN_ROLE_FILE = "demo-device-role"


def _keeps_token_in_file(profile: Profile) -> bool:
    return profile.demo and not profile.encrypted


def _token_path(profile: Profile) -> Path:
    return profile.data_dir / PLAIN_TOKEN_FILE


def load_device_token(profile: Profile) -> str | None:
    if not _keeps_token_in_file(profile):
        return secrets.get_device_token(profile.profile_id)
    path = _token_path(profile)
    if not path.exists():
        return None
    return path.read_text(encoding="ascii").strip() or None


def save_device_token(profile: Profile, token: str) -> None:
    if not _keeps_token_in_file(profile):
        secrets.set_device_token(profile.profile_id, token)
        return
    _write_private(_token_path(profile), token)


def _write_private(path: Path, text: str) -> None:
    """Replace ``path`` atomically with ``text``, readable by the user alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(text)
    os.replace(tmp, path)


def save_device_role(profile: Profile, role: str) -> None:
    """Keep the role the server gave this device where its token is (the keyring), so editing
    ``profile.json`` does not make a volunteer's laptop a leader's; ``profile.role`` is only
    what the window shows. Set at enrolment, refreshed from the server on every sync."""
    if not _keeps_token_in_file(profile):
        secrets.set_device_role(profile.profile_id, role)
        return
    _write_private(profile.data_dir / PLAIN_ROLE_FILE, role)


def load_device_role(profile: Profile) -> str | None:
    if not _keeps_token_in_file(profile):
        return secrets.get_device_role(profile.profile_id)
    path = profile.data_dir / PLAIN_ROLE_FILE
    return (path.read_text(encoding="ascii").strip() or None) if path.exists() else None


def trusted_role(profile: Profile) -> str:
    """The role the app acts with. An enrolled profile's is the server's (kept with the token;
    a volunteer's until the server has said otherwise); a profile never enrolled holds only what
    was typed or imported on it (or demo data), so its own setting stands."""
    kept = load_device_role(profile)
    if kept in tuple(Role):
        return kept
    if profile.server_device_id or profile.server_url or load_device_token(profile):
        return Role.VOLUNTEER
    return profile.role


def forget_profile_secrets(profile: Profile) -> None:
    """Forget the profile's token and database key, wherever they are kept (the local wipe)."""
    if _keeps_token_in_file(profile):
        _token_path(profile).unlink(missing_ok=True)
        (profile.data_dir / PLAIN_ROLE_FILE).unlink(missing_ok=True)
        return
    secrets.delete_profile_secrets(profile.profile_id)
