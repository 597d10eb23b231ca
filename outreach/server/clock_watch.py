"""Is the server's own clock behind? Laptops' clocks, compared with the server's, say so.

A change stamped more than ``MAX_CLOCK_AHEAD_MS`` after the server's clock is refused as
``clock_ahead`` and the laptop's user is told to fix their clock. When the *server's* clock is
behind, every correct laptop looks ahead by the same amount, and telling each user to "fix" a
right clock makes things worse. Every request carries the laptop's wall clock (header
``X-Outreach-Clock-Ms``); when most of the devices seen lately, and at least ``MIN_DEVICES`` of
them, are ahead by about the same amount, the server is the one that is wrong: it logs that, and
its clock_ahead answers become ``server_clock_behind`` (call the office, do not touch the clock).

In memory only: a restart forgets, and the next few requests tell again. The wall clock is
injectable so the test moves the server's clock instead of waiting.
"""

from __future__ import annotations

import statistics
import threading
from collections.abc import Callable

from outreach.wire import protocol

#: Distinct devices that must agree before the server doubts its own clock.
MIN_DEVICES = 3
#: Offsets within this of their median count as "the same amount" (network delay, drift).
AGREEMENT_MS = 2 * 60 * 1000
#: Only devices heard from this recently are counted (by the server's clock).
WINDOW_MS = 60 * 60 * 1000


class ClockWatch:
    def __init__(self, wall_ms: Callable[[], int], *, min_devices: int = MIN_DEVICES) -> None:
        self._wall_ms = wall_ms
        self.min_devices = min_devices
        self._offsets: dict[str, tuple[int, int]] = {}  # device -> (server ms when seen, laptop - server ms)
        self._lock = threading.Lock()

    def observe(self, device_id: str, laptop_ms: int) -> None:
        """Note one request's laptop clock against the server's."""
        now = self._wall_ms()
        with self._lock:
            self._offsets[device_id] = (now, laptop_ms - now)

    def server_behind_ms(self) -> int | None:
        """How far behind the laptops the server's clock looks, or None when it looks right."""
        now = self._wall_ms()
        with self._lock:
            for device, (seen, _offset) in list(self._offsets.items()):
                if seen < now - WINDOW_MS:
                    del self._offsets[device]
            offsets = [offset for _seen, offset in self._offsets.values()]
        ahead = [offset for offset in offsets if offset > protocol.MAX_CLOCK_AHEAD_MS]
        if len(ahead) < self.min_devices or 2 * len(ahead) <= len(offsets):
            return None
        median = int(statistics.median(ahead))
        agreeing = [offset for offset in ahead if abs(offset - median) <= AGREEMENT_MS]
        return median if len(agreeing) >= self.min_devices and 2 * len(agreeing) > len(offsets) else None
