"""The app offers the re-stamp itself, end to end against a real server on 127.0.0.1: a laptop
whose clock ran 3 hours fast saved a household; the server holds it back (clock_ahead). While
the clock is still wrong nothing is offered; once it is right, the app asks in Vietnamese,
re-stamps on "yes" and the household reaches the server."""

from __future__ import annotations

from typing import TYPE_CHECKING

from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, register_household
from outreach.store.database import Store
from outreach.sync.errors import ClockAhead
from tests.helpers.ui import enrol_as
from tests.ui.test_background_sync import households_on_server

if TYPE_CHECKING:
    from tests.helpers.sync import WardSetup

HOURS_3 = 3 * 3600 * 1000


def test_the_app_offers_the_restamp_once_the_clock_is_right(qtbot, make_window, store: Store, live_ward: WardSetup) -> None:
    window = make_window(role="volunteer")
    enrol_as(store, live_ward, "volunteer")
    driver = window.sync_driver
    real_wall = store.clock._wall
    store.clock._wall = lambda: real_wall() + HOURS_3  # the laptop's clock runs 3 hours fast
    profile = store.profile
    actor = Actor(profile.member_id, profile.member_name, profile.role, profile.ward_id, profile.team_id)
    register_household(store, actor, HouseholdInput("Phan Văn Khải", {"house_number": "12", "street": "Liễu Giai"}))

    with qtbot.waitSignal(driver.synced, timeout=20_000):
        window.start_background_sync(first_delay_ms=0)
    assert isinstance(driver.last_error, ClockAhead) and not driver.last_error.clock_now_right
    assert window.restamp_prompt.box is None  # the clock is still wrong: re-stamping would not help

    store.clock._wall = real_wall  # the user sets the right time
    with qtbot.waitSignal(driver.restamp_wanted, timeout=20_000):
        driver.sync_now()
    box = window.restamp_prompt.box
    assert box is not None and box.isVisible()
    assert "đồng hồ" in box.text() and "giờ" in box.text()  # asked in Vietnamese
    assert households_on_server(live_ward) == 0

    with qtbot.waitSignal(driver.synced, timeout=20_000):
        box.defaultButton().click()  # "fix the times and send"
    assert driver.last_error is None and households_on_server(live_ward) == 1
    assert window.restamp_prompt.box is None
