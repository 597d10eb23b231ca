"""The app lock's PIN (store/app_lock.py): argon2 hash in the real keyring only, growing delays
after wrong PINs that survive a restart, the ward's switch, and the demo profile's exemption."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from outreach import secrets
from outreach.model import Ward
from outreach.store import app_lock
from outreach.store.database import Store
from outreach.store.profile import Profile

PIN = "482915"


class Clock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


def test_delays_grow_after_the_free_tries_and_are_capped() -> None:
    waits = [app_lock.delay_after(n) for n in range(1, 12)]
    assert waits[: app_lock.FREE_ATTEMPTS - 1] == [0.0] * (app_lock.FREE_ATTEMPTS - 1)
    growing = waits[app_lock.FREE_ATTEMPTS - 1:]
    assert growing[0] == app_lock.FIRST_DELAY_S
    assert all(b == min(2 * a, app_lock.MAX_DELAY_S) for a, b in zip(growing, growing[1:], strict=False))
    assert app_lock.delay_after(100) == app_lock.MAX_DELAY_S


def test_wrong_pins_wait_longer_each_time_even_for_the_right_pin_and_across_a_restart(store: Store) -> None:
    profile = store.profile
    if not profile.encrypted:
        pytest.skip("needs the keyring")
    app_lock.set_pin(profile, PIN, PIN)
    clock = Clock()
    waits = []
    for _ in range(app_lock.FREE_ATTEMPTS + 2):
        attempt = app_lock.check_pin(profile, "000000", now=clock)
        assert not attempt.ok
        waits.append(attempt.wait_s)
        clock.t += attempt.wait_s  # wait it out, then try again
    assert waits == [app_lock.delay_after(n) for n in range(1, app_lock.FREE_ATTEMPTS + 3)]
    assert waits[-1] > waits[-2] > 0

    clock.t -= 1  # one second before the wait ends: even the right PIN is not compared
    again = Profile.load(profile.data_dir)  # a restart reads the count back from the keyring
    assert again is not None
    refused = app_lock.check_pin(again, PIN, now=clock)
    assert not refused.ok and refused.wait_s == pytest.approx(1.0)
    clock.t += 1
    assert app_lock.check_pin(again, PIN, now=clock).ok
    assert app_lock.check_pin(again, "000000", now=clock).wait_s == 0.0  # the count started again


def test_the_pin_is_kept_only_as_an_argon2_hash_in_the_keyring(store: Store) -> None:
    profile = store.profile
    if not profile.encrypted:
        pytest.skip("needs the keyring")
    app_lock.set_pin(profile, PIN, PIN)
    stored = secrets.get_pin_hash(profile.profile_id)
    assert stored is not None and stored.startswith("$argon2id$") and PIN not in stored
    assert app_lock.check_pin(profile, PIN).ok
    for path in profile.data_dir.rglob("*"):
        if path.is_file():
            assert PIN.encode() not in path.read_bytes(), path
    with pytest.raises(app_lock.PinProblem):
        app_lock.set_pin(profile, "12a4")
    with pytest.raises(app_lock.PinProblem):
        app_lock.set_pin(profile, "1234", "1235")
    secrets.delete_profile_secrets(profile.profile_id)
    assert secrets.get_pin_hash(profile.profile_id) is None and secrets.get_lock_state(profile.profile_id) is None


def test_the_lock_is_on_by_default_off_when_the_ward_says_and_never_on_a_demo(store: Store, ward: dict[str, str],
                                                                                 tmp_path: Path) -> None:
    profile = store.profile
    profile.ward_id = ward["ward"]
    profile.demo = False
    assert app_lock.lock_required(store)  # never set: on

    def set_ward_lock(on: bool) -> None:
        with store.write() as tx:
            row = tx.session.get(Ward, ward["ward"])
            assert row is not None
            tx.recorder.update(row, {"app_lock": on})

    set_ward_lock(False)
    assert not app_lock.lock_required(store)
    set_ward_lock(True)
    assert app_lock.lock_required(store)
    profile.demo = True
    assert not app_lock.lock_required(store)


def run_cli(data_dir: Path, *args: str, pin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "outreach.commands.cli", "--data-dir", str(data_dir), *args],
                          input=pin + "\n", capture_output=True, text=True, timeout=120,
                          env={**os.environ, "OUTREACH_LANG": "vi"})


def test_cli_commands_that_show_personal_data_ask_the_pin(store: Store, ward: dict[str, str]) -> None:
    from outreach.services.context import Actor
    from outreach.services.households import HouseholdInput, register_household

    profile = store.profile
    if not profile.encrypted:
        pytest.skip("needs the keyring")
    profile.ward_id, profile.member_id, profile.role = ward["ward"], ward["leader"], "leader"
    profile.save()
    actor = Actor(ward["leader"], "Lê Thị Hạnh", "leader", ward["ward"], ward["team"])
    register_household(store, actor, HouseholdInput("Đặng Văn Đức", {"house_number": "9", "street": "Kim Mã"}))
    app_lock.set_pin(profile, PIN, PIN)

    wrong = run_cli(profile.data_dir, "households", "search", "dang van duc", pin="000000")
    assert wrong.returncode == 1 and "Mã PIN không đúng" in wrong.stderr and "Đặng Văn Đức" not in wrong.stdout
    right = run_cli(profile.data_dir, "households", "search", "dang van duc", pin=PIN)
    assert right.returncode == 0, right.stderr
    assert "Đặng Văn Đức" in right.stdout
    for _ in range(app_lock.FREE_ATTEMPTS):
        run_cli(profile.data_dir, "needs-attention", pin="111111")
    failures, _until = app_lock._load_state(profile)  # the CLI's wrong PINs count like the window's
    assert failures == app_lock.FREE_ATTEMPTS
    # a longer wait than a slow machine's next start takes (the waits themselves: see above)
    app_lock._save_state(profile, failures, time.time() + 600)
    waiting = run_cli(profile.data_dir, "households", "search", "dang van duc", pin=PIN)  # the right PIN, during the wait
    assert waiting.returncode == 1 and "thử lại sau" in waiting.stderr and "Đặng Văn Đức" not in waiting.stdout
    assert run_cli(profile.data_dir, "sync-status").returncode in (0, 1)  # no personal data: no PIN asked
    for path in profile.data_dir.rglob("*"):
        if path.is_file():
            assert PIN.encode() not in path.read_bytes(), path
    assert (profile.data_dir / "logs" / "outreach.log").stat().st_size > 0
