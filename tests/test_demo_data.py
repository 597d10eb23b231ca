"""The synthetic ward looks like a real one and goes through the write path."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select

from outreach.catalogue import channel_terms
from outreach.model import Filing, Household, OutboxEntry, Procedure, Resident, ResidentialGroup, Visit, Ward, WeekLock
from outreach.services.demo_data import generate
from outreach.services.visits import weekly_log
from outreach.store.database import Store
from outreach.timeutil import iso_week_of


def test_demo_ward_shape(store: Store) -> None:
    today = dt.date(2026, 11, 22)
    summary = generate(store, 400, seed=3, today=today)
    with store.read() as s:
        def count(entity: type) -> int:
            return s.execute(select(func.count()).select_from(entity)).scalar_one()

        assert count(Household) == 400 == summary.households
        assert count(ResidentialGroup) == 40
        assert 2.5 <= count(Resident) / 400 <= 3.5
        assert count(Visit) == 2000 and 0.25 <= count(Filing) / 2000 <= 0.6
        rows = count(Household) + count(Resident) + count(Visit) + count(Filing)
        assert count(OutboxEntry) >= rows  # every row was recorded for sync
        names = list(s.scalars(select(Resident.full_name)))
        assert any(re.search(r"[ăâđêôơưàảãáạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", n.lower()) for n in names)
        addresses = list(s.scalars(select(Household.address)))
        assert sum(1 for a in addresses if "lane" in a) > 200 and any("alley" in a for a in addresses)
        pids = list(s.scalars(select(Resident.personal_id)))
        assert len(set(pids)) == len(pids) and all(p is not None and re.fullmatch(r"001[0-3]\d{8}", p) for p in pids)
        starts = [t for t in s.scalars(select(Visit.started_at)) if t is not None]
        assert len(starts) == count(Visit)  # every visit has a start
        assert min(starts).date() >= today - dt.timedelta(days=730) and max(starts).date() <= today
        assert count(WeekLock) > 0
        statuses = set(s.scalars(select(Visit.review_status)))
        assert {"approved", "flagged", "pending"} <= statuses
    profile = store.profile
    assert profile.role == "leader" and profile.member_id and profile.ward_id and profile.team_id
    old_week = iso_week_of(today - dt.timedelta(days=60))
    assert (
        weekly_log(store, old_week, team_id=profile.team_id).locked
        or weekly_log(store, old_week, team_id=profile.team_id).counts["flagged"]
    )


def test_same_seed_same_ward(tmp_path) -> None:
    from outreach.store.database import load_or_create_profile, open_store

    heads = []
    for name in ("a", "b"):
        store = open_store(load_or_create_profile(tmp_path / name, demo=True))
        try:
            generate(store, 30, seed=11, today=dt.date(2026, 1, 5))
            with store.read() as s:
                heads.append(sorted(s.scalars(select(Household.head_name))))
        finally:
            store.close()
    assert heads[0] == heads[1]


def test_the_demo_ward_is_a_real_unit_of_the_bundled_list() -> None:
    """The demo ward's code and names are the bundled administrative unit's (a made-up code was
    used before, because the look-up failed silently)."""
    from outreach import admin_units
    from outreach.services.demo_data import demo_ward_identity

    code, name, province_code, province_name = demo_ward_identity()
    commune = admin_units.commune(code)
    assert commune is not None and commune.full_name == name == "Phường Ngọc Hà"
    province = admin_units.province(province_code)
    assert province is not None and commune.province_code == province_code and province.full_name == province_name


def test_demo_filings_use_channels_their_procedures_offer(store: Store) -> None:
    """The demo ward used to file counter-only procedures (VNeID level 2, certifications) online and
    mark them paid online; coverage figures read the channel, so the demo must be plausible."""
    generate(store, 200, seed=5, today=dt.date(2026, 11, 22))
    with store.read() as s:
        rows = s.execute(
            select(Procedure.online_level, Filing.channel, Filing.fee_paid_online, Filing.status, Filing.electronic_result,
                   Procedure.channels, Procedure.province_overrides)
            .join(Procedure, Procedure.id == Filing.procedure_code)
        ).all()
        province = s.scalar(select(Ward.province_code))
    coded = [r for r in rows if r.status in ("submitted", "completed", "returned", "rejected")]
    assert coded and all(r.channel == ("counter" if r.online_level == "counter" else "online") for r in coded)
    assert not any(r.fee_paid_online for r in rows if r.online_level == "counter")
    assert any(r.fee_paid_online for r in rows)
    # ... nor a procedure free of charge online in the demo ward's province (the visit service refuses it)
    assert all(channel_terms(r.channels, r.province_overrides, "online", province or "").get("fee_vnd", 0) > 0
               for r in rows if r.fee_paid_online)
    assert {r.electronic_result for r in rows if r.status == "completed"} == {True, False}
    assert all(r.electronic_result is None for r in rows if r.status != "completed")
