"""UUIDv7 ids, made on the device that creates a row (DESIGN.md §4.1).

Version 7 puts the creation time in the leading bits, so ids made on one device sort roughly by
creation and B-tree inserts stay local. Python 3.11's ``uuid`` has no ``uuid7``; this follows
RFC 9562 §5.7 with a monotonic counter so ids made within one millisecond still sort.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_last_rand = 0


def uuid7() -> str:
    """A new UUIDv7 as a 36-character lowercase string."""
    global _last_ms, _last_rand
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            ms = _last_ms
            rand = (_last_rand + 1) & ((1 << 74) - 1)
        else:
            rand = int.from_bytes(os.urandom(10), "big") & ((1 << 74) - 1)
        _last_ms, _last_rand = ms, rand
    rand_a = rand >> 62  # 12 bits
    rand_b = rand & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


def stable_id(*parts: str) -> str:
    """A deterministic UUID (v5) for rows that two devices may create independently.

    Used where the identity *is* the content (the lock of one team's ISO week), so concurrent
    creation converges on one row instead of two.
    """
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "outreach:" + "/".join(parts)))


def office_day_off_id(ward_id: str, day: dt.date) -> str:
    """The id of a ward's office day off: derived from (ward, day), so adding the same day
    twice — or again after removing it — writes the one row, on the server and in tests alike."""
    return stable_id("office_day_off", ward_id, day.isoformat())
