"""Sync benchmarks against a loopback ``outreach-server`` process (DESIGN.md §6).

- push: 5,000 visits + 10,000 filings from a laptop's outbox (goal ≤ 1.0 s, and ≥ 20× faster
  than a one-request-per-record uploader measured in the same run: that baseline sends 2,000
  records one per request over the same keep-alive session and is scaled to 15,000);
- pull: initial pull of the large ward (20,000 households) by a fresh, enrolled, encrypted
  profile, in a child process so its peak RSS is its own (goal ≤ 10 s, ≤ 300 MB);
- no-op: requests made by a sync with nothing to do (goal ≤ 2).

The large ward's server database is built once from ``benchmarks/.cache/ward-20000`` and cached
in ``benchmarks/.cache/sync-server-20000``.

    .venv/bin/python benchmarks/sync_bench.py [--skip-pull] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import CACHE, LARGE_WARD_HOUSEHOLDS, copy_profile, ensure_keyring_session, large_ward_dir

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def start_server(db_url: str, log: Path, *, demo: bool = False) -> tuple[subprocess.Popen[bytes], str]:
    """``demo``: office write rights for every device (the large ward is seeded from one laptop)."""
    from outreach.server.background import _free_port, _healthy

    subprocess.run([PY, "-m", "outreach.server.cli", "--db", db_url, "init"], check=True, capture_output=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    serve = [PY, "-m", "outreach.server.cli", "--db", db_url, "--log-file", str(log), "serve", "--port", str(port)]
    proc = subprocess.Popen(serve + (["--demo"] if demo else []), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not _healthy(url):
        if time.monotonic() > deadline or proc.poll() is not None:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    return proc, url


def new_profile(folder: Path):
    from outreach.store.database import load_or_create_profile, open_store

    shutil.rmtree(folder, ignore_errors=True)
    return open_store(load_or_create_profile(folder))


def fill_outbox(store, ward_id: str, team_id: str, visits: int, filings_per_visit: int) -> None:
    """Visits the profile's member recorded (the server refuses visits in another member's name)."""
    from outreach.model import Filing, Visit
    from outreach.model.ids import uuid7

    started = dt.datetime(2026, 3, 2, 9, 0)
    visit_rows, filing_rows = [], []
    for i in range(visits):
        vid = uuid7()
        visit_rows.append({"id": vid, "ward_id": ward_id, "household_id": uuid7(), "team_id": team_id,
                           "volunteer_id": store.profile.member_id, "members_present": [],
                           "started_at": started + dt.timedelta(minutes=i), "outcome": "helped",
                           "topics": ["VNeID mức 2"], "notes": "", "review_status": "pending"})
        for _ in range(filings_per_visit):
            filing_rows.append({"ward_id": ward_id, "visit_id": vid, "resident_id": uuid7(), "procedure_code": "1.001757",
                                "dossier": {"portal": "dvcqg", "dossier_code": f"H01.12-260302-{i:04d}"}, "status": "submitted",
                                "fee_paid_online": True, "submitted_at": started})
    with store.write() as tx:
        tx.recorder.insert_many(Visit, visit_rows)
        tx.recorder.insert_many(Filing, filing_rows)


def bench_push(url: str, db_url: str, work: Path, repeat: int) -> None:
    from outreach.server import admin
    from outreach.server.db import open_db
    from outreach.sync.client import enroll, transport_for
    from outreach.sync.engine import SyncEngine, SyncReport

    db = open_db(db_url)
    ward_id = admin.add_ward(db, "Phường benchmark")
    team_id = admin.add_team(db, ward_id, "Đội 1")
    batched: list[float] = []
    for run in range(repeat):
        store = new_profile(work / f"push-{run}")
        enroll(store, url, admin.issue_enrolment_code(db, team_id, "volunteer", "Phạm Quang Huy").code)
        fill_outbox(store, ward_id, team_id, 5_000, 2)
        transport = transport_for(store)
        engine = SyncEngine(store, transport)
        report = SyncReport()
        t0 = time.perf_counter()
        engine._push(report)
        batched.append(time.perf_counter() - t0)
        assert report.pushed == 15_000, report
        transport.close()
        store.close()
    # baseline: one request per record, same client, same server, same keep-alive session
    store = new_profile(work / "push-baseline")
    enroll(store, url, admin.issue_enrolment_code(db, team_id, "volunteer", "Phạm Quang Huy").code)
    fill_outbox(store, ward_id, team_id, 667, 2)  # 2,001 records
    transport = transport_for(store)
    engine = SyncEngine(store, transport, batch_changes=1)
    report = SyncReport()
    t0 = time.perf_counter()
    engine._push(report)
    per_record = (time.perf_counter() - t0) / report.pushed
    transport.close()
    store.close()
    db.dispose()
    median = statistics.median(batched)
    baseline = per_record * 15_000
    print(f"push 5,000 visits + 10,000 filings (batches of 500)   median {median:6.3f} s  runs {[round(b, 3) for b in batched]}  "
          f"budget ≤ 1.0 s  {'OK' if median <= 1.0 else 'OVER BUDGET'}")
    print(f"one request per record (2,001 measured, ×15,000)      {baseline:6.2f} s  ({per_record * 1000:.2f} ms/record)")
    print(f"speed-up                                               {baseline / median:6.1f}×  goal ≥ 20×  "
          f"{'OK' if baseline / median >= 20 else 'BELOW GOAL'}")


def build_large_server(target: Path) -> str:
    """The large ward on a server: pushed once from the cached generated profile."""
    from outreach.server import admin
    from outreach.server.db import open_db
    from outreach.store.database import load_or_create_profile, open_store
    from outreach.sync.client import enroll, run_sync

    db_url = f"sqlite:///{target / 'office.db'}"
    if (target / "complete").exists():
        return db_url
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    source = copy_profile(large_ward_dir(), target / "source-profile")
    store = open_store(load_or_create_profile(source))
    proc, url = start_server(db_url, target / "server.log", demo=True)
    try:
        db = open_db(db_url)
        admin.add_ward(db, "Phường Ngọc Hà", ward_id=store.profile.ward_id)
        office_team = admin.add_team(db, store.profile.ward_id, "Đội văn phòng")
        code = admin.issue_enrolment_code(db, office_team, "leader").code
        db.dispose()
        enroll(store, url, code)
        print("pushing the large ward to the benchmark server (once) ...", flush=True)
        t0 = time.perf_counter()
        run_sync(store)
        print(f"  pushed in {time.perf_counter() - t0:.1f} s", flush=True)
    finally:
        store.close()
        proc.terminate()
        proc.wait()
    shutil.rmtree(source, ignore_errors=True)
    (target / "complete").write_text("ok")
    return db_url


def pull_child(url: str, code: str, folder: str) -> None:
    from outreach.sync.client import enroll, run_sync, transport_for

    store = new_profile(Path(folder))
    enroll(store, url, code)
    t0 = time.perf_counter()
    report = run_sync(store)
    elapsed = time.perf_counter() - t0
    transport = transport_for(store)
    noop = run_sync(store, transport=transport)
    store.close()
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "pulled": report.pulled,
                "pages": report.pages,
                "verified": report.verified,
                "noop_requests": noop.requests,
                "noop_seconds": noop.duration_s,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def bench_pull(work: Path, repeat: int) -> None:
    from outreach.server import admin
    from outreach.server.db import open_db

    db_url = build_large_server(CACHE / f"sync-server-{LARGE_WARD_HOUSEHOLDS}")
    run_db = work / "pull-server"
    shutil.rmtree(run_db, ignore_errors=True)
    shutil.copytree(CACHE / f"sync-server-{LARGE_WARD_HOUSEHOLDS}", run_db, ignore=shutil.ignore_patterns("source-profile"))
    db_url = f"sqlite:///{run_db / 'office.db'}"
    proc, url = start_server(db_url, work / "pull-server.log")
    try:
        results = []
        for run in range(repeat):
            db = open_db(db_url)
            team = admin.find_team(db, "Đội văn phòng")
            code = admin.issue_enrolment_code(db, team["id"], "volunteer").code
            db.dispose()
            out = subprocess.run(
                [PY, __file__, "--pull-child", url, code, str(work / f"pull-{run}")], check=True, capture_output=True, text=True
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        # the pulling process's own peak (RUSAGE_CHILDREN would also count the servers this
        # script started and waited for, e.g. the one that pushed the large ward)
        rss_mb = max(r["peak_rss_mb"] for r in results)
    finally:
        proc.terminate()
        proc.wait()
    seconds = statistics.median(r["seconds"] for r in results)
    print(f"initial pull of the large ward ({results[0]['pulled']} rows, {results[0]['pages']} pages, verified={results[0]['verified']})")
    runs = [round(r["seconds"], 2) for r in results]
    print(f"                                                       median {seconds:6.2f} s  runs {runs}  "
          f"budget ≤ 10 s  {'OK' if seconds <= 10 else 'OVER BUDGET'}")
    print(f"peak RSS of the pulling process (max over runs)        {rss_mb:6.0f} MB  budget ≤ 300 MB  "
          f"{'OK' if rss_mb <= 300 else 'OVER BUDGET'}")
    noop = max(r["noop_requests"] for r in results)
    noop_ms = statistics.median(r["noop_seconds"] for r in results) * 1000
    print(f"no-op sync after it                                    {noop} request(s), {noop_ms:.0f} ms  budget ≤ 2  "
          f"{'OK' if noop <= 2 else 'OVER BUDGET'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-pull", action="store_true")
    parser.add_argument("--skip-push", action="store_true")
    parser.add_argument("--pull-child", nargs=3)
    args = parser.parse_args()
    ensure_keyring_session()
    if args.pull_child:
        pull_child(*args.pull_child)
        return
    work = CACHE / "sync-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if not args.skip_push:
        db_url = f"sqlite:///{work / 'push-server.db'}"
        proc, url = start_server(db_url, work / "push-server.log")
        try:
            bench_push(url, db_url, work, args.repeat)
        finally:
            proc.terminate()
            proc.wait()
    if not args.skip_pull:
        bench_pull(work, args.repeat)


if __name__ == "__main__":
    main()
