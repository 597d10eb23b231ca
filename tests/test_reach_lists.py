"""The reach lists (services/reach_lists.py) on a real encrypted store, at the rules' boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from outreach.errors import PermissionDenied
from outreach.services import audit
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, ResidentInput, add_resident, register_household
from outreach.services.reach_lists import export_reach_list, reach_list
from outreach.services.visits import VisitInput, record_visit
from outreach.store.database import Store
from outreach.vocabulary import Outcome, ReachList

D = dt.date
TODAY = D(2026, 12, 1)


class Ward:
    """Households and residents written through the services, one household per call."""

    def __init__(self, store: Store, actor: Actor, group: str | None = None) -> None:
        self.store, self.actor, self.group, self.n = store, actor, group, 0

    def household(self, head: str = "Chủ Hộ", group: str | None = None, *, elderly_alone: bool = False,
                  disabled: bool = False, policy_family: bool = False, poor_household: bool = False) -> str:
        self.n += 1
        address = {"house_number": str(self.n), "street": "Văn Cao"}
        data = HouseholdInput(head, address, group or self.group, elderly_alone=elderly_alone, disabled=disabled,
                              policy_family=policy_family, poor_household=poor_household)
        return register_household(self.store, self.actor, data).id

    def person(self, name: str, born: dt.date | None, household: str | None = None, **values: object) -> str:
        hid = household or self.household(f"Hộ {name}")
        data = ResidentInput(full_name=name, date_of_birth=born, **values)  # type: ignore[arg-type]
        return add_resident(self.store, self.actor, hid, data, confirm=True, consent_purpose=CONSENT).id


#: the purpose a volunteer records with the resident's consent (personal fields need it)
CONSENT = "Hỗ trợ dịch vụ công"


def names(store: Store, code: ReachList, **kwargs: object) -> list[str]:
    return [r.name for r in reach_list(store, code, as_of=TODAY, **kwargs)]  # type: ignore[arg-type]


@pytest.fixture
def w(store: Store, leader: Actor, ward: dict[str, str]) -> Ward:
    return Ward(store, leader, ward["group_a"])


def test_aged_14_without_vneid_level_2_from_the_birthday(store: Store, w: Ward) -> None:
    w.person("Tròn 14 hôm nay", D(2012, 12, 1))
    w.person("Mai tròn 14", D(2012, 12, 2))
    w.person("Đã có mức 2", D(1990, 1, 1), vneid_level=2)
    w.person("Mới mức 1", D(1990, 1, 1), vneid_level=1)
    w.person("Không rõ ngày sinh", None)
    assert sorted(names(store, ReachList.NO_VNEID_LEVEL2)) == ["Mới mức 1", "Tròn 14 hôm nay"]


def test_a_leap_day_child_turns_14_on_1_march(store: Store, w: Ward) -> None:
    w.person("Sinh 29/02", D(2012, 2, 29))
    assert [r.name for r in reach_list(store, ReachList.NO_VNEID_LEVEL2, as_of=D(2026, 2, 28))] == []
    assert [r.name for r in reach_list(store, ReachList.NO_VNEID_LEVEL2, as_of=D(2026, 3, 1))] == ["Sinh 29/02"]


def test_cards_due_for_renewal_in_the_next_months(store: Store, w: Ward) -> None:
    # turns 25 on 01/02/2027 (inside 3 months), 40 on 02/03/2027 (one day past 3 months)
    w.person("Đến 25 tuổi", D(2002, 2, 1), card_issued_on=D(2021, 5, 5))
    w.person("Đến 40 ngày sau hạn", D(1987, 3, 2), card_issued_on=D(2021, 5, 5))
    # two-year rule at 60: issued the day before turning 58 must renew at 60; on the day, for life
    w.person("Cấp trước 58 một ngày", D(1966, 12, 20), card_issued_on=D(2024, 12, 19))
    w.person("Cấp đúng ngày 58", D(1966, 12, 20), card_issued_on=D(2024, 12, 20))
    w.person("Quá hạn chưa đổi", D(2001, 6, 1), card_issued_on=D(2021, 3, 1))  # turned 25 on 01/06/2026
    w.person("Không rõ ngày cấp", D(2002, 2, 1))
    w.person("Sinh 29/02 đến 14", D(2013, 2, 28), card_issued_on=D(2020, 1, 1))  # 28/02/2027
    rows = reach_list(store, ReachList.CARD_RENEWAL, as_of=TODAY, months=3)
    assert [(r.name, r.key_date) for r in rows] == [
        ("Quá hạn chưa đổi", D(2026, 6, 1)),
        ("Cấp trước 58 một ngày", D(2026, 12, 20)),
        ("Đến 25 tuổi", D(2027, 2, 1)),
        ("Sinh 29/02 đến 14", D(2027, 2, 28)),
    ]
    assert "Đến 40 ngày sau hạn" in names(store, ReachList.CARD_RENEWAL, months=4)


def test_a_leap_day_birth_renews_on_1_march(store: Store, w: Ward) -> None:
    w.person("29/02 đến 25", D(2002, 2, 28), card_issued_on=D(2021, 1, 1))
    # born 29/02/2000: 25 on 01/03/2025, so the two years before it start on 01/03/2023
    w.person("Cấp 28/02/2023", D(2000, 2, 29), card_issued_on=D(2023, 2, 28))
    w.person("Cấp 01/03/2023", D(2000, 2, 29), card_issued_on=D(2023, 3, 1))
    rows = {r.name: r.key_date for r in reach_list(store, ReachList.CARD_RENEWAL, as_of=D(2027, 2, 28), months=0)}
    assert rows == {"29/02 đến 25": D(2027, 2, 28), "Cấp 28/02/2023": D(2025, 3, 1)}


def test_old_cmnd_children_newborns(store: Store, w: Ward) -> None:
    w.person("Chỉ CMND", D(1970, 1, 1), old_id="123456789")
    w.person("Có cả hai", D(1970, 1, 1), old_id="123456789", personal_id="001070000001")
    w.person("Trẻ 5 tuổi", D(2020, 12, 2))
    w.person("Tròn 6 hôm nay", D(2020, 12, 1))
    w.person("Trẻ có số", D(2022, 1, 1), personal_id="001222000001")
    w.person("Mới sinh", D(2026, 11, 20))
    w.person("Sinh 61 ngày trước", TODAY - dt.timedelta(days=61))
    assert names(store, ReachList.OLD_CMND_ONLY) == ["Chỉ CMND"]
    assert sorted(names(store, ReachList.CHILD_WITHOUT_ID)) == ["Mới sinh", "Sinh 61 ngày trước", "Trẻ 5 tuổi"]
    rows = reach_list(store, ReachList.NEWBORN, as_of=TODAY)
    assert [(r.name, r.key_date) for r in rows] == [("Mới sinh", D(2027, 1, 19))]


def test_social_pension_age_in_the_coming_months(store: Store, w: Ward) -> None:
    w.person("Tròn 75 hôm nay", D(1951, 12, 1))
    w.person("Tròn 75 hôm qua", D(1951, 11, 30))
    w.person("Tròn 75 sau 3 tháng", D(1952, 3, 1))
    w.person("Tròn 75 sau 3 tháng 1 ngày", D(1952, 3, 2))
    poor = w.household("Hộ nghèo", poor_household=True)
    w.person("Hộ nghèo tròn 70", D(1957, 1, 15), household=poor)
    w.person("Hộ khác tròn 70", D(1957, 1, 15))
    rows = reach_list(store, ReachList.SOCIAL_PENSION, as_of=TODAY, months=3)
    assert [(r.name, r.key_date) for r in rows] == [
        ("Tròn 75 hôm nay", D(2026, 12, 1)), ("Hộ nghèo tròn 70", D(2027, 1, 15)), ("Tròn 75 sau 3 tháng", D(2027, 3, 1))]


def test_priority_households_not_reached_in_months(store: Store, w: Ward, leader: Actor) -> None:
    never = w.household("Chưa thăm", elderly_alone=True)
    recent = w.household("Mới thăm", disabled=True)
    long_ago = w.household("Thăm lâu rồi", policy_family=True)
    not_home = w.household("Chỉ vắng nhà", poor_household=True)
    w.household("Không ưu tiên")
    record_visit(store, leader, VisitInput(recent, dt.datetime(2026, 11, 2, 9)))
    record_visit(store, leader, VisitInput(long_ago, dt.datetime(2026, 8, 31, 9)))
    record_visit(store, leader, VisitInput(not_home, dt.datetime(2026, 11, 20, 9), outcome=Outcome.NOT_HOME))
    rows = reach_list(store, ReachList.PRIORITY_NOT_VISITED, as_of=TODAY, months=3)
    assert [(r.household_id, r.key_date) for r in rows] == [(never, None), (not_home, None), (long_ago, D(2026, 8, 31))]


def test_an_area_limits_every_list(store: Store, w: Ward, ward: dict[str, str]) -> None:
    w.person("Tổ 1", D(1990, 1, 1))
    w.person("Tổ 2", D(1990, 1, 1), household=w.household(group=ward["group_b"]))
    assert names(store, ReachList.NO_VNEID_LEVEL2, group_ids=[ward["group_b"]]) == ["Tổ 2"]
    assert sorted(names(store, ReachList.NO_VNEID_LEVEL2)) == ["Tổ 1", "Tổ 2"]
    assert names(store, ReachList.NO_VNEID_LEVEL2, group_ids=[]) == []


def test_export_is_for_leaders_and_audited(store: Store, w: Ward, volunteer: Actor, leader: Actor) -> None:
    w.person("Người lớn", D(1990, 1, 1))
    with pytest.raises(PermissionDenied):
        export_reach_list(store, volunteer, ReachList.NO_VNEID_LEVEL2, "/tmp/x.xlsx", as_of=TODAY)
    rows = export_reach_list(store, leader, ReachList.NO_VNEID_LEVEL2, "/tmp/x.xlsx", as_of=TODAY)
    assert [r.name for r in rows] == ["Người lớn"]
    entry = audit.entries(store)[0]
    assert entry.subject == "reach list no_vneid_level2"
    assert entry.detail == {"destination": "/tmp/x.xlsx", "rows": 1, "password_protected": False}
