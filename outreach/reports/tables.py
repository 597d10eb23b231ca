"""A coverage report as titled tables with Vietnamese headers: what every exporter writes.

Codes (outcomes, online levels, priority flags) and placeholder names are written with the words
of ``outreach.labels`` in the export's ``language`` ("vi" by default), the same words the screens
show.

XLSX, CSV and PDF show the same tables in the same order with the same words, so a figure read
from the PDF on the wall can be found in the spreadsheet the office received. Exporters only
decide how a table looks; this module decides what it says.

Cell values are plain ``int``/``float``/``str``/``None``, and ``Percent`` (a float subclass) marks
a share, so each exporter formats it as a percentage ("66,7 %") without guessing from the header.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from outreach.labels import DEFAULT_LANGUAGE, label, name_text, scope_text
from outreach.services.coverage import CoverageReport, share
from outreach.timeutil import format_date_vn
from outreach.vocabulary import OnlineLevel, Outcome, PriorityFlag


class Percent(float):
    """A share between 0 and 1, shown as a percentage."""


def pct(part: int, whole: int) -> Percent | None:
    value = share(part, whole)
    return None if value is None else Percent(value)


@dataclass(frozen=True)
class ReportTable:
    key: str
    title: str
    sheet: str  # an Excel sheet name: ≤ 31 characters, none of []:*?/\
    headers: list[str]
    rows: list[list[Any]]
    total: list[Any] | None = None
    #: Columns a chart of this table plots (indexes into ``headers``), if any.
    chart_columns: list[int] = field(default_factory=list)

    def all_rows(self) -> list[list[Any]]:
        return self.rows + ([self.total] if self.total else [])


def report_heading(report: CoverageReport, language: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    """(label, value) lines that open every export: whose figures, for when, made when."""
    return [
        ("Đơn vị", report.ward_name),
        ("Kỳ báo cáo", report.period.title()),
        ("Phạm vi", scope_text(report.scope.kind, report.scope_name, language)),
        ("Lập lúc", report.generated_at.strftime("%H:%M %d/%m/%Y")),
    ]


def summary_table(r: CoverageReport) -> ReportTable:
    f = r.filings
    rows: list[list[Any]] = [
        ["Tổng số hộ", r.households_total],
        ["Số hộ đã được thăm", r.households_visited],
        ["Tỷ lệ hộ được thăm", pct(r.households_visited, r.households_total)],
        ["Hộ ưu tiên", r.priority_total],
        ["Hộ ưu tiên đã được thăm", r.priority_reached],
        ["Tỷ lệ hộ ưu tiên được thăm", pct(r.priority_reached, r.priority_total)],
        ["Số lần thăm hộ", r.visits_total],
        ["Hồ sơ đã hỗ trợ", f.filings],
        ["Hồ sơ có mã hồ sơ", f.with_dossier_code],
        ["Hồ sơ nộp phí trực tuyến", f.fee_paid_online],
        ["Tỷ lệ hồ sơ trực tuyến toàn trình", pct(f.full_online, f.filings)],
        ["Hồ sơ bị trả lại (bổ sung giấy tờ)", f.returned],
        ["Người dân được hỗ trợ VNeID mức 2", r.vneid_level2_residents],
        [f"Hẹn quay lại đến hạn (7 ngày từ {format_date_vn(r.follow_ups.as_of)})", r.follow_ups.due],
        [f"Hẹn quay lại quá hạn (tính đến {format_date_vn(r.follow_ups.as_of)})", r.follow_ups.overdue],
        ["Điểm hài lòng trung bình (1–5)", round(r.satisfaction_average, 2) if r.satisfaction_average is not None else None],
        ["Số lượt đánh giá hài lòng", r.satisfaction_responses],
    ]
    return ReportTable("summary", "Tổng quan", "Tổng quan", ["Chỉ số", "Giá trị"], rows)


def groups_table(r: CoverageReport, language: str = DEFAULT_LANGUAGE) -> ReportTable:
    rows = [
        [name_text(g.group_name, language), g.households, g.households_visited, pct(g.households_visited, g.households),
         g.priority_households, g.priority_reached, pct(g.priority_reached, g.priority_households)]
        for g in r.groups
    ]
    total = ["Tổng cộng", r.households_total, r.households_visited, pct(r.households_visited, r.households_total),
             r.priority_total, r.priority_reached, pct(r.priority_reached, r.priority_total)]
    return ReportTable(
        "groups", "Hộ được thăm theo tổ dân phố", "Theo tổ dân phố",
        ["Tổ dân phố", "Số hộ", "Hộ đã thăm", "Tỷ lệ thăm", "Hộ ưu tiên", "Hộ ưu tiên đã thăm", "Tỷ lệ ưu tiên"],
        rows, total, chart_columns=[3],
    )


def priority_table(r: CoverageReport, language: str = DEFAULT_LANGUAGE) -> ReportTable:
    rows = [[label(p.flag, language, of=PriorityFlag), p.households, p.reached, pct(p.reached, p.households)] for p in r.priority]
    return ReportTable("priority", "Hộ ưu tiên được thăm", "Hộ ưu tiên", ["Nhóm ưu tiên", "Số hộ", "Đã được thăm", "Tỷ lệ"], rows)


def outcomes_table(r: CoverageReport, language: str = DEFAULT_LANGUAGE) -> ReportTable:
    rows = [[label(o.outcome, language, of=Outcome), o.visits, pct(o.visits, r.visits_total)] for o in r.outcomes]
    return ReportTable(
        "outcomes", "Lần thăm theo kết quả", "Kết quả thăm", ["Kết quả", "Số lần thăm", "Tỷ lệ"],
        rows, ["Tổng cộng", r.visits_total, pct(r.visits_total, r.visits_total)], chart_columns=[1],
    )


def procedures_table(r: CoverageReport, language: str = DEFAULT_LANGUAGE) -> ReportTable:
    rows = [
        [p.code, p.name_vi, label(p.online_level, language, of=OnlineLevel), p.filings, p.with_dossier_code, p.fee_paid_online, p.returned]
        for p in r.by_procedure
    ]
    f = r.filings
    return ReportTable(
        "procedures", "Hồ sơ theo thủ tục", "Hồ sơ theo thủ tục",
        ["Mã TTHC", "Tên thủ tục", "Mức trực tuyến", "Số hồ sơ", "Có mã hồ sơ", "Nộp phí trực tuyến", "Bị trả lại"],
        rows, ["Tổng cộng", "", "", f.filings, f.with_dossier_code, f.fee_paid_online, f.returned],
    )


def levels_table(r: CoverageReport, language: str = DEFAULT_LANGUAGE) -> ReportTable:
    f = r.filings
    rows = [
        [label(lv.level, language, of=OnlineLevel), lv.filings, pct(lv.filings, f.filings), lv.with_dossier_code, lv.fee_paid_online]
        for lv in r.by_level
    ]
    return ReportTable(
        "levels", "Hồ sơ theo mức độ trực tuyến", "Hồ sơ theo mức",
        ["Mức trực tuyến", "Số hồ sơ", "Tỷ lệ", "Có mã hồ sơ", "Nộp phí trực tuyến"],
        rows, ["Tổng cộng", f.filings, pct(f.filings, f.filings), f.with_dossier_code, f.fee_paid_online], chart_columns=[1],
    )


def volunteers_table(r: CoverageReport, language: str = DEFAULT_LANGUAGE) -> ReportTable:
    rows = [[name_text(v.name, language), v.team_name, v.visits, v.households, v.filings] for v in r.volunteers]
    return ReportTable(
        "volunteers", "Lần thăm theo tình nguyện viên", "Theo tình nguyện viên",
        ["Tình nguyện viên", "Đội", "Số lần thăm", "Số hộ", "Số hồ sơ"],
        rows, ["Tổng cộng", "", r.visits_total, r.households_visited, r.filings.filings],
    )


def trend_table(r: CoverageReport) -> ReportTable:
    rows = [[t.iso_week, format_date_vn(t.start), t.visits, t.households_visited, t.filings, t.full_online_filings] for t in r.trend]
    return ReportTable(
        "trend", "Xu hướng 12 tuần", "Xu hướng 12 tuần",
        ["Tuần", "Từ ngày", "Lần thăm", "Hộ được thăm", "Hồ sơ", "Hồ sơ toàn trình"],
        rows, chart_columns=[2, 4],
    )


def coverage_tables(report: CoverageReport, language: str = DEFAULT_LANGUAGE) -> list[ReportTable]:
    """Every table of the report, in reading order."""
    return [
        summary_table(report),
        groups_table(report, language),
        priority_table(report, language),
        outcomes_table(report, language),
        levels_table(report, language),
        procedures_table(report, language),
        volunteers_table(report, language),
        trend_table(report),
    ]


DEFINITIONS = [
    "Lần thăm được tính theo thời điểm bắt đầu thăm; hồ sơ được tính theo lần thăm đã ghi nhận hồ sơ.",
    "Hộ ưu tiên: người cao tuổi sống một mình, người khuyết tật, gia đình chính sách hoặc hộ nghèo.",
    "Tỷ lệ hồ sơ trực tuyến toàn trình = hồ sơ của thủ tục toàn trình / tổng số hồ sơ đã hỗ trợ.",
    "Hẹn quay lại: các hẹn chưa hoàn thành, tính đến ngày lập báo cáo, không phụ thuộc kỳ báo cáo.",
    "Báo cáo tổng hợp, không chứa thông tin cá nhân của người dân.",
]
