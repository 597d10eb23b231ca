"""Field checks shared by the services, with Vietnamese and English messages.

They are plain functions over plain values so the desktop form, the CLI and the server apply the
same rules. Each ``check_*`` reports into an ``outreach.errors.Problems`` collector when one is
given, so a form shows every problem at once; without a collector it raises ``ValidationError``
at the first problem, which suits one-off callers. Doubts the user may override (personal-ID
digits that disagree with the birth date) are returned as ``FieldWarning`` values, never raised:
the service turns them into ``NeedsConfirmation``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from outreach.admin_units import id_province_codes
from outreach.errors import FieldProblem, FieldWarning, Problems, ValidationError
from outreach.vietnamese_fold import fold

__all__ = [
    "EARLIEST_BIRTH_DATE",
    "VISIT_CLOCK_TOLERANCE",
    "century_and_sex",
    "check_birth_date",
    "check_length",
    "check_personal_id",
    "check_phone",
    "check_required",
    "check_visit_time",
    "normalize_phone",
]

EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)
#: Clocks of phones and laptops drift; a visit a few minutes "in the future" is not an error.
VISIT_CLOCK_TOLERANCE = dt.timedelta(minutes=10)

_TWELVE_DIGITS = re.compile(r"[0-9]{12}")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()/]+")
_MOBILE = re.compile(r"0[35789][0-9]{8}")
_LANDLINE = re.compile(r"02[0-9]{9}")


def _report(problems: Problems | None, field: str, code: str, vi: str, en: str) -> None:
    """Collect into ``problems``, or raise at once when the caller gave no collector."""
    if problems is None:
        raise ValidationError([FieldProblem(field, code, vi, en)])
    problems.add(field, code, vi, en)


def _lower_first(label: str) -> str:
    """"Họ và tên" → "họ và tên" inside a sentence, but keep "VNeID" or "CMND" as written."""
    if len(label) > 1 and label[1:2].islower():
        return label[0].lower() + label[1:]
    return label


def _upper_first(label: str) -> str:
    return label[:1].upper() + label[1:]


# ------------------------------------------------------------------ generic fields


def check_required(
    value: str | None, field: str, label_vi: str, label_en: str, problems: Problems | None = None
) -> bool:
    """True if ``value`` has non-blank text; otherwise reports "required" for ``field``."""
    if value is not None and str(value).strip():
        return True
    _report(problems, field, "required", f"Cần nhập {_lower_first(label_vi)}.", f"{_upper_first(label_en)} is required.")
    return False


def check_length(
    value: str | None,
    field: str,
    max_len: int,
    label_vi: str,
    label_en: str,
    problems: Problems | None = None,
) -> bool:
    """True if ``value`` (None counts as empty) has at most ``max_len`` characters.

    Limits match the database columns, so an over-long entry is refused here with a message
    instead of failing in the store.
    """
    length = len(value or "")
    if length <= max_len:
        return True
    _report(
        problems,
        field,
        "too_long",
        f"{_upper_first(label_vi)} quá dài: tối đa {max_len} ký tự (hiện có {length}).",
        f"{_upper_first(label_en)} is too long: at most {max_len} characters (now {length}).",
    )
    return False


# ------------------------------------------------------------------ dates and times


def check_birth_date(
    value: dt.date, today: dt.date, problems: Problems | None = None, *, field: str = "date_of_birth"
) -> bool:
    """True if ``value`` is neither in the future nor before 1900 (a typo such as 0199 or 2099)."""
    if value > today:
        _report(problems, field, "in_future", "Ngày sinh không được sau ngày hôm nay.", "The date of birth cannot be in the future.")
        return False
    if value < EARLIEST_BIRTH_DATE:
        _report(problems, field, "too_early", "Ngày sinh không được trước năm 1900.", "The date of birth cannot be before 1900.")
        return False
    return True


def check_visit_time(
    value: dt.datetime | None,
    now: dt.datetime,
    problems: Problems | None = None,
    *,
    tolerance: dt.timedelta = VISIT_CLOCK_TOLERANCE,
    field: str = "started_at",
) -> bool:
    """True if the visit time is given and not later than ``now`` + ``tolerance``.

    A visit in the future is almost always a wrong date or a wrong device clock, and it would
    land in a week that has not happened yet in the reports.
    """
    if value is None:
        _report(problems, field, "required", "Cần nhập thời gian thăm hộ.", "The visit time is required.")
        return False
    if value > now + tolerance:
        _report(
            problems,
            field,
            "in_future",
            f"Thời gian thăm hộ ({value:%H:%M %d/%m/%Y}) ở trong tương lai. "
            "Hãy kiểm tra ngày giờ đã nhập và đồng hồ của máy.",
            f"The visit time ({value:%Y-%m-%d %H:%M}) is in the future. "
            "Check the date entered and the device clock.",
        )
        return False
    return True


# ------------------------------------------------------------------ personal ID


def century_and_sex(digit: str) -> tuple[int, str]:
    """First year of the birth century and the sex encoded by the 4th personal-ID digit.

    0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, and so on two digits per century.
    """
    d = int(digit)
    return 1900 + (d // 2) * 100, ("Nữ" if d % 2 else "Nam")


def _sex_key(sex: str | None) -> str | None:
    """"Nam"/"Nữ" in any case or Unicode form; anything else is unknown (no sex check)."""
    if not sex:
        return None
    key = fold(unicodedata.normalize("NFC", sex).strip())
    return {"nam": "Nam", "nu": "Nữ"}.get(key)


def check_personal_id(
    pid: str,
    *,
    date_of_birth: dt.date | None = None,
    sex: str | None = None,
    today: dt.date | None = None,
) -> tuple[list[FieldProblem], list[FieldWarning]]:
    """Check a 12-digit personal ID (số định danh cá nhân); returns (errors, warnings).

    Errors: not exactly 12 digits; first three digits not one of the 63 province codes.
    Warnings (the user may override, since records do contain mistakes): the 4th digit disagrees
    with ``sex`` or with the century of ``date_of_birth``; digits 5–6 are not the last two
    digits of the birth year; without a birth date, digits 4–6 imply a year after ``today``.
    There is no check digit, so a well-formed number may still be wrong.
    """
    field = "personal_id"
    errors: list[FieldProblem] = []
    warnings: list[FieldWarning] = []
    if not _TWELVE_DIGITS.fullmatch(pid):
        errors.append(
            FieldProblem(
                field,
                "invalid_format",
                "Số định danh cá nhân phải gồm đúng 12 chữ số.",
                "The personal ID number must be exactly 12 digits.",
            )
        )
        return errors, warnings
    province = pid[:3]
    if province not in id_province_codes():
        errors.append(
            FieldProblem(
                field,
                "unknown_province",
                f"Ba chữ số đầu của số định danh cá nhân ({province}) không phải mã tỉnh, thành phố "
                "nơi đăng ký khai sinh.",
                f"The first three digits of the personal ID ({province}) are not a known province code.",
            )
        )
    century, id_sex = century_and_sex(pid[3])
    id_year = century + int(pid[4:6])
    given_sex = _sex_key(sex)
    if given_sex is not None and given_sex != id_sex:
        warnings.append(
            FieldWarning(
                field,
                "id_sex_mismatch",
                f"Chữ số thứ 4 của số định danh ({pid[3]}) ứng với giới tính {id_sex}, "
                f"khác với giới tính đã nhập ({given_sex}).",
                f"The 4th digit of the personal ID ({pid[3]}) means {'female' if id_sex == 'Nữ' else 'male'}, "
                f"but the sex entered is {'female' if given_sex == 'Nữ' else 'male'}.",
            )
        )
    if date_of_birth is not None:
        year = date_of_birth.year
        if year // 100 * 100 != century:
            warnings.append(
                FieldWarning(
                    field,
                    "id_century_mismatch",
                    f"Chữ số thứ 4 của số định danh ({pid[3]}) ứng với người sinh từ năm {century} đến "
                    f"{century + 99}, nhưng năm sinh đã nhập là {year}.",
                    f"The 4th digit of the personal ID ({pid[3]}) means born {century}–{century + 99}, "
                    f"but the year of birth entered is {year}.",
                )
            )
        if pid[4:6] != f"{year % 100:02d}":
            warnings.append(
                FieldWarning(
                    field,
                    "id_year_mismatch",
                    f"Chữ số thứ 5–6 của số định danh ({pid[4:6]}) phải là hai số cuối của năm sinh "
                    f"({year}).",
                    f"Digits 5–6 of the personal ID ({pid[4:6]}) should be the last two digits of the "
                    f"year of birth ({year}).",
                )
            )
    elif id_year > (today or dt.date.today()).year:
        warnings.append(
            FieldWarning(
                field,
                "id_year_in_future",
                f"Chữ số thứ 4–6 của số định danh ({pid[3:6]}) ứng với năm sinh {id_year}, "
                "là năm chưa tới.",
                f"Digits 4–6 of the personal ID ({pid[3:6]}) mean a birth year of {id_year}, "
                "which has not come yet.",
            )
        )
    return errors, warnings


# ------------------------------------------------------------------ phone numbers


def normalize_phone(text: str) -> str:
    """The digits of a Vietnamese phone number in national form ("0912345678").

    Drops spaces, dots, dashes, slashes and brackets, and turns an international prefix
    (+84, 0084, or a bare 84 on an 11–12 digit number) into the leading 0, so one number is
    stored one way and duplicates can be found. Does not validate: see ``check_phone``.
    """
    digits = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    for prefix in ("+84", "0084"):
        if digits.startswith(prefix):
            rest = digits[len(prefix) :]
            return rest if rest.startswith("0") else "0" + rest
    if digits.startswith("84") and len(digits) in (11, 12):
        return "0" + digits[2:]
    return digits


def check_phone(text: str | None, field: str = "phone", problems: Problems | None = None) -> str | None:
    """The normalised phone number, or None when it is blank or invalid (invalid is reported).

    Mobile: 10 digits starting 03, 05, 07, 08 or 09. Landline: 11 digits starting 02 plus the
    area code (024 Hà Nội, 028 TP. Hồ Chí Minh, 02xx elsewhere).
    """
    if text is None or not text.strip():
        return None
    number = normalize_phone(text)
    if _MOBILE.fullmatch(number) or _LANDLINE.fullmatch(number):
        return number
    if number.startswith("+"):
        _report(
            problems,
            field,
            "not_vietnamese",
            "Chỉ nhận số điện thoại Việt Nam (mã quốc gia +84).",
            "Only Vietnamese phone numbers (country code +84) are accepted.",
        )
    elif not re.fullmatch(r"[0-9]+", number):
        _report(
            problems,
            field,
            "invalid_chars",
            "Số điện thoại chỉ được gồm chữ số (có thể có dấu cách, dấu chấm, dấu gạch ngang "
            "hoặc +84 ở đầu).",
            "A phone number may contain only digits (spaces, dots, dashes or a leading +84 are allowed).",
        )
    elif number.startswith("02"):
        _report(
            problems,
            field,
            "invalid_length",
            f"Số điện thoại cố định phải gồm 11 chữ số, bắt đầu bằng 02 và mã vùng "
            f"(ví dụ 024 3825 1234); số đã nhập có {len(number)} chữ số.",
            f"A landline number must be 11 digits starting with 02 and the area code "
            f"(e.g. 024 3825 1234); this one has {len(number)} digits.",
        )
    elif re.match(r"0[35789]", number):
        _report(
            problems,
            field,
            "invalid_length",
            f"Số di động phải gồm đúng 10 chữ số; số đã nhập có {len(number)} chữ số.",
            f"A mobile number must be exactly 10 digits; this one has {len(number)} digits.",
        )
    else:
        _report(
            problems,
            field,
            "invalid_prefix",
            "Số điện thoại phải bắt đầu bằng 03, 05, 07, 08, 09 (di động) hoặc 02 (cố định).",
            "A phone number must start with 03, 05, 07, 08, 09 (mobile) or 02 (landline).",
        )
    return None
