"""Where a merged-away household or resident went: following ``merged_into`` to the survivor.

A merge leaves a tombstone naming its survivor; two leaders merging overlapping pairs offline
make chains (B → A on one laptop, A → C on another: B's visits belong to C) and, rarely, a cycle
(B → A and A → B: both tombstoned). The rule here is a function of the merged rows alone, so
every laptop and the server compute the same survivor whatever order the merges arrived in:
follow the chain; in a cycle, the survivor is the smallest id in it (``store/repoint.py``
revives it on a leader's laptop, and every leader writes the same values, so they converge).
"""

from __future__ import annotations

from collections.abc import Mapping


def survivors(merged_into: Mapping[str, str | None]) -> tuple[dict[str, str], set[str]]:
    """``({merged id: its survivor}, {ids to revive: the smallest of each cycle})`` for the
    ``merged_into`` of every tombstone that has one."""
    found: dict[str, str] = {}
    revive: set[str] = set()
    for start in merged_into:
        path: list[str] = []
        seen: set[str] = set()
        current = start
        while current in merged_into and merged_into[current] is not None and current not in seen and current not in found:
            seen.add(current)
            path.append(current)
            current = merged_into[current]  # type: ignore[assignment]  # not None: checked above
        if current in found:
            end = found[current]
        elif current in seen:  # a cycle: its smallest id survives
            cycle = path[path.index(current):]
            end = min(cycle)
            revive.add(end)
        else:
            end = current
        for item in path:
            found[item] = end
    for item in revive:
        found.pop(item, None)
    return found, revive
