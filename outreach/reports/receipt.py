"""The visit receipt handed to the resident (A5): what was filed, each dossier code, a QR to the
portal's dossier look-up page, the next steps of each filing (papers still to bring, fee, the
expected result date) and how to reach the team.

The look-up page takes the dossier code as typed input (the portal has no per-dossier address),
so every filing's QR carries the catalogue's look-up address and the code is printed large next
to it, ready to type.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from outreach.catalogue import Catalogue, load_catalogue
from outreach.labels import DEFAULT_LANGUAGE, days_text, fee_text, label
from outreach.reports.pdf_common import FONT, QrFlowable, Styles, numbered_canvas, styles, write_atomically
from outreach.reports.privacy_notice import notice_story
from outreach.services.receipts import NextStep, VisitReceipt
from outreach.timeutil import format_date_vn
from outreach.vocabulary import Channel, FilingStatus, Outcome, Portal

PAGE_WIDTH, PAGE_HEIGHT = A5
MARGIN = 10 * mm
QR_SIZE = 24 * mm


def _next_step(step: NextStep | None, st: Styles, language: str) -> list[Any]:
    """ "Việc tiếp theo" of one filing: fee and time of its channel, the expected result date
    (working days from the submitted date), the papers still to bring."""
    if step is None:
        return []
    channel = label(step.channel, language, of=Channel)
    lines = [f"<b>Việc tiếp theo</b> ({escape(channel)}) — lệ phí: {fee_text(step.fee_vnd)}"]
    if step.submitted:
        when = format_date_vn(step.expected_on) if step.expected_on else "chưa rõ (hỏi đội hỗ trợ)"
        lines.append(f"Thời hạn: {days_text(step.days)} · dự kiến có kết quả: <b>{when}</b>")
    elif step.days is not None:
        lines.append(f"Có kết quả trong {days_text(step.days)} kể từ ngày nộp hồ sơ")
    else:
        lines.append(f"Thời hạn giải quyết: {days_text(None)}")
    parts: list[Any] = [Paragraph(line, st.small) for line in lines]
    if step.papers:
        caption = "Mang theo khi nhận kết quả:" if step.submitted else "Giấy tờ cần mang:"
        parts.append(Paragraph(caption, st.small))
        parts += [Paragraph(f"• {escape(paper)}", st.small) for paper in step.papers]
    return parts


def write_receipt_pdf(receipt: VisitReceipt, path: Path, *, catalogue: Catalogue | None = None,
                      language: str = DEFAULT_LANGUAGE, with_notice: bool = True) -> Path:
    """Write the receipt; the outcome, portal and status are labelled in ``language``. The
    privacy notice (what is kept, why, how long, the person's rights) follows on its own page
    unless ``with_notice`` is off: the resident gets it with every receipt (issue 14)."""
    catalogue = catalogue or load_catalogue()
    st = styles()
    width = PAGE_WIDTH - 2 * MARGIN
    when = f"{receipt.started_at:%H:%M} ngày {format_date_vn(receipt.started_at.date())}" if receipt.started_at else ""
    facts = [
        ("Hộ gia đình", receipt.household_head),
        ("Địa chỉ", receipt.household_address),
        ("Thời gian", when),
        ("Đội hỗ trợ", receipt.team_name),
        ("Người hỗ trợ", receipt.volunteer_name),
        ("Kết quả", label(receipt.outcome, language, of=Outcome)),
    ]
    if receipt.follow_up_date:
        facts.append(("Hẹn quay lại", format_date_vn(receipt.follow_up_date)))
    fact_table = Table([[Paragraph(f"<b>{k}</b>", st.cell), Paragraph(v, st.cell)] for k, v in facts], colWidths=[28 * mm, width - 28 * mm])
    fact_table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])
    )

    story: list[Any] = [
        Paragraph("PHIẾU HỖ TRỢ DỊCH VỤ CÔNG TẠI NHÀ", st.h2),
        Paragraph(receipt.ward_name, st.body),
        Spacer(1, 2 * mm),
        fact_table,
        Spacer(1, 3 * mm),
    ]
    if receipt.filings:
        story.append(Paragraph("Hồ sơ đã hỗ trợ", st.h2))
        rows = []
        for f in receipt.filings:
            details = [
                Paragraph(f"<b>{f.procedure_name}</b> ({f.procedure_code})", st.cell),
                Paragraph(f"Nộp qua: {label(f.portal, language, of=Portal)} · {label(f.status, language, of=FilingStatus)}"
                          + (" · đã nộp phí trực tuyến" if f.fee_paid_online else ""), st.small),
            ]
            details += _next_step(f.next_step, st, language)
            if f.dossier_code:
                details += [Paragraph("Mã hồ sơ:", st.small), Paragraph(f"<b>{f.dossier_code}</b>", st.title)]
                qr: Any = QrFlowable(catalogue.dossier_lookup_url, QR_SIZE)
            else:
                details.append(Paragraph("Chưa có mã hồ sơ (mới hướng dẫn hoặc chuẩn bị giấy tờ).", st.small))
                qr = ""
            rows.append([details, qr])
        filing_table = Table(rows, colWidths=[width - QR_SIZE - 6 * mm, QR_SIZE + 6 * mm])
        filing_table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#BFBFBF")),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story += [
            filing_table,
            Spacer(1, 2 * mm),
            Paragraph(f"Quét mã QR để mở trang tra cứu hồ sơ, rồi nhập mã hồ sơ: {catalogue.dossier_lookup_url}", st.small),
        ]
    contact = f"Liên hệ đội hỗ trợ: {receipt.team_name}" + (f" – điện thoại {receipt.team_phone}" if receipt.team_phone else "")
    story += [Spacer(1, 4 * mm), Paragraph(contact, st.body)]
    if with_notice:
        story += [PageBreak(), *notice_story(receipt.ward_name, team_name=receipt.team_name, team_phone=receipt.team_phone)]

    def furniture(canvas: Any, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawString(MARGIN, 6 * mm, "Giữ phiếu này để tra cứu hồ sơ. Đội hỗ trợ không bao giờ hỏi mật khẩu hay mã OTP.")
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 6 * mm, f"Trang {page}/{total}")
        canvas.restoreState()

    def build(target: Path) -> None:
        doc = SimpleDocTemplate(
            str(target),
            pagesize=A5,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=10 * mm,
            bottomMargin=12 * mm,
            title="Phiếu hỗ trợ dịch vụ công",
            author="Outreach",
        )
        doc.build(story, canvasmaker=numbered_canvas(furniture))

    return write_atomically(path, build)
