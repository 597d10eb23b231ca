"""The exports' save dialog: Qt's own, in Vietnamese, opening in Documents; "open folder" after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QMessageBox, QTreeView

from outreach.ui.core import file_dialogs
from outreach.ui.core.file_dialogs import documents_folder, offer_open_folder, save_file_dialog
from outreach.ui.core.i18n import Translations
from outreach.ui.dialogs.ask import click_choice


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot) -> Iterator[Path]:
    """A home folder of our own (no user-dirs.dirs: Documents is ~/Documents), Vietnamese UI."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    Translations().apply("vi")
    yield folder


def _texts(dialog) -> set[str]:
    found = {w.text() for w in dialog.findChildren(QLabel)}
    found |= {t for b in dialog.findChildren(QAbstractButton) for t in (b.text(), b.toolTip()) if t}
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        found |= {model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())}
    return found


def test_the_save_dialog_opens_in_documents_with_the_name_and_speaks_vietnamese(qtbot, home: Path) -> None:
    documents = home / "Documents"
    documents.mkdir()
    chosen: list[Path] = []
    dialog = save_file_dialog(None, "Xuất báo cáo", "bao-cao-2026-W47.xlsx", ["Excel (*.xlsx)", "CSV (*.csv)"], chosen.append)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert Path(dialog.directory().absolutePath()) == documents == documents_folder()
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name is not None and name.text() == "bao-cao-2026-W47.xlsx"
    assert dialog.selectedNameFilter() == "Excel (*.xlsx)"
    texts = _texts(dialog)
    for vietnamese in ("&Xem trong:", "&Tên tệp:", "&Loại tệp:", "&Lưu", "Huỷ", "Quay lại", "Tiếp", "Thư mục cha",
                       "Tạo thư mục mới", "Dạng danh sách", "Dạng chi tiết", "Tên", "Kích thước", "Loại", "Ngày sửa"):
        assert vietnamese in texts, vietnamese
    assert not texts & {"Look in:", "&Look in:", "File &name:", "&Save", "Cancel", "Back", "Name", "Size", "Date Modified"}
    dialog.grab().save(str(home / "save-dialog-vi.png"))

    dialog.accept()
    assert chosen == [documents / "bao-cao-2026-W47.xlsx"]


def test_without_a_documents_folder_the_dialog_opens_at_home(qtbot, home: Path) -> None:
    dialog = save_file_dialog(None, "Lưu", "hen-quay-lai.xlsx", ["Excel (*.xlsx)"], lambda _p: None)
    qtbot.addWidget(dialog)
    assert Path(dialog.directory().absolutePath()) == home


def test_replacing_a_file_is_asked_in_vietnamese(qtbot, home: Path) -> None:
    documents = home / "Documents"
    documents.mkdir()
    (documents / "bao-cao.csv").write_text("cũ", encoding="utf-8")
    chosen: list[Path] = []
    dialog = save_file_dialog(None, "Lưu", "bao-cao.csv", ["Excel (*.xlsx)", "CSV (*.csv)"], chosen.append)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    asked: list[str] = []

    def answer_no() -> None:  # Qt asks with a modal box of its own; answer it once it shows
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(20, answer_no)
            return
        asked.append(box.text())
        box.reject()

    QTimer.singleShot(20, answer_no)
    dialog.accept()
    assert asked == ["bao-cao.csv đã có.\nBạn có muốn thay thế tệp đó không?"]
    assert chosen == []  # "Không": nothing chosen, the old file stays


def test_open_folder_after_an_export_opens_the_containing_folder(qtbot, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:  # a desktop file manager cannot run here: record the call
        opened.append(url)
        return True

    monkeypatch.setattr(file_dialogs.QDesktopServices, "openUrl", open_url)
    target = home / "Documents" / "bao-cao.pdf"
    box = offer_open_folder(None, target, "Đã lưu: bao-cao.pdf")
    qtbot.addWidget(box)
    assert "Đã lưu: bao-cao.pdf" in box.text() and box.windowTitle() == "Đã xuất xong"
    click_choice(box, "Mở thư mục")
    assert [u.toLocalFile() for u in opened] == [str(target.parent)]
