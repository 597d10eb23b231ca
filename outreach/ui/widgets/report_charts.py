"""QtCharts views of a coverage report: coverage per group (bars) and the 12-week trend (lines).

Built from the report's dataclasses on the GUI thread (tens of points), replaced whole on every
refresh: a chart is cheaper to rebuild than to diff.
"""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QPainter

from outreach.services.coverage import CoverageReport
from outreach.ui.core.labels import name_text

BLUE = QColor("#2F5597")
ORANGE = QColor("#C55A11")


def _short_group(name: str) -> str:
    return name.replace("Tổ dân phố số ", "").replace("Tổ dân phố ", "")


def coverage_chart(report: CoverageReport) -> QChart:
    """Share of households visited, per residential group (%)."""
    chart = QChart()
    chart.setTitle(QCoreApplication.translate("CoverageCharts", "Households visited per residential group (%)"))
    bars = QBarSet(QCoreApplication.translate("CoverageCharts", "Visited"))
    bars.setColor(BLUE)
    for g in report.groups:
        bars.append(round((g.coverage or 0.0) * 100, 1))
    series = QBarSeries()
    series.append(bars)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([_short_group(name_text(g.group_name)) or "–" for g in report.groups])
    if len(report.groups) > 12:
        categories.setLabelsAngle(-90)
        categories.setTruncateLabels(False)
        font = categories.labelsFont()
        font.setPointSizeF(7)
        categories.setLabelsFont(font)
    values = QValueAxis()
    values.setRange(0, 100)
    values.setLabelFormat("%d%%")
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values)
    chart.legend().setVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


def trend_chart(report: CoverageReport) -> QChart:
    """Visits and filings per ISO week over the last 12 weeks."""
    chart = QChart()
    chart.setTitle(QCoreApplication.translate("CoverageCharts", "Last 12 weeks: visits and filings"))
    visits, filings = QLineSeries(), QLineSeries()
    visits.setName(QCoreApplication.translate("CoverageCharts", "Visits"))
    filings.setName(QCoreApplication.translate("CoverageCharts", "Filings"))
    visits.setColor(BLUE)
    filings.setColor(ORANGE)
    for i, week in enumerate(report.trend):
        visits.append(i, week.visits)
        filings.append(i, week.filings)
    chart.addSeries(visits)
    chart.addSeries(filings)
    weeks = QBarCategoryAxis()
    weeks.append([w.iso_week.split("-W")[1] for w in report.trend])  # "47": twelve labels fit
    weeks.setTitleText(QCoreApplication.translate("CoverageCharts", "ISO week"))
    values = QValueAxis()
    values.setRange(0, max([1] + [max(w.visits, w.filings) for w in report.trend]) * 1.1)
    values.setLabelFormat("%d")
    chart.addAxis(weeks, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    for series in (visits, filings):
        series.attachAxis(weeks)
        series.attachAxis(values)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


def chart_view() -> QChartView:
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    # small enough that the coverage screen, with its figures, tables and export buttons, fits a
    # 1366×768 laptop at 125 % scaling; a larger window gives the charts the rest
    view.setMinimumHeight(130)
    return view
