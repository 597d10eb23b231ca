"""A newcomer's first commands on any Linux box: ``outreach demo`` without a keyring and without a
display, the demo server's pid and ``--stop``, a window that cannot open, a closed pipe."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from outreach.server.background import process_alive
from outreach.services.demo_data import demo_ward_identity
from outreach.ui.display import DisplayProblem, debian_package, display_problem

pytestmark = pytest.mark.slow

#: A machine with no keyring and no display, as a fresh VM or a server box is.
BARE_BOX = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "OUTREACH_LANG": "en"}
NO_DISPLAY = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def outreach(*args: str, env: dict[str, str] | None = None, drop: tuple[str, ...] = NO_DISPLAY) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in drop}
    return subprocess.run([sys.executable, "-m", "outreach", *args], capture_output=True, text=True, timeout=300,
                          env={**environment, **BARE_BOX, **(env or {})})


def test_demo_on_a_box_with_no_keyring_and_no_display(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    first = outreach("--data-dir", str(data_dir), "demo", "--households", "12")
    try:
        assert first.returncode == 0, first.stderr
        pid = int(re.search(r"Demo server: http://127\.0\.0\.1:\d+ \(pid (\d+)\)", first.stdout).group(1))  # type: ignore[union-attr]
        assert process_alive(pid)
        assert "NOT encrypted" in first.stderr  # said on every start
        assert "no display" in first.stderr and "Open the window" in first.stdout  # headless by itself
        profile = json.loads((data_dir / "profile.json").read_text())
        assert profile["encrypted"] is False and profile["server_device_id"]
        token_file = data_dir / "demo-device-token"
        assert token_file.stat().st_mode & 0o777 == 0o600 and token_file.read_text().strip()

        # the office console runs on the demo server too, with a demo sign-in
        console = re.search(r"Office console: (http://127\.0\.0\.1:\d+/console/) \(sign in: (\S+) / (\S+)\)", first.stdout)
        assert console, first.stdout
        overview = _console_overview(console.group(1), console.group(2), console.group(3))
        assert demo_ward_identity()[1] in overview  # the demo ward and its week, as the office sees it

        again = outreach("--data-dir", str(data_dir), "demo", "--headless")
        assert again.returncode == 0, again.stderr
        assert "Reusing the running demo server: " in again.stdout and f"(pid {pid})" in again.stdout
        assert f"Office console: {console.group(1)} (sign in: {console.group(2)} / {console.group(3)})" in again.stdout
        search = outreach("--data-dir", str(data_dir), "households", "search", "so", "--json")  # "Số 12, ngõ …"
        assert search.returncode == 0 and len(json.loads(search.stdout)) == 12
    finally:
        stopped = outreach("--data-dir", str(data_dir), "demo", "--stop")
    assert stopped.returncode == 0 and f"(pid {pid}) is stopped" in stopped.stdout
    assert not process_alive(pid)
    assert "No demo server is running" in outreach("--data-dir", str(data_dir), "demo", "--stop").stdout


def _console_overview(url: str, login: str, password: str) -> str:
    """Sign in to the console through its form and return the overview page."""
    import requests

    with requests.Session() as browser:
        token = re.search(r'name="csrf" value="([^"]+)"', browser.get(f"{url}login", timeout=10).text)
        assert token
        browser.post(f"{url}login", data={"login": login, "password": password, "csrf": token.group(1)}, timeout=10)
        answer = browser.get(url, timeout=30)
        assert answer.status_code == 200 and answer.url == url
        return answer.text


def test_a_real_profile_still_refuses_without_a_keyring(tmp_path: Path) -> None:
    result = outreach("--data-dir", str(tmp_path / "real"), "households", "search", "x")
    assert result.returncode == 1 and "keyring" in result.stderr.lower()


def test_the_window_without_a_display_is_a_clear_error_not_an_abort(tmp_path: Path) -> None:
    outreach("--data-dir", str(tmp_path / "p"), "demo-data", "--households", "3")
    result = outreach("--data-dir", str(tmp_path / "p"), "--demo")
    assert result.returncode == 1, (result.returncode, result.stderr)  # Qt's abort was -6 (SIGABRT)
    assert "no display" in result.stderr and "Traceback" not in result.stderr


def test_a_closed_pipe_is_a_normal_end(tmp_path: Path) -> None:
    data_dir = tmp_path / "p"
    outreach("--data-dir", str(data_dir), "demo-data", "--households", "30")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (`head`) is gone before the first line is written
    try:
        result = subprocess.run([sys.executable, "-m", "outreach", "--data-dir", str(data_dir), "households", "search", "nguyen"],
                                stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120,
                                env={**os.environ, **BARE_BOX})
    finally:
        os.close(write_end)
    assert result.returncode == 0, result.stderr  # was 2, "Unexpected error" (BrokenPipeError)
    assert "Unexpected error" not in result.stderr and "BrokenPipe" not in result.stderr


def test_no_display_variable_means_no_window() -> None:
    assert display_problem({}, "linux") == DisplayProblem(())
    assert display_problem({"DISPLAY": ":4711"}, "linux") == DisplayProblem(())  # no such X server here
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "win32") is None and display_problem({}, "darwin") is None


def test_missing_libraries_of_the_platform_plugin_are_named_with_their_packages(tmp_path: Path) -> None:
    """A stand-in plugin linked against a library that is not on this machine: the check names it
    and the Debian package that brings it (``ldd`` and ``dlopen`` on a real ELF file)."""
    (tmp_path / "dep.c").write_text("int outreach_probe_dep(void) { return 1; }\n")
    (tmp_path / "plugin.c").write_text("int outreach_probe_dep(void);\nint probe(void) { return outreach_probe_dep(); }\n")
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", tmp_path / "libxcb-fakeprobe.so.4", tmp_path / "dep.c",
                    "-Wl,-soname,libxcb-fakeprobe.so.4"], check=True)
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", tmp_path / "libqxcb.so", tmp_path / "plugin.c",
                    tmp_path / "libxcb-fakeprobe.so.4"], check=True)
    (tmp_path / "libxcb-fakeprobe.so.4").unlink()
    x_socket = next(Path("/tmp/.X11-unix").glob("X*"), None) if Path("/tmp/.X11-unix").exists() else None
    display = f":{x_socket.name[1:]}" if x_socket else "remote-host:0"  # remote displays are not probed
    problem = display_problem({"DISPLAY": display}, "linux", plugin=tmp_path / "libqxcb.so")
    assert problem is not None and "libxcb-fakeprobe.so.4" in problem.missing
    message = problem.error().message("en")
    assert "libxcb-fakeprobe.so.4" in message and "sudo apt install libxcb-fakeprobe4" in message


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-icccm.so.4", "libxcb-icccm4"), ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"), ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"), ("libGL.so.1", "libgl1"), ("libxcb-xinerama.so.0", "libxcb-xinerama0"),
])
def test_debian_package_names(soname: str, package: str) -> None:
    assert debian_package(soname) == package


def test_an_unencrypted_demo_profile_enrols_only_with_a_server_on_this_computer(tmp_path: Path) -> None:
    """Its database and token are plain files: a ward's real residents must never land there."""
    from outreach.store.database import open_store
    from outreach.store.profile import Profile
    from outreach.sync.client import enroll, is_loopback_url
    from outreach.sync.errors import EnrolmentFailed

    profile = Profile(data_dir=tmp_path / "demo", encrypted=False, demo=True)
    profile.save()
    store = open_store(profile)
    try:
        with pytest.raises(EnrolmentFailed) as refused:
            enroll(store, "https://office.example:8443", "ABCD-EFGH")  # refused before any request
        assert refused.value.reason == "unencrypted_profile" and "demo server on this computer" in refused.value.message("en")
        assert store.profile.server_url is None and not (profile.data_dir / "demo-device-token").exists()
    finally:
        store.close()
    assert is_loopback_url("http://127.0.0.1:8000") and is_loopback_url("http://localhost:1") and is_loopback_url("http://[::1]:9")
    assert not is_loopback_url("http://192.168.1.10:8443") and not is_loopback_url("https://office.example")


def test_the_profile_folder_and_its_files_are_private(tmp_path: Path) -> None:
    """Profile, database, logs and the hand-over export are 0600 in a 0700 folder (they were 0644),
    also for a profile an older version left readable by others."""
    data_dir = tmp_path / "p"
    assert outreach("--data-dir", str(data_dir), "demo-data", "--households", "3").returncode == 0
    data_dir.chmod(0o755)
    (data_dir / "profile.json").chmod(0o644)
    (data_dir / "outreach.db").chmod(0o644)
    (tmp_path / "passphrase").write_text("mật khẩu bàn giao\n", encoding="utf-8")
    exported = outreach("--data-dir", str(data_dir), "export-unsent", str(data_dir / "hand-over.json"),
                        "--passphrase-file", str(tmp_path / "passphrase"))
    assert exported.returncode == 0, exported.stderr
    assert data_dir.stat().st_mode & 0o777 == 0o700
    for name in ("profile.json", "outreach.db", "logs/outreach.log", "hand-over.json"):
        assert (data_dir / name).stat().st_mode & 0o777 == 0o600, name
    assert (data_dir / "logs").stat().st_mode & 0o777 == 0o700


def test_plain_http_to_another_computer_needs_an_explicit_insecure(store) -> None:
    """A real profile refuses http:// enrolment off this computer before any request is sent
    (the code would cross the network in clear); https:// and loopback http:// are fine."""
    from outreach.sync.client import enroll
    from outreach.sync.errors import EnrolmentFailed

    with pytest.raises(EnrolmentFailed) as refused:
        enroll(store, "http://192.0.2.10:8443", "ABCD-EFGH")  # TEST-NET address: never contacted
    assert refused.value.reason == "insecure_http" and "--insecure" in refused.value.message("en")
    assert store.profile.server_url is None and store.profile.insecure_http is False
