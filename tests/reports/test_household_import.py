"""Household import from group leaders' spreadsheets: good file, bad rows, duplicates, encodings,
column mapping, 20,000 rows. Files are written to disk and read back like the real ones."""

from __future__ import annotations

import csv
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from outreach.model import Household, OutboxEntry
from outreach.reports.import_report import write_rejected_report
from outreach.services.context import Actor
from outreach.services.household_import import ImportRefused, commit_import, preview_import
from outreach.services.households import search_households
from outreach.spreadsheet_read import SpreadsheetError, decode_text
from outreach.store.database import Store
from tests.helpers.xlsx import active_sheet

from .conftest import SmallWard

HEADERS = [
    "STT",
    "Tổ dân phố",
    "Họ tên chủ hộ",
    "Số nhà",
    "Ngõ",
    "Đường/Phố",
    "Điện thoại",
    "Người cao tuổi sống một mình",
    "Hộ nghèo",
    "Ghi chú",
]


def write_xlsx(
    path: Path, rows: Sequence[Sequence[object]], headers: list[str] = HEADERS, title: str | None = "DANH SÁCH HỘ GIA ĐÌNH"
) -> Path:
    wb = Workbook()
    ws = active_sheet(wb)
    if title:
        ws.append([title])
    ws.append(headers)
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def write_csv(
    path: Path, rows: list[list[object]], encoding: str = "utf-8-sig", delimiter: str = ",", headers: list[str] = HEADERS
) -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def households(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(Household).where(Household.deleted.is_(False))) or 0


GOOD_ROWS: list[list[object]] = [
    [1, "Tổ 1", "Nguyễn Văn Hùng", "15", "34", "Đội Cấn", 912345678, "x", "", ""],
    [2, "Tổ dân phố số 2", "Trần Thị Lan", "7A", "", "Liễu Giai", "0987 654 321", "", "x", "Ở tầng 2"],
    [3, "2", "Lê Văn Tám", "22", "34", "Đội Cấn", "", "", "", ""],
]


def test_good_xlsx_file_is_previewed_and_committed_in_one_transaction(
    store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "to1.xlsx", GOOD_ROWS)
    before = households(store)
    preview = preview_import(store, leader, path)
    assert preview.encoding == "xlsx"
    assert sorted(preview.mapping.values()) == sorted(
        ["group", "head_name", "house_number", "lane", "street", "phone", "elderly_alone", "poor_household", "notes"]
    )
    assert [r.row_number for r in preview.rows] == [3, 4, 5]  # title line and header above
    assert (preview.ready, preview.errors, preview.duplicates) == (3, 0, 0)
    first = preview.rows[0].household
    assert first is not None
    assert first.group_id == small_ward["group_a"] and first.phone == "0912345678" and first.elderly_alone
    assert preview.rows[1].household.group_id == small_ward["group_b"]  # type: ignore[union-attr]
    assert preview.rows[2].household.group_id == small_ward["group_b"]  # type: ignore[union-attr]
    assert households(store) == before  # a preview writes nothing

    with store.read() as session:
        outbox_before = session.execute(select(func.count()).select_from(OutboxEntry)).scalar_one()
    result = commit_import(store, leader, preview)
    assert result.imported == 3 and result.skipped_duplicates == 0
    assert households(store) == before + 3
    with store.read() as session:
        assert session.execute(select(func.count()).select_from(OutboxEntry)).scalar_one() == outbox_before + 3
        lan = session.execute(select(Household).where(Household.head_name == "Trần Thị Lan")).scalar_one()
        assert lan.address == {"house_number": "7A", "street": "Liễu Giai"} and lan.poor_household and lan.notes == "Ở tầng 2"
        assert lan.phone == "0987654321" and lan.ward_id == leader.ward_id
    assert [h.head_name for h in search_households(store, "nguyen van hung")] == ["Nguyễn Văn Hùng"]


def test_bad_rows_are_reported_and_nothing_is_imported(store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path) -> None:
    rows = GOOD_ROWS + [
        [4, "Tổ 1", "", "9", "", "Đội Cấn", "", "", "", ""],  # no head of household
        [5, "Tổ 9", "Phạm Văn Nam", "10", "", "Đội Cấn", "", "", "", ""],  # no such group
        [6, "Tổ 1", "Đỗ Thị Hoa", "11", "", "Đội Cấn", "12345", "", "", ""],  # bad phone
        [7, "Tổ 1", "Vũ Văn Bình", "", "", "", "", "", "", ""],  # no address
        [8, "Tổ 1", "Hồ Thị Mai", "12", "", "Đội Cấn", "", "có lẽ", "", ""],  # unreadable flag
    ]
    path = write_xlsx(tmp_path / "to1.xlsx", rows)
    before = households(store)
    preview = preview_import(store, leader, path)
    assert (preview.ready, preview.errors) == (3, 5)
    problems = {r.row_number: {p.field for p in r.problems} for r in preview.rows if r.problems}
    assert problems == {6: {"head_name"}, 7: {"group"}, 8: {"phone"}, 9: {"address"}, 10: {"elderly_alone"}}
    assert "Tổ 9" in preview.rows[4].reason()
    with pytest.raises(ImportRefused) as info:
        commit_import(store, leader, preview)
    assert "5 dòng có lỗi" in info.value.message_vi
    assert households(store) == before

    report = tmp_path / "tu-choi.xlsx"
    assert write_rejected_report(preview, report) == 5
    ws = active_sheet(report)
    assert [c.value for c in ws[1]] == ["Dòng", *HEADERS, "Lý do không nhập"]
    assert [ws.cell(row=r, column=1).value for r in range(2, 7)] == [6, 7, 8, 9, 10]
    assert "Cần nhập tên chủ hộ" in str(ws.cell(row=2, column=len(HEADERS) + 2).value)
    csv_report = tmp_path / "tu-choi.csv"
    write_rejected_report(preview, csv_report)
    assert csv_report.read_bytes().startswith(b"\xef\xbb\xbf")


def test_duplicates_are_flagged_and_skipped_unless_included(store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path) -> None:
    rows = GOOD_ROWS + [
        [4, "Tổ 1", "Chủ hộ mới", "1", "12", "ĐỘI CẤN", "", "", "", ""],  # = h1's address, other spelling
        [5, "Tổ 1", "Nguyễn Văn Hùng", "15", "34", "Đội Cấn", "", "", "", ""],  # repeats row 3 of the file
    ]
    path = write_csv(tmp_path / "to1.csv", rows)
    preview = preview_import(store, leader, path)
    assert (preview.ready, preview.errors, preview.duplicates) == (3, 0, 2)
    dup_existing, dup_in_file = preview.rows[3], preview.rows[4]
    assert dup_existing.duplicate_of == [small_ward["h1"]]
    assert dup_in_file.duplicate_of_row == 2 and "dòng 2" in dup_in_file.reason()
    before = households(store)
    result = commit_import(store, leader, preview)
    assert (result.imported, result.skipped_duplicates) == (3, 2)
    assert households(store) == before + 3
    report = tmp_path / "trung.csv"
    assert write_rejected_report(preview, report) == 2

    again = preview_import(store, leader, path)  # the same file a second time: every row is now a duplicate
    assert again.duplicates == 5
    result = commit_import(store, leader, again, include_duplicates=True)
    assert result.imported == 5


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tone marks as combining bytes."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tone = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tone))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def test_windows_1258_and_utf16_files_are_decoded(store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path) -> None:
    text = ";".join(HEADERS) + "\r\n" + "1;Tổ 1;Nguyễn Thị Thủy;5;;Hoàng Hoa Thám;;;;Đường ngõ hẹp\r\n"
    cp = tmp_path / "cp1258.csv"
    cp.write_bytes(_cp1258(text))
    with pytest.raises(UnicodeDecodeError):
        cp.read_bytes().decode("utf-8")
    preview = preview_import(store, leader, cp)
    assert preview.encoding == "cp1258" and preview.notices
    row = preview.rows[0].household
    assert row is not None and row.head_name == "Nguyễn Thị Thủy" and row.address["street"] == "Hoàng Hoa Thám"
    assert row.notes == "Đường ngõ hẹp"

    utf16 = write_csv(tmp_path / "unicode.txt", GOOD_ROWS, encoding="utf-16", delimiter="\t")
    preview = preview_import(store, leader, utf16)
    assert preview.encoding == "utf-16" and preview.ready == 3
    assert preview.rows[0].household.head_name == "Nguyễn Văn Hùng"  # type: ignore[union-attr]


def test_undecodable_files_get_a_clear_vietnamese_error(store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path) -> None:
    # "Nguyễn Văn Hùng" typed with TCVN3 (ABC) fonts: Vietnamese letters sit on symbol code points
    tcvn3 = "Tæ d©n phè,Hä tªn chñ hé,Sè nhµ\r\nTæ 1,NguyÔn V¨n Hïng,5\r\n".encode("cp1252")
    path = tmp_path / "tcvn3.csv"
    path.write_bytes(tcvn3)
    with pytest.raises(SpreadsheetError) as info:
        preview_import(store, leader, path)
    assert info.value.code == "import_encoding" and "TCVN3" in info.value.message_vi and "CSV UTF-8" in info.value.message_vi
    with pytest.raises(SpreadsheetError) as info:
        decode_text(bytes(range(128, 256)) * 4, "rac.csv")
    assert info.value.code == "import_encoding" and "không phải UTF-8" in info.value.message_vi
    with pytest.raises(SpreadsheetError) as info:
        preview_import(store, leader, tmp_path / "khong-co.xlsx")
    with pytest.raises(SpreadsheetError):
        preview_import(store, leader, write_csv(tmp_path / "x.doc", GOOD_ROWS))


def test_columns_can_be_mapped_and_a_group_chosen_for_the_whole_file(
    store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path
) -> None:
    headers = ["Tên", "Nhà", "Phố", "SĐT"]
    path = write_csv(tmp_path / "odd.csv", [["Ngô Văn Lộc", "3", "Đội Cấn", "0912000111"]], headers=headers)
    with pytest.raises(ImportRefused) as info:
        preview_import(store, leader, path)
    assert "Họ tên chủ hộ" in info.value.message_vi
    preview = preview_import(
        store, leader, path, mapping_spec="Tên=head_name;Nhà=house_number;Phố=street;SĐT=phone", default_group_id=small_ward["group_b"]
    )
    assert preview.ready == 1
    assert preview.rows[0].household.group_id == small_ward["group_b"]  # type: ignore[union-attr]
    with pytest.raises(ImportRefused):
        preview_import(store, leader, path, mapping_spec="Tên=ten_chu_ho")


@pytest.mark.slow
def test_a_20000_row_file(store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path) -> None:
    streets = ["Đội Cấn", "Liễu Giai", "Ngọc Hà", "Văn Cao", "Kim Mã"]
    rows = [
        [
            i + 1,
            f"Tổ {1 + i % 2}",
            f"Nguyễn Văn Số{i}",
            str(100 + i),
            str(1 + i % 300),
            streets[i % 5],
            "",
            "x" if i % 17 == 0 else "",
            "",
            "",
        ]
        for i in range(20_000)
    ]
    path = write_xlsx(tmp_path / "lon.xlsx", rows)
    before = households(store)
    started = time.perf_counter()
    preview = preview_import(store, leader, path)
    previewed = time.perf_counter()
    assert (preview.ready, preview.errors, preview.duplicates) == (20_000, 0, 0)
    result = commit_import(store, leader, preview)
    committed = time.perf_counter()
    assert result.imported == 20_000
    assert households(store) == before + 20_000
    assert [h.head_name for h in search_households(store, "so19999")] == ["Nguyễn Văn Số19999"]
    print(f"\n20,000 rows: preview {previewed - started:.1f} s, commit {committed - previewed:.1f} s")
    assert committed - started < 120
