"""The sync model check at scale: ≥ 1,000 examples of the fault-injecting state machine
(``tests/sync/test_sync_model.py``) against a real server on loopback; prints the counts.

    .venv/bin/python benchmarks/sync_model_check.py [--examples 1000] [--postgres]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sync"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--postgres", help="PostgreSQL URL of an empty database to use instead of SQLite")
    args = parser.parse_args()

    from outreach.server import admin
    from outreach.server.db import open_db
    from sync_helpers import LiveServer
    from test_sync_model import run_model

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = open_db(args.postgres or f"sqlite:///{work / 'office.db'}")
        admin.seed_catalogue(db)
        server = LiveServer(db)
        try:
            (work / "template").mkdir()
            stats = run_model(server, work / "template", work / "devices", examples=args.examples, steps=args.steps)
        finally:
            server.stop()
            db.dispose()
    print(f"examples {stats.get('examples', 0)}  (all healed and checked: devices == server, acknowledged present once, highest stamp wins)")
    print(f"stamped field writes {stats.get('writes', 0)}  syncs ok {stats.get('syncs_ok', 0)}  syncs failed by faults {stats.get('syncs_failed', 0)}")
    faults = {k[6:]: v for k, v in sorted(stats.items()) if k.startswith("fault_")}
    print("requests by injected fault: " + ", ".join(f"{k} {v}" for k, v in faults.items()))
    print(f"took {stats.get('seconds', 0)} s")


if __name__ == "__main__":
    main()
