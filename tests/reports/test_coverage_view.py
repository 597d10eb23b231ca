"""The Coverage screen: figures computed on a worker thread, shown in tables and charts, exported."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook

pytest.importorskip("PySide6.QtCharts")

from outreach.services import audit  # noqa: E402
from outreach.services import coverage as coverage_service  # noqa: E402
from outreach.services.context import Actor  # noqa: E402
from outreach.store.database import Store  # noqa: E402
from tests.helpers.xlsx import active_sheet

from .conftest import SmallWard  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def runner(qtbot):
    from outreach.ui.core.tasks import TaskRunner

    made = TaskRunner()
    yield made
    made.shutdown()
    made.deleteLater()
    qtbot.wait(1)


def make_view(qtbot, runner, store: Store, actor: Actor):
    from outreach.ui.core.context import UiContext
    from outreach.ui.core.i18n import Translations
    from outreach.ui.screens.coverage_view import CoverageView

    view = CoverageView(UiContext(runner, store, actor, Translations()))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.scope.count() > 1, timeout=5000)  # scopes load in the background
    return view


def test_coverage_is_computed_off_the_gui_thread_and_shown(qtbot, runner, store: Store, small_ward: SmallWard, leader: Actor,
                                                           monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import outreach.ui.screens.coverage_view as module

    threads: list[threading.Thread] = []
    real = coverage_service.compute_coverage

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "compute_coverage", spy)
    view = make_view(qtbot, runner, store, leader)
    view.set_period("2026-W47")
    with qtbot.waitSignal(view.computed, timeout=10_000):
        view.refresh()
    assert threads and threads[0] is not threading.main_thread()

    r = view.report
    assert r is not None and (r.households_visited, r.visits_total, r.filings.filings) == (4, 5, 3)
    assert view.figures["coverage"].text() == "66,7 % (4/6)"
    assert view.figures["visits"].text() == "5"
    assert view.figures["overdue"].text().count("/") == 1
    # f1 and f3 are submitted dossiers, none recorded as filed online; no resident has a birth date
    assert view.figures["online"].text().endswith("(0/2)") and view.figures["vneid"].text() == "– (0/0)"
    groups = view.models["groups"]
    assert groups.rowCount() == 3  # two groups and the total
    assert [groups.index(2, c).data() for c in (1, 2, 3)] == ["6", "4", "66,7 %"]
    assert view.models["trend"].rowCount() == 12
    assert len(view.coverage_chart.chart().series()) == 1
    assert len(view.trend_chart.chart().series()) == 2
    assert "Tuần 47/2026" in view.period_label.text() or "Week 47/2026" in view.period_label.text()

    # another scope: the ward's group B only
    from outreach.services.periods import Scope

    view.set_scope(Scope("group", small_ward["group_b"]))
    with qtbot.waitSignal(view.computed, timeout=10_000):
        view.refresh()
    assert view.report is not None and view.report.households_total == 2

    out = tmp_path / "bao-cao.xlsx"
    with qtbot.waitSignal(view.exported, timeout=20_000):
        view.export_to(out, "xlsx")
    assert load_workbook(out)["Tổng quan"]["B5"].value == 2
    assert any(e.action == audit.EXPORT_AGGREGATE for e in audit.entries(store))


def test_follow_up_export_is_refused_for_a_volunteer_and_audited_for_a_leader(qtbot, runner, store: Store, small_ward: SmallWard,
                                                                              volunteer: Actor, leader: Actor, tmp_path: Path) -> None:
    as_volunteer = make_view(qtbot, runner, store, volunteer)
    assert not as_volunteer.follow_up_button.isEnabled()
    with qtbot.waitSignal(as_volunteer.failed, timeout=10_000) as failed:
        as_volunteer.export_follow_ups_to(tmp_path / "x.xlsx")
    assert "đội trưởng" in failed.args[0] or "team leader" in failed.args[0]
    assert not (tmp_path / "x.xlsx").exists()

    as_leader = make_view(qtbot, runner, store, leader)
    assert as_leader.follow_up_button.isEnabled()
    with qtbot.waitSignal(as_leader.exported, timeout=10_000):
        as_leader.export_follow_ups_to(tmp_path / "hen.xlsx")
    assert active_sheet(tmp_path / "hen.xlsx")["A1"].value == "Ngày hẹn"
    events = [e for e in audit.entries(store) if e.action == audit.EXPORT_PERSONAL_DATA]
    assert len(events) == 1 and events[0].actor_id == leader.member_id


def test_a_bad_range_is_reported_without_computing(qtbot, runner, store: Store, small_ward: SmallWard, leader: Actor) -> None:
    view = make_view(qtbot, runner, store, leader)
    view.set_period("2026-11-01..2026-11-30")
    view.end.setDate(view.start.date().addDays(-3))
    with qtbot.waitSignal(view.failed, timeout=2000):
        view.refresh()
    assert view.report is None


def test_first_show_computes_the_current_week_without_a_click(qtbot, runner, store: Store, small_ward: SmallWard, leader: Actor) -> None:
    view = make_view(qtbot, runner, store, leader)
    assert view.report is None
    with qtbot.waitSignal(view.computed, timeout=10_000):
        view.show()
    assert view.report is not None and view.report.period == view.current_period()
    view.hide()
    view.show()  # showing it again keeps the figures on screen; no recomputation is started
    assert view._task is not None and view._task.finished


def test_exports_write_their_audit_entry_on_the_serial_writer(qtbot, runner, store: Store, small_ward: SmallWard, leader: Actor,
                                                              monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Both exports write the audit log, so they queue behind other writes instead of racing them
    from the read pool (where they ran before)."""
    import outreach.ui.screens.coverage_view as module

    threads: list[str] = []
    for name in ("record_aggregate_export", "export_follow_up_contacts"):
        real = getattr(module, name)

        def spy(*args, _real=real, **kwargs):
            threads.append(threading.current_thread().name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    view = make_view(qtbot, runner, store, leader)
    view.set_period("2026-W47")
    with qtbot.waitSignal(view.computed, timeout=10_000):
        view.refresh()
    with qtbot.waitSignal(view.exported, timeout=20_000):
        view.export_to(tmp_path / "bao-cao.csv", "csv")
    with qtbot.waitSignal(view.exported, timeout=20_000):
        view.export_follow_ups_to(tmp_path / "hen.xlsx")
    assert len(threads) == 2 and all(t.startswith("outreach-write") for t in threads), threads


def test_an_export_asks_where_in_documents_and_offers_to_open_the_folder(qtbot, runner, store: Store, small_ward: SmallWard,
                                                                         leader: Actor, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt, QUrl
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    from outreach.ui.core import file_dialogs
    from outreach.ui.dialogs.ask import click_choice

    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:  # a desktop file manager cannot run here: record the call
        opened.append(url)
        return True

    monkeypatch.setattr(file_dialogs.QDesktopServices, "openUrl", open_url)
    view = make_view(qtbot, runner, store, leader)
    view.set_period("2026-W47")
    with qtbot.waitSignal(view.computed, timeout=10_000):
        view.refresh()

    QTest.mouseClick(view.export_buttons["pdf"], Qt.MouseButton.LeftButton)
    dialog = view.findChild(QFileDialog, "saveFileDialog")
    assert dialog is not None and Path(dialog.directory().absolutePath()) == home / "Documents"
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name is not None and name.text() == "bao-cao-do-bao-phu-2026-W47.pdf"
    with qtbot.waitSignal(view.exported, timeout=20_000) as exported:
        dialog.accept()
    written = home / "Documents" / "bao-cao-do-bao-phu-2026-W47.pdf"
    assert exported.args == [str(written)] and written.read_bytes().startswith(b"%PDF")
    box = view.saved_box
    assert box is not None and written.name in box.text()
    click_choice(box, box.buttons()[0].text())  # "Mở thư mục" / "Open folder": the first choice
    assert [u.toLocalFile() for u in opened] == [str(written.parent)]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_pdf_export_speaks_vietnamese_throughout_whatever_the_profile_language(
        qtbot, runner, store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path, language: str) -> None:
    """A coverage report is the ward's document for the ward office (UBND): Vietnamese in every
    profile, never an English scope or outcome inside Vietnamese headings."""
    from outreach.labels import LABELS
    from outreach.ui.core.context import UiContext
    from outreach.ui.core.i18n import Translations
    from outreach.ui.screens.coverage_view import CoverageView
    from outreach.vocabulary import Outcome
    from tests.reports.test_exports import _pdf_text

    translations = Translations()
    translations.apply(language)
    try:
        view = CoverageView(UiContext(runner, store, leader, translations))
        qtbot.addWidget(view)
        qtbot.waitUntil(lambda: view.scope.count() > 1, timeout=5000)
        view.set_period("2026-W47")
        with qtbot.waitSignal(view.computed, timeout=10_000):
            view.refresh()
        out = tmp_path / "bao-cao.pdf"
        with qtbot.waitSignal(view.exported, timeout=20_000):
            view.export_to(out, "pdf")
    finally:
        Translations().apply("vi")
    text = " ".join(_pdf_text(out).split())
    assert "Phạm vi: Toàn phường" in text and "Whole ward" not in text
    vi_outcomes = [vi for vi, _en in LABELS[Outcome].values()]
    en_outcomes = [en for _vi, en in LABELS[Outcome].values()]
    assert all(word in text for word in vi_outcomes)
    assert not [word for word in en_outcomes if word in text]


def test_the_team_area_tabs_show_the_hand_counted_figures(qtbot, runner, store: Store, ward: dict[str, str], leader: Actor,
                                                          volunteer: Actor) -> None:
    """The area tabs (issue 12) show tests/test_area_coverage.py's hand-counted figures."""
    from tests.helpers.area_ward import build_area_ward

    build_area_ward(store, ward, leader, volunteer)
    view = make_view(qtbot, runner, store, leader)
    view.set_period("2026-11")
    with qtbot.waitSignal(view.computed, timeout=10_000):
        view.refresh()
    teams = view.models["team_areas"]
    assert [row[:4] for row in teams.rows] == [["Đội cơ động số 1", 1, "3/4", pytest.approx(0.75)],
                                               ["Đội cơ động số 2", 1, "2/2", pytest.approx(1.0)]]
    assert teams.total is not None and teams.total[2] == "2/8"
    assert [row[:3] for row in view.models["outing_weeks"].rows][1] == ["Đội cơ động số 1", "2026-W46", 2]
    assert [row[3] for row in view.models["targets"].rows] == ["4/8", "2/4", "2/5", "2/10"]


def test_the_leader_imports_the_one_stop_register_off_the_gui_thread(qtbot, runner, store: Store, small_ward: SmallWard,
                                                                     leader: Actor, volunteer: Actor, tmp_path: Path) -> None:
    """Week 47's register: the team's H01.12-261116-0001 and a dossier of the ward's own, both
    online; f3's code was received at the counter → the team's share of the online intake 1/2."""
    register = tmp_path / "mot-cua.csv"
    register.write_text("Mã hồ sơ,Thủ tục,Ngày tiếp nhận,Hình thức nộp\n"
                        "H01.12-261116-0001,1.001193,16/11/2026,Trực tuyến\n"
                        "H01.12-261117-0003,1.000894,17/11/2026,Trực tiếp\n"
                        "H01.12-261118-0099,1.004222,18/11/2026,Trực tuyến\n", encoding="utf-8")
    assert not make_view(qtbot, runner, store, volunteer).one_stop_button.isEnabled()
    view = make_view(qtbot, runner, store, leader)
    view.set_period("2026-W47")
    with qtbot.waitSignal(view.computed, timeout=10_000):
        view.refresh()
    assert view.one_stop_button.isEnabled()
    assert view.one_stop_label.text() in ("Ward one-stop register: not imported for this period",
                                          "Sổ tiếp nhận hồ sơ một cửa của phường: chưa nhập cho kỳ này")
    with qtbot.waitSignal(view.computed, timeout=20_000):
        with qtbot.waitSignal(view.one_stop_imported, timeout=20_000) as imported:
            view.import_one_stop_from(register)
    assert imported.args == [3]
    assert view.report is not None and view.report.one_stop.team_share.text() == "1/2"
    assert "(1/2)" in view.one_stop_label.text() and "7/7" in view.one_stop_label.text()
    assert "3" in view.status.text()

    bad = tmp_path / "sai.csv"
    bad.write_text("Mã hồ sơ,Thủ tục,Ngày tiếp nhận,Hình thức nộp\nH01.12-X,1.001193,30/11/2026,Trực tuyến\n", encoding="utf-8")
    with qtbot.waitSignal(view.failed, timeout=10_000) as failed:
        view.import_one_stop_from(bad)
    assert "2" in failed.args[0] and ("ngoài kỳ" in failed.args[0] or "outside the period" in failed.args[0])


def test_follow_up_export_with_a_password_opens_only_with_it_and_the_audit_says_so(qtbot, runner, store: Store, small_ward: SmallWard,
                                                                                  leader: Actor, tmp_path: Path) -> None:
    import io
    import zipfile

    import msoffcrypto
    from PySide6.QtWidgets import QDialogButtonBox, QPushButton

    view = make_view(qtbot, runner, store, leader)
    save = view._ask_follow_up_export()
    target = tmp_path / "hen-bao-ve.xlsx"
    save.selectFile(str(target))
    save.accept()
    dialog = view.password_dialog
    qtbot.keyClicks(dialog.first, "ngan")
    qtbot.keyClicks(dialog.second, "ngan")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "8" in dialog.error.text()  # too short: asked again, nothing written
    for field in (dialog.first, dialog.second):
        field.clear()
        qtbot.keyClicks(field, "mat-khau-doi-1")
    with qtbot.waitSignal(view.exported, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    with pytest.raises(zipfile.BadZipFile):
        load_workbook(target)
    plain = io.BytesIO()
    with target.open("rb") as sealed:
        opened = msoffcrypto.OfficeFile(sealed)
        opened.load_key(password="mat-khau-doi-1")
        opened.decrypt(plain)
    sheet = load_workbook(plain).active
    assert sheet is not None and sheet["A1"].value == "Ngày hẹn"
    events = [e for e in audit.entries(store) if e.action == audit.EXPORT_PERSONAL_DATA]
    assert len(events) == 1 and events[0].detail["password_protected"] is True and events[0].detail["destination"] == str(target)

    # the leader may choose a plain workbook: said so in the audit
    view._follow_up_chosen(tmp_path / "hen-khong-mat-khau.xlsx")
    with qtbot.waitSignal(view.exported, timeout=10_000):
        view.password_dialog.findChild(QPushButton, "exportWithoutPassword").click()
    assert active_sheet(tmp_path / "hen-khong-mat-khau.xlsx")["A1"].value == "Ngày hẹn"
    latest = [e for e in audit.entries(store) if e.action == audit.EXPORT_PERSONAL_DATA][0]
    assert latest.detail["password_protected"] is False
