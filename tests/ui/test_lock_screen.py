"""The app lock in the real window: it covers every screen and every open dialog, swallows clicks
and shortcuts, comes back after idle time and on Ctrl+L, waits longer after wrong PINs, keeps a
half-typed form, lets the background sync go on, and leaves the PIN in no file and no log."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from outreach import secrets
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, register_household
from outreach.store import app_lock
from outreach.store.database import Store
from outreach.ui.dialogs.ask import Choice, ask
from outreach.ui.main_window import PAGE_COUNT, PAGE_HOUSEHOLDS, PAGE_NEW_VISIT
from tests.helpers.sync import WardSetup
from tests.ui.test_background_sync import households_on_server, start_enrolled_window

PIN = "271828"


def locked_window(qtbot, make_window, store: Store, *, pin: str | None = PIN):
    if not store.profile.encrypted:
        pytest.skip("the lock needs the keyring")
    if pin is not None:
        app_lock.set_pin(store.profile, pin, pin)
    window = make_window(role="leader")
    window.start_app_lock(lock_now=True)
    qtbot.waitUntil(lambda: window.app_lock.locked and window.app_lock.screen.pin.isEnabled(), timeout=10_000)
    return window


def unlock(qtbot, window, pin: str = PIN) -> None:
    screen = window.app_lock.screen
    qtbot.waitUntil(screen.pin.isEnabled, timeout=10_000)  # the lock asked the keyring whether a wait is due
    qtbot.keyClicks(screen.pin, pin)
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.app_lock.locked, timeout=10_000)


def covers_the_window(window) -> bool:
    """The lock screen is the widget under every point of the window (pages, navigation, status bar)."""
    screen = window.app_lock.screen
    rect = window.rect()
    points = [rect.center(), QPoint(5, 5), QPoint(rect.width() - 5, rect.height() - 5), QPoint(5, rect.height() - 5)]
    for point in points:
        under = window.childAt(point)
        if not (under is screen or (under is not None and screen.isAncestorOf(under))):
            return False
    return screen.isVisible() and screen.geometry() == rect


def test_the_lock_covers_every_screen_and_swallows_clicks_and_shortcuts(qtbot, make_window, store: Store) -> None:
    window = locked_window(qtbot, make_window, store)
    assert covers_the_window(window)
    unlock(qtbot, window)
    for key in range(PAGE_COUNT):
        window.show_page(key)
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert window.app_lock.locked and covers_the_window(window), key
        page_before = window.stack.currentIndex()
        qtbot.keyClick(window.app_lock.screen.pin, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Ctrl+1: a page switch
        nav = window.nav
        qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item((key + 1) % PAGE_COUNT)).center())
        assert window.stack.currentIndex() == page_before and nav.currentRow() == key
        unlock(qtbot, window)
        assert not window.app_lock.screen.isVisible()


def covered(window: QWidget) -> bool:
    """An opaque cover of the lock is the widget under the middle of ``window``."""
    under = window.childAt(window.rect().center())
    while under is not None and under.objectName() != "lockCover":
        under = under.parentWidget()
    return under is not None and under.isVisible()


def test_open_dialogs_are_covered_while_locked_and_come_back_as_they_were(qtbot, make_window, store: Store) -> None:
    window = locked_window(qtbot, make_window, store)
    unlock(qtbot, window)
    answered: list[str | None] = []
    box = ask(window, "Câu hỏi", "Một hộp thoại đang mở", [Choice("ok", "OK")], answered.append)
    closing = ask(window, "Tiến trình", "Đóng trong khi máy khoá", [Choice("ok", "OK")], answered.append)
    qtbot.waitUntil(lambda: box.isVisible() and closing.isVisible())
    qtbot.keyClick(box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # from inside the dialog
    assert window.app_lock.locked and covered(box) and covered(closing)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # its default button does not answer while locked
    assert answered == [] and box.isVisible()
    late = QWidget(None, Qt.WindowType.Dialog)  # a window a background task opens while locked
    qtbot.addWidget(late)
    late.resize(300, 200)
    late.show()
    qtbot.waitUntil(lambda: covered(late))
    closing.done(0)  # the code closes one meanwhile: it stays closed
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: not covered(box) and not covered(late))
    assert box.isVisible() and late.isVisible() and not closing.isVisible()


def test_first_start_asks_to_choose_a_pin_which_is_in_no_file_and_no_log(qtbot, make_window, store: Store) -> None:
    log_file = store.profile.data_dir / "logs" / "test.log"
    log_file.parent.mkdir(exist_ok=True)
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        window = locked_window(qtbot, make_window, store, pin=None)
        screen = window.app_lock.screen
        assert screen.choosing and screen.again.isVisible() and "Chọn mã PIN" in screen.title.text()
        qtbot.keyClicks(screen.pin, PIN)
        qtbot.keyClicks(screen.again, "271829")
        screen.button.click()
        qtbot.waitUntil(lambda: "không khớp" in screen.message.text(), timeout=10_000)
        assert window.app_lock.locked and secrets.get_pin_hash(store.profile.profile_id) is None
        qtbot.keyClicks(screen.pin, PIN)
        qtbot.keyClicks(screen.again, PIN)
        screen.button.click()
        qtbot.waitUntil(lambda: not window.app_lock.locked, timeout=10_000)
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(screen.pin.isEnabled, timeout=10_000)
        qtbot.keyClicks(screen.pin, "000000")  # a wrong one is logged (without the PIN), then the right one
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.message.text() == "Mã PIN không đúng.", timeout=10_000)
        unlock(qtbot, window)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()
    stored = secrets.get_pin_hash(store.profile.profile_id)
    assert stored is not None and stored.startswith("$argon2id$")
    files = [p for p in store.profile.data_dir.rglob("*") if p.is_file()]
    assert log_file in files and log_file.stat().st_size > 0
    for path in files:
        assert PIN.encode() not in path.read_bytes(), path


def test_wrong_pins_make_the_lock_screen_wait_longer(qtbot, make_window, store: Store) -> None:
    window = locked_window(qtbot, make_window, store)
    screen = window.app_lock.screen
    for _ in range(app_lock.FREE_ATTEMPTS - 1):
        qtbot.keyClicks(screen.pin, "0000")
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.message.text() == "Mã PIN không đúng.", timeout=10_000)
        qtbot.waitUntil(screen.pin.isEnabled)
        screen.message.clear()
    qtbot.keyClicks(screen.pin, "0000")
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "thử lại sau" in screen.message.text(), timeout=10_000)
    assert not screen.pin.isEnabled() and not screen.button.isEnabled() and window.app_lock.locked
    assert 0 < app_lock.wait_left(store.profile) <= app_lock.FIRST_DELAY_S


def test_idle_time_locks_and_a_half_typed_form_survives(qtbot, make_window, store: Store) -> None:
    window = locked_window(qtbot, make_window, store)
    unlock(qtbot, window)
    window.show_page(PAGE_NEW_VISIT)
    form = window.page(PAGE_NEW_VISIT)
    qtbot.keyClicks(form.household_search, "Nguyen Van")
    window.app_lock.idle.setInterval(300)  # "10 minutes" of a test: restarted by every key and click
    qtbot.keyClick(form.household_search, Qt.Key.Key_End)
    assert not window.app_lock.locked
    qtbot.waitUntil(lambda: window.app_lock.locked, timeout=5_000)  # nobody touched it for 300 ms
    assert covers_the_window(window)
    unlock(qtbot, window)
    assert window.stack.currentIndex() == PAGE_NEW_VISIT and form.household_search.text() == "Nguyen Van"
    window.show_page(PAGE_HOUSEHOLDS)


def test_background_sync_goes_on_while_locked(qtbot, make_window, store: Store, live_ward: WardSetup) -> None:
    if not store.profile.encrypted:
        pytest.skip("the lock needs the keyring")
    window = start_enrolled_window(make_window, store, live_ward)
    app_lock.set_pin(store.profile, PIN, PIN)
    window.start_app_lock(lock_now=True)
    qtbot.waitUntil(lambda: window.app_lock.locked, timeout=10_000)
    profile = store.profile
    actor = Actor(profile.member_id, profile.member_name, profile.role, profile.ward_id, profile.team_id)
    register_household(store, actor, HouseholdInput("Vũ Thị Nga", {"house_number": "5", "street": "Đội Cấn"}))
    with qtbot.waitSignal(window.sync_driver.synced, timeout=20_000):
        window.start_background_sync(first_delay_ms=0)
    assert households_on_server(live_ward) == 1 and window.app_lock.locked


def test_settings_change_the_pin_after_the_current_one(qtbot, make_window, store: Store) -> None:
    from outreach.ui.main_window import PAGE_SETTINGS

    window = locked_window(qtbot, make_window, store)
    unlock(qtbot, window)
    window.show_page(PAGE_SETTINGS)
    settings = window.page(PAGE_SETTINGS)
    qtbot.mouseClick(settings.change_pin_button, Qt.MouseButton.LeftButton)
    assert window.app_lock.locked and covers_the_window(window)
    screen = window.app_lock.screen
    qtbot.waitUntil(screen.pin.isEnabled, timeout=10_000)
    assert not screen.choosing  # the current PIN first
    qtbot.keyClicks(screen.pin, PIN)
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.choosing and screen.pin.isEnabled(), timeout=10_000)
    assert window.app_lock.locked
    qtbot.keyClicks(screen.pin, "5555")
    qtbot.keyClicks(screen.again, "5555")
    screen.button.click()
    qtbot.waitUntil(lambda: not window.app_lock.locked, timeout=10_000)
    assert app_lock.check_pin(store.profile, "5555").ok and not app_lock.check_pin(store.profile, PIN).ok
