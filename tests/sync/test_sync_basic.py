"""End-to-end basics against a real server: enrol, push, pull, no-op cost, convergence."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from outreach import secrets
from outreach.model import OutboxEntry
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, register_household, search_households
from outreach.store.database import Store
from outreach.sync.client import run_sync, transport_for
from tests.helpers.sync import WardSetup, enrol_fast, fast_store


def actor_of(store: Store) -> Actor:
    p = store.profile
    return Actor(p.member_id, "Phạm Quang Huy", p.role, p.ward_id, p.team_id)


def test_enrol_push_pull_between_two_laptops(enrolled_store: Store, ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    store = enrolled_store
    assert secrets.get_device_token(store.profile.profile_id)
    first = run_sync(store)
    assert first.pulled > 0  # ward, team, group, member, catalogue
    register_household(
        store,
        actor_of(store),
        HouseholdInput(head_name="Đặng Văn Đức", address={"house_number": "12", "lane": "5", "street": "Đội Cấn"}, group_id=None),
    )
    report = run_sync(store)
    assert report.pushed == 1 and report.rejected == 0
    assert report.verified is True
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 0

    other = fast_store(template_root, tmp_path / "other")
    transport = enrol_fast(ward_setup, other)
    got = run_sync(other, transport=transport)
    assert got.verified is True
    assert [h.head_name for h in search_households(other, "dang van duc")] == ["Đặng Văn Đức"]
    other.close()


def test_noop_sync_is_one_round_trip(enrolled_store: Store) -> None:
    run_sync(enrolled_store)
    transport = transport_for(enrolled_store)
    report = run_sync(enrolled_store, transport=transport)
    assert report.requests <= 2
    assert report.pushed == report.pulled == 0
