"""Coverage figures of the hand-made ward (tests/reports/conftest.py), answers worked out by hand."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from outreach.errors import NotFound, PermissionDenied
from outreach.labels import scope_text
from outreach.services import audit
from outreach.services.context import Actor
from outreach.services.coverage import Ratio, compute_coverage, export_follow_up_contacts, follow_up_contacts, trend_weeks
from outreach.services.periods import PeriodError, Scope, parse_period, parse_scope
from outreach.store.database import Store
from outreach.vocabulary import Placeholder

from .conftest import AS_OF, SmallWard

W47 = parse_period("2026-W47")


def test_periods_parse_weeks_months_and_ranges() -> None:
    assert (W47.start, W47.end) == (dt.date(2026, 11, 16), dt.date(2026, 11, 23))
    assert W47.title() == "Tuần 47/2026 (16/11/2026 – 22/11/2026)"
    november = parse_period("2026-11")
    assert (november.start, november.end) == (dt.date(2026, 11, 1), dt.date(2026, 12, 1))
    december = parse_period("2026-12")
    assert december.end == dt.date(2027, 1, 1)
    custom = parse_period("2026-11-01..2026-11-30")
    assert (custom.start, custom.end, custom.last_day) == (dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2026, 11, 30))
    for bad in ("2026-W54", "2026-13", "2026-11-30..2026-11-01", "last week"):
        with pytest.raises(PeriodError) as info:
            parse_period(bad)
        assert info.value.message_vi
    assert parse_scope("ward") == Scope()
    assert parse_scope("team:abc") == Scope("team", "abc")
    with pytest.raises(PeriodError):
        parse_scope("street:1")


def test_ward_coverage_of_a_week(store: Store, small_ward: SmallWard) -> None:
    r = compute_coverage(store, W47, as_of=AS_OF)
    assert r.ward_name == "Phường Ngọc Hà"
    assert r.scope_name == Placeholder.WHOLE_WARD and scope_text(r.scope.kind, r.scope_name) == "Toàn phường"
    # households: h7 is deleted; visited h1, h2, h3 (A) and h5 (B); h4's visit is deleted or next week
    assert (r.households_total, r.households_visited) == (6, 4)
    assert [(g.group_name, g.households, g.households_visited, g.priority_households, g.priority_reached) for g in r.groups] == [
        ("Tổ dân phố số 1", 4, 3, 2, 2),
        ("Tổ dân phố số 2", 2, 1, 1, 1),
    ]
    assert r.coverage == pytest.approx(4 / 6)
    assert (r.priority_total, r.priority_reached) == (3, 3)
    assert {p.flag: (p.households, p.reached) for p in r.priority} == {
        "elderly_alone": (1, 1), "disabled": (1, 1), "policy_family": (0, 0), "poor_household": (1, 1)}
    # visits: v1..v5 (v6 deleted, v7 next week, v8 last week)
    assert r.visits_total == 5
    assert {o.outcome: o.visits for o in r.outcomes} == {"helped": 1, "guided": 1, "not_home": 1, "refused": 1, "revisit_needed": 1}
    # filings f1, f2, f3 (f5 deleted, f4 last week)
    f = r.filings
    assert (f.filings, f.with_dossier_code, f.fee_paid_online, f.returned, f.guided_only) == (3, 2, 1, 0, 1)
    # f1 and f3 are submitted dossiers, but none says it went in online: a procedure's catalogue
    # level (f1's is "full") is not the channel a dossier used (tests/reports/test_figures.py)
    assert (r.dossiers.online, r.dossiers.full_online) == (Ratio(0, 2), Ratio(0, 0))
    assert {p.code: (p.filings, p.with_dossier_code, p.fee_paid_online, p.online_level) for p in r.by_procedure} == {
        "1.001193": (1, 1, 1, "full"), "3.000228": (1, 0, 0, "counter"), "1.000894": (1, 1, 0, "partial")}
    assert {lv.level: (lv.filings, lv.with_dossier_code, lv.fee_paid_online) for lv in r.by_level} == {
        "full": (1, 1, 1), "partial": (1, 1, 0), "counter": (1, 0, 0)}
    # r1 (level 1) and r5 (level 2) have no date of birth: not counted among residents aged 14+,
    # and f2 (a filing of the level-2 procedure) is no longer taken for a level-2 account
    assert (r.vneid.aged_14_plus, r.vneid.brought_to_level2) == (0, 0)
    # follow-ups as of Sunday 22/11: v3's (20/11) is overdue, v4's (25/11) is due within 7 days
    assert (r.follow_ups.due, r.follow_ups.overdue) == (1, 1)
    assert [(v.name, v.visits, v.households, v.filings) for v in r.volunteers] == [
        ("Phạm Quang Huy", 3, 3, 3), ("Lê Thị Hạnh", 2, 2, 0)]
    assert r.satisfaction_average == pytest.approx(4.5)
    assert r.satisfaction_responses == 2
    # trend: 12 weeks W36..W47; W46 holds v8 and its returned filing
    assert [t.iso_week for t in r.trend] == [f"2026-W{w}" for w in range(36, 48)]
    assert [(t.visits, t.households_visited, t.filings, t.full_online_filings) for t in r.trend[-2:]] == [(1, 1, 1, 0), (5, 4, 3, 0)]
    assert sum(t.visits for t in r.trend[:-2]) == 0


def test_month_and_custom_range(store: Store, small_ward: SmallWard) -> None:
    month = compute_coverage(store, parse_period("2026-11"), as_of=AS_OF)
    assert (month.households_visited, month.visits_total, month.filings.filings, month.filings.returned) == (6, 7, 4, 1)
    assert month.coverage == 1.0
    # the trend ends with the week of 30/11 (W49)
    assert month.trend[-1].iso_week == "2026-W49"
    custom = compute_coverage(store, parse_period("2026-11-17..2026-11-18"), as_of=AS_OF)
    assert (custom.visits_total, custom.households_visited, custom.filings.filings) == (2, 2, 1)


def test_scopes(store: Store, small_ward: SmallWard) -> None:
    group_b = compute_coverage(store, W47, Scope("group", small_ward["group_b"]), as_of=AS_OF)
    assert group_b.scope_name == "Tổ dân phố số 2"
    assert [g.group_name for g in group_b.groups] == ["Tổ dân phố số 2"]
    assert (group_b.households_total, group_b.households_visited, group_b.visits_total, group_b.filings.filings) == (2, 1, 1, 0)
    assert (group_b.follow_ups.due, group_b.follow_ups.overdue) == (0, 1)

    volunteer = compute_coverage(store, W47, Scope("volunteer", small_ward["volunteer"]), as_of=AS_OF)
    assert (volunteer.households_total, volunteer.households_visited, volunteer.visits_total) == (6, 3, 3)
    assert volunteer.filings.filings == 3
    assert [v.name for v in volunteer.volunteers] == ["Phạm Quang Huy"]

    team = compute_coverage(store, W47, Scope("team", small_ward["team"]), as_of=AS_OF)
    assert (team.visits_total, team.households_visited) == (5, 4)
    assert team.scope_name == "Đội cơ động số 1"

    with pytest.raises(NotFound):
        compute_coverage(store, W47, Scope("team", "no-such-team"), as_of=AS_OF)


def test_trend_weeks_cross_the_year() -> None:
    # 2026 has 53 ISO weeks (it starts on a Thursday)
    weeks = trend_weeks(dt.date(2027, 1, 6))
    assert weeks[0][0] == "2026-W43" and weeks[-1][0] == "2027-W01"
    assert all((b[1] - a[1]).days == 7 for a, b in itertools.pairwise(weeks))


def test_an_empty_ward_reports_zeros_not_errors(store: Store, ward: dict[str, str]) -> None:
    r = compute_coverage(store, W47, as_of=AS_OF)
    assert (r.households_total, r.visits_total, r.filings.filings) == (0, 0, 0)
    assert r.coverage is None and r.satisfaction_average is None and r.dossiers.full_online.share is None


def test_aggregate_report_carries_no_personal_data(store: Store, small_ward: SmallWard) -> None:
    r = compute_coverage(store, W47, as_of=AS_OF)
    text = repr(r)
    for personal in ("Chủ hộ h1", "0912345678", "Nguyễn Văn An", "Đội Cấn"):
        assert personal not in text


def test_follow_up_list_export_needs_a_leader_and_is_audited(store: Store, small_ward: SmallWard, volunteer: Actor, leader: Actor) -> None:
    with pytest.raises(PermissionDenied):
        export_follow_up_contacts(store, volunteer, "/tmp/x.xlsx", as_of=AS_OF)
    assert [e for e in audit.entries(store) if e.action == audit.EXPORT_PERSONAL_DATA] == []

    rows = export_follow_up_contacts(store, leader, "/tmp/follow-ups.xlsx", as_of=AS_OF)
    assert [(r.head_name, r.follow_up_date, r.overdue, r.phone) for r in rows] == [
        ("Chủ hộ h5", dt.date(2026, 11, 20), True, "0912345678"),
        ("Chủ hộ h1", dt.date(2026, 11, 25), False, "0912345678"),
    ]
    events = [e for e in audit.entries(store) if e.action == audit.EXPORT_PERSONAL_DATA]
    assert len(events) == 1
    assert events[0].actor_id == leader.member_id
    assert events[0].detail == {"destination": "/tmp/follow-ups.xlsx", "rows": 2, "password_protected": False}
    assert len(follow_up_contacts(store, as_of=AS_OF)) == 2


def test_a_report_does_not_wait_for_a_writer(store: Store, small_ward: SmallWard) -> None:
    """The working tables live in the connection's temp schema: computing takes no write lock,
    so a report runs while the serial writer holds a transaction open (a sync, an import)."""
    import threading

    from outreach.model import AuditEvent
    from outreach.timeutil import now_local

    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with store.write() as tx:
            tx.session.add(AuditEvent(at=now_local(), actor_id=None, actor_name="t", action="test", subject="", detail={}))
            tx.session.flush()
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert holding.wait(5)
        report = compute_coverage(store, W47, as_of=AS_OF)
        assert report.visits_total == 5
    finally:
        release.set()
        thread.join()


def test_the_report_reads_through_its_covering_indexes(store: Store, small_ward: SmallWard) -> None:
    """Every query of the report is planned on a migrated database as the large-ward benchmark
    needs: the households, the report's visits and filings and the open follow-ups read from
    their covering indexes (migration 0005b), never the wide synced rows (a plan, not a timing)."""
    from sqlalchemy import event

    from outreach.services.coverage import report_filings, report_visits

    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith(("SELECT", "INSERT INTO OUTREACH_REPORT")):
            statements.append((statement, parameters))

    engine = store.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        compute_coverage(store, W47, as_of=AS_OF)
        compute_coverage(store, W47, Scope("team", small_ward["team"]), as_of=AS_OF)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    used: set[str] = set()
    with engine.connect() as conn:
        for table in (report_visits, report_filings):  # the report's work tables, as it makes them
            table.create(conn, checkfirst=True)
        for statement, parameters in statements:
            for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters):  # type: ignore[arg-type]
                detail = str(row[-1])
                if "USING COVERING INDEX" in detail or "USING INDEX" in detail:
                    used.add(detail.split(" INDEX ")[1].split()[0])
    assert {"ix_households_coverage", "ix_visits_report", "ix_filings_report"} <= used
    # the open follow-ups: the report's partial index, or the day plan's (0005r), both covering
    assert {"ix_visits_open_follow_ups", "ix_visits_open_follow_up"} & used
