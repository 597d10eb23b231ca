"""Household and resident services: validation, duplicates, tombstones, nothing half-written."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from outreach.errors import NeedsConfirmation, ValidationError
from outreach.model import Household, OutboxEntry, Resident
from outreach.services.context import Actor
from outreach.services.households import (
    HouseholdInput,
    ResidentInput,
    add_resident,
    card_matches_address,
    delete_household,
    get_household,
    make_head,
    mask_personal_id,
    register_household,
    update_resident,
)
from outreach.store.database import Store


def _counts(store: Store) -> tuple[int, int, int]:
    with store.read() as s:
        return (
            s.execute(select(func.count()).select_from(Household)).scalar_one(),
            s.execute(select(func.count()).select_from(Resident)).scalar_one(),
            s.execute(select(func.count()).select_from(OutboxEntry)).scalar_one(),
        )


def test_register_household_stores_cleaned_values(store: Store, volunteer: Actor, ward: dict[str, str]) -> None:
    summary = register_household(
        store, volunteer,
        HouseholdInput("  Đặng Văn Đức ", {"house_number": "5", "lane": "12", "street": "Đội Cấn", "hamlet": " "},
                       group_id=ward["group_a"], phone="091 234 5678", elderly_alone=True),
    )
    assert summary.head_name == "Đặng Văn Đức"
    assert summary.address_text == "Số 5, ngõ 12, Đội Cấn"
    assert summary.group_name == "Tổ dân phố số 1"
    assert summary.phone == "0912345678"
    assert summary.is_priority
    detail = get_household(store, summary.id)
    assert detail.address == {"house_number": "5", "lane": "12", "street": "Đội Cấn"}
    with store.read() as s:
        assert s.get_one(Household, summary.id).ward_id == ward["ward"]


def test_invalid_household_reports_every_problem_and_writes_nothing(store: Store, volunteer: Actor) -> None:
    before = _counts(store)
    with pytest.raises(ValidationError) as info:
        register_household(store, volunteer, HouseholdInput(" ", {}, phone="12345"))
    fields = {p.field for p in info.value.problems}
    assert {"head_name", "address", "phone"} <= fields
    assert all(p.message_vi and p.message_en for p in info.value.problems)
    assert _counts(store) == before


def test_same_folded_address_needs_confirmation_and_offers_the_existing_household(store: Store, volunteer: Actor) -> None:
    first = register_household(store, volunteer, HouseholdInput("Trần Văn Bình", {"house_number": "7", "lane": "45", "street": "Văn Cao"}))
    before = _counts(store)
    with pytest.raises(NeedsConfirmation) as info:
        register_household(store, volunteer, HouseholdInput("Trần Thị Cúc", {"house_number": "7", "lane": "45", "street": "VĂN CAO"}))
    assert [h.id for h in info.value.existing] == [first.id]
    assert info.value.warnings[0].code == "duplicate_household"
    assert _counts(store) == before
    second = register_household(
        store, volunteer, HouseholdInput("Trần Thị Cúc", {"house_number": "7", "lane": "45", "street": "Văn Cao"}), confirm=True
    )
    assert second.id != first.id
    # a different house number is a different household
    register_household(store, volunteer, HouseholdInput("Lê Văn Dũng", {"house_number": "9", "lane": "45", "street": "Văn Cao"}))


def test_resident_with_known_personal_id_needs_confirmation(store: Store, volunteer: Actor) -> None:
    a = register_household(store, volunteer, HouseholdInput("Hoàng Văn An", {"street": "Kim Mã", "house_number": "1"}))
    b = register_household(store, volunteer, HouseholdInput("Phan Thị Bé", {"street": "Kim Mã", "house_number": "2"}))
    person = ResidentInput("Hoàng Văn An", dt.date(1990, 3, 4), "Nam", personal_id="001090000123", relation_to_head="Chủ hộ")
    existing = add_resident(store, volunteer, a.id, person, consent_purpose="Hỗ trợ dịch vụ công")
    assert existing.has_consent
    with pytest.raises(NeedsConfirmation) as info:
        add_resident(store, volunteer, b.id, person, consent_purpose="Hỗ trợ dịch vụ công")
    assert [r.id for r in info.value.existing] == [existing.id]
    assert any(w.code == "duplicate_resident" for w in info.value.warnings)


def test_personal_id_digit_mismatch_is_a_warning_the_user_can_override(store: Store, volunteer: Actor) -> None:
    h = register_household(store, volunteer, HouseholdInput("Võ Thị Cẩm", {"street": "Kim Mã"}))
    mismatched = ResidentInput("Võ Thị Cẩm", dt.date(1985, 1, 1), "Nữ", personal_id="001090000123")  # says male, born 1990
    with pytest.raises(NeedsConfirmation):
        add_resident(store, volunteer, h.id, mismatched, consent_purpose="Hỗ trợ dịch vụ công")
    saved = add_resident(store, volunteer, h.id, mismatched, consent_purpose="Hỗ trợ dịch vụ công", confirm=True)
    assert saved.personal_id == "001090000123"
    assert saved.personal_id_masked == "001*******23"


def test_bad_personal_id_is_an_error_not_a_warning(store: Store, volunteer: Actor) -> None:
    h = register_household(store, volunteer, HouseholdInput("Võ Văn Dũng", {"street": "Kim Mã"}))
    for pid in ("12345", "00109000012a", "003090000123"):  # short, non-digit, unknown province 003
        with pytest.raises(ValidationError):
            add_resident(store, volunteer, h.id, ResidentInput("Võ Văn Dũng", personal_id=pid), confirm=True)


def test_future_birth_date_is_refused(store: Store, volunteer: Actor) -> None:
    h = register_household(store, volunteer, HouseholdInput("Lý Thị Én", {"street": "Kim Mã"}))
    with pytest.raises(ValidationError) as info:
        add_resident(store, volunteer, h.id, ResidentInput("Lý Thị Én", dt.date.today() + dt.timedelta(days=30)))
    assert info.value.problems[0].field == "date_of_birth"


def test_update_resident_and_delete_household_tombstones(store: Store, volunteer: Actor) -> None:
    h = register_household(store, volunteer, HouseholdInput("Đào Văn Phú", {"street": "Kim Mã"}))
    r = add_resident(store, volunteer, h.id, ResidentInput("Đào Văn Phú", sex="Nam"), consent_purpose="Hỗ trợ dịch vụ công")
    updated = update_resident(store, volunteer, r.id, ResidentInput("Đào Văn Phú", sex="Nam", phone="+84 912 345 678", vneid_level=2))
    assert updated.phone == "0912345678" and updated.vneid_level == 2
    delete_household(store, volunteer, h.id)
    with store.read() as s:
        assert s.get_one(Household, h.id).deleted and s.get_one(Resident, r.id).deleted  # rows stay as tombstones


def test_mask_personal_id() -> None:
    assert mask_personal_id("012345678901") == "012*******01"
    assert mask_personal_id(None) == ""


def test_a_household_has_at_most_one_living_head(store: Store, volunteer: Actor) -> None:
    """A second "Chủ hộ" is refused with the first one's name, whether added or edited into it;
    ``make_head`` changes the head in one step (former head re-related, head name follows)."""
    h = register_household(store, volunteer, HouseholdInput("Lý Văn Minh", {"street": "Liễu Giai", "house_number": "8"}))
    head = add_resident(store, volunteer, h.id, ResidentInput("Lý Văn Minh", dt.date(1950, 2, 3), "Nam", relation_to_head="Chủ hộ"),
                        consent_purpose="Hỗ trợ dịch vụ công")
    son = ResidentInput("Lý Văn Nam", dt.date(1980, 5, 6), "Nam", relation_to_head="Chủ hộ")
    before = _counts(store)
    with pytest.raises(ValidationError) as refused:
        add_resident(store, volunteer, h.id, son, consent_purpose="Hỗ trợ dịch vụ công")
    assert [p.code for p in refused.value.problems] == ["second_head"] and "Lý Văn Minh" in refused.value.message("vi")
    assert _counts(store) == before  # nothing written
    added = add_resident(store, volunteer, h.id, ResidentInput("Lý Văn Nam", dt.date(1980, 5, 6), "Nam", relation_to_head="Con"),
                         consent_purpose="Hỗ trợ dịch vụ công")
    with pytest.raises(ValidationError):
        update_resident(store, volunteer, added.id, son)
    update_resident(store, volunteer, head.id, ResidentInput("Lý Văn Minh", dt.date(1950, 2, 3), "Nam", relation_to_head="Chủ hộ"))

    make_head(store, volunteer, added.id, former_head_relation="Bố")
    detail = get_household(store, h.id)
    assert detail.summary.head_name == "Lý Văn Nam"
    assert {r.full_name: r.relation_to_head for r in detail.residents} == {"Lý Văn Nam": "Chủ hộ", "Lý Văn Minh": "Bố"}


def test_replace_head_makes_the_new_person_head_in_the_same_write(store: Store, volunteer: Actor) -> None:
    """The "make this person the head" answer to a refused second head: one transaction, never two heads."""
    h = register_household(store, volunteer, HouseholdInput("Lý Văn Minh", {"street": "Liễu Giai", "house_number": "9"}))
    head = add_resident(store, volunteer, h.id, ResidentInput("Lý Văn Minh", dt.date(1950, 2, 3), "Nam", relation_to_head="Chủ hộ"),
                        consent_purpose="Hỗ trợ dịch vụ công")
    son = ResidentInput("Lý Văn Nam", dt.date(1980, 5, 6), "Nam", relation_to_head="Chủ hộ")
    added = add_resident(store, volunteer, h.id, son, replace_head=True, former_head_relation="Bố", consent_purpose="Hỗ trợ dịch vụ công")
    detail = get_household(store, h.id)
    assert detail.summary.head_name == "Lý Văn Nam"
    assert {r.id: r.relation_to_head for r in detail.residents} == {added.id: "Chủ hộ", head.id: "Bố"}

    # and back, by editing the former head into "Chủ hộ"
    update_resident(store, volunteer, head.id, ResidentInput("Lý Văn Minh", dt.date(1950, 2, 3), "Nam", relation_to_head="Chủ hộ"),
                    replace_head=True)
    detail = get_household(store, h.id)
    assert detail.summary.head_name == "Lý Văn Minh"
    assert {r.id: r.relation_to_head for r in detail.residents} == {added.id: "Khác", head.id: "Chủ hộ"}


def test_card_address_is_stored_and_recorded_for_sync(store: Store, volunteer: Actor) -> None:
    """The address printed on a scanned card is kept with the resident, as printed, and goes into
    the outbox like every synced field (so the server and other laptops get it)."""
    h = register_household(store, volunteer, HouseholdInput("Trần Thị B", {"street": "Lê Lợi", "house_number": "1"}))
    printed = "Số 1 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh"
    r = add_resident(store, volunteer, h.id, ResidentInput("Trần Thị B", card_address=printed), consent_purpose="Hỗ trợ dịch vụ công")
    assert r.card_address == printed
    assert get_household(store, h.id).residents[0].card_address == printed
    with store.read() as s:
        entries = s.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == r.id)).all()
    assert entries[-1].fields["card_address"][0] == printed
    updated = update_resident(store, volunteer, r.id, ResidentInput("Trần Thị B", card_address=printed, phone="0912345678"))
    assert updated.card_address == printed  # an edit keeps it
    with pytest.raises(ValidationError) as info:
        update_resident(store, volunteer, r.id, ResidentInput("Trần Thị B", card_address="x" * 301))
    assert info.value.problems[0].field == "card_address"


@pytest.mark.parametrize(
    ("card", "household", "matches"),
    [
        ("Số 5 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh", "Số 5, Lê Lợi", True),
        ("5 LE LOI, PHUONG BEN THANH", "Số 5, Lê Lợi", True),  # "Số" optional, accents and case ignored
        ("Số 12 ngõ 45 Đội Cấn, Ba Đình, Hà Nội", "Số 12, ngõ 45, Đội Cấn", True),
        ("Số 15 Lê Lợi, Phường Bến Thành", "Số 5, Lê Lợi", False),  # another house
        ("Số 5 Lê Lợi Mới, Hà Nội", "Số 5, Lê Lợi, Tổ 3", False),
        ("Số 5 Lê Lợi", "", False),
    ],
)
def test_card_matches_address(card: str, household: str, matches: bool) -> None:
    assert card_matches_address(card, household) is matches
