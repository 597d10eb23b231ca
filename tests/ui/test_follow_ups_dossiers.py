"""Follow-ups list the dossiers past their expected result date (issue 11), to look up on the portal."""

from __future__ import annotations

import datetime as dt

from outreach.model import Filing, Household, Procedure, Visit
from outreach.model.ids import uuid7
from outreach.services.procedures import seed_catalogue
from outreach.store.database import Store
from outreach.timeutil import today_local
from outreach.ui.screens.follow_ups_view import FollowUpsView
from tests.helpers.ui import wait_idle


def test_follow_ups_show_overdue_dossiers_with_their_expected_date(qtbot, make_window, store: Store, ward: dict[str, str]) -> None:
    window = make_window("leader")
    w, vol = ward["ward"], ward["volunteer"]
    old = dt.datetime.combine(today_local() - dt.timedelta(days=60), dt.time(9))
    recent = dt.datetime.combine(today_local(), dt.time(0, 1))
    hid, v1, v2 = uuid7(), uuid7(), uuid7()
    seed_catalogue(store)
    with store.write() as tx:
        tx.recorder.update(tx.session.get_one(Procedure, "1.004222"), {"channels": {}, "province_overrides": {}})
        tx.recorder.insert_many(Household, [{"id": hid, "ward_id": w, "group_id": ward["group_a"], "head_name": "Đỗ Văn Tâm"}])
        tx.recorder.insert_many(Visit, [
            {"id": v1, "ward_id": w, "household_id": hid, "volunteer_id": vol, "team_id": ward["team"], "started_at": old},
            {"id": v2, "ward_id": w, "household_id": hid, "volunteer_id": vol, "team_id": ward["team"], "started_at": recent},
        ])
        tx.recorder.insert_many(Filing, [
            {"ward_id": w, "visit_id": v1, "procedure_code": "1.004222", "status": "submitted", "channel": "online",
             "dossier": {"portal": "dvcqg", "dossier_code": "H01.1-OLD"}},
            {"ward_id": w, "visit_id": v2, "procedure_code": "1.004222", "status": "submitted", "channel": "online",
             "dossier": {"portal": "dvcqg", "dossier_code": "H01.1-NEW"}},  # 5 working days from today: not yet due
        ])
    bare = FollowUpsView(window.ctx)  # the catalogue has no processing time for it: nothing is overdue
    qtbot.addWidget(bare)
    bare.show()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: bare.dossier_summary.text() != "", timeout=5000)
    assert bare.dossier_model.rowCount() == 0 and not bare.dossier_table.isVisible()

    with store.write() as tx:  # the office's catalogue gives it 5 working days online (as a pull would)
        tx.recorder.update(tx.session.get_one(Procedure, "1.004222"), {"channels": {"online": {"days": 5, "fee_vnd": 0}}})
    view = FollowUpsView(window.ctx)
    qtbot.addWidget(view)
    view.show()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: view.dossier_model.rowCount() == 1, timeout=5000)
    [row] = view.dossier_model.rows
    assert row[0] == "H01.1-OLD" and row[4] == "Đỗ Văn Tâm"
    expected = view.dossiers[0].expected_on
    assert expected is not None and expected < today_local()
    assert row[2] == old.strftime("%d/%m/%Y") and row[3] == expected.strftime("%d/%m/%Y")
    assert view.dossier_table.isVisible() and view.dossier_summary.text().startswith("1 ")

