"""The wire contract shared by the client engine and the server (DESIGN.md §4.5–4.12, §4.16).

Both sides import these constants and the digest function, so a change to the protocol is one
edit, and the convergence check cannot disagree with itself. No I/O here.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter, methodcaller
from typing import Any, TypeGuard

from outreach.model.codec import dumps_canonical

#: What a record or change id may look like on the wire (a UUIDv7 as the laptops make them, or a
#: catalogue code): anything else is refused before it reaches a database driver.
_WIRE_ID = re.compile(r"[0-9A-Za-z._:-]{1,36}")


def is_wire_id(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a well-formed id (a string of 1-36 of [0-9A-Za-z._:-])."""
    return isinstance(value, str) and _WIRE_ID.fullmatch(value) is not None

#: Sent by every client request; the server refuses versions it does not speak (HTTP 426).
PROTOCOL_HEADER = "X-Outreach-Protocol"
#: 2: two-phase enrolment (``/enroll`` then ``/enroll/confirm``; the enrol request says whether
#: the profile is encrypted, the answer whether the ward is demo data). A version-1 laptop would
#: take a pending token for a working one, so the server answers it 426 (update the app).
PROTOCOL_VERSION = 2
SUPPORTED_VERSIONS = frozenset({2})

API_PREFIX = "/api/v1"

#: Batch caps (DESIGN.md §4.12): small enough that the server answers well inside the timeout.
MAX_BATCH_CHANGES = 500
MAX_BATCH_BYTES = 1_000_000
#: The server refuses bodies larger than this, before and after gzip (HTTP 413).
MAX_REQUEST_BYTES = 4_000_000
#: Rows per pull page: bounded client memory, few round trips for a fresh laptop.
DEFAULT_PULL_LIMIT = 5_000
MAX_PULL_LIMIT = 10_000
#: The laptop's wall clock (ms since the epoch) on every request: the server compares it with
#: its own to tell a laptop whose clock is ahead from a server whose clock is behind.
CLOCK_HEADER = "X-Outreach-Clock-Ms"
#: A pull page is also cut by size: after the row that brings its encoded rows past this many
#: bytes (at least one row per page), so a fresh laptop's first pull of a ward with big rows
#: holds a few MB at a time, not hundreds (docs/server.md, "Limits").
MAX_PULL_PAGE_BYTES = 2_000_000
#: Changes stamped further ahead of the server's clock than this are refused (``clock_ahead``).
MAX_CLOCK_AHEAD_MS = 10 * 60 * 1000

#: Entities left out of the ward digest: the national catalogue is not the ward's data and is
#: seeded locally from the app's own resources, so it may legitimately differ between versions.
DIGEST_EXCLUDED = frozenset({"procedure"})

_HASH_MOD = 1 << 128

#: Key of a push answer saying the server also takes a change as ``{"stamp": s, "values":
#: {field: value}}`` (every field stamped ``s``) besides ``{"fields": {field: [value, s]}}``;
#: clients use the shorter form only once a server said so (older servers refuse it).
COMPACT_CHANGES = "compact_changes"

# Per-change outcomes in a push answer.
APPLIED = "applied"
REJECTED = "rejected"
RETRYABLE = "retryable"


def row_hash(entity: str, row_id: str, clocks: Mapping[str, Any], values: Mapping[str, Any]) -> int:
    """A 128-bit hash of one row's identity, clocks and the values of its clocked fields;
    summed, it is order-independent.

    ``values`` are wire values (``codec.encode_value``). With them in the hash, a value that
    changed outside the write path (a hand edit, a disk fault) shows in the convergence check,
    which ids and clocks alone would pass for ever."""
    return row_hash_of_text(entity, row_id, dumps_canonical(clocks), dumps_canonical({name: values.get(name) for name in clocks}))


def row_hash_of_text(entity: str, row_id: str, canonical_clocks: str, canonical_values: str) -> int:
    """``row_hash`` given ``dumps_canonical`` of the clocks and of the clocked fields' values."""
    digest = hashlib.sha256(f"{entity}\x00{row_id}\x00{canonical_clocks}\x00{canonical_values}".encode()).digest()
    return int.from_bytes(digest[:16], "big")


@dataclass
class WardDigest:
    """Per-entity row counts and a sum-of-hashes over (id, clocks, values): equal iff states agree."""

    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0

    def add(self, entity: str, row_id: str, clocks: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        self.counts[entity] = self.counts.get(entity, 0) + 1
        self.total = (self.total + row_hash(entity, row_id, clocks, values)) % _HASH_MOD

    def add_rows(self, entity: str, rows: Iterable[tuple[str, Mapping[str, Any], Mapping[str, Any]]]) -> None:
        for row_id, clocks, values in rows:
            self.add(entity, row_id, clocks, values)

    @property
    def hash_hex(self) -> str:
        return f"{self.total:032x}"

    def to_wire(self) -> dict[str, Any]:
        return {"counts": dict(sorted(self.counts.items())), "hash": self.hash_hex}

    def matches(self, wire: Mapping[str, Any]) -> bool:
        counts = {k: v for k, v in (wire.get("counts") or {}).items() if v}
        mine = {k: v for k, v in self.counts.items() if v}
        return counts == mine and wire.get("hash") == self.hash_hex


def add_hash(total_hex: str, delta: int, sign: int = 1) -> str:
    """Add (or with ``sign=-1`` remove) one row hash from a stored running sum."""
    return f"{(int(total_hex, 16) + sign * delta) % _HASH_MOD:032x}"


def new_rows_hash(entity: str, ids: list[str], stamps: list[str], fields: Iterable[str], canonical_values: list[str]) -> int:
    """The sum of ``row_hash`` of new rows whose every field (``fields``) carries one stamp: the
    canonical clocks text is built once, with ``"@"`` for the stamp (C loops over the page);
    ``canonical_values`` is ``dumps_canonical`` of each row's wire values."""
    template = _one_stamp_template(tuple(sorted(fields)))
    canonical = map(template.replace, repeat('"@"'), map('"{}"'.format, stamps))
    texts = map(f"{entity}\x00%s\x00%s\x00%s".__mod__, zip(ids, canonical, canonical_values, strict=True))
    digests = map(methodcaller("digest"), map(hashlib.sha256, map(str.encode, texts)))
    return sum(map(_big_endian, map(itemgetter(slice(0, 16)), digests)))


def _big_endian(data: bytes) -> int:
    return int.from_bytes(data, "big")


@functools.cache
def _one_stamp_template(fields: tuple[str, ...]) -> str:
    """``dumps_canonical({field: "@"})`` of a row's fields (a stamp replaces each ``"@"``)."""
    return dumps_canonical(dict.fromkeys(fields, "@"))
