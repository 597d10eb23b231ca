"""The duplicate scorer on real-looking Vietnamese pairs, each with the decision a leader expects."""

from __future__ import annotations

import datetime as dt

import pytest

from outreach.duplicate_score import (
    MAX_BLOCK,
    HouseholdRecord,
    ResidentRecord,
    decide,
    household_candidates,
    household_reasons,
    parse_address,
    resident_candidates,
    resident_reasons,
    same_address,
)
from outreach.vocabulary import DuplicateDecision as D
from outreach.vocabulary import DuplicateReason as R


def _hh(hid: str, address: dict[str, str] | str, head: str = "", phone: str | None = None,
        pids: frozenset[str] = frozenset()) -> HouseholdRecord:
    parts = {"house_number": address} if isinstance(address, str) else address
    return HouseholdRecord(hid, parts, head, phone, pids)


#: (first, second, expected decision or None, the reasons expected among them)
HOUSEHOLD_PAIRS = [
    # "Số 12A ngõ 45" typed into the parts vs all typed in the house number field
    (_hh("a", {"house_number": "12A", "lane": "45", "street": "Đội Cấn"}, "Nguyễn Văn Thành"),
     _hh("b", "12a ngo 45 Doi Can", "nguyen van thanh"), D.LIKELY, {R.SAME_ADDRESS, R.SAME_HEAD_NAME}),
    # leading zero, "Số", the đ of Đường, "P." for Phường
    (_hh("a", {"house_number": "Số 07", "street": "Đường Đê La Thành, P. Ô Chợ Dừa"}, "Trần Thị Hoa", "0912 345 678"),
     _hh("b", {"house_number": "7", "street": "De La Thanh, Phường Ô Chợ Dừa"}, "Tran Thi Hoa"), D.LIKELY,
     {R.SAME_ADDRESS, R.SAME_HEAD_NAME}),
    # slashes: "Số 34/5 ngách 274/37 ngõ 274" — the same numbers written with "ng." and "ngh."
    (_hh("a", {"house_number": "34/5", "alley": "274/37", "lane": "274", "street": "Định Công"}, phone="0243 8512 345"),
     _hh("b", "so 34/5 ngh.274/37 ng.274 Dinh Cong", phone="02438512345"), D.LIKELY, {R.SAME_ADDRESS, R.SAME_PHONE}),
    # the same address alone: two households of one house (common), not offered
    (_hh("a", {"house_number": "34/5", "lane": "274", "street": "Định Công"}, "Lê Văn Hải"),
     _hh("b", "34/5 ngõ 274 Định Công", "Phạm Thị Thu"), None, {R.SAME_ADDRESS}),
    # the same street and lane but another house: two families, not one
    (_hh("a", {"house_number": "12", "lane": "45", "street": "Đội Cấn"}, "Lê Văn Nam"),
     _hh("b", {"house_number": "12B", "lane": "45", "street": "Đội Cấn"}, "Lê Văn Nam"), None, {R.SAME_HEAD_NAME}),
    # "12/3" is not "12" nor "3/12"
    (_hh("a", {"house_number": "12/3", "street": "Lê Lợi"}), _hh("b", {"house_number": "3/12", "street": "Lê Lợi"}),
     None, set()),
    # the same number in another street
    (_hh("a", {"house_number": "5", "street": "Lê Lợi"}, "Phạm Đức Anh"),
     _hh("b", {"house_number": "5", "street": "Lê Duẩn"}, "Pham Duc Anh"), None, {R.SAME_HEAD_NAME}),
    # moved house: another address, but a resident's personal ID is in both → certain
    (_hh("a", {"house_number": "3", "street": "Kim Mã"}, pids=frozenset({"001085012345"})),
     _hh("b", {"house_number": "88", "lane": "10", "street": "Giảng Võ"}, pids=frozenset({"001085012345", "001190000001"})),
     D.CERTAIN, {R.SAME_PERSONAL_ID}),
    # a hẻm (south) is a lane; +84 phone is the same as 0…
    (_hh("a", {"house_number": "123/4", "lane": "15", "street": "Nguyễn Trãi"}, "Võ Thị Mai", "+84 903 111 222"),
     _hh("b", "123/4 hẻm 15 Nguyễn Trãi", "Vo Thi Mai", "0903111222"), D.LIKELY,
     {R.SAME_ADDRESS, R.SAME_HEAD_NAME, R.SAME_PHONE}),
    # head and phone agree, the address was typed in another form entirely (a thôn): worth a look
    (_hh("a", {"hamlet": "Thôn Đông"}, "Đặng Văn Đức", "0988123456"),
     _hh("b", {"hamlet": "Xóm Đông, thôn 2"}, "Dang Van Duc", "0988 123 456"), D.POSSIBLE, {R.SAME_HEAD_NAME, R.SAME_PHONE}),
    # only the same common name: not offered
    (_hh("a", {"house_number": "1", "street": "Hào Nam"}, "Nguyễn Văn An"),
     _hh("b", {"house_number": "9", "street": "Hào Nam"}, "Nguyễn Văn An"), None, {R.SAME_HEAD_NAME}),
]


@pytest.mark.parametrize(("first", "second", "decision", "reasons"), HOUSEHOLD_PAIRS)
def test_household_pairs(first: HouseholdRecord, second: HouseholdRecord, decision: D | None, reasons: set[R]) -> None:
    found = household_reasons(first, second)
    assert set(found) == reasons
    assert decide(found)[1] == decision
    offered = household_candidates([first, second])
    assert [c.decision for c in offered] == ([decision] if decision else [])
    if decision:
        assert offered[0].pair == ("a", "b") and set(offered[0].reasons) == reasons


RESIDENT_PAIRS = [
    (ResidentRecord("a", "h1", "Nguyễn Thị Thuỷ", dt.date(1950, 3, 2)),
     ResidentRecord("b", "h2", "NGUYEN THI THUY", dt.date(1950, 3, 2)), D.LIKELY, {R.SAME_NAME_AND_BIRTH}),
    (ResidentRecord("a", "h1", "Đỗ Văn Hùng", dt.date(1980, 1, 1), personal_id="001080000123"),
     ResidentRecord("b", "h2", "Do Van Hung Anh", None, personal_id="001080000123"), D.CERTAIN, {R.SAME_PERSONAL_ID}),
    (ResidentRecord("a", "h1", "Lý Thị Lan", None, phone="0912000111"),
     ResidentRecord("b", "h1", "Ly Thi Lan", None, phone="+84912000111"), D.POSSIBLE, {R.SAME_NAME, R.SAME_PHONE}),
    # the same name, another birth date: two people (a grandmother and her grand-daughter)
    (ResidentRecord("a", "h1", "Hoàng Thị Hà", dt.date(1948, 5, 5)),
     ResidentRecord("b", "h1", "Hoàng Thị Hà", dt.date(2012, 5, 5)), None, {R.SAME_NAME}),
]


@pytest.mark.parametrize(("first", "second", "decision", "reasons"), RESIDENT_PAIRS)
def test_resident_pairs(first: ResidentRecord, second: ResidentRecord, decision: D | None, reasons: set[R]) -> None:
    found = resident_reasons(first, second)
    assert set(found) == reasons
    assert decide(found)[1] == decision
    assert [c.decision for c in resident_candidates([first, second])] == ([decision] if decision else [])


def test_house_numbers_compare_as_numbers() -> None:
    a, b = parse_address("Số 012A ngõ 045"), parse_address({"house_number": "12a", "lane": "45"})
    assert a.house == b.house == ((12, "a"),)
    assert a.lane == b.lane == ((45, ""),)
    assert same_address(a, b)
    assert not same_address(parse_address("12 ngõ 45"), parse_address("12 ngách 45"))


def test_blocking_skips_big_uninformative_blocks_but_keeps_real_pairs() -> None:
    """Many households share one phone (a group leader's, written for everyone): that block is
    skipped, so the scan stays linear, while the pair with the same address is still found."""
    crowd = [_hh(f"c{i:03}", {"house_number": str(i + 100), "street": "Hào Nam"}, f"Người {i}", "0911000000")
             for i in range(MAX_BLOCK + 5)]
    pair = [_hh("p1", {"house_number": "7", "lane": "3", "street": "Hào Nam"}, "Bùi Văn Tú"),
            _hh("p2", "7 ngo 3 hao nam", "Bui Van Tu")]
    offered = household_candidates(crowd + pair)
    assert [c.pair for c in offered] == [("p1", "p2")]


def test_skip_drops_pairs_marked_not_the_same() -> None:
    pair = [_hh("a", "7 ngo 3 hao nam", "Bùi Văn Tú"), _hh("b", "7 ngõ 3 Hào Nam", "Bui Van Tu")]
    assert household_candidates(pair, skip=lambda x, y: (x, y) == ("a", "b")) == []


def test_the_collector_is_paused_during_a_scan_and_restored_after() -> None:
    import gc

    from outreach.duplicate_score import collection_paused

    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():  # a second scan at once (the server's requests)
            assert not gc.isenabled()
        assert not gc.isenabled()  # still one running
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
