"""Synced entities of a ward: the people, places and work Outreach records.

Datetimes are naive Vietnam local time (UTC+7, no daylight saving): a ward lives in one time
zone, and ISO-week grouping in SQL is then plain. HLC stamps carry the real ordering.
Lists (members present, topics) are JSON and sync as one field; parts that must never be mixed
from two devices (an address; portal + dossier code) are one JSON field (DESIGN.md §4.14).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from outreach.model.base import ID_LENGTH, Base, Synced
from outreach.vocabulary import (
    FilingStatus,
    GroupKind,
    OnlineLevel,
    Outcome,
    ReviewStatus,
    Role,
)


class Ward(Synced, Base):
    """A commune-level unit (phường/xã/đặc khu) after the 2025 reform: the scope of one server."""

    __tablename__ = "wards"
    entity_name = "ward"

    code: Mapped[str] = mapped_column(String(5), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    province_code: Mapped[str] = mapped_column(String(2), default="")
    province_name: Mapped[str] = mapped_column(String(200), default="")
    #: Whether the ward's laptops ask their PIN (the app lock); None — never set — means yes:
    #: the lock is on by default and the office may turn it off (``outreach-server ward lock``).
    app_lock: Mapped[bool | None] = mapped_column(Boolean)


class ResidentialGroup(Synced, Base):
    """A tổ dân phố (or thôn in the countryside), defined by the ward itself."""

    __tablename__ = "residential_groups"
    entity_name = "residential_group"

    name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20), default=GroupKind.TO_DAN_PHO)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Team(Synced, Base):
    """A mobile outreach team (đội cơ động) of the ward."""

    __tablename__ = "teams"
    entity_name = "team"

    name: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str | None] = mapped_column(String(20))


class TeamMember(Synced, Base):
    """A volunteer or leader of a team."""

    __tablename__ = "team_members"
    entity_name = "team_member"

    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default=Role.VOLUNTEER)
    phone: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Household(Synced, Base):
    """A household (hộ gia đình) at one address in one residential group."""

    __tablename__ = "households"
    entity_name = "household"

    group_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    #: {"house_number", "alley" (ngách), "lane" (ngõ), "street", "hamlet", "extra"}
    address: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    head_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    elderly_alone: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    policy_family: Mapped[bool] = mapped_column(Boolean, default=False)
    poor_household: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class Resident(Synced, Base):
    """A person living in a household; personal fields are cleared when consent is withdrawn."""

    __tablename__ = "residents"
    entity_name = "resident"
    #: covering index: resident counts per household without reading resident rows
    __table_args__ = (
        Index("ix_residents_server_seq", "server_seq"),
        Index("ix_residents_household_live", "household_id", "deleted"),
        #: covering index: residents aged 14+ by VNeID level (coverage) without reading resident rows
        Index("ix_residents_vneid_age", "deleted", "date_of_birth", "vneid_level", "ward_id", "household_id"),
    )

    #: (no index of its own: ix_residents_household_live starts with it)
    household_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    full_name: Mapped[str] = mapped_column(String(200), default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(5))  # Sex
    personal_id: Mapped[str | None] = mapped_column(String(12), index=True)
    old_id: Mapped[str | None] = mapped_column(String(9))
    #: The permanent address as printed on the chip card (from a CCCD scan), kept verbatim: it can
    #: differ from the household's address (people register where they actually live).
    card_address: Mapped[str | None] = mapped_column(String(300))
    relation_to_head: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    vneid_level: Mapped[int] = mapped_column(Integer, default=0)  # 0 none, 1, 2
    consent_given_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    consent_withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: Who recorded consent and for what purpose: {"recorded_by", "purpose"}.
    consent_detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Visit(Synced, Base):
    """One home visit by a team, with its outcome and the leader's review."""

    __tablename__ = "visits"
    entity_name = "visit"
    #: covering index: a household's last visit without reading visit rows (search results)
    __table_args__ = (
        Index("ix_visits_server_seq", "server_seq"),
        Index("ix_visits_household_last", "household_id", "deleted", "started_at"),
    )

    #: (no index of its own: ix_visits_household_last starts with it)
    household_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    volunteer_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    members_present: Mapped[list[Any]] = mapped_column(JSON, default=list)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    #: When the visit was saved: with started_at, how long a home visit takes.
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(String(30), default=Outcome.HELPED)
    topics: Mapped[list[Any]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    follow_up_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    follow_up_done: Mapped[bool] = mapped_column(Boolean, default=False)
    satisfaction: Mapped[int | None] = mapped_column(Integer)  # 1..5, like SIPAS
    review_status: Mapped[str] = mapped_column(String(20), default=ReviewStatus.PENDING, index=True)
    review_note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Filing(Synced, Base):
    """One public-service filing helped with during a visit."""

    __tablename__ = "filings"
    entity_name = "filing"
    #: covering index: the dossiers waiting for their result (coverage) without reading filing rows
    __table_args__ = (
        Index("ix_filings_server_seq", "server_seq"),
        Index("ix_filings_waiting", "status", "deleted", "ward_id", "visit_id", "procedure_code", "submitted_at"),
    )

    visit_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    resident_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    procedure_code: Mapped[str] = mapped_column(String(20), default="", index=True)
    #: {"portal": "dvcqg" | "vneid" | ..., "dossier_code": "..."}: one field so they never mix.
    dossier: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(30), default=FilingStatus.PREPARED)
    fee_paid_online: Mapped[bool] = mapped_column(Boolean, default=False)
    #: How the dossier was filed (``Channel``); null on filings recorded before it was asked.
    channel: Mapped[str | None] = mapped_column(String(10))
    #: Whether the result came back electronically (VNeID / e-mail), recorded when the filing is
    #: completed; null while unknown (not completed yet, or not asked).
    electronic_result: Mapped[bool | None] = mapped_column(Boolean)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Procedure(Synced, Base):
    """A public-service procedure of the national catalogue; id is its code (mã TTHC)."""

    __tablename__ = "procedures"
    entity_name = "procedure"
    ward_scoped = False

    name_vi: Mapped[str] = mapped_column(String(300), default="")
    name_en: Mapped[str] = mapped_column(String(300), default="")
    field_vi: Mapped[str] = mapped_column(String(100), default="")
    field_en: Mapped[str] = mapped_column(String(100), default="")
    online_level: Mapped[str] = mapped_column(String(10), default=OnlineLevel.FULL)
    essential: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The national portal's record id (formalityId, a UUID) and its case ids: the 2026 portal
    #: addresses a procedure by them, not by its code.
    formality_id: Mapped[str | None] = mapped_column(String(36))
    case_codes: Mapped[list[Any] | None] = mapped_column(JSON, default=list)
    #: A short name for lists and the picker (the portal's full names run to 200 characters).
    short_name: Mapped[str | None] = mapped_column(String(100), default="")
    executing_body: Mapped[str | None] = mapped_column(String(300), default="")
    #: Per channel ("online" / "postal" / "counter"): {"days": working days, "fee_vnd": đồng}.
    channels: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=dict)
    #: Province code -> partial channel data (a province's resolution setting a fee to 0 đ online).
    province_overrides: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=dict)
    #: {"submit": [paper names], "show": [paper names]}: what to bring (nộp) and to show (xuất trình).
    papers: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=dict)
    #: Can be filed at any commune (phi địa giới), not only where the resident lives.
    any_commune: Mapped[bool | None] = mapped_column(Boolean, default=False)
    effective_from: Mapped[dt.date | None] = mapped_column(Date)
    #: From this day it is no longer offered for new filings; older filings stay valid.
    repealed_from: Mapped[dt.date | None] = mapped_column(Date)
    replaced_by: Mapped[str | None] = mapped_column(String(20))


class WeekLock(Synced, Base):
    """An approved ISO week of one team, locked against casual edits.

    Its id is derived from (team, week) so two leaders locking the same week at once create the
    same row, and the merge converges instead of producing two locks.
    """

    __tablename__ = "week_locks"
    entity_name = "week_lock"

    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    iso_week: Mapped[str] = mapped_column(String(8), default="")  # "2026-W47"
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


SYNCED_ENTITIES: tuple[type[Synced], ...] = (
    Ward,
    ResidentialGroup,
    Team,
    TeamMember,
    Household,
    Resident,
    Visit,
    Filing,
    Procedure,
    WeekLock,
)

ENTITY_BY_NAME: dict[str, type[Synced]] = {cls.entity_name: cls for cls in SYNCED_ENTITIES}
