"""A change the server refuses for its value (issue 15) is explained in the Sync problems dialog
with the server's own message from the shared reason table, in the UI's language; the queue
behind it went through. Against a real server on 127.0.0.1."""

from __future__ import annotations

from sqlalchemy import select

from outreach.model import Household, OutboxEntry
from outreach.store.database import Store
from outreach.wire.reasons import MESSAGES, Reason
from tests.helpers.sync import WardSetup
from tests.helpers.ui import enrol_as


def test_a_value_refused_by_the_server_is_explained(qtbot, make_window, store: Store, live_ward: WardSetup) -> None:
    window = make_window(role="volunteer")
    enrol_as(store, live_ward, "volunteer")
    with store.write() as tx:
        poisoned = tx.recorder.create(Household, {"ward_id": store.profile.ward_id, "head_name": "Hộ có ký tự lạ"})
        tx.recorder.create(Household, {"ward_id": store.profile.ward_id, "head_name": "Hộ bình thường"})
    with store.write() as tx:  # as a laptop before this release recorded it: a NUL in the name
        entry = tx.session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == poisoned.id)).one()
        entry.fields = {**entry.fields, "head_name": ["Hộ có ký tự lạ\x00", entry.fields["head_name"][1]]}
    with qtbot.waitSignal(window.sync_driver.synced, timeout=20_000):
        window.start_background_sync(first_delay_ms=0)
    dialog = window.open_sync_problems()
    qtbot.waitUntil(lambda: dialog.refused_model.rowCount() >= 1, timeout=5000)
    rows = [[dialog.refused_model.index(r, c).data() for c in range(4)] for r in range(dialog.refused_model.rowCount())]
    mine = next(row for row in rows if "Hộ có ký tự lạ" in row[1])
    assert mine[3] == MESSAGES[Reason.BAD_CHARACTER][0] == "Nội dung có ký tự điều khiển hoặc ký tự không hợp lệ"
    assert not any("Hộ bình thường" in row[1] for row in rows)
    with store.read() as session:
        assert not session.scalars(select(OutboxEntry)).all()  # the queue moved on
