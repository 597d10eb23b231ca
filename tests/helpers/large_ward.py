"""The large ward for the "never frozen" test, built once and cached between test runs.

Why unencrypted: tests run inside a throw-away keyring (``scripts/with-keyring``), so an
encrypted cached profile would lose its key at the end of the run. The ward is synthetic demo
data, and the freezing question is about threads, not the cipher (SQLCipher costs the same
on every read on both sides of the comparison), so a plain demo profile is the honest choice.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

LARGE_WARD_HOUSEHOLDS = 20_000


def build_large_ward(folder: Path, households: int = LARGE_WARD_HOUSEHOLDS) -> Path:
    """The profile folder of a generated ward of ``households``, building it once."""
    from outreach.services.demo_data import generate
    from outreach.store.database import open_store
    from outreach.store.profile import Profile

    marker = folder / "complete"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    profile = Profile(data_dir=folder, encrypted=False, demo=True)
    profile.save()
    store = open_store(profile)
    try:
        generate(store, households, seed=2026)
    finally:
        store.close()
    marker.write_text("ok")
    return folder


if __name__ == "__main__":
    print(build_large_ward(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else LARGE_WARD_HOUSEHOLDS))
