"""The day's plan and the reach lists on the large ward, and the route sheet (DESIGN.md §6).

Budgets: the day's plan and every reach list ≤ 200 ms median; the route sheet PDF for 60
households ≤ 1 s. The plan is measured for a team whose area is 10 of the ward's 40 groups
(assigned here, on a scratch copy of the cached ward) and for a team without an area (its plan
covers the whole ward: the heaviest case). Baseline in the same run: the card-renewal list the
obvious way — every resident read and the rule applied in Python — which must give the same
rows as the SQL-narrowed list (an equivalence check, not only a timing).

Each line is followed by the same calls' CPU time (``time.process_time``): on a shared machine
(8 sessions on 2 cores when this was written, load average 15) the wall time mostly measures the
wait for a core, and the CPU time is what the work itself costs.

    .venv/bin/python benchmarks/day_plan.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from common import CACHE, copy_profile, ensure_keyring_session, large_ward_dir, report, timings_ms

AREA_GROUPS = 10
SHEET_HOUSEHOLDS = 60


def cpu_ms(fn: Callable[[], object], repeat: int) -> list[float]:
    """The CPU time of each of ``repeat`` calls (after one to warm up), in ms."""
    fn()
    result = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        result.append((time.process_time() - started) * 1000)
    return result


def main() -> None:
    ensure_keyring_session()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from sqlalchemy import select

    from outreach.model import Resident, ResidentialGroup, Team
    from outreach.reach_rules import add_months, card_renewal_due, load_rules
    from outreach.reports.route_sheet import write_route_sheet_pdf
    from outreach.services.day_plan import day_plan
    from outreach.services.reach_lists import REACH_LISTS, reach_list
    from outreach.store.database import open_store
    from outreach.store.profile import Profile
    from outreach.timeutil import today_local

    folder = copy_profile(large_ward_dir(), CACHE / "scratch-plan")
    profile = Profile.load(folder)
    assert profile is not None, f"no profile in {folder}"
    store = open_store(profile)
    today = today_local()
    try:
        with store.write() as tx:  # the first team's area: 10 groups (the office's assignment, as a plain write)
            teams = list(tx.session.scalars(select(Team.id).where(Team.deleted.is_(False)).order_by(Team.name)))
            groups = list(tx.session.scalars(select(ResidentialGroup).order_by(ResidentialGroup.sort_order)))
            for group in groups[:AREA_GROUPS]:
                tx.recorder.update(group, {"team_id": teams[0]})
        with_area, whole_ward = teams[0], teams[-1]

        for team, what in ((with_area, f"team with an area of {AREA_GROUPS} groups"), (whole_ward, "team without an area (ward)")):
            plan = day_plan(store, team, today)
            times = timings_ms(partial(day_plan, store, team, today), args.repeat, warmup=1)
            report(f"day's plan, {what}: {len(plan.lines)} households", times, "≤ 200 ms median", statistics.median(times) <= 200)
            report("  CPU time of the same", cpu_ms(partial(day_plan, store, team, today), args.repeat), "(same run)")

        for code in REACH_LISTS:
            rows = reach_list(store, code, as_of=today)
            times = timings_ms(partial(reach_list, store, code, as_of=today), args.repeat, warmup=1)
            report(f"reach list {code} (ward): {len(rows)} rows", times, "≤ 200 ms median", statistics.median(times) <= 200)
            report("  CPU time of the same", cpu_ms(partial(reach_list, store, code, as_of=today), args.repeat), "(same run)")

        rules = load_rules()
        horizon = add_months(today, rules.months_ahead)

        def naive_renewals() -> set[str]:
            with store.read() as session:
                people = session.execute(select(Resident.id, Resident.date_of_birth, Resident.card_issued_on)
                                         .where(Resident.deleted.is_(False))).all()
            return {rid for rid, born, issued in people
                    if (due := card_renewal_due(born, issued, rules)) is not None and due <= horizon}

        fast = {r.resident_id for r in reach_list(store, "card_renewal", as_of=today)}
        assert naive_renewals() == fast, "the SQL pre-filter dropped or added a card the rule decides otherwise"
        report("  baseline: card renewals, every resident through the rule in Python", timings_ms(naive_renewals, args.repeat, 1),
               "(same run; same rows)")

        plan = day_plan(store, whole_ward, today)
        sheet = replace(plan, lines=plan.lines[:SHEET_HOUSEHOLDS])
        assert len(sheet.lines) == SHEET_HOUSEHOLDS, f"the ward's plan has only {len(plan.lines)} households"
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "lo-trinh.pdf"
            seconds = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                write_route_sheet_pdf(sheet, target, ward_name="Phường")
                seconds.append(time.perf_counter() - started)
        report(f"route sheet PDF, {SHEET_HOUSEHOLDS} households", [s * 1000 for s in seconds], "≤ 1 s median",
               statistics.median(seconds) <= 1.0)
    finally:
        store.close()


if __name__ == "__main__":
    main()
