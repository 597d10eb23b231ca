"""Coverage report as an Excel workbook (openpyxl): one sheet per table, native charts.

Ward offices rework the figures in Excel, so cells hold numbers (not formatted text) with number
and percent formats, header rows are frozen so long group lists stay readable, and the charts
are Excel's own (they re-draw when a user edits a figure) rather than pictures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from outreach.labels import DEFAULT_LANGUAGE
from outreach.reports.cell_safety import set_xlsx_value
from outreach.reports.tables import Percent, ReportTable, coverage_tables, notes_lines, report_heading
from outreach.services.coverage import CoverageReport

HEADER_ROW = 4
INT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
FLOAT_FORMAT = "0.00"
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(bottom=_THIN)


def number_format(value: Any) -> str | None:
    if isinstance(value, Percent):
        return PERCENT_FORMAT
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return INT_FORMAT
    if isinstance(value, float):
        return FLOAT_FORMAT
    return None


def _write_table(ws: Worksheet, table: ReportTable, heading: str) -> None:
    ws.cell(row=1, column=1, value=table.title).font = Font(bold=True, size=14)
    ws.cell(row=2, column=1, value=heading).font = Font(italic=True, color="595959")
    for col, header in enumerate(table.headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = _BORDER
    widths = [len(h) for h in table.headers]
    for r, row in enumerate(table.all_rows(), start=HEADER_ROW + 1):
        is_total = table.total is not None and row is table.total
        for c, value in enumerate(row, start=1):
            value_cell = ws.cell(row=r, column=c)
            set_xlsx_value(value_cell, float(value) if isinstance(value, Percent) else value)
            fmt = number_format(value)
            if fmt:
                value_cell.number_format = fmt
            if is_total:
                value_cell.font = Font(bold=True)
                value_cell.fill = _TOTAL_FILL
            widths[c - 1] = max(widths[c - 1], len(str(value)) if value is not None else 0)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 10), 60)
    # Frozen: the title block and the header row; also the label column when there is one.
    ws.freeze_panes = f"{get_column_letter(2 if len(table.headers) > 2 else 1)}{HEADER_ROW + 1}"


def _add_chart(ws: Worksheet, table: ReportTable) -> None:
    if not table.chart_columns or not table.rows:
        return
    first, last = HEADER_ROW + 1, HEADER_ROW + len(table.rows)  # totals are not plotted
    categories = Reference(ws, min_col=1, min_row=first, max_row=last)
    chart: LineChart | BarChart
    if table.key == "trend":
        chart = LineChart()
        chart.y_axis.title = "Số lượng"
        chart.x_axis.title = "Tuần"
    else:
        chart = BarChart()
        chart.type = "bar" if len(table.rows) > 8 else "col"
    for col in table.chart_columns:
        data = Reference(ws, min_col=col + 1, min_row=HEADER_ROW, max_row=last)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    chart.title = table.title
    chart.height = max(7.5, min(0.45 * len(table.rows), 22))
    chart.width = 18
    if any(isinstance(r[table.chart_columns[0]], Percent) for r in table.rows):
        chart.y_axis.number_format = "0%"
    if chart.legend is not None:  # a new chart has one; the stubs allow None
        chart.legend.position = "b"
    # openpyxl hides axes unless told otherwise, which makes an unreadable chart in Excel.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    anchor_col = get_column_letter(len(table.headers) + 2)
    ws.add_chart(chart, f"{anchor_col}{HEADER_ROW}")


def write_coverage_xlsx(report: CoverageReport, path: Path, language: str = DEFAULT_LANGUAGE) -> Path:
    """Write the workbook to ``path`` (via a temporary file, so a failure leaves no half file);
    codes are labelled in ``language``."""
    heading = " · ".join(value for _, value in report_heading(report, language))
    wb = Workbook()
    default_sheet = wb.active
    assert isinstance(default_sheet, Worksheet)  # a new Workbook starts with one plain worksheet (the stubs allow None)
    wb.remove(default_sheet)
    wb.properties.title = f"Báo cáo độ bao phủ {report.ward_name} {report.period.label}"
    wb.properties.creator = "Outreach"
    for table in coverage_tables(report, language):
        ws = wb.create_sheet(table.sheet)
        _write_table(ws, table, heading)
        _add_chart(ws, table)
        if table.key == "summary":
            row = HEADER_ROW + len(table.rows) + 2
            ws.cell(row=row, column=1, value="Ghi chú").font = Font(bold=True)
            for i, line in enumerate(notes_lines(report), start=1):
                ws.cell(row=row + i, column=1, value=f"• {line}")
    tmp = path.with_name(path.name + ".part")
    wb.save(tmp)
    tmp.replace(path)
    return path
