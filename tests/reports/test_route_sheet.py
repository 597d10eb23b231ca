"""The A4 route sheet (reports/route_sheet.py) of a real day plan, read back with pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader

from outreach.reports.route_sheet import write_route_sheet_pdf
from outreach.services.context import Actor
from outreach.services.day_plan import day_plan, mark_done
from outreach.store.database import Store
from outreach.timeutil import format_date_vn
from tests.helpers.plan_ward import TODAY, build_plan_ward


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_route_sheet_lists_the_plan_in_walking_order(store: Store, leader: Actor, volunteer: Actor, ward: dict[str, str],
                                                     tmp_path: Path) -> None:
    h = build_plan_ward(store, leader, volunteer, ward)
    mark_done(store, volunteer, h["team"], TODAY, h["due"])
    plan = day_plan(store, h["team"], TODAY)
    pdf = write_route_sheet_pdf(plan, tmp_path / "lo-trinh.pdf", ward_name="Phường Ngọc Hà")
    reader = PdfReader(pdf)
    page = reader.pages[0]
    assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842  # A4 portrait
    text = _text(pdf)
    flat = " ".join(text.split())
    assert "LỘ TRÌNH ĐI CƠ SỞ – Đội cơ động số 1" in flat
    assert f"Ngày {format_date_vn(TODAY)} · 6 hộ · Phường Ngọc Hà" in flat
    # walking order, numbered
    heads = ["Chờ Kết Quả", "Có Em Bé", "Ưu Tiên", "Hôm Nay", "Quá Hạn", "Bị Trả"]
    positions = [flat.index(head) for head in heads]
    assert positions == sorted(positions)
    for phrase in ("Số 5, Lê Lợi", "Số 12A, ngách 45/12, ngõ 45, Văn Cao", "Hẹn quay lại quá hạn", "Đội trưởng trả lại",
                   "Hộ ưu tiên chưa đến kỳ này", "Bé Mới Sinh: Trẻ mới sinh cần đăng ký khai sinh",
                   "Hồ sơ quá hạn trả kết quả: G22.99-261101-0001", "Chưa Có Mức 2: Từ 14 tuổi chưa có VNeID mức 2",
                   "Đã đến", "Vắng nhà", "Ghi chú:", "Trang 1/1"):
        assert phrase in flat, phrase
    assert flat.count("Đã đến") == 6 and flat.count("Ghi chú:") == 6
    # large type: household names are set at 13 pt or more, nothing below 10 pt
    sizes = set()
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.add(round(size * tm[0], 1)) if text.strip() else None)
    assert min(sizes) >= 10


def test_an_empty_plan_says_so(store: Store, ward: dict[str, str], tmp_path: Path) -> None:
    plan = day_plan(store, ward["team"], TODAY)
    flat = " ".join(_text(write_route_sheet_pdf(plan, tmp_path / "trong.pdf")).split())
    assert "Hôm nay không có hộ nào trong kế hoạch." in flat and "0 hộ" in flat
