"""The hostile-values property at length: ``--examples`` generated batches (all of Unicode,
huge and non-finite numbers, deep JSON, wrong types, long strings; ``tests/helpers/hostile_values.py``)
pushed through the real API of a server on loopback, each followed by pulls in both layouts;
then a fresh laptop's first sync. Prints the counts. Run from the repository root:

    .venv/bin/python -m benchmarks.hostile_values [--examples 2000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import time

#: Ten times the 200 examples CI runs in the suite.
DEFAULT_EXAMPLES = 2000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=DEFAULT_EXAMPLES)
    parser.add_argument("--postgres", help="PostgreSQL URL of an empty database to use instead of SQLite")
    args = parser.parse_args()

    from outreach.sync.client import run_sync
    from outreach.sync.transport import HttpTransport
    from tests.helpers.hostile_values import run_hostile
    from tests.helpers.sync import enrol_fast, enrol_raw, fast_store, make_ward, scratch_server

    with scratch_server(args.postgres) as (server, work):
        ward = make_ward(server)
        token = str(enrol_raw(HttpTransport(server.url, None, retries=False), ward.code())["token"])
        started = time.perf_counter()
        counts = run_hostile(ward, token, args.examples)
        seconds = time.perf_counter() - started
        (work / "template").mkdir()
        laptop = fast_store(work / "template", work / "fresh")
        report = run_sync(laptop, transport=enrol_fast(ward, laptop))
        laptop.close()
    print(f"examples {counts['examples']}  (no 5xx; each parsed batch's valid change applied; every pull strict JSON within the rules)")
    print("requests: " + ", ".join(f"HTTP {k[5:]} {v}" for k, v in sorted(counts.items()) if k.startswith("http_")))
    print(f"changes applied {counts['applied']}  rejected {counts['rejected']}: "
          + ", ".join(f"{k[7:]} {v}" for k, v in sorted(counts.items()) if k.startswith("reason_")))
    print(f"rows pulled: rows layout {counts['pulled_rows']}, columns layout {counts['pulled_columns']}")
    print(f"fresh laptop: first sync pulled {report.pulled} rows in {report.pages} pages")
    print(f"took {seconds:.0f} s")


if __name__ == "__main__":
    main()
