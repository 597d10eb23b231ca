"""Where the main window opens: always inside the screen's available area.

The window used to open at a fixed 1280×800, so on the most common ward laptop (1366×768, with
a taskbar) the status bar, Save and the export buttons started below the screen's edge. The
rule lives in one pure function over rectangles, so it is tested for any screen without one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMargins, QRect, QSize

#: Screens up to this size (either side) open the window maximized: no room to spare.
SMALL_SCREEN = QSize(1366, 768)
#: The preferred size on a larger screen.
PREFERRED_SIZE = QSize(1280, 800)
#: Room kept for the window manager's frame (title bar, borders), which the window's own
#: geometry does not include.
FRAME_ALLOWANCE = QMargins(8, 32, 8, 8)


@dataclass(frozen=True)
class Placement:
    """The window's (client) rectangle, and whether it opens maximized."""

    rect: QRect
    maximized: bool


def is_small_screen(available: QRect) -> bool:
    return available.width() <= SMALL_SCREEN.width() or available.height() <= SMALL_SCREEN.height()


def fitted_size(available: QRect, wanted: QSize = PREFERRED_SIZE) -> QSize:
    """``wanted``, shrunk so that it and its frame fit ``available``."""
    inner = available.marginsRemoved(FRAME_ALLOWANCE)
    return QSize(min(wanted.width(), inner.width()), min(wanted.height(), inner.height()))


def centred(available: QRect, size: QSize) -> QRect:
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(available.marginsRemoved(FRAME_ALLOWANCE).center())
    return rect


def initial_placement(available: QRect, saved: QRect | None = None) -> Placement:
    """Where to open on a screen whose available area is ``available``.

    ``saved`` is the user's last (normal, unmaximized) geometry: reused only when it still fits
    this screen with its frame, never larger than the screen (the laptop may have moved from an
    office monitor). On a small screen the window opens maximized whatever was saved.
    """
    if saved is not None and not saved.isEmpty() and available.contains(saved.marginsAdded(FRAME_ALLOWANCE)):
        normal = QRect(saved)
    else:
        normal = centred(available, fitted_size(available))
    return Placement(normal, is_small_screen(available))
