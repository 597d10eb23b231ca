"""The import dialog: columns mapped from the headers, rows checked off the GUI thread, errors
block the import, a clean file imports in one go."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from outreach.model import Household
from outreach.services.context import Actor
from outreach.store.database import Store
from outreach.ui.core.context import UiContext
from outreach.ui.core.i18n import Translations

from .conftest import SmallWard

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def runner(qtbot):
    from outreach.ui.core.tasks import TaskRunner

    made = TaskRunner()
    yield made
    made.shutdown()
    made.deleteLater()
    qtbot.wait(1)


def count(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(Household).where(Household.deleted.is_(False))) or 0


def test_check_then_import(qtbot, runner, store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path) -> None:
    from outreach.ui.dialogs.import_dialog import ImportDialog

    bad = tmp_path / "loi.csv"
    bad.write_text("Tổ dân phố,Họ tên chủ hộ,Số nhà,Đường,Ghi chép\nTổ 1,Ngô Thị Yến,8,Văn Cao,\nTổ 7,,9,Văn Cao,\n", encoding="utf-8-sig")
    dialog = ImportDialog(UiContext(runner, store, leader, Translations()))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.load_file(bad)
    assert dialog.current_mapping() == {0: "group", 1: "head_name", 2: "house_number", 3: "street"}
    dialog.set_mapping(4, "notes")
    with qtbot.waitSignal(dialog.previewed, timeout=5000):
        dialog.check()
    assert dialog.preview is not None and (dialog.preview.ready, dialog.preview.errors) == (1, 1)
    assert not dialog.import_button.isEnabled() and dialog.report_button.isEnabled()
    assert dialog.rows_model.rowCount() == 2
    assert "Tổ 7" in dialog.rows_model.index(1, 4).data()
    report = tmp_path / "tu-choi.csv"
    dialog.save_rejected(report)
    qtbot.waitUntil(report.exists, timeout=5000)

    good = tmp_path / "tot.csv"
    good.write_text("Tổ dân phố,Họ tên chủ hộ,Số nhà,Đường\nTổ 1,Ngô Thị Yến,8,Văn Cao\nTổ 2,Lý Văn Sơn,10,Văn Cao\n", encoding="utf-8-sig")
    before = count(store)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.load_file(good)
    with qtbot.waitSignal(dialog.previewed, timeout=5000):
        dialog.check()
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as done:
        dialog.commit()
    assert done.args == [2] and count(store) == before + 2


def test_unreadable_file_says_why(qtbot, runner, store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path) -> None:
    from outreach.ui.dialogs.import_dialog import ImportDialog

    path = tmp_path / "tcvn3.csv"
    path.write_bytes("Tæ d©n phè,Hä tªn chñ hé\r\nTæ 1,NguyÔn V¨n Hïng\r\n".encode("cp1252"))
    dialog = ImportDialog(UiContext(runner, store, leader, Translations()))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=5000) as failed:
        dialog.load_file(path)
    assert "TCVN3" in failed.args[0]
    assert not dialog.import_button.isEnabled()


def test_the_rejected_rows_are_saved_through_the_documents_dialog(qtbot, runner, store: Store, small_ward: SmallWard,
                                                                   leader: Actor, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    from outreach.ui.dialogs.import_dialog import ImportDialog

    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    bad = tmp_path / "to-7.csv"
    bad.write_text("Tổ dân phố,Họ tên chủ hộ,Số nhà,Đường\nTổ 7,,9,Văn Cao\n", encoding="utf-8-sig")
    dialog = ImportDialog(UiContext(runner, store, leader, Translations()))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.load_file(bad)
    with qtbot.waitSignal(dialog.previewed, timeout=5000):
        dialog.check()

    QTest.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    save = dialog.findChild(QFileDialog, "saveFileDialog")
    assert save is not None and Path(save.directory().absolutePath()) == home / "Documents"
    name = save.findChild(QLineEdit, "fileNameEdit")
    assert name is not None and name.text() == "dong-bi-tu-choi-to-7.xlsx"
    save.accept()
    qtbot.waitUntil(lambda: dialog.saved_box is not None, timeout=5000)
    assert (home / "Documents" / "dong-bi-tu-choi-to-7.xlsx").exists()
    assert dialog.saved_box is not None and "dong-bi-tu-choi-to-7.xlsx" in dialog.saved_box.text()
