"""Walking order of households from their address parts (outreach.model.route_order)."""

from __future__ import annotations

from outreach.model.address import address_text
from outreach.model.route_order import route_key


def a(house: str = "", lane: str = "", alley: str = "", street: str = "", hamlet: str = "") -> dict[str, str]:
    return {k: v for k, v in {"house_number": house, "lane": lane, "alley": alley, "street": street,
                              "hamlet": hamlet}.items() if v}


#: the order a walker takes: Lê Lợi (its hẻm 7 beside number 7, the southern "45/12" house inside
#: hẻm 45), then Văn Cao (numbers as numbers, the houses before the lane that opens beside them,
#: the lane's houses before its alleys further in), then a rural thôn, then no street at all.
WALK = [
    a("5", street="Lê Lợi"),
    a("7", street="Lê Lợi"),
    a("123", lane="hẻm 7", street="Lê Lợi"),
    a("45", street="Lê Lợi"),
    a("45/3", street="Lê Lợi"),
    a("45/12", street="Lê Lợi"),
    a("9", street="Văn Cao"),
    a("12", street="Văn Cao"),
    a("12A", street="Văn Cao"),
    a("12B", street="Văn Cao"),
    a("45", street="Văn Cao"),
    a("2", lane="45", street="Văn Cao"),
    a("9", lane="45", street="Văn Cao"),
    a("Số 12", lane="ngõ 45", street="Văn Cao"),
    a("3", alley="45/12", lane="45", street="Văn Cao"),
    a("12A", alley="45/12", lane="45", street="Văn Cao"),
    a("14", lane="45", street="Văn Cao"),
    a("1", alley="45/20", lane="45", street="Văn Cao"),
    a("100", lane="45", street="Văn Cao"),
    a("47", street="Văn Cao"),
    a("110", street="văn cao"),
    a("3", lane="Chợ", street="Văn Cao"),
    a("8", hamlet="Thôn Đông"),
    a("2", hamlet="Thôn Tây"),
    a("1"),
]


def test_households_sort_as_a_walker_goes() -> None:
    shuffled = sorted(WALK, key=lambda addr: address_text(addr)[::-1])  # any order but the answer
    assert shuffled != WALK
    walked = sorted(shuffled, key=route_key)
    assert [address_text(x) for x in walked] == [address_text(x) for x in WALK]


def test_numbers_compare_as_numbers() -> None:
    nine, twelve, twelve_a = (route_key(a(n, lane="45")) for n in ("Số 9", "Số 12", "12A"))
    assert nine < twelve < twelve_a
    assert route_key(a("123", lane="7", street="Lê Lợi")) < route_key(a("9", lane="12", street="Lê Lợi"))


def test_an_alley_named_with_its_lane_is_inside_that_lane() -> None:
    with_lane = route_key(a("12A", alley="45/12", lane="45", street="Văn Cao"))
    without_lane = route_key(a("12A", alley="45/12", street="Văn Cao"))
    short_alley = route_key(a("12A", alley="12", lane="45", street="Văn Cao"))
    assert with_lane == without_lane == short_alley


def test_missing_parts_do_not_break_the_key() -> None:
    keys = [route_key(x) for x in (None, {}, a(street="Văn Cao"), a(lane="ngõ", street="Văn Cao"), a("không số"))]
    assert sorted(keys)  # comparable with each other
    assert route_key(a(street="Văn Cao")) < route_key(None)
