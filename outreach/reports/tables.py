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
from outreach.services.area_coverage import AreaFigures
from outreach.services.coverage import CoverageReport
from outreach.services.figures import Ratio, share
from outreach.timeutil import format_date_vn
from outreach.vocabulary import OnlineLevel, Outcome, PriorityFlag, TargetMetric


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
        ["Hồ sơ bị trả lại (bổ sung giấy tờ)", f.returned],
        [f"Hẹn quay lại đến hạn (7 ngày từ {format_date_vn(r.follow_ups.as_of)})", r.follow_ups.due],
        [f"Hẹn quay lại quá hạn (tính đến {format_date_vn(r.follow_ups.as_of)})", r.follow_ups.overdue],
        ["Điểm hài lòng trung bình (1–5)", round(r.satisfaction_average, 2) if r.satisfaction_average is not None else None],
        ["Số lượt đánh giá hài lòng", r.satisfaction_responses],
    ]
    return ReportTable("summary", "Tổng quan", "Tổng quan", ["Chỉ số", "Giá trị"], rows)


def figure_row(name: str, ratio: Ratio) -> list[Any]:
    """One figure as every export writes it: its name, "22/400", numerator, denominator, share."""
    return [name, ratio.text(), ratio.part, ratio.whole, pct(ratio.part, ratio.whole)]


def figures_table(r: CoverageReport) -> ReportTable:
    """The figures a ward reports upward, each with its numerator and denominator (formulas in
    ``DEFINITIONS``, computed once in ``services.coverage``)."""
    d, due, v = r.dossiers, r.due_dossiers, r.vneid
    as_of = format_date_vn(due.as_of)
    rows = [
        figure_row("Hộ được thăm / tổng số hộ", Ratio(r.households_visited, r.households_total)),
        figure_row("Hộ ưu tiên được thăm / hộ ưu tiên", Ratio(r.priority_reached, r.priority_total)),
        figure_row("Hồ sơ nộp trực tuyến có sự hỗ trợ của đội / hồ sơ đã nộp", d.online),
        figure_row("Hồ sơ trực tuyến bị trả lại", d.online_returned),
        figure_row("Tỷ lệ hồ sơ trực tuyến toàn trình", d.full_online),
        figure_row("Hồ sơ thanh toán phí trực tuyến / hồ sơ có phí", d.online_payment),
        figure_row("Hồ sơ nhận kết quả điện tử / hồ sơ đã có kết quả", d.electronic_result),
        figure_row(f"Hồ sơ quá hạn trả kết quả (tính đến {as_of})", due.overdue_ratio),
        figure_row(f"Hồ sơ đến hạn trả kết quả trong 7 ngày (từ {as_of})", due.due_ratio),
        figure_row("Người từ 14 tuổi có tài khoản VNeID mức 2", v.level2),
        figure_row("Người từ 14 tuổi có tài khoản VNeID mức 1", Ratio(v.by_level.get(1, 0), v.aged_14_plus)),
        figure_row("Người từ 14 tuổi chưa có tài khoản VNeID", Ratio(v.by_level.get(0, 0), v.aged_14_plus)),
        figure_row("Người được nâng lên VNeID mức 2 trong kỳ / người từ 14 tuổi", Ratio(v.brought_to_level2, v.aged_14_plus)),
        figure_row("Hồ sơ trực tuyến của phường có mã do đội ghi nhận / hồ sơ trực tuyến phường tiếp nhận", r.one_stop.team_share),
        figure_row("Hồ sơ trực tuyến của đội có trong sổ một cửa / hồ sơ trực tuyến của đội", r.one_stop.team_found),
    ]
    return ReportTable(
        "figures", "Chỉ số báo cáo (tử số/mẫu số)", "Chỉ số", ["Chỉ số", "Tử số/Mẫu số", "Tử số", "Mẫu số", "Tỷ lệ"], rows,
    )


def notes_lines(r: CoverageReport) -> list[str]:
    """The method notes: ``DEFINITIONS`` plus what this report left out, in numbers."""
    lines = list(DEFINITIONS)
    if r.dossiers.payment_unknown:
        lines.append(f"{r.dossiers.payment_unknown} hồ sơ đã nộp chưa có dữ liệu phí trong danh mục: "
                     "không tính vào tỷ lệ thanh toán trực tuyến.")
    if r.due_dossiers.without_time:
        lines.append(f"{r.due_dossiers.without_time} hồ sơ đang chờ kết quả chưa có thời hạn giải quyết trong danh mục: "
                     "không tính là đến hạn hay quá hạn.")
    if _areas_shown(r):
        lines += AREA_DEFINITIONS
    one_stop = r.one_stop
    if one_stop.days_covered == 0:
        lines.append("Chưa nhập sổ tiếp nhận hồ sơ một cửa của phường cho kỳ này: hai chỉ số đóng góp của đội để trống (0/0).")
    elif one_stop.days_covered < one_stop.days:
        lines.append(f"Sổ tiếp nhận hồ sơ một cửa đã nhập cho {one_stop.days_covered}/{one_stop.days} ngày của kỳ: "
                     "hai chỉ số đóng góp của đội chỉ tính các ngày đó.")
    return lines


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
        figures_table(report),
        groups_table(report, language),
        priority_table(report, language),
        outcomes_table(report, language),
        levels_table(report, language),
        procedures_table(report, language),
        volunteers_table(report, language),
        trend_table(report),
        *area_tables(report, language),
    ]


DEFINITIONS = [
    "Lần thăm được tính theo thời điểm bắt đầu thăm; hồ sơ được tính theo lần thăm đã ghi nhận hồ sơ.",
    "Hộ ưu tiên: người cao tuổi sống một mình, người khuyết tật, gia đình chính sách hoặc hộ nghèo.",
    "Mỗi chỉ số ghi dạng tử số/mẫu số (ví dụ 22/400); tỷ lệ = tử số ÷ mẫu số, để trống khi mẫu số bằng 0.",
    "Hồ sơ đã nộp: hồ sơ có mã hồ sơ, trạng thái “đã nộp” hoặc “đã có kết quả”. Hồ sơ nộp trực tuyến có sự hỗ trợ "
    "của đội = hồ sơ đã nộp có hình thức nộp trực tuyến / hồ sơ đã nộp. Hồ sơ trực tuyến bị trả lại (có mã, trạng thái "
    "“bị trả lại”) tính riêng, trên hồ sơ nộp trực tuyến cộng hồ sơ trực tuyến bị trả lại.",
    "Tỷ lệ hồ sơ trực tuyến toàn trình = hồ sơ nộp trực tuyến của thủ tục được danh mục xếp mức toàn trình / "
    "hồ sơ nộp trực tuyến. Mức của thủ tục trong danh mục không phải là hình thức nộp của hồ sơ.",
    "Thanh toán trực tuyến = hồ sơ đã nộp có nộp phí trực tuyến / hồ sơ đã nộp của thủ tục có thu phí theo hình thức "
    "nộp của hồ sơ (theo danh mục). Hồ sơ của thủ tục miễn phí không tính; hồ sơ chưa có dữ liệu phí không tính.",
    "Nhận kết quả điện tử = hồ sơ đã có kết quả mà kết quả được trả qua VNeID hoặc thư điện tử / hồ sơ đã có kết quả.",
    "Hạn trả kết quả = ngày nộp + thời hạn giải quyết của thủ tục tính bằng ngày làm việc (không tính thứ Bảy, "
    "Chủ nhật, ngày lễ, Tết theo lịch nghỉ của Nhà nước và ngày nghỉ do đơn vị đặt thêm; bắt đầu từ ngày làm việc "
    "sau ngày nộp). Hồ sơ chờ kết quả (có mã, trạng thái “đã nộp”) quá hạn khi hạn trước ngày lập báo cáo, đến hạn "
    "khi hạn trong 7 ngày tới; mẫu số là hồ sơ chờ kết quả có thời hạn giải quyết; thủ tục chưa có thời hạn "
    "trong danh mục không tính.",
    "VNeID: người từ 14 tuổi trở lên (tính đến ngày cuối kỳ, có ngày sinh) theo mức tài khoản đã ghi nhận. "
    "Người được nâng lên mức 2 trong kỳ: người thuộc các hộ được thăm trong kỳ, đang ở mức 2 mà mức tài khoản "
    "được sửa lần cuối trong kỳ (theo dấu thời gian của lần sửa; mức ghi ngay khi lập hồ sơ người dân không tính "
    "là nâng mức).",
    "Đóng góp vào số liệu của phường (theo sổ tiếp nhận hồ sơ một cửa của phường do đội trưởng nhập): hồ sơ "
    "trực tuyến của phường có mã do đội ghi nhận = hồ sơ phường tiếp nhận trực tuyến trong kỳ mà mã hồ sơ trùng mã "
    "đội đã ghi trên một hồ sơ (so không phân biệt chữ hoa, bỏ khoảng trắng) / hồ sơ phường tiếp nhận trực tuyến trong "
    "kỳ. Hồ sơ trực tuyến của đội có trong sổ một cửa = hồ sơ đội nộp trực tuyến trong kỳ (có mã, đã nộp hoặc đã có "
    "kết quả) có mã trong sổ / hồ sơ đội nộp trực tuyến trong kỳ. Chỉ tính các ngày của kỳ đã nhập sổ.",
    "Hẹn quay lại: các hẹn chưa hoàn thành, tính đến ngày lập báo cáo, không phụ thuộc kỳ báo cáo.",
    "Báo cáo tổng hợp, không chứa thông tin cá nhân của người dân.",
]


# ---------------------------------------------------------------- team areas, outings, targets (issue 12)


def _areas_shown(r: CoverageReport) -> AreaFigures | None:
    """The report's area figures when the ward plans by area at all (a team has groups, or there
    are outings or targets); a ward that does not gets no empty sheets."""
    a = r.areas
    if a is None or not (any(t.groups for t in a.teams) or a.outing_weeks or a.targets):
        return None
    return a


def area_tables(r: CoverageReport, language: str = DEFAULT_LANGUAGE) -> list[ReportTable]:
    """The team-area, outing and target tables (services/area_coverage.py), or none."""
    a = _areas_shown(r)
    if a is None:
        return []
    as_of = format_date_vn(a.as_of)
    teams = [[t.team_name, t.groups, t.area.text(), t.area.part, t.area.whole, pct(t.area.part, t.area.whole), t.ward.text(),
              pct(t.ward.part, t.ward.whole)] for t in a.teams]
    outside = ["Hộ ngoài địa bàn của mọi đội", "", a.outside.text(), a.outside.part, a.outside.whole,
               pct(a.outside.part, a.outside.whole), "", None]
    area_headers = ["Tử số/Mẫu số (địa bàn)", "Tử số", "Mẫu số", "Tỷ lệ (địa bàn)", "Tử số/Mẫu số (toàn phường)", "Tỷ lệ (toàn phường)"]
    volunteers = [[name_text(v.name, language), v.team_name, v.area.text(), v.area.part, v.area.whole, pct(v.area.part, v.area.whole),
                   v.ward.text(), pct(v.ward.part, v.ward.whole)] for v in a.volunteers]
    weeks = [[w.team_name, w.iso_week, w.outings] for w in a.outing_weeks]
    outings = [[format_date_vn(o.day), o.team_name, o.visits, o.households, o.people] for o in a.outings]
    targets = [[t.team_name, label(t.metric, language, of=TargetMetric), f"{format_date_vn(t.period_start)}–{format_date_vn(t.period_end)}",
                *figure_row("", t.progress)[1:]] for t in a.targets]
    return [
        ReportTable("areas", f"Hộ được thăm theo địa bàn đội (địa bàn ngày {as_of})", "Theo địa bàn đội",
                    ["Đội", "Số tổ dân phố", *area_headers], teams, outside, chart_columns=[5]),
        ReportTable("area_volunteers", "Hộ được thăm theo tình nguyện viên, trên địa bàn đội", "TNV theo địa bàn",
                    ["Tình nguyện viên", "Đội", *area_headers], volunteers),
        ReportTable("outing_weeks", "Buổi đi cơ sở theo đội và tuần", "Buổi đi theo tuần", ["Đội", "Tuần", "Số buổi"], weeks,
                    ["Tổng cộng", "", a.outings_total]),
        ReportTable("outings", "Hộ và người được tiếp cận theo buổi đi cơ sở", "Theo buổi đi cơ sở",
                    ["Ngày", "Đội", "Lần thăm", "Hộ được thăm", "Người được hỗ trợ hồ sơ"], outings,
                    ["Tổng cộng", "", sum(o.visits for o in a.outings), sum(o.households for o in a.outings),
                     sum(o.people for o in a.outings)]),
        ReportTable("targets", "Tiến độ chỉ tiêu (đạt/chỉ tiêu, tính trên kỳ của chỉ tiêu)", "Chỉ tiêu",
                    ["Đội", "Chỉ tiêu", "Kỳ chỉ tiêu", "Đạt/Chỉ tiêu", "Đạt", "Chỉ tiêu", "Tỷ lệ"], targets),
    ]


AREA_DEFINITIONS = [
    "Địa bàn đội: các tổ dân phố được giao cho đội vào ngày cuối kỳ báo cáo (mỗi tổ thuộc tối đa một đội). "
    "Tỷ lệ theo địa bàn = hộ trong địa bàn đội được đội (tình nguyện viên) thăm trong kỳ / hộ trong địa bàn đội; "
    "tỷ lệ toàn phường = hộ được đội (tình nguyện viên) thăm ở bất kỳ đâu / tổng số hộ của phường.",
    "Hộ ngoài địa bàn của mọi đội: hộ thuộc tổ dân phố chưa giao cho đội nào vào ngày cuối kỳ, hoặc chưa thuộc tổ nào.",
    "Buổi đi cơ sở được tính theo ngày của buổi, khi buổi đã bắt đầu. Hộ được tiếp cận trong buổi = số hộ khác nhau "
    "có lần thăm ghi trong buổi; người được hỗ trợ hồ sơ = số người khác nhau có hồ sơ ghi trong các lần thăm đó.",
    "Tiến độ chỉ tiêu = kết quả đội đạt trong kỳ của chỉ tiêu / chỉ tiêu: số hộ khác nhau đội đã thăm; số hộ ưu tiên "
    "khác nhau đội đã thăm; số hồ sơ nộp trực tuyến (có mã hồ sơ, trạng thái “đã nộp” hoặc “đã có kết quả”, hình thức "
    "nộp trực tuyến). Chỉ tiêu có kỳ giao với kỳ báo cáo được liệt kê.",
]
