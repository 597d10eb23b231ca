"""A volunteer's first pull of one team area of the large ward vs a leader's whole-ward pull
(issue 14, least data on each laptop; issue 16's "a volunteer's first day").

The large ward (benchmarks/sync_bench.py's cached server: 20,000 households in 40 groups) gets
one team area of 10 groups (a quarter of the ward, one of its four teams). Each run enrols a
fresh encrypted profile as a leader and one as a volunteer of that team, in child processes (their
own peak RSS), and times their first sync; bytes are what came over the wire (compressed, as the
server sent them). Medians of ``--repeat`` runs (≥ 5), printed side by side with the load.

    .venv/bin/python benchmarks/scope_bench.py [--repeat 5] [--groups 10]

Measured 2026-12-01 on the shared 2-core machine (8 helpers running), medians of 5, leader vs
volunteer, every pull's digest verified:
- load 2.5: 28.9 s vs 10.6 s (0.37×), 13.4 MB vs 4.0 MB (0.30×), 222,333 vs 70,595 rows,
  61,598 vs 15,493 residents with a personal ID, peak RSS 196 vs 173 MB;
- load 6.4–7.6: 58.0 s vs 25.9 s (0.45×), same bytes and rows.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import CACHE, LARGE_WARD_HOUSEHOLDS, ensure_keyring_session
from sync_bench import build_large_server, new_profile, start_server

PY = sys.executable


def pull_child(url: str, code: str, folder: str) -> None:
    """Enrol a fresh profile with ``code`` and time its first sync; JSON on the last line."""
    from sqlalchemy import func, select

    from outreach.model import Resident
    from outreach.sync.client import enroll, run_sync, transport_for

    store = new_profile(Path(folder))
    enroll(store, url, code)
    transport = transport_for(store)
    received = [0]

    def count(response, *_args, **_kwargs):
        received[0] += int(response.headers.get("content-length") or len(response.content))

    transport.session.hooks["response"].append(count)
    t0 = time.perf_counter()
    report = run_sync(store, transport=transport)
    elapsed = time.perf_counter() - t0
    with store.read() as session:
        with_id = session.scalar(select(func.count()).select_from(Resident).where(Resident.personal_id.is_not(None)))
    transport.close()
    store.close()
    print(json.dumps({"seconds": elapsed, "bytes": received[0], "pulled": report.pulled, "pages": report.pages,
                      "verified": report.verified, "residents_with_id": with_id,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def give_area(db_url: str, groups: int) -> str:
    """Put the first ``groups`` groups of the ward into the office team's area; its team id."""
    from sqlalchemy import select

    from outreach.model import ResidentialGroup
    from outreach.server import admin
    from outreach.server.db import open_db

    db = open_db(db_url)
    try:
        team = admin.find_team(db, "Đội văn phòng")
        with db.read() as conn:
            rows = conn.execute(select(ResidentialGroup.id, ResidentialGroup.ward_id).order_by(ResidentialGroup.sort_order)).all()
        for group_id, ward_id in rows[:groups]:
            admin.office_write(db, ResidentialGroup, group_id, {"team_id": team["id"]}, ward_id, create=False)
        return str(team["id"])
    finally:
        db.dispose()


def run(role: str, url: str, db_url: str, team_id: str, folder: Path) -> dict[str, object]:
    from outreach.server import admin
    from outreach.server.db import open_db

    db = open_db(db_url)
    code = admin.issue_enrolment_code(db, team_id, role).code
    db.dispose()
    out = subprocess.run([PY, __file__, "--pull-child", url, code, str(folder)], check=True, capture_output=True, text=True)
    shutil.rmtree(folder, ignore_errors=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--groups", type=int, default=10)
    parser.add_argument("--pull-child", nargs=3)
    args = parser.parse_args()
    ensure_keyring_session()
    if args.pull_child:
        pull_child(*args.pull_child)
        return
    build_large_server(CACHE / f"sync-server-{LARGE_WARD_HOUSEHOLDS}")
    work = CACHE / "scope-work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(CACHE / f"sync-server-{LARGE_WARD_HOUSEHOLDS}", work, ignore=shutil.ignore_patterns("source-profile"))
    db_url = f"sqlite:///{work / 'office.db'}"
    subprocess.run([PY, "-m", "outreach.server.cli", "--db", db_url, "init"], check=True, capture_output=True)
    team_id = give_area(db_url, args.groups)
    proc, url = start_server(db_url, work / "server.log")
    results: dict[str, list[dict[str, object]]] = {"leader": [], "volunteer": []}
    load_before = os.getloadavg()
    try:
        for index in range(args.repeat):  # interleaved: both see the same load
            for role in ("leader", "volunteer"):
                results[role].append(run(role, url, db_url, team_id, work / f"{role}-{index}"))
    finally:
        proc.terminate()
        proc.wait()
    load_after = os.getloadavg()
    print(f"first pull of the large ward ({LARGE_WARD_HOUSEHOLDS} households), {args.repeat} runs each, "
          f"team area = {args.groups} of the ward's groups; load {load_before[0]:.1f} → {load_after[0]:.1f} (1-min avg, 2 cores)")
    print(f"{'':34}{'leader (whole ward)':>22}{'volunteer (one area)':>24}{'ratio':>8}")
    medians = {}
    for key, label in (("seconds", "time, median (s)"), ("bytes", "bytes over the wire, median (MB)"),
                       ("pulled", "rows pulled"), ("residents_with_id", "residents with a personal ID"),
                       ("peak_rss_mb", "peak RSS, max (MB)")):
        values = {role: [float(r[key]) for r in rows] for role, rows in results.items()}  # type: ignore[arg-type]
        pick = max if key == "peak_rss_mb" else statistics.median
        lead, vol = pick(values["leader"]), pick(values["volunteer"])
        scale = 1e6 if key == "bytes" else 1
        medians[key] = (lead, vol)
        print(f"{label:34}{lead / scale:>22,.2f}{vol / scale:>24,.2f}{(vol / lead if lead else 0):>8.2f}")
    for role, rows in results.items():
        print(f"  {role} runs (s): {[round(float(r['seconds']), 2) for r in rows]}  verified: {[r['verified'] for r in rows]}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
