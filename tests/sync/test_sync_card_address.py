"""The address printed on a scanned ID card travels with the resident like any synced field."""

from __future__ import annotations

from pathlib import Path

from outreach.services.households import HouseholdInput, ResidentInput, add_resident, get_household, register_household
from outreach.store.database import Store
from outreach.sync.client import run_sync
from tests.helpers.sync import WardSetup, area_group, fresh_laptop
from tests.sync.test_sync_basic import actor_of

PRINTED = "Số 1 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh"


def test_card_address_reaches_another_laptop(enrolled_store: Store, ward_setup: WardSetup, template_root: Path,
                                             tmp_path: Path) -> None:
    store = enrolled_store
    group = area_group(ward_setup)  # volunteers' laptops hold residents of their team's area only
    run_sync(store)
    actor = actor_of(store)
    household = register_household(store, actor, HouseholdInput("Trần Thị B", {"house_number": "1", "street": "Lê Lợi"}, group))
    add_resident(store, actor, household.id, ResidentInput("Trần Thị B", card_address=PRINTED), consent_purpose="Hỗ trợ")
    report = run_sync(store)
    assert report.rejected == 0 and report.verified is True

    with fresh_laptop(ward_setup, template_root, tmp_path / "other") as (other, first_sync):
        assert first_sync.verified is True
        assert [r.card_address for r in get_household(other, household.id).residents] == [PRINTED]
