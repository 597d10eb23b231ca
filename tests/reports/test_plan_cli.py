"""``outreach export route-sheet`` and ``outreach export reach-list`` as real processes on a demo ward."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from outreach.timeutil import format_date_vn, today_local
from tests.reports.test_reports_cli import run


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("plan-cli") / "demo"
    made = run("--data-dir", str(data_dir), "demo-data", "--households", "60", "--seed", "5")
    assert made.returncode == 0, made.stderr
    return data_dir


def _failed(result: subprocess.CompletedProcess[str], data_dir: Path) -> str:
    """What a failed command said, with the end of the app's log (where an unexpected error's
    traceback goes): the message alone names only the log file, which pytest later deletes."""
    log = data_dir / "logs" / "outreach.log"
    tail = log.read_text(encoding="utf-8", errors="replace")[-4000:] if log.exists() else "(no log)"
    return f"{result.stderr}\n--- log ---\n{tail}"


def _text(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split())


def test_route_sheet_defaults_to_the_profiles_team_and_today(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "lo-trinh.pdf"
    result = run("--data-dir", str(demo), "export", "route-sheet", "-o", str(out))
    assert result.returncode == 0, _failed(result, demo)
    assert "Đã tạo lộ trình Đội cơ động số 1" in result.stdout
    text = _text(out)
    assert "LỘ TRÌNH ĐI CƠ SỞ – Đội cơ động số 1" in text and f"Ngày {format_date_vn(today_local())}" in text


def test_route_sheet_for_another_team_and_day(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "doi-2.pdf"
    result = run("--data-dir", str(demo), "export", "route-sheet", "--team", "doi co dong so 2", "--date", "15/12/2026",
                 "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "LỘ TRÌNH ĐI CƠ SỞ – Đội cơ động số 2 Ngày 15/12/2026" in _text(out)


def test_route_sheet_refuses_a_bad_date_or_team_in_one_line(demo: Path, tmp_path: Path) -> None:
    bad = run("--data-dir", str(demo), "export", "route-sheet", "--date", "mai", "-o", str(tmp_path / "x.pdf"))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "ngày/tháng/năm" in bad.stderr
    nobody = run("--data-dir", str(demo), "export", "route-sheet", "--team", "Đội 99", "-o", str(tmp_path / "x.pdf"))
    assert nobody.returncode == 1 and "Không có đội" in nobody.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_reach_list_exports_to_xlsx(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "vneid.xlsx"
    result = run("--data-dir", str(demo), "export", "reach-list", "no_vneid_level2", "-o", str(out))
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out)["Danh sách cần tiếp cận"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Danh sách", "Họ và tên", "Ngày sinh")
    assert len(rows) > 1 and {r[0] for r in rows[1:]} == {"Từ 14 tuổi chưa có VNeID mức 2"}
    assert f"Đã xuất {len(rows) - 1} dòng" in result.stdout
