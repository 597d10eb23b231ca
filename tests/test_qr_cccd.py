"""Reading ID-card QR payloads and drawing QR codes.

Fixtures are the synthetic examples of DOMAIN.md; no real person's payload is used.
"""

from __future__ import annotations

import datetime as dt
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach.cccd import CccdParseError, CccdRecord, foreign_layout_signs, parse_cccd
from outreach.errors import OutreachError
from outreach.qr_image import qr_matrix, qr_png_bytes, qr_terminal_text

EXAMPLE_7 = "012345678901|123456789|Nguyễn Văn A|01021990|Nam|123 Hà Nội|10102021"
EXAMPLE_11 = "012345678901||Trần Thị B|05092003|Nữ|Số 1 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh|12082024||||"


# ------------------------------------------------------------------ well-formed payloads


def test_seven_field_example_parses_to_its_fields() -> None:
    record = parse_cccd(EXAMPLE_7)
    assert record == CccdRecord(
        personal_id="012345678901",
        old_id="123456789",
        full_name="Nguyễn Văn A",
        date_of_birth=dt.date(1990, 2, 1),
        sex="Nam",
        address="123 Hà Nội",
        issue_date=dt.date(2021, 10, 10),
    )


def test_eleven_field_example_with_empty_old_id_and_trailing_fields() -> None:
    record = parse_cccd(EXAMPLE_11)
    assert record.personal_id == "012345678901"
    assert record.old_id is None
    assert record.full_name == "Trần Thị B"
    assert record.date_of_birth == dt.date(2003, 9, 5)
    assert record.sex == "Nữ"
    assert record.address == "Số 1 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh"
    assert record.issue_date == dt.date(2024, 8, 12)


@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r"])
def test_scanner_line_ending_is_ignored(ending: str) -> None:
    assert parse_cccd(EXAMPLE_7 + ending) == parse_cccd(EXAMPLE_7)


def test_decomposed_unicode_is_normalised() -> None:
    import unicodedata

    record = parse_cccd(unicodedata.normalize("NFD", EXAMPLE_11))
    assert record.full_name == "Trần Thị B"
    assert record.sex == "Nữ"


def test_ede_name_with_apostrophe_is_accepted() -> None:
    record = parse_cccd("066190012345||H'Hen Niê|01021990|Nữ|Buôn Ea H'Leo, Đắk Lắk|10102021")
    assert record.full_name == "H'Hen Niê"
    assert record.address == "Buôn Ea H'Leo, Đắk Lắk"


# ------------------------------------------------------------------ rejected payloads


@pytest.mark.parametrize(
    "payload, count",
    [
        # A 6-field payload (old-ID field missing): a shifting parser would read the name as the
        # old ID and the birth date as the name. It must be refused, not shifted.
        ("012345678901|Nguyễn Văn A|01021990|Nam|123 Hà Nội|10102021", 6),
        ("012345678901|Nguyễn Văn A|01021990|Nam|123 Hà Nội", 5),
        ("012345678901", 1),
    ],
)
def test_fewer_than_seven_fields_rejected(payload: str, count: int) -> None:
    with pytest.raises(CccdParseError) as info:
        parse_cccd(payload)
    error = info.value
    assert error.code == "cccd_field_count"
    assert f"chỉ có {count} trường, cần ít nhất 7" in error.message_vi
    assert f"only {count} fields, at least 7" in error.message_en
    assert isinstance(error, ValueError) and isinstance(error, OutreachError)


def test_non_empty_extra_field_rejected() -> None:
    with pytest.raises(CccdParseError) as info:
        parse_cccd(EXAMPLE_7 + "||X|")
    assert info.value.code == "cccd_extra_fields"
    assert "trường thứ 9" in info.value.message_vi


@pytest.mark.parametrize(
    "name, shown",
    [
        ("Nguy[n V]n A", "“[”"),  # US layout typing for a German/French one
        ("Nguy;n Van A", "“;”"),
        ("Nguy'en Van A", "“'”"),  # apostrophe inside a word, not "H'Hen"
        ("Nguy?n V?n A", "“?”"),  # characters the layout could not type
        ("Nguy\ufffdn V\ufffdn A", "U+FFFD"),
        ("Nguye61n Va8n A", "“6”"),  # VNI tone digits left in the text
        ("Nguyá»…n VÄƒn A", "“»”"),  # UTF-8 read as Windows-1252
    ],
)
def test_garbled_name_rejected_with_rescan_advice(name: str, shown: str) -> None:
    payload = f"012345678901|123456789|{name}|01021990|Nam|123 Hà Nội|10102021"
    with pytest.raises(CccdParseError) as info:
        parse_cccd(payload)
    error = info.value
    assert error.code == "cccd_garbled"
    assert shown in error.message_vi and shown in error.message_en
    assert "quét lại" in error.message_vi  # tells the user what to do
    assert "scan again" in error.message_en


def test_garbled_address_rejected() -> None:
    with pytest.raises(CccdParseError) as info:
        parse_cccd("012345678901|123456789|Nguyễn Văn A|01021990|Nam|123 H[ N]i|10102021")
    assert info.value.code == "cccd_garbled"
    assert "địa chỉ" in info.value.message_vi


def test_text_with_two_scans_rejected() -> None:
    with pytest.raises(CccdParseError) as info:
        parse_cccd(EXAMPLE_7 + "\n" + EXAMPLE_7)
    assert info.value.code == "cccd_garbled"
    assert "quét hai lần" in info.value.message_vi


@pytest.mark.parametrize(
    "payload, code",
    [
        ("01234567890|123456789|Nguyễn Văn A|01021990|Nam|123 Hà Nội|10102021", "cccd_personal_id"),
        ("0123456789O1|123456789|Nguyễn Văn A|01021990|Nam|123 Hà Nội|10102021", "cccd_personal_id"),
        ("012345678901|12345678|Nguyễn Văn A|01021990|Nam|123 Hà Nội|10102021", "cccd_old_id"),
        ("012345678901|123456789||01021990|Nam|123 Hà Nội|10102021", "cccd_name_missing"),
        ("012345678901|123456789|Nguyễn Văn A|31021990|Nam|123 Hà Nội|10102021", "cccd_date_of_birth"),
        ("012345678901|123456789|Nguyễn Văn A|1990-02-01|Nam|123 Hà Nội|10102021", "cccd_date_of_birth"),
        ("012345678901|123456789|Nguyễn Văn A|01011899|Nam|123 Hà Nội|10102021", "cccd_date_of_birth"),
        ("012345678901|123456789|Nguyễn Văn A|01021990|Male|123 Hà Nội|10102021", "cccd_sex"),
        ("012345678901|123456789|Nguyễn Văn A|01021990|Nam|123 Hà Nội|1010202", "cccd_issue_date"),
        ("012345678901|123456789|Nguyễn Văn A|01021990|Nam|123 Hà Nội|10101980", "cccd_issue_date"),
    ],
)
def test_implausible_field_rejected(payload: str, code: str) -> None:
    with pytest.raises(CccdParseError) as info:
        parse_cccd(payload)
    assert info.value.code == code
    assert info.value.message_vi.startswith("Mã QR không phải mã hợp lệ trên thẻ căn cước")


def test_every_problem_is_listed() -> None:
    with pytest.raises(CccdParseError) as info:
        parse_cccd("12345|1|Nguyễn Văn A|99999999|X|123 Hà Nội|00000000")
    assert info.value.problems == [
        "cccd_personal_id",
        "cccd_old_id",
        "cccd_date_of_birth",
        "cccd_sex",
        "cccd_issue_date",
    ]


# ------------------------------------------------------------------ a scanner on a foreign keyboard layout

# EXAMPLE_11 as a keyboard-wedge scanner types it under a US layout: the letters it has no key
# for are dropped, typed as "?", or typed as their plain look-alike. Digits, "|" and "Nam" survive.
US_DROPPED = "012345678901||Trn Th B|05092003|N|S 1 L Li, Phng Bn Thnh, TP. H Ch Minh|12082024||||"
US_QUESTION = "012345678901||Tr?n Th? B|05092003|N?|S? 1 L? L?i, Ph??ng B?n Th?nh|12082024||||"
US_ASCII = "012345678901||Tran Thi B|05092003|Nu|So 1 Le Loi, Phuong Ben Thanh, TP. Ho Chi Minh|12082024||||"
US_DROPPED_MALE = "012345678901|123456789|Nguyn Vn A|01021990|Nam|123 H Ni|10102021"


@pytest.mark.parametrize(
    ("payload", "signs"),
    [
        (US_DROPPED, ["sex_mark_lost", "vowelless_word", "no_marks"]),
        (US_QUESTION, ["sex_mark_lost", "vowelless_word", "substitute", "no_marks"]),
        (US_ASCII, ["sex_mark_lost", "no_marks"]),
        (US_DROPPED_MALE, ["vowelless_word", "no_marks"]),  # "Nam" came through fine, the name did not
        (EXAMPLE_7, []),
        (EXAMPLE_11, []),
        ("066190012345||H'Hen Niê|01021990|Nữ|Buôn Ea H'Leo, Đắk Lắk|10102021", []),
    ],
    ids=["dropped", "question-marks", "ascii-look-alikes", "dropped-male", "ok-7", "ok-11", "ok-ede"],
)
def test_foreign_layout_signs(payload: str, signs: list[str]) -> None:
    assert foreign_layout_signs(payload) == signs


@pytest.mark.parametrize("payload", [US_DROPPED, US_QUESTION, US_ASCII, US_DROPPED_MALE],
                         ids=["dropped", "question-marks", "ascii-look-alikes", "dropped-male"])
def test_foreign_layout_scan_is_refused_with_the_layout_hint(payload: str) -> None:
    with pytest.raises(CccdParseError) as info:
        parse_cccd(payload)
    error = info.value
    assert error.keyboard_layout
    assert "bố cục bàn phím" in error.message_vi and "Unicode" in error.message_vi
    assert "keyboard layout" in error.message_en and "USB-HID" in error.message_en
    assert "Trn" not in error.message_vi and "Nguyn" not in error.message_vi  # no personal data repeated


def test_other_problems_do_not_blame_the_keyboard_layout() -> None:
    with pytest.raises(CccdParseError) as info:
        parse_cccd("012345678901|123456789|Nguyễn Văn A|31021990|Nam|123 Hà Nội|10102021")
    assert not info.value.keyboard_layout and "bố cục" not in info.value.message_vi


# ------------------------------------------------------------------ round trip

_SYLLABLES = ["Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Văn", "Thị", "Ngọc", "Đức", "Hương",
              "Ánh", "Quỳnh", "Hữu", "Thành", "Yến", "Ơn", "Ư", "A", "B", "H'Hen", "Niê"]
_ADDRESS_WORDS = ["Số", "12/3", "Ngõ", "45,", "Tổ", "6,", "Phường", "Bến", "Thành,", "TP.", "Hồ",
                  "Chí", "Minh", "Thôn", "2", "Xã", "Ea", "H'Leo", "(cũ)", "-", "Đắk", "Lắk"]


@st.composite
def cccd_records(draw: st.DrawFn) -> CccdRecord:
    dob = draw(st.dates(dt.date(1900, 1, 1), dt.date(2025, 12, 31)))
    return CccdRecord(
        personal_id=draw(st.from_regex(r"[0-9]{12}", fullmatch=True)),
        old_id=draw(st.none() | st.from_regex(r"[0-9]{9}", fullmatch=True)),
        full_name=" ".join(draw(st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=5))),
        date_of_birth=dob,
        sex=draw(st.sampled_from(["Nam", "Nữ"])),
        address=" ".join(draw(st.lists(st.sampled_from(_ADDRESS_WORDS), max_size=12))),
        issue_date=draw(st.dates(dob, dt.date(2030, 12, 31))),
    )


@given(cccd_records(), st.integers(0, 6), st.sampled_from(["", "\n", "\r\n"]))
def test_well_formed_record_round_trips(record: CccdRecord, extra: int, ending: str) -> None:
    assert parse_cccd(record.to_payload(extra) + ending) == record


# ------------------------------------------------------------------ drawing


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", png[8:16])
    assert kind == b"IHDR" and length == 13
    width, height = struct.unpack(">II", png[16:24])
    assert zlib.crc32(png[12:29]) == struct.unpack(">I", png[29:33])[0]
    return width, height


def test_matrix_is_square_with_light_quiet_zone() -> None:
    matrix = qr_matrix("https://example.invalid/x", border=4)
    size = len(matrix)
    assert all(len(row) == size for row in matrix)
    assert (size - 8 - 21) % 4 == 0  # versions grow by 4 modules
    for i in range(4):
        assert not any(matrix[i]) and not any(matrix[-1 - i])
        assert not any(row[i] or row[-1 - i] for row in matrix)
    assert matrix[4][4]  # finder pattern corner is dark
    bare = qr_matrix("https://example.invalid/x", border=0)
    assert bare == [row[4:-4] for row in matrix[4:-4]]


def test_png_dimensions_follow_box_size_and_border() -> None:
    modules = len(qr_matrix("hello", border=0))
    assert _png_size(qr_png_bytes("hello", box_size=3, border=2)) == ((modules + 4) * 3,) * 2


def test_terminal_text_uses_two_rows_per_line() -> None:
    matrix = qr_matrix("hello")
    lines = qr_terminal_text("hello").splitlines()
    assert len(lines) == (len(matrix) + 1) // 2
    assert all(len(line) == len(matrix) for line in lines)
    assert set("".join(lines)) <= {" ", "▀", "▄", "█"}
    assert lines[0] == "█" * len(matrix)  # light quiet zone drawn for a dark terminal
    assert qr_terminal_text("hello", dark_terminal=False).splitlines()[0] == " " * len(matrix)


def test_invalid_drawing_arguments_rejected() -> None:
    with pytest.raises(ValueError):
        qr_png_bytes("x", box_size=0)
    with pytest.raises(ValueError):
        qr_matrix("x", border=-1)
    with pytest.raises(ValueError):
        qr_matrix("x", error_correction="Z")
    with pytest.raises(ValueError):
        qr_matrix("x" * 8000)


@pytest.mark.skipif(
    shutil.which("zbarimg") is None,
    reason="zbarimg is not installed (Debian package zbar-tools), so the PNG cannot be decoded",
)
@pytest.mark.parametrize(
    "data",
    [
        "https://vpcp.dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-nganh-doc.html?ma_thu_tuc=1.001193",
        EXAMPLE_11,
    ],
)
def test_png_decodes_back_to_the_data(tmp_path: Path, data: str) -> None:
    path = tmp_path / "code.png"
    path.write_bytes(qr_png_bytes(data, box_size=4))
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8").rstrip("\n") == data


def test_messages_do_not_repeat_the_scanned_personal_data() -> None:
    with pytest.raises(CccdParseError) as info:
        parse_cccd("01234567890|12345678|Nguy[n Van A|31021990|Nam|123 Hà Nội|10102021")
    for message in (info.value.message_vi, info.value.message_en, str(info.value)):
        assert "01234567890" not in message and "12345678" not in message
        assert "Nguy" not in message and "31021990" not in message
