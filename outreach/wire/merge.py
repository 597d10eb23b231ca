"""The merge rule: per-field last-writer-wins by HLC (DESIGN.md §4.3).

One pure function used by the client (when it pulls) and the server (when devices push), so the
two cannot disagree. A row's state is a mapping ``field -> (value, stamp)``. Merging two states
keeps, for every field, the pair with the greater stamp. That makes merge a join on a
semilattice: commutative, associative and idempotent, so applying the same change twice, or
changes in any order, gives the same row. A tombstone is just the field ``deleted``.

Two different values under the *same* stamp can only come from corrupt or forged data (a stamp
ends with its device id and one device never reuses a stamp), but the rule must stay a
semilattice even then, so equal stamps fall back to comparing the canonical JSON of the values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from outreach.model.codec import dumps_canonical

FieldState = tuple[Any, str]
RowState = Mapping[str, FieldState]


def field_wins(candidate: FieldState, current: FieldState | None) -> bool:
    """True when ``candidate`` should replace ``current`` under last-writer-wins."""
    if current is None:
        return True
    value, stamp = candidate
    current_value, current_stamp = current
    if stamp != current_stamp:
        return stamp > current_stamp
    return dumps_canonical(value) > dumps_canonical(current_value)


def merge_field(a: FieldState | None, b: FieldState | None) -> FieldState | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if field_wins(b, a) else a


def merge_rows(a: RowState, b: RowState) -> dict[str, FieldState]:
    """The merged state of two versions of one row."""
    merged: dict[str, FieldState] = {}
    for name in a.keys() | b.keys():
        winner = merge_field(a.get(name), b.get(name))
        assert winner is not None
        merged[name] = winner
    return merged


@dataclass(frozen=True)
class LostValue:
    """A value that lost a merge against a concurrent edit; kept so a leader can restore it."""

    field: str
    value: Any
    stamp: str
    winning_value: Any
    winning_stamp: str


@dataclass(frozen=True)
class MergeOutcome:
    """What applying incoming changes to a stored row did.

    ``changed`` holds the fields whose stored value/stamp must be replaced; ``lost`` the values
    (incoming or stored) that were overridden by a *different* value, for the conflict review.
    """

    changed: dict[str, FieldState]
    lost: list[LostValue]


def apply_changes(
    stored: RowState,
    incoming: RowState,
    bases: Mapping[str, str | None] | None = None,
) -> MergeOutcome:
    """Merge ``incoming`` field changes into ``stored``; report what changed and what lost.

    ``bases`` gives, per incoming field, the stamp the writing device held for that field when
    it made the edit. It tells a *concurrent* edit (the device never saw the stored value) from
    a *sequential* one (it overwrote what it saw), so only real conflicts reach the leader's
    review list (DESIGN.md §4.15). An incoming value that loses is always concurrent: had its
    device seen the winner, its clock would have stamped the edit later.
    """
    changed: dict[str, FieldState] = {}
    lost: list[LostValue] = []
    for name, candidate in incoming.items():
        current = stored.get(name)
        if current is not None and candidate[1] == current[1] and dumps_canonical(candidate[0]) == dumps_canonical(current[0]):
            continue  # the same change again: idempotent, nothing to do
        if field_wins(candidate, current):
            changed[name] = candidate
            concurrent = bases is not None and name in bases and bases[name] != (current[1] if current else None)
            if current is not None and concurrent and dumps_canonical(current[0]) != dumps_canonical(candidate[0]):
                lost.append(LostValue(name, current[0], current[1], candidate[0], candidate[1]))
        else:
            assert current is not None
            if dumps_canonical(candidate[0]) != dumps_canonical(current[0]):
                lost.append(LostValue(name, candidate[0], candidate[1], current[0], current[1]))
    return MergeOutcome(changed, lost)
