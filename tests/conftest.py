"""Shared fixtures: a fresh, real, encrypted profile per test.

Tests run under ``scripts/with-keyring`` (a private D-Bus session with gnome-keyring), so the
database key really goes through the Secret Service. Without a keyring the store fixtures fall
back to unencrypted demo profiles and keyring tests skip, unless ``OUTREACH_REQUIRE_KEYRING=1``
(set by ``scripts/test``), where a missing keyring fails the run instead of hiding it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from outreach import secrets
from outreach.model import ResidentialGroup, Team, TeamMember, Ward
from outreach.model.ids import uuid7
from outreach.services.context import Actor
from outreach.store.database import Store, load_or_create_profile, open_store
from outreach.store.profile import Profile
from tests.helpers import hypothesis_profiles

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Example counts of the property tests: "dev" (40) unless HYPOTHESIS_PROFILE or CI=true says
# "ci" (200); see tests/helpers/hypothesis_profiles.py.
hypothesis_profiles.register()
settings.load_profile(hypothesis_profiles.profile_name(os.environ))


def keyring_ready() -> bool:
    available = secrets.is_available()
    if not available and os.environ.get("OUTREACH_REQUIRE_KEYRING") == "1":
        pytest.fail("OUTREACH_REQUIRE_KEYRING=1 but no Secret Service keyring answers (run under scripts/with-keyring)")
    return available


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str | None]:
    """One real profile's migrated database and its key (None when unencrypted), made once.

    Each test's store is a copy under a new profile id whose keyring entry holds the same key:
    the same SQLCipher file and Secret Service round trip as a new profile, without running the
    migrations again for each of several hundred tests (~0.2 s each)."""
    profile = load_or_create_profile(tmp_path_factory.mktemp("store-template") / "profile", demo=not keyring_ready())
    open_store(profile).close()
    return profile.database_path, secrets.get_db_key(profile.profile_id) if profile.encrypted else None


@pytest.fixture
def store(data_dir: Path, store_template: tuple[Path, str | None]) -> Iterator[Store]:
    template, key = store_template
    profile = Profile(data_dir=data_dir, encrypted=key is not None, demo=key is None)
    profile.save()
    shutil.copyfile(template, profile.database_path)
    if key is not None:
        secrets.adopt_db_key(profile.profile_id, key)
    opened = open_store(profile)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def ward(store: Store) -> dict[str, str]:
    """A ward with two groups, one team, a leader and a volunteer; returns their ids."""
    ids = {"ward": uuid7(), "group_a": uuid7(), "group_b": uuid7(), "team": uuid7(), "leader": uuid7(), "volunteer": uuid7()}
    with store.write() as tx:
        rec = tx.recorder
        rec.create(
            Ward,
            {"ward_id": ids["ward"], "code": "00004", "name": "Phường Ngọc Hà", "province_code": "01", "province_name": "Hà Nội"},
            id=ids["ward"],
        )
        rec.create(ResidentialGroup, {"ward_id": ids["ward"], "name": "Tổ dân phố số 1", "sort_order": 1}, id=ids["group_a"])
        rec.create(ResidentialGroup, {"ward_id": ids["ward"], "name": "Tổ dân phố số 2", "sort_order": 2}, id=ids["group_b"])
        rec.create(Team, {"ward_id": ids["ward"], "name": "Đội cơ động số 1"}, id=ids["team"])
        rec.create(
            TeamMember, {"ward_id": ids["ward"], "team_id": ids["team"], "full_name": "Lê Thị Hạnh", "role": "leader"}, id=ids["leader"]
        )
        rec.create(
            TeamMember,
            {"ward_id": ids["ward"], "team_id": ids["team"], "full_name": "Phạm Quang Huy", "role": "volunteer"},
            id=ids["volunteer"],
        )
    return ids


@pytest.fixture
def volunteer(ward: dict[str, str]) -> Actor:
    return Actor(ward["volunteer"], "Phạm Quang Huy", "volunteer", ward["ward"], ward["team"])


@pytest.fixture
def leader(ward: dict[str, str]) -> Actor:
    return Actor(ward["leader"], "Lê Thị Hạnh", "leader", ward["ward"], ward["team"])
