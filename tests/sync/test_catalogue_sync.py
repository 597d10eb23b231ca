"""The office's catalogue changes (issue 11) reach laptops through a real sync: an added code, an
edit of a code a laptop already holds (a corrected name, new fees), a retirement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from outreach.model import Procedure
from outreach.model.ids import uuid7
from outreach.server import catalogue_office
from outreach.store.database import Store
from outreach.sync.client import run_sync
from tests.helpers.sync import WardSetup, enrol_fast, fast_store, fresh_laptop
from tests.sync.test_sync_basic import actor_of


def _held(store: Store, code: str) -> Procedure | None:
    with store.read() as session:
        row = session.get(Procedure, code)
        if row is not None:
            session.expunge(row)
        return row


def test_an_added_then_edited_procedure_reaches_two_laptops(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    db = ward_setup.server.db
    # the server (and its catalogue, which is not ward-scoped) is shared by the session: a code of our own
    code = f"9.{uuid7()[-6:]}"
    first = fast_store(template_root, tmp_path / "first")
    second = fast_store(template_root, tmp_path / "second")
    try:
        first_transport = enrol_fast(ward_setup, first)
        catalogue_office.add_procedure(db, code, {"name_vi": "Cấp hộ chiếu phổ thông", "field_vi": "Xuất nhập cảnh",
                                                  "online_level": "partial", "essential": True}, by="Nguyễn Văn An")
        assert run_sync(first, transport=first_transport).verified is True
        held = _held(first, code)
        assert held is not None and (held.name_vi, held.online_level, held.essential) == ("Cấp hộ chiếu phổ thông", "partial", True)

        # an edit of a code the laptop already holds: the old `catalogue` published only new codes
        changed = catalogue_office.edit_procedure(
            db, code, {"name_vi": "Cấp hộ chiếu phổ thông ở trong nước", "online_level": "full",
                       "channels": {"online": {"days": 8, "fee_vnd": 180_000}}, "papers": {"show": ["Thẻ căn cước"]}},
            by="Nguyễn Văn An")
        assert changed is True
        catalogue_office.retire_procedure(db, code, by="Nguyễn Văn An", repealed_from=dt.date(2027, 1, 1))
        assert run_sync(first, transport=first_transport).verified is True
        second_transport = enrol_fast(ward_setup, second)
        assert run_sync(second, transport=second_transport).verified is True
        for store in (first, second):
            held = _held(store, code)
            assert held is not None
            assert (held.name_vi, held.online_level) == ("Cấp hộ chiếu phổ thông ở trong nước", "full")
            assert held.channels == {"online": {"days": 8, "fee_vnd": 180_000}}
            assert held.papers == {"show": ["Thẻ căn cước"]}
            assert held.repealed_from == dt.date(2027, 1, 1)
    finally:
        first.close()
        second.close()


def test_the_published_bundled_catalogue_carries_its_new_fields(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    # not seeded: all the laptop holds comes from the server
    with fresh_laptop(ward_setup, template_root, tmp_path / "fresh") as (laptop, first_sync):
        assert first_sync.verified is True
        birth, repealed = _held(laptop, "1.001193"), _held(laptop, "2.000986")
        assert birth is not None and birth.formality_id == "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"
        assert birth.province_overrides == {"31": {"online": {"fee_vnd": 0}}} and (birth.papers or {})["show"]
        assert repealed is not None and (repealed.repealed_from, repealed.replaced_by) == (dt.date(2026, 9, 8), "3.000722")


def test_a_khac_filing_reaches_the_server_and_another_laptop(enrolled_store: Store, ward_setup: WardSetup, template_root: Path,
                                                           tmp_path: Path) -> None:
    from outreach.services.households import HouseholdInput, register_household
    from outreach.services.procedures import other_filings, seed_catalogue
    from outreach.services.visits import FilingInput, VisitInput, record_visit
    from outreach.timeutil import now_local

    store = enrolled_store
    run_sync(store)
    seed_catalogue(store)
    actor = actor_of(store)
    household = register_household(store, actor, HouseholdInput("Lê Văn Cường", {"house_number": "7", "street": "Hoàng Hoa Thám"}))
    started = now_local().replace(second=0, microsecond=0) - dt.timedelta(hours=1)
    record_visit(store, actor, VisitInput(household.id, started, filings=[
        FilingInput("KHAC", other_name="Cấp đổi giấy phép lái xe", other_code="1.002804", status="guided_only")]))
    report = run_sync(store)
    assert report.rejected == 0 and report.verified is True  # the server's dossier rule knows other_name / other_code
    with fresh_laptop(ward_setup, template_root, tmp_path / "other") as (other, first_sync):
        assert first_sync.verified is True
        assert [(o.other_name, o.other_code) for o in other_filings(other)] == [("Cấp đổi giấy phép lái xe", "1.002804")]
