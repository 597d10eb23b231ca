"""A visit's end time (visits.ended_at, stamped when it is recorded) travels with it like any synced field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from outreach.services.households import HouseholdInput, register_household
from outreach.services.procedures import seed_catalogue
from outreach.services.visits import VisitInput, get_visit, record_visit
from outreach.store.database import Store
from outreach.sync.client import run_sync
from outreach.timeutil import now_local
from tests.helpers.sync import WardSetup, fresh_laptop
from tests.sync.test_sync_basic import actor_of


def test_a_visits_end_reaches_another_laptop(enrolled_store: Store, ward_setup: WardSetup, template_root: Path,
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = enrolled_store
    run_sync(store)
    actor = actor_of(store)
    seed_catalogue(store)
    household = register_household(store, actor, HouseholdInput("Trần Thị B", {"house_number": "1", "street": "Lê Lợi"}))
    started = now_local().replace(second=0) - dt.timedelta(hours=1)
    ended = started + dt.timedelta(minutes=40)
    monkeypatch.setattr("outreach.services.visits.now_local", lambda: ended)
    visit = record_visit(store, actor, VisitInput(household.id, started, notes="Hướng dẫn VNeID"))
    report = run_sync(store)
    assert report.rejected == 0 and report.verified is True

    with fresh_laptop(ward_setup, template_root, tmp_path / "other") as (other, first_sync):
        assert first_sync.verified is True
        arrived = get_visit(other, visit.id)
        assert (arrived.started_at, arrived.ended_at) == (started, ended)
