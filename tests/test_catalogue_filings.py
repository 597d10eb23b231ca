"""Filings against the living catalogue (issue 11): a procedure the catalogue lacks is recorded
as "khác" with its name (and code) and listed for the office; a retired procedure stays readable
on old filings, is not offered for new ones, and a filing from before its repeal stays valid."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from outreach.errors import ValidationError
from outreach.model import Filing
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, register_household
from outreach.services.procedures import list_procedures, other_filings, seed_catalogue
from outreach.services.visits import FilingInput, VisitInput, get_visit, record_visit, update_visit
from outreach.store.database import Store

MONDAY = dt.datetime(2026, 11, 16, 9, 0)
#: 2.000986 is repealed from 2026-09-08 (replaced by 3.000722); 1.011607 from 2027-01-01 (resources/procedures.json)
BEFORE_REPEAL = dt.datetime(2026, 9, 1, 9, 0)


@pytest.fixture
def household(store: Store, volunteer: Actor, ward: dict[str, str]) -> str:
    seed_catalogue(store)
    return register_household(
        store, volunteer, HouseholdInput("Nguyễn Thị Lan", {"house_number": "3", "street": "Đội Cấn"}, group_id=ward["group_a"])
    ).id


def _stored(store: Store, filing_id: str) -> tuple[str, dict[str, str]]:
    with store.read() as session:
        code, dossier = session.execute(select(Filing.procedure_code, Filing.dossier).where(Filing.id == filing_id)).one()
    return code, dossier


def test_a_procedure_not_in_the_catalogue_is_recorded_as_other_and_listed(store: Store, volunteer: Actor, household: str) -> None:
    visit = record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[
        FilingInput("2.001157", other_name="Cấp phiếu lý lịch tư pháp", status="guided_only"),  # a code the catalogue lacks
        FilingInput("KHAC", other_name="Cấp hộ chiếu phổ thông ", status="prepared"),  # no code known
    ]))
    first, second = visit.filings
    assert (first.procedure_code, first.procedure_name, first.other_code) == ("KHAC", "Cấp phiếu lý lịch tư pháp", "2.001157")
    assert _stored(store, first.id) == ("KHAC", {"portal": "dvcqg", "dossier_code": "", "other_name": "Cấp phiếu lý lịch tư pháp",
                                                 "other_code": "2.001157"})
    assert _stored(store, second.id)[1]["other_name"] == "Cấp hộ chiếu phổ thông"
    assert [f.procedure_name for f in get_visit(store, visit.id).filings] == ["Cấp phiếu lý lịch tư pháp", "Cấp hộ chiếu phổ thông"]
    flagged = other_filings(store)
    assert {(o.other_name, o.other_code, o.visit_date) for o in flagged} == {
        ("Cấp phiếu lý lịch tư pháp", "2.001157", MONDAY.date()), ("Cấp hộ chiếu phổ thông", "", MONDAY.date())}


def test_an_unknown_code_without_a_name_and_other_without_a_name_are_refused(store: Store, volunteer: Actor, household: str) -> None:
    with pytest.raises(ValidationError) as info:
        record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[FilingInput("9.999999"), FilingInput("KHAC")]))
    assert {(p.field, p.code) for p in info.value.problems} == {("filings[0].procedure_code", "unknown_procedure"),
                                                               ("filings[1].other_name", "required")}
    assert "Thủ tục khác" in info.value.problems[0].message_vi


def test_a_retired_procedure_is_refused_after_its_repeal_and_valid_before(store: Store, volunteer: Actor, household: str) -> None:
    with pytest.raises(ValidationError) as info:
        record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[FilingInput("2.000986")]))
    [problem] = info.value.problems
    assert problem.code == "repealed_procedure" and "08/09/2026" in problem.message_vi and "3.000722" in problem.message_vi
    # retired on a date after the visit: valid, readable, and still valid when the visit is edited
    old = record_visit(store, volunteer, VisitInput(household, BEFORE_REPEAL, filings=[FilingInput("2.000986")]))
    assert get_visit(store, old.id).filings[0].procedure_name.startswith("Liên thông đăng ký khai sinh")
    [filing] = old.filings
    edited = update_visit(store, volunteer, old.id, VisitInput(household, BEFORE_REPEAL, notes="Đã hẹn",
                                                               filings=[FilingInput("2.000986", id=filing.id, status="guided_only")]))
    assert edited.filings[0].status == "guided_only"
    later = record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[FilingInput("1.011607")]))  # repealed 2027-01-01
    assert later.filings[0].procedure_code == "1.011607"


def test_the_picker_offers_only_procedures_in_force_that_day(store: Store, household: str) -> None:
    offered = {p.code for p in list_procedures(store, on=MONDAY.date())}
    assert "2.000986" not in offered and {"3.000722", "1.011607", "KHAC"} <= offered
    assert "1.011607" not in {p.code for p in list_procedures(store, on=dt.date(2027, 1, 1))}
    everything = {p.code: p for p in list_procedures(store, active_only=False)}
    assert everything["2.000986"].replaced_by == "3.000722"  # still held: old filings stay readable
    assert replace(everything["2.000986"], repealed_from=None).offered_on(MONDAY.date())


def test_every_bundled_entry_passes_the_fields_value_rules() -> None:
    """What the bundled catalogue seeds is what the server would accept from the office."""
    from outreach.catalogue import load_catalogue
    from outreach.model import Procedure
    from outreach.model.field_rules import values_problem

    for info in load_catalogue():
        assert values_problem(Procedure, info.stored_values()) is None, info.code
