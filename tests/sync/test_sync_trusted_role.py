"""The laptop's role is the server's, kept with the device token (the real keyring), not the one
in profile.json, which anyone can edit (outreach/store/device_token.py ``trusted_role``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from outreach.errors import PermissionDenied
from outreach.server import admin
from outreach.services.audit import authorize_personal_export
from outreach.services.context import Actor
from outreach.services.device import needs_attention
from outreach.services.households import HouseholdInput, register_household
from outreach.services.review import flag_visit
from outreach.services.visits import VisitInput, record_visit
from outreach.store.database import Store
from outreach.store.device_token import trusted_role
from outreach.store.profile import PROFILE_FILE, Profile
from outreach.sync.client import enroll, run_sync
from outreach.wire.reasons import Reason
from tests.helpers.sync import WardSetup, fast_store


def edit_profile_json(store: Store, **values: str) -> None:
    """What anyone can do with a text editor; the store re-reads it as the app would on its next start."""
    path = store.profile.data_dir / PROFILE_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(values)
    path.write_text(json.dumps(data), encoding="utf-8")
    reread = Profile.load(store.profile.data_dir)
    assert reread is not None
    store.profile.role = reread.role


def test_editing_profile_json_does_not_make_a_volunteer_a_leader(enrolled_store: Store, ward_setup: WardSetup) -> None:
    store = enrolled_store
    run_sync(store)
    edit_profile_json(store, role="leader")
    restarted = Actor.from_profile(Profile.load(store.profile.data_dir))  # type: ignore[arg-type]
    assert restarted.role == "volunteer" and not restarted.is_leader
    with pytest.raises(PermissionDenied):  # the personal-data contact lists stay a leader's
        authorize_personal_export(store, restarted, "contact_list", "contacts.xlsx", 10)

    # an app patched to act as a leader anyway: the server refuses the leader-only change
    household = register_household(store, restarted, HouseholdInput(head_name="Đặng Văn Đức", address={"street": "Đội Cấn"}))
    visit = record_visit(store, restarted, VisitInput(household.id, dt.datetime(2026, 3, 2, 9, 0)))
    assert run_sync(store).rejected == 0
    forged = Actor(restarted.member_id, restarted.name, "leader", restarted.ward_id, restarted.team_id)
    flag_visit(store, forged, visit.id, "tự đánh dấu")
    assert run_sync(store).rejected == 1
    assert [item.reason_code for item in needs_attention(store)] == [Reason.LEADER_ONLY]

    # and every sync puts the server's role back into profile.json (a display cache)
    reread = Profile.load(store.profile.data_dir)
    assert reread is not None and reread.role == "volunteer"


def test_a_leader_enrolled_is_a_leader_whatever_profile_json_says(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    store = fast_store(template_root, tmp_path / "leader")
    assert trusted_role(store.profile) == "volunteer"  # never enrolled: its own setting, the default
    admin.mark_demo_ward(ward_setup.server.db, ward_setup.ward_id)  # the test copy is unencrypted: demo data only
    enroll(store, ward_setup.server.url, ward_setup.code("leader"))
    edit_profile_json(store, role="volunteer")
    assert trusted_role(store.profile) == "leader"
    assert Actor.from_profile(store.profile).is_leader
    run_sync(store)
    reread = Profile.load(store.profile.data_dir)
    assert reread is not None and reread.role == "leader"
    store.close()


def test_a_profile_never_enrolled_keeps_its_own_role(tmp_path: Path) -> None:
    """Only what was typed or imported on it (the UI tests' and demo profiles' case)."""
    profile = Profile(data_dir=tmp_path / "p", encrypted=False, demo=True, role="leader")
    profile.save()
    assert trusted_role(profile) == "leader"
    profile.server_url = "http://127.0.0.1:1"  # enrolled (or said to be) but no role from a server yet: the least
    assert trusted_role(profile) == "volunteer"
