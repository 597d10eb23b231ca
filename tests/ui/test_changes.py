"""What a write changed reaches every screen, and each reloads only if it shows that data.

The main window no longer lists which pages to reload after which save: a write says what it
changed (``Changes``) and each screen decides. These tests count each screen's reloads (its
``loaded`` / ``results_shown`` signal) after writes of different kinds; ``wait_idle`` is enough
to see them, since a screen starts its reload while the write's result is being delivered.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from outreach.services.changes import Changes
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, register_household
from outreach.services.review import approve_visit
from outreach.services.visits import VisitInput, record_visit
from outreach.store.database import Store
from outreach.timeutil import iso_week_of, now_local
from outreach.ui.main_window import PAGE_FOLLOW_UPS, PAGE_HOUSEHOLDS, PAGE_WEEKLY_LOG
from tests.helpers.ui import enrol_as, wait_idle

if TYPE_CHECKING:
    from tests.helpers.sync import WardSetup


class Reloads:
    """How many times each screen reloaded since ``reset``."""

    def __init__(self, window) -> None:
        self.counts = {PAGE_HOUSEHOLDS: 0, PAGE_WEEKLY_LOG: 0, PAGE_FOLLOW_UPS: 0}
        window.page(PAGE_HOUSEHOLDS).results_shown.connect(lambda _n: self._bump(PAGE_HOUSEHOLDS))
        window.page(PAGE_WEEKLY_LOG).loaded.connect(lambda: self._bump(PAGE_WEEKLY_LOG))
        window.page(PAGE_FOLLOW_UPS).loaded.connect(lambda: self._bump(PAGE_FOLLOW_UPS))

    def _bump(self, key: int) -> None:
        self.counts[key] += 1

    def reset(self) -> None:
        self.counts = dict.fromkeys(self.counts, 0)


def _actor(store: Store) -> Actor:
    p = store.profile
    return Actor(p.member_id, p.member_name, p.role, p.ward_id, p.team_id)


def _window_with_pages(qtbot, make_window):
    window = make_window(role="leader")
    reloads = Reloads(window)
    wait_idle(qtbot, window.ctx.runner)
    reloads.reset()
    return window, reloads


def test_a_registered_household_reloads_the_households_screen_not_the_weekly_log(qtbot, make_window, store: Store) -> None:
    window, reloads = _window_with_pages(qtbot, make_window)
    households = window.page(PAGE_HOUSEHOLDS)
    before = households.model.rowCount()
    window.ctx.runner.mutate(register_household, store, _actor(store),
                             HouseholdInput("Vũ Thị Nga", {"house_number": "5", "street": "Đội Cấn"}),
                             changes=Changes(households=True))
    wait_idle(qtbot, window.ctx.runner)
    assert reloads.counts[PAGE_HOUSEHOLDS] == 1 and households.model.rowCount() == before + 1
    assert reloads.counts[PAGE_FOLLOW_UPS] == 1  # it shows the households' names and phones
    assert reloads.counts[PAGE_WEEKLY_LOG] == 0  # a household without visits is not in any week


def test_a_household_saved_from_its_own_dialog_is_not_reloaded_over(qtbot, make_window, store: Store) -> None:
    """The households screen selects the household it just registered; no reload throws that away."""
    window, reloads = _window_with_pages(qtbot, make_window)
    households = window.page(PAGE_HOUSEHOLDS)
    dialog = households.register_household()
    dialog.head_name.setText("Trần Văn Bình")
    dialog.address["house_number"].setText("12")
    dialog.address["street"].setText("Liễu Giai")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.save()
    wait_idle(qtbot, window.ctx.runner)
    assert reloads.counts[PAGE_HOUSEHOLDS] == 0 and reloads.counts[PAGE_FOLLOW_UPS] == 1
    assert households.detail.household_id == saved.args[0].id


def test_a_review_reloads_the_weekly_log_and_follow_ups_not_the_households(qtbot, make_window, store: Store,
                                                                          volunteer: Actor) -> None:
    started = now_local().replace(second=0, microsecond=0) - dt.timedelta(hours=1)
    h = register_household(store, volunteer, HouseholdInput("Hộ Số 1", {"house_number": "1", "street": "Văn Cao"}))
    record_visit(store, volunteer, VisitInput(h.id, started))
    window, reloads = _window_with_pages(qtbot, make_window)
    weekly = window.show_page(PAGE_WEEKLY_LOG)
    weekly.set_week(iso_week_of(started.date()))
    qtbot.waitUntil(lambda: weekly.log is not None and len(weekly.log.visits) == 1, timeout=5000)
    wait_idle(qtbot, window.ctx.runner)
    reloads.reset()

    weekly.table.selectRow(0)
    weekly.approve_selected()
    wait_idle(qtbot, window.ctx.runner)
    assert reloads.counts[PAGE_WEEKLY_LOG] == 1 and weekly.log.visits[0].review_status == "approved"
    assert reloads.counts[PAGE_FOLLOW_UPS] == 1
    assert reloads.counts[PAGE_HOUSEHOLDS] == 0


def test_a_review_made_elsewhere_reloads_the_weekly_log(qtbot, make_window, store: Store, volunteer: Actor) -> None:
    h = register_household(store, volunteer, HouseholdInput("Hộ Số 2", {"house_number": "2", "street": "Văn Cao"}))
    visit = record_visit(store, volunteer, VisitInput(h.id, now_local().replace(second=0, microsecond=0)))
    window, reloads = _window_with_pages(qtbot, make_window)
    weekly = window.page(PAGE_WEEKLY_LOG)
    window.ctx.runner.mutate(approve_visit, store, _actor(store), visit.id, changes=Changes(review=True))
    wait_idle(qtbot, window.ctx.runner)
    assert reloads.counts[PAGE_WEEKLY_LOG] == 1 and weekly.log.visits[0].review_status == "approved"


def test_a_write_that_changes_nothing_shown_reloads_nothing(qtbot, make_window) -> None:
    window, reloads = _window_with_pages(qtbot, make_window)
    form = window.page(1)
    form.topics.setText("VNeID mức 2")
    with qtbot.waitSignal(form.draft_saved, timeout=5000):
        form.save_draft_now()
    wait_idle(qtbot, window.ctx.runner)
    assert reloads.counts == dict.fromkeys(reloads.counts, 0)


def test_a_sync_that_pulled_a_household_reloads_the_households_screen(qtbot, make_window, store: Store,
                                                                     live_ward: WardSetup, tmp_path: Path) -> None:
    from outreach.sync.client import run_sync
    from tests.helpers.sync import enrol_fast, fast_store

    window = make_window(role="leader")
    enrol_as(store, live_ward, "leader")
    reloads = Reloads(window)
    with qtbot.waitSignal(window.sync_driver.synced, timeout=20_000):
        window.sync_driver.sync_now()  # a first sync, with nothing to pull yet
    wait_idle(qtbot, window.ctx.runner)
    households = window.page(PAGE_HOUSEHOLDS)
    assert households.model.rowCount() == 0

    other = fast_store(tmp_path / "template", tmp_path / "other-laptop")
    transport = enrol_fast(live_ward, other)
    register_household(other, _actor(other), HouseholdInput("Ngô Thị Lan", {"house_number": "9", "street": "Đội Cấn"}))
    run_sync(other, transport=transport)
    transport.close()
    other.close()

    reloads.reset()
    with qtbot.waitSignal(window.sync_driver.synced, timeout=20_000):
        window.sync_driver.sync_now()
    wait_idle(qtbot, window.ctx.runner)
    assert reloads.counts[PAGE_HOUSEHOLDS] == 1 and households.model.rowCount() == 1
