"""The main window opens inside the screen: maximized on a laptop-sized screen, fitted and
centred on a larger one, the user's last geometry only while it still fits (issue 10)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect

from outreach.ui.window_geometry import FRAME_ALLOWANCE, PREFERRED_SIZE, initial_placement

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-px taskbar
LAPTOP_125 = QRect(0, 0, 1093, 582)  # the same at 125 % scaling, in logical pixels
FULL_HD = QRect(0, 0, 1920, 1040)


def test_a_laptop_screen_opens_maximized_with_a_normal_size_that_fits() -> None:
    for screen in (LAPTOP, LAPTOP_125):
        placement = initial_placement(screen)
        assert placement.maximized
        assert screen.contains(placement.rect.marginsAdded(FRAME_ALLOWANCE))


def test_a_large_screen_opens_centred_at_the_preferred_size() -> None:
    placement = initial_placement(FULL_HD)
    assert not placement.maximized
    assert placement.rect.size() == PREFERRED_SIZE
    assert abs(placement.rect.center().x() - FULL_HD.center().x()) <= 1
    assert FULL_HD.contains(placement.rect.marginsAdded(FRAME_ALLOWANCE))


def test_a_saved_geometry_is_reused_only_while_it_fits_the_screen() -> None:
    saved = QRect(100, 80, 1500, 900)
    assert initial_placement(FULL_HD, saved).rect == saved
    office_monitor = QRect(0, 0, 2400, 1300)  # saved on a bigger monitor, opened on Full HD
    placement = initial_placement(FULL_HD, office_monitor)
    assert placement.rect.size() == PREFERRED_SIZE
    assert FULL_HD.contains(placement.rect.marginsAdded(FRAME_ALLOWANCE))


def test_a_screen_on_the_right_of_another_centres_on_itself() -> None:
    second = QRect(1920, 0, 1920, 1040)
    placement = initial_placement(second, QRect(10, 10, 1200, 700))  # saved on the first screen
    assert second.contains(placement.rect.marginsAdded(FRAME_ALLOWANCE))


def test_the_real_window_opens_inside_the_available_screen(make_window: Callable[..., object], qtbot) -> None:
    from outreach.ui.main_window import MainWindow

    window = make_window()
    assert isinstance(window, MainWindow)
    available = window.screen().availableGeometry()  # the offscreen platform: 800×800, a small screen
    qtbot.waitUntil(lambda: window.isMaximized())
    qtbot.waitUntil(lambda: available.contains(window.frameGeometry()))
