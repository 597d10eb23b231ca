"""The merge rule is a semilattice join: commutative, associative, idempotent (DESIGN.md §4.3)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from outreach.model.clock import Timestamp
from outreach.wire.merge import apply_changes, merge_rows

FIELDS = ["head_name", "phone", "address", "deleted"]
stamps = st.builds(
    lambda ms, c, node: str(Timestamp(ms, c, node)),
    st.integers(0, 50),  # few distinct times: ties and equal stamps are common
    st.integers(0, 3),
    st.sampled_from(["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"]),
)
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.text(max_size=5),
    st.dictionaries(st.sampled_from(["lane", "street"]), st.text(max_size=3), max_size=2),
)
rows = st.dictionaries(st.sampled_from(FIELDS), st.tuples(values, stamps), max_size=len(FIELDS))


@given(rows, rows)
def test_merge_is_commutative(a, b) -> None:
    assert merge_rows(a, b) == merge_rows(b, a)


@given(rows, rows, rows)
def test_merge_is_associative(a, b, c) -> None:
    assert merge_rows(merge_rows(a, b), c) == merge_rows(a, merge_rows(b, c))


@given(rows, rows)
def test_merge_is_idempotent(a, b) -> None:
    ab = merge_rows(a, b)
    assert merge_rows(a, a) == dict(a)
    assert merge_rows(ab, b) == ab


@given(rows, st.lists(rows, max_size=5), st.randoms())
def test_applying_changes_in_any_order_gives_the_same_row(start, changes, rnd) -> None:
    def play(order):
        state = dict(start)
        for change in order:
            state.update(apply_changes(state, change).changed)
        return state

    shuffled = list(changes) + list(changes)  # duplicates too: a retried push
    rnd.shuffle(shuffled)
    assert play(changes) == play(shuffled)


def test_each_field_keeps_the_highest_stamp() -> None:
    old, new = "0000000000001-0000-aaaaaaaaaaaaaaaa", "0000000000002-0000-bbbbbbbbbbbbbbbb"
    merged = merge_rows({"phone": ("0901", old), "head_name": ("B", new)}, {"phone": ("0902", new), "head_name": ("A", old)})
    assert merged == {"phone": ("0902", new), "head_name": ("B", new)}


def test_concurrent_loser_is_reported_but_a_sequential_overwrite_is_not() -> None:
    s1, s2, s3 = (f"000000000000{i}-0000-aaaaaaaaaaaaaaaa" for i in (1, 2, 3))
    stored = {"phone": ("0901", s2)}
    sequential = apply_changes(stored, {"phone": ("0902", s3)}, bases={"phone": s2})
    assert sequential.changed == {"phone": ("0902", s3)} and sequential.lost == []
    concurrent = apply_changes(stored, {"phone": ("0903", s3)}, bases={"phone": s1})
    assert [(x.value, x.winning_value) for x in concurrent.lost] == [("0901", "0903")]
    losing = apply_changes(stored, {"phone": ("0904", s1)}, bases={"phone": None})
    assert losing.changed == {} and [(x.value, x.winning_value) for x in losing.lost] == [("0904", "0901")]
