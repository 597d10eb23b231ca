"""The Coverage screen: pick a period and a scope, see the figures, tables and charts, export.

Everything slow happens on the runner: the figures are computed by ``services.coverage`` on a
worker thread (a progress dialog appears only if it takes more than 600 ms, and can cancel), and
exports write the report already on screen — what the leader saw is what the office gets. A new
request cancels the one still running, so quickly flicking through weeks never shows an old
week's figures under a new heading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from outreach.labels import EXPORT_LANGUAGE
from outreach.reports.tables import pct
from outreach.services.changes import NOTHING, Changes
from outreach.services.context import Actor
from outreach.services.coverage import (
    CoverageReport,
    Ratio,
    ScopeChoice,
    compute_coverage,
    export_follow_up_contacts,
    record_aggregate_export,
    scope_choices,
)
from outreach.services.one_stop import ImportSummary, import_one_stop
from outreach.services.periods import (
    PERIOD_MONTH,
    PERIOD_RANGE,
    PERIOD_WEEK,
    WARD,
    Period,
    Scope,
    month_period,
    parse_period,
    range_period,
    week_period,
)
from outreach.store.database import Store
from outreach.timeutil import iso_week_of, today_local
from outreach.ui.core.context import UiContext
from outreach.ui.core.file_dialogs import offer_open_folder, open_file_dialog, save_file_dialog
from outreach.ui.core.labels import (
    ONLINE_LEVEL_LABELS,
    OUTCOME_LABELS,
    TARGET_METRIC_LABELS,
    format_date,
    label,
    name_text,
    scope_text,
)
from outreach.ui.core.tasks import TaskHandle
from outreach.ui.models.report_models import SORT_ROLE, RowsModel, number_locale
from outreach.ui.widgets.report_charts import chart_view, coverage_chart, trend_chart
from outreach.vocabulary import Placeholder, ScopeKind

TABLE_KEYS = ("groups", "outcomes", "levels", "procedures", "volunteers", "trend")
#: The team-area, outing and target tables (issue 12), after the ward's own.
AREA_TABLE_KEYS = ("team_areas", "area_volunteers", "outing_weeks", "outings", "targets")


class _Stop(Exception):
    """Raised inside the worker when the screen cancelled the computation."""


def _compute(
    store: Store, period: Period, scope: Scope, ward_id: str | None, emit: Callable[[int, int], None], task: TaskHandle
) -> CoverageReport:
    def progress(done: int, total: int) -> None:
        if task.cancelled:
            raise _Stop
        emit(done, total)

    return compute_coverage(store, period, scope, ward_id=ward_id, progress=progress)


def _export(store: Store, actor: Actor, report: CoverageReport, path: Path, fmt: str, language: str) -> Path:
    from outreach.reports import write_coverage

    write_coverage(report, path, fmt, language)
    record_aggregate_export(store, actor, report, str(path))
    return path


def _export_follow_ups(store: Store, actor: Actor, scope: Scope, path: Path, language: str, password: str | None = None) -> Path:
    from outreach.reports.lists import check_protectable, write_follow_up_list

    if password is not None:
        check_protectable(path)  # before the audit entry: a refused export leaves no trace of one
    rows = export_follow_up_contacts(store, actor, str(path), scope,  # leaders only; audited first
                                     password_protected=password is not None)
    return write_follow_up_list(rows, path, language, password=password)


def _import_one_stop(store: Store, actor: Actor, path: Path, first: dt.date, last: dt.date,
                     emit: Callable[[int, int], None]) -> ImportSummary:
    return import_one_stop(store, actor, path, first, last, progress=emit)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class CoverageView(QWidget):
    """Coverage by period and scope; ``computed`` fires when new figures are on screen."""

    computed = Signal()
    exported = Signal(str)
    failed = Signal(str)
    #: rows imported from the ward one-stop register (after the figures were asked again)
    one_stop_imported = Signal(int)
    #: (done, total) from the worker thread; Qt queues it to the GUI thread.
    _worker_progress = Signal(int, int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageView")
        self._ctx = ctx
        self._runner, self._store, self._actor = ctx.runner, ctx.store, ctx.actor
        self._task: TaskHandle | None = None
        self._status_after_compute = ""
        self.report: CoverageReport | None = None
        self._scopes: list[ScopeChoice] = [ScopeChoice(WARD, Placeholder.WHOLE_WARD)]
        # the "saved, open folder?" box of the last export (tests and scripted flows reach it)
        self.saved_box: QMessageBox | None = None

        self.kind = QComboBox()
        self.kind.addItem(self.tr("Week"), PERIOD_WEEK)
        self.kind.addItem(self.tr("Month"), PERIOD_MONTH)
        self.kind.addItem(self.tr("Date range"), PERIOD_RANGE)
        self.start = QDateEdit(_qdate(today_local()))
        self.end = QDateEdit(_qdate(today_local()))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.to_label = QLabel(self.tr("to"))
        self.scope = QComboBox()
        self.scope.setMinimumContentsLength(22)
        self.scope.addItem(name_text(Placeholder.WHOLE_WARD))
        self.refresh_button = QPushButton(self.tr("Show"))
        self.refresh_button.setObjectName("showCoverage")
        self.period_label = QLabel()
        self.period_label.setObjectName("coveragePeriod")

        self.one_stop_button = QPushButton(self.tr("Import one-stop register…"))
        self.one_stop_button.setObjectName("importOneStop")
        self.one_stop_button.setToolTip(self.tr("The ward one-stop system's export of received dossiers (.xlsx or .csv) "
                                                "for the period shown: the team's share of the ward's online intake"))
        self.one_stop_button.clicked.connect(lambda: self._ask_one_stop_import())
        if not ctx.actor.is_leader:
            self.one_stop_button.setEnabled(False)
            self.one_stop_button.setToolTip(self.tr("Only a team leader may import the one-stop register."))

        picker = QHBoxLayout()
        for text, widget in ((self.tr("Period:"), self.kind), (None, self.start), (None, self.to_label), (None, self.end),
                             (self.tr("Scope:"), self.scope), (None, self.refresh_button)):
            if text:
                picker.addWidget(QLabel(text))
            picker.addWidget(widget)
        picker.addStretch(1)
        picker.addWidget(self.one_stop_button)  # the export row is full at 1366×768 at 125 % in Vietnamese

        self.export_buttons: dict[str, QPushButton] = {}
        exports = QHBoxLayout()
        for fmt, text in (("xlsx", self.tr("Export Excel…")), ("pdf", self.tr("Export PDF…")), ("csv", self.tr("Export CSV…"))):
            button = QPushButton(text)
            button.setObjectName(f"export{fmt.capitalize()}")
            button.clicked.connect(lambda _=False, f=fmt: self._ask_export(f))
            self.export_buttons[fmt] = button
            exports.addWidget(button)
        self.follow_up_button = QPushButton(self.tr("Export follow-up list (names, phones)…"))
        self.follow_up_button.setObjectName("exportFollowUps")
        self.follow_up_button.clicked.connect(lambda: self._ask_follow_up_export())
        if not ctx.actor.is_leader:
            self.follow_up_button.setEnabled(False)
            self.follow_up_button.setToolTip(self.tr("Only a team leader may export personal data."))
        exports.addWidget(self.follow_up_button)
        exports.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("coverageStatus")
        exports.addWidget(self.status)
        # Progress is shown inline rather than in the runner's modal dialog: the screen stays
        # usable (a new period choice cancels the running computation), and it shows only while
        # something runs.
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        exports.addWidget(self.progress)
        exports.addWidget(self.cancel_button)
        self._worker_progress.connect(self._on_progress)

        self.figures: dict[str, QLabel] = {}
        figure_box = QGroupBox(self.tr("Key figures"))
        grid = QGridLayout(figure_box)
        grid.setVerticalSpacing(1)  # room for the one-stop line below the tiles at 1366×768, 125 %
        figure_names = [
            ("coverage", self.tr("Households visited")), ("priority", self.tr("Priority households reached")),
            ("visits", self.tr("Visits")),
            ("online", self.tr("Submitted online with the team")), ("full_online", self.tr("Fully online (of online dossiers)")),
            ("fee", self.tr("Paid online (of dossiers with a fee)")), ("electronic", self.tr("Result received electronically")),
            ("dossiers_overdue", self.tr("Dossiers overdue")), ("vneid", self.tr("Residents 14+ at VNeID level 2")),
            ("vneid_new", self.tr("Brought to VNeID level 2")), ("overdue", self.tr("Follow-ups overdue / due")),
            ("satisfaction", self.tr("Satisfaction (1–5)")),
        ]
        # 12 figures in three rows of four fit 1366x768 at 125 %; the filings, dossier-code and
        # returned counts are in the "Filings by procedure" table's total row
        columns = 4
        for i, (key, text) in enumerate(figure_names):
            value = QLabel("–")
            value.setObjectName(f"figure_{key}")
            value.setStyleSheet("font-size: 15px; font-weight: 600;")
            caption = QLabel(text)
            caption.setStyleSheet("color: #595959;")
            grid.addWidget(value, (i // columns) * 2, i % columns)
            grid.addWidget(caption, (i // columns) * 2 + 1, i % columns)
            self.figures[key] = value
        # the contribution figures need the ward's one-stop register: one line below the tiles
        self.one_stop_label = QLabel("–")
        self.one_stop_label.setObjectName("oneStopFigures")
        self.one_stop_label.setWordWrap(True)
        grid.addWidget(self.one_stop_label, (len(figure_names) + columns - 1) // columns * 2, 0, 1, columns)

        self.coverage_chart = chart_view()
        self.trend_chart = chart_view()
        charts = QSplitter()
        charts.addWidget(self.coverage_chart)
        charts.addWidget(self.trend_chart)

        self.tabs = QTabWidget()
        self.models: dict[str, RowsModel] = {}
        self.tables: dict[str, QTableView] = {}
        titles = {
            "groups": self.tr("By residential group"),
            "outcomes": self.tr("Visit outcomes"),
            "levels": self.tr("Filings by online level"),
            "procedures": self.tr("Filings by procedure"),
            "volunteers": self.tr("By volunteer"),
            "trend": self.tr("12-week trend"),
            "team_areas": self.tr("By team area"),
            "area_volunteers": self.tr("Volunteers in the team area"),
            "outing_weeks": self.tr("Outings per week"),
            "outings": self.tr("Reached per outing"),
            "targets": self.tr("Targets"),
        }
        for key in (*TABLE_KEYS, *AREA_TABLE_KEYS):
            model = RowsModel(self)
            proxy = QSortFilterProxyModel(self)
            proxy.setSourceModel(model)
            proxy.setSortRole(SORT_ROLE)
            view = QTableView()
            view.setModel(proxy)
            view.setSortingEnabled(True)
            view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the report's order until a click
            proxy.sort(-1)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.horizontalHeader().setStretchLastSection(True)
            self.models[key], self.tables[key] = model, view
            self.tabs.addTab(view, titles[key])

        body = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(figure_box)
        top_layout.addWidget(charts, 1)
        body.addWidget(top)
        body.addWidget(self.tabs)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addWidget(self.period_label)
        layout.addWidget(body, 1)
        layout.addLayout(exports)

        self._shown_once = False
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self._kind_changed()
        self._runner.query(scope_choices, self._store, self._actor.ward_id, on_done=self._set_scopes, on_error=self._on_error)

    # ---------------------------------------------------------------- period and scope

    def _kind_changed(self) -> None:
        is_range = self.kind.currentData() == PERIOD_RANGE
        self.end.setVisible(is_range)
        self.to_label.setVisible(is_range)

    def current_period(self) -> Period:
        kind = self.kind.currentData()
        day = _pydate(self.start.date())
        if kind == PERIOD_WEEK:
            return week_period(iso_week_of(day))
        if kind == PERIOD_MONTH:
            return month_period(day.year, day.month)
        return range_period(day, _pydate(self.end.date()))

    def set_period(self, text: str) -> None:
        """Set the pickers from "2026-W47", "2026-11" or "2026-11-01..2026-11-30"."""
        period = parse_period(text)
        self.kind.setCurrentIndex(self.kind.findData(period.kind))
        self.start.setDate(_qdate(period.start))
        self.end.setDate(_qdate(period.last_day))

    def current_scope(self) -> Scope:
        index = self.scope.currentIndex()
        return self._scopes[index].scope if 0 <= index < len(self._scopes) else WARD

    def set_scope(self, scope: Scope) -> None:
        for i, choice in enumerate(self._scopes):
            if choice.scope == scope:
                self.scope.setCurrentIndex(i)
                return

    def _set_scopes(self, choices: list[ScopeChoice]) -> None:
        current = self.current_scope()
        prefixes = {ScopeKind.WARD: "", "group": self.tr("Group: "), "team": self.tr("Team: "), "volunteer": self.tr("Volunteer: ")}
        self._scopes = choices
        self.scope.blockSignals(True)
        self.scope.clear()
        for choice in choices:
            text = name_text(choice.label) if choice.scope.kind == ScopeKind.WARD else prefixes[choice.scope.kind] + choice.label
            self.scope.addItem(text)
        self.scope.blockSignals(False)
        self.set_scope(current)

    # ---------------------------------------------------------------- computing

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """The first time the screen is shown, compute this week's figures without a click."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.refresh()

    def apply_changes(self, changes: Changes, _initiator: object | None) -> None:
        """Figures on screen went stale (a visit saved, a review, a sync, a catalogue fee or time): compute them again.

        Before the first computation there is nothing stale; it runs when the screen is shown.
        """
        if self.report is not None and changes.touches("households", "visits", "review", "team", "catalogue"):
            self.refresh()

    def refresh(self) -> None:
        """Compute the figures for the pickers' period and scope on a worker thread."""
        try:
            period = self.current_period()
        except Exception as exc:  # an end date before the start: say so, compute nothing
            self._on_error(exc)
            return
        if self._task is not None and not self._task.finished:
            self._task.cancel()
        self.status.setText(self.tr("Computing…"))
        self._busy(True, cancellable=True)
        self._task = self._runner.query(
            _compute, self._store, period, self.current_scope(), self._actor.ward_id, self._worker_progress.emit,
            on_done=self._show, on_error=self._on_error,
        )

    def cancel(self) -> None:
        """Stop the running computation; the figures on screen stay as they were."""
        if self._task is not None:
            self._task.cancel()
        self.status.setText(self.tr("Cancelled."))
        self._busy(False)

    def _busy(self, busy: bool, *, cancellable: bool = False) -> None:
        self.progress.setRange(0, 0)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy and cancellable)
        self.refresh_button.setEnabled(not busy or cancellable)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total))

    def _show(self, report: CoverageReport) -> None:
        self.report = report
        self._busy(False)
        self.status.setText(self._status_after_compute)
        self._status_after_compute = ""
        self.period_label.setText(f"<b>{report.ward_name}</b> · {report.period.title(self._lang())} · {self._scope_text(report)}")
        d, v = report.dossiers, report.vneid
        n = self._locale.toString

        def ratio(r: Ratio) -> str:
            return f"{self._pct(r.share)} ({n(r.part)}/{n(r.whole)})"

        values = {
            "coverage": f"{self._pct(report.coverage)} ({n(report.households_visited)}/{n(report.households_total)})",
            "priority": f"{self._pct(report.priority_coverage)} ({n(report.priority_reached)}/{n(report.priority_total)})",
            "visits": n(report.visits_total),
            "online": ratio(d.online),
            "full_online": ratio(d.full_online),
            "fee": ratio(d.online_payment),
            "electronic": ratio(d.electronic_result),
            "dossiers_overdue": ratio(report.due_dossiers.overdue_ratio),
            "vneid": ratio(v.level2),
            "vneid_new": ratio(Ratio(v.brought_to_level2, v.aged_14_plus)),
            "overdue": f"{n(report.follow_ups.overdue)} / {n(report.follow_ups.due)}",
            "satisfaction": "–" if report.satisfaction_average is None
            else f"{self._locale.toString(report.satisfaction_average, 'f', 2)} ({n(report.satisfaction_responses)})",
        }
        for key, text in values.items():
            self.figures[key].setText(text)
        o = report.one_stop
        if o.days_covered == 0:
            self.one_stop_label.setText(self.tr("Ward one-stop register: not imported for this period"))
        else:
            self.one_stop_label.setText(
                self.tr("Ward one-stop register (%1/%2 days imported): the team's share of the ward's online intake %3 · "
                        "the team's online dossiers found in it %4")
                .replace("%1", n(o.days_covered)).replace("%2", n(o.days))
                .replace("%3", ratio(o.team_share)).replace("%4", ratio(o.team_found)))
        for model in self.models.values():
            model.locale = self._locale
        self._fill_tables(report)
        for view, chart in ((self.coverage_chart, coverage_chart(report)), (self.trend_chart, trend_chart(report))):
            old = view.chart()
            view.setChart(chart)
            if old is not None:
                old.deleteLater()
        self.computed.emit()

    def _fill_tables(self, r: CoverageReport) -> None:
        self.models["groups"].set_rows(
            [
                self.tr("Residential group"),
                self.tr("Households"),
                self.tr("Visited"),
                self.tr("Share"),
                self.tr("Priority"),
                self.tr("Priority visited"),
                self.tr("Priority share"),
            ],
            [
                [
                    name_text(g.group_name),
                    g.households,
                    g.households_visited,
                    pct(g.households_visited, g.households),
                    g.priority_households,
                    g.priority_reached,
                    pct(g.priority_reached, g.priority_households),
                ]
                for g in r.groups
            ],
            [
                self.tr("Total"),
                r.households_total,
                r.households_visited,
                pct(r.households_visited, r.households_total),
                r.priority_total,
                r.priority_reached,
                pct(r.priority_reached, r.priority_total),
            ],
        )
        self.models["outcomes"].set_rows(
            [self.tr("Outcome"), self.tr("Visits"), self.tr("Share")],
            [[label(OUTCOME_LABELS, o.outcome), o.visits, pct(o.visits, r.visits_total)] for o in r.outcomes],
            [self.tr("Total"), r.visits_total, pct(r.visits_total, r.visits_total)],
        )
        f = r.filings
        self.models["levels"].set_rows(
            [self.tr("Online level"), self.tr("Filings"), self.tr("Share"), self.tr("With dossier code"), self.tr("Fee paid online")],
            [
                [label(ONLINE_LEVEL_LABELS, lv.level), lv.filings, pct(lv.filings, f.filings), lv.with_dossier_code, lv.fee_paid_online]
                for lv in r.by_level
            ],
            [self.tr("Total"), f.filings, pct(f.filings, f.filings), f.with_dossier_code, f.fee_paid_online],
        )
        self.models["procedures"].set_rows(
            [
                self.tr("Code"),
                self.tr("Procedure"),
                self.tr("Online level"),
                self.tr("Filings"),
                self.tr("With dossier code"),
                self.tr("Fee paid online"),
                self.tr("Returned"),
            ],
            [
                [
                    p.code,
                    p.name_vi,
                    label(ONLINE_LEVEL_LABELS, p.online_level),
                    p.filings,
                    p.with_dossier_code,
                    p.fee_paid_online,
                    p.returned,
                ]
                for p in r.by_procedure
            ],
            [self.tr("Total"), "", "", f.filings, f.with_dossier_code, f.fee_paid_online, f.returned],
        )
        self.models["volunteers"].set_rows(
            [self.tr("Volunteer"), self.tr("Team"), self.tr("Visits"), self.tr("Households"), self.tr("Filings")],
            [[name_text(v.name), v.team_name, v.visits, v.households, v.filings] for v in r.volunteers],
        )
        self.models["trend"].set_rows(
            [self.tr("Week"), self.tr("From"), self.tr("Visits"), self.tr("Households"), self.tr("Filings"), self.tr("Fully online")],
            [[t.iso_week, t.start.strftime("%d/%m/%Y"), t.visits, t.households_visited, t.filings, t.full_online_filings] for t in r.trend],
        )
        self._fill_area_tables(r)

    def _fill_area_tables(self, r: CoverageReport) -> None:
        """The team-area tables: each team's (volunteer's) households reached in the team's area
        over the area, with the ward figure beside it; outings; target progress (reached/target)."""
        a = r.areas
        if a is None:
            for key in AREA_TABLE_KEYS:
                self.models[key].set_rows([], [])
            return

        def pair(ratio: Ratio) -> list[Any]:
            return [ratio.text(), pct(ratio.part, ratio.whole)]

        area_headers = [self.tr("In the area (visited/households)"), self.tr("Share of the area"),
                        self.tr("Ward (visited/households)"), self.tr("Share of the ward")]
        self.models["team_areas"].set_rows(
            [self.tr("Team"), self.tr("Groups"), *area_headers],
            [[t.team_name, t.groups, *pair(t.area), *pair(t.ward)] for t in a.teams],
            [self.tr("Outside every team's area"), "", *pair(a.outside), "", None],
        )
        self.models["area_volunteers"].set_rows(
            [self.tr("Volunteer"), self.tr("Team"), *area_headers],
            [[name_text(v.name), v.team_name, *pair(v.area), *pair(v.ward)] for v in a.volunteers],
        )
        self.models["outing_weeks"].set_rows(
            [self.tr("Team"), self.tr("Week"), self.tr("Outings")],
            [[w.team_name, w.iso_week, w.outings] for w in a.outing_weeks],
            [self.tr("Total"), "", a.outings_total],
        )
        self.models["outings"].set_rows(
            [self.tr("Day"), self.tr("Team"), self.tr("Visits"), self.tr("Households"), self.tr("People helped with a dossier")],
            [[format_date(o.day), o.team_name, o.visits, o.households, o.people] for o in a.outings],
        )
        self.models["targets"].set_rows(
            [self.tr("Team"), self.tr("Target"), self.tr("Period"), self.tr("Reached/target"), self.tr("Progress")],
            [[t.team_name, label(TARGET_METRIC_LABELS, t.metric), f"{format_date(t.period_start)}–{format_date(t.period_end)}",
              *pair(t.progress)] for t in a.targets],
        )

    def _scope_text(self, report: CoverageReport) -> str:
        return scope_text(report.scope.kind, report.scope_name)

    def _pct(self, value: float | None) -> str:
        return "–" if value is None else f"{self._locale.toString(value * 100, 'f', 1)} %"

    @property
    def _locale(self) -> QLocale:
        return number_locale(self._lang())

    def _lang(self) -> str:
        return self._ctx.language

    def _on_error(self, exc: BaseException) -> None:
        from outreach.ui.core.errors import error_text, show_error

        self._busy(False)
        self.status.setText("")
        self.failed.emit(error_text(exc, self._lang()))
        show_error(self, exc, self._lang())

    # ---------------------------------------------------------------- exporting

    def _default_name(self, fmt: str) -> str:
        label_text = self.report.period.label.replace("..", "_") if self.report else "bao-cao"
        return f"bao-cao-do-bao-phu-{label_text}.{fmt}"

    def _ask_export(self, fmt: str) -> QFileDialog | None:
        if self.report is None:
            return None
        filters = {"xlsx": "Excel (*.xlsx)", "pdf": "PDF (*.pdf)", "csv": "CSV (*.csv)"}
        return save_file_dialog(self, self.tr("Export coverage report"), self._default_name(fmt), [filters[fmt]],
                                lambda path: self.export_to(path, fmt))

    def export_to(self, path: Path, fmt: str) -> TaskHandle | None:
        """Write the report on screen to ``path`` in the background (after the file dialog)."""
        if self.report is None:
            return None
        return self._run_export(_export, self._store, self._actor, self.report, path, fmt, EXPORT_LANGUAGE)

    def _ask_follow_up_export(self) -> QFileDialog:
        label_text = self.report.period.label.replace("..", "_") if self.report else today_local().isoformat()
        return save_file_dialog(self, self.tr("Export follow-up list"), f"hen-quay-lai-{label_text}.xlsx",
                                ["Excel (*.xlsx)", "CSV (*.csv)"], self._follow_up_chosen)

    def _follow_up_chosen(self, path: Path) -> None:
        """A workbook is offered a password (the list leaves the encrypted profile with names and
        phones); a CSV cannot carry one."""
        if path.suffix.lower() == ".xlsx":
            self.ask_export_password(path)
        else:
            self.export_follow_ups_to(path)

    def ask_export_password(self, path: Path) -> None:
        """Ask the password (twice) that protects the follow-up list, then export it; "Without
        a password" exports it plain, as the leader chose."""
        from PySide6.QtWidgets import QDialogButtonBox

        from outreach.reports.xlsx_protect import MIN_PASSWORD_LENGTH
        from outreach.ui.dialogs.passphrase_dialog import PassphraseDialog

        self.password_dialog = dialog = PassphraseDialog(
            self, title=self.tr("Protect the follow-up list"), minimum=MIN_PASSWORD_LENGTH,
            caption=self.tr("The list holds residents' names and phones. Choose a password of at least %1 characters; "
                            "the file opens only with it. Tell it to whoever receives the file separately."))
        plain = dialog.buttons.addButton(self.tr("Without a password"), QDialogButtonBox.ButtonRole.DestructiveRole)
        plain.setObjectName("exportWithoutPassword")

        def without() -> None:
            dialog.done(0)
            self.export_follow_ups_to(path)

        plain.clicked.connect(without)
        dialog.accepted.connect(lambda: self.export_follow_ups_to(path, dialog.passphrase()))
        dialog.open()

    def export_follow_ups_to(self, path: Path, password: str | None = None) -> TaskHandle:
        """The follow-up list with names and phones: refused for volunteers, audited for leaders;
        with ``password``, an encrypted workbook (the audit entry says so)."""
        return self._run_export(_export_follow_ups, self._store, self._actor, self.current_scope(), path, EXPORT_LANGUAGE, password)

    def _ask_one_stop_import(self) -> QFileDialog:
        return open_file_dialog(self, self.tr("Import the ward one-stop register"), [self.tr("Spreadsheets (*.xlsx *.csv)")],
                                self.import_one_stop_from)

    def import_one_stop_from(self, path: Path) -> TaskHandle | None:
        """Import the one-stop export ``path`` for the period on the pickers, on the serial writer
        (with progress), then compute the figures again."""
        try:
            period = self.current_period()
        except Exception as exc:
            self._on_error(exc)
            return None
        self.status.setText(self.tr("Importing the one-stop register…"))
        self._busy(True)

        def done(summary: ImportSummary) -> None:
            self._busy(False)
            # said once the figures that count it are on screen (``_show`` clears the status)
            self._status_after_compute = (self.tr("Imported %1 dossiers (%2 online) of the one-stop register")
                                          .replace("%1", str(summary.rows)).replace("%2", str(summary.online)))
            self.refresh()
            self.one_stop_imported.emit(summary.rows)

        # the register is local to this laptop: no synced data changed, nothing to broadcast
        return self._runner.mutate(_import_one_stop, self._store, self._actor, path, period.start, period.last_day,
                                   self._worker_progress.emit, changes=NOTHING, on_done=done, on_error=self._on_error)

    def _run_export(self, fn: Callable[..., Path], *args: Any) -> TaskHandle:
        self.status.setText(self.tr("Exporting…"))
        self._busy(True)

        def done(path: Path) -> None:
            self._busy(False)
            self.status.setText(self.tr("Saved: %1").replace("%1", str(path)))
            self.saved_box = offer_open_folder(self, path, self.tr("Saved: %1").replace("%1", path.name))
            self.exported.emit(str(path))

        # On the serial writer: both exports write the audit log (the file first, then its entry).
        return self._runner.mutate(fn, *args, changes=NOTHING, on_done=done, on_error=self._on_error)
