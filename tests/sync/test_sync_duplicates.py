"""Merging duplicates across laptops through a real server (SQLite and PostgreSQL), with faults.

Three laptops: two leaders of team 1 and a volunteer of team 2 who works offline. A merge is an
ordinary synced change; a visit recorded offline on the merged-away household lands on the
survivor; overlapping merges made concurrently by two leaders converge; an undo travels too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from outreach.model import Household, ResidentialGroup, Visit
from outreach.server import admin
from outreach.server import cli as server_cli
from outreach.server.duplicates import scan_ward
from outreach.services import duplicates
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, register_household
from outreach.services.visits import VisitInput, record_visit
from outreach.store.database import Store
from outreach.sync.client import run_sync
from outreach.sync.engine import SyncReport
from outreach.sync.errors import SyncError
from outreach.sync.transport import Transport
from outreach.timeutil import now_local
from outreach.vocabulary import RecordKind
from tests.helpers.faults import FaultyTransport
from tests.helpers.sync import WardSetup, area_group, enrol_fast, fast_store


@dataclass
class Laptop:
    store: Store
    transport: Transport
    actor: Actor

    def sync(self, faults: list[str] | None = None) -> SyncReport:
        """One sync; with ``faults``, one that fails on them (then the network heals)."""
        if faults:
            with pytest.raises(SyncError):
                run_sync(self.store, transport=FaultyTransport(self.transport, faults))
        return run_sync(self.store, transport=self.transport)

    def sync_through(self, faults: list[str]) -> SyncReport:
        """One sync through faults it survives (a request the network delivers twice)."""
        return run_sync(self.store, transport=FaultyTransport(self.transport, faults))


def _laptop(ward: WardSetup, template_root: Path, folder: Path, role: str, name: str) -> Laptop:
    store = fast_store(template_root, folder)
    transport = enrol_fast(ward, store, role)
    p = store.profile
    return Laptop(store, transport, Actor(p.member_id, name, p.role, p.ward_id, p.team_id))


@pytest.fixture
def laptops(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> Iterator[tuple[Laptop, Laptop, Laptop]]:
    team2 = admin.add_team(ward_setup.server.db, ward_setup.ward_id, "Đội cơ động số 2")
    # the households are registered in a group of the volunteer's team's area: its laptop holds
    # them whole (least data: a volunteer holds only a directory of the rest of the ward)
    area_group(replace(ward_setup, team_id=team2))
    first = _laptop(ward_setup, template_root, tmp_path / "l1", "leader", "Lê Thị Hạnh")
    second = _laptop(ward_setup, template_root, tmp_path / "l2", "leader", "Trần Văn Minh")
    volunteer = _laptop(replace(ward_setup, team_id=team2), template_root, tmp_path / "v", "volunteer", "Phạm Quang Huy")
    try:
        yield first, second, volunteer
    finally:
        for laptop in (first, second, volunteer):
            laptop.transport.close()
            laptop.store.close()


def _state(store: Store) -> dict[str, Any]:
    with store.read() as session:
        households = {h.id: (h.deleted, h.merged_into, h.head_name) for h in session.scalars(select(Household))}
        visits = {v.id: v.household_id for v in session.scalars(select(Visit))}
    return {"households": households, "visits": visits}


def _register(laptop: Laptop, head: str, address: dict[str, str]) -> str:
    with laptop.store.read() as session:  # the ward's first group: in the volunteer's team's area
        group = session.scalars(select(ResidentialGroup.id).order_by(ResidentialGroup.sort_order)).first()
    return register_household(laptop.store, laptop.actor, HouseholdInput(head, address, group), confirm=True).id


def _visit(laptop: Laptop, household_id: str) -> str:
    return record_visit(laptop.store, laptop.actor, VisitInput(household_id, now_local().replace(microsecond=0)
                                                               - dt.timedelta(hours=1))).id


def test_an_offline_visit_to_the_merged_away_household_lands_on_the_survivor(laptops: tuple[Laptop, Laptop, Laptop]) -> None:
    first, second, volunteer = laptops
    kept = _register(first, "Nguyễn Văn Thành", {"house_number": "12A", "lane": "45", "street": "Đội Cấn"})
    twice = _register(volunteer, "nguyen van thanh", {"house_number": "12a ngo 45 Doi Can"})
    early = _visit(volunteer, twice)
    for laptop in (first, volunteer, first, second):
        laptop.sync()
    # the volunteer goes offline and visits the household it registered
    offline = _visit(volunteer, twice)
    # the leader sees the pair, merges; its first push's answer is lost after the server committed
    [candidate] = duplicates.scan(first.store, first.actor.ward_id).households
    assert set(candidate.pair) == {kept, twice}
    duplicates.merge(first.store, first.actor, RecordKind.HOUSEHOLD, kept, twice)
    assert first.sync(faults=["lost_after"]).rejected == 0
    second.sync(faults=["drop_before"])
    # back online: its visit goes up naming the tombstone, the merge comes down, the visit is
    # re-pointed (its own change) and sent in the same sync
    report = volunteer.sync(faults=["ok", "ok", "lost_after"])  # the re-point's push: committed, answer lost
    assert report.rejected == 0 and report.pushed == 1 and report.verified is True  # the re-point, sent again
    for laptop in (first, second):
        assert laptop.sync().rejected == 0
    states = [_state(laptop.store) for laptop in laptops]
    assert states[0] == states[1] == states[2]
    assert states[0]["visits"][offline] == states[0]["visits"][early] == kept
    assert states[0]["households"][twice][:2] == (True, kept)
    assert duplicates.scan(first.store, first.actor.ward_id).count == 0


def test_concurrent_overlapping_merges_converge(laptops: tuple[Laptop, Laptop, Laptop]) -> None:
    first, second, volunteer = laptops
    address = {"house_number": "7", "lane": "3", "street": "Hào Nam"}
    a, b, c = (_register(first, "Bùi Văn Tú", address) for _ in range(3))
    first.sync()
    volunteer.sync()
    visits = {h: _visit(volunteer, h) for h in (a, b, c)}
    for laptop in (volunteer, first, second):
        laptop.sync()
    # offline from each other: one merges b into a, the other a into c, and both also a cycle
    duplicates.merge(first.store, first.actor, RecordKind.HOUSEHOLD, a, b)
    duplicates.merge(second.store, second.actor, RecordKind.HOUSEHOLD, c, a)
    assert first.sync_through(["duplicate", "duplicate"]).rejected == 0
    second.sync(faults=["error_500"])
    for laptop in (first, volunteer, second, first):
        assert laptop.sync().rejected == 0
    states = [_state(laptop.store) for laptop in laptops]
    assert states[0] == states[1] == states[2]
    live = [h for h, (deleted, _into, _head) in states[0]["households"].items() if not deleted]
    assert live == [c]
    assert {states[0]["visits"][v] for v in visits.values()} == {c}


def test_a_merge_cycle_made_concurrently_keeps_one_household(laptops: tuple[Laptop, Laptop, Laptop]) -> None:
    first, second, volunteer = laptops
    address = {"house_number": "88", "street": "Giảng Võ"}
    a, b = _register(first, "Đặng Văn Đức", address), _register(first, "Dang Van Duc", address)
    first.sync()
    volunteer.sync()
    visit = _visit(volunteer, b)
    for laptop in (volunteer, first, second):
        laptop.sync()
    duplicates.merge(first.store, first.actor, RecordKind.HOUSEHOLD, a, b)
    duplicates.merge(second.store, second.actor, RecordKind.HOUSEHOLD, b, a)
    for laptop in (first, second, first, second, volunteer, first):
        assert laptop.sync().rejected == 0
    states = [_state(laptop.store) for laptop in laptops]
    assert states[0] == states[1] == states[2]
    keep = min(a, b)
    assert [h for h, (deleted, _i, _n) in states[0]["households"].items() if not deleted] == [keep]
    assert states[0]["visits"][visit] == keep


def test_an_undo_on_another_leaders_laptop_reaches_every_laptop(laptops: tuple[Laptop, Laptop, Laptop]) -> None:
    first, second, volunteer = laptops
    kept = _register(first, "Võ Thị Mai", {"house_number": "123/4", "lane": "15", "street": "Nguyễn Trãi"})
    other = _register(volunteer, "Vo Thi Mai", {"house_number": "123/4 hẻm 15 Nguyễn Trãi"})
    visit = _visit(volunteer, other)
    for laptop in (first, volunteer, first, second):
        laptop.sync()
    pair = duplicates.merge(first.store, first.actor, RecordKind.HOUSEHOLD, kept, other)
    first.sync()
    second.sync()
    assert [m.pair_id for m in duplicates.recent_merges(second.store)] == [pair]
    duplicates.undo_merge(second.store, second.actor, pair)
    second.sync(faults=["truncated"])
    for laptop in (first, volunteer):
        assert laptop.sync().rejected == 0
    states = [_state(laptop.store) for laptop in laptops]
    assert states[0] == states[1] == states[2]
    assert states[0]["households"][other][:2] == (False, None)
    assert states[0]["visits"][visit] == other


def test_only_leaders_merge_the_server_refuses_a_volunteers_merge(laptops: tuple[Laptop, Laptop, Laptop]) -> None:
    first, _second, volunteer = laptops
    a = _register(volunteer, "Lý Thị Lan", {"house_number": "5", "street": "Lê Lợi"})
    b = _register(volunteer, "Ly Thi Lan", {"house_number": "5", "street": "Le Loi"})
    volunteer.sync()
    # a crafted change: the laptop's own service refuses a volunteer, the server decides again
    with volunteer.store.write() as tx:
        row = tx.session.get(Household, b)
        assert row is not None
        tx.recorder.update(row, {"deleted": True, "merged_into": a})
    report = volunteer.sync()
    assert report.rejected == 1 and report.rejected_reasons == {"leader_only": 1}
    first.sync()
    assert _state(first.store)["households"][b][:2] == (False, None)


def test_the_office_server_scans_the_ward_with_the_same_scorer(laptops: tuple[Laptop, Laptop, Laptop],
                                                                ward_setup: WardSetup,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    first, _second, volunteer = laptops
    a = _register(first, "Hoàng Thị Hà", {"house_number": "9", "lane": "12", "street": "Kim Mã"})
    b = _register(volunteer, "Hoang Thi Ha", {"house_number": "09 ngõ 12 Kim Mã"})
    first.sync()
    volunteer.sync()
    households, _residents = scan_ward(ward_setup.server.db, ward_setup.ward_id)
    assert [c.pair for c in households] == [tuple(sorted((a, b)))]
    if ward_setup.server.db.engine.dialect.name == "sqlite":  # the office's command line, on the same file
        capsys.readouterr()
        assert server_cli.main(["--db", str(ward_setup.server.db.engine.url), "duplicates", "--ward", ward_setup.ward_id]) == 0
        out = capsys.readouterr().out
        assert f"{min(a, b)}  {max(a, b)}" in out and "Trùng địa chỉ, Trùng tên chủ hộ" in out
        assert out.endswith("1 household pairs, 0 resident pairs\n")
    first.sync()
    duplicates.mark_not_same(first.store, first.actor, RecordKind.HOUSEHOLD, a, b)
    first.sync()
    assert scan_ward(ward_setup.server.db, ward_setup.ward_id) == ([], [])
