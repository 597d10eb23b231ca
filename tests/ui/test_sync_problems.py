"""The Sync problems dialog against a real server on 127.0.0.1: a refused change is shown with
its record and reason and can be discarded; a leader sees a value another laptop's concurrent
edit overwrote, and restores it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from outreach.model import Household, Visit
from outreach.model.clock import HybridLogicalClock, new_node_id
from outreach.services.device import needs_attention, refused_changes
from outreach.store.database import Store
from outreach.sync.client import run_sync
from tests.helpers.sync import WardSetup, enrol_fast, fast_store
from tests.helpers.ui import enrol_as
from tests.sync.test_sync_rights import lock
from tests.sync.test_sync_roles import push


def head_name(store: Store, household_id: str) -> str:
    with store.read() as session:
        return session.get_one(Household, household_id).head_name


def test_a_refused_change_is_explained_and_discarded(qtbot, make_window, store: Store, live_ward: WardSetup) -> None:
    window = make_window(role="volunteer")
    enrol_as(store, live_ward, "volunteer")
    with store.write() as tx:  # a record without a ward: the server refuses it
        tx.recorder.create(Household, {"ward_id": None, "head_name": "Không rõ phường"})
    with qtbot.waitSignal(window.sync_driver.synced, timeout=20_000):
        window.start_background_sync(first_delay_ms=0)
    qtbot.waitUntil(lambda: window.problems_button.isVisible(), timeout=5000)
    refused = len(needs_attention(store))  # also the test ward's own records, made before enrolling
    assert f"{refused} cần xử lý" in window.sync_label.text()

    dialog = window.open_sync_problems()
    qtbot.waitUntil(lambda: dialog.refused_model.rowCount() == refused, timeout=5000)
    rows = [[dialog.refused_model.index(r, c).data() for c in range(4)] for r in range(refused)]
    mine = next(r for r, row in enumerate(rows) if "Không rõ phường" in row[1])
    assert rows[mine][1] == "Hộ gia đình: Không rõ phường" and rows[mine][3] == "Bản ghi không thuộc phường nào"
    dialog.refused_table.selectRow(mine)
    dialog.ask_discard()
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        next(b for b in dialog.question.buttons() if b.text() == "Bỏ").click()
    left = refused_changes(store)
    assert len(left) == refused - 1 and all(c.record != "Không rõ phường" for c in left)
    qtbot.waitUntil(lambda: dialog.refused_model.rowCount() == refused - 1, timeout=5000)


def test_a_leader_restores_a_value_overwritten_by_another_laptop(
    qtbot, make_window, store: Store, live_ward: WardSetup, tmp_path: Path
) -> None:
    window = make_window(role="leader")
    enrol_as(store, live_ward, "leader")
    with store.write() as tx:
        household = tx.recorder.create(Household, {"ward_id": store.profile.ward_id, "head_name": "Nguyễn Văn An"})
    run_sync(store)
    other = fast_store(tmp_path / "template", tmp_path / "other")
    other_transport = enrol_fast(live_ward, other)
    run_sync(other, transport=other_transport)

    with store.write() as tx:  # the leader corrects the name ...
        tx.recorder.update(tx.session.get_one(Household, household.id), {"head_name": "Nguyễn Văn Ân"})
    run_sync(store)
    with other.write() as tx:  # ... while a volunteer, not yet synced, writes another spelling
        tx.recorder.update(tx.session.get_one(Household, household.id), {"head_name": "Nguyễn Văn Anh"})
    run_sync(other, transport=other_transport)
    run_sync(store)
    assert head_name(store, household.id) == "Nguyễn Văn Anh"  # the later edit won everywhere

    dialog = window.open_sync_problems()
    qtbot.waitUntil(lambda: dialog.overwritten_model.rowCount() == 1, timeout=10_000)
    row = [dialog.overwritten_model.index(0, c).data() for c in range(5)]
    assert row[2] == "Chủ hộ" and row[3] == "Nguyễn Văn Ân" and row[4] == "Nguyễn Văn Anh"
    with qtbot.waitSignals([dialog.changed, window.sync_driver.synced], timeout=20_000):
        dialog.restore_selected()  # then the app sends the restored value at once
    assert head_name(store, household.id) == "Nguyễn Văn Ân"
    qtbot.waitUntil(lambda: dialog.overwritten_model.rowCount() == 0, timeout=10_000)  # resolved on the server
    run_sync(other, transport=other_transport)
    assert head_name(other, household.id) == "Nguyễn Văn Ân"
    other_transport.close()
    other.close()


def test_an_edit_in_a_week_the_leader_locked_is_explained(qtbot, make_window, store: Store, live_ward: WardSetup,
                                                          tmp_path: Path) -> None:
    """The server refuses a volunteer's edit in a locked week (``week_locked``); the dialog says why, in Vietnamese."""
    window = make_window(role="volunteer")
    enrol_as(store, live_ward, "volunteer")
    profile = store.profile
    with store.write() as tx:
        visit = tx.recorder.create(Visit, {"ward_id": profile.ward_id, "team_id": profile.team_id, "volunteer_id": profile.member_id,
                                           "started_at": dt.datetime(2026, 3, 2, 9, 0)})
    run_sync(store)
    leader = enrol_fast(live_ward, fast_store(tmp_path / "template", tmp_path / "leader"), role="leader")
    assert push(leader, lock(live_ward, HybridLogicalClock(new_node_id()))) == [("applied", None)]
    with store.write() as tx:  # edited before this laptop heard of the lock
        tx.recorder.update(tx.session.get_one(Visit, visit.id), {"notes": "sửa muộn"})
    with qtbot.waitSignal(window.sync_driver.synced, timeout=20_000):
        window.start_background_sync(first_delay_ms=0)
    dialog = window.open_sync_problems()
    reason = "Tuần của lần thăm hộ này đã được đội trưởng duyệt và khoá; cần đội trưởng mở khoá trước khi sửa"
    qtbot.waitUntil(lambda: any(dialog.refused_model.index(r, 3).data() == reason for r in range(dialog.refused_model.rowCount())),
                    timeout=5000)
    leader.close()


def test_a_group_taken_by_two_leaders_at_once_shows_the_losing_team_by_name(
    qtbot, make_window, store: Store, live_ward: WardSetup, tmp_path: Path
) -> None:
    """Two leaders take one residential group into their teams' areas at once (issue 12): the later
    wins, and the first sees the team they lost by its name and restores it."""
    import dataclasses

    from sqlalchemy import select

    from outreach.model import ResidentialGroup
    from outreach.server import admin
    from outreach.services.areas import assign_group, group_areas
    from outreach.services.context import Actor
    from outreach.timeutil import today_local

    window = make_window(role="leader")
    enrol_as(store, live_ward, "leader")
    run_sync(store)
    with store.read() as session:
        group = session.scalars(select(ResidentialGroup.id).where(ResidentialGroup.ward_id == live_ward.ward_id)).one()
    second_team = admin.add_team(live_ward.server.db, live_ward.ward_id, "Đội cơ động số 2")
    other = fast_store(tmp_path / "template", tmp_path / "other")
    other_transport = enrol_fast(dataclasses.replace(live_ward, team_id=second_team), other, role="leader")
    run_sync(other, transport=other_transport)

    def actor(laptop: Store) -> Actor:
        p = laptop.profile
        return Actor(p.member_id, p.member_name, "leader", p.ward_id, p.team_id)

    assign_group(store, actor(store), group, live_ward.team_id, today_local())
    assign_group(other, actor(other), group, second_team, today_local())
    run_sync(store)
    run_sync(other, transport=other_transport)
    run_sync(store)
    assert [a.team_id for a in group_areas(store, ward_id=live_ward.ward_id)] == [second_team]

    dialog = window.open_sync_problems()
    qtbot.waitUntil(lambda: dialog.overwritten_model.rowCount() == 1, timeout=10_000)
    row = [dialog.overwritten_model.index(0, c).data() for c in range(5)]
    own_name = f"Đội cơ động {live_ward.ward_id[-6:]}"
    assert row[1:] == ["Tổ dân phố: Tổ dân phố số 1", "Đội", own_name, "Đội cơ động số 2"]
    with qtbot.waitSignals([dialog.changed, window.sync_driver.synced], timeout=20_000):
        dialog.restore_selected()
    run_sync(other, transport=other_transport)
    assert [a.team_id for a in group_areas(other, ward_id=live_ward.ward_id)] == [live_ward.team_id]
    other_transport.close()
    other.close()
