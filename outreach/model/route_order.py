"""The order a team walks a list of households in: a sort key from the address parts.

A Vietnamese urban address nests: a house on a street (phố), or in a lane (ngõ; hẻm or kiệt in
the south and centre) off the street, or in an alley (ngách) off the lane. A lane takes the
number of the house where it leaves the street ("ngõ 45 Văn Cao" starts beside "Số 45 Văn
Cao"), an alley the number where it leaves the lane ("ngách 45/12" is the 12th of ngõ 45), and a
southern house number "45/12" is house 12 in hẻm 45. So an address is a path of stops — along
the street to 45, into the lane to 12, into the alley to house 12A — and walking order is the
order of these paths:

* streets by name (accents ignored, ``vietnamese_fold``), then rural addresses by hamlet
  (thôn), then households without either;
* along one street or lane, positions as numbers ("Số 9" before "Số 12", "12A" after "12",
  "12B" after "12A"), the house at a position before the lane that opens beside it;
* text that carries no number ("ngõ Chợ") after the numbered positions, by name.

The parts are those ``Household.address`` keeps (``house_number``, ``alley``, ``lane``,
``street``, ``hamlet``, ``extra``); a part may still hold its word ("ngõ 45", "Số 9", "hẻm 7"),
which is ignored.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from outreach.vietnamese_fold import fold as _fold_text

#: a plan folds the same street names and numbers thousands of times
fold = functools.lru_cache(maxsize=8192)(_fold_text)

#: one position: (0, number, letter suffix) when it has a number, (1, 0, name) when it has none
Position = tuple[int, int, str]
#: a stop on the way: a position, and 0 for the house there / 1 for the way in that opens there
Stop = tuple[Position, int]
RouteKey = tuple[int, str, str, tuple[Stop, ...], str]

_NUMBER = re.compile(r"(\d+)\s*([a-z]*)")
_WORDS = re.compile(r"^(so nha|so|nha|ngo|ngach|hem|kiet)\b\s*")
HOUSE, WAY_IN = 0, 1


def _positions(text: object) -> list[Position]:
    """The positions a number part names: "45/12" → [45, 12], "12A" → [12 A], "Số 9" → [9]."""
    folded = _WORDS.sub("", fold(str(text or "")).strip())
    if not folded:
        return []
    result: list[Position] = []
    for segment in folded.split("/"):
        segment = segment.strip()
        match = _NUMBER.search(segment)
        result.append((0, int(match.group(1)), match.group(2)) if match else (1, 0, segment))
    return result


def _way(positions: list[Position], last: int) -> list[Stop]:
    """Stops along ways in, the last one ``last`` (a house or the start of a further way)."""
    return [(p, WAY_IN) for p in positions[:-1]] + ([(positions[-1], last)] if positions else [])


def route_key(address: Mapping[str, object] | None) -> RouteKey:
    """The sort key that puts households in walking order (see the module's docstring)."""
    address = address or {}
    street = fold(str(address.get("street") or "")).strip()
    hamlet = fold(str(address.get("hamlet") or "")).strip()
    lane = _positions(address.get("lane"))
    alley = _positions(address.get("alley"))
    if lane and len(alley) > 1 and alley[0] == lane[-1]:
        alley = alley[1:]  # "ngách 45/12 ngõ 45": the 45 is the lane's own number
    elif not lane and len(alley) > 1:
        lane, alley = alley[:1], alley[1:]  # "ngách 45/12" without its lane: ngõ 45 is implied
    stops = _way(lane, WAY_IN) + _way(alley, WAY_IN) + _way(_positions(address.get("house_number")), HOUSE)
    return (0 if street else 1 if hamlet else 2, street, hamlet, tuple(stops), fold(str(address.get("extra") or "")).strip())
