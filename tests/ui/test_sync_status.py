"""The status bar's sync state, against a real server on 127.0.0.1: the waiting count follows each
save, a failure says why in words, a finished sync says what it sent and received, and the list
of what is not yet on the server names the records."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from outreach.services.changes import Changes
from outreach.services.context import Actor
from outreach.services.device import unsent_counts
from outreach.services.households import HouseholdInput, register_household
from outreach.store.database import Store
from outreach.ui.sync_hook import STATE_OFFLINE
from tests.helpers.ui import enrol_as

if TYPE_CHECKING:
    from tests.helpers.sync import WardSetup

LONG_MS = 10 * 60_000  # no sync on its own during a test: only the ones it asks for
FINISHED = re.compile(r"Đã gửi (\d+), đã nhận (\d+) thay đổi — \d\d:\d\d")


def _actor(store: Store) -> Actor:
    p = store.profile
    return Actor(p.member_id, p.member_name, p.role, p.ward_id, p.team_id)


def _enrolled_window(qtbot, make_window, store: Store, live_ward: WardSetup):
    window = make_window(role="volunteer")
    enrol_as(store, live_ward, "volunteer")
    window.sync_driver.after_change_delay_ms = LONG_MS
    with qtbot.waitSignal(window.sync_driver.synced, timeout=20_000):
        window.start_background_sync(first_delay_ms=0)
    window.sync_driver._periodic.stop()  # the five-minute tick is not what these tests are about
    return window


def _save_household(qtbot, window, store: Store, name: str, street: str) -> None:
    """As a screen saves: one write on the runner's serial writer, saying what it changed."""
    data = HouseholdInput(name, {"house_number": "5", "street": street})
    with qtbot.waitSignal(window.ctx.runner.changed, timeout=10_000):
        window.ctx.runner.mutate(register_household, store, _actor(store), data, changes=Changes(households=True))


def test_a_finished_sync_says_what_it_sent_and_received(qtbot, make_window, store: Store, live_ward: WardSetup) -> None:
    window = _enrolled_window(qtbot, make_window, store, live_ward)
    qtbot.waitUntil(lambda: FINISHED.search(window.sync_label.text()) is not None, timeout=5000)  # queued to the bar
    first = FINISHED.search(window.sync_label.text())
    assert first is not None and int(first.group(2)) > 0  # the enrolment's first pull brought the team
    _save_household(qtbot, window, store, "Vũ Thị Nga", "Đội Cấn")
    waiting = unsent_counts(store)[0]
    assert waiting > 0
    with qtbot.waitSignal(window.sync_driver.synced, timeout=20_000):
        window.sync_driver.sync_now()
    qtbot.waitUntil(lambda: (m := FINISHED.search(window.sync_label.text())) is not None and m.group(1) == str(waiting),
                    timeout=5000)
    assert "chờ gửi" not in window.sync_label.text()


def test_the_waiting_count_follows_each_save_before_any_sync(qtbot, make_window, store: Store, live_ward: WardSetup) -> None:
    window = _enrolled_window(qtbot, make_window, store, live_ward)
    synced: list[bool] = []
    window.sync_driver.synced.connect(lambda: synced.append(True))
    _save_household(qtbot, window, store, "Vũ Thị Nga", "Đội Cấn")
    after_one = unsent_counts(store)[0]
    qtbot.waitUntil(lambda: f"{after_one} thay đổi chờ gửi" in window.sync_label.text(), timeout=5000)
    _save_household(qtbot, window, store, "Đỗ Văn Hải", "Kim Mã")
    after_two = unsent_counts(store)[0]
    assert after_two > after_one
    qtbot.waitUntil(lambda: f"{after_two} thay đổi chờ gửi" in window.sync_label.text(), timeout=5000)
    assert synced == []  # the bar followed the saves, not a sync


def test_an_unreachable_server_is_said_in_words(qtbot, make_window, store: Store, live_ward: WardSetup) -> None:
    window = _enrolled_window(qtbot, make_window, store, live_ward)
    _save_household(qtbot, window, store, "Vũ Thị Nga", "Đội Cấn")
    live_ward.server.stop()
    with qtbot.waitSignal(window.sync_driver.synced, timeout=60_000):
        window.sync_driver.sync_now()
    assert window.sync_driver.last_status.state == STATE_OFFLINE
    qtbot.waitUntil(lambda: "Không kết nối được máy chủ — các thay đổi vẫn được lưu trên máy" in window.sync_label.text(),
                    timeout=5000)
    assert f"{unsent_counts(store)[0]} thay đổi chờ gửi" in window.sync_label.text()
    assert "Error" not in window.sync_label.text()

    assert window.problems_button.isVisible()  # "Sự cố đồng bộ…" says so too
    dialog = window.open_sync_problems()
    assert dialog.sync_failure.isVisibleTo(dialog)
    assert dialog.sync_failure.text() == "Không kết nối được máy chủ — các thay đổi vẫn được lưu trên máy"


def test_the_unsent_list_names_the_records_and_empties_after_a_sync(qtbot, make_window, store: Store, live_ward: WardSetup) -> None:
    window = _enrolled_window(qtbot, make_window, store, live_ward)
    # the bar recounts what is unsent on the runner after the first sync: wait for that count (on
    # a loaded machine the button could still show the count from before the sync here)
    qtbot.waitUntil(lambda: not window.unsent_button.isVisible(), timeout=5000)
    _save_household(qtbot, window, store, "Vũ Thị Nga", "Đội Cấn")
    qtbot.waitUntil(window.unsent_button.isVisible, timeout=5000)
    QTest.mouseClick(window.unsent_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    assert dialog is not None and dialog.objectName() == "unsentDialog"
    qtbot.waitUntil(lambda: bool(dialog.records), timeout=5000)
    model = dialog.model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert ["Hộ gia đình", "Vũ Thị Nga", "Số 5, Đội Cấn"] in [row[:3] for row in rows]
    assert "1 hộ gia đình" in dialog.summary.text()

    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        QTest.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)  # its "Sync now" syncs; the list follows
    qtbot.waitUntil(lambda: not dialog.records, timeout=20_000)
    assert dialog.summary.text() == "Mọi thay đổi đã lên máy chủ."
    qtbot.waitUntil(lambda: not window.unsent_button.isVisible(), timeout=5000)
