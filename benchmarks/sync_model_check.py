"""The sync model check at scale: ≥ 1,000 examples of the fault-injecting state machine
(``tests/helpers/sync_model.py``, the machine the suite runs a few dozen or 200 times of) against a
real server on loopback; prints the counts. Run as a module from the repository root, so that it
imports the machine from the ``tests`` package:

    .venv/bin/python -m benchmarks.sync_model_check [--examples 1000] [--postgres URL]
"""

from __future__ import annotations

import argparse

#: "At scale": five times the 200 examples CI runs in the suite (the dev profile runs 40).
MIN_EXAMPLES = 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=MIN_EXAMPLES)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--postgres", help="PostgreSQL URL of an empty database to use instead of SQLite")
    args = parser.parse_args()

    from tests.helpers.sync import scratch_server
    from tests.helpers.sync_model import run_model

    with scratch_server(args.postgres) as (server, work):
        (work / "template").mkdir()
        stats = run_model(server, work / "template", work / "devices", examples=args.examples, steps=args.steps)
    print(
        f"examples {stats.get('examples', 0)}  (all healed and checked: devices == server, acknowledged present once, highest stamp wins)"
    )
    print(f"merges {stats.get('merges', 0)}  households merged away at the end {stats.get('merged_away', 0)}  "
          "(no resident left on one, no merge cycle unbroken)")
    print(f"stamped field writes {stats.get('writes', 0)}  syncs ok {stats.get('syncs_ok', 0)}  "
          f"syncs failed by faults {stats.get('syncs_failed', 0)}")
    faults = {k[6:]: v for k, v in sorted(stats.items()) if k.startswith("fault_")}
    print("requests by injected fault: " + ", ".join(f"{k} {v}" for k, v in faults.items()))
    print(f"took {stats.get('seconds', 0)} s")


if __name__ == "__main__":
    main()
