"""Visits with filings in one call, follow-ups, weekly log, review, week locks, consent, audit."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from outreach.errors import PermissionDenied, ValidationError, WeekLocked
from outreach.model import AuditEvent, Filing, OutboxEntry, Resident, Visit
from outreach.services import audit, consent, drafts, review
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, ResidentInput, add_resident, register_household
from outreach.services.procedures import list_procedures, seed_catalogue
from outreach.services.visit_draft import (
    DRAFT_KIND,
    LEGACY_DRAFT_ID,
    VisitDraft,
    discard_visit_draft,
    list_visit_drafts,
    load_visit_draft,
    new_draft_id,
    save_visit_draft,
)
from outreach.services.visits import (
    FilingInput,
    VisitInput,
    follow_ups,
    get_visit,
    mark_follow_up_done,
    record_visit,
    update_visit,
    weekly_log,
)
from outreach.store.database import Store
from outreach.timeutil import iso_week_of, today_local

MONDAY = dt.datetime(2026, 11, 16, 9, 0)  # ISO week 2026-W47


@pytest.fixture
def household(store: Store, volunteer: Actor, ward: dict[str, str]) -> str:
    seed_catalogue(store)
    return register_household(
        store, volunteer, HouseholdInput("Nguyễn Thị Lan", {"house_number": "3", "street": "Đội Cấn"}, group_id=ward["group_a"])
    ).id


def _count(store: Store, entity: type) -> int:
    with store.read() as s:
        return s.execute(select(func.count()).select_from(entity)).scalar_one()


def test_record_visit_with_filings_in_one_call(store: Store, volunteer: Actor, household: str) -> None:
    resident = add_resident(store, volunteer, household, ResidentInput("Nguyễn Thị Lan", sex="Nữ"))
    visit = record_visit(
        store,
        volunteer,
        VisitInput(
            household,
            MONDAY,
            outcome="helped",
            topics=["VNeID mức 2", " "],
            notes=" ok ",
            follow_up_date=dt.date(2026, 11, 20),
            satisfaction=5,
            filings=[
                FilingInput("1.004222", resident.id, dossier_code="H01.23-261116-0001", status="submitted", fee_paid_online=True),
                FilingInput("3.000228", resident.id, status="guided_only"),
            ],
        ),
    )
    assert visit.volunteer_id == volunteer.member_id and visit.members_present == [volunteer.member_id]
    assert visit.topics == ["VNeID mức 2"] and visit.notes == "ok"
    assert sorted(f.status for f in visit.filings) == ["guided_only", "submitted"]
    assert visit.iso_week == "2026-W47"
    with store.read() as s:
        entities = [e for (e,) in s.execute(select(OutboxEntry.entity).order_by(OutboxEntry.seq))]
    assert entities[-3:] == ["visit", "filing", "filing"]


def test_a_bad_filing_rejects_the_whole_visit(store: Store, volunteer: Actor, household: str) -> None:
    before = (_count(store, Visit), _count(store, Filing), _count(store, OutboxEntry))
    with pytest.raises(ValidationError) as info:
        record_visit(
            store,
            volunteer,
            VisitInput(
                household,
                MONDAY,
                filings=[
                    FilingInput("1.001193", status="guided_only"),
                    FilingInput("9.999999"),  # not in the catalogue
                    FilingInput("1.004222", status="submitted"),  # submitted without a dossier code
                ],
            ),
        )
    fields = {p.field for p in info.value.problems}
    assert {"filings[1].procedure_code", "filings[2].dossier_code"} <= fields
    assert (_count(store, Visit), _count(store, Filing), _count(store, OutboxEntry)) == before


def test_a_filing_keeps_its_channel_and_electronic_result_through_an_edit(store: Store, volunteer: Actor, household: str) -> None:
    visit = record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[
        FilingInput("1.001193", dossier_code="H01.1-261116-0001", status="completed", channel="online", electronic_result=True),
    ]))
    [saved] = get_visit(store, visit.id).filings
    assert (saved.channel, saved.electronic_result) == ("online", True)
    draft = VisitDraft.of_visit(get_visit(store, visit.id), "")
    update_visit(store, volunteer, visit.id, replace(draft.to_input(None), notes="sửa"))
    [kept] = get_visit(store, visit.id).filings
    assert (kept.channel, kept.electronic_result) == ("online", True)


def test_a_counter_only_procedure_cannot_be_submitted_online(store: Store, volunteer: Actor, household: str) -> None:
    """3.000228 (VNeID level 2) is done in person at the police: an "online" dossier of it is the
    demo data's old mistake, and an electronic result is known only once a filing is completed."""
    before = (_count(store, Visit), _count(store, Filing))
    with pytest.raises(ValidationError) as info:
        record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[
            FilingInput("3.000228", dossier_code="X1", status="submitted", channel="online"),
            FilingInput("1.001193", dossier_code="X2", status="submitted", channel="online", electronic_result=True),
            FilingInput("1.001193", dossier_code="X3", status="submitted", channel="by_pigeon"),
        ]))
    problems = {(p.field, p.code): p for p in info.value.problems}
    assert {("filings[0].channel", "counter_only"), ("filings[1].electronic_result", "not_completed"),
            ("filings[2].channel", "invalid")} <= set(problems)
    assert "trực tiếp" in problems[("filings[0].channel", "counter_only")].message_vi
    assert (_count(store, Visit), _count(store, Filing)) == before
    ok = record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[
        FilingInput("3.000228", status="guided_only", channel="counter")]))
    assert get_visit(store, ok.id).filings[0].channel == "counter"


def test_visit_in_the_future_is_refused(store: Store, volunteer: Actor, household: str) -> None:
    with pytest.raises(ValidationError) as info:
        record_visit(store, volunteer, VisitInput(household, dt.datetime.now() + dt.timedelta(days=2)))
    assert info.value.problems[0].field == "started_at"


def test_follow_ups_due_overdue_and_done(store: Store, volunteer: Actor, household: str) -> None:
    today = dt.date(2026, 11, 20)
    overdue = record_visit(store, volunteer, VisitInput(household, MONDAY, outcome="not_home", follow_up_date=dt.date(2026, 11, 18)))
    due = record_visit(store, volunteer, VisitInput(household, MONDAY, outcome="revisit_needed", follow_up_date=dt.date(2026, 11, 23)))
    record_visit(store, volunteer, VisitInput(household, MONDAY, follow_up_date=dt.date(2026, 12, 30)))  # beyond the horizon
    items = follow_ups(store, volunteer, today=today)
    assert [(f.visit.id, f.kind) for f in items] == [(overdue.id, "overdue"), (due.id, "due")]
    mark_follow_up_done(store, volunteer, overdue.id)
    assert [f.visit.id for f in follow_ups(store, volunteer, today=today)] == [due.id]


def test_weekly_log_filters_and_counts(store: Store, volunteer: Actor, leader: Actor, household: str, ward: dict[str, str]) -> None:
    other = register_household(store, volunteer, HouseholdInput("Lê Văn Tám", {"street": "Kim Mã"}, group_id=ward["group_b"])).id
    a = record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[FilingInput("1.001193", status="guided_only")]))
    b = record_visit(store, volunteer, VisitInput(other, MONDAY + dt.timedelta(days=2), outcome="not_home"))
    record_visit(store, volunteer, VisitInput(other, MONDAY - dt.timedelta(days=7)))  # previous week
    log = weekly_log(store, "2026-W47", team_id=ward["team"])
    assert [v.id for v in log.visits] == [a.id, b.id]
    assert log.counts["visits"] == 2 and log.counts["filings"] == 1 and log.counts["pending"] == 2
    assert [v.id for v in weekly_log(store, "2026-W47", group_id=ward["group_b"]).visits] == [b.id]
    assert [v.id for v in weekly_log(store, "2026-W47", outcome="helped").visits] == [a.id]
    assert weekly_log(store, "2026-W47", volunteer_id=leader.member_id).visits == []


def test_flag_becomes_a_todo_then_corrected_then_approved(store: Store, volunteer: Actor, leader: Actor, household: str) -> None:
    visit = record_visit(store, volunteer, VisitInput(household, MONDAY))
    with pytest.raises(PermissionDenied):
        review.flag_visit(store, volunteer, visit.id, "thiếu mã hồ sơ")
    with pytest.raises(ValidationError):
        review.flag_visit(store, leader, visit.id, "  ")
    review.flag_visit(store, leader, visit.id, "Bổ sung mã hồ sơ")
    todo = follow_ups(store, volunteer, today=MONDAY.date())
    assert [(f.visit.id, f.kind, f.visit.review_note) for f in todo] == [(visit.id, "flagged", "Bổ sung mã hồ sơ")]
    update_visit(store, volunteer, visit.id, VisitInput(household, MONDAY, notes="đã bổ sung"))
    assert get_visit(store, visit.id).review_status == "corrected"
    assert follow_ups(store, volunteer, today=MONDAY.date()) == []
    review.approve_visit(store, leader, visit.id)
    assert get_visit(store, visit.id).review_status == "approved"


def test_approving_a_week_approves_but_never_locks_it(
    store: Store, volunteer: Actor, leader: Actor, household: str, ward: dict[str, str]
) -> None:
    waiting = record_visit(store, volunteer, VisitInput(household, MONDAY))
    flagged = record_visit(store, volunteer, VisitInput(household, MONDAY + dt.timedelta(hours=1)))
    review.flag_visit(store, leader, flagged.id, "Thiếu mã hồ sơ")
    week = iso_week_of(MONDAY.date())
    assert review.week_approval(store, ward["team"], week) == review.WeekApproval(week, 1, 1, 0)
    assert review.approve_week(store, leader, ward["team"], week) == 1
    assert get_visit(store, waiting.id).review_status == "approved" and get_visit(store, flagged.id).review_status == "flagged"
    assert review.week_approval(store, ward["team"], week) == review.WeekApproval(week, 0, 1, 1)
    assert not weekly_log(store, week, team_id=ward["team"]).locked
    later = record_visit(store, volunteer, VisitInput(household, MONDAY + dt.timedelta(hours=3)))  # still accepted
    assert get_visit(store, later.id).review_status == "pending"


def test_the_running_or_a_future_week_cannot_be_locked(store: Store, leader: Actor, ward: dict[str, str]) -> None:
    today = today_local()
    for week, words in ((iso_week_of(today), "tuần đang diễn ra"), (iso_week_of(today + dt.timedelta(weeks=1)), "chưa đến")):
        with pytest.raises(ValidationError) as refused:
            review.set_week_lock(store, leader, ward["team"], week, True)
        assert words in refused.value.message("vi") and "Only a week that has ended" in refused.value.message("en")
        assert not weekly_log(store, week, team_id=ward["team"]).locked
    assert review.week_has_ended(iso_week_of(today - dt.timedelta(weeks=1)))
    assert not review.week_has_ended(iso_week_of(today))


def test_a_locked_week_refuses_edits_until_a_leader_unlocks_it(
    store: Store, volunteer: Actor, leader: Actor, household: str, ward: dict[str, str]
) -> None:
    visit = record_visit(store, volunteer, VisitInput(household, MONDAY))
    week = iso_week_of(MONDAY.date())
    review.set_week_lock(store, leader, ward["team"], week, True)
    assert weekly_log(store, week, team_id=ward["team"]).locked
    with pytest.raises(WeekLocked):
        update_visit(store, volunteer, visit.id, VisitInput(household, MONDAY, notes="sửa"))
    with pytest.raises(WeekLocked):
        record_visit(store, volunteer, VisitInput(household, MONDAY + dt.timedelta(hours=3)))
    with pytest.raises(PermissionDenied):
        review.set_week_lock(store, volunteer, ward["team"], week, False)
    review.set_week_lock(store, leader, ward["team"], week, False)
    assert update_visit(store, volunteer, visit.id, VisitInput(household, MONDAY, notes="sửa")).notes == "sửa"


def test_withdrawn_consent_clears_personal_fields_but_keeps_statistics(store: Store, volunteer: Actor, household: str) -> None:
    person = add_resident(
        store,
        volunteer,
        household,
        ResidentInput("Nguyễn Thị Lan", dt.date(1950, 5, 6), "Nữ", personal_id="001150000777", phone="0912345678", vneid_level=2),
        consent_purpose="Hỗ trợ dịch vụ công", confirm=True,
    )
    record_visit(store, volunteer, VisitInput(household, MONDAY, filings=[FilingInput("1.001193", person.id, status="guided_only")]))
    after = consent.withdraw_consent(store, volunteer, person.id)
    assert (after.full_name, after.personal_id, after.date_of_birth, after.phone) == (consent.WITHDRAWN_NAME, None, None, None)
    assert after.consent_withdrawn_at is not None and after.vneid_level == 2 and after.sex == "Nữ"
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Filing).where(Filing.resident_id == person.id)) == 1
        assert s.get_one(Resident, person.id).deleted is False


def test_personal_data_export_needs_a_leader_and_is_audited(store: Store, volunteer: Actor, leader: Actor) -> None:
    with pytest.raises(PermissionDenied):
        audit.authorize_personal_export(store, volunteer, "follow-ups", "/tmp/x.xlsx", 10)
    assert _count(store, AuditEvent) == 0
    audit.authorize_personal_export(store, leader, "follow-ups", "/tmp/x.xlsx", 10)
    [entry] = audit.entries(store)
    assert (entry.actor_id, entry.action, entry.detail["rows"]) == (leader.member_id, audit.EXPORT_PERSONAL_DATA, 10)


def test_a_recorded_visit_ends_when_it_is_saved_and_an_edit_keeps_that_end(
    store: Store, volunteer: Actor, household: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service stamps visits.ended_at from timeutil's clock (patched: no waiting for time to pass)."""
    saved_at = MONDAY + dt.timedelta(minutes=40)
    monkeypatch.setattr("outreach.services.visits.now_local", lambda: saved_at)
    visit = record_visit(store, volunteer, VisitInput(household, MONDAY, outcome="guided"))
    assert (visit.started_at, visit.ended_at) == (MONDAY, saved_at)
    with store.read() as s:
        assert s.get_one(Visit, visit.id).ended_at == saved_at
    assert get_visit(store, visit.id).ended_at == saved_at

    monkeypatch.setattr("outreach.services.visits.now_local", lambda: saved_at + dt.timedelta(days=1))
    edited = update_visit(store, volunteer, visit.id, VisitInput(household, MONDAY, outcome="guided", notes="sửa"))
    assert edited.ended_at == saved_at  # editing is not visiting again


def test_drafts_round_trip(store: Store) -> None:
    drafts.save_draft(store, "visit:new", "visit", {"notes": "đang gõ"})
    drafts.save_draft(store, "visit:new", "visit", {"notes": "đang gõ dở"})
    assert drafts.load_draft(store, "visit:new") == {"notes": "đang gõ dở"}
    assert drafts.list_drafts(store, "visit") == [("visit:new", "visit")]
    drafts.discard_draft(store, "visit:new")
    assert drafts.load_draft(store, "visit:new") is None


def test_visit_drafts_are_kept_one_row_each_and_listed_most_recent_first(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    edited = [MONDAY]
    monkeypatch.setattr("outreach.services.drafts.now_local", lambda: edited[0])
    # a draft as the version with a single draft kept it, under its one key
    drafts.save_draft(store, LEGACY_DRAFT_ID, DRAFT_KIND, {"household_id": "0193-a", "household_label": "Đã chọn: Lan — 3 Đội Cấn",
                                                          "notes": "nhà A"})
    edited[0] = MONDAY + dt.timedelta(minutes=40)
    b = VisitDraft(household_id="0193-b", household_label="Đã chọn: Nga — 5 Đội Cấn", household_text="Nga — 5 Đội Cấn",
                   started_at=edited[0], notes="nhà B", draft_id=new_draft_id())
    save_visit_draft(store, b)
    edited[0] = MONDAY + dt.timedelta(minutes=50)
    c = VisitDraft(household_label="Chưa chọn hộ gia đình.", topics="VNeID", draft_id=new_draft_id())
    save_visit_draft(store, c)
    assert b.draft_id != c.draft_id
    listed = list_visit_drafts(store)
    assert [(d.draft_id, d.household, d.updated_at) for d in listed] == [
        (c.draft_id, "", MONDAY + dt.timedelta(minutes=50)),  # no household chosen: no words of the form's label
        (b.draft_id, "Nga — 5 Đội Cấn", MONDAY + dt.timedelta(minutes=40)),
        (LEGACY_DRAFT_ID, "Đã chọn: Lan — 3 Đội Cấn", MONDAY),
    ]
    assert listed[1].started_at == MONDAY + dt.timedelta(minutes=40)
    latest = load_visit_draft(store)
    assert latest is not None and (latest.draft_id, latest.topics) == (c.draft_id, "VNeID")
    older = load_visit_draft(store, LEGACY_DRAFT_ID)
    assert older is not None and older.notes == "nhà A"
    save_visit_draft(store, replace(c, topics=""))  # emptied: nothing to offer back
    discard_visit_draft(store, LEGACY_DRAFT_ID)
    assert [d.draft_id for d in list_visit_drafts(store)] == [b.draft_id]


def test_procedure_catalogue_is_seeded_once_and_searchable(store: Store) -> None:
    first = seed_catalogue(store)
    assert first >= 20 and seed_catalogue(store) == 0
    codes = [p.code for p in list_procedures(store, "khai sinh")]
    assert "1.001193" in codes
    assert [p.code for p in list_procedures(store, "1.004222")] == ["1.004222"]
    assert _count(store, OutboxEntry) == 0  # the catalogue is never pushed back
