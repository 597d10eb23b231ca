"""Shared benchmark plumbing: the cached large ward, timing, and printing against budgets.

The large ward (DESIGN.md §6: 20,000 households) takes about a minute to generate, so it is built
once into ``benchmarks/.cache/large-ward`` as a real encrypted profile; its key is kept by a
persistent keyring under ``benchmarks/.cache/keyring`` (``scripts/with-keyring`` with
``OUTREACH_KEYRING_HOME``). Run benchmarks through ``ensure_keyring_session()``, which re-executes
the script inside that keyring session when needed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
LARGE_WARD_HOUSEHOLDS = 20_000


def ensure_keyring_session() -> None:
    """Re-run this script under scripts/with-keyring with a persistent keyring, once."""
    if os.environ.get("OUTREACH_IN_KEYRING_SESSION") == "1":
        return
    env = {**os.environ, "OUTREACH_KEYRING_HOME": str(CACHE / "keyring")}
    CACHE.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([str(ROOT / "scripts" / "with-keyring"), sys.executable, *sys.argv], env=env)
    sys.exit(result.returncode)


def large_ward_dir(households: int = LARGE_WARD_HOUSEHOLDS) -> Path:
    """The cached profile folder of a generated ward, building it the first time."""
    from outreach.services.demo_data import generate
    from outreach.store.database import load_or_create_profile, open_store

    folder = CACHE / f"ward-{households}"
    marker = folder / "complete"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"building a ward of {households} households (once; cached in {folder}) ...", flush=True)
    started = time.perf_counter()
    store = open_store(load_or_create_profile(folder, demo=True))
    try:
        summary = generate(store, households, seed=2026)
    finally:
        store.close()
    marker.write_text("ok")
    print(f"  built in {time.perf_counter() - started:.1f} s: {summary}", flush=True)
    return folder


def copy_profile(source: Path, target: Path) -> Path:
    """A throw-away copy of a cached profile (same keyring key), for benchmarks that write."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return target


def timings_ms(fn: Callable[[], object], repeat: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    result = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        result.append((time.perf_counter() - started) * 1000)
    return result


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def report(name: str, values_ms: Sequence[float], budget: str, ok: bool | None = None) -> None:
    median = statistics.median(values_ms)
    p95 = percentile(values_ms, 95)
    verdict = "" if ok is None else ("  OK" if ok else "  OVER BUDGET")
    print(f"{name:<52} median {median:8.2f} ms   p95 {p95:8.2f} ms   n={len(values_ms):<5} budget {budget}{verdict}")
