"""Search per keystroke and saving a visit with 3 filings, on the large ward (DESIGN.md §6).

Budgets: search ≤ 10 ms median / ≤ 30 ms p95 per keystroke; save ≤ 10 ms median; open a busy
week's log (1,500 visits) ≤ 150 ms.
Baselines measured in the same run, so the figures mean something on any machine:
- search: a naive scan that folds every household's name in Python for each keystroke;
- save: the same visit and filings inserted with plain ORM writes, without HLC stamps,
  outbox entries or validation (what the write path costs on top);
- weekly log: the same week loaded the obvious ORM way (visits, then each visit's household and
  filings one query at a time).

    .venv/bin/python benchmarks/core_write_search.py
"""

from __future__ import annotations

import datetime as dt
import statistics
from functools import partial

from common import CACHE, copy_profile, ensure_keyring_session, large_ward_dir, report, timings_ms

BUSY_WEEK_VISITS = 1_500
QUERIES = ["nguyen van thanh", "tran thi lan", "ngo 12", "le loi", "0912", "dang duc", "pham quang", "doi can 5"]


def keystrokes() -> list[str]:
    """Every prefix a user types on the way to each query (what search-as-you-type runs)."""
    return [q[:i] for q in QUERIES for i in range(1, len(q) + 1) if q[:i].strip()]


def busy_week(store, actor, household_ids, codes, visits: int) -> str:
    """The ward's busiest past ISO week that its team has not locked (an approved week refuses new
    visits), topped up with ordinary visits to ``visits`` if it has fewer."""
    from collections import Counter

    from sqlalchemy import select

    from outreach.model import Visit, WeekLock
    from outreach.services.visits import FilingInput, VisitInput, record_visit
    from outreach.timeutil import iso_week_bounds, iso_week_of

    with store.read() as session:
        weeks = Counter(iso_week_of(t.date()) for t in session.scalars(select(Visit.started_at).where(Visit.deleted.is_(False))) if t)
        locked = set(session.scalars(select(WeekLock.iso_week).where(WeekLock.team_id == actor.team_id, WeekLock.locked.is_(True))))
    this_week = iso_week_of(dt.date.today())
    # top-ups must lie in the past, in a week still open to the team's volunteers
    week, count = next((w, c) for w, c in weeks.most_common() if w < this_week and w not in locked)
    monday, _ = iso_week_bounds(week)
    for i in range(max(0, visits - count)):
        when = dt.datetime.combine(monday + dt.timedelta(days=i % 6), dt.time(8 + i % 10, (i * 7) % 60))
        record_visit(store, actor, VisitInput(household_ids[i % len(household_ids)], when, notes="benchmark",
                                              filings=[FilingInput(codes[i % len(codes)], status="guided_only")] if i % 3 == 0 else []))
    return week


def main() -> None:
    ensure_keyring_session()
    from sqlalchemy import select

    from outreach.model import Filing, Household, Procedure, Visit
    from outreach.model.ids import uuid7
    from outreach.services.context import Actor
    from outreach.services.households import search_households
    from outreach.services.visits import FilingInput, VisitInput, record_visit, weekly_log
    from outreach.store.database import open_store
    from outreach.store.profile import Profile
    from outreach.timeutil import iso_week_bounds
    from outreach.vietnamese_fold import fold

    source = large_ward_dir()
    folder = copy_profile(source, CACHE / "scratch-core")
    profile = Profile.load(folder)
    assert profile is not None, f"no profile in {folder}"
    store = open_store(profile)
    try:
        # -------- search per keystroke
        typed = keystrokes()
        per_key: list[float] = []
        for _ in range(5):
            for query in typed:
                per_key.extend(timings_ms(partial(search_households, store, query, limit=50), repeat=1, warmup=0))
        report("search per keystroke (FTS5, top 50 with summaries)", per_key, "≤ 10 ms median, ≤ 30 ms p95",
               statistics.median(per_key) <= 10 and sorted(per_key)[int(len(per_key) * 0.95)] <= 30)
        with store.read() as session:
            names = list(session.execute(select(Household.id, Household.head_name)))

        def naive(query: str) -> list[str]:
            folded = fold(query)
            return [hid for hid, name in names if folded in fold(name)][:50]

        baseline = []
        for query in typed[::6]:
            baseline.extend(timings_ms(partial(naive, query), repeat=1, warmup=0))
        report("  baseline: fold every name in Python per keystroke", baseline, "(same run)")
        print(f"  → FTS search is {statistics.median(baseline) / statistics.median(per_key):.0f}× faster than the baseline (medians)")

        # -------- save a visit with 3 filings
        profile = store.profile
        actor = Actor(profile.member_id, profile.member_name, "volunteer", profile.ward_id, profile.team_id)
        with store.read() as session:
            household_ids = list(session.scalars(select(Household.id).limit(400)))
            codes = list(session.scalars(select(Procedure.id).limit(3)))
        when = dt.datetime.combine(dt.date.today(), dt.time(8, 0))
        counter = iter(range(10**6))

        def save() -> None:
            i = next(counter)
            record_visit(store, actor, VisitInput(
                household_ids[i % len(household_ids)], when, notes="benchmark",
                filings=[FilingInput(code, status="guided_only") for code in codes]))

        saves = timings_ms(save, repeat=300, warmup=10)
        report("save a visit with 3 filings (incl. outbox, FULL sync)", saves, "≤ 10 ms median", statistics.median(saves) <= 10)

        def plain_save() -> None:
            with store.write() as tx:
                vid = uuid7()
                tx.session.add(Visit(id=vid, household_id=household_ids[0], started_at=when, clocks={}, members_present=[], topics=[]))
                for code in codes:
                    tx.session.add(Filing(id=uuid7(), visit_id=vid, procedure_code=code, dossier={}, clocks={}))

        plain = timings_ms(plain_save, repeat=300, warmup=10)
        report("  baseline: plain ORM insert, no stamps/outbox/validation", plain, "(same run)")
        extra = statistics.median(saves) - statistics.median(plain)
        print(f"  → the change-recording write path costs {extra:.2f} ms per save on top (medians)")

        # -------- open a busy week's log (1,500 visits)
        week = busy_week(store, actor, household_ids, codes, BUSY_WEEK_VISITS)
        logs = timings_ms(lambda: weekly_log(store, week), repeat=15, warmup=2)
        shown = weekly_log(store, week)
        report(f"open the weekly log of {week} ({len(shown.visits)} visits)", logs, "≤ 150 ms", statistics.median(logs) <= 150)
        monday, next_monday = iso_week_bounds(week)

        def naive_log() -> int:
            with store.read() as session:
                visits = list(
                    session.scalars(
                        select(Visit).where(
                            Visit.started_at >= dt.datetime.combine(monday, dt.time()),
                            Visit.started_at < dt.datetime.combine(next_monday, dt.time()),
                            Visit.deleted.is_(False),
                        )
                    )
                )
                for visit in visits:
                    session.get(Household, visit.household_id)
                    list(session.scalars(select(Filing).where(Filing.visit_id == visit.id)))
                return len(visits)

        naive_logs = timings_ms(naive_log, repeat=3, warmup=1)
        report("  baseline: ORM objects, household and filings per visit", naive_logs, "(same run)")
        print(f"  → the weekly log is {statistics.median(naive_logs) / statistics.median(logs):.1f}× faster than the baseline (medians)")
    finally:
        store.close()


if __name__ == "__main__":
    main()
