"""A real X session for the end-to-end tests: Xvfb at 1366×768, openbox, xdotool, the real app.

Everything is polled with a deadline (``wait_for``); nothing sleeps as synchronisation. The app
runs as a subprocess (``python -m outreach``, Qt's xcb platform) with
``OUTREACH_GEOMETRY_REPORT`` set, so each screen and dialog it shows leaves a JSON of its primary
actions' global rectangles and a screen grab (``outreach/ui/geometry_report.py``); the test reads
those to assert placement and to know where to click.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import pytest

import outreach

SCREEN = (1366, 768)
TOOLS = ("Xvfb", "openbox", "xdotool", "xprop")
SHOTS = Path("/tmp/e2e-shots")
T = TypeVar("T")


def skip_without_x(reason: str) -> NoReturn:
    """Skip, or fail when ``OUTREACH_REQUIRE_XVFB=1`` (set by .ci/run): CI must run this walk."""
    if os.environ.get("OUTREACH_REQUIRE_XVFB") == "1":
        pytest.fail(f"OUTREACH_REQUIRE_XVFB=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def wait_for(predicate: Callable[[], T | None], timeout: float, what: str, interval: float = 0.05) -> T:
    """Poll ``predicate`` until it returns something truthy; fail with ``what`` at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


@dataclass
class XSession:
    display: str
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "DISPLAY": self.display}

    def run(self, *args: str) -> str:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=20, check=True)
        return done.stdout

    def xdotool(self, *args: str) -> str:
        return self.run("xdotool", *args)

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--clearmodifiers", *keys)

    def windows_titled(self, title: str) -> list[str]:
        """The X windows whose title is exactly ``title`` (none: an empty list)."""
        done = subprocess.run(["xdotool", "search", "--name", f"^{re.escape(title)}$"], env=self.env, capture_output=True,
                              text=True, timeout=20, check=False)
        return done.stdout.split()

    def answer_with_enter(self, report: dict[str, Any], timeout: float = 20) -> None:
        """Press Enter in the report's dialog (its default button) until its window is gone.

        Focus the dialog's own window first: one the window manager has not focused yet lets a
        key fall through to the main window, and a click can land before the dialog's final
        layout. A key sent while the dialog was still settling is sent again."""
        title = report["title"]

        def closed() -> bool:
            for window in self.windows_titled(title):
                subprocess.run(["xdotool", "windowactivate", "--sync", window, "key", "--clearmodifiers", "Return"], env=self.env,
                               capture_output=True, timeout=20, check=False)
            return wait_until_gone()

        def wait_until_gone() -> bool:
            settle = time.monotonic() + 1.0
            while time.monotonic() < settle:
                if not self.windows_titled(title):
                    return True
                time.sleep(0.05)  # polling the X server for the window, not a synchronisation sleep
            return False

        wait_for(closed, timeout, f"the dialog {title!r} to close")

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "40", text)

    def click(self, report: dict[str, Any], name: str, offset: tuple[int, int] | None = None) -> None:
        """Click the widget ``name`` of ``report``: its middle, or ``offset`` (logical pixels) from its top left."""
        x, y, w, h = report["widgets"][name]["rect"]
        dx, dy = offset if offset is not None else (w // 2, h // 2)
        ratio = report["device_pixel_ratio"]  # Qt's logical pixels → the X server's
        self.xdotool("mousemove", "--sync", str(round((x + dx) * ratio)), str(round((y + dy) * ratio)), "click", "1")

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


@contextmanager
def x_session(size: tuple[int, int] = SCREEN) -> Iterator[XSession]:
    """Xvfb on a free display (it picks one and writes it to -displayfd) with openbox running."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        skip_without_x(f"{', '.join(missing)} not installed (Debian: xvfb openbox xdotool x11-utils)")
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{size[0]}x{size[1]}x24",
                             "-nolisten", "tcp", "-noreset"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    session = XSession("")
    session.processes.append(xvfb)
    try:
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()  # written once the server accepts connections
        if not number:
            raise AssertionError("Xvfb did not start")
        session.display = f":{number}"
        openbox = subprocess.Popen(["openbox", "--sm-disable"], env=session.env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        session.processes.append(openbox)
        wait_for(lambda: "window id" in _quiet(session, "xprop", "-root", "_NET_SUPPORTING_WM_CHECK"), 15,
                 "openbox to manage the screen")
        yield session
    finally:
        session.stop()


def _quiet(session: XSession, *args: str) -> str:
    try:
        return session.run(*args)
    except subprocess.CalledProcessError:
        return ""


@dataclass
class RunningApp:
    """The app under test and the folder its geometry reports arrive in."""

    process: subprocess.Popen[bytes]
    reports: Path
    log: Path
    seen: int = 0

    def next_report(self, name: str, timeout: float = 20) -> dict[str, Any]:
        """The first report named ``name`` newer than the last one returned (waits for it)."""

        def find() -> dict[str, Any] | None:
            if self.process.poll() is not None:
                raise AssertionError(f"the app exited ({self.process.returncode}): {self.log.read_text()[-3000:]}")
            for path in sorted(self.reports.glob("*.json")):
                seq = int(path.name.split("-", 1)[0])
                if seq > self.seen and path.stem.split("-", 1)[1] == name:
                    self.seen = seq
                    report: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
                    report["png"] = str(path.with_suffix(".png"))
                    return report
            return None

        return wait_for(find, timeout, f"the app to show {name}")


def start_app(session: XSession, data_dir: Path, reports: Path, scale: str | None = None) -> RunningApp:
    """``scale``: Qt's QT_SCALE_FACTOR (a laptop set to 125 % is "1.25")."""
    log = reports.parent / f"{reports.name}.log"
    home = reports.parent / f"{reports.name}-home"  # the file dialogs' folders, Qt's caches: not the user's
    home.mkdir(parents=True, exist_ok=True)
    env = {**session.env, "QT_QPA_PLATFORM": "xcb", "OUTREACH_GEOMETRY_REPORT": str(reports), "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_CACHE_HOME": str(home / ".cache"),
           # the outreach these tests imported (a checkout under test), whatever the working folder
           "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(outreach.__file__).parents[1]), os.environ.get("PYTHONPATH")]))}
    env.pop("QT_SCALE_FACTOR", None)
    if scale is not None:
        env["QT_SCALE_FACTOR"] = scale
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "outreach", "--data-dir", str(data_dir)], env=env, cwd=home,
                                   stdout=out, stderr=subprocess.STDOUT)
    session.processes.append(process)
    return RunningApp(process, reports, log)


def keep_shots(reports: Path, prefix: str) -> None:
    """Copy the screen grabs where the integrator looks at them."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob(f"{prefix}-*.png"):
        old.unlink()
    for png in sorted(reports.glob("*.png")):
        shutil.copy(png, SHOTS / f"{prefix}-{png.name}")


def inside(rect: list[int], outer: list[int]) -> bool:
    x, y, w, h = rect
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def assert_on_screen(report: dict[str, Any]) -> None:
    """Every primary action of the report is present, whole inside the window and the screen, and
    no wrapped label (a household's address line, an error message) has lines cut off."""
    assert not report["missing"], f"{report['name']}: no widget named {report['missing']}"
    assert inside(report["window"], report["available"]), f"{report['name']}: window {report['window']} off the screen"
    bad = {name: w["rect"] for name, w in report["widgets"].items() if not (w["inside"] and w["on_screen"])}
    assert not bad, f"{report['name']} ({report['language']}): {bad} not fully on the {report['screen']} screen"
    assert not report["clipped"], f"{report['name']} ({report['language']}): the text of {report['clipped']} is cut off"
