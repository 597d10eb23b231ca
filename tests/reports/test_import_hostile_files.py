"""Hostile spreadsheets (issue 15): a file that is not a zip but is named .xlsx gets the clear
"damaged or not .xlsx" message (it crashed as "Unexpected error", exit 2), and a zip bomb or a
sheet of too many rows is refused while streaming, before it is read whole."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from outreach.services.context import Actor
from outreach.services.household_import import preview_import
from outreach.spreadsheet_read import HEADER_SCAN_ROWS, MAX_ROWS, SpreadsheetError
from outreach.store.database import Store
from outreach.ui.core.context import UiContext
from outreach.ui.core.i18n import Translations

from .conftest import SmallWard
from .test_household_import import GOOD_ROWS, write_xlsx

SHEET = "xl/worksheets/sheet1.xml"


def not_a_zip(tmp_path: Path) -> Path:
    path = tmp_path / "danh-sach.xlsx"
    path.write_text("Tổ dân phố,Họ tên chủ hộ\nTổ 1,Nguyễn Văn Hùng\n", encoding="utf-8")
    return path


def with_sheet(tmp_path: Path, name: str, write_sheet: Callable[[IO[bytes]], None]) -> Path:
    """A real workbook (openpyxl) whose first sheet's XML is replaced by ``write_sheet``'s."""
    base = write_xlsx(tmp_path / "base.xlsx", GOOD_ROWS)
    path = tmp_path / name
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            if item.filename == SHEET:
                with target.open(SHEET, "w", force_zip64=True) as out:
                    write_sheet(out)
            else:
                target.writestr(item, source.read(item))
    return path


def _rows_xml(out: IO[bytes], count: int) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Tổ dân phố</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>Họ tên chủ hộ</t></is></c></row>'.encode())
    for number in range(2, count + 2):
        out.write(f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>T1</t></is></c>'
                  f'<c r="B{number}" t="inlineStr"><is><t>Hộ {number}</t></is></c></row>'.encode())
    out.write(b"</sheetData></worksheet>")


def test_a_file_that_is_not_a_zip_is_refused_clearly(store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path) -> None:
    with pytest.raises(SpreadsheetError) as refused:
        preview_import(store, leader, not_a_zip(tmp_path))
    assert "không phải .xlsx" in refused.value.message_vi and "not .xlsx" in refused.value.message_en


def test_the_cli_says_why_and_exits_1(tmp_path: Path) -> None:
    env = {**os.environ, "OUTREACH_LANG": "vi"}
    demo = tmp_path / "demo"
    made = subprocess.run([sys.executable, "-m", "outreach.commands.cli", "--data-dir", str(demo), "demo-data", "--households", "5"],
                          capture_output=True, text=True, timeout=300, env=env)
    assert made.returncode == 0, made.stderr
    result = subprocess.run([sys.executable, "-m", "outreach.commands.cli", "--data-dir", str(demo), "import", "households",
                             str(not_a_zip(tmp_path)), "--dry-run"], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 1, result.stderr
    assert "không phải .xlsx" in result.stderr and "Lỗi không mong muốn" not in result.stderr


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_import_dialog_says_why(qtbot, store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path) -> None:
    from outreach.ui.core.tasks import TaskRunner
    from outreach.ui.dialogs.import_dialog import ImportDialog

    runner = TaskRunner()
    try:
        dialog = ImportDialog(UiContext(runner, store, leader, Translations()))
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.failed, timeout=5000) as failed:
            dialog.load_file(not_a_zip(tmp_path))
        assert "không phải .xlsx" in failed.args[0] or "not .xlsx" in failed.args[0]
        assert not dialog.import_button.isEnabled()
    finally:
        runner.shutdown()
        runner.deleteLater()


def test_a_zip_bomb_is_refused_from_the_zip_directory(store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path) -> None:
    """A sheet of a few hundred KB that expands to 300 MB: refused from the declared sizes,
    before a byte of the sheet is parsed."""
    def bomb(out: IO[bytes]) -> None:
        _rows_xml(out, 1)
        chunk = b" " * 1_000_000  # whitespace after the root: compresses ~1000:1
        for _ in range(300):
            out.write(chunk)

    path = with_sheet(tmp_path, "bom.xlsx", bomb)
    assert path.stat().st_size < 2_000_000
    with pytest.raises(SpreadsheetError) as refused:
        preview_import(store, leader, path)
    assert refused.value.code == "import_too_large" and "MB" in refused.value.message_vi
    assert refused.value.rows_read is None  # nothing of the sheet was read


def test_too_many_rows_stop_the_reading_at_the_limit(store: Store, small_ward: SmallWard, leader: Actor, tmp_path: Path) -> None:
    path = with_sheet(tmp_path, "nhieu-dong.xlsx", lambda out: _rows_xml(out, 80_000))
    with pytest.raises(SpreadsheetError) as refused:
        preview_import(store, leader, path)
    assert refused.value.code == "import_too_large" and str(MAX_ROWS) in refused.value.message_vi
    assert refused.value.rows_read is not None and refused.value.rows_read <= MAX_ROWS + HEADER_SCAN_ROWS + 1
