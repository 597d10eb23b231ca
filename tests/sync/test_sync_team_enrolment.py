"""A team leader enrols a volunteer's laptop from the app: the server issues the code (leaders
only, for the leader's own team) and the link in its QR enrols a fresh profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from outreach.model import TeamMember
from outreach.server.schema import Device
from outreach.store.database import Store
from outreach.sync.client import issue_team_enrolment_code
from outreach.sync.errors import LeaderOnly
from outreach.sync.transport import HttpTransport
from outreach.wire.enrolment_link import parse_enrolment_link
from tests.helpers.sync import WardSetup, enrol_fast, enrol_raw, fast_store


def _authorised(ward: WardSetup, store: Store, role: str) -> HttpTransport:
    return enrol_fast(ward, store, role)


def test_leader_code_enrols_a_new_laptop_into_the_leaders_team(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    leader = fast_store(template_root, tmp_path / "leader")
    transport = _authorised(ward_setup, leader, "leader")
    issued = issue_team_enrolment_code(leader, "Lê Thị Mai", transport=transport)
    link = parse_enrolment_link(issued.link)
    assert link.code == issued.code and link.server_url == ward_setup.server.url

    newcomer = fast_store(template_root, tmp_path / "newcomer")
    reply = enrol_raw(HttpTransport(link.server_url, None, retries=False), link.code, label="new")
    assert reply["team_id"] == ward_setup.team_id and reply["role"] == "volunteer"
    with ward_setup.server.db.read() as conn:
        member = conn.execute(select(TeamMember.__table__).where(TeamMember.id == reply["member_id"])).mappings().one()
        device = conn.execute(select(Device.team_id, Device.role).where(Device.id == reply["device_id"])).one()
    assert member["full_name"] == "Lê Thị Mai" and member["team_id"] == ward_setup.team_id
    assert tuple(device) == (ward_setup.team_id, "volunteer")
    for store in (leader, newcomer):
        store.close()


def test_a_volunteer_cannot_issue_codes(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    volunteer = fast_store(template_root, tmp_path / "volunteer")
    transport = _authorised(ward_setup, volunteer, "volunteer")
    with ward_setup.server.db.read() as conn:
        before = conn.execute(select(TeamMember.id)).all()
    with pytest.raises(LeaderOnly) as caught:
        issue_team_enrolment_code(volunteer, "Ai đó", transport=transport)
    assert "đội trưởng" in caught.value.message_vi
    with ward_setup.server.db.read() as conn:
        assert conn.execute(select(TeamMember.id)).all() == before  # nothing half-made
    volunteer.close()


def test_a_laptop_enrolled_by_name_knows_its_member_after_the_first_sync(
    ward_setup: WardSetup, template_root: Path, tmp_path: Path
) -> None:
    """Before: the profile's member name stayed empty and the app showed "(no team member set)"."""
    from outreach.store.profile import Profile
    from outreach.sync.client import enroll, run_sync

    leader = fast_store(template_root, tmp_path / "leader")
    issued = issue_team_enrolment_code(leader, "Lê Thị Mai", transport=_authorised(ward_setup, leader, "leader"))
    newcomer = fast_store(template_root, tmp_path / "newcomer")
    enroll(newcomer, ward_setup.server.url, issued.code)
    assert newcomer.profile.member_id and newcomer.profile.member_name == ""
    run_sync(newcomer)
    assert newcomer.profile.member_name == "Lê Thị Mai"
    saved = Profile.load(newcomer.profile.data_dir)
    assert saved is not None and saved.member_name == "Lê Thị Mai"
    for store in (leader, newcomer):
        store.close()
