"""Coverage report on the large ward (DESIGN.md §6): computed ≤ 1 s, XLSX ≤ 3 s, PDF ≤ 3 s.

Each line prints the wall-clock first run, median and best, the median CPU seconds of the
process per run (load-independent on a shared machine) and, for the report itself, the
baseline measured before the covering indexes of migration 0005b (``BASELINES``).

Usage (from the repository root; the first run builds and caches the large ward, ~1–2 min):

    OUTREACH_KEYRING_HOME=benchmarks/.cache/keyring-reports \\
        scripts/with-keyring .venv/bin/python benchmarks/reports_coverage.py [--repeat 7] [--households 20000]

The ward lives in ``benchmarks/.cache/reports-large-ward`` (an encrypted demo profile whose key
is in the keyring kept under ``OUTREACH_KEYRING_HOME``, so the cache survives between runs).
Figures are medians over ``--repeat`` runs, with the first (cold) run shown separately, for the
current ISO week and the current month, ward scope (the heaviest: every household counts).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from outreach.model import Filing, Procedure, Visit
from outreach.reports.csv_export import write_coverage_csv
from outreach.reports.pdf import write_coverage_pdf
from outreach.reports.xlsx import write_coverage_xlsx
from outreach.services import demo_data
from outreach.services.context import Actor
from outreach.services.coverage import compute_coverage
from outreach.services.one_stop import import_one_stop
from outreach.services.periods import WARD, Scope, month_period, week_period
from outreach.store.database import Store, load_or_create_profile, open_store
from outreach.timeutil import iso_week_of, today_local

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache" / "reports-large-ward"
BUDGETS = {"compute": 1.0, "xlsx": 3.0, "pdf": 3.0}
#: What the report cost before the covering indexes of migration 0005b (the households per
#: group, the report's visits and filings, the open follow-ups), measured here on the same cached
#: ward right before this version, on this shared 2-core machine (load average ~14, so the wall
#: medians are ~4x an idle laptop's; the CPU seconds hardly depend on the load): median wall
#: seconds and CPU seconds per run. Printed beside each run so a change can be read against it.
#: This version (with a one-stop register imported for the month, its figures computed too), on
#: 01/12/2026 at load ~10: week 0.37 s / 0.26 s CPU, month 0.31 / 0.24, one team 0.30 / 0.26.
BASELINES: dict[str, tuple[float, float]] = {
    "coverage week (ward)": (2.60, 0.59),
    "coverage month (ward)": (1.95, 0.53),
    "coverage month (one team)": (1.94, 0.55),
}


def large_ward(households: int) -> Store:
    profile = load_or_create_profile(CACHE, demo=True)
    store = open_store(profile)
    if profile.ward_id is None:
        print(f"building the large ward ({households} households) in {CACHE} …", flush=True)
        started = time.perf_counter()
        summary = demo_data.generate(store, households, seed=7)
        print(f"  {summary.visits} visits, {summary.filings} filings in {time.perf_counter() - started:.0f} s", flush=True)
    give_every_procedure_terms(store)
    return store


#: What every procedure of the benchmark's catalogue says: fees and a processing time on each
#: channel, so the working-day and payment figures do their whole work (the shipped catalogue
#: has such data for few procedures yet).
BENCH_CHANNELS = {"online": {"days": 5, "fee_vnd": 20_000}, "postal": {"days": 5, "fee_vnd": 20_000},
                  "counter": {"days": 5, "fee_vnd": 30_000}}


def give_every_procedure_terms(store: Store) -> None:
    """Set ``BENCH_CHANNELS`` on every procedure of the cached ward (once: the cache keeps it)."""
    with store.write() as tx:
        for procedure in tx.session.scalars(select(Procedure)):
            if procedure.channels != BENCH_CHANNELS:
                tx.recorder.update(procedure, {"channels": BENCH_CHANNELS})


@dataclass(frozen=True)
class Timing:
    """One measured call: wall seconds of the first (cold) run, median and best of the runs
    after it, and the median CPU seconds of this process per run (all threads)."""

    first: float
    median: float
    best: float
    cpu: float


def give_a_one_stop_register(store: Store, first: dt.date, last: dt.date, folder: Path) -> int:
    """Import a ward one-stop register for ``first``..``last`` (the contribution figures then do
    their whole work): every dossier code the team recorded on visits of those days, received
    online on the visit's day, and as many dossiers of the ward's own; returns the rows."""
    code = Filing.dossier["dossier_code"].as_string()
    with store.read() as session:
        recorded = session.execute(
            select(code, Visit.started_at).join(Visit, Visit.id == Filing.visit_id)
            .where(Filing.deleted.is_(False), Visit.started_at >= dt.datetime.combine(first, dt.time()),
                   Visit.started_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time()), func.coalesce(code, "") != "")
        ).all()
    rows = [(c, started.date()) for c, started in recorded if c] + [(f"MC-{i:06d}", first) for i in range(len(recorded))]
    path = folder / "mot-cua.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Mã hồ sơ", "Thủ tục", "Ngày tiếp nhận", "Hình thức nộp"])
        writer.writerows([c, "1.001193", day.strftime("%d/%m/%Y"), "Trực tuyến"] for c, day in dict(rows).items())
    return import_one_stop(store, Actor.from_profile(store.profile), path, first, last).rows


def measure(fn: Callable[[], Any], repeat: int) -> tuple[Timing, Any]:
    """The call's ``Timing`` and its last result.

    The best run and the CPU time are printed too: this 2-core machine is shared, and when
    other processes take the cores the wall-clock median measures the neighbours as much as the
    report; CPU seconds do not (the report's own work, summed over its reader threads).
    """
    times: list[float] = []
    cpu: list[float] = []
    result = None
    for _ in range(repeat + 1):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return Timing(times[0], statistics.median(times[1:]), min(times[1:]), statistics.median(cpu[1:])), result


def _ms(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds * 1000:.0f}ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--households", type=int, default=20_000)
    args = parser.parse_args()

    store = large_ward(args.households)
    ward_id = store.profile.ward_id
    today = today_local()
    periods = [week_period(iso_week_of(today)), month_period(today.year, today.month)]
    failures = []
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'what':<34}{'first':>9}{'median':>9}{'best':>9}{'cpu':>9}{'budget':>9}   baseline median / cpu")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        month = periods[1]
        imported = give_a_one_stop_register(store, month.start, month.last_day, out)
        print(f"(one-stop register of {month.label} imported: {imported} dossiers)")
        for period in periods:
            timing, report = measure(partial(compute_coverage, store, period, WARD, ward_id=ward_id), args.repeat)
            rows = [("compute", f"coverage {period.kind} (ward)", timing)]
            for fmt, writer in (("xlsx", write_coverage_xlsx), ("pdf", write_coverage_pdf), ("csv", write_coverage_csv)):
                rows.append((fmt, f"  export {fmt.upper()}", measure(partial(writer, report, out / f"r.{fmt}"), args.repeat)[0]))
            # the end-to-end figures a leader waits for after pressing "Export"
            for fmt, writer in (("xlsx", write_coverage_xlsx), ("pdf", write_coverage_pdf)):
                def compute_and_write(p: Any = period, w: Callable[[Any, Path], Path] = writer, x: str = fmt) -> Path:
                    return w(compute_coverage(store, p, WARD, ward_id=ward_id), out / f"e.{x}")

                rows.append((fmt, f"  compute + {fmt.upper()}", measure(compute_and_write, max(3, args.repeat // 2))[0]))
            for key, label, t in rows:
                budget = BUDGETS.get(key)
                mark = "" if budget is None or t.median <= budget else "  OVER"
                if mark:
                    failures.append(label.strip())
                base = BASELINES.get(label.strip())
                base_text = f"   {_ms(base[0])} / {_ms(base[1])}" if base else ""
                print(f"{label:<34}{_ms(t.first):>9}{_ms(t.median):>9}{_ms(t.best):>9}{_ms(t.cpu):>9}"
                      f"{(f'{budget:.0f} s' if budget else ''):>9}{mark}{base_text}")
            print(f"{'':<4}({report.visits_total} visits, {report.households_visited} households, {report.filings.filings} filings, "
                  f"{len(report.groups)} groups)")
        team = Scope("team", store.profile.team_id) if store.profile.team_id else None
        if team is not None:
            t, _ = measure(lambda: compute_coverage(store, periods[1], team, ward_id=ward_id), args.repeat)
            base = BASELINES["coverage month (one team)"]
            print(f"{'coverage month (one team)':<34}{_ms(t.first):>9}{_ms(t.median):>9}{_ms(t.best):>9}{_ms(t.cpu):>9}{'':>9}"
                  f"   {_ms(base[0])} / {_ms(base[1])}")
    store.close()
    if failures:
        print("over budget:", ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
