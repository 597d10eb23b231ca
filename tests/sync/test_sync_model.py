"""The fault-injecting multi-laptop sync model (``tests/helpers/sync_model.py``) against real servers.

How many examples run is the hypothesis profile's (``tests/conftest.py``): a few dozen for a
developer's ``scripts/test``, 200 in CI; ``benchmarks/sync_model_check.py`` runs ≥ 1,000.
PostgreSQL gets an eighth of them: each example there costs several times more (a database
round trip per server write), and what it adds over SQLite is the other dialect, not more cases.

Hypothesis draws simple fault lists first, so a few dozen random examples may never lose an
answer after the server committed or send a request twice; ``test_model_with_lost_answers_and_duplicates``
drives the same machine (same rules, same healing and final checks) through those two faults
by hand, so every run proves them, whatever the example count.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers.sync import LiveServer
from tests.helpers.sync_model import ENV, STATS, HealedSyncModel, run_model


def profile_examples() -> int:
    """``max_examples`` of the hypothesis profile loaded for this run."""
    return settings().max_examples


def test_model_sqlite(sqlite_server: LiveServer, template_root: Path, tmp_path: Path) -> None:
    examples = profile_examples()
    stats = run_model(sqlite_server, template_root, tmp_path, examples=examples, steps=8)
    assert stats["examples"] >= examples
    assert stats.get("syncs_failed", 0), "the random examples injected no failing fault at all"


def test_model_with_lost_answers_and_duplicates(sqlite_server: LiveServer, template_root: Path, tmp_path: Path) -> None:
    ENV.server, ENV.template_root, ENV.work = sqlite_server, template_root, tmp_path
    STATS.clear()
    machine = HealedSyncModel()
    try:
        machine.setup()
        machine.create(0, "Nguyễn Văn An")
        machine.sync(0, ["lost_after"])  # the push committed, its answer lost: the change stays queued
        machine.edit(0, 0, "phone", _Drawn("0912345678"))  # a fixed draw in place of st.data()
        machine.sync(0, ["duplicate"])  # the re-sent push arrives twice
        machine.create(1, "Trần Thị Bình")
        machine.sync(1, ["ok", "duplicate"])  # its push goes through, its pull is sent twice
        machine.sync(2, [])
        machine.edit(2, 1, "head_name", _Drawn("Lê Văn Cường"))
    finally:
        machine.teardown()  # heals every laptop, then the model's checks: devices == server, ...
    assert STATS.get("examples") == 1  # healed and checked
    assert STATS.get("fault_lost_after", 0) == 1 and STATS.get("fault_duplicate", 0) == 2, STATS


def test_model_with_concurrent_overlapping_merges(sqlite_server: LiveServer, template_root: Path, tmp_path: Path) -> None:
    """Issue 17 by hand, whatever the example count: the two leaders merge the same pair both ways
    (a cycle) and an overlapping one, offline from each other, with residents added meanwhile on
    the volunteer's laptop and answers lost; healed, the model's checks hold (devices == server,
    highest stamp wins, no resident on a merged-away household, no unbroken cycle)."""
    ENV.server, ENV.template_root, ENV.work = sqlite_server, template_root, tmp_path
    STATS.clear()
    machine = HealedSyncModel()
    try:
        machine.setup()
        for name in ("Nguyễn Văn An", "Nguyen Van An", "Nguyễn Văn  An"):
            machine.create(0, name)
        machine.sync(0, [])
        for device in (1, 2):
            machine.sync(device, [])
        machine.add_resident(2, 1, "Trần Thị Bình")
        # (households by id: h0 < h1 < h2)
        machine.merge(0, 0, 0)  # leader 0: h1 into h0
        machine.merge(1, 1, 1)  # leader 1, concurrently: h0 into h1 (a cycle)
        machine.merge(1, 1, 0)  # and h1 into h2 (overlapping; its live households are now [h1, h2])
        machine.add_resident(2, 0, "Lê Văn Cường")
        machine.sync(2, ["ok"])
        machine.sync(0, ["lost_after"])
        machine.sync(1, ["ok", "duplicate"])
    finally:
        machine.teardown()
    assert STATS.get("examples") == 1 and STATS.get("merges") == 3, STATS
    assert STATS.get("merged_away", 0) >= 1, STATS


class _Drawn:
    """Stands in for hypothesis' ``data`` argument of the ``edit`` rule: draws one fixed value."""

    def __init__(self, value: object) -> None:
        self.value = value

    def draw(self, strategy: object) -> object:
        return self.value


@pytest.mark.postgres
def test_model_postgres(pg_server: LiveServer, template_root: Path, tmp_path: Path) -> None:
    examples = max(5, profile_examples() // 8)
    stats = run_model(pg_server, template_root, tmp_path, examples=examples, steps=8)
    assert stats["examples"] >= examples
