"""Grow a dialog to what its content needs now, so a message that just appeared is not clipped.

A shown dialog keeps its size when a wrapped error or a scan's result appears in it: the layout
then squeezes every row (text cut at the top, red lines overlapping). ``grow_to_content`` makes
it as tall as its layout needs at its current width (never shorter, never taller than the screen).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def grow_to_content(widget: QWidget) -> None:
    layout = widget.layout()
    if layout is None:
        return
    layout.activate()
    needed = max(layout.totalHeightForWidth(widget.width()), layout.totalMinimumSize().height())
    screen = widget.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().height())
    if needed > widget.height():
        widget.resize(widget.width(), needed)
