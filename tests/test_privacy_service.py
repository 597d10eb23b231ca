"""Consent enforced by the service, and the laptop's audit events recorded with their act (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from outreach.errors import ValidationError
from outreach.model import AuditEvent, OutboxEntry, Resident
from outreach.services import audit, consent, review
from outreach.services.context import Actor
from outreach.services.households import (
    HouseholdInput,
    ResidentInput,
    add_resident,
    register_household,
    update_resident,
    view_household,
)
from outreach.services.visits import VisitInput, record_visit
from outreach.store.database import Store
from outreach.timeutil import iso_week_of
from outreach.vocabulary import AuditAction, RecordKind

PURPOSE = "Hỗ trợ dịch vụ công trực tuyến tại nhà"


def _counts(store: Store) -> tuple[int, int, int]:
    with store.read() as s:
        return (s.scalar(select(func.count()).select_from(Resident)) or 0, s.scalar(select(func.count()).select_from(OutboxEntry)) or 0,
                s.scalar(select(func.count()).select_from(AuditEvent)) or 0)


@pytest.fixture
def home(store: Store, volunteer: Actor) -> str:
    return register_household(store, volunteer, HouseholdInput("Nguyễn Văn An", {"street": "Kim Mã", "house_number": "5"})).id


@pytest.mark.parametrize("personal", [{"personal_id": "001090000123"}, {"date_of_birth": dt.date(1990, 3, 4)},
                                      {"phone": "0912345678"}, {"old_id": "123456789"}])
def test_add_resident_with_personal_data_and_no_consent_is_refused_and_writes_nothing(
    store: Store, volunteer: Actor, home: str, personal: dict[str, object]
) -> None:
    before = _counts(store)
    with pytest.raises(ValidationError) as refused:
        add_resident(store, volunteer, home, ResidentInput("Nguyễn Văn An", sex="Nam", **personal), confirm=True)  # type: ignore[arg-type]
    assert [(p.field, p.code) for p in refused.value.problems] == [("consent", "consent_required")]
    assert "đồng ý" in refused.value.message("vi") and "consent" in refused.value.message("en")
    with pytest.raises(ValidationError):  # a blank purpose is no consent
        add_resident(store, volunteer, home, ResidentInput("Nguyễn Văn An", **personal), consent_purpose="  ", confirm=True)  # type: ignore[arg-type]
    assert _counts(store) == before


def test_consent_given_with_the_resident_is_stored_and_audited_in_the_same_write(store: Store, volunteer: Actor, home: str) -> None:
    name_only = add_resident(store, volunteer, home, ResidentInput("Nguyễn Thị Bé"))  # a name alone needs no consent
    assert not name_only.has_consent
    person = add_resident(store, volunteer, home, ResidentInput("Nguyễn Văn An", dt.date(1990, 3, 4), "Nam", personal_id="001090000123"),
                          consent_purpose=PURPOSE, confirm=True)
    assert person.has_consent and person.personal_id == "001090000123"
    events = [e for e in audit.entries(store) if e.action == AuditAction.CONSENT_GIVEN]
    assert [(e.target_kind, e.target_id, e.actor_id, e.uploaded) for e in events] == [("resident", person.id, volunteer.member_id, False)]


def test_an_edit_adding_personal_data_needs_consent_and_a_withdrawal_ends_it(store: Store, volunteer: Actor, home: str) -> None:
    person = add_resident(store, volunteer, home, ResidentInput("Trần Văn Bình", sex="Nam"))
    with pytest.raises(ValidationError) as refused:
        update_resident(store, volunteer, person.id, ResidentInput("Trần Văn Bình", sex="Nam", phone="0912345678"))
    assert refused.value.problems[0].code == "consent_required"
    consent.give_consent(store, volunteer, person.id, PURPOSE)
    assert update_resident(store, volunteer, person.id, ResidentInput("Trần Văn Bình", sex="Nam", phone="0912345678")).phone == "0912345678"
    consent.withdraw_consent(store, volunteer, person.id)
    with pytest.raises(ValidationError):
        update_resident(store, volunteer, person.id, ResidentInput("Trần Văn Bình", phone="0912345678"))
    actions = [(e.action, e.target_id) for e in reversed(audit.entries(store))]
    assert actions == [(AuditAction.CONSENT_GIVEN, person.id), (AuditAction.CONSENT_WITHDRAWN, person.id)]


def test_opening_a_household_and_reviewing_are_audited_by_id(store: Store, volunteer: Actor, leader: Actor, home: str) -> None:
    add_resident(store, volunteer, home, ResidentInput("Nguyễn Văn An"))
    detail = view_household(store, leader, home)
    assert [r.full_name for r in detail.residents] == ["Nguyễn Văn An"]
    started = dt.datetime(2026, 11, 16, 9, 0)
    first = record_visit(store, volunteer, VisitInput(home, started))
    second = record_visit(store, volunteer, VisitInput(home, started + dt.timedelta(hours=2)))
    review.approve_visit(store, leader, first.id)
    review.flag_visit(store, leader, second.id, "Thiếu số điện thoại")
    review.set_week_lock(store, leader, str(leader.team_id), iso_week_of(started.date()), True)
    events = [(e.action, e.target_kind, e.target_id, e.actor_id) for e in reversed(audit.entries(store))]
    assert events == [
        (AuditAction.VIEW_PERSONAL_DATA, RecordKind.HOUSEHOLD, home, leader.member_id),
        (AuditAction.REVIEW_APPROVE, RecordKind.VISIT, first.id, leader.member_id),
        (AuditAction.REVIEW_FLAG, RecordKind.VISIT, second.id, leader.member_id),
        (AuditAction.REVIEW_LOCK, RecordKind.TEAM, leader.team_id, leader.member_id),
    ]
    # events name records by id: no personal field of the household is in them
    with store.read() as s:
        texts = [f"{e.subject} {e.detail}" for e in s.scalars(select(AuditEvent))]
    assert not any("Nguyễn" in t or "Thiếu" in t for t in texts)


def test_the_hand_over_export_is_audited_before_it_is_written(store: Store, volunteer: Actor, home: str, tmp_path: Path) -> None:
    from outreach.services.device import export_unsent
    from outreach.services.handover import HandoverError

    target = tmp_path / "ban-giao.handover"
    assert export_unsent(store, target, "mật khẩu bàn giao dài") >= 1
    events = [e for e in audit.entries(store) if e.action == AuditAction.EXPORT_UNSENT]
    assert len(events) == 1 and events[0].detail["destination"] == str(target) and events[0].detail["changes"] >= 1
    with pytest.raises(HandoverError):  # a refused passphrase exports nothing and records nothing
        export_unsent(store, tmp_path / "x.handover", "1234567")
    assert len([e for e in audit.entries(store) if e.action == AuditAction.EXPORT_UNSENT]) == 1


def test_migration_0005g_gives_every_older_audit_event_an_id_to_upload(store: Store, volunteer: Actor) -> None:
    """A laptop upgraded from 0004f keeps its audit trail and can hand all of it to the office."""
    from alembic import command
    from sqlalchemy import text

    from outreach.store.migrate import alembic_config

    def to(revision: str, step: object) -> None:
        with store.engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            step(config, revision)  # type: ignore[operator]

    to("0004f", command.downgrade)
    with store.engine.begin() as conn:
        for subject in ("follow-up list ward", "coverage 2026-W47"):
            conn.execute(text("INSERT INTO audit_log (at, actor_id, actor_name, action, subject, detail) "
                              "VALUES ('2026-11-20 09:00:00', :m, 'Huy', 'export_personal_data', :s, '{}')"),
                         {"m": volunteer.member_id, "s": subject})
    to("head", command.upgrade)
    with store.read() as s:
        ids = [e.event_id for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        tables = {row[0] for row in s.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
        columns = {row[1] for row in s.execute(text("PRAGMA table_info(residents)"))}
    assert len(ids) == 2 and all(ids) and len(set(ids)) == 2
    assert "erasures_applied" in tables and "erased_at" in columns
    assert [e.uploaded for e in audit.entries(store)] == [False, False]  # waiting for the next sync
