"""The access export (issue 14): everything held about one person, as a PDF for them and an XLSX.

In Vietnamese (``EXPORT_LANGUAGE``): the person reads it, and so does the office. The same
sections in both files, in the same order: the person, the household, visits, filings, consent
history, who accessed the record, the person's requests. Dates dd/mm/yyyy.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from outreach.labels import EXPORT_LANGUAGE, label
from outreach.model.subject_record import SubjectRecord
from outreach.reports.cell_safety import set_xlsx_value
from outreach.reports.pdf_common import FONT, numbered_canvas, styles, write_atomically
from outreach.timeutil import format_date_vn
from outreach.vocabulary import (
    AuditAction,
    AuditActorKind,
    Channel,
    DataRight,
    FilingStatus,
    Outcome,
    RequestStatus,
    ReviewStatus,
    Sex,
)

MARGIN = 15 * mm
Section = tuple[str, list[str], list[list[str]]]


def _day(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return f"{format_date_vn(value.date())} {value:%H:%M}"
    if isinstance(value, dt.date):
        return format_date_vn(value)
    return "" if value is None else str(value)


def _yes(value: Any) -> str:
    return "Có" if value else "Không"


def _l(code: Any, of: Any) -> str:
    return label(code, EXPORT_LANGUAGE, of=of) if code else ""


def sections(record: SubjectRecord) -> list[Section]:
    """The export's sections: (heading, column headings, rows of text)."""
    r, h = record.resident, record.household
    person = [
        ["Họ và tên", r.get("full_name") or ""], ["Ngày sinh", _day(r.get("date_of_birth"))], ["Giới tính", _l(r.get("sex"), Sex)],
        ["Số định danh cá nhân", r.get("personal_id") or ""], ["Số CMND cũ", r.get("old_id") or ""],
        ["Địa chỉ trên thẻ", r.get("card_address") or ""], ["Quan hệ với chủ hộ", r.get("relation_to_head") or ""],
        ["Số điện thoại", r.get("phone") or ""], ["Mức định danh VNeID", str(r.get("vneid_level") or 0)],
        ["Đồng ý lưu dữ liệu từ", _day(r.get("consent_given_at"))], ["Rút đồng ý lúc", _day(r.get("consent_withdrawn_at"))],
    ]
    if r.get("erased_at"):
        person.append(["Dữ liệu cá nhân đã xoá lúc", _day(r.get("erased_at"))])
    household = [
        ["Chủ hộ", h.get("head_name", "")], ["Địa chỉ", h.get("address", "")], ["Tổ dân phố", h.get("group", "")],
        ["Số điện thoại của hộ", h.get("phone") or ""], ["Người cao tuổi sống một mình", _yes(h.get("elderly_alone"))],
        ["Người khuyết tật", _yes(h.get("disabled"))], ["Gia đình chính sách", _yes(h.get("policy_family"))],
        ["Hộ nghèo", _yes(h.get("poor_household"))], ["Ghi chú", h.get("notes", "")],
    ] if h else []
    return [
        ("Thông tin cá nhân", ["Mục", "Nội dung"], person),
        ("Hộ gia đình", ["Mục", "Nội dung"], household),
        ("Các lần đội đến thăm", ["Thời gian", "Kết quả", "Đội", "Người hỗ trợ", "Duyệt"],
         [[_day(v["started_at"]), _l(v["outcome"], Outcome), v["team"], v["volunteer"], _l(v["review_status"], ReviewStatus)]
          for v in record.visits]),
        ("Hồ sơ dịch vụ công đã hỗ trợ", ["Ngày", "Thủ tục", "Trạng thái", "Hình thức nộp", "Mã hồ sơ"],
         [[_day(f["submitted_at"]), f"{f['procedure_name']} ({f['procedure_code']})", _l(f["status"], FilingStatus),
           _l(f["channel"], Channel), f["dossier_code"]] for f in record.filings]),
        ("Lịch sử đồng ý", ["Thời gian", "Sự việc", "Mục đích", "Người ghi nhận"],
         [[_day(c["at"]), "Đồng ý" if c["event"] == "given" else "Rút lại đồng ý", c["purpose"], c["by"]] for c in record.consent]),
        ("Ai đã truy cập dữ liệu", ["Thời gian", "Việc", "Người / bộ phận", "Máy"],
         [[_day(a["at"]), _l(a["action"], AuditAction), a["actor"] if a["actor_kind"] == AuditActorKind.MEMBER
           else f"{_l(a['actor_kind'], AuditActorKind)} {a['actor']}".strip(), a["device"][-12:]] for a in record.accesses]),
        ("Yêu cầu của bạn", ["Ngày nhận", "Quyền", "Hạn trả lời", "Trạng thái", "Kết quả"],
         [[_day(q["received_on"]), _l(q["right"], DataRight), _day(q["respond_by"]), _l(q["status"], RequestStatus), q["outcome"]]
          for q in record.requests]),
    ]


def _widths(headers: list[str], rows: list[list[str]], width: float) -> list[float]:
    """Column widths by the longest text of each column (a dossier code must not wrap)."""
    if len(headers) == 2:
        return [60 * mm, width - 60 * mm]
    weights = [min(max([len(h)] + [len(row[i]) for row in rows]), 40) + 4 for i, h in enumerate(headers)]
    return [width * w / sum(weights) for w in weights]


def write_access_pdf(record: SubjectRecord, path: Path) -> Path:
    """The PDF handed to the person (A4)."""
    st = styles()
    width = A4[0] - 2 * MARGIN
    story: list[Any] = [
        Paragraph("DỮ LIỆU CÁ NHÂN PHƯỜNG ĐANG LƯU VỀ BẠN", st.title),
        Paragraph(f"{record.ward_name} · lập ngày {_day(record.generated_at)}", st.body),
        Paragraph("Theo quyền được biết và truy cập dữ liệu (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15).", st.small),
        Spacer(1, 3 * mm),
    ]
    for heading, headers, rows in sections(record):
        story.append(Paragraph(heading, st.h2))
        if not rows:
            story.append(Paragraph("Không có.", st.small))
            continue
        cells = [[Paragraph(f"<b>{h}</b>", st.cell) for h in headers]] + [[Paragraph(c, st.cell) for c in row] for row in rows]
        table = Table(cells, colWidths=_widths(headers, rows, width), repeatRows=1)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE6F1")),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#BFBFBF"))]))
        story.append(table)

    def furniture(canvas: Any, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawString(MARGIN, 8 * mm, "Tài liệu chứa dữ liệu cá nhân: chỉ giao cho chính người được nêu tên.")
        canvas.drawRightString(A4[0] - MARGIN, 8 * mm, f"Trang {page}/{total}")
        canvas.restoreState()

    def build(target: Path) -> None:
        doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=14 * mm, bottomMargin=14 * mm,
                                title="Dữ liệu cá nhân phường đang lưu", author="Outreach")
        doc.build(story, canvasmaker=numbered_canvas(furniture))

    return write_atomically(path, build)


def write_access_xlsx(record: SubjectRecord, path: Path, *, password: str | None = None) -> Path:
    """The same sections, one sheet each (the office's copy, sortable); with ``password`` an
    encrypted workbook (``xlsx_protect``: the plain one is built in memory, never on disk)."""
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    for heading, headers, rows in sections(record):
        ws = wb.create_sheet(heading[:31])
        ws.append(headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DCE6F1")
        for number, row in enumerate(rows, start=2):
            for column, value in enumerate(row, start=1):
                set_xlsx_value(ws.cell(row=number, column=column), value)
        for i, head in enumerate(headers, start=1):
            longest = max([len(head)] + [len(row[i - 1]) for row in rows])
            ws.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 10), 60)
        ws.freeze_panes = "A2"
    if password is not None:
        from outreach.reports.xlsx_protect import write_protected_xlsx

        plain = io.BytesIO()
        wb.save(plain)
        return write_protected_xlsx(plain.getvalue(), path, password)
    tmp = path.with_name(path.name + ".part")
    wb.save(tmp)
    tmp.replace(path)
    return path
