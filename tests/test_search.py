"""Vietnamese household search: folded, prefix-while-typing, ranked, kept in step by writes."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from outreach.services.context import Actor
from outreach.services.households import (
    HouseholdInput,
    ResidentInput,
    add_resident,
    delete_household,
    delete_resident,
    register_household,
    search_households,
    update_household,
)
from outreach.store.database import Store
from outreach.vietnamese_fold import fold, fold_tokens


def _household(store: Store, actor: Actor, head: str, **address: str) -> str:
    return register_household(store, actor, HouseholdInput(head, address or {"street": "Kim Mã"}), confirm=True).id


def _heads(store: Store, query: str) -> list[str]:
    return [h.head_name for h in search_households(store, query)]


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Đặng Văn Đức", "dang van duc"), ("NGÕ 12", "ngo 12"), ("Nguyễn Thị Thủy", "nguyen thi thuy"), ("Hồ Chí Minh", "ho chi minh")],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_tokens_split_on_punctuation() -> None:
    assert fold_tokens("Số 12/3, Ngõ 45 — Đội Cấn") == ["so", "12", "3", "ngo", "45", "doi", "can"]


def test_search_ignores_case_diacritics_and_d_stroke(store: Store, volunteer: Actor) -> None:
    _household(store, volunteer, "Đặng Văn Đức")
    _household(store, volunteer, "Nguyễn Văn Thành")
    assert _heads(store, "dang van duc") == ["Đặng Văn Đức"]
    assert _heads(store, "nguyen van thanh") == ["Nguyễn Văn Thành"]
    assert _heads(store, "ĐẶNG") == ["Đặng Văn Đức"]


def test_address_search_and_prefix_while_typing(store: Store, volunteer: Actor) -> None:
    _household(store, volunteer, "Trần Thị Lan", lane="12", street="Đội Cấn")
    _household(store, volunteer, "Lê Văn Nam", lane="123", street="Kim Mã")
    _household(store, volunteer, "Phạm Hữu Sơn", lane="45", street="Văn Cao")
    assert set(_heads(store, "ngo 12")) == {"Trần Thị Lan", "Lê Văn Nam"}
    assert _heads(store, "ngo 12 doi") == ["Trần Thị Lan"]
    typed = ["v", "va", "van", "van c", "van ca", "van cao"]
    results = [set(_heads(store, q)) for q in typed]
    assert results[-1] == {"Phạm Hữu Sơn"}
    for wider, narrower in itertools.pairwise(results):
        assert narrower <= wider  # typing more never brings back what was filtered out


def test_search_by_phone_personal_id_and_resident_name(store: Store, volunteer: Actor) -> None:
    hid = _household(store, volunteer, "Bùi Thị Hoa")
    update_household(store, volunteer, hid, HouseholdInput("Bùi Thị Hoa", {"street": "Kim Mã"}, phone="0912345678"))
    add_resident(
        store, volunteer, hid,
        ResidentInput("Đỗ Minh Quân", dt.date(1990, 2, 1), "Nam", personal_id="001090123456"),
        consent_purpose="Hỗ trợ dịch vụ công", confirm=True,
    )
    assert _heads(store, "0912345") == ["Bùi Thị Hoa"]
    assert _heads(store, "001090123456") == ["Bùi Thị Hoa"]
    assert _heads(store, "do minh quan") == ["Bùi Thị Hoa"]


def test_name_match_ranks_above_address_match(store: Store, volunteer: Actor) -> None:
    _household(store, volunteer, "Lê Thị Mai", street="Hoàng Hoa Thám")
    _household(store, volunteer, "Hoàng Văn Tùng", street="Kim Mã")
    assert _heads(store, "hoang")[0] == "Hoàng Văn Tùng"


def test_a_typed_name_ranks_the_head_whose_name_starts_so_first(store: Store, volunteer: Actor) -> None:
    """Words spread over several people of one household rank below the name as typed."""
    spread = _household(store, volunteer, "Ngô Thanh Vân", street="Kim Mã", house_number="1")
    add_resident(store, volunteer, spread, ResidentInput("Nguyễn Thị Hoa", relation_to_head="con"))
    _household(store, volunteer, "Trần Thị Lý", street="Kim Mã", house_number="2")
    member = _household(store, volunteer, "Phạm Thị Hằng", street="Kim Mã", house_number="3")
    add_resident(store, volunteer, member, ResidentInput("Nguyễn Văn Bình", relation_to_head="chồng"))
    _household(store, volunteer, "Nguyễn Văn Thành", street="Kim Mã", house_number="4")
    assert _heads(store, "nguyen van") == ["Nguyễn Văn Thành", "Phạm Thị Hằng", "Ngô Thanh Vân"]
    assert _heads(store, "nguyen va")[0] == "Nguyễn Văn Thành"  # still typing the last word


def test_index_follows_edits_and_deletes(store: Store, volunteer: Actor) -> None:
    hid = _household(store, volunteer, "Vũ Văn Hải")
    update_household(store, volunteer, hid, HouseholdInput("Vũ Thị Hải Yến", {"street": "Kim Mã"}))
    assert _heads(store, "vu van hai") == []
    assert _heads(store, "hai yen") == ["Vũ Thị Hải Yến"]
    resident = add_resident(store, volunteer, hid, ResidentInput("Ngô Bảo Châu"), confirm=True)
    assert _heads(store, "bao chau") == ["Vũ Thị Hải Yến"]
    delete_resident(store, volunteer, resident.id)
    assert _heads(store, "bao chau") == []
    delete_household(store, volunteer, hid)
    assert _heads(store, "hai yen") == []


@pytest.mark.parametrize("query", ['"', "*", "(", "a OR b", "NEAR(", "-", "   ", "^x"])
def test_fts_syntax_typed_by_a_user_never_breaks_search(store: Store, volunteer: Actor, query: str) -> None:
    _household(store, volunteer, "Đinh Văn Bắc")
    assert isinstance(search_households(store, query), list)
