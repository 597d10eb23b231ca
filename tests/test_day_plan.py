"""The day's plan of a team (services/day_plan.py) on a real store: what goes in, walking order,
the team's area, the leader's add/drop, done and not-at-home marks."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from outreach.errors import PermissionDenied
from outreach.model import OutboxEntry, PlanEntry, Visit
from outreach.services.areas import assign_group
from outreach.services.context import Actor
from outreach.services.day_plan import adjust_plan, day_plan, mark_done, mark_not_home, plan_entry_id
from outreach.services.outings import OutingInput, start_outing
from outreach.store.database import Store
from outreach.vocabulary import Outcome, PlanAdjustment, PlanMark, PlanReason, ReachList
from tests.helpers.plan_ward import TODAY, build_plan_ward


@pytest.fixture
def plan_ward(store: Store, leader: Actor, volunteer: Actor, ward: dict[str, str]) -> dict[str, str]:
    return build_plan_ward(store, leader, volunteer, ward)


def test_what_goes_in_and_in_walking_order(store: Store, plan_ward: dict[str, str]) -> None:
    plan = day_plan(store, plan_ward["team"], TODAY)
    by_id = {line.household_id: line for line in plan.lines}
    heads = [line.head_name for line in plan.lines]
    # Lê Lợi (5, then hẻm/ngõ 7), then Văn Cao: house 3, then ngõ 45's 9 and 12, then ngách 45/12
    assert heads == ["Chờ Kết Quả", "Có Em Bé", "Ưu Tiên", "Hôm Nay", "Quá Hạn", "Bị Trả"]
    assert by_id[plan_ward["overdue"]].reasons == (PlanReason.FOLLOW_UP_OVERDUE,)
    assert by_id[plan_ward["due"]].reasons == (PlanReason.FOLLOW_UP_DUE,)
    assert by_id[plan_ward["flagged"]].reasons == (PlanReason.FLAGGED,)
    assert by_id[plan_ward["priority"]].reasons == (PlanReason.PRIORITY,)
    assert by_id[plan_ward["dossier"]].reasons == (PlanReason.DOSSIER_OVERDUE,)
    assert by_id[plan_ward["dossier"]].dossiers == ("G22.99-261101-0001",)
    assert by_id[plan_ward["newborn"]].reasons == (PlanReason.REACH_LIST,)
    assert [(p.name, p.list_code) for p in by_id[plan_ward["newborn"]].people] == [
        ("Bé Mới Sinh", ReachList.NEWBORN), ("Bé Mới Sinh", ReachList.CHILD_WITHOUT_ID)]
    # the broad VNeID list names people on lines already there, and adds no household
    assert ("Chưa Có Mức 2", ReachList.NO_VNEID_LEVEL2) in [(p.name, p.list_code) for p in by_id[plan_ward["overdue"]].people]
    assert plan_ward["quiet"] not in by_id
    assert plan_ward["outside"] not in by_id  # a priority household outside the team's area
    assert plan.area is not None and plan.team_name == "Đội cơ động số 1"


def test_a_team_without_an_area_plans_over_the_ward(store: Store, plan_ward: dict[str, str], leader: Actor,
                                                    ward: dict[str, str]) -> None:
    assign_group(store, leader, ward["group_a"], None, TODAY)
    plan = day_plan(store, plan_ward["team"], TODAY)
    assert plan.area is None
    assert plan_ward["outside"] in {line.household_id for line in plan.lines}


def test_the_leader_adds_and_drops(store: Store, plan_ward: dict[str, str], leader: Actor, volunteer: Actor) -> None:
    team = plan_ward["team"]
    adjust_plan(store, leader, team, TODAY, plan_ward["quiet"], PlanAdjustment.ADDED, "Hỏi thăm cụ")
    adjust_plan(store, leader, team, TODAY, plan_ward["priority"], PlanAdjustment.DROPPED)
    with pytest.raises(PermissionDenied):
        adjust_plan(store, volunteer, team, TODAY, plan_ward["outside"], PlanAdjustment.ADDED)
    plan = day_plan(store, team, TODAY)
    lines = {line.household_id: line for line in plan.lines}
    assert lines[plan_ward["quiet"]].reasons == (PlanReason.ADDED,) and lines[plan_ward["quiet"]].note == "Hỏi thăm cụ"
    assert plan_ward["priority"] not in lines
    assert [d.household_id for d in plan.dropped] == [plan_ward["priority"]]
    assert day_plan(store, team, TODAY + dt.timedelta(days=1)).dropped == []  # for that day only
    adjust_plan(store, leader, team, TODAY, plan_ward["priority"], "")  # undo
    assert plan_ward["priority"] in {x.household_id for x in day_plan(store, team, TODAY).lines}
    with store.read() as session:  # one synced row per line, recorded for sync
        entry = session.get(PlanEntry, plan_entry_id(team, TODAY, plan_ward["priority"]))
        assert entry is not None and entry.adjustment == ""
        assert session.scalar(select(OutboxEntry.seq).where(OutboxEntry.entity_id == entry.id).limit(1)) is not None


def test_done_and_not_home(store: Store, plan_ward: dict[str, str], leader: Actor, volunteer: Actor) -> None:
    team = plan_ward["team"]
    outing = start_outing(store, leader, OutingInput(members=[str(volunteer.member_id)]))
    mark_done(store, volunteer, team, TODAY, plan_ward["due"])
    visit_id = mark_not_home(store, volunteer, team, TODAY, plan_ward["priority"])
    plan = day_plan(store, team, TODAY)
    lines = {line.household_id: line for line in plan.lines}
    assert lines[plan_ward["due"]].mark == PlanMark.DONE
    # the not-home visit does not reach the household: still a priority one, marked not at home
    assert lines[plan_ward["priority"]].mark == PlanMark.NOT_HOME
    assert plan.counts() == {"households": 6, "done": 1, "not_home": 1}
    with store.read() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None and visit.outcome == Outcome.NOT_HOME and visit.outing_id == outing
    mark_done(store, volunteer, team, TODAY, plan_ward["due"], done=False)
    assert {x.household_id: x.mark for x in day_plan(store, team, TODAY).lines}[plan_ward["due"]] == ""


def test_another_teams_member_cannot_mark(store: Store, plan_ward: dict[str, str], ward: dict[str, str]) -> None:
    stranger = Actor("m-x", "Người Khác", "volunteer", ward["ward"], "another-team")
    with pytest.raises(PermissionDenied):
        mark_done(store, stranger, plan_ward["team"], TODAY, plan_ward["due"])


def test_returned_visits_are_read_through_the_review_index(store: Store, plan_ward: dict[str, str]) -> None:
    """The team's returned visits are found through ix_visits_review_status (a few hundred in a
    ward), not the team's index, which read each of a team's 12,000 visit rows on the large ward
    to check its review (a plan, not a timing)."""
    from sqlalchemy import event

    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        if "review_status" in statement and statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        plan = day_plan(store, plan_ward["team"], TODAY)
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert PlanReason.FLAGGED in {r for line in plan.lines for r in line.reasons}
    assert statements
    with store.engine.connect() as conn:
        for statement, parameters in statements:
            details = " ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))  # type: ignore[arg-type]
            assert "ix_visits_review_status" in details, details


def test_overdue_dossiers_of_many_candidates_are_the_batched_ones(store: Store, plan_ward: dict[str, str]) -> None:
    """Above 900 candidate filings the waiting rows are read in one pass and kept by rowid: the
    same rows as the batched read of the same filings (unknown rowids match nothing)."""
    from outreach.services.coverage import _waiting_rows
    from outreach.services.periods import SCOPE_TEAM, Scope

    scope = Scope(SCOPE_TEAM, plan_ward["team"])
    with store.read() as session:
        rowids = {rowid for (rowid,) in session.connection().exec_driver_sql("SELECT rowid FROM filings")}
        assert rowids
        batched = sorted(tuple(row) for row in _waiting_rows(session, None, scope, rowids))
        many = sorted(tuple(row) for row in _waiting_rows(session, None, scope, rowids | set(range(10**9, 10**9 + 1000))))
        assert batched and many == batched
