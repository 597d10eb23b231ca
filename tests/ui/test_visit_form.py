"""New visit: recorded keyboard-only with two filings, in one service call; the draft is dropped."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from outreach.services.households import HouseholdInput, register_household
from outreach.services.visit_draft import list_visit_drafts
from outreach.services.visits import visits_of_household
from outreach.ui.main_window import PAGE_NEW_VISIT
from tests.helpers.ui import type_text, wait_idle

TAB = Qt.Key.Key_Tab


def focused(window):
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press on whatever has focus, as the keyboard would deliver it."""
    QTest.keyClick(focused(window), key, modifier)


def type_here(window, text: str) -> None:
    type_text(focused(window), text)


def test_record_a_visit_with_two_filings_keyboard_only(qtbot, make_window, store, leader, ward) -> None:
    household = register_household(store, leader, HouseholdInput("Nguyễn Thị Lan", {"house_number": "9", "street": "Ngọc Hà"}))
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Ctrl+2: New visit
    form = window.pages[PAGE_NEW_VISIT]
    qtbot.waitUntil(lambda: focused(window) is form.household_search, timeout=2000)
    wait_idle(qtbot, window.ctx.runner)  # the procedure catalogue is loaded

    type_here(window, "nguyen thi lan")
    press(qtbot, window, Qt.Key.Key_Return)  # picks the best match
    qtbot.waitUntil(lambda: form.household_id == household.id, timeout=5000)
    assert focused(window) is form.outcome
    # members present: the leader (this computer's user) is ticked; tick the volunteer too
    press(qtbot, window, TAB, Qt.KeyboardModifier.ShiftModifier)
    assert focused(window) is form.members and form.members_present() == [ward["leader"]]
    press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Space)
    assert form.members_present() == [ward["leader"], ward["volunteer"]]
    press(qtbot, window, TAB)
    assert focused(window) is form.outcome
    press(qtbot, window, TAB)
    type_here(window, "VNeID mức 2, Hộ tịch")
    press(qtbot, window, TAB)
    type_here(window, "Hướng dẫn đăng ký khai sinh cho cháu.")
    press(qtbot, window, TAB)
    type_here(window, "30/12/2099")
    press(qtbot, window, TAB)  # satisfaction
    press(qtbot, window, TAB)
    assert focused(window) is form.procedure

    # filing 1: by code, submitted with a dossier code, fee paid online (temporary residence
    # costs 7.000 đ online; a fee-free procedure's box would be disabled and skipped)
    type_here(window, "1.004194")
    press(qtbot, window, Qt.Key.Key_Return)
    assert form._procedure is not None and form._procedure.code == "1.004194"
    assert focused(window) is form.filing_for  # for: the household
    press(qtbot, window, TAB)  # portal: national portal
    press(qtbot, window, TAB)
    assert focused(window) is form.status
    press(qtbot, window, Qt.Key.Key_Down)  # prepared → submitted
    press(qtbot, window, TAB)
    assert focused(window) is form.channel and form.channel.currentData() == "online"  # a fully-online procedure
    press(qtbot, window, TAB)  # (the electronic result waits for a completed filing: skipped)
    press(qtbot, window, Qt.Key.Key_Space)  # fee paid online
    press(qtbot, window, TAB)
    type_here(window, "H01.22-241118-0001")
    press(qtbot, window, Qt.Key.Key_Return)  # adds the filing, back to the procedure field
    assert form.filings.rowCount() == 1 and focused(window) is form.procedure

    # filing 2: by name without accents, defaults
    type_here(window, "dang ky thuong tru")
    press(qtbot, window, Qt.Key.Key_Return)
    assert form._procedure is not None and form._procedure.code == "1.004222"
    for _ in range(5):  # for → portal → status → channel → fee → dossier
        press(qtbot, window, TAB)
    assert focused(window) is form.dossier
    press(qtbot, window, Qt.Key.Key_Return)
    assert form.filings.rowCount() == 2

    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    view = saved.args[0]
    stored = visits_of_household(store, household.id)
    assert [v.id for v in stored] == [view.id]
    visit = stored[0]
    assert visit.topics == ["VNeID mức 2", "Hộ tịch"] and visit.follow_up_date is not None and visit.follow_up_date.year == 2099
    assert visit.members_present == [ward["leader"], ward["volunteer"]]
    filings = sorted((f.procedure_code, f.status, f.dossier_code, f.fee_paid_online, f.channel, f.electronic_result)
                     for f in visit.filings)
    assert filings == [("1.004194", "submitted", "H01.22-241118-0001", True, "online", None),
                       ("1.004222", "prepared", "", False, "online", None)]
    wait_idle(qtbot, window.ctx.runner)
    assert list_visit_drafts(store) == []  # saved visits leave no draft behind
    assert form.is_empty() and form.members_present() == [ward["leader"]]


def test_the_channel_follows_the_procedure_and_an_electronic_result_needs_a_completed_filing(qtbot, window) -> None:
    form = window.show_page(PAGE_NEW_VISIT)
    wait_idle(qtbot, window.ctx.runner)
    form._pick_procedure("3.000228")  # VNeID level 2: done in person at the police
    assert form.channel.currentData() == "counter"
    form._pick_procedure("1.001193")
    assert form.channel.currentData() == "online"
    assert not form.electronic.isEnabled()
    form.status.setCurrentIndex(form.status.findData("completed"))
    assert form.electronic.isEnabled()
    form.electronic.setChecked(True)
    form.dossier.setText("H01.22-241118-0009")
    form.add_filing()
    [row] = form.filings.rows
    assert (row.status, row.channel, row.electronic_result) == ("completed", "online", True)
    assert not form.electronic.isChecked() and form.channel.currentIndex() == 0


def test_missing_household_is_shown_inline(qtbot, window, store) -> None:
    form = window.show_page(PAGE_NEW_VISIT)
    form.save()
    assert form.errors.text_for("household_id")


def test_members_present_survive_a_draft_and_a_former_member_is_kept(qtbot, window, ward) -> None:
    form = window.show_page(PAGE_NEW_VISIT)
    wait_idle(qtbot, window.ctx.runner)  # the team is loaded
    form.set_members_present([ward["volunteer"]])
    draft = form.draft()
    assert draft.members_present == [ward["volunteer"]]
    form.reset()
    assert form.members_present() == [ward["leader"]]
    form.restore_draft(dataclasses.replace(draft, members_present=[ward["volunteer"], "0193-gone"]))
    assert form.members_present() == [ward["volunteer"], "0193-gone"]
