"""Can a window open here? Asked before Qt is started, because Qt cannot be asked.

When Qt's platform plugin cannot load (no display, or the xcb plugin's system libraries are
missing) Qt prints a hint and aborts the whole process (SIGABRT): no exception to catch, and its
hint names one library when several are missing. So before creating the QApplication we look:
no ``DISPLAY``/``WAYLAND_DISPLAY`` on Linux means no window; with an X display, the xcb plugin is
loaded with ``dlopen`` (which it would be a moment later anyway), and if that fails ``ldd`` lists
every missing library and we name the Debian/Ubuntu packages that bring them.
"""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from outreach.errors import OutreachError

#: Loaded by Qt at run time (not linked), so ``ldd`` of the plugin does not show it.
_RUNTIME_XCB_LIBRARIES = ("libxcb-cursor.so.0",)
#: Sonames whose Debian package name does not follow the soname rule.
_PACKAGE_OF = {"libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libOpenGL.so.0": "libopengl0",
               "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libdbus-1.so.3": "libdbus-1-3"}
_SONAME = re.compile(r"^(lib[\w+.-]*?)\.so\.(\d+)")
_OFFSCREEN = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")


class NoDisplay(OutreachError):
    """The desktop window cannot open on this machine; the message says why and what to do."""

    code = "no_display"


@dataclass(frozen=True)
class DisplayProblem:
    #: Missing system libraries (sonames); empty when there is simply no display.
    missing: tuple[str, ...]

    @property
    def packages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(debian_package(name) for name in self.missing))

    def error(self) -> NoDisplay:
        if not self.missing:
            return NoDisplay(
                "Không có màn hình để mở cửa sổ (DISPLAY/WAYLAND_DISPLAY chưa đặt). "
                "Hãy chạy trong phiên đồ hoạ, hoặc dùng các lệnh con (outreach --help).",
                "There is no display to open the window on (DISPLAY/WAYLAND_DISPLAY is not set). "
                "Run it in a graphical session, or use the sub-commands (outreach --help).",
            )
        libraries, line = ", ".join(self.missing), "sudo apt install " + " ".join(self.packages)
        return NoDisplay(
            f"Không mở được cửa sổ: thiếu thư viện hệ thống của Qt ({libraries}). Trên Debian/Ubuntu: {line}",
            f"The window cannot open: Qt's system libraries are missing ({libraries}). On Debian/Ubuntu: {line}",
        )


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package of a library: ``libxcb-icccm.so.4`` -> ``libxcb-icccm4``."""
    if soname in _PACKAGE_OF:
        return _PACKAGE_OF[soname]
    match = _SONAME.match(soname)
    if not match:
        return soname
    name, version = match.groups()
    return f"{name.lower()}{'-' if name[-1].isdigit() else ''}{version}"


def xcb_plugin() -> Path | None:
    """The xcb platform plugin of the PySide6 in use (found without starting Qt)."""
    import PySide6

    root = Path(PySide6.__file__).parent
    for candidate in (root / "Qt" / "plugins" / "platforms" / "libqxcb.so", root / "plugins" / "platforms" / "libqxcb.so"):
        if candidate.exists():
            return candidate
    return None


def _missing_libraries(plugin: Path) -> tuple[str, ...]:
    try:
        listing = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    missing = [line.split("=>")[0].strip() for line in listing.splitlines() if "not found" in line]
    return tuple(dict.fromkeys(missing))


def _loads(library: str | Path) -> bool:
    try:
        ctypes.CDLL(str(library))
    except OSError:
        return False
    return True


def _x_server_listens(display: str) -> bool:
    """For a local display (":0", ":1.0") whether its socket exists; remote ones are assumed up."""
    match = re.fullmatch(r":(\d+)(?:\.\d+)?", display)
    return match is None or Path(f"/tmp/.X11-unix/X{match.group(1)}").exists()


def display_problem(environ: Mapping[str, str] | None = None, platform: str = sys.platform,
                    plugin: Path | None = None) -> DisplayProblem | None:
    """None when a window can open; otherwise what is wrong. Only Linux is checked: Windows and
    macOS always have their platform plugin. ``plugin`` is the xcb plugin to check (default: the
    one of the PySide6 in use)."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if chosen.startswith(_OFFSCREEN) or chosen == "wayland" or (not chosen and env.get("WAYLAND_DISPLAY")):
        return None  # no display needed, or Wayland (whose plugin has no xcb dependencies)
    display = env.get("DISPLAY", "")
    if not display or not _x_server_listens(display):
        return DisplayProblem(())
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return None  # a Qt from elsewhere (a bundle): let it speak for itself
    missing = () if _loads(plugin) else _missing_libraries(plugin)
    missing += tuple(name for name in _RUNTIME_XCB_LIBRARIES if not _loads(name))
    return DisplayProblem(missing) if missing else None
