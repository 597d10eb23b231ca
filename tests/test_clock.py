"""The hybrid logical clock: monotonic, fixed-width, sortable, folds in what it observes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach.model.clock import HLC_LENGTH, MAX_COUNTER, HybridLogicalClock, InvalidTimestamp, Timestamp, is_valid_stamp

NODE_A = "aaaaaaaaaaaaaaaa"
NODE_B = "bbbbbbbbbbbbbbbb"


class FakeWall:
    """A controllable wall clock (the system clock cannot be made to go backwards in a test)."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_stamps_are_fixed_width_and_end_with_the_node() -> None:
    clock = HybridLogicalClock(NODE_A, wall=FakeWall(1_700_000_000_000))
    stamp = clock.now()
    assert len(stamp) == HLC_LENGTH
    assert stamp.endswith(NODE_A)
    assert is_valid_stamp(stamp)


def test_stamps_increase_even_when_the_wall_clock_goes_backwards() -> None:
    wall = FakeWall(1_700_000_000_000)
    clock = HybridLogicalClock(NODE_A, wall=wall)
    first = clock.now()
    wall.ms -= 60_000
    second = clock.now()
    third = clock.now()
    assert first < second < third


def test_counter_overflow_borrows_the_next_millisecond() -> None:
    clock = HybridLogicalClock(NODE_A, last=str(Timestamp(1000, MAX_COUNTER, NODE_A)), wall=FakeWall(1000))
    stamp = Timestamp.parse(clock.now())
    assert (stamp.wall_ms, stamp.counter) == (1001, 0)


def test_observe_orders_later_edits_after_the_remote_stamp() -> None:
    remote_clock = HybridLogicalClock(NODE_B, wall=FakeWall(2_000_000_000_000))
    remote = remote_clock.now()
    local = HybridLogicalClock(NODE_A, wall=FakeWall(1_000_000_000_000))  # an hour... or years behind
    assert local.now() < remote
    local.observe(remote)
    assert local.now() > remote


def test_restart_continues_after_the_persisted_stamp() -> None:
    clock = HybridLogicalClock(NODE_A, wall=FakeWall(5_000))
    last = clock.now()
    restarted = HybridLogicalClock(NODE_A, last=clock.last, wall=FakeWall(1_000))
    assert restarted.now() > last


@pytest.mark.parametrize("bad", ["", "123", "1700000000000-0000-AAAAAAAAAAAAAAAA", "1700000000000-000g-aaaaaaaaaaaaaaaa", 17])
def test_malformed_stamps_are_rejected(bad: object) -> None:
    assert not is_valid_stamp(bad)
    with pytest.raises(InvalidTimestamp):
        Timestamp.parse(bad)  # type: ignore[arg-type]


@given(st.lists(st.tuples(st.integers(0, 10**12), st.integers(0, MAX_COUNTER)), min_size=2, max_size=30))
def test_string_order_equals_time_order(pairs: list[tuple[int, int]]) -> None:
    stamps = [Timestamp(ms, c, NODE_A) for ms, c in pairs]
    assert sorted(stamps) == sorted(stamps, key=str)
    assert [str(s) for s in sorted(stamps)] == sorted(str(s) for s in stamps)
