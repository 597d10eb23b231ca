"""A hand-built ward for the day's plan: one household for each way onto the plan, in a team's
area, with addresses whose walking order is known (tests/test_day_plan.py, the route sheet)."""

from __future__ import annotations

import datetime as dt

from outreach.model import Procedure
from outreach.services.areas import assign_group
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, ResidentInput, add_resident, register_household
from outreach.services.procedures import seed_catalogue
from outreach.services.review import flag_visit
from outreach.services.visits import FilingInput, VisitInput, record_visit
from outreach.store.database import Store
from outreach.timeutil import today_local
from outreach.vocabulary import FilingStatus

TODAY = today_local()
PAST = dt.datetime.combine(TODAY - dt.timedelta(days=40), dt.time(9))


def house(store: Store, actor: Actor, head: str, group: str, *, elderly_alone: bool = False, disabled: bool = False,
          **address: str) -> str:
    data = HouseholdInput(head, address, group, elderly_alone=elderly_alone, disabled=disabled)
    return register_household(store, actor, data, confirm=True).id


#: the purpose recorded with a resident's consent (their personal fields need it)
CONSENT = "Hỗ trợ dịch vụ công"


def build_plan_ward(store: Store, leader: Actor, volunteer: Actor, ward: dict[str, str]) -> dict[str, str]:
    """The households by role ("overdue", "due", "flagged", "priority", "newborn", "dossier",
    "quiet", "outside") and "team"."""
    seed_catalogue(store)
    with store.write() as tx:  # as a pull of the office's catalogue edit would write it
        tx.recorder.update(tx.session.get_one(Procedure, "1.001193"),
                           {"channels": {"online": {"days": BIRTH_REGISTRATION_DAYS}}, "province_overrides": {}})
    a, b = ward["group_a"], ward["group_b"]
    assign_group(store, leader, a, ward["team"], TODAY - dt.timedelta(days=100))
    h = {
        "overdue": house(store, leader, "Quá Hạn", a, house_number="12", lane="45", street="Văn Cao"),
        "due": house(store, leader, "Hôm Nay", a, house_number="9", lane="45", street="Văn Cao"),
        "flagged": house(store, leader, "Bị Trả", a, house_number="12A", alley="45/12", lane="45", street="Văn Cao"),
        "priority": house(store, leader, "Ưu Tiên", a, house_number="3", street="Văn Cao", elderly_alone=True),
        "newborn": house(store, leader, "Có Em Bé", a, house_number="123", lane="7", street="Lê Lợi"),
        "dossier": house(store, leader, "Chờ Kết Quả", a, house_number="5", street="Lê Lợi"),
        "quiet": house(store, leader, "Không Việc", a, house_number="1", street="Đội Cấn"),
        "outside": house(store, leader, "Ngoài Địa Bàn", b, house_number="2", street="Đội Cấn", disabled=True),
    }
    record_visit(store, volunteer, VisitInput(h["overdue"], PAST, follow_up_date=TODAY - dt.timedelta(days=2)))
    record_visit(store, volunteer, VisitInput(h["due"], PAST, follow_up_date=TODAY))
    flagged = record_visit(store, volunteer, VisitInput(h["flagged"], PAST))
    flag_visit(store, leader, flagged.id, "Thiếu mã hồ sơ")
    record_visit(store, volunteer, VisitInput(h["dossier"], PAST, filings=[FilingInput(
        "1.001193", dossier_code="G22.99-261101-0001", status=FilingStatus.SUBMITTED, submitted_at=PAST)]))
    record_visit(store, volunteer, VisitInput(h["quiet"], PAST))
    add_resident(store, leader, h["newborn"], ResidentInput("Bé Mới Sinh", TODAY - dt.timedelta(days=10)),
                 confirm=True, consent_purpose=CONSENT)
    add_resident(store, leader, h["overdue"], ResidentInput("Chưa Có Mức 2", dt.date(1980, 1, 1), vneid_level=1),
                 confirm=True, consent_purpose=CONSENT)
    add_resident(store, leader, h["quiet"], ResidentInput("Cũng Chưa Mức 2", dt.date(1980, 1, 1)), confirm=True, consent_purpose=CONSENT)
    return {**h, "team": ward["team"]}


#: the catalogue's processing time of birth registration, as the tests state it (working days)
BIRTH_REGISTRATION_DAYS = 3
