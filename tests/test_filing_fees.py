"""Fee and channel rules of a filing, read from the laptop's synced catalogue: a fee-free
procedure (in its channel and the ward's province, after the province's overrides) cannot be
marked "paid online"; the terms the visit form and the receipt show come from the same place."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select, update

from outreach.errors import ValidationError
from outreach.model import Filing, Ward
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, register_household
from outreach.services.procedures import filing_terms, seed_catalogue
from outreach.services.visits import FilingInput, VisitInput, get_visit, record_visit
from outreach.store.database import Store

MONDAY = dt.datetime(2026, 11, 16, 9, 0)


@pytest.fixture
def household(store: Store, volunteer: Actor, ward: dict[str, str]) -> str:
    seed_catalogue(store)
    return register_household(
        store, volunteer, HouseholdInput("Nguyễn Thị Lan", {"house_number": "3", "street": "Đội Cấn"}, group_id=ward["group_a"])
    ).id


def _move_ward_to(store: Store, ward_id: str, province_code: str) -> None:
    with store.write() as tx:
        tx.session.execute(update(Ward).where(Ward.id == ward_id).values(province_code=province_code))


def _filings(store: Store) -> int:
    with store.read() as session:
        return session.execute(select(func.count()).select_from(Filing)).scalar_one()


def _paid(code: str, channel: str | None = "online", n: int = 1) -> FilingInput:
    return FilingInput(code, dossier_code=f"H01.12-261116-000{n}", status="submitted", channel=channel, fee_paid_online=True)


def test_a_fee_free_procedure_cannot_be_marked_paid_online(store: Store, volunteer: Actor, household: str) -> None:
    """Birth registration on time is free on every channel; nothing is written when refused."""
    before = _filings(store)
    with pytest.raises(ValidationError) as info:
        record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[_paid("1.001193"), _paid("1.001193", None, 2)]))
    problems = {(p.field, p.code): p for p in info.value.problems}
    # a filing without a channel that says "paid online" is judged by its online fee
    assert {("filings[0].fee_paid_online", "fee_free"), ("filings[1].fee_paid_online", "fee_free")} <= set(problems)
    assert "không mất phí" in problems[("filings[0].fee_paid_online", "fee_free")].message_vi
    assert "free of charge" in problems[("filings[0].fee_paid_online", "fee_free")].message_en
    assert _filings(store) == before
    # permanent residence costs 10.000 đ online: paid online is recorded
    visit = record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[_paid("1.004222")]))
    assert get_visit(store, visit.id).filings[0].fee_paid_online


def test_the_province_override_makes_a_fee_free_and_decides(store: Store, volunteer: Actor, household: str,
                                                            ward: dict[str, str]) -> None:
    """Marriage has no fee known online in the bundled catalogue (a provincial fee), but Hải Phòng
    (31) sets civil-status fees to 0 đ online: paid online is refused there only."""
    assert filing_terms(store, "1.000894", "online", ward["ward"]).fee_vnd is None  # type: ignore[union-attr]
    record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[_paid("1.000894")]))  # Hà Nội (01): not known, kept
    _move_ward_to(store, ward["ward"], "31")
    terms = filing_terms(store, "1.000894", "online", ward["ward"])
    assert terms is not None and terms.fee_vnd == 0 and terms.fee_free and terms.days == 5
    with pytest.raises(ValidationError) as info:
        record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[_paid("1.000894")]))
    assert [(p.field, p.code) for p in info.value.problems] == [("filings[0].fee_paid_online", "fee_free")]
    # the same procedure at the counter is not judged by the online override (its fee is not known)
    record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[_paid("1.000894", "counter")]))


def test_a_counter_only_procedure_cannot_be_paid_or_submitted_online(store: Store, volunteer: Actor, household: str) -> None:
    """Certification of a copy (2.000815) is done at the counter: an online dossier is refused
    (counter_only); at the counter it carries a fee, so its payment is not refused as fee-free."""
    with pytest.raises(ValidationError) as info:
        record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[_paid("2.000815")]))
    assert ("filings[0].channel", "counter_only") in {(p.field, p.code) for p in info.value.problems}
    terms = filing_terms(store, "2.000815", "online")
    assert terms is not None and not terms.offered and terms.days is None
    counter = filing_terms(store, "2.000815", "counter")
    assert counter is not None and counter.offered and (counter.days, counter.fee_vnd) == (1, 2000)


def test_filing_terms_read_the_synced_catalogue_not_the_bundled_file(store: Store, volunteer: Actor, household: str,
                                                                     ward: dict[str, str]) -> None:
    """What the office changed on the server (here written as the pull would) is what counts."""
    from outreach.model import Procedure

    with store.write() as tx:
        tx.session.execute(update(Procedure).where(Procedure.id == "1.004222").values(
            channels={"online": {"days": 5, "fee_vnd": 0}}, papers={"submit": ["Tờ khai CT01"], "show": []}))
    terms = filing_terms(store, "1.004222", "online", ward["ward"])
    assert terms is not None and (terms.days, terms.fee_vnd, terms.papers_submit) == (5, 0, ("Tờ khai CT01",))
    with pytest.raises(ValidationError):
        record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[_paid("1.004222")]))
    assert filing_terms(store, "9.999999", "online") is None


def test_an_edit_keeps_a_stored_payment_it_does_not_change(store: Store, volunteer: Actor, household: str) -> None:
    """A filing stored as paid online before the fee was 0 đ (here: the office's edit arrives after
    it) does not stop a correction of its visit; changing the filing's procedure or channel is
    judged afresh."""
    from outreach.model import Procedure
    from outreach.services.visit_draft import VisitDraft
    from outreach.services.visits import update_visit

    visit = record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[_paid("1.004222")]))
    with store.write() as tx:  # the office makes permanent residence free online (as a pull writes it)
        tx.session.execute(update(Procedure).where(Procedure.id == "1.004222").values(channels={"online": {"days": 7, "fee_vnd": 0}}))
    draft = VisitDraft.of_visit(get_visit(store, visit.id), "")
    edited = draft.to_input(None)
    update_visit(store, volunteer, visit.id, replace(edited, notes="sửa ghi chú"))
    assert get_visit(store, visit.id).filings[0].fee_paid_online and get_visit(store, visit.id).notes == "sửa ghi chú"
    [stored] = edited.filings
    with pytest.raises(ValidationError) as info:  # the same payment on a new filing is refused
        again = replace(stored, id=None, dossier_code="H01.12-261116-0009")
        update_visit(store, volunteer, visit.id, replace(edited, filings=[stored, again]))
    assert [(p.field, p.code) for p in info.value.problems] == [("filings[1].fee_paid_online", "fee_free")]
