"""The team-area, outing and target tables (issue 12) in the XLSX, CSV and PDF exports, read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from outreach.reports import write_coverage
from outreach.reports.csv_export import read_sections
from outreach.services.context import Actor
from outreach.services.coverage import CoverageReport, compute_coverage
from outreach.store.database import Store
from tests.helpers.area_ward import NOVEMBER, build_area_ward
from tests.helpers.xlsx import sheet
from tests.reports.test_exports import _pdf_text


@pytest.fixture
def report(store: Store, ward: dict[str, str], leader: Actor, volunteer: Actor) -> CoverageReport:
    build_area_ward(store, ward, leader, volunteer)
    return compute_coverage(store, NOVEMBER)


def _rows(ws: Any) -> list[tuple[Any, ...]]:
    return [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0] is not None]


def test_xlsx_has_the_area_outing_and_target_sheets(report: CoverageReport, tmp_path: Path) -> None:
    wb = load_workbook(write_coverage(report, tmp_path / "bao-cao.xlsx"))
    assert wb.sheetnames[-5:] == ["Theo địa bàn đội", "TNV theo địa bàn", "Buổi đi theo tuần", "Theo buổi đi cơ sở", "Chỉ tiêu"]
    areas = sheet(wb, "Theo địa bàn đội")
    assert [c.value for c in areas[4]] == ["Đội", "Số tổ dân phố", "Tử số/Mẫu số (địa bàn)", "Tử số", "Mẫu số", "Tỷ lệ (địa bàn)",
                                          "Tử số/Mẫu số (toàn phường)", "Tỷ lệ (toàn phường)"]
    rows = _rows(areas)
    assert rows[0][:6] == ("Đội cơ động số 1", 1, "3/4", 3, 4, pytest.approx(0.75)) and rows[0][6] == "4/8"
    assert rows[-1][:5] == ("Hộ ngoài địa bàn của mọi đội", None, "2/8", 2, 8)
    assert areas["F5"].number_format == "0.0%"
    assert [r[:3] for r in _rows(sheet(wb, "Buổi đi theo tuần"))] == [
        ("Đội cơ động số 1", "2026-W45", 1), ("Đội cơ động số 1", "2026-W46", 2), ("Đội cơ động số 2", "2026-W47", 1),
        ("Tổng cộng", None, 4)]
    targets = _rows(sheet(wb, "Chỉ tiêu"))
    assert targets[0][:6] == ("Đội cơ động số 1", "Số hộ được thăm", "01/11/2026–30/11/2026", "4/8", 4, 8)
    assert targets[2][1:4] == ("Số hồ sơ nộp trực tuyến", "01/11/2026–30/11/2026", "2/5")
    notes = [c.value for c in sheet(wb, "Tổng quan")["A"] if isinstance(c.value, str)]
    assert any("Địa bàn đội" in line for line in notes)


def test_csv_and_pdf_carry_the_same_tables(report: CoverageReport, tmp_path: Path) -> None:
    sections = read_sections(write_coverage(report, tmp_path / "bao-cao.csv"))
    outings = sections["Hộ và người được tiếp cận theo buổi đi cơ sở"]
    assert outings[0] == ["Ngày", "Đội", "Lần thăm", "Hộ được thăm", "Người được hỗ trợ hồ sơ"]
    assert outings[1] == ["03/11/2026", "Đội cơ động số 1", "2", "2", "2"]
    assert outings[-1] == ["Tổng cộng", "", "6", "6", "3"]
    text = _pdf_text(write_coverage(report, tmp_path / "bao-cao.pdf"))
    for line in ("9. Hộ được thăm theo địa bàn đội", "13. Tiến độ chỉ tiêu", "Hộ ngoài địa bàn của mọi đội", "Phạm Quang Huy"):
        assert line in text
    assert "Số hộ ưu tiên" in text and "2/4" in text
