"""Synthetic ward data for demos, tests and benchmarks.

Realistic in shape (Vietnamese names with diacritics, ngõ/ngách addresses, ~40 residential
groups, families of 1–6, two years of visits and filings, approved/locked and flagged weeks),
but entirely made up: never a real person's name, ID or phone. Personal IDs follow the
12-digit structure (province, century/sex, birth year) with random tails.

``households=20000`` builds the "large ward" of DESIGN.md §6 (about 60,000 residents, 100,000
visits, 40,000 filings). Everything goes through the change-recording write path, in one
transaction, so a demo profile syncs like one a volunteer filled by hand.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from outreach import admin_units
from outreach.catalogue import OTHER_PROCEDURE_CODE, channel_terms
from outreach.model import Filing, Household, Resident, ResidentialGroup, Team, TeamMember, Visit, Ward, WeekLock
from outreach.model.ids import uuid7
from outreach.reach_rules import birthday
from outreach.services.procedures import seed_catalogue
from outreach.services.visits import week_lock_id
from outreach.store.database import Store
from outreach.store.profile import Profile
from outreach.timeutil import iso_week_of, now_local
from outreach.vocabulary import Channel, FilingStatus, GroupKind, OnlineLevel, Outcome, Role, Sex

FAMILY = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh",
    "Trịnh", "Đào", "Mai",
]
FAMILY_WEIGHTS = [38, 11, 9, 7, 5, 3, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1]
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Công", "Thành", "Đình", "Tiến"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Hồng", "Kim", "Diệu", "Bích"]
GIVEN_MALE = [
    "An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Hùng", "Khánh", "Long", "Minh", "Nam", "Phúc", "Quân", "Sơn", "Thành",
    "Thắng", "Trung", "Tuấn", "Việt", "Hưng", "Đạt", "Kiên", "Lâm", "Toàn",
]
GIVEN_FEMALE = [
    "Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hiền", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc", "Phương", "Quỳnh",
    "Tâm", "Thảo", "Thủy", "Trang", "Vân", "Yến", "Nhung", "Loan", "Oanh",
]
STREETS = [
    "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thường Kiệt", "Phan Đình Phùng", "Điện Biên Phủ", "Quang Trung",
    "Hoàng Hoa Thám", "Đội Cấn", "Kim Mã", "Văn Cao", "Ngọc Hà", "Đốc Ngữ", "Liễu Giai", "Nguyễn Thái Học", "Trần Phú",
    "Lạc Long Quân", "Âu Cơ", "Đặng Tất",
]
TOPICS = [
    "VNeID mức 2", "Dịch vụ công trực tuyến", "Thanh toán trực tuyến", "Đăng ký cư trú", "Hộ tịch", "BHYT", "Trợ cấp xã hội",
    "An sinh xã hội", "Chuyển đổi số",
]
OUTCOMES = list(Outcome)
OUTCOME_WEIGHTS = [58, 18, 12, 3, 9]
FILING_STATUSES = [FilingStatus.SUBMITTED, FilingStatus.COMPLETED, FilingStatus.GUIDED_ONLY, FilingStatus.PREPARED,
                   FilingStatus.RETURNED, FilingStatus.REJECTED]
FILING_STATUS_WEIGHTS = [30, 40, 14, 8, 6, 2]


@dataclass(frozen=True)
class DemoSummary:
    ward_name: str
    groups: int
    households: int
    residents: int
    visits: int
    filings: int
    members: int


def _name(rng: random.Random, male: bool, family: str | None = None) -> str:
    family = family or rng.choices(FAMILY, FAMILY_WEIGHTS)[0]
    middle = rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)
    given = rng.choice(GIVEN_MALE if male else GIVEN_FEMALE)
    return f"{family} {middle} {given}"


def _phone(rng: random.Random) -> str:
    return (
        rng.choice(["090", "091", "094", "096", "097", "098", "086", "088", "035", "038", "070", "077", "083"])
        + f"{rng.randrange(10**7):07d}"
    )


def _personal_id(rng: random.Random, born: dt.date, male: bool, used: set[str]) -> str:
    century = 0 if born.year < 2000 else 2
    while True:
        pid = f"001{century + (0 if male else 1)}{born.year % 100:02d}{rng.randrange(10**6):06d}"
        if pid not in used:
            used.add(pid)
            return pid


#: The demo ward: a real unit of the bundled administrative-units list (public data), so the
#: demo's ward code, name and province are what the office would pick for Phường Ngọc Hà.
DEMO_COMMUNE_CODE = "00008"


def demo_ward_identity() -> tuple[str, str, str, str]:
    """(code, full name, province code, province full name) of the demo ward, from the bundled units.

    Earlier this looked the ward up through a function that did not exist and swallowed the
    error, so every demo ward carried a made-up code; a missing unit is now a loud failure."""
    commune = admin_units.commune(DEMO_COMMUNE_CODE)
    if commune is None:
        raise LookupError(f"commune {DEMO_COMMUNE_CODE} is missing from the bundled administrative units")
    province = admin_units.province(commune.province_code)
    if province is None:
        raise LookupError(f"province {commune.province_code} is missing from the bundled administrative units")
    return commune.code, commune.full_name, province.code, province.full_name


def _add_card_issue_dates(residents: list[dict[str, Any]], rng: random.Random, today: dt.date) -> None:
    """Give most residents aged 14+ a chip card issued since the 2021 CCCD roll-out (its own
    random stream, so the rest of the generated ward is the same as before issue dates existed)."""
    first = dt.date(2021, 1, 1)
    for resident in residents:
        born = resident["date_of_birth"]
        from_day = max(first, birthday(born, 14))
        if from_day < today and rng.random() < 0.8:
            resident["card_issued_on"] = from_day + dt.timedelta(days=rng.randrange((today - from_day).days))


def generate(
    store: Store,
    households: int,
    seed: int = 1,
    *,
    today: dt.date | None = None,
    identity_role: str = "leader",
    ward_id: str | None = None,
    team_id: str | None = None,
    member: tuple[str, str, str] | None = None,
) -> DemoSummary:
    """Fill ``store`` with a synthetic ward and make the profile one of its team members.

    With ``ward_id`` (and optionally ``team_id`` and ``member`` = (id, full name, role)) it fills
    an *existing* ward the profile is enrolled in instead of creating one: the server already has
    the ward, the team and this user's member row, so only the rest is generated and pushed.
    """
    if households < 1:
        raise ValueError("households must be at least 1")
    rng = random.Random(seed)
    today = today or now_local().date()
    seed_catalogue(store)
    from sqlalchemy import select

    from outreach.model import Procedure

    with store.read() as session:
        # not "khác" (a real one carries the typed name) nor a repealed procedure (not filed any more)
        catalogued = session.execute(select(Procedure.id, Procedure.online_level, Procedure.channels, Procedure.province_overrides).where(
            Procedure.deleted.is_(False), Procedure.id != OTHER_PROCEDURE_CODE, Procedure.repealed_from.is_(None))).all()
    levels = {code: level for code, level, _channels, _overrides in catalogued}
    procedures = sorted(levels)
    existing_ward = ward_id is not None
    ward_id = ward_id or uuid7()
    code, ward_name, province_code, province_name = demo_ward_identity()
    # a dossier is paid online only where it carries a fee online in the demo ward's province
    fee_online = {code: channel_terms(channels, overrides, Channel.ONLINE, province_code).get("fee_vnd", 0) > 0
                  for code, _level, channels, overrides in catalogued}
    with store.write() as tx:
        rec = tx.recorder
        if existing_ward:
            found = tx.session.get(Ward, ward_id)
            ward_name = found.name if found is not None and found.name else ward_name
        else:
            rec.insert_many(
                Ward,
                [
                    {
                        "id": ward_id,
                        "ward_id": ward_id,
                        "code": code,
                        "name": ward_name,
                        "province_code": province_code,
                        "province_name": province_name,
                    }
                ],
            )
        n_groups = min(40, max(3, households // 10))
        group_ids = rec.insert_many(
            ResidentialGroup,
            [
                {"ward_id": ward_id, "name": f"Tổ dân phố số {i + 1}", "kind": GroupKind.TO_DAN_PHO, "sort_order": i + 1}
                for i in range(n_groups)
            ],
        )
        new_teams = 3 if team_id else 4
        team_ids = ([team_id] if team_id else []) + rec.insert_many(
            Team,
            [
                {"ward_id": ward_id, "name": f"Đội cơ động số {i + 1 + (4 - new_teams)}", "contact_phone": _phone(rng)}
                for i in range(new_teams)
            ],
        )
        members: dict[str, list[str]] = {}
        member_rows: list[dict[str, Any]] = []
        if member is not None:
            # the enrolled user: already a team member on the server, first of the first team
            member_rows.append({"id": member[0], "ward_id": ward_id, "team_id": team_ids[0], "full_name": member[1], "role": member[2]})
            members.setdefault(team_ids[0], []).append(member[0])
        for team_id in team_ids:
            for j in range(7 - (1 if member is not None and team_id == team_ids[0] else 0)):
                male = rng.random() < 0.5
                member_rows.append(
                    {"id": uuid7(), "ward_id": ward_id, "team_id": team_id, "full_name": _name(rng, male),
                     "role": Role.LEADER if j == 0 else Role.VOLUNTEER, "phone": _phone(rng), "active": True}
                )
                members.setdefault(team_id, []).append(member_rows[-1]["id"])
        rec.insert_many(TeamMember, member_rows[1:] if member is not None else member_rows)

        used_ids: set[str] = set()
        household_rows: list[dict[str, Any]] = []
        resident_rows: list[dict[str, Any]] = []
        for i in range(households):
            hid = uuid7()
            family = rng.choices(FAMILY, FAMILY_WEIGHTS)[0]
            size = rng.choices([1, 2, 3, 4, 5, 6], [14, 22, 26, 22, 11, 5])[0]
            head_male = rng.random() < 0.6
            head_born = today - dt.timedelta(days=rng.randrange(25 * 365, 85 * 365))
            head_name = _name(rng, head_male, family)
            elderly_alone = size == 1 and (today.year - head_born.year) >= 65
            address: dict[str, str] = {"house_number": str(rng.randrange(1, 200)), "street": rng.choice(STREETS)}
            if rng.random() < 0.7:
                address["lane"] = str(rng.randrange(1, 300))
                if rng.random() < 0.4:
                    address["alley"] = f"{address['lane']}/{rng.randrange(1, 60)}"
            household_rows.append(
                {"id": hid, "ward_id": ward_id, "group_id": group_ids[i % n_groups], "address": address,
                 "head_name": head_name, "phone": _phone(rng) if rng.random() < 0.85 else None,
                 "elderly_alone": elderly_alone, "disabled": rng.random() < 0.04,
                 "policy_family": rng.random() < 0.06, "poor_household": rng.random() < 0.05, "notes": ""}
            )
            for k in range(size):
                if k == 0:
                    name, male, born, relation = head_name, head_male, head_born, "Chủ hộ"
                else:
                    male = rng.random() < 0.5
                    relation = rng.choice(["Vợ" if head_male else "Chồng", "Con", "Con", "Cháu", "Bố", "Mẹ"])
                    born = today - dt.timedelta(days=rng.randrange(0, 80 * 365))
                    name = _name(rng, male, family if relation in ("Con", "Cháu") else None)
                resident_rows.append(
                    {"id": uuid7(), "ward_id": ward_id, "household_id": hid, "full_name": name, "date_of_birth": born,
                     "sex": Sex.MALE if male else Sex.FEMALE, "personal_id": _personal_id(rng, born, male, used_ids),
                     "relation_to_head": relation, "phone": _phone(rng) if rng.random() < 0.5 else None,
                     "vneid_level": rng.choices([0, 1, 2], [25, 20, 55])[0],
                     "consent_given_at": dt.datetime.combine(today - dt.timedelta(days=rng.randrange(0, 700)), dt.time(9)),
                     "consent_detail": {"purpose": "Hỗ trợ dịch vụ công trực tuyến tại nhà"}}
                )
        _add_card_issue_dates(resident_rows, random.Random(f"{seed}-cards"), today)
        rec.insert_many(Household, household_rows)
        rec.insert_many(Resident, resident_rows)

        residents_by_household: dict[str, list[str]] = {}
        for r in resident_rows:
            residents_by_household.setdefault(r["household_id"], []).append(r["id"])
        visit_rows: list[dict[str, Any]] = []
        filing_rows: list[dict[str, Any]] = []
        current_week = iso_week_of(today)
        recent_cutoff = today - dt.timedelta(days=14)
        locked_weeks: set[tuple[str, str]] = set()
        n_visits = households * 5
        for _ in range(n_visits):
            household = household_rows[rng.randrange(households)]
            team_id = team_ids[group_ids.index(household["group_id"]) % len(team_ids)]
            day = today - dt.timedelta(days=rng.randrange(0, 730))
            started = dt.datetime.combine(day, dt.time(rng.randrange(8, 17), rng.choice([0, 15, 30, 45])))
            volunteer = rng.choice(members[team_id][1:])
            outcome = rng.choices(OUTCOMES, OUTCOME_WEIGHTS)[0]
            follow_up = None
            if outcome in ("revisit_needed", "not_home") or rng.random() < 0.05:
                follow_up = day + dt.timedelta(days=rng.randrange(3, 15))
            week = iso_week_of(day)
            if day < recent_cutoff:
                review = "flagged" if rng.random() < 0.004 else "approved"
            else:
                review = rng.choices(["pending", "approved", "flagged", "corrected"], [70, 20, 7, 3])[0]
            vid = uuid7()
            visit_rows.append(
                {
                    "id": vid,
                    "ward_id": ward_id,
                    "household_id": household["id"],
                    "team_id": team_id,
                    "volunteer_id": volunteer,
                    "members_present": [volunteer] + ([rng.choice(members[team_id][1:])] if rng.random() < 0.5 else []),
                    "started_at": started,
                    "outcome": outcome,
                    "topics": rng.sample(TOPICS, rng.randrange(1, 3)),
                    "notes": "",
                    "follow_up_date": follow_up,
                    "follow_up_done": bool(follow_up and follow_up < today - dt.timedelta(days=7) and rng.random() < 0.9),
                    "satisfaction": rng.choices([None, 3, 4, 5], [30, 5, 25, 40])[0],
                    "review_status": review,
                    "review_note": "Bổ sung mã hồ sơ" if review == "flagged" else "",
                    "reviewed_by": members[team_id][0] if review != "pending" else None,
                    "reviewed_at": started + dt.timedelta(days=3) if review != "pending" else None,
                }
            )
            if day < recent_cutoff and week != current_week and review == "approved":
                locked_weeks.add((team_id, week))
            if outcome in ("helped", "guided") and procedures:
                for _ in range(rng.choices([0, 1, 2], [55, 37, 8])[0]):
                    status = rng.choices(FILING_STATUSES, FILING_STATUS_WEIGHTS)[0]
                    has_code = status in ("submitted", "completed", "returned", "rejected")
                    resident_id = rng.choice(residents_by_household[household["id"]])
                    procedure_code = rng.choice(procedures)
                    portal = rng.choices(["dvcqg", "vneid", "bhxh"], [70, 20, 10])[0]
                    dossier_code = f"H01.{rng.randrange(10, 99)}-{day:%y%m%d}-{rng.randrange(10000):04d}" if has_code else ""
                    paid = has_code and rng.random() < 0.45
                    # (no new random draws: the same seed keeps giving the same ward) a counter-only
                    # procedure goes in at the counter and is never paid online; a VNeID dossier's
                    # result comes back on VNeID
                    counter = levels[procedure_code] == OnlineLevel.COUNTER
                    channel = (Channel.COUNTER if counter else Channel.ONLINE) if has_code else None
                    filing_rows.append(
                        {
                            "ward_id": ward_id,
                            "visit_id": vid,
                            "resident_id": resident_id,
                            "procedure_code": procedure_code,
                            "dossier": {"portal": portal, "dossier_code": dossier_code},
                            "status": status,
                            "fee_paid_online": paid and not counter and fee_online[procedure_code],
                            "submitted_at": started if has_code else None,
                            "channel": channel,
                            "electronic_result": portal == "vneid" if status == "completed" else None,
                        }
                    )
        # flagged weeks stay unlocked: the volunteer still owes a correction
        flagged_weeks = {(v["team_id"], iso_week_of(v["started_at"].date())) for v in visit_rows if v["review_status"] == "flagged"}
        rec.insert_many(Visit, visit_rows)
        rec.insert_many(Filing, filing_rows)
        lock_time = dt.datetime.combine(today, dt.time(8))
        rec.insert_many(
            WeekLock,
            [{"id": week_lock_id(team, week), "ward_id": ward_id, "team_id": team, "iso_week": week, "locked": True,
              "changed_by": members[team][0], "changed_at": lock_time}
             for team, week in sorted(locked_weeks - flagged_weeks)],
        )
    profile: Profile = store.profile
    leader_of_first_team = member_rows[0]
    identity = leader_of_first_team if identity_role == "leader" or member is not None else member_rows[1]
    profile.ward_id, profile.team_id = ward_id, team_ids[0]
    profile.member_id, profile.member_name, profile.role = identity["id"], identity["full_name"], identity["role"]
    profile.save()
    return DemoSummary(ward_name, n_groups, households, len(resident_rows), len(visit_rows), len(filing_rows), len(member_rows))
