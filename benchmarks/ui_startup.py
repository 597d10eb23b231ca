"""Desktop app: cold start to a shown main window, and resident memory after every screen.

Usage: .venv/bin/python benchmarks/ui_startup.py [--runs 7]

Budgets (DESIGN.md §6, large ward = 20,000 households, 100,000 visits, real encrypted profile
with its key in a keyring): cold start ≤ 1.0 s median; RSS after visiting every screen ≤ 350 MB.

Each run is a fresh process (`python this.py --child ...`): the clock starts in the parent just
before the process is spawned, so interpreter start, imports, keyring, SQLCipher open, migration
check and the first paint are all counted; the child reports when the window has been shown and
the event loop has painted it. A same-run baseline (a process that only imports PySide6 and
shows an empty QMainWindow) shows how much of the time is Qt/Python itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

START_BUDGET_S = 1.0
RSS_BUDGET_MB = 350


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(data_dir: str, t0: float, mode: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QTimer

    if mode == "baseline":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication([])
        window = QMainWindow()
        window.show()
        QTimer.singleShot(0, lambda: (print(f"SHOWN {time.time() - t0:.4f}", flush=True), app.quit()))
        app.exec()
        return

    from outreach.ui.app import application, build_window, open_store_while_importing_ui
    from outreach.ui.core.i18n import Translations
    from outreach.ui.screens.households_view import HouseholdsView

    app = application()  # the same steps as outreach.ui.app.run
    translations = Translations()
    translations.apply("vi")
    store = open_store_while_importing_ui(Path(data_dir), False)
    window, runner = build_window(store, translations)
    window.show()

    def shown() -> None:
        print(f"SHOWN {time.time() - t0:.4f}", flush=True)
        if mode == "start":
            app.quit()
            return
        visit_all()

    def visit_all() -> None:
        from outreach.ui.main_window import PAGE_COUNT

        def settle_then(next_step) -> None:  # wait until the runner is idle
            if runner.busy:
                QTimer.singleShot(50, lambda: settle_then(next_step))
            else:
                QTimer.singleShot(200, next_step)

        pages = list(range(PAGE_COUNT))

        def step() -> None:
            if not pages:
                households = window.pages[0]
                assert isinstance(households, HouseholdsView)
                households.table.scrollToBottom()
                settle_then(done)
                return
            window.show_page(pages.pop(0))
            settle_then(step)

        def done() -> None:
            QCoreApplication.processEvents()
            print(f"RSS {_rss_mb():.1f}", flush=True)
            app.quit()

        step()

    QTimer.singleShot(0, shown)
    app.exec()
    runner.shutdown(wait=True)
    store.close()


def spawn(data_dir: Path, mode: str) -> dict[str, float]:
    t0 = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", str(data_dir), str(t0), mode], capture_output=True,
                         text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=300)
    values = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key in ("SHOWN", "RSS"):
            values[key] = float(value)
    if "SHOWN" not in values:
        raise SystemExit(f"child failed:\n{out.stderr[-3000:]}")
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", nargs=3, metavar=("DIR", "T0", "MODE"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], float(args.child[1]), args.child[2])
        return 0

    from common import ensure_keyring_session, large_ward_dir

    ensure_keyring_session()
    ward = large_ward_dir()
    spawn(ward, "start")  # warm the OS file cache once: "cold" means a fresh process, not a cold disk
    baseline = [spawn(ward, "baseline")["SHOWN"] for _ in range(args.runs)]
    starts = [spawn(ward, "start")["SHOWN"] for _ in range(args.runs)]
    rss = spawn(ward, "all-screens")["RSS"]
    median = statistics.median(starts)
    print(f"large ward: {ward}")
    print(f"baseline (python + PySide6 + empty window): median {statistics.median(baseline) * 1000:.0f} ms")
    print(f"cold start to shown main window: median {median * 1000:.0f} ms, min {min(starts) * 1000:.0f}, "
          f"max {max(starts) * 1000:.0f} over {args.runs} fresh processes (budget {START_BUDGET_S * 1000:.0f} ms) "
          f"{'OK' if median <= START_BUDGET_S else 'OVER BUDGET'}")
    print(f"resident memory after visiting every screen: {rss:.0f} MB (budget {RSS_BUDGET_MB} MB) "
          f"{'OK' if rss <= RSS_BUDGET_MB else 'OVER BUDGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
