"""A small hand-made ward whose coverage figures are worked out by hand in the tests.

Week 2026-W47 runs Monday 16 to Sunday 22 November 2026.

Households (group A = "Tổ dân phố số 1", group B = "Tổ dân phố số 2"):
  h1 A elderly living alone   h2 A poor household   h3 A   h4 A
  h5 B disabled               h6 B                  h7 B (deleted: never counted)
Visits:
  v1 h1 volunteer helped          16/11 09:00 satisfaction 5
       f1 1.001193 (full)    submitted, dossier code, fee paid online
       f2 3.000228 (counter) guided only, resident r1 (VNeID level 2)
       f5 1.004222           deleted: never counted
  v2 h2 volunteer guided          17/11 10:00 satisfaction 4
       f3 1.000894 (partial) submitted, dossier code, fee not paid online
  v3 h5 leader    not_home        18/11 14:00 follow-up 20/11 (open)
  v4 h1 leader    revisit_needed  19/11 15:00 follow-up 25/11 (open)
  v5 h3 volunteer refused         22/11 23:30 (last minutes of the week)
  v6 h4 volunteer helped          18/11 deleted: never counted
  v7 h4 volunteer helped          23/11 00:00 (next week, W48)
  v8 h6 volunteer helped          09/11 10:00 (W46)
       f4 1.004222 (full)    returned, dossier code
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from outreach.model import Filing, Household, Resident, Visit
from outreach.model.ids import uuid7
from outreach.services.procedures import seed_catalogue
from outreach.store.database import Store

AS_OF = dt.date(2026, 11, 22)


@dataclass(frozen=True)
class SmallWard:
    ids: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


@pytest.fixture
def small_ward(store: Store, ward: dict[str, str]) -> SmallWard:
    seed_catalogue(store)
    ids = dict(ward)
    for key in ("h1", "h2", "h3", "h4", "h5", "h6", "h7", "r1", "r5"):
        ids[key] = uuid7()
    w = ward["ward"]
    a, b = ward["group_a"], ward["group_b"]
    vol, lead, team = ward["volunteer"], ward["leader"], ward["team"]

    def household(key: str, group: str, number: str, **flags: bool) -> dict[str, object]:
        return {"id": ids[key], "ward_id": w, "group_id": group, "head_name": f"Chủ hộ {key}",
                "address": {"house_number": number, "lane": "12", "street": "Đội Cấn"},
                "phone": "0912345678", **flags}

    def visit(key: str, house: str, who: str, outcome: str, at: dt.datetime, **extra: object) -> dict[str, object]:
        ids[key] = uuid7()
        return {"id": ids[key], "ward_id": w, "household_id": ids[house], "team_id": team, "volunteer_id": who,
                "members_present": [who], "started_at": at, "outcome": outcome, **extra}

    def filing(visit_key: str, code: str, status: str, dossier_code: str = "", fee: bool = False, **extra: object) -> dict[str, object]:
        return {"ward_id": w, "visit_id": ids[visit_key], "procedure_code": code, "status": status,
                "dossier": {"portal": "dvcqg", "dossier_code": dossier_code}, "fee_paid_online": fee, **extra}

    with store.write() as tx:
        rec = tx.recorder
        rec.insert_many(Household, [
            household("h1", a, "1", elderly_alone=True),
            household("h2", a, "2", poor_household=True),
            household("h3", a, "3"),
            household("h4", a, "4"),
            household("h5", b, "5", disabled=True),
            household("h6", b, "6"),
            household("h7", b, "7", policy_family=True, deleted=True),
        ])
        rec.insert_many(Resident, [
            {"id": ids["r1"], "ward_id": w, "household_id": ids["h1"], "full_name": "Nguyễn Văn An", "vneid_level": 1},
            {"id": ids["r5"], "ward_id": w, "household_id": ids["h5"], "full_name": "Trần Thị Bình", "vneid_level": 2},
        ])
        rec.insert_many(Visit, [
            visit("v1", "h1", vol, "helped", dt.datetime(2026, 11, 16, 9), satisfaction=5),
            visit("v2", "h2", vol, "guided", dt.datetime(2026, 11, 17, 10), satisfaction=4),
            visit("v3", "h5", lead, "not_home", dt.datetime(2026, 11, 18, 14), follow_up_date=dt.date(2026, 11, 20)),
            visit("v4", "h1", lead, "revisit_needed", dt.datetime(2026, 11, 19, 15), follow_up_date=dt.date(2026, 11, 25)),
            visit("v5", "h3", vol, "refused", dt.datetime(2026, 11, 22, 23, 30)),
            visit("v6", "h4", vol, "helped", dt.datetime(2026, 11, 18, 9), deleted=True),
            visit("v7", "h4", vol, "helped", dt.datetime(2026, 11, 23, 0, 0)),
            visit("v8", "h6", vol, "helped", dt.datetime(2026, 11, 9, 10)),
        ])
        rec.insert_many(Filing, [
            filing("v1", "1.001193", "submitted", "H01.12-261116-0001", fee=True, resident_id=ids["r1"]),
            filing("v1", "3.000228", "guided_only", resident_id=ids["r1"]),
            filing("v1", "1.004222", "submitted", "H01.12-261116-0002", deleted=True),
            filing("v2", "1.000894", "submitted", "H01.12-261117-0003"),
            filing("v8", "1.004222", "returned", "H01.12-261109-0004"),
        ])
    return SmallWard(ids)
