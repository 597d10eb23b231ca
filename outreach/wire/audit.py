"""The audit upload: how a laptop hands its audit events to the office (issue 14).

Why a dedicated upload and not the outbox: an outbox change is merged field by field (the last
stamp wins) and is pulled back by every laptop of the ward; an audit event must never be merged,
edited or sent to other laptops (who looked at whom is itself personal data). So each event goes
up once, as it is, keyed by the laptop's ``event_id``: the server stores an id it has not seen
and acknowledges one it has (a batch sent again after a lost answer is stored once), and the
laptop marks events uploaded only from the answer. Events go in the laptop's order (``seq``, its
local id), one batch after the other, so the office holds each laptop's trail in order.

Both sides import this module: the laptop builds the body with ``event_to_wire``, the server
reads it with ``parse_events`` (a malformed body is refused with ``Reason.BAD_SHAPE``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from outreach.model.codec import dumps_compact
from outreach.timeutil import VIETNAM
from outreach.wire.protocol import is_wire_id

PATH = "/audit/events"
#: Events per request: small bodies, answered well inside the timeout.
MAX_BATCH = 500
#: An event's detail, as compact JSON, is at most this long (it holds ids and counts, no text).
MAX_DETAIL_CHARS = 4000
MAX_TEXT = 200
#: What an action code looks like (``vocabulary.AuditAction`` members, and a newer laptop's).
_ACTION = re.compile("[a-z_]{1,60}")


@dataclass(frozen=True)
class WireEvent:
    """One event as the server stores it; ``at`` in UTC (naive, as the server keeps times)."""

    event_id: str
    seq: int
    at: dt.datetime
    actor_id: str | None
    actor_name: str
    action: str
    target_kind: str | None
    target_id: str | None
    detail: dict[str, Any]


class BadEvents(ValueError):
    """The body is not an audit upload; the server answers ``bad_shape``."""


def event_to_wire(*, event_id: str, seq: int, at: dt.datetime, actor_id: str | None, actor_name: str, action: str,
                  target_kind: str | None, target_id: str | None, detail: dict[str, Any]) -> dict[str, Any]:
    """The JSON form of one laptop event; ``at`` is the laptop's wall time (Vietnam, naive)."""
    return {"event_id": event_id, "seq": seq, "at": at.replace(tzinfo=VIETNAM).isoformat(), "actor_id": actor_id,
            "actor_name": actor_name[:MAX_TEXT], "action": action, "target_kind": target_kind, "target_id": target_id,
            "detail": detail}


def _optional_id(value: Any) -> str | None:
    if value is None:
        return None
    if not is_wire_id(value):
        raise BadEvents("id")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise BadEvents("text")
    return value


def _parse_one(item: Any) -> WireEvent:
    if not isinstance(item, dict):
        raise BadEvents("event")
    event_id, seq, at_text, detail = item.get("event_id"), item.get("seq"), item.get("at"), item.get("detail", {})
    if not is_wire_id(event_id) or type(seq) is not int or not 0 < seq < 2**62 or not isinstance(at_text, str):
        raise BadEvents("event")
    try:
        at = dt.datetime.fromisoformat(at_text)
    except ValueError:
        raise BadEvents("at") from None
    if at.tzinfo is None:
        raise BadEvents("at")
    action = item.get("action")
    # a code this server does not know yet (a newer laptop) is kept: refusing it would hold the
    # whole trail back on the laptop
    if not isinstance(action, str) or _ACTION.fullmatch(action) is None:
        raise BadEvents("action")
    if not isinstance(detail, dict) or len(dumps_compact(detail)) > MAX_DETAIL_CHARS:
        raise BadEvents("detail")
    target_kind = item.get("target_kind")
    if target_kind is not None:
        target_kind = _text(target_kind)
    return WireEvent(event_id, seq, at.astimezone(dt.UTC).replace(tzinfo=None), _optional_id(item.get("actor_id")),
                     _text(item.get("actor_name", "")), str(action), target_kind, _optional_id(item.get("target_id")), detail)


def parse_events(payload: Any) -> list[WireEvent]:
    """The events of an upload body ``{"events": [...]}``, in ``seq`` order; raises ``BadEvents``."""
    if not isinstance(payload, dict) or not isinstance(payload.get("events"), list):
        raise BadEvents("body")
    items = payload["events"]
    if len(items) > MAX_BATCH:
        raise BadEvents("too many")
    events = [_parse_one(item) for item in items]
    if len({e.event_id for e in events}) != len(events):
        raise BadEvents("duplicate")
    return sorted(events, key=lambda e: e.seq)
