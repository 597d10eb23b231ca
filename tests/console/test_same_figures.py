"""The console's coverage figures are the laptop's: the same service over the server's database
gives what the laptop computes over its own copy of the ward, after a real sync."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from outreach.console.server_reader import ServerReader
from outreach.server import admin
from outreach.services.coverage import compute_coverage, coverage_summary
from outreach.services.households import HouseholdInput, register_household
from outreach.services.periods import range_period
from outreach.services.visits import FilingInput, VisitInput, record_visit
from outreach.sync.client import run_sync
from outreach.timeutil import now_local
from tests.console.conftest import Console, enrol_laptop
from tests.sync.test_sync_basic import actor_of


def test_console_and_laptop_coverage_agree(console: Console, tmp_path: Path) -> None:
    db = console.server.db
    admin.mark_demo_ward(db, console.ward_a)
    laptop, transport = enrol_laptop(console.server.url, admin.issue_enrolment_code(db, console.team_a, "volunteer", "Hồ Văn Phúc").code,
                                     tmp_path)
    try:
        run_sync(laptop, transport=transport)
        actor = actor_of(laptop)
        started = now_local().replace(second=0, microsecond=0) - dt.timedelta(days=2)
        for number, (status, channel) in enumerate((("submitted", "online"), ("completed", "counter"), ("guided_only", None))):
            household = register_household(laptop, actor, HouseholdInput(f"Chủ hộ {number}", {"house_number": str(number + 1),
                                                                                               "street": "Nguyễn Thái Học"}))
            record_visit(laptop, actor, VisitInput(household.id, started + dt.timedelta(hours=number), filings=[
                FilingInput("1.001193", dossier_code=f"H01.1-{number:04d}" if channel else "", status=status, channel=channel)]))
        register_household(laptop, actor, HouseholdInput("Chưa thăm", {"house_number": "9", "street": "Nguyễn Thái Học"}))
        assert run_sync(laptop, transport=transport).rejected == 0
        period = range_period(started.date() - dt.timedelta(days=7), started.date() + dt.timedelta(days=1))
        on_laptop = compute_coverage(laptop, period, ward_id=console.ward_a)
        on_server = compute_coverage(ServerReader(db), period, ward_id=console.ward_a)
        summary = coverage_summary(ServerReader(db), period, ward_id=console.ward_a)
        transport.close()
    finally:
        laptop.close()
    assert on_laptop.visits_total == 3 and on_laptop.households_visited == 3 and on_laptop.households_total == 4
    assert on_laptop.dossiers.online.part == 1
    laptop_figures = {k: v for k, v in dataclasses.asdict(on_laptop).items() if k != "generated_at"}
    server_figures = {k: v for k, v in dataclasses.asdict(on_server).items() if k != "generated_at"}
    assert server_figures == laptop_figures
    # the overview's headline figures are the report's
    assert (summary.households_total, summary.households_visited, summary.priority_total, summary.priority_reached,
            summary.visits_total, summary.filings, summary.dossiers) == (
        on_laptop.households_total, on_laptop.households_visited, on_laptop.priority_total, on_laptop.priority_reached,
        on_laptop.visits_total, on_laptop.filings, on_laptop.dossiers)
