"""Field checks: personal ID, phone numbers, dates, required and length limits."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from outreach import validation
from outreach.errors import Problems, ValidationError

TODAY = dt.date(2026, 11, 22)


def _codes(pid: str, **kwargs: object) -> tuple[list[str], list[str]]:
    errors, warnings = validation.check_personal_id(pid, **kwargs)  # type: ignore[arg-type]
    assert all(p.field == "personal_id" for p in errors + warnings)
    return [e.code for e in errors], [w.code for w in warnings]


# ------------------------------------------------------------------ personal ID


def test_consistent_personal_id_has_no_errors_or_warnings() -> None:
    # 001 Hà Nội, 0 = male born 1900s, 90 = 1990
    assert _codes("001090123456", date_of_birth=dt.date(1990, 2, 1), sex="Nam") == ([], [])
    # 079 TP HCM, 3 = female born 2000s, 03 = 2003
    assert _codes("079303123456", date_of_birth=dt.date(2003, 9, 5), sex="Nữ") == ([], [])


@pytest.mark.parametrize("pid", ["00109012345", "0010901234567", "00109012345a", "001 090 12345", "", "٠٠١٠٩٠١٢٣٤٥٦"])
def test_personal_id_must_be_twelve_ascii_digits(pid: str) -> None:
    errors, warnings = validation.check_personal_id(pid)
    assert [e.code for e in errors] == ["invalid_format"]
    assert errors[0].message_vi == "Số định danh cá nhân phải gồm đúng 12 chữ số."
    assert errors[0].message_en == "The personal ID number must be exactly 12 digits."
    assert warnings == []


@pytest.mark.parametrize("prefix", ["003", "000", "097", "100", "999"])
def test_unknown_province_code_is_an_error(prefix: str) -> None:
    errors, _ = validation.check_personal_id(prefix + "090123456", date_of_birth=dt.date(1990, 1, 1))
    assert [e.code for e in errors] == ["unknown_province"]
    assert prefix in errors[0].message_vi and "mã tỉnh" in errors[0].message_vi


@pytest.mark.parametrize("prefix", ["001", "002", "046", "079", "096"])
def test_known_province_codes_accepted(prefix: str) -> None:
    assert _codes(prefix + "090123456", date_of_birth=dt.date(1990, 1, 1)) == ([], [])


def test_sex_digit_disagreeing_with_sex_is_a_warning() -> None:
    errors, warnings = validation.check_personal_id("001190123456", date_of_birth=dt.date(1990, 1, 1), sex="Nam")
    assert errors == []
    assert [w.code for w in warnings] == ["id_sex_mismatch"]
    assert "giới tính Nữ" in warnings[0].message_vi
    assert "female" in warnings[0].message_en


def test_century_digit_disagreeing_with_birth_year_is_a_warning() -> None:
    # 2 = male born 2000s, but the birth date says 1903
    errors, warnings = validation.check_personal_id("001203123456", date_of_birth=dt.date(1903, 1, 1), sex="Nam")
    assert errors == []
    assert [w.code for w in warnings] == ["id_century_mismatch"]
    assert "2000 đến 2099" in warnings[0].message_vi and "1903" in warnings[0].message_vi


def test_year_digits_disagreeing_with_birth_year_are_a_warning() -> None:
    _, warnings = validation.check_personal_id("001091123456", date_of_birth=dt.date(1990, 1, 1), sex="Nam")
    assert [w.code for w in warnings] == ["id_year_mismatch"]
    assert "(91)" in warnings[0].message_vi and "1990" in warnings[0].message_vi


def test_all_mismatches_reported_together() -> None:
    _, warnings = _codes("001390123456", date_of_birth=dt.date(1985, 1, 1), sex="Nam")
    assert warnings == ["id_sex_mismatch", "id_century_mismatch", "id_year_mismatch"]


def test_sex_is_matched_whatever_its_case_or_unicode_form() -> None:
    nfd = unicodedata.normalize("NFD", "nữ")
    assert _codes("001190123456", date_of_birth=dt.date(1990, 1, 1), sex=nfd) == ([], [])
    assert _codes("001090123456", sex="NAM") == ([], [])


def test_unknown_sex_text_is_not_checked() -> None:
    assert _codes("001090123456", sex="Khác") == ([], [])


def test_birth_year_in_the_future_is_a_warning_without_a_birth_date() -> None:
    _, warnings = _codes("001299123456", today=TODAY)
    assert warnings == ["id_year_in_future"]
    assert _codes("001226123456", today=TODAY) == ([], [])


def test_century_and_sex_digit_table() -> None:
    assert [validation.century_and_sex(str(d)) for d in range(6)] == [
        (1900, "Nam"), (1900, "Nữ"), (2000, "Nam"), (2000, "Nữ"), (2100, "Nam"), (2100, "Nữ"),
    ]


# ------------------------------------------------------------------ phone numbers


@pytest.mark.parametrize(
    "text, expected",
    [
        ("0912345678", "0912345678"),
        ("091 234 5678", "0912345678"),
        ("091.234.5678", "0912345678"),
        ("091-234-5678", "0912345678"),
        ("0387654321", "0387654321"),
        ("0521234567", "0521234567"),
        ("0701234567", "0701234567"),
        ("0861234567", "0861234567"),
        ("+84 912 345 678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084912345678", "0912345678"),
        ("024 3825 1234", "02438251234"),
        ("(028) 3829 1234", "02838291234"),
        ("0236 3821 234", "02363821234"),
        ("+84 24 3825 1234", "02438251234"),
        ("\u00a00912\u00a0345\u00a0678 ", "0912345678"),
    ],
)
def test_valid_phone_numbers_normalised(text: str, expected: str) -> None:
    problems = Problems()
    assert validation.check_phone(text, "phone", problems) == expected
    assert problems.items == []
    assert validation.normalize_phone(text) == expected


@pytest.mark.parametrize(
    "text, code, fragment",
    [
        ("091234567", "invalid_length", "10 chữ số"),
        ("09123456789", "invalid_length", "có 11 chữ số"),
        ("024 3825 123", "invalid_length", "11 chữ số, bắt đầu bằng 02"),
        ("0123456789", "invalid_prefix", "03, 05, 07, 08, 09"),
        ("0612345678", "invalid_prefix", "03, 05, 07, 08, 09"),
        ("912345678", "invalid_prefix", "03, 05, 07, 08, 09"),
        ("09l2345678", "invalid_chars", "chỉ được gồm chữ số"),
        ("0912 345 67x", "invalid_chars", "chỉ được gồm chữ số"),
        ("+1 415 555 0100", "not_vietnamese", "+84"),
    ],
)
def test_invalid_phone_numbers_reported(text: str, code: str, fragment: str) -> None:
    problems = Problems()
    assert validation.check_phone(text, "household.phone", problems) is None
    assert [(p.field, p.code) for p in problems.items] == [("household.phone", code)]
    assert fragment in problems.items[0].message_vi
    assert problems.items[0].message_en


def test_blank_phone_is_no_phone() -> None:
    problems = Problems()
    assert validation.check_phone("   ", "phone", problems) is None
    assert validation.check_phone(None) is None
    assert problems.items == []


def test_check_without_collector_raises() -> None:
    with pytest.raises(ValidationError) as info:
        validation.check_phone("12345")
    assert info.value.for_field("phone")[0].code == "invalid_prefix"


# ------------------------------------------------------------------ dates and times


def test_birth_dates() -> None:
    problems = Problems()
    assert validation.check_birth_date(TODAY, TODAY, problems)
    assert validation.check_birth_date(dt.date(1900, 1, 1), TODAY, problems)
    assert problems.items == []
    assert not validation.check_birth_date(TODAY + dt.timedelta(days=1), TODAY, problems)
    assert not validation.check_birth_date(dt.date(1899, 12, 31), TODAY, problems)
    assert [(p.field, p.code) for p in problems.items] == [
        ("date_of_birth", "in_future"),
        ("date_of_birth", "too_early"),
    ]
    assert problems.items[1].message_vi == "Ngày sinh không được trước năm 1900."


def test_visit_times() -> None:
    now = dt.datetime(2026, 11, 22, 9, 0)
    problems = Problems()
    assert validation.check_visit_time(now - dt.timedelta(days=3), now, problems)
    assert validation.check_visit_time(now + dt.timedelta(minutes=10), now, problems)  # clock drift
    assert problems.items == []
    assert not validation.check_visit_time(now + dt.timedelta(minutes=11), now, problems)
    assert not validation.check_visit_time(None, now, problems)
    assert [p.code for p in problems.items] == ["in_future", "required"]
    assert "tương lai" in problems.items[0].message_vi and "đồng hồ" in problems.items[0].message_vi
    assert validation.check_visit_time(now + dt.timedelta(minutes=50), now, tolerance=dt.timedelta(hours=1))


# ------------------------------------------------------------------ generic fields


@pytest.mark.parametrize("value", [None, "", "   \t"])
def test_required_field_missing(value: str | None) -> None:
    problems = Problems()
    assert not validation.check_required(value, "full_name", "Họ và tên", "Full name", problems)
    assert problems.items[0].code == "required"
    assert problems.items[0].message_vi == "Cần nhập họ và tên."
    assert problems.items[0].message_en == "Full name is required."


def test_required_label_acronym_kept() -> None:
    problems = Problems()
    validation.check_required("", "vneid", "VNeID", "VNeID account", problems)
    assert problems.items[0].message_vi == "Cần nhập VNeID."


def test_required_field_present() -> None:
    assert validation.check_required(" Lan ", "full_name", "Họ và tên", "Full name", Problems())


def test_length_limit_is_inclusive() -> None:
    problems = Problems()
    assert validation.check_length("a" * 10, "notes", 10, "Ghi chú", "Notes", problems)
    assert validation.check_length(None, "notes", 10, "Ghi chú", "Notes", problems)
    assert not validation.check_length("a" * 11, "notes", 10, "Ghi chú", "Notes", problems)
    assert [p.code for p in problems.items] == ["too_long"]
    assert problems.items[0].message_vi == "Ghi chú quá dài: tối đa 10 ký tự (hiện có 11)."


def test_problems_are_collected_then_raised_together() -> None:
    problems = Problems()
    validation.check_required("", "head_name", "Tên chủ hộ", "Head of household", problems)
    validation.check_phone("123", "phone", problems)
    with pytest.raises(ValidationError) as info:
        problems.raise_if_any()
    assert [p.field for p in info.value.problems] == ["head_name", "phone"]
