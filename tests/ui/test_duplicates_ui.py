"""The leader's "Possible duplicates": the status bar says how many, the dialog compares two
records side by side, merges by keyboard, remembers "not the same", undoes a merge; 1366×768."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from outreach.model import Household
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, ResidentInput, add_resident, register_household
from outreach.store.database import Store
from tests.helpers.ui import wait_idle

SHOTS = Path(os.environ.get("OUTREACH_SHOTS", "/tmp/shots-dupes"))


def _family_twice(store: Store, leader: Actor) -> tuple[str, str]:
    a = register_household(store, leader, HouseholdInput("Nguyễn Văn Thành", {"house_number": "12A", "lane": "45",
                                                                               "street": "Đội Cấn"}, phone="0912345678"))
    add_resident(store, leader, a.id, ResidentInput("Nguyễn Thị Lan", None))
    b = register_household(store, leader, HouseholdInput("nguyen van thanh", {"house_number": "12a ngo 45 Doi Can"}),
                           confirm=True)
    return a.id, b.id


def _open(qtbot, window):
    window.scan_duplicates()
    qtbot.waitUntil(lambda: window.duplicates_button.isVisible(), timeout=10_000)
    dialog = window.open_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.candidates) and dialog.first_side.body.text() != "", timeout=10_000)
    wait_idle(qtbot, window.ctx.runner)
    return dialog


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_leader_sees_the_pair_side_by_side_and_it_fits_a_laptop(qtbot, make_window, store: Store, leader: Actor,
                                                                     language: str) -> None:
    _family_twice(store, leader)
    window = make_window(role="leader", language=language)
    window.resize(1366, 768)
    dialog = _open(qtbot, window)
    assert window.duplicates_found == 1
    assert "12A" in dialog.first_side.body.text() + dialog.second_side.body.text()
    assert "Nguyễn Thị Lan" in dialog.first_side.body.text() + dialog.second_side.body.text()
    assert dialog.width() <= 1366 and dialog.height() <= 740
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / f"{language}-duplicates.png"))
    assert window.grab().save(str(SHOTS / f"{language}-duplicates-statusbar.png"))


def test_merge_by_keyboard_then_undo(qtbot, make_window, store: Store, leader: Actor) -> None:
    a, b = _family_twice(store, leader)
    window = make_window(role="leader", language="en")
    dialog = _open(qtbot, window)
    keep = dialog.candidates[0].first_id
    QTest.keyClick(dialog, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # keep record 1
    qtbot.waitUntil(lambda: dialog.candidates == [] and bool(dialog.merges), timeout=10_000)
    wait_idle(qtbot, window.ctx.runner)
    with store.read() as session:
        gone = session.scalars(select(Household).where(Household.deleted.is_(True))).one()
        assert gone.merged_into == keep and {gone.id, keep} == {a, b}
    qtbot.waitUntil(lambda: not window.duplicates_button.isVisible(), timeout=10_000)
    QTest.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # undo merge
    qtbot.waitUntil(lambda: len(dialog.candidates) == 1 and not dialog.merges, timeout=10_000)
    wait_idle(qtbot, window.ctx.runner)
    with store.read() as session:
        assert session.scalars(select(Household).where(Household.deleted.is_(True))).first() is None


def test_the_leader_chooses_a_fields_value_before_merging(qtbot, make_window, store: Store, leader: Actor) -> None:
    a, b = _family_twice(store, leader)
    window = make_window(role="leader", language="en")
    dialog = _open(qtbot, window)
    assert dialog.candidates[0].pair == (a, b)  # a registered first: the smaller UUIDv7
    fields = [c.field for c in dialog.fields]
    assert fields[:3] == ["address", "head_name", "phone"]
    row = fields.index("address")
    assert dialog.fields_table.item(row, 1).text() == "Số 12A, ngõ 45, Đội Cấn"
    combo = dialog.fields_table.cellWidget(row, 3)
    assert combo.currentText() == "Record 2"  # b's address was typed later: the default
    combo.setCurrentIndex(0)
    QTest.keyClick(dialog, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # keep record 2 (b)
    qtbot.waitUntil(lambda: dialog.candidates == [], timeout=10_000)
    wait_idle(qtbot, window.ctx.runner)
    with store.read() as session:
        kept = session.get(Household, b)
        assert kept is not None and not kept.deleted
        assert kept.address == {"house_number": "12A", "lane": "45", "street": "Đội Cấn"}
        assert kept.head_name == "nguyen van thanh" and kept.phone == "0912345678"  # b's head; a's phone (b had none)


def test_not_the_same_is_not_offered_again(qtbot, make_window, store: Store, leader: Actor) -> None:
    _family_twice(store, leader)
    window = make_window(role="leader", language="vi")
    dialog = _open(qtbot, window)
    assert dialog.not_same.text() == "&Không phải một"
    QTest.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.candidates == [] and dialog.summary.text() != "", timeout=10_000)
    wait_idle(qtbot, window.ctx.runner)
    dialog.reload()
    wait_idle(qtbot, window.ctx.runner)
    assert dialog.candidates == []


def test_a_volunteer_is_not_shown_the_scan(qtbot, make_window, store: Store, leader: Actor) -> None:
    _family_twice(store, leader)
    window = make_window(role="volunteer")
    window.scan_duplicates()
    wait_idle(qtbot, window.ctx.runner)
    assert not window.duplicates_button.isVisible() and window.duplicates_found == 0


def test_pairs_that_arrived_since_the_leader_looked_are_marked_new(qtbot, make_window, store: Store, leader: Actor) -> None:
    _family_twice(store, leader)
    window = make_window(role="leader", language="en")
    dialog = _open(qtbot, window)
    assert [dialog.model.rows[0][0]] == [""]  # the first look: nothing to tell apart
    dialog.close()
    # a sync brings another family registered twice
    c = register_household(store, leader, HouseholdInput("Võ Thị Mai", {"house_number": "123/4", "lane": "15",
                                                                          "street": "Nguyễn Trãi"}))
    d = register_household(store, leader, HouseholdInput("Vo Thi Mai", {"house_number": "123/4 hẻm 15 Nguyễn Trãi"}),
                           confirm=True)
    window.scan_duplicates()
    qtbot.waitUntil(lambda: window.duplicates_found == 2, timeout=10_000)
    assert window.duplicates_button.text() == "Possible duplicates: 2 (1 new)…"
    dialog = window.open_duplicates()
    qtbot.waitUntil(lambda: len(dialog.candidates) == 2, timeout=10_000)
    marks = {c.pair: row[0] for c, row in zip(dialog.candidates, dialog.model.rows, strict=True)}
    assert marks[tuple(sorted((c.id, d.id)))] == "new" and sorted(marks.values()) == ["", "new"]
    wait_idle(qtbot, window.ctx.runner)
