"""The fault-injecting multi-laptop sync model (``tests/helpers/sync_model.py``) against real servers.

How many examples run is the hypothesis profile's (``tests/conftest.py``): a few dozen for a
developer's ``scripts/test``, 200 in CI; ``benchmarks/sync_model_check.py`` runs ≥ 1,000.
PostgreSQL gets an eighth of them: each example there costs several times more (a database
round trip per server write), and what it adds over SQLite is the other dialect, not more cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers.sync import LiveServer
from tests.helpers.sync_model import run_model


def profile_examples() -> int:
    """``max_examples`` of the hypothesis profile loaded for this run."""
    return settings().max_examples


def test_model_sqlite(sqlite_server: LiveServer, template_root: Path, tmp_path: Path) -> None:
    examples = profile_examples()
    stats = run_model(sqlite_server, template_root, tmp_path, examples=examples, steps=8)
    assert stats["examples"] >= examples
    assert stats.get("fault_lost_after", 0) and stats.get("fault_duplicate", 0)


@pytest.mark.postgres
def test_model_postgres(pg_server: LiveServer, template_root: Path, tmp_path: Path) -> None:
    examples = max(5, profile_examples() // 8)
    stats = run_model(pg_server, template_root, tmp_path, examples=examples, steps=8)
    assert stats["examples"] >= examples
