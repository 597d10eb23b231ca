"""Generated hostile values through the real API on SQLite and PostgreSQL (issue 15): no 5xx,
the valid rest of each batch applied, every later pull page strict JSON within the field
rules, and a fresh laptop's first sync works. The profile's examples (40 dev, 200 ci); the
long run is benchmarks/hostile_values.py. The property itself: tests/helpers/hostile_values.py.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import settings
from sqlalchemy import select

from outreach.model import Household
from outreach.sync.client import run_sync
from tests.helpers.hostile_values import run_hostile
from tests.helpers.sync import WardSetup, enrol_fast, fast_store

from .test_sync_hostile_values import raw_enrol


def test_generated_hostile_values_never_break_the_ward(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    examples = settings().max_examples
    counts = run_hostile(ward_setup, raw_enrol(ward_setup), examples)
    assert counts["examples"] == examples
    assert counts["rejected"] > 0 and counts["applied"] >= counts["http_200"] > examples // 2, counts  # each batch's valid household
    laptop = fast_store(template_root, tmp_path / "fresh")
    run_sync(laptop, transport=enrol_fast(ward_setup, laptop))
    # the fresh laptop holds the ward's households as the server does (a later generated change may
    # have renamed or deleted one of the valid households: that is an applied change, not a loss)
    table = Household.__table__
    with ward_setup.server.db.read() as conn:
        on_server = set(conn.execute(select(table.c.id, table.c.head_name, table.c.deleted).where(table.c.ward_id == ward_setup.ward_id)))
    with laptop.read() as session:
        on_laptop = set(session.execute(select(Household.id, Household.head_name, Household.deleted)))
    laptop.close()
    assert on_laptop == on_server and len(on_server) >= counts["http_200"]
