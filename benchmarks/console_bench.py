"""Office-console benchmarks (issue 13) against a loopback ``outreach-server`` with the console.

- ward overview: the overview figures of one ward of ``--households`` households (the laptop's
  coverage service over the server's database, its laptops and attention items; goal ≤ 1 s for
  the large ward of 20,000);
- city table: the overview of ``--wards`` wards of ``--ward-households`` households each, and
  how it grows with the number of wards (goal ≤ 2 s for 20 wards of 5,000);
- ``/metrics`` scrape over HTTP (goal ≤ 50 ms).

Wards are generated synthetic profiles (``services.demo_data``, unencrypted demo profiles)
pushed once to a demo server whose database is cached in ``benchmarks/.cache/console-*``.

    .venv/bin/python benchmarks/console_bench.py [--households 20000] [--wards 20 --ward-households 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

from common import CACHE, percentile, report, timings_ms

PY = sys.executable


def start_server(db_url: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The console's command line (``serve`` with /console and /metrics), as a demo server."""
    from outreach.server.background import _free_port, _healthy

    subprocess.run([PY, "-m", "outreach.console.cli", "--db", db_url, "init"], check=True, capture_output=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([PY, "-m", "outreach.console.cli", "--db", db_url, "--log-file", str(log), "serve", "--port", str(port),
                             "--demo"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not _healthy(url):
        if time.monotonic() > deadline or proc.poll() is not None:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    return proc, url


def push_ward(url: str, db_url: str, folder: Path, households: int, seed: int) -> str:
    """Generate a ward of ``households`` in a fresh demo profile and push it to the server."""
    from outreach.server import admin
    from outreach.server.db import open_db
    from outreach.services.demo_data import generate
    from outreach.store.database import open_store
    from outreach.store.profile import Profile
    from outreach.sync.client import enroll, run_sync

    shutil.rmtree(folder, ignore_errors=True)
    profile = Profile(data_dir=folder, encrypted=False, demo=True)
    profile.save()
    store = open_store(profile)
    try:
        generate(store, households, seed=seed)
        ward_id = store.profile.ward_id
        assert ward_id is not None
        db = open_db(db_url)
        try:
            admin.add_ward(db, f"Phường thử {seed}", ward_id=ward_id)
            admin.mark_demo_ward(db, ward_id)
            code = admin.issue_enrolment_code(db, admin.add_team(db, ward_id, "Đội văn phòng"), "leader").code
        finally:
            db.dispose()
        enroll(store, url, code)
        run_sync(store)
    finally:
        store.close()
    shutil.rmtree(folder, ignore_errors=True)
    return ward_id


def build(target: Path, wards: int, households: int) -> str:
    """A server database holding ``wards`` generated wards (cached once built)."""
    db_url = f"sqlite:///{target / 'office.db'}"
    if (target / "complete").exists():
        return db_url
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    proc, url = start_server(db_url, target / "server.log")
    try:
        for number in range(wards):
            started = time.perf_counter()
            push_ward(url, db_url, target / "profile", households, seed=100 + number)
            print(f"  ward {number + 1}/{wards} ({households} households) pushed in {time.perf_counter() - started:.1f} s", flush=True)
    finally:
        proc.terminate()
        proc.wait()
    (target / "complete").write_text("ok")
    return db_url


def bench_overview(db_url: str, name: str, budget_ms: float, repeat: int, counts: tuple[int, ...] = ()) -> None:
    from outreach.console.pages_overview import ward_overviews
    from outreach.console.scope import visible_wards
    from outreach.server.accounts import Account
    from outreach.server.auth import utcnow
    from outreach.server.db import open_db
    from outreach.timeutil import iso_week_of, today_local
    from outreach.vocabulary import ConsoleRole

    db = open_db(db_url)
    try:
        city = Account("bench", "bench", "", ConsoleRole.CITY_ADMIN, None, None, False)
        wards = visible_wards(db, city)
        week = iso_week_of(today_local())
        values = timings_ms(lambda: ward_overviews(db, wards, week, utcnow()), repeat, warmup=1)
        report(name, values, f"≤ {budget_ms:.0f} ms", percentile(values, 50) <= budget_ms)
        for count in counts:
            growth = timings_ms(partial(ward_overviews, db, wards[:count], week, utcnow()), max(2, repeat // 2), warmup=1)
            report(f"  {count} wards", growth, "growth")
    finally:
        db.dispose()


def bench_metrics(db_url: str, work: Path, repeat: int) -> None:
    import requests

    proc, url = start_server(db_url, work / "metrics-server.log")
    try:
        with requests.Session() as session:
            def scrape() -> None:
                session.get(f"{url}/metrics", timeout=10).raise_for_status()

            values = timings_ms(scrape, repeat * 4)
        report("/metrics scrape", values, "≤ 50 ms", percentile(values, 50) <= 50)
    finally:
        proc.terminate()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=20_000, help="the large ward (ward overview)")
    parser.add_argument("--wards", type=int, default=20)
    parser.add_argument("--ward-households", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-city", action="store_true")
    args = parser.parse_args()
    large = build(CACHE / f"console-1x{args.households}", 1, args.households)
    bench_overview(large, f"ward overview, {args.households} households", 1000, args.repeat)
    bench_metrics(large, CACHE, args.repeat)
    if not args.skip_city:
        city = build(CACHE / f"console-{args.wards}x{args.ward_households}", args.wards, args.ward_households)
        steps = tuple(n for n in (1, 5, 10, 20, 50, 100) if n < args.wards)
        bench_overview(city, f"city table, {args.wards} wards × {args.ward_households}", 2000, args.repeat, steps)


if __name__ == "__main__":
    main()
