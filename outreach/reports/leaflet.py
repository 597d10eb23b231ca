"""The printable leaflet of essential procedures: name, code and a QR of each portal page.

Teams leave it on the kitchen table after a visit so residents can file the next time on their
own phone. The procedures are the essential ones of the laptop's synced catalogue
(``services.procedures.leaflet_procedures``: what the office publishes, not the bundled file);
each QR carries the procedure's portal page built from the catalogue's configurable base URL and
paths (never an address typed in code), by its record id (formalityId) when the office's record
has one. A procedure whose code is marked unverified gets no QR: a link that leads to the
portal's error page would cost the leaflet its credibility.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from outreach.catalogue import Catalogue, ProcedureInfo, load_catalogue
from outreach.labels import label
from outreach.reports.pdf_common import FONT, QrFlowable, Styles, numbered_canvas, styles, write_atomically
from outreach.services.procedures import procedure_page
from outreach.vocabulary import OnlineLevel

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 12 * mm
#: 5 × 5 cards: the 25 essential procedures fit one A4 page, QR codes still large enough for a phone.
COLUMNS = 5
QR_SIZE = 22 * mm
LEVEL_NOTE_VI: dict[str, str] = {
    OnlineLevel.FULL: "Nộp và nhận kết quả trực tuyến",
    OnlineLevel.PARTIAL: "Nộp trực tuyến, nhận kết quả tại cơ quan",
    OnlineLevel.COUNTER: "Làm trực tiếp; đội hỗ trợ đặt lịch, chuẩn bị giấy tờ",
}


def _card(info: ProcedureInfo, url: str | None, st: Styles) -> list[Any]:
    parts: list[Any] = []
    if url:
        parts.append(QrFlowable(url, QR_SIZE))
    else:
        parts.append(Paragraph("(Mã thủ tục đang được xác minh; hỏi đội hỗ trợ)", st.small))
    parts += [
        Spacer(1, 1.5 * mm),
        Paragraph(f"<b>{info.short_name or info.name_vi}</b>", st.small),
        Paragraph(f"Mã TTHC: {info.code} · {label(info.online_level, 'vi', of=OnlineLevel)}", st.small),
    ]
    return parts


def leaflet_urls(procedures: Sequence[ProcedureInfo], catalogue: Catalogue | None = None) -> list[tuple[ProcedureInfo, str | None]]:
    """Each procedure and the address its QR carries (None: no QR printed), from the
    catalogue's portal settings and the procedure's own record id."""
    catalogue = catalogue or load_catalogue()
    return [(p, procedure_page(p, catalogue)) for p in procedures]


def write_leaflet_pdf(path: Path, procedures: Sequence[ProcedureInfo], *, ward_name: str = "", team_phone: str = "",
                      catalogue: Catalogue | None = None) -> Path:
    """Write the A4 leaflet of ``procedures``: a grid of procedure cards, then the dossier look-up QR."""
    catalogue = catalogue or load_catalogue()
    st = styles()
    cards = [_card(info, url, st) for info, url in leaflet_urls(procedures, catalogue)]
    # A cell is a card (a list of flowables) or "" to pad the last row.
    rows: list[list[list[Any] | str]] = [list(cards[i : i + COLUMNS]) for i in range(0, len(cards), COLUMNS)]
    if rows and len(rows[-1]) < COLUMNS:
        rows[-1] += [""] * (COLUMNS - len(rows[-1]))
    column_width = (PAGE_WIDTH - 2 * MARGIN) / COLUMNS
    grid = Table(rows, colWidths=[column_width] * COLUMNS, hAlign="CENTER")
    grid.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#A6A6A6")),
        ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#A6A6A6")),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    lookup = Table(
        [[QrFlowable(catalogue.dossier_lookup_url, 22 * mm),
          [Paragraph("<b>Tra cứu tình trạng hồ sơ</b>", st.body),
           Paragraph("Quét mã, nhập mã hồ sơ ghi trên phiếu hỗ trợ để xem hồ sơ đã được giải quyết đến đâu.", st.small),
           Paragraph(catalogue.dossier_lookup_url, st.small)]]],
        colWidths=[28 * mm, PAGE_WIDTH - 2 * MARGIN - 28 * mm],
    )
    lookup.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    title = "THỦ TỤC HÀNH CHÍNH THIẾT YẾU – NỘP TRỰC TUYẾN"
    intro = ("Quét mã QR bằng camera điện thoại để mở trang thủ tục trên Cổng Dịch vụ công quốc gia. "
             "Đăng nhập bằng tài khoản định danh điện tử VNeID.")
    contact = " · ".join(x for x in (ward_name, f"Đội hỗ trợ: {team_phone}" if team_phone else "") if x)
    story = [
        Paragraph(title, st.title),
        Paragraph(intro, st.body),
        Spacer(1, 3 * mm),
        grid,
        Spacer(1, 2 * mm),
        Paragraph(" · ".join(f"<b>{label(level, 'vi', of=OnlineLevel)}</b>: {note}" for level, note in LEVEL_NOTE_VI.items()), st.small),
        Spacer(1, 3 * mm),
        lookup,
    ]

    def furniture(canvas: Any, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        if contact:
            canvas.drawString(MARGIN, 8 * mm, contact)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 8 * mm, f"Trang {page}/{total}")
        canvas.restoreState()

    def build(target: Path) -> None:
        doc = SimpleDocTemplate(
            str(target), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=12 * mm, bottomMargin=14 * mm,
            title="Thủ tục hành chính thiết yếu", author="Outreach",
        )
        doc.build(story, canvasmaker=numbered_canvas(furniture))

    return write_atomically(path, build)
