"""Seeded demo profiles for the end-to-end walk: a synthetic ward (``services.demo_data``, the
data ``outreach demo-data`` makes) plus the few rows the walk looks for by name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from outreach.model import Procedure
from outreach.services import demo_data
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, register_household
from outreach.services.visits import FilingInput, VisitInput, record_visit
from outreach.store.database import open_store
from outreach.store.profile import Profile
from outreach.timeutil import now_local

#: The household the volunteer finds by typing its head's name without diacritics.
HEAD = "Nguyễn Thị Hoà"
HEAD_TYPED = "nguyen thi hoa"
ADDRESS = {"house_number": "17", "lane": "42", "street": "Đội Cấn"}


@dataclass(frozen=True)
class Seeded:
    data_dir: Path
    household_id: str
    visit_ids: tuple[str, ...]  # this week's visits waiting for the leader


def seeded_profile(data_dir: Path, role: str, language: str, *, households: int = 40) -> Seeded:
    """An unencrypted demo profile (synthetic data only) as ``role``, speaking ``language``."""
    profile = Profile(data_dir=data_dir, encrypted=False, demo=True, language=language)
    profile.save()
    store = open_store(profile)
    try:
        demo_data.generate(store, households, seed=11, identity_role=role)
        actor = Actor.from_profile(store.profile)
        household = register_household(store, actor, HouseholdInput(HEAD, dict(ADDRESS), phone="0987654321"))
        visits: list[str] = []
        if role == "leader":
            with store.read() as session:
                code = session.scalars(select(Procedure.id).where(Procedure.deleted.is_(False)).order_by(Procedure.id)).first()
            assert code is not None
            started = now_local().replace(second=0, microsecond=0) - dt.timedelta(minutes=30)
            for i in range(2):
                visit = record_visit(store, actor, VisitInput(household.id, started + dt.timedelta(minutes=i),
                                                              members_present=[actor.member_id or ""],
                                                              filings=[FilingInput(code, dossier_code=f"H{i}.123.456")]))
                visits.append(visit.id)
        return Seeded(data_dir, household.id, tuple(visits))
    finally:
        store.close()
