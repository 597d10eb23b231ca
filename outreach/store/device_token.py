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

#: The demo-only token file, in the profile folder.
PLAIN_TOKEN_FILE = "demo-device-token"


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
    profile.data_dir.mkdir(parents=True, exist_ok=True)
    path = _token_path(profile)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(token)
    os.replace(tmp, path)


def forget_profile_secrets(profile: Profile) -> None:
    """Forget the profile's token and database key, wherever they are kept (the local wipe)."""
    if _keeps_token_in_file(profile):
        _token_path(profile).unlink(missing_ok=True)
        return
    secrets.delete_profile_secrets(profile.profile_id)
