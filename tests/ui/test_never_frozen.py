"""Never frozen: a 50 ms timer keeps ticking on time while the large ward is searched and a busy
week's log loads (DESIGN.md §6 large ward: 20,000 households, 100,000 visits).

The ward is generated once (about a minute) and cached under .pytest_cache; see large_ward.py
for why it is an unencrypted demo profile.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from outreach.services.visits import weekly_log
from outreach.timeutil import iso_week_of, today_local
from outreach.ui.main_window import PAGE_HOUSEHOLDS, PAGE_WEEKLY_LOG
from outreach.ui.screens.households_view import HouseholdsView
from outreach.ui.screens.weekly_log_view import WeeklyLogView
from tests.helpers.large_ward import LARGE_WARD_HOUSEHOLDS, build_large_ward
from tests.helpers.ui import type_text

TICK_MS = 50
MAX_LATE_MS = 250


@pytest.fixture(scope="session")
def large_ward_dir(request: pytest.FixtureRequest) -> Path:
    return build_large_ward(Path(request.config.cache.mkdir(f"outreach-ui-large-ward-{LARGE_WARD_HOUSEHOLDS}")))


class TickRecorder:
    """Records how late each tick of a 50 ms timer fires; late ticks mean a frozen GUI thread."""

    def __init__(self) -> None:
        self.worst_ms = 0.0
        self.ticks = 0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst_ms = max(self.worst_ms, (now - self._last) * 1000 - TICK_MS)
        self._last = now
        self.ticks += 1


@pytest.mark.slow
@pytest.mark.xdist_group("timing")  # never beside the X-server walks, which load both cores
def test_gui_keeps_ticking_during_large_ward_search_and_weekly_log(qtbot, large_ward_dir: Path) -> None:
    from outreach.store.database import open_store
    from outreach.store.profile import Profile
    from outreach.ui.app import application, build_window
    from outreach.ui.core.i18n import Translations

    application()
    profile = Profile.load(large_ward_dir)
    assert profile is not None
    store = open_store(profile)
    try:
        # the busiest of the last weeks (chosen before the clock starts)
        team = profile.team_id
        weeks = [iso_week_of(today_local() - dt.timedelta(weeks=i)) for i in range(1, 6)]
        busiest = max(weeks, key=lambda w: len(weekly_log(store, w, team_id=team).visits))
        translations = Translations()
        translations.apply("vi")
        recorder = TickRecorder()
        recorder.start()
        window, runner = build_window(store, translations)
        qtbot.addWidget(window)
        window.show()
        households = window.show_page(PAGE_HOUSEHOLDS)
        assert isinstance(households, HouseholdsView)
        qtbot.waitUntil(lambda: households.model.rowCount() >= LARGE_WARD_HOUSEHOLDS, timeout=20_000)

        for query in ("nguyen", "ngo 12", "tran thi h", "0912"):
            households.search.clear()
            with qtbot.waitSignal(households.results_shown, timeout=20_000):
                type_text(households.search, query)
            households.table.scrollToBottom()  # rows fetched on demand, off the GUI thread
            qtbot.waitSignal(households.model.page_loaded, timeout=20_000).wait()

        weekly = window.show_page(PAGE_WEEKLY_LOG)
        assert isinstance(weekly, WeeklyLogView)
        qtbot.waitUntil(lambda: weekly.log is not None, timeout=20_000)
        with qtbot.waitSignal(weekly.loaded, timeout=20_000):
            weekly.set_week(busiest)
        assert weekly.log is not None
        visits = len(weekly.log.visits)
        recorder.timer.stop()
        runner.shutdown(wait=True)
        window.close()
    finally:
        store.close()
    assert visits > 100, "the chosen week should be busy"
    assert recorder.ticks > 10
    assert recorder.worst_ms <= MAX_LATE_MS, f"the GUI froze: a tick came {recorder.worst_ms:.0f} ms late"
    print(f"\nworst tick lateness {recorder.worst_ms:.0f} ms over {recorder.ticks} ticks; week {busiest}: {visits} visits")
