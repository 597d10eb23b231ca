"""Coverage report as an A4 PDF: ward and period on every page, tables, bar and line charts.

It is the version that gets printed for the ward's weekly meeting and attached to reports to the
People's Committee, so every page says whose figures they are and for which period, and pages
are numbered "Trang 2/5" so a stapled copy can be checked for completeness.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from outreach.labels import DEFAULT_LANGUAGE, name_text, scope_text
from outreach.reports.pdf_common import (
    FONT,
    FONT_BOLD,
    Styles,
    format_float,
    format_int,
    format_share,
    numbered_canvas,
    styles,
    write_atomically,
)
from outreach.reports.tables import Percent, ReportTable, coverage_tables, notes_lines, report_heading
from outreach.services.coverage import CoverageReport

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
BLUE = colors.HexColor("#2F5597")
ORANGE = colors.HexColor("#C55A11")
GREY = colors.HexColor("#808080")
HEADER_BG = colors.HexColor("#DCE6F1")
TOTAL_BG = colors.HexColor("#F2F2F2")


def _cell_text(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, Percent):
        return format_share(float(value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return format_int(value)
    if isinstance(value, float):
        return format_float(value)
    return str(value)


def _table(t: ReportTable, st: Styles, col_widths: list[float] | None = None) -> Table:
    numeric_columns = [
        i for i in range(len(t.headers)) if any(isinstance(r[i], (int, float)) and not isinstance(r[i], bool) for r in t.all_rows())
    ]
    header = [Paragraph(h, st.cell_bold_right if i in numeric_columns else st.cell_bold) for i, h in enumerate(t.headers)]
    body: list[list[Any]] = []
    for row in t.all_rows():
        is_total = t.total is not None and row is t.total
        style = st.cell_bold if is_total else st.cell
        body.append([
            Paragraph(_cell_text(v), style) if isinstance(v, str) else _cell_text(v) for v in row
        ])
    table = Table([header, *body], colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, GREY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#D9D9D9")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i in numeric_columns:
        commands.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))
    if t.total is not None:
        commands += [("BACKGROUND", (0, -1), (-1, -1), TOTAL_BG), ("FONT", (0, -1), (-1, -1), FONT_BOLD, 8.5)]
    table.setStyle(TableStyle(commands))
    return table


def _widths(t: ReportTable, first: float) -> list[float]:
    rest = (CONTENT_WIDTH - first) / (len(t.headers) - 1)
    return [first] + [rest] * (len(t.headers) - 1)


def _bar_chart(title: str, names: list[str], values: list[float], *, percent: bool, height: float = 62 * mm) -> Drawing:
    drawing = Drawing(CONTENT_WIDTH, height)
    drawing.add(String(0, height - 10, title, fontName=FONT_BOLD, fontSize=10))
    chart = VerticalBarChart()
    many = len(names) > 12
    chart.x, chart.y = 32, 48 if many else 24
    chart.width, chart.height = CONTENT_WIDTH - 40, height - chart.y - 20  # type: ignore[assignment]  # types-reportlab says int; any number works
    chart.data = [[v * 100 for v in values] if percent else values]
    chart.bars[0].fillColor = BLUE
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    if percent:
        chart.valueAxis.valueMax = 100
        chart.valueAxis.valueStep = 20
        chart.valueAxis.labelTextFormat = "%d %%"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6 if many else 7.5
    if many:
        chart.categoryAxis.labels.angle = 60
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dy = -2
    chart.barSpacing = 1
    drawing.add(chart)
    return drawing


def _trend_chart(report: CoverageReport, height: float = 70 * mm) -> Drawing:
    drawing = Drawing(CONTENT_WIDTH, height)
    drawing.add(String(0, height - 10, "Xu hướng 12 tuần: lần thăm và hồ sơ", fontName=FONT_BOLD, fontSize=10))
    chart = HorizontalLineChart()
    chart.x, chart.y = 32, 40
    chart.width, chart.height = CONTENT_WIDTH - 40, height - 70  # type: ignore[assignment]  # types-reportlab says int; any number works
    chart.data = [[t.visits for t in report.trend], [t.filings for t in report.trend]]
    chart.categoryAxis.categoryNames = [t.iso_week.split("-")[1] for t in report.trend]
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = FONT
        axis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.lines[0].strokeColor = BLUE
    chart.lines[1].strokeColor = ORANGE
    for line in (chart.lines[0], chart.lines[1]):
        line.strokeWidth = 1.6
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 40, 12
    legend.fontName = FONT
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(BLUE, "Lần thăm"), (ORANGE, "Hồ sơ đã hỗ trợ")]
    drawing.add(legend)
    return drawing


def _section(title: str, st: Styles, *content: Flowable) -> list[Flowable]:
    return [CondPageBreak(40 * mm), Paragraph(title, st.h2), *content, Spacer(1, 4 * mm)]


def coverage_story(report: CoverageReport, st: Styles, language: str = DEFAULT_LANGUAGE) -> list[Flowable]:
    tables = {t.key: t for t in coverage_tables(report, language)}
    story: list[Flowable] = [
        Paragraph("BÁO CÁO ĐỘ BAO PHỦ HỖ TRỢ DỊCH VỤ CÔNG TẠI NHÀ", st.title),
        *[Paragraph(f"<b>{label}:</b> {value}", st.body) for label, value in report_heading(report, language)],
        Spacer(1, 4 * mm),
    ]
    summary = tables["summary"]
    story += _section("1. Tổng quan", st, _table(summary, st, [110 * mm, 40 * mm]))
    figures = tables["figures"]
    story += _section("Chỉ số báo cáo", st, _table(figures, st, [92 * mm, 26 * mm, 18 * mm, 18 * mm, 18 * mm]))

    groups = tables["groups"]
    chart = _bar_chart(
        "Tỷ lệ hộ được thăm theo tổ dân phố", [name_text(g.group_name, language).replace("Tổ dân phố số ", "TDP ") for g in report.groups],
        [g.coverage or 0.0 for g in report.groups], percent=True,
    )
    story += _section("2. Hộ được thăm theo tổ dân phố", st, chart, Spacer(1, 2 * mm), _table(groups, st, _widths(groups, 45 * mm)))
    story += _section("3. Hộ ưu tiên", st, _table(tables["priority"], st, _widths(tables["priority"], 70 * mm)))

    outcomes = tables["outcomes"]
    outcome_chart = _bar_chart(
        "Lần thăm theo kết quả", [r[0] for r in outcomes.rows], [r[1] for r in outcomes.rows], percent=False, height=55 * mm
    )
    story += _section("4. Lần thăm theo kết quả", st, KeepTogether([outcome_chart, _table(outcomes, st, _widths(outcomes, 70 * mm))]))

    levels = tables["levels"]
    level_chart = _bar_chart(
        "Hồ sơ theo mức độ trực tuyến", [r[0] for r in levels.rows], [r[1] for r in levels.rows], percent=False, height=50 * mm
    )
    story += _section("5. Hồ sơ theo mức độ trực tuyến", st, KeepTogether([level_chart, _table(levels, st, _widths(levels, 55 * mm))]))
    procedures = tables["procedures"]
    story += _section(
        "6. Hồ sơ theo thủ tục",
        st,
        _table(procedures, st, [22 * mm, 62 * mm, 26 * mm] + [(CONTENT_WIDTH - 110 * mm) / 4] * 4),
    )
    volunteers = tables["volunteers"]
    story += _section("7. Lần thăm theo tình nguyện viên", st, _table(volunteers, st, _widths(volunteers, 50 * mm)))
    trend = tables["trend"]
    story += _section("8. Xu hướng 12 tuần", st, KeepTogether([_trend_chart(report), _table(trend, st, _widths(trend, 28 * mm))]))
    story += _area_sections(tables, st)
    story += [Paragraph("Ghi chú", st.h2), *[Paragraph(f"• {line}", st.small) for line in notes_lines(report)]]
    return story


#: The team-area, outing and target sections (issue 12), numbered after the ward's eight, with
#: their column widths in mm (one number: the first column's, the rest share what is left).
_AREA_SECTIONS: tuple[tuple[str, list[float] | float], ...] = (
    ("areas", [36, 16, 24, 14, 14, 20, 32, 24]), ("area_volunteers", [36, 30, 22, 13, 13, 20, 24, 22]),
    ("outing_weeks", 60.0), ("outings", 30.0), ("targets", [34, 40, 44, 22, 12, 14, 14]),
)


def _area_sections(tables: dict[str, ReportTable], st: Styles) -> list[Flowable]:
    """The area sections of the tables present (``reports.tables.area_tables`` gives none when
    the ward does not plan by area)."""
    story: list[Flowable] = []
    present = [(tables[key], widths) for key, widths in _AREA_SECTIONS if key in tables]
    for number, (table, widths) in enumerate(present, start=9):
        columns = [w * mm for w in widths] if isinstance(widths, list) else _widths(table, widths * mm)
        story += _section(f"{number}. {table.title}", st, _table(table, st, columns))
    return story


def write_coverage_pdf(report: CoverageReport, path: Path, language: str = DEFAULT_LANGUAGE) -> Path:
    """Write the printable report; codes and the scope are labelled in ``language``."""
    st = styles()
    period_title = report.period.title()

    def furniture(canvas: Any, page: int, total: int) -> None:
        canvas.saveState()
        top = PAGE_HEIGHT - 11 * mm
        canvas.setFont(FONT_BOLD, 9)
        canvas.drawString(MARGIN, top, report.ward_name)
        canvas.setFont(FONT, 8.5)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, top, f"Báo cáo độ bao phủ · {period_title}")
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 2.5 * mm, PAGE_WIDTH - MARGIN, top - 2.5 * mm)
        canvas.setFont(FONT, 8)
        canvas.drawString(
            MARGIN,
            9 * mm,
            f"{scope_text(report.scope.kind, report.scope_name, language)} · lập lúc {report.generated_at:%H:%M %d/%m/%Y} · Outreach",
        )
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 9 * mm, f"Trang {page}/{total}")
        canvas.restoreState()

    def build(target: Path) -> None:
        doc = SimpleDocTemplate(
            str(target), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=20 * mm, bottomMargin=16 * mm,
            title=f"Báo cáo độ bao phủ – {report.ward_name} – {report.period.label}", author="Outreach",
            subject=period_title,
        )
        doc.build(coverage_story(report, st, language), canvasmaker=numbered_canvas(furniture))

    return write_atomically(path, build)
