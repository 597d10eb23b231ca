"""The A4 route sheet of a team's day plan: household, address, why it is on the list, tick
boxes (done / not at home) and a line for notes, in walking order.

It is read standing in a dim stairwell, so the type is large (13 pt names, 12 pt addresses,
nothing under 10 pt) and the boxes are big enough to tick with a pen on a clipboard. Words are
Vietnamese whatever the profile's language (``EXPORT_LANGUAGE``: a team's paper). Household
text is escaped before it reaches reportlab's paragraph markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from outreach.labels import EXPORT_LANGUAGE, label
from outreach.reports.pdf_common import FONT, FONT_BOLD, numbered_canvas, register_fonts, write_atomically
from outreach.services.day_plan import DayPlan, PlanLine
from outreach.timeutil import format_date_vn
from outreach.vocabulary import PlanMark, PlanReason, ReachList

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 12 * mm
BOX = 7 * mm
NUMBER_WIDTH, BOXES_WIDTH = 11 * mm, 36 * mm


class TickBox(Flowable):
    """A square to tick by hand, with its word beside it; ticked already when ``ticked``."""

    def __init__(self, word: str, ticked: bool = False) -> None:
        super().__init__()
        self.word, self.ticked = word, ticked
        self.width, self.height = BOXES_WIDTH - 4 * mm, BOX + 1 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setLineWidth(1.2)
        c.rect(0, 0.5 * mm, BOX, BOX, stroke=1, fill=0)
        if self.ticked:
            c.setLineWidth(2)
            c.line(1.3 * mm, 3.8 * mm, 3 * mm, 1.8 * mm)
            c.line(3 * mm, 1.8 * mm, 6.2 * mm, 6.6 * mm)
        c.setFont(FONT, 11)
        c.drawString(BOX + 2 * mm, 2.2 * mm, self.word)


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("route", fontName=FONT, fontSize=12, leading=15)
    return {
        "title": ParagraphStyle("route_title", parent=base, fontName=FONT_BOLD, fontSize=18, leading=22),
        "sub": ParagraphStyle("route_sub", parent=base, fontSize=13, leading=16),
        "number": ParagraphStyle("route_number", parent=base, fontName=FONT_BOLD, fontSize=15, leading=18),
        "head": ParagraphStyle("route_head", parent=base, fontName=FONT_BOLD, fontSize=13, leading=16),
        "address": base,
        "why": ParagraphStyle("route_why", parent=base, fontSize=11, leading=13.5),
        "small": ParagraphStyle("route_small", parent=base, fontSize=10, leading=12, textColor=colors.HexColor("#333333")),
    }


def reasons_text(line: PlanLine, language: str = EXPORT_LANGUAGE) -> list[str]:
    """Why a household is on the plan, one phrase each: its reasons, the people on reach lists
    (name: list), the dossier codes to look up."""
    # a reason the details below say more precisely is left out
    said = {PlanReason.REACH_LIST} if line.people else set()
    said |= {PlanReason.DOSSIER_OVERDUE} if any(line.dossiers) else set()
    phrases = [label(r, language, of=PlanReason) for r in line.reasons if r not in said]
    phrases += [f"{p.name}: {label(p.list_code, language, of=ReachList)}" for p in line.people]
    phrases += [f"{label(PlanReason.DOSSIER_OVERDUE, language, of=PlanReason)}: {code}" for code in line.dossiers if code]
    if line.note:
        phrases.append(line.note)
    return list(dict.fromkeys(phrases))


def write_route_sheet_pdf(plan: DayPlan, path: Path, *, ward_name: str = "") -> Path:
    """Write the route sheet of ``plan`` to ``path`` (atomically)."""
    st = _styles()
    width = PAGE_WIDTH - 2 * MARGIN
    main = width - NUMBER_WIDTH - BOXES_WIDTH
    house_width, why_width = main * 0.45, main * 0.55
    counts = plan.counts()
    story: list[Any] = [
        Paragraph(escape(f"LỘ TRÌNH ĐI CƠ SỞ – {plan.team_name}"), st["title"]),
        Paragraph(escape(f"Ngày {format_date_vn(plan.day)} · {counts['households']} hộ"
                         + (f" · {ward_name}" if ward_name else "")
                         + ("" if plan.area is not None else " · đội chưa được giao địa bàn: cả phường")), st["sub"]),
        Spacer(1, 4 * mm),
    ]
    rows: list[list[Any]] = []
    style: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for number, line in enumerate(plan.lines, start=1):
        top = len(rows)
        house = [Paragraph(escape(line.head_name), st["head"]), Paragraph(escape(line.address_line), st["address"])]
        if line.group_name or line.phone:
            house.append(Paragraph(escape(" · ".join(x for x in (line.group_name, line.phone) if x)), st["small"]))
        why = [Paragraph(escape(text), st["why"]) for text in reasons_text(line)]
        boxes = [TickBox("Đã đến", line.mark == PlanMark.DONE), Spacer(1, 1.5 * mm),
                 TickBox("Vắng nhà", line.mark == PlanMark.NOT_HOME)]
        rows.append([Paragraph(str(number), st["number"]), house, why, boxes])
        rows.append(["", Paragraph("Ghi chú: " + "." * 120, st["small"]), "", ""])
        style += [
            ("SPAN", (1, top + 1), (3, top + 1)), ("NOSPLIT", (0, top), (-1, top + 1)),
            ("LINEBELOW", (0, top + 1), (-1, top + 1), 0.8, colors.HexColor("#808080")),
            ("TOPPADDING", (0, top), (-1, top), 5), ("BOTTOMPADDING", (0, top + 1), (-1, top + 1), 6),
        ]
    if rows:
        table = Table(rows, colWidths=[NUMBER_WIDTH, house_width, why_width, BOXES_WIDTH], repeatRows=0)
        table.setStyle(TableStyle(style))
        story.append(table)
    else:
        story.append(Paragraph("Hôm nay không có hộ nào trong kế hoạch.", st["sub"]))

    title = f"Lộ trình {plan.team_name} {format_date_vn(plan.day)}"

    def furniture(canvas: Any, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 10)
        canvas.drawString(MARGIN, 7 * mm, f"{plan.team_name} · {format_date_vn(plan.day)}")
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 7 * mm, f"Trang {page}/{total}")
        canvas.restoreState()

    def build(target: Path) -> None:
        doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=12 * mm,
                                bottomMargin=14 * mm, title=title, author="Outreach")
        doc.build(story, canvasmaker=numbered_canvas(furniture))

    return write_atomically(path, build)
