"""A filing's channel and electronic result (issue 11) travel with it like any synced field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from outreach.services.households import HouseholdInput, register_household
from outreach.services.procedures import seed_catalogue
from outreach.services.visits import FilingInput, VisitInput, get_visit, record_visit
from outreach.store.database import Store
from outreach.sync.client import run_sync
from outreach.timeutil import now_local
from tests.helpers.sync import WardSetup, fresh_laptop
from tests.sync.test_sync_basic import actor_of


def test_a_filings_channel_and_electronic_result_reach_another_laptop(enrolled_store: Store, ward_setup: WardSetup,
                                                                      template_root: Path, tmp_path: Path) -> None:
    store = enrolled_store
    run_sync(store)
    actor = actor_of(store)
    seed_catalogue(store)
    household = register_household(store, actor, HouseholdInput("Trần Thị C", {"house_number": "2", "street": "Lê Lợi"}))
    started = now_local().replace(second=0) - dt.timedelta(hours=1)
    visit = record_visit(store, actor, VisitInput(household.id, started, filings=[
        FilingInput("1.001193", dossier_code="H01.1-0001", status="completed", channel="online", electronic_result=True),
        FilingInput("3.000228", status="guided_only", channel="counter"),
    ]))
    report = run_sync(store)
    assert report.rejected == 0 and report.verified is True

    with fresh_laptop(ward_setup, template_root, tmp_path / "other") as (other, first_sync):
        assert first_sync.verified is True
        arrived = sorted((f.procedure_code, f.channel, f.electronic_result) for f in get_visit(other, visit.id).filings)
        assert arrived == [("1.001193", "online", True), ("3.000228", "counter", None)]
