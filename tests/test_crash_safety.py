"""Crash safety: a process killed with SIGKILL mid-write loses nothing it reported as saved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select, text

from outreach.model import OutboxEntry, Visit
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, register_household
from outreach.store.database import Store, open_store
from outreach.store.profile import Profile

WRITER = r"""
import datetime as dt, sys
from pathlib import Path
from outreach.services.context import Actor
from outreach.services.visits import FilingInput, VisitInput, record_visit
from outreach.store.database import open_store
from outreach.store.profile import Profile

data_dir, household_id, actor_args = Path(sys.argv[1]), sys.argv[2], sys.argv[3].split(",")
store = open_store(Profile.load(data_dir), create=False)
actor = Actor(*actor_args)
start = dt.datetime(2026, 11, 16, 8, 0)
i = 0
while True:
    visit = record_visit(store, actor, VisitInput(
        household_id=household_id, started_at=start + dt.timedelta(minutes=i % 500), notes=f"visit {i}",
        filings=[FilingInput("1.001193", status="guided_only"), FilingInput("1.004222", status="prepared")]))
    print(visit.id, flush=True)  # reported done only after the commit returned
    i += 1
"""


def test_sigkill_during_writes_keeps_every_reported_visit(store: Store, volunteer: Actor, tmp_path: Path) -> None:
    from outreach.services.procedures import seed_catalogue

    seed_catalogue(store)
    household = register_household(store, volunteer, HouseholdInput("Đặng Văn Đức", {"street": "Lê Lợi", "house_number": "5"}))
    profile = store.profile
    store.close()
    actor_args = ",".join(str(part) for part in (volunteer.member_id, "x", volunteer.role, volunteer.ward_id, volunteer.team_id))
    reported: list[str] = []
    deadline = time.monotonic() + 60
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(profile.data_dir), household.id, actor_args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        while len(reported) < 40 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            reported.append(line.strip())
        os.kill(child.pid, signal.SIGKILL)  # mid-loop: very likely inside a transaction
        child.wait(timeout=30)
        # lines written before the kill but not yet read here count as reported too
        reported += [line.strip() for line in child.stdout.read().splitlines() if line.strip()]
        errors = child.stderr.read()
    assert len(reported) >= 40, errors

    reloaded = Profile.load(profile.data_dir)
    assert reloaded is not None
    reopened = open_store(reloaded, create=False)
    try:
        with reopened.read() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            saved = set(session.scalars(select(Visit.id)))
            outbox_visits = set(session.scalars(select(OutboxEntry.entity_id).where(OutboxEntry.entity == "visit")))
        assert set(reported) <= saved
        assert saved == outbox_visits  # no visit without its outbox entry, and vice versa
    finally:
        reopened.close()
